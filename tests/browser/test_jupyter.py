"""docsync in JupyterLab, for real: JupyterLab from PyPI started headless on loopback, a
notebook opened in Debian's Chromium, its cells run; the slider in the cell's output drives
a Python callback that updates a Markdown pane; a kernel restart says so in the output; an
output opened without its kernel shows its static snapshot; Vega panes in several outputs draw
their charts with the one Vega bundle the page got from the kernel."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from playwright.async_api import Page, expect

from docsync.testing import fetch
from tests.browser.conftest import screenshot
from tests.notebook.support import code, markdown, write_notebook
from tests.server.support import REPO, subprocess_env

pytestmark = pytest.mark.browser

SLIDER_CELLS = (
    markdown("# A slider and a Python callback"),
    code("import docsync as ds\nds.extension()"),
    code("""
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
shown = ds.pane.Markdown("x is 3")

def show(event):
    shown.object = f"x is {event.new}"

x.param.watch(show, "value")
ds.Column(x, shown)"""),
)

CHART_CELLS = (
    code("import altair as alt\nimport pandas as pd\nimport docsync as ds\nds.extension()"),
    code("""
fruit = pd.DataFrame({"fruit": ["apple", "pear", "fig"], "count": [3, 5, 2]})
bars = alt.Chart(fruit).mark_bar().encode(x="fruit", y="count").properties(title="Fruit")
ds.pane.Vega(bars, css_classes=["bars"])"""),
    code("""
ds.pane.Vega({"mark": "point", "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 1}]},
              "encoding": {"x": {"field": "a", "type": "quantitative"},
                           "y": {"field": "b", "type": "quantitative"}}},
             css_classes=["points"])"""),
)

PLOTLY_CELLS = (
    code("import plotly.graph_objects as go\nimport docsync as ds\nds.extension('plotly')"),
    code("""
