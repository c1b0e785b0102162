"""Tabulator in real Chromium: a cell edited with the keyboard runs on_edit on the server; an
edit the server refuses is taken back with a message; headers sort by click and keyboard;
clicks and selection reach the server; a 1,000,000-row table pages remotely; the table
follows the dark theme; and only pages that show a table fetch the table bundle."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import APPS, HELLO, open_page, screenshot

pytestmark = pytest.mark.browser

DASH = "\N{EN DASH}"  # between the first and last row in the pager's status


def record_requests(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def cell(grid, row: int, column: str):
    """The cell of ``column`` in the ``row``-th shown row (0-based)."""
    return grid.locator(".tabulator-row").nth(row).locator(f'[tabulator-field="{column}"]')


async def test_edit_a_cell_and_see_on_edit_run(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    grid = page.get_by_role("grid", name="Fruit")
    await expect(grid).to_be_visible()
    assert sum(u.endswith("/tabulator.js") for u in requests) == 1

    # Keyboard: an editable cell is in the tab order; focusing it edits; Enter commits.
    count = cell(grid, 1, "c2")  # "count" of pear (c0 is the index)
    await count.focus()
    editor = count.locator("input")
    await expect(editor).to_be_focused()
    await editor.fill("7")
    await editor.press("Enter")
    await expect(page.locator(".edit-log")).to_have_text("count of row 1: 5 -> 7")
    await expect(count).to_have_text("7")

    # Refused by the server (below the editor's min): a message, and the cell shows 7 again.
    await count.click()
    await count.locator("input").fill("-3")
    await count.locator("input").press("Enter")
    await expect(page.get_by_text("takes values from 0")).to_be_visible()
    await expect(cell(grid, 1, "c2")).to_have_text("7")
    await expect(page.locator(".edit-log")).to_have_text("count of row 1: 5 -> 7")
    await screenshot(page, "tabulator-edited")

    # A click on a read-only cell: on_click runs, and the row is selected.
    await cell(grid, 2, "c1").click()
    await expect(page.locator(".click-log")).to_have_text("clicked fruit of row 2: fig")
    await expect(page.locator(".selection-log")).to_have_text("selection = [2]")
    await expect(grid.locator(".tabulator-row").nth(2)).to_have_attribute("aria-selected", "true")

    # Rows take focus one at a time; arrows move, Space selects.
    await grid.locator(".tabulator-row").nth(2).focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Space")
    await expect(page.locator(".selection-log")).to_have_text("selection = [3]")


async def test_stream_and_a_new_value_from_python_update_the_page(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    page = await open_page(await new_tab(), url)
    grid = page.get_by_role("grid", name="Fruit")
    await expect(grid.locator(".tabulator-row")).to_have_count(4)
    await page.get_by_role("button", name="Stream a row").click()
    await expect(grid.locator(".tabulator-row")).to_have_count(5)
    await expect(cell(grid, 4, "c1")).to_have_text("plum")
    await expect(cell(grid, 4, "c0")).to_have_text("4")  # the index goes on
    await page.get_by_role("button", name="Replace the frame").click()
    await expect(grid.locator(".tabulator-row")).to_have_count(1)
    await expect(cell(grid, 0, "c1")).to_have_text("lime")


async def test_headers_sort_on_the_server_by_click_and_keyboard(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    page = await open_page(await new_tab(), url)
    grid = page.get_by_role("grid", name="Fruit")
    header = grid.locator('.tabulator-col[tabulator-field="c3"]')  # price
    await header.click()
    await expect(cell(grid, 0, "c1")).to_have_text("kiwi")  # cheapest first
    await expect(header).to_have_attribute("aria-sort", "ascending")
    await header.focus()
    await page.keyboard.press("Enter")
    await expect(cell(grid, 0, "c1")).to_have_text("fig")  # dearest first
    await expect(header).to_have_attribute("aria-sort", "descending")


async def test_a_million_rows_page_remotely(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    page = await open_page(await new_tab(), url)
    grid = page.get_by_role("grid", name="Million")
    status = page.locator(".million .docsync-pager-status")
    await expect(status).to_have_text(f"Rows 1{DASH}10 of 1,000,000 · page 1 of 100,000")
    await expect(grid.locator(".tabulator-row")).to_have_count(10)
    await page.locator(".million").get_by_role("button", name="Last page").click()
    await expect(status).to_have_text(
        f"Rows 999,991{DASH}1,000,000 of 1,000,000 · page 100,000 of 100,000")
    await expect(cell(grid, 9, "c1")).to_have_text("999999")
    await grid.locator('.tabulator-col[tabulator-field="c2"]').click()  # sort by wave
    await expect(status).to_contain_text("page 100,000 of 100,000")
    await expect(grid.locator(".tabulator-row")).to_have_count(10)


async def test_header_filters_local_pages_and_checkboxes(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    page = await open_page(await new_tab(), url)
    grid = page.get_by_role("grid", name="Cities")
    rows = grid.locator(".tabulator-row")
    await expect(rows).to_have_count(3)  # local pages of 3 rows
    await page.locator(".cities").get_by_role("button", name="Next Page").click()
    await expect(page.locator(".page-log")).to_have_text("page = 2")
    await expect(rows.first.locator('[tabulator-field="c1"]')).to_have_text("Pune")

    # A text filter applies on Enter, on the server: 'o' matches Lyon, Oslo, Quito, Oran.
    await grid.get_by_placeholder("Filter city").fill("O")
    await grid.get_by_placeholder("Filter city").press("Enter")
    counter = page.locator(".cities .tabulator-page-counter")
    await expect(counter).to_contain_text("of 4 rows")
    await page.locator(".cities").get_by_role("button", name="First Page").click()
    await expect(page.locator(".page-log")).to_have_text("page = 1")
    await expect(rows.locator('[tabulator-field="c1"]')).to_have_text(["Lyon", "Oslo", "Quito"])

    # Real checkboxes: Space toggles the focused one.
    box = grid.get_by_role("checkbox", name="Select row 1")
    await box.focus()
    await page.keyboard.press("Space")
    await expect(page.locator(".picked-log")).to_have_text("picked = [1]")
    await expect(box).to_be_checked()
    await grid.get_by_role("checkbox", name="Select every row shown").check()
    await expect(page.locator(".picked-log")).to_contain_text("picked = [1, ")
    await screenshot(page, "tabulator-cities")


async def test_the_table_follows_the_dark_theme(serve, new_tab) -> None:
    _, url = await serve(APPS / "tabulator.py")
    page = await open_page(await new_tab(), url)
    holder = page.get_by_role("grid", name="Fruit").locator(".tabulator-row").first
    await expect(holder).to_be_visible()
    light = await holder.evaluate("el => getComputedStyle(el).backgroundColor")
    await page.evaluate("document.documentElement.dataset.docsyncTheme = 'dark'")
    await expect(holder).not_to_have_css("background-color", light)
    dark = await holder.evaluate("el => getComputedStyle(el).backgroundColor")
    assert dark == "rgb(13, 17, 23)", dark  # docsync.css's dark --docsync-bg
    await screenshot(page, "tabulator-dark")


async def test_a_page_without_a_table_never_fetches_the_table_bundle(serve, new_tab) -> None:
    _, url = await serve(HELLO)
    tab = await new_tab()
    requests = record_requests(tab.page)
    page = await open_page(tab, url)
    await expect(page.get_by_role("slider")).to_be_visible()
    assert any(u.endswith("/docsync.js") for u in requests)
    assert not any("tabulator" in u for u in requests), requests
    assert await page.evaluate("typeof globalThis.docsyncTabulator") == "undefined"
