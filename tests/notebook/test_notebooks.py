"""Every notebook in notebooks/ runs without errors (nbclient, a real kernel), shows live
docsync outputs, and can be served as an app."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.server.support import REPO, error_text

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_the_tutorial_is_there():
    names = [p.stem for p in NOTEBOOKS]
    assert names == ["01_getting_started", "02_widgets_and_bind",
                     "03_state_and_periodic_callbacks", "04_caching"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
async def test_notebook_runs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells), "commit notebooks clean"
    client = NotebookClient(notebook, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(path.parent)}})
    await client.async_execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    live = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert live and all("docsync-static" in o["data"]["text/html"] for o in live)


async def test_the_notebooks_serve(docsync_serve, clients) -> None:
    server = docsync_serve(*(p.name for p in NOTEBOOKS), "--port", "0", "--notebook-markdown",
                           cwd=REPO / "notebooks")
    urls = await server.wait_serving(count=len(NOTEBOOKS))
    for path in NOTEBOOKS:
        page = await clients(urls[path.stem]).open()
        assert error_text(page.client) is None, error_text(page.client)
        assert len(page.client.doc["roots"]) > 3, path.stem  # markdown cells and outputs
