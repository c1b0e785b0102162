"""``ds.serve(..., threaded=True)``: functions, objects, dicts and script paths as apps."""

from __future__ import annotations

import asyncio
import socket

import pytest

import docsync as ds
from docsync.exceptions import AppError
from docsync.testing import fetch
from tests.server.support import APPS, REPO, texts

HELLO = REPO / "docsync" / "examples" / "hello.py"


def counted(calls: list[int]):
    def app():
        calls.append(1)
        x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
        return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))

    return app


async def test_function_app_is_called_once_per_session(serve_app, clients):
    calls: list[int] = []
    handle = serve_app(counted(calls))
    assert handle.url == f"http://127.0.0.1:{handle.port}/"
    one = await clients(handle.url + "app").open()
    two = await clients(handle.url + "app").open()
    assert calls == [1, 1]
    # Each session has its own models: an edit in one does not reach the other.
    await one.set(one.client.find("IntSlider"), "value", 7)
    await one.wait_for(lambda c: "x is 7" in texts(c))
    await asyncio.sleep(0.1)
    assert "x is 3" in texts(two.client)
    await one.drop()
    await one.open()  # a resume does not run the app again
    assert calls == [1, 1]


async def test_object_app_is_shared_by_every_session(serve_app, clients):
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    handle = serve_app(ds.Column(x, ds.bind(lambda v: f"x is {v}", x)))
    one = await clients(handle.url + "app").open()
    two = await clients(handle.url + "app").open()
    await one.set(one.client.find("IntSlider"), "value", 9)
    await two.wait_for(lambda c: "x is 9" in texts(c) and c.prop(c.find("IntSlider"), "value") == 9)
    assert x.value == 9


async def test_dict_of_two_apps(serve_app, clients):
    calls: list[int] = []
    handle = serve_app({"/counted": counted(calls), "hello": HELLO})
    status, _, body = await fetch(handle.url)
    assert status == 200 and b'href="counted"' in body and b'href="hello"' in body
    first = await clients(handle.url + "counted").open()
    assert "x is 3" in texts(first.client) and calls == [1]
    hello = await clients(handle.url + "hello").open()
    await hello.set(hello.client.find("IntSlider"), "value", 4)
    await hello.wait_for(lambda c: "**4** squared is **16**" in texts(c))
    assert hello.client.doc["title"] == "Hello"


async def test_options_reach_the_server_config(serve_app):
    handle = serve_app(lambda: ds.pane.Markdown("hi"), reconnect_timeout=1.5,
                       max_frame_size=4096)
    assert handle.server.config.reconnect_timeout == 1.5
    assert handle.server.config.max_frame_size == 4096
    assert handle.server.config.address == "127.0.0.1"


def test_bad_targets_are_refused():
    with pytest.raises(AppError, match="ws"):
        ds.serve({"ws": lambda: None}, threaded=True)
    with pytest.raises(AppError, match="not found"):
        ds.serve("no_such_app.py", threaded=True)
    with pytest.raises(TypeError):
        ds.serve(lambda: None, threaded=True, no_such_option=1)


async def test_script_app_may_define_dataclasses(serve_app, clients):
    # Code that looks its own module up in sys.modules (dataclasses with postponed
    # annotations) runs as it does under ``python app.py``.
    handle = serve_app(APPS / "dataclass_app.py")
    client = await clients(handle.url + "dataclass_app").open()
    assert "Point(x=1, y=0)" in texts(client.client)


def test_port_in_use_raises():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(OSError):
            ds.serve(lambda: None, port=busy.getsockname()[1], threaded=True)


async def test_index_titles_name_the_apps_on_the_index_page(serve_app):
    ds.config.index_titles = {"/counted": "Counted <clicks>"}
    try:
        handle = serve_app({"/counted": counted([]), "hello": HELLO})
        status, _, body = await fetch(handle.url)
    finally:
        ds.config.reset()
    assert status == 200
    assert b'<a href="counted"><h2>Counted &lt;clicks&gt;</h2>' in body
    assert b'<a href="hello"><h2>hello</h2>' in body
