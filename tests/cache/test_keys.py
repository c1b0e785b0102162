"""Keys of calls: one key per meaning of a call, whatever its spelling."""

from __future__ import annotations

import pytest

from docsync.cache.keys import Binder, KeyMaker
from docsync.exceptions import UnhashableError


def f(a, b=2, _conn=None):
    return a + b


def g(a, /, *rest, key="k", **options):
    return a


def h(a, *, b, c=3):
    return a


def test_positional_keyword_and_default_spellings_bind_alike():
    binder = Binder(f)
    expected = [("a", 1), ("b", 2)]
    assert binder.bind((1,), {}) == expected
    assert binder.bind((1, 2), {}) == expected
    assert binder.bind((), {"a": 1}) == expected
    assert binder.bind((), {"b": 2, "a": 1}) == expected
    assert binder.bind((1,), {"_conn": object()}) == expected  # skipped


def test_variadic_signatures_bind_with_keywords_in_any_order():
    binder = Binder(g)
    assert binder.bind((1, 2, 3), {"y": 1, "x": 2}) == binder.bind((1, 2, 3), {"x": 2, "y": 1})
    assert binder.bind((1, 2), {"_private": 5}) == [("a", 1), ("rest", (2,)), ("key", "k")]


def test_keyword_only_parameters_bind_in_signature_order():
    binder = Binder(h)
    assert binder.bind((1,), {"b": 2}) == [("a", 1), ("b", 2), ("c", 3)]
    assert binder.bind((), {"c": 3, "b": 2, "a": 1}) == [("a", 1), ("b", 2), ("c", 3)]


@pytest.mark.parametrize("fn, args, kwargs", [
    (f, (), {}), (f, (1, 2, 3, 4), {}), (f, (1,), {"a": 1}), (f, (1,), {"c": 3}),
    (h, (1, 2), {}), (h, (1,), {}), (h, (1,), {"b": 2, "d": 4})])
def test_calls_the_function_would_refuse_raise_its_type_error(fn, args, kwargs):
    with pytest.raises(TypeError):
        Binder(fn).bind(args, kwargs)


def test_keys_differ_by_arguments_session_and_closure_not_by_skipped_names():
    keys = KeyMaker(f)
    base = keys.key((1,), {})
    assert keys.key((), {"a": 1, "b": 2, "_conn": "x"}) == base
    assert keys.key((2,), {}) != base
    assert keys.key((1,), {}, session_id="s1") != base
    assert keys.key((1,), {}, session_id="s1") != keys.key((1,), {}, session_id="s2")


def test_an_unhashable_keyword_of_kwargs_is_named():
    with pytest.raises(UnhashableError, match=r"argument '\*\*conn' of g\(\).*pass it as '_conn'"):
        KeyMaker(g).key((1,), {"conn": object()})


def test_an_unhashable_closure_variable_is_named():
    class Client:
        pass

    client = Client()

    def fetch(x):
        return client, x

    with pytest.raises(UnhashableError, match=r"closure variable 'client' of .*fetch\(\).*"
                                              r"rename the variable to '_client'"):
        KeyMaker(fetch).key((1,), {})
