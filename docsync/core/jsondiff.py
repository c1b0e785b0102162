"""``json_diff``: the RFC 6902 ops that turn one JSON value into another.

Used by the document for props that a model type declares diffed (``Model._diffed_props``):
a large JSON value (a Plotly figure) of which one small part changed is sent as ops under
the prop's path instead of a whole ``replace`` (PROTOCOL.md §4: ops are RFC 6902, at any
depth). Pure: no I/O, and the result depends only on the two values.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["escape_token", "json_diff"]

JSON = Any
Op = dict[str, JSON]


def escape_token(token: str) -> str:
    """One RFC 6901 reference token, escaped (§4: ``~`` as ``~0`` first, then ``/``)."""
    return token.replace("~", "~0").replace("/", "~1")


def _same(a: JSON, b: JSON) -> bool:
    # Python's == holds 1 == 1.0 == True; JSON does not: a changed type is a change.
    if type(a) is not type(b) or a != b:
        return False
    if isinstance(a, dict):
        return all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    return True


def _diff(old: JSON, new: JSON, path: str) -> list[Op]:
    if _same(old, new):
        return []
    replace: list[Op] = [{"op": "replace", "path": path, "value": new}]
    ops: list[Op] = []
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            if key not in new:
                ops.append({"op": "remove", "path": f"{path}/{escape_token(key)}"})
        for key, value in new.items():
            child = f"{path}/{escape_token(key)}"
            if key in old:
                ops.extend(_diff(old[key], value, child))
            else:
                ops.append({"op": "add", "path": child, "value": value})
    elif isinstance(old, list) and isinstance(new, list):
        common = min(len(old), len(new))
        for i in range(common):
            ops.extend(_diff(old[i], new[i], f"{path}/{i}"))
        # Removed from the end backwards, so that each index is still valid when applied.
        ops.extend({"op": "remove", "path": f"{path}/{i}"}
                   for i in range(len(old) - 1, common - 1, -1))
        ops.extend({"op": "add", "path": f"{path}/{i}", "value": new[i]}
                   for i in range(common, len(new)))
    else:
        return replace
    # At every level, the shorter of the two: ops for what changed inside, or one replace.
    if len(ops) > 1 and len(_dumps(ops)) >= len(_dumps(replace)):
        return replace
    return ops


def json_diff(old: JSON, new: JSON, path: str) -> list[Op]:
    """RFC 6902 ops that, applied to a document holding ``old`` at JSON pointer ``path``,
    leave ``new`` there; ``[]`` when the two are equal (types included: ``1`` is not
    ``1.0``).

    Objects are compared key by key and arrays index by index (an array that grew or
    shrank gets ``add`` or ``remove`` ops at its end), so a change deep inside a large value
    is a few small ops. Wherever the ops for what changed inside an object or array would
    be longer, as JSON, than the object or array itself, they are one ``replace`` of it
    instead. ``path`` must already be escaped.
    """
    return _diff(old, new, path)


def _dumps(value: JSON) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
