"""The Vega (and Tabulator) bundle over a widget's comm: a real kernel answers an output's
``asset`` request with the bundle's text, and gives out no other file; the bundle is in no
widget's state."""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import AsyncIterator

import pytest

from docsync.notebook.assets import STATIC, read_asset
from tests.notebook.kernel import CommClient, Kernel
from tests.server.support import wait_until

VEGA = (STATIC / "vega.js").read_text(encoding="utf-8")


@pytest.fixture
async def kernel() -> AsyncIterator[Kernel]:
    k = await Kernel().start()
    yield k
    await k.stop()


def test_only_the_named_bundles_are_given_out() -> None:
    assert read_asset("vega.js") == VEGA
    assert read_asset("tabulator.js") == (STATIC / "tabulator.js").read_text(encoding="utf-8")
    assert read_asset("plotly.js") == (STATIC / "plotly.js").read_text(encoding="utf-8")
    for name in ("docsync.js", "notebook.js", "../notebook/assets.py", "/etc/passwd", ""):
        assert read_asset(name) is None, name


def test_bokehjs_of_the_installed_bokeh_is_given_out_and_nothing_else_of_it() -> None:
    version = importlib.metadata.version("bokeh")
    assert f'"{version}"' in (read_asset(f"bokeh/{version}/bokeh.min.js") or "")
    for name in ("bokeh/3.0.0/bokeh.min.js", f"bokeh/{version}/bokeh.js",
                 f"bokeh/{version}/../__init__.py", f"bokeh/{version}", "bokeh/"):
        assert read_asset(name) is None, name


async def test_an_output_gets_the_vega_bundle_from_its_kernel(kernel: Kernel) -> None:
    await kernel.execute("""
import docsync as ds
ds.extension()
spec = {"mark": "bar", "data": {"values": [{"a": "x", "b": 2}, {"a": "y", "b": 3}]},
        "encoding": {"x": {"field": "a", "type": "nominal"},
                     "y": {"field": "b", "type": "quantitative"}}}
ds.pane.Vega(spec)""")
    view = await (await CommClient.of_widget(kernel)).open()
    assert view.client.find("Vega")
    # The widget's state (its front end included) does not carry the bundle.
    opened = await kernel.comm_opened(lambda c: "NotebookView" in str(
        c["data"].get("state", {}).get("_anywidget_id", "")))
    assert VEGA[:2000] not in json.dumps(opened)

    for conn, name in (("a1", "vega.js"), ("a2", "../notebook/assets.py"), ("a3", 7)):
        kernel.send_custom(view.comm_id, {"conn": conn, "asset": name})

    def answers() -> dict[str, dict[str, object]] | None:
        found = {c["conn"]: c for c in kernel.customs(view.comm_id)
                 if c.get("conn") in ("a1", "a2", "a3")}
        return found if len(found) == 3 else None

    found = await wait_until(answers, timeout=20, what="the asset answers")
    assert found["a1"] == {"conn": "a1", "asset": "vega.js", "text": VEGA}
    assert found["a2"] == {"conn": "a2", "asset": "../notebook/assets.py", "text": None}
    assert found["a3"] == {"conn": "a3", "asset": None, "text": None}

    # The request opened no connection: the view's session goes on.
    sockets = await kernel.value("len(__import__('docsync.notebook.host').notebook.host"
                                     ".installed(get_ipython()).views[0].channel.sockets)")
    assert sockets == 1
