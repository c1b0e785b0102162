"""docsync.exceptions: one tree, drawn in its docstring, and no error classes elsewhere."""

from __future__ import annotations

import ast
import inspect
import pickle
import re
import threading
from pathlib import Path

import pytest

import docsync
from docsync import exceptions
from docsync.bokehjs import bokehjs_path
from docsync.cluster import codec
from docsync.runtime.store import SessionStore

ROOT = Path(docsync.__file__).parent
#: Exception classes allowed outside docsync/exceptions.py: signals that never leave the
#: module raising them (each says so in a comment where it is defined).
PRIVATE_SIGNALS = {("cache/hashing/walk.py", "Unhashable"), ("cache/flight.py", "Abandoned")}
ERROR_BASES = {"Exception", "BaseException", "TypeError", "ValueError", "LookupError",
               "KeyError", "AssertionError", "RuntimeError", "OSError", "AttributeError"}


def tree_line(cls: type[BaseException]) -> str:
    """The line of the docstring's tree that draws ``cls`` (empty if none does)."""
    doc = exceptions.__doc__ or ""
    match = re.search(rf"^[ │├└─]*{cls.__name__}( .*)?$", doc, re.MULTILINE)
    return match.group(0) if match else ""


def error_classes() -> list[type[BaseException]]:
    return [obj for name in exceptions.__all__
            if inspect.isclass(obj := getattr(exceptions, name))
            and issubclass(obj, BaseException)]


@pytest.mark.parametrize("cls", error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_is_in_the_tree_and_drawn(cls: type[BaseException]) -> None:
    assert issubclass(cls, exceptions.DocsyncError)
    assert tree_line(cls), f"{cls.__name__} not drawn in the tree"
    assert cls.__doc__, f"{cls.__name__} has no docstring"


def test_every_error_carries_its_code() -> None:
    for cls in error_classes():
        if issubclass(cls, exceptions.Refused) and cls is not exceptions.Refused:
            assert cls.code != exceptions.Refused.code, cls
        if issubclass(cls, exceptions.CloseConnection) and cls is not exceptions.CloseConnection:
            assert f"{cls.close_code}" in tree_line(cls), cls
        if issubclass(cls, exceptions.HTTPRefused) and cls is not exceptions.HTTPRefused:
            assert f"{cls.status}:" in tree_line(cls), cls


def test_no_error_class_is_defined_outside_exceptions_py() -> None:
    found = set()
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "exceptions.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(base).split(".")[-1] in ERROR_BASES
                    or ast.unparse(base).split(".")[-1] in exceptions.__all__
                    for base in node.bases):
                found.add((rel, node.name))
    assert found == PRIVATE_SIGNALS


def test_python_bases_are_kept_for_callers_that_catch_them() -> None:
    assert issubclass(exceptions.UnhashableError, TypeError)
    assert issubclass(exceptions.UnpicklableValue, TypeError)
    assert issubclass(exceptions.ArgumentError, TypeError)
    assert issubclass(exceptions.BadSignature, ValueError)
    assert issubclass(exceptions.BokehJSNotFound, LookupError)
    assert issubclass(exceptions.ProtocolMismatch, AssertionError)
    assert issubclass(exceptions.StackError, RuntimeError)


def test_bad_signature_says_what_to_do() -> None:
    blob = codec.dumps({"a": 1}, b"one key")
    with pytest.raises(exceptions.BadSignature, match="same key"):
        codec.loads(blob, b"another key")
    assert codec.loads(blob, b"one key") == {"a": 1}


def test_bokehjs_not_found_carries_404_and_says_why() -> None:
    with pytest.raises(exceptions.BokehJSNotFound) as info:
        bokehjs_path("0.0.0", "evil.js")
    assert info.value.status == 404
    assert "evil.js" in str(info.value) or "bokeh is not installed" in str(info.value)


def test_unpicklable_value_names_the_key_and_the_fix() -> None:
    store = SessionStore(require_picklable=True)
    with pytest.raises(exceptions.UnpicklableValue, match=r"'lock'.*store its data instead"):
        store["lock"] = threading.Lock()
    store["n"] = 1
    assert pickle.loads(pickle.dumps(store["n"])) == 1


def test_old_public_locations_still_export_their_errors() -> None:
    from docsync.cache import UnhashableError
    from docsync.testing import ProtocolMismatch
    from docsync.testing.stack import StackError

    assert UnhashableError is exceptions.UnhashableError
    assert ProtocolMismatch is exceptions.ProtocolMismatch
    assert StackError is exceptions.StackError
