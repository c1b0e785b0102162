"""A real Chromium page against ``docsync serve --num-procs 2``: the page's WebSocket URL
reaches the worker that holds its session, also after the connection is cut."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.async_api import WebSocketRoute, async_playwright, expect

from docsync.server.acceptor import worker_index
from tests.cluster.workers_support import start, workers
from tests.server.support import wait_until

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 10_000


async def test_a_page_stays_with_its_worker_across_a_cut(docsync_serve):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install chromium`")
    server, url = await start(docsync_serve, 2, "--log-level", "warning")
    pids = workers(server)
    routes: list[tuple[WebSocketRoute, WebSocketRoute]] = []
    welcomes: list[dict] = []

    def through(route: WebSocketRoute) -> None:
        server_side = route.connect_to_server()

        def from_server(message: str | bytes) -> None:
            if isinstance(message, str) and '"welcome"' in message:
                welcomes.append(json.loads(message))
            route.send(message)

        server_side.on_message(from_server)
        routes.append((route, server_side))

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = await browser.new_context()
            context.set_default_timeout(TIMEOUT_MS)
            await context.route_web_socket(re.compile(r"/ws\?session="), through)
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            await page.goto(url)
            root = page.locator("#docsync-root")
            await expect(root).to_have_attribute("data-docsync-state", "open",
                                                 timeout=TIMEOUT_MS)
            session = re.search(r"session=([^&]+)", routes[0][0].url).group(1)  # type: ignore[union-attr]
            pid = pids[worker_index(session, 2)]
            await expect(root).to_contain_text(str(pid), timeout=TIMEOUT_MS)

            slider = page.locator("input[type=range]")
            for round_ in range(1, 4):
                await slider.focus()
                await page.keyboard.press("ArrowRight")
                await expect(root).to_contain_text(f"{round_} from {pid}", timeout=TIMEOUT_MS)
                # Cut both sides; the page reconnects (same URL) to the same worker.
                page_side, server_side = routes[-1]
                await page_side.close(code=4000, reason="test: connection cut")
                await server_side.close(code=1001, reason="test: connection cut")
                await wait_until(lambda n=round_: len(welcomes) > n, timeout=10,
                                 what="the page's reconnect")
                await expect(root).to_have_attribute("data-docsync-state", "open",
                                                     timeout=TIMEOUT_MS)
            assert len(routes) == 4 and {r.url for r, _ in routes} == {routes[0][0].url}
            assert [w["resumed"] for w in welcomes] == [False, True, True, True]
            await slider.focus()
            await page.keyboard.press("ArrowRight")
            await expect(root).to_contain_text(f"4 from {pid}", timeout=TIMEOUT_MS)
            assert not errors, errors
        finally:
            await browser.close()
