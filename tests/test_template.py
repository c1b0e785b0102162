"""``docsync.template.Page``: wrapping of contents, client-writable theme, refusals."""

from __future__ import annotations

import pytest

import docsync as ds
from docsync.pane import Markdown, Str
from docsync.template import Page
from docsync.testing import LocalClient


def test_contents_are_wrapped_as_panes() -> None:
    slider = ds.widgets.IntSlider(name="x")
    page = Page(title="T", sidebar=[slider], main=["# Hi", 42], header="h")
    assert page.sidebar == [slider]
    assert [type(m) for m in page.main] == [Markdown, Str]
    assert isinstance(page.header[0], Markdown)


def test_children_are_sent_as_refs() -> None:
    local = LocalClient(lambda: Page(title="T", sidebar=["side"], main=["main"])).connect()
    page_id = local.client.find("Page")
    props = local.client.props(page_id)
    assert props["title"] == "T"
    [side] = props["sidebar"]
    assert local.client.props(side["ref"])["object"] == "side"


def test_theme_is_written_by_the_browser_and_checked() -> None:
    page = Page(main=["x"])
    local = LocalClient(lambda: page).connect()
    page_id = local.client.find("Page")
    local.set(page_id, "theme", "dark")
    assert page.theme == "dark"
    local.set(page_id, "theme", "purple")
    assert local.client.errors[-1]["code"] == "invalid"
    assert page.theme == "dark"
    assert local.client.prop(page_id, "theme") == "dark"  # snapped back


def test_other_props_are_read_only_to_the_browser() -> None:
    page = Page(title="Mine")
    local = LocalClient(lambda: page).connect()
    page_id = local.client.find("Page")
    local.set(page_id, "title", "Theirs")
    assert local.client.errors[-1]["code"] == "forbidden"
    assert page.title == "Mine"
    assert local.client.prop(page_id, "title") == "Mine"


def test_sidebar_width_is_bounded() -> None:
    with pytest.raises(ValueError):
        Page(sidebar_width=10)
