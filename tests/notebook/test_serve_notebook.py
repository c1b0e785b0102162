"""``docsync serve notebook.ipynb``, tested like a script app: a real server process, real
WebSocket clients."""

from __future__ import annotations

import asyncio

from tests.notebook.support import code, markdown, write_notebook
from tests.server.support import texts

RESTART = 20.0  # seconds: bounded wait for a notebook edit to reach a restarted server

CELLS = (
    markdown("# Squares"),
    code("""
%matplotlib inline
import docsync as ds
x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
x"""),
    code("""
def square(v):
    return f"{v} squared is {v * v}"
ds.bind(square, x)"""),
)


async def test_a_served_notebook_shows_its_outputs_live(docsync_serve, clients, tmp_path):
    write_notebook(tmp_path / "squares.ipynb", *CELLS)
    server = docsync_serve("squares.ipynb", "--port", "0")
    url = (await server.wait_serving())["squares"]
    page = await clients(url).open()
    slider = page.client.find("IntSlider", name="x")
    assert "3 squared is 9" in texts(page.client)
    assert "# Squares" not in texts(page.client)
    await page.set(slider, "value", 7)
    await page.wait_for(lambda c: "7 squared is 49" in texts(c))

    other = await clients(url).open()  # a second session: the notebook ran again
    assert "3 squared is 9" in texts(other.client)


async def test_markdown_cells_with_the_option(docsync_serve, clients, tmp_path):
    write_notebook(tmp_path / "squares.ipynb", *CELLS)
    server = docsync_serve("squares.ipynb", "--port", "0", "--notebook-markdown")
    page = await clients((await server.wait_serving())["squares"]).open()
    assert texts(page.client)[0] == "# Squares"


async def test_autoreload_watches_the_notebook(docsync_serve, clients, tmp_path, free_port):
    path = write_notebook(tmp_path / "squares.ipynb", *CELLS)
    server = docsync_serve("squares.ipynb", "--autoreload", "--port", free_port)
    page = await clients((await server.wait_serving(timeout=RESTART))["squares"]).open()
    assert "3 squared is 9" in texts(page.client)

    write_notebook(path, *CELLS[:2], code("ds.bind(lambda v: f'{v} cubed is {v ** 3}', x)"))
    await page.wait_for(lambda c: any(m["name"] == "reload" for m in c.commands),
                        timeout=RESTART)
    url = (await server.wait_serving(count=2, timeout=RESTART))["squares"]
    page = await clients(url).open()
    assert "3 cubed is 27" in texts(page.client)
    assert await asyncio.to_thread(server.terminate) == 0
    assert "squares.ipynb changed, restarting" in server.stderr()
