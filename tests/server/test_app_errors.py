"""App code that fails (PROTOCOL.md §2, apps.py): the page shows the traceback, the server
log has it, and other apps and sessions go on."""

from __future__ import annotations

import logging

import pytest

import docsync as ds
from tests.server.support import APPS, REPO, error_text, texts

HELLO = REPO / "docsync" / "examples" / "hello.py"


def working():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


@pytest.fixture
def broken_syntax(tmp_path):
    path = tmp_path / "syntax.py"
    path.write_text("import docsync as ds\n\nds.Column('a'.servable(\n", encoding="utf-8")
    return path


async def test_raising_script_shows_its_traceback_and_others_work(serve_app, clients, caplog):
    caplog.set_level(logging.ERROR, logger="docsync")
    handle = serve_app({"raises": APPS / "raises.py", "working": working})
    for _ in range(2):  # every session of the failing app gets the error page
        failed = await clients(handle.url + "raises").open()
        text = error_text(failed.client)
        assert text is not None and "RuntimeError: boom from the app" in text
        assert "raises.py" in text  # a traceback, not just the message
        assert failed.client.doc["title"] == "Error"
    assert "boom from the app" in caplog.text

    ok = await clients(handle.url + "working").open()
    assert error_text(ok.client) is None
    await ok.set(ok.client.find("IntSlider"), "value", 4)
    await ok.wait_for(lambda c: "x is 4" in texts(c))


async def test_syntax_error_and_nothing_servable_pages(serve_app, clients, broken_syntax, caplog):
    caplog.set_level(logging.ERROR, logger="docsync")
    handle = serve_app({"syntax": broken_syntax, "nothing": APPS / "nothing.py",
                        "working": working})
    syntax = await clients(handle.url + "syntax").open()
    text = error_text(syntax.client)
    assert text is not None and "SyntaxError" in text
    assert any("syntax error" in t for t in texts(syntax.client))
    assert "SyntaxError" in caplog.text

    nothing = await clients(handle.url + "nothing").open()
    text = error_text(nothing.client)
    assert text is not None and ".servable()" in text
    assert any("shows nothing" in t for t in texts(nothing.client))

    ok = await clients(handle.url + "working").open()
    assert error_text(ok.client) is None


async def test_raising_callback_is_logged_and_the_session_goes_on(serve_app, clients, caplog):
    caplog.set_level(logging.ERROR, logger="docsync")

    def app():
        button = ds.widgets.Button(name="fail")
        text = ds.widgets.TextInput(name="t")

        def fail(event):
            raise ValueError("callback failed on purpose")

        button.on_click(fail)
        return ds.Column(button, text, ds.bind(lambda v: f"text is {v}", text))

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    other = await clients(handle.url + "app").open()
    await client.click(client.client.find("Button"))
    await client.wait_for(lambda c: not c.outbox)
    assert "callback failed on purpose" in caplog.text
    await client.set(client.client.find("TextInput"), "value", "still alive")
    await client.wait_for(lambda c: "text is still alive" in texts(c))
    await other.set(other.client.find("TextInput"), "value", "me too")
    await other.wait_for(lambda c: "text is me too" in texts(c))


async def test_docsync_serve_logs_the_traceback(docsync_serve, clients):
    server = docsync_serve(APPS / "raises.py", HELLO, "--port", "0")
    urls = await server.wait_serving(count=2)
    failed = await clients(urls["raises"]).open()
    assert "RuntimeError: boom from the app" in (error_text(failed.client) or "")
    ok = await clients(urls["hello"]).open()
    await ok.set(ok.client.find("IntSlider"), "value", 2)
    await ok.wait_for(lambda c: "**2** squared is **4**" in texts(c))
    assert "Traceback" in server.stderr() and "boom from the app" in server.stderr()
