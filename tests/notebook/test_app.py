"""NotebookApp: a notebook run once per session, showing its servables or its outputs."""

from __future__ import annotations

import pytest

import docsync as pn
from docsync.app_loader import load_apps
from docsync.exceptions import AppError
from docsync.notebook.app import NotebookApp
from docsync.testing import LocalClient
from tests.notebook.support import code, markdown, write_notebook


def kinds(built) -> list[str]:
    return [type(m).__name__ for m in built.roots]


def test_outputs_in_order_when_nothing_is_servable(tmp_path):
    runs = tmp_path / "runs"
    path = write_notebook(
        tmp_path / "demo.ipynb",
        markdown("# A notebook"),
        code(f"""
import docsync as ds
from pathlib import Path
p = Path({str(runs)!r}); p.write_text(p.read_text() + "x" if p.exists() else "x")
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
x"""),
        code("display('shown first', ds.pane.Str('and this'))\nhidden = 1"),
        code("ds.bind(lambda v: f'x is {v}', x)"),
        code("None"),
        code("x;"),
    )
    app = NotebookApp(path)
    assert not runs.exists()  # loading reads the cells; it runs nothing
    first, second = app.build(), app.build()
    assert runs.read_text() == "xx"  # once per session
    assert kinds(first) == ["IntSlider", "Markdown", "Str", "ParamFunction"]
    assert first.roots[0] is not second.roots[0]  # each session its own models
    assert first.title == "demo"


def test_ipython_s_display_imported_shows_as_in_jupyter(tmp_path):
    path = write_notebook(
        tmp_path / "imports.ipynb",
        code("import docsync as ds\nfrom IPython.display import display, HTML as _HTML"),
        code("display(ds.pane.Str('one'))"),
        code("def later():\n    from IPython.core.display import display as show\n"
             "    show('two')\nlater()"),
        # The other names of the import are imported as usual.
        code("import IPython.display\n_HTML('<b>kept</b>').data"),
    )
    built = NotebookApp(path).build()
    assert kinds(built) == ["Str", "Markdown", "Markdown"]
    assert [m.object for m in built.roots] == ["one", "two", "<b>kept</b>"]


def test_servables_win_and_markdown_cells_go_in_their_place(tmp_path):
    path = write_notebook(
        tmp_path / "dash.ipynb",
        markdown("# Intro"),
        code("import docsync as ds\nds.pane.Markdown('not marked')"),
        markdown("   "),
        markdown("## The dashboard"),
        code("ds.Column('marked').servable(title='Dashboard')"),
    )
    plain = NotebookApp(path).build()
    assert kinds(plain) == ["Column"] and plain.title == "Dashboard"
    noted = NotebookApp(path, markdown=True).build()
    assert kinds(noted) == ["Markdown", "Markdown", "Column"]
    assert [noted.roots[0].object, noted.roots[1].object] == ["# Intro", "## The dashboard"]


def test_a_live_session_of_a_served_notebook(tmp_path):
    path = write_notebook(tmp_path / "live.ipynb", code("""
import docsync as ds
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
ds.Column(x, ds.bind(lambda v: f"x is {v}", x))"""))
    page = LocalClient(NotebookApp(path)).connect()
    slider = page.client.find("IntSlider", name="x")
    page.set(slider, "value", 8)
    assert page.client.prop(page.client.find("Markdown"), "object") == "x is 8"


def test_errors_become_error_pages_naming_the_cell(tmp_path):
    raising = write_notebook(tmp_path / "raising.ipynb", code("x = 1"), code("1 / 0"))
    built = NotebookApp(raising).build()
    assert built.failed and "cell 2" in built.roots[0][0].object
    assert "ZeroDivisionError" in built.roots[0][1].object
    shell = write_notebook(tmp_path / "shell.ipynb", code("files = !ls"))
    assert "IPython syntax" in NotebookApp(shell).build().roots[0][1].object
    syntax = write_notebook(tmp_path / "syntax.ipynb", code("def (:"))
    built = NotebookApp(syntax).build()
    assert built.failed and "cell 1, line 1" in built.roots[0][1].object
    empty = write_notebook(tmp_path / "empty.ipynb", code("x = 1"))
    assert "servable" in NotebookApp(empty).build().roots[0][1].object
    with pytest.raises(AppError, match="not found"):
        NotebookApp(tmp_path / "missing.ipynb")


def test_load_apps_takes_notebook_paths(tmp_path):
    path = write_notebook(tmp_path / "nb.ipynb", code("'hello'"))
    apps = load_apps([path])
    assert list(apps) == ["nb"] and isinstance(apps["nb"], NotebookApp)
    assert kinds(apps["nb"].build()) == ["Markdown"]


def test_a_configured_template_holds_a_notebooks_servables(tmp_path):
    path = write_notebook(
        tmp_path / "templated.ipynb",
        code("import docsync as pn\npn.extension(template='vanilla')"),
        code("pn.pane.Markdown('side').servable(target='sidebar')"),
        code("pn.pane.Markdown('body').servable(title='Templated')"),
    )
    try:  # LocalClient runs the app outside a session: its settings are the process's
        page = LocalClient(NotebookApp(path)).connect()
    finally:
        pn.config.reset()
    template = page.client.find("VanillaTemplate")
    props = page.client.props(template)
    assert props["title"] == "Templated"
    for area, text in [("sidebar", "side"), ("main", "body")]:
        [child] = page.client.prop(props[area]["ref"], "children")
        assert page.client.prop(child["ref"], "object") == text
