"""Smaller patches for large props: the RFC 6902 ops that turn one JSON value into another.

A model type names the props worth diffing (``Model._diffed_props``: a table's rows, a
Plotly figure); for those the document sends the ops this module computes instead of one
``replace`` of the whole value (PROTOCOL.md §3, §4: RFC 6902 ops may address any path below
a prop). Pure: JSON in, ops out; the result depends only on the two values.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["diff_ops", "escape_token"]

JSON = Any
Op = dict[str, JSON]

#: Beyond this share of an object's keys or a list's items changed, one ``replace`` of it
#: is about as small as the ops, and simpler to apply.
_MOST = 0.5


def escape_token(token: str) -> str:
    """One RFC 6901 reference token, escaped (§4: ``~`` as ``~0`` first, then ``/``)."""
    return token.replace("~", "~0").replace("/", "~1")


def same(a: JSON, b: JSON) -> bool:
    """JSON equality: Python's ``==`` holds ``1 == 1.0 == True``, JSON does not, so a value
    whose type changed is a change."""
    if type(a) is not type(b) or a != b:
        return False
    if isinstance(a, dict):
        return all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return all(same(x, y) for x, y in zip(a, b, strict=True))
    return True


def diff_ops(path: str, old: JSON, new: JSON) -> list[Op]:
    """Ops that, applied where ``path`` (already escaped) holds ``old``, leave ``new``;
    ``[]`` when the two are the same JSON.

    Objects are compared key by key (keys removed, added, or changed deeper down), unless
    one ``replace`` of the object is shorter as JSON than the ops. A list
    is compared by its common head and tail, so items appended, inserted or removed cost an
    op each, and an item changed in place is diffed in turn (a Plotly trace whose ``y``
    changed is one op on ``y``); when the ops for more than half of a list's items would
    be needed, the list is one ``replace`` instead. Cost: one pass over both values.
    """
    if same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        ops = _dict_ops(path, old, new)
        replace: list[Op] = [{"op": "replace", "path": path, "value": new}]
        # Several ops may outweigh the object itself (a small one that changed much).
        if len(ops) > 1 and len(_dumps(ops)) >= len(_dumps(replace)):
            return replace
        return ops
    if isinstance(old, list) and isinstance(new, list):
        ops = _list_ops(path, old, new)
        if len(ops) <= max(1, int(len(new) * _MOST)):
            return ops
    return [{"op": "replace", "path": path, "value": new}]


def _dumps(value: JSON) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def _dict_ops(path: str, old: dict[str, JSON], new: dict[str, JSON]) -> list[Op]:
    ops: list[Op] = [{"op": "remove", "path": f"{path}/{escape_token(key)}"}
                     for key in old if key not in new]
    for key, value in new.items():
        child = f"{path}/{escape_token(key)}"
        if key in old:
            ops.extend(diff_ops(child, old[key], value))
        else:
            ops.append({"op": "add", "path": child, "value": value})
    return ops


def _list_ops(path: str, old: list[JSON], new: list[JSON]) -> list[Op]:
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and same(old[head], new[head]):
        head += 1
    tail = 0
    while tail < shortest - head and same(old[-1 - tail], new[-1 - tail]):
        tail += 1
    removed = old[head:len(old) - tail]
    added = new[head:len(new) - tail]
    if len(removed) == len(added):  # changed in place: each item diffed in turn
        ops: list[Op] = []
        for i, (was, item) in enumerate(zip(removed, added, strict=True)):
            ops.extend(diff_ops(f"{path}/{head + i}", was, item))
        return ops
    ops = [{"op": "remove", "path": f"{path}/{head}"} for _ in removed]
    ops.extend({"op": "add", "path": f"{path}/{head + i}", "value": item}
               for i, item in enumerate(added))
    return ops
