"""Real-browser fixtures: Debian's Chromium driven by Playwright (async API), apps served by
real ``docsync serve`` subprocesses, screenshots under ``test-output/screenshots/``.

Every wait is bounded: Playwright's default timeout and ``expect`` timeout are 10 s here.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    WebSocketRoute,
    async_playwright,
    expect,
)

from tests.server.support import REPO, ServeProcess

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TIMEOUT_MS = 10_000
APPS = Path(__file__).resolve().parent / "apps"
HELLO = REPO / "docsync" / "examples" / "hello.py"
SCREENSHOTS = REPO / "test-output" / "screenshots"

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
                    "(run `apt-get install chromium`)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@dataclass
class Tab:
    """A page in its own browser context, with the uncaught errors it raised."""

    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)


@pytest.fixture
async def new_tab(browser: Browser) -> AsyncIterator[Callable[[], Awaitable[Tab]]]:
    """``await new_tab()``: a fresh context and page. A test fails if a page threw."""
    tabs: list[Tab] = []

    async def make() -> Tab:
        context = await browser.new_context(viewport={"width": 900, "height": 700})
        context.set_default_timeout(TIMEOUT_MS)
        page = await context.new_page()
        tab = Tab(context, page)
        page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        await tab.context.close()
    errors = [e for tab in tabs for e in tab.errors]
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def serve(docsync_serve: Callable[..., ServeProcess]
          ) -> Callable[..., Awaitable[tuple[ServeProcess, str]]]:
    """``process, url = await serve(script, port=0, args=())``: ``docsync serve`` on
    loopback, with extra command-line ``args``."""

    async def start(script: Path, *, port: int = 0,
                    args: tuple[str, ...] = ()) -> tuple[ServeProcess, str]:
        process = docsync_serve(str(script), "--port", str(port), "--log-level", "warning",
                                *args)
        urls = await process.wait_serving()
        return process, urls[script.stem]

    return start


async def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG for a person to look at; returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


async def wait_state(page: Page, state: str, *, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the client reports connection state ``state`` (js/README.md), at most
    ``timeout`` ms."""
    await expect(page.locator("#docsync-root")).to_have_attribute("data-docsync-state", state,
                                                                  timeout=timeout)


@dataclass
class Link:
    """One page WebSocket routed through Playwright to the real server."""

    page_side: WebSocketRoute
    server_side: WebSocketRoute


@dataclass
class Wire:
    """Routes a context's WebSockets through Playwright so a test can cut them for real
    (``context.set_offline`` leaves an open WebSocket open: TOOLCHAIN.md).

    While ``down``, new connections are refused at once (the page sees a close and keeps
    retrying with backoff). ``sent`` holds every frame the page sent, ``received`` every
    frame the server sent, parsed.
    """

    links: list[Link] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    down: bool = False

    async def attach(self, context: BrowserContext) -> None:
        # The page's WebSocket URL carries ``?session=ID`` (for --num-procs routing).
        await context.route_web_socket(re.compile(r"/ws(\?|$)"), self._route)

    async def _route(self, route: WebSocketRoute) -> None:
        if self.down:
            await route.close(code=4000, reason="test: network down")
            return
        server = route.connect_to_server()

        def from_page(message: str | bytes) -> None:
            if isinstance(message, str):
                self.sent.append(json.loads(message))
            server.send(message)

        def from_server(message: str | bytes) -> None:
            if isinstance(message, str):
                self.received.append(json.loads(message))
            route.send(message)

        route.on_message(from_page)
        server.on_message(from_server)
        self.links.append(Link(route, server))

    async def cut(self) -> None:
        """Drop every open connection, both sides, and refuse new ones until ``restore``."""
        self.down = True
        for link in self.links:
            await link.page_side.close(code=4000, reason="test: connection cut")
            await link.server_side.close(code=1001, reason="test: connection cut")
        self.links.clear()

    def restore(self) -> None:
        self.down = False

    def sent_of(self, type_: str) -> list[dict[str, Any]]:
        return [m for m in self.sent if m.get("type") == type_]

    def received_of(self, type_: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m.get("type") == type_]


#: How long the first session of a heavy app (the gallery: pandas, matplotlib, altair and
#: a 100,000-row table to build) may take to open on a loaded machine.
HEAVY_OPEN_MS = 90_000


async def open_page(tab: Tab, url: str, *, timeout: float = TIMEOUT_MS) -> Page:
    """Load ``url`` in ``tab`` and wait until its session is open (at most ``timeout`` ms)."""
    await tab.page.goto(url)
    await wait_state(tab.page, "open", timeout=timeout)
    return tab.page
