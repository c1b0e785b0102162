"""The full round trip over a real socket: a client edit reaches app code, its effect comes back."""

from __future__ import annotations

import pytest

import docsync as ds
from tests.conftest import TRANSPORTS
from tests.server.support import REPO, only_session, texts


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

HELLO = REPO / "docsync" / "examples" / "hello.py"


async def test_slider_drives_bound_markdown_through_docsync_serve(docsync_serve, clients):
    server = docsync_serve(HELLO, "--port", "0")
    urls = await server.wait_serving()
    client = await clients(urls["hello"]).open()
    doc = client.client
    slider = doc.find("IntSlider", name="x")
    assert "**3** squared is **9**" in texts(doc)

    await client.set(slider, "value", 7)
    await client.wait_for(lambda c: "**7** squared is **49**" in texts(c))
    # The edit was acknowledged (patch.cseq) and not echoed back as a change of the slider.
    await client.wait_for(lambda c: not c.outbox)
    assert doc.prop(slider, "value") == 7
    echoes = [op for m in doc.received if m["type"] == "patch" for op in m["ops"]
              if op["path"] == f"/models/{slider}/props/value"]
    assert echoes == []
    rendered = [m["props"]["html"] for m in doc.doc["models"].values()
                if m["type"] == "Markdown" and "49" in m["props"]["object"]]
    assert rendered == ["<p><strong>7</strong> squared is <strong>49</strong></p>\n"]


async def test_round_trip_in_process_reaches_the_server_model(serve_app, clients):
    def app():
        x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
        return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    slider = client.client.find("IntSlider", name="x")
    for value in (1, 10, 0, 5):  # several edits, each answered in order
        await client.set(slider, "value", value)
        await client.wait_for(lambda c, v=value: f"x is {v}" in texts(c))
    session = only_session(handle)
    assert session.document.get_model(slider).value == 5
    assert session.applied_cseq == 4
