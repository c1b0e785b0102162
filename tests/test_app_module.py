"""``docsync.app_module``: a fresh module per run, with a name stable across runs."""

from __future__ import annotations

import sys
from pathlib import Path

from docsync.app_module import app_module, stable_module_name


def test_each_run_is_a_fresh_module_with_a_stable_name(tmp_path: Path) -> None:
    app = tmp_path / "my-app.py"
    with app_module(app) as first, app_module(app) as second:
        assert first is not second and first.__name__ != second.__name__
        assert sys.modules[first.__name__] is first
        assert stable_module_name(first.__name__) == stable_module_name(second.__name__)
        assert first.__file__ == str(app)
    assert first.__name__ not in sys.modules


def test_two_app_files_never_share_a_stable_name(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    with app_module(tmp_path / "app.py") as one, app_module(tmp_path / "a" / "app.py") as two:
        assert stable_module_name(one.__name__) != stable_module_name(two.__name__)


def test_dotted_names_keep_their_qualname_and_other_names_are_unchanged(tmp_path: Path) -> None:
    with app_module(tmp_path / "app.py") as module:
        stable = stable_module_name(module.__name__)
        assert stable_module_name(f"{module.__name__}.Cls.method") == f"{stable}.Cls.method"
    for name in ("pandas", "pandas.DataFrame", "__main__.MyClass", "__docsync_app__x"):
        assert stable_module_name(name) == name