ds.pane.Plotly(go.Figure(go.Bar(x=["apple", "pear", "fig"], y=[3, 5, 2]),
                         layout={"title": {"text": "Fruit"}, "width": 500, "height": 300}))"""),
)


@dataclass
class JupyterLab:
    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]

    def notebook_url(self, name: str) -> str:
        return f"{self.url}lab/tree/{name}?token={self.token}"


@pytest.fixture
async def jupyterlab(tmp_path: Path, free_port: int) -> AsyncIterator[JupyterLab]:
    """``jupyter lab`` on a free loopback port, serving a fresh folder, with a fresh
    workspaces and settings folder (TOOLCHAIN.md); stopped with SIGTERM."""
    root, state = tmp_path / "notebooks", tmp_path / "lab-state"
    root.mkdir()
    state.mkdir()
    token = secrets.token_hex(16)
    log = (tmp_path / "jupyterlab.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--allow-root", "--no-browser",
         f"--port={free_port}", f"--IdentityProvider.token={token}",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root}",
         f"--LabApp.workspaces_dir={state / 'workspaces'}",
         f"--LabApp.user_settings_dir={state / 'settings'}"],
        cwd=root, env=subprocess_env(JUPYTER_CONFIG_DIR=str(state / "config")),
        stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{free_port}/"

    async def ready() -> bool:
        with contextlib.suppress(OSError):
            status, _, _ = await fetch(f"{url}api/status?token={token}")
            return status == 200
        return False

    try:
        for _ in range(300):  # ~60 s at most
            if process.poll() is not None:
                text = (tmp_path / "jupyterlab.log").read_text()
                raise AssertionError(f"jupyter lab exited:\n{text}")
            if await ready():
                break
            await asyncio.sleep(0.2)
        else:
            raise AssertionError("jupyter lab did not answer within 60 s")
        yield JupyterLab(url, token, root, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, 15)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait, 5)
        log.close()


async def open_notebook(page: Page, lab: JupyterLab, name: str) -> None:
    """Open notebook ``name`` and wait until its kernel is idle (at most 90 s each time),
    accepting the dialog a first start may show to pick a kernel (the notebook names
    python3): it may come before the idle indicator shows or just after."""
    await page.goto(lab.notebook_url(name))
    await _kernel_idle(page)
    with contextlib.suppress(Exception):
        await page.locator(".jp-Dialog button.jp-mod-accept").click(timeout=3_000)
    await _kernel_idle(page)


async def _kernel_idle(page: Page) -> None:
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    accept = page.locator(".jp-Dialog button.jp-mod-accept")
    deadline = time.monotonic() + 90
    while not await idle.is_visible():
        if await accept.count() and await accept.first.is_visible():
            await accept.first.click()
        assert time.monotonic() < deadline, "the notebook's kernel was not idle within 90 s"
        await page.wait_for_timeout(200)


async def menu(page: Page, top: str, command: str) -> None:
    await page.locator(f"li.lm-MenuBar-item:has-text('{top}')").click()
    await page.locator(f"li.lm-Menu-item[data-command='{command}']").click()


async def test_a_slider_in_a_cell_drives_a_python_callback(jupyterlab: JupyterLab,
                                                           new_tab) -> None:
    write_notebook(jupyterlab.root / "slider.ipynb", *SLIDER_CELLS)
    tab = await new_tab()
    page = tab.page
    await page.set_viewport_size({"width": 1200, "height": 900})
    await open_notebook(page, jupyterlab, "slider.ipynb")
    await menu(page, "Run", "runmenu:run-all")

    view = page.locator(".docsync-notebook")
    await expect(view).to_have_attribute("data-docsync-state", "open", timeout=30_000)
    slider = view.get_by_role("slider", name="x")
    shown = view.locator(".docsync-markdown")
    await expect(slider).to_have_value("3")
    await expect(shown).to_have_text("x is 3")

    # The keyboard reaches the slider (not JupyterLab's shortcuts); the kernel's callback
    # sets the Markdown pane, whose new text comes back to the cell.
    await slider.focus()
    await slider.press("ArrowRight")
    await slider.press("ArrowRight")
    await expect(shown).to_have_text("x is 5")
    await slider.press("End")
    await expect(shown).to_have_text("x is 10")
    await screenshot(page, "jupyter-slider")

    # Restarting the kernel: the output says it is no longer live and takes no input.
    await menu(page, "Kernel", "kernelmenu:restart")
    await page.locator(".jp-Dialog button.jp-mod-accept").click()
    await expect(view).to_have_attribute("data-docsync-state", "expired", timeout=30_000)
    banner = page.locator(".docsync-notebook-output .docsync-banner")
    await expect(banner).to_contain_text("the kernel restarted")
    assert await view.evaluate("el => el.inert") is True
    await screenshot(page, "jupyter-restarted")


async def test_an_output_without_its_kernel_shows_its_snapshot(jupyterlab: JupyterLab,
                                                                new_tab) -> None:
    # Executed elsewhere (nbclient), saved with its outputs and widget state.
    path = write_notebook(jupyterlab.root / "saved.ipynb", *SLIDER_CELLS)
    notebook = nbformat.read(path, as_version=4)
    await NotebookClient(notebook, kernel_name="python3", timeout=60,
                         resources={"metadata": {"path": str(REPO)}}).async_execute()
    nbformat.write(notebook, path)

    tab = await new_tab()
    # No wait for a kernel: what is checked is the output without one.
    await tab.page.goto(jupyterlab.notebook_url("saved.ipynb"))
    output = tab.page.locator(".jp-OutputArea-output")
    static = output.locator(".docsync-static")
    await expect(static).to_contain_text("x is 3", timeout=20_000)
    await expect(static.get_by_role("slider", name="x")).to_be_disabled()
    await expect(output.locator(".docsync-notebook[data-docsync-state='open']")).to_have_count(0)
    await screenshot(tab.page, "jupyter-snapshot")


async def test_vega_panes_in_cells_draw_their_charts(jupyterlab: JupyterLab, new_tab) -> None:
    write_notebook(jupyterlab.root / "charts.ipynb", *CHART_CELLS)
    tab = await new_tab()
    page = tab.page
    await page.set_viewport_size({"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await open_notebook(page, jupyterlab, "charts.ipynb")
    await menu(page, "Run", "runmenu:run-all")

    # Two outputs, one Vega bundle: it came from the kernel, not from a server URL.
    bars = page.locator(".docsync-notebook .bars")
    await expect(bars.locator("svg.marks, canvas").first).to_be_visible(timeout=60_000)
    await expect(bars.locator(".mark-rect path")).to_have_count(3)
    await expect(bars).to_contain_text("Fruit")
    points = page.locator(".docsync-notebook .points")
    await expect(points.locator("svg.marks, canvas").first).to_be_visible()
    await expect(points.locator(".mark-symbol path")).to_have_count(2)
    await expect(page.locator(".docsync-vega-error")).to_have_count(0)
    assert await page.locator("script[data-docsync-vega]").count() == 1
    assert not any(url.endswith("/vega.js") for url in requests), requests
    await screenshot(page, "jupyter-vega")


async def test_a_plotly_pane_in_a_cell_draws_with_the_bundle_from_its_kernel(
        jupyterlab: JupyterLab, new_tab) -> None:
    write_notebook(jupyterlab.root / "plotly.ipynb", *PLOTLY_CELLS)
    tab = await new_tab()
    page = tab.page
    await page.set_viewport_size({"width": 1200, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await open_notebook(page, jupyterlab, "plotly.ipynb")
    await menu(page, "Run", "runmenu:run-all")

    chart = page.locator(".docsync-notebook").get_by_role("figure", name="Fruit")
    await expect(chart.locator(".bars .point path")).to_have_count(3, timeout=60_000)
    await expect(page.locator(".docsync-plotly-error")).to_have_count(0)
    assert await page.locator("script[data-docsync-plotly]").count() == 1
    assert not any(url.endswith("/plotly.js") for url in requests), requests
    await screenshot(page, "jupyter-plotly")
