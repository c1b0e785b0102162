"""Without a live frontend, an output falls back to a static HTML snapshot: in the executed
notebook (nbclient), in its HTML export (nbconvert), and in the saved widget state."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from tests.notebook.support import code, write_notebook
from tests.server.support import REPO

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_executed_outputs_carry_a_static_snapshot(tmp_path):
    path = write_notebook(tmp_path / "n.ipynb", code("import docsync as ds\nds.extension()"),
                          code("""
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
ds.Column(x, ds.bind(lambda v: f"x is **{v}**", x))"""),
                          code("x.value = 8\ndisplay(x)"))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", timeout=60,
                   resources={"metadata": {"path": str(REPO)}}).execute()
    first, second = (cell.outputs[0]["data"] for cell in notebook.cells[1:])
    assert WIDGET_VIEW in first and "text/plain" in first
    assert "x is <strong>3</strong>" in first["text/html"]  # as it was when displayed
    assert 'value="8"' in second["text/html"]

    # The saved widget state holds the same snapshot, for views that cannot reach a kernel.
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    model = state[first[WIDGET_VIEW]["model_id"]]["state"]
    assert model["snapshot"] == first["text/html"]

    # nbconvert shows the widget when its state was saved, else the snapshot itself.
    with_state, _ = HTMLExporter().from_notebook_node(notebook)
    assert f'"model_id": "{first[WIDGET_VIEW]["model_id"]}"' in with_state
    del notebook.metadata["widgets"]
    without_state, _ = HTMLExporter().from_notebook_node(notebook)
    assert "x is <strong>3</strong>" in without_state and 'value="8"' in without_state
    assert WIDGET_VIEW not in without_state
