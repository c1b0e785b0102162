"""A real Chromium page whose server is killed (kill -9) and replaced: the page reconnects
by itself and the new server rebuilds its session from Redis, values included (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright, expect

pytestmark = pytest.mark.browser

APP = Path(__file__).parent / "apps" / "where.py"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000
ENV = {"DOCSYNC_SECRET_KEY": "one secret for every server"}


async def test_a_page_outlives_its_killed_server(docsync_serve, redis_url, free_port):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install chromium`")
    args = [APP, "--port", str(free_port), "--redis", redis_url]
    first = docsync_serve(*args, env=ENV)
    url = (await first.wait_serving())["where"]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = await browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            await page.goto(url)
            root = page.locator("#docsync-root")
            await expect(root).to_have_attribute("data-docsync-state", "open",
                                                 timeout=TIMEOUT_MS)
            slider = page.locator("input[type=range]")
            await slider.focus()
            for value in range(1, 4):
                await page.keyboard.press("ArrowRight")
                await expect(root).to_contain_text(f"{value} from {first.proc.pid}",
                                                   timeout=TIMEOUT_MS)

            first.proc.kill()
            first.proc.wait(5)
            second = docsync_serve(*args, env=ENV)
            await second.wait_serving()
            # The page reconnects by itself; the new server rebuilds the session.
            await expect(root).to_contain_text(f"3 from {second.proc.pid}", timeout=TIMEOUT_MS)
            await expect(root).to_have_attribute("data-docsync-state", "open",
                                                 timeout=TIMEOUT_MS)
            await expect(slider).to_have_value("3")
            await slider.focus()
            await page.keyboard.press("ArrowRight")
            await expect(root).to_contain_text(f"4 from {second.proc.pid}", timeout=TIMEOUT_MS)
            assert "rebuilt from saved state" in second.stderr()
            assert not errors, errors
        finally:
            await browser.close()
