"""docsync/core/diff.py: the ops of a diffed prop turn the old value into the new one, and
cost one op per changed item."""

import copy

import jsonpatch
import pytest

from docsync.core.diff import diff_ops

ROWS = [[i, f"r{i}"] for i in range(10)]


@pytest.mark.parametrize(("old", "new", "count"), [
    ({"rows": ROWS, "total": 10}, {"rows": [*ROWS, [10, "r10"]], "total": 11}, 2),  # append
    ({"rows": ROWS}, {"rows": [*ROWS[:3], [3, "x"], *ROWS[4:]]}, 1),  # one row patched
    ({"rows": ROWS}, {"rows": ROWS[:5] + ROWS[6:]}, 1),  # one row removed
    ({"rows": ROWS}, {"rows": [[9 - i, "z"] for i in range(10)]}, 1),  # most changed: replace
    ({"a/b": 1, "c~": [1]}, {"a/b": 2, "c~": [1]}, 1),  # keys escaped (RFC 6901)
    ({"a": 1}, {"b": 1}, 1),  # other keys: replace
    ([], [1, 2, 3], 1),
])
def test_ops_turn_old_into_new(old, new, count):
    ops = diff_ops("/p", old, new)
    assert len(ops) == count
    doc = {"p": copy.deepcopy(old)}
    assert jsonpatch.apply_patch(doc, ops) == {"p": new}
