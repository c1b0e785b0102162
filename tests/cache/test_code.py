"""The code part of the key: editing what a cached function runs invalidates its entries."""

from __future__ import annotations

import importlib
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from docsync.cache.code import FunctionCode

MODULE = '''
CALLS = []
FACTOR = {factor}


def helper(x):
    return x + {step}  # {comment}


class Scaler:
    def scale(self, x):
        return self.offset(x) * FACTOR

    def offset(self, x):
        return x + {offset}


def compute(x):
    CALLS.append(x)
    return Scaler().scale(helper(x))
'''


@pytest.fixture
def module(tmp_path: Path, request):
    """``write(**values)`` writes and (re)imports a module from MODULE; removed at teardown."""
    name = f"cached_mod_{request.node.name}"
    path = tmp_path / f"{name}.py"
    sys.path.insert(0, str(tmp_path))

    def write(*, factor=2, step=1, offset=0, comment="add"):
        source = textwrap.dedent(MODULE).format(factor=factor, step=step, offset=offset,
                                                comment=comment)
        path.write_text(source)
        # A pyc with the old source's size and mtime would be reused: drop it.
        shutil.rmtree(tmp_path / "__pycache__", ignore_errors=True)
        importlib.invalidate_caches()
        if name in sys.modules:
            return importlib.reload(sys.modules[name])
        return importlib.import_module(name)

    yield write
    sys.path.remove(str(tmp_path))
    sys.modules.pop(name, None)


def test_editing_a_helper_in_the_same_module_invalidates(cache, module):
    mod = module()
    assert cache(mod.compute)(1) == (1 + 1) * 2
    assert cache(mod.compute)(1) == 4 and mod.CALLS == [1]

    mod = module()  # re-imported unchanged (autoreload): still cached
    assert cache(mod.compute)(1) == 4 and mod.CALLS == []

    mod = module(comment="a comment edit compiles to the same code")
    assert cache(mod.compute)(1) == 4 and mod.CALLS == []

    mod = module(step=10)  # the helper changed
    assert cache(mod.compute)(1) == (1 + 10) * 2 and mod.CALLS == [1]


def test_editing_a_method_a_module_constant_or_rebinding_a_helper_invalidates(cache, module):
    mod = module()
    compute = cache(mod.compute)
    assert compute(1) == 4
    mod = module(offset=5)  # a method of a class the function uses
    compute = cache(mod.compute)
    assert compute(1) == (2 + 5) * 2 and mod.CALLS == [1]
    mod = module(offset=5, factor=3)  # a module-level constant
    compute = cache(mod.compute)
    assert compute(1) == (2 + 5) * 3 and mod.CALLS == [1]
    mod.helper = lambda x: x * 100  # rebound at run time, without a re-import
    assert compute(1) == (100 + 5) * 3 and mod.CALLS == [1, 1]
    assert compute(1) == 315 and mod.CALLS == [1, 1]


def test_an_edit_frees_the_entries_of_the_old_code(cache, module):
    mod = module()
    compute = cache(mod.compute)
    for x in range(5):
        compute(x)
    assert compute.info().entries == 5
    mod = module(step=2)
    compute = cache(mod.compute)
    compute(0)
    assert compute.info().entries == 1


def test_closures_over_different_values_do_not_share_entries(cache):
    def make(n):
        @cache
        def times(x):
            return x * n
        return times

    double, triple = make(2), make(3)
    assert (double(5), triple(5), double(5)) == (10, 15, 10)


def test_closure_values_are_part_of_the_key_unless_named_with_an_underscore(cache):
    scale, _seen = [2], []

    @cache
    def scaled(x):
        _seen.append(x)  # left out of the key: appending to it changes nothing
        return x * scale[0]

    assert scaled(1) == 2 and scaled(1) == 2 and _seen == [1]
    scale[0] = 3  # the closure's content changed: a new key, not a stale hit
    assert scaled(1) == 3 and _seen == [1, 1]


def test_functions_passed_as_arguments_are_hashed_by_code_and_closure(cache):
    _calls = []

    @cache
    def apply(fn, x):
        _calls.append(x)
        return fn(x)

    def adder(n):
        return lambda x: x + n

    assert apply(adder(1), 1) == 2
    assert apply(adder(2), 1) == 3  # same code, another closure value
    assert apply(lambda x: x * 10, 1) == 10
    assert apply(adder(1), 1) == 2 and len(_calls) == 3


def test_the_digest_is_stable_and_cheap_to_recheck():
    def f(x):
        return helper_for_digest(x)

    code = FunctionCode(f)
    first = code.digest()
    assert code.digest() is first  # no recomputation while nothing was rebound
    assert FunctionCode(f).digest() == first


def helper_for_digest(x):
    return x
