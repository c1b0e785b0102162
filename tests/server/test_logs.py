"""Access lines and ``--log-format json`` from real ``docsync serve`` processes: one line
per request and per WebSocket open and close, and no secret in any line."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from docsync.cli import main
from docsync.server.logs import JsonFormatter, formatter, redact_target, redact_text
from docsync.testing import fetch
from tests.conftest import TRANSPORTS
from tests.server.support import APPS


@pytest.fixture(params=TRANSPORTS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Every test here runs over the websockets server and the ASGI app alike."""
    return str(request.param)

SECRETS = ("tok-SECRET-1", "code-SECRET-2", "state-SECRET-3", "cookie-SECRET-4")
FORM = "import docsync as ds\nds.Column(ds.widgets.TextInput(name='name')).servable()\n"


def form_app(tmp_path) -> str:
    path = tmp_path / "form.py"
    path.write_text(FORM)
    return str(path)


async def visit(url: str, clients) -> str:
    """A page asked with secrets in its query and a cookie, a session opened, edited and
    closed, a probe: what every test here logs. Returns the session's token."""
    root = url.rsplit("/", 1)[0]
    query = f"?token={SECRETS[0]}&code={SECRETS[1]}&state={SECRETS[2]}&lang=en"
    assert (await fetch(url + query, headers={"Cookie": f"login={SECRETS[3]}"}))[0] == 200
    client = clients(url)
    client.extra_headers["Cookie"] = f"login={SECRETS[3]}"
    await client.open()
    name = client.client.find("TextInput")
    await client.set(name, "value", "Ada")
    await client.wait_for(lambda c: not c.outbox)
    await client.close()
    assert (await fetch(f"{root}/liveness"))[0] == 200
    return client.client.token


def assert_no_secret(text: str, token: str) -> None:
    for secret in (*SECRETS, token):
        assert secret not in text


async def test_json_lines_one_per_request_and_per_websocket_open_and_close(docsync_serve,
                                                                          clients, tmp_path):
    server = docsync_serve(form_app(tmp_path), "--port", "0", "--log-format", "json")
    url = (await server.wait_serving())["form"]
    token = await visit(url, clients)
    assert await asyncio.to_thread(server.terminate) == 0  # off the loop, as conftest does
    lines = [json.loads(line) for line in server.stderr().splitlines()]  # each one JSON
    access = [e for e in lines if e["logger"] == "docsync.access"]
    assert [(e["event"], e["status"]) for e in access] == [
        ("http", 200), ("http", 200), ("ws-open", 101), ("ws-close", 1000), ("http", 200)]
    page, _, opened, closed, probe = access
    assert page["path"] == "/form?token=[redacted]&code=[redacted]&state=[redacted]&lang=en"
    assert page["method"] == "GET" and page["session"] is None
    assert page["client"] == "127.0.0.1" and page["duration_ms"] >= 0
    assert opened["path"].startswith("/form/ws?session=")
    assert opened["session"] == closed["session"] and opened["session"]
    assert closed["duration_ms"] >= opened["duration_ms"]
    assert probe["path"] == "/liveness"
    assert all(e["time"].endswith("Z") and e["level"] for e in lines)
    # websockets' own lines for the same requests are gone.
    assert not [e for e in lines if e["logger"] == "docsync.websockets"]
    assert_no_secret(server.stderr(), token)


async def test_debug_lines_redact_the_hello_token_and_cookies(docsync_serve, clients,
                                                              tmp_path, server_kind):
    server = docsync_serve(form_app(tmp_path), "--port", "0", "--log-level", "debug")
    url = (await server.wait_serving())["form"]
    token = await visit(url, clients)
    assert await asyncio.to_thread(server.terminate) == 0  # off the loop, as conftest does
    err = server.stderr()
    if server_kind == "websockets":
        # websockets' DEBUG lines show the frames and headers this test sent (uvicorn's
        # stay at warnings under --server asgi)...
        assert "docsync.websockets: < TEXT" in err and "< Cookie: [redacted]" in err
        assert '"token":"[redacted]' in err.replace(" ", "")
    # ...never the secrets in them. And one access line per request, as at INFO.
    assert_no_secret(err, token)
    assert err.count("INFO docsync.access:") == 5
    assert "connection closed" not in err and "HTTP response sent" not in err


def test_redaction_of_targets_and_of_any_line():
    assert redact_target("/login/done?code=abc&next=%2Fapp") == \
        "/login/done?code=[redacted]&next=%2Fapp"
    assert redact_target("/app?Access_Token=x&token=&a=1") == \
        "/app?Access_Token=[redacted]&token=[redacted]&a=1"
    assert redact_target("/app/ws?session=abc") == "/app/ws?session=abc"
    assert redact_text("GET https://id.example/cb?state=s1&code=c1 failed") == \
        "GET https://id.example/cb?state=[redacted]&code=[redacted] failed"
    assert redact_text('< TEXT \'{"type":"hello","token":"eyJhbGc...') == \
        '< TEXT \'{"type":"hello","token":"[redacted]'
    assert redact_text("> Set-Cookie: docsync_login=abc; HttpOnly") == \
        "> Set-Cookie: [redacted]"
    assert redact_text("worker 1 exited with code 1") == "worker 1 exited with code 1"


def test_a_json_line_keeps_a_traceback_inside_it():
    try:
        raise RuntimeError("boom at /cb?code=c1")
    except RuntimeError:
        record = logging.LogRecord("docsync.x", logging.ERROR, __file__, 1, "failed %s",
                                   ("/x?token=t1",), exc_info=__import__("sys").exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed /x?token=[redacted]"
    assert "RuntimeError: boom at /cb?code=[redacted]" in entry["exception"]


def test_a_panel_style_format_string_formats_redacted_lines():
    record = logging.LogRecord("docsync.x", logging.INFO, __file__, 1, "GET %s", ("/a?code=c",),
                               None)
    assert formatter("%(levelname)s|%(name)s|%(message)s").format(record) == \
        "INFO|docsync.x|GET /a?code=[redacted]"


@pytest.mark.parametrize(("flag", "bad"), [("--log-format", "xml"),
                                           ("--log-format", "%(nope)s"),
                                           ("--log-level", "loud")])
def test_a_bad_log_flag_names_the_flag(flag, bad, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", str(APPS / "greeting.py"), flag, bad])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert flag in err and bad in err and "Traceback" not in err
