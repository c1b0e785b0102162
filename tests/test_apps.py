import pytest

import docsync as ds
from docsync.app_loader import load_apps
from docsync.apps import FunctionApp, ObjectApp, ScriptApp
from docsync.exceptions import AppError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_script_runs_once_per_build_and_shows_its_servables(tmp_path):
    counter = tmp_path / "runs"
    path = write(tmp_path, "app.py", f"""
import docsync as ds
from pathlib import Path
p = Path({str(counter)!r}); p.write_text(p.read_text() + "x" if p.exists() else "x")
ds.pane.Markdown("hidden")
ds.Column("shown").servable(title="Mine")
""")
    app = ScriptApp(path)
    assert not counter.exists()  # loading compiles; it does not run
    first, second = app.build(), app.build()
    assert counter.read_text() == "xx"
    assert first.title == "Mine" and len(first.roots) == 1
    assert first.roots[0] is not second.roots[0]  # each session its own models


def test_script_errors_become_error_pages(tmp_path):
    raising = ScriptApp(write(tmp_path, "bad.py", "raise ValueError('nope')\n"))
    built = raising.build()
    assert built.failed and "ValueError: nope" in built.roots[0][1].object
    syntax = ScriptApp(write(tmp_path, "syn.py", "def (:\n"))
    assert syntax.build().failed and "SyntaxError" in syntax.build().roots[0][1].object
    empty = ScriptApp(write(tmp_path, "empty.py", "x = 1\n"))
    assert "servable" in empty.build().roots[0][1].object


def test_missing_script_is_an_app_error(tmp_path):
    with pytest.raises(AppError, match="not found"):
        ScriptApp(tmp_path / "nope.py")


def test_function_and_object_apps():
    calls = []

    def make():
        calls.append(1)
        return ds.Column("hi")

    fn = FunctionApp(make)
    fn.build()
    fn.build()
    assert len(calls) == 2
    obj = ObjectApp("# shared")
    assert obj.build().roots[0] is obj.build().roots[0]


def test_load_apps_paths(tmp_path):
    a = write(tmp_path, "a.py", "")
    b = write(tmp_path, "b.py", "")
    assert list(load_apps([a, b])) == ["a", "b"]
    assert list(load_apps({"/x/y": lambda: "hi", "z": "# z"})) == ["x/y", "z"]
    with pytest.raises(AppError, match="two apps"):
        load_apps([a, a])
    with pytest.raises(AppError, match="cannot be an app path"):
        load_apps({"_docsync": "x"})
