"""``pn.state`` as Panel documents it, in Panel-style apps served by a real ``docsync serve``
and driven over real WebSockets: session context, app-wide hooks at the top level of a
script, periodic callbacks, ``execute``, ``schedule_task``, ``onload`` and URL sync."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from docsync.testing import ClientProtocol, NetworkClient
from tests.panel_compat.support import APPS as APP_FOLDER
from tests.panel_compat.support import Opener, app_fixtures, models_of
from tests.server.support import SERVING, subprocess_env, wait_until

APPS = ["state_sessions", "state_periodic", "state_execute", "state_tasks", "state_onload",
        "state_urlsync"]


urls, open_ = app_fixtures(APPS, "state", "--reconnect-timeout", "0.3")


def text(doc: ClientProtocol, name: str) -> str:
    """The text of the ``Str`` pane with the CSS class ``name``."""
    return str(doc.prop(doc.find("Str", css_classes=[name]), "text"))


def widget(doc: ClientProtocol, type_: str, name: str) -> str:
    return doc.find(type_, name=name)


async def test_session_args_cookies_headers_and_url_as_panel_gives_them(open_: Opener):
    _client, doc = await open_(
        "state_sessions", args={"name": ["Ann"]},
        location={"pathname": "/state_sessions", "search": "?name=Ann&page=2&on=true",
                  "hash": "#top", "href": "http://127.0.0.1/state_sessions?name=Ann"})
    assert any(props.get("object") == "# Hello Ann" for _, props in models_of(doc, "Markdown"))
    assert text(doc, "cookie") == "theme=light"
    assert text(doc, "header").startswith("agent=Python")  # the websockets client's
    assert text(doc, "url") == ("/state_sessions|?name=Ann&page=2&on=true|#top|"
                                "{'name': 'Ann', 'page': 2, 'on': True}")
    # Built before the page showed it; curdoc is the session's document.
    assert text(doc, "context") == "loaded=False curdoc=True"


async def test_a_cookie_reaches_state_cookies(urls: dict[str, str]):
    client = NetworkClient(urls["state_sessions"])
    await client.load_page()
    client.extra_headers = {"Cookie": "theme=dark"}
    try:
        await client.open()
        assert client.client is not None and text(client.client, "cookie") == "theme=dark"
    finally:
        await client.close()


async def test_hooks_registered_at_the_top_level_count_once_per_server(open_: Opener):
    # Every session runs the script, so every session registers the two hooks again.
    first, doc = await open_("state_sessions")
    start = int(text(doc, "sessions").split("=")[1])
    destroyed = int(text(doc, "destroyed").split("=")[1])
    counts = [start]
    for _ in range(3):
        _client, later = await open_("state_sessions")
        counts.append(int(text(later, "sessions").split("=")[1]))
    # One count per session: a hook registered once per session would count 1, 2, 4, 7...
    assert counts == [start, start + 1, start + 2, start + 3]
    # on_session_destroyed in a session is that session's own hook: it runs when the
    # session ends, here once its reconnect timeout (0.3 s) has passed after the close.
    await first.close()
    deadline = time.monotonic() + 10
    while True:  # a bounded poll (as wait_until's): each probe is a new session's snapshot
        probe, seen = await open_("state_sessions")
        if int(text(seen, "destroyed").split("=")[1]) > destroyed:
            break
        await probe.close()
        assert time.monotonic() < deadline, "the closed session was never destroyed"
        await asyncio.sleep(0.05)


async def test_periodic_callback_starts_stops_and_follows_its_period(open_: Opener):
    client, doc = await open_("state_periodic")
    number = doc.find("Number", name="Ticks")
    assert text(doc, "status") == "running=False period=100 count=None"
    # count=3: three runs, then it stops by itself.
    await client.wait_for(lambda d: text(d, "countdown") == "countdown: 0")
    await client.set(widget(doc, "IntSlider", "Period (ms)"), "value", 20)
    await client.wait_for(lambda d: text(d, "status") == "running=False period=20 count=None")
    assert doc.prop(number, "value") == 0  # not started: start=False
    await client.set(widget(doc, "Toggle", "Run"), "value", True)
    await client.wait_for(lambda d: text(d, "status").startswith("running=True"))
    await client.wait_for(lambda d: d.prop(number, "value") >= 3)
    await client.set(widget(doc, "Toggle", "Run"), "value", False)
    await client.wait_for(lambda d: text(d, "status").startswith("running=False"))
    stopped_at = doc.prop(number, "value")
    # Another round trip through the session's queue: a stopped callback adds nothing.
    await client.set(widget(doc, "IntSlider", "Period (ms)"), "value", 30)
    await client.wait_for(lambda d: text(d, "status") == "running=False period=30 count=None")
    assert doc.prop(number, "value") == stopped_at
    assert text(doc, "countdown") == "countdown: 0"  # count=3 ran exactly three times


async def test_execute_now_in_a_thread_and_on_the_loop(open_: Opener):
    client, doc = await open_("state_execute")
    await client.click(doc.find("Button", name="Compute"))
    await client.wait_for(lambda d: text(d, "status") == "done" and text(d, "loop") != "")
    assert text(doc, "result") == f"sum={sum(i * i for i in range(200_000))}"
    # schedule=False ran inside the click, before it went on; curdoc's next tick after it.
    await client.wait_for(lambda d: text(d, "steps") == "now clicked next tick")
    assert text(doc, "where") == "in a session: True"  # the thread sees its session
    assert text(doc, "loop") == "async done"


async def test_a_task_scheduled_by_every_session_runs_once_per_server(open_: Opener):
    _a_client, a = await open_("state_tasks")
    b_client, b = await open_("state_tasks")
    first = text(a, "me")
    refresh = b.find("Button", name="Refresh")
    runs, owners = 0, ""
    for clicks in range(1, 2001):  # a bounded poll: each refresh is one round trip
        await b_client.click(refresh)
        await b_client.wait_for(lambda d, n=clicks: text(d, "runs").startswith(f"{n}|"))
        _, count, owners = text(b, "runs").split("|")
        runs = int(count)
        if runs >= 3:
            break
    assert runs >= 3
    # The task is the first registration's; session b's own registration was a no-op.
    assert owners.split(",") == [first] and text(b, "me") != first


async def test_onload_runs_once_the_page_is_shown(urls: dict[str, str]):
    client = NetworkClient(urls["state_onload"], auto_ack=False)
    try:
        await client.open()
        doc = client.client
        assert doc is not None
        assert text(doc, "table") == "Loading..."
        assert text(doc, "built") == "loaded while building: False"
        await client.ack()  # what the page does once it has drawn the snapshot
        await client.wait_for(lambda d: text(d, "table").startswith("penguins: 344 rows"))
        assert text(doc, "table") == "penguins: 344 rows (loaded=True)"
        select = doc.find("Select", name="Dataset")
        assert doc.prop(select, "options") == ["iris", "penguins"]
        assert doc.prop(select, "value") == "penguins"
    finally:
        await client.close()


async def test_location_sync_both_ways_and_unsync(open_: Opener):
    client, doc = await open_("state_urlsync", args={"page": ["4"], "q": ["cats"]},
                              location={"pathname": "/state_urlsync",
                                        "search": "?page=4&q=cats"})
    loc = doc.find("Location")
    slider = doc.find("IntSlider", name="Page")
    search = doc.find("TextInput", name="Search")
    # The URL's query wins when the app syncs.
    assert doc.prop(slider, "value") == 4 and doc.prop(search, "value") == "cats"
    # A widget change rewrites the query...
    await client.set(slider, "value", 7)
    await client.wait_for(lambda d: d.prop(loc, "search") == "?page=7&q=cats")
    # ... and a navigation (back, a link) moves the widgets.
    await client.set(loc, "search", "?page=2&q=dogs")
    await client.wait_for(lambda d: d.prop(slider, "value") == 2
                          and d.prop(search, "value") == "dogs")
    assert doc.prop(loc, "href").endswith("/state_urlsync?page=2&q=dogs")
    # unsync takes the argument out of the query and stops following the widget.
    await client.click(doc.find("Button", name="Stop syncing the search"))
    await client.wait_for(lambda d: d.prop(loc, "search") == "?page=2")
    await client.set(search, "value", "birds")
    await client.set(slider, "value", 3)
    await client.wait_for(lambda d: d.prop(loc, "search") == "?page=3")


async def test_location_sync_with_a_fresh_url_writes_the_widgets_values(open_: Opener):
    client, doc = await open_("state_urlsync", location={"pathname": "/state_urlsync"})
    loc = doc.find("Location")
    assert doc.prop(loc, "search") == "?page=1&q="
    await client.set(doc.find("TextInput", name="Search"), "value", "a b&c")
    await client.wait_for(lambda d: d.prop(loc, "search") == "?page=1&q=a+b%26c")


async def test_registrations_before_pn_serve_take_effect_in_that_server(tmp_path: Path):
    out = tmp_path / "out.txt"
    with out.open("wb") as stdout, (tmp_path / "err.txt").open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, str(APP_FOLDER / "state_serve.py")],
                                cwd=tmp_path, env=subprocess_env(), stdin=subprocess.DEVNULL,
                                stdout=stdout, stderr=stderr)
    clients: list[NetworkClient] = []
    try:
        found = await wait_until(lambda: SERVING.findall(out.read_text()), timeout=30,
                                 what="the serving line")
        url = dict(found)["state_serve"]
        for created in (1, 2):
            client = NetworkClient(url)
            clients.append(client)
            await client.open()
            doc = client.client
            assert doc is not None
            # The cache entry and the created hook were registered before pn.serve.
            assert text(doc, "out").startswith(f"0|hello|created={created}|ticking=")
        refresh = doc.find("Button", name="Refresh")
        for clicks in range(1, 2001):  # a bounded poll: one round trip each
            await client.click(refresh)
            await client.wait_for(lambda d, n=clicks: text(d, "out").startswith(f"{n}|"))
            if text(doc, "out").endswith("ticking=True"):
                break
        assert text(doc, "out") == f"{clicks}|hello|created=2|ticking=True"
    finally:
        for client in clients:
            await client.close()
        proc.terminate()
        proc.wait(10)
    assert "Traceback" not in (tmp_path / "err.txt").read_text()
