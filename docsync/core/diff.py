"""Smaller patches for large props: the RFC 6902 ops that turn one JSON value into another.

A model type names the props worth diffing (``Model._diffed_props``, such as a table's rows);
for those the document sends the ops this module computes instead of one ``replace`` of the
whole value (PROTOCOL.md §3: any RFC 6902 op below a prop's path). Pure: JSON in, ops out.
"""

from __future__ import annotations

from typing import Any

__all__ = ["diff_ops"]

JSON = Any

#: Beyond this share of a list's items changed, one ``replace`` of the list is smaller.
_MOST = 0.5


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")  # RFC 6901 §3


def diff_ops(path: str, old: JSON, new: JSON) -> list[dict[str, JSON]]:
    """Ops that turn ``old`` into ``new`` at ``path``: dicts with the same keys are diffed
    key by key; a list by its common head and tail (so appended, removed or changed items
    cost one op each); anything else, or a list whose changes touch most of it, is one
    ``replace``. Costs one pass over both values."""
    if type(old) is dict and type(new) is dict and old.keys() == new.keys():
        ops: list[dict[str, JSON]] = []
        for key, value in new.items():
            if old[key] != value:
                ops.extend(diff_ops(f"{path}/{_escape(str(key))}", old[key], value))
        return ops
    if type(old) is list and type(new) is list:
        ops = _list_ops(path, old, new)
        if len(ops) <= max(1, int(len(new) * _MOST)):
            return ops
    return [{"op": "replace", "path": path, "value": new}]


def _list_ops(path: str, old: list[JSON], new: list[JSON]) -> list[dict[str, JSON]]:
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    removed = old[head:len(old) - tail]
    added = new[head:len(new) - tail]
    if len(removed) == len(added):
        return [{"op": "replace", "path": f"{path}/{head + i}", "value": item}
                for i, (was, item) in enumerate(zip(removed, added, strict=True)) if was != item]
    ops: list[dict[str, JSON]] = [{"op": "remove", "path": f"{path}/{head}"} for _ in removed]
    ops.extend({"op": "add", "path": f"{path}/{head + i}", "value": item}
               for i, item in enumerate(added))
    return ops
