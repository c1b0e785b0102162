"""Panel's templates: ``pn.extension(template=...)`` with ``servable(target=...)``, and
the template classes built by hand, seen over a real WebSocket from a real ``docsync
serve`` (apps ``template_*.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, app_fixtures, models_of

APPS = ["template_targets", "template_fast_list", "template_kinds", "template_state",
        "template_state_only"]


urls, open_ = app_fixtures(APPS, "templates")


def root(doc: ClientProtocol) -> tuple[str, dict[str, Any]]:
    """The first root's type and props."""
    assert doc.doc is not None
    model = doc.doc["models"][doc.doc["roots"][0]]
    return model["type"], model["props"]


def area(doc: ClientProtocol, props: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The models in template area ``name`` (a Column), as ``{"type", "props"}``."""
    assert doc.doc is not None
    column = doc.doc["models"][props[name]["ref"]]
    assert column["type"] == "Column"
    return [doc.doc["models"][child["ref"]] for child in column["props"]["children"]]


async def test_servables_go_to_the_area_their_target_names(open_: Opener) -> None:
    _, doc = await open_("template_targets")
    kind, props = root(doc)
    assert kind == "FastListTemplate"
    assert props["title"] == "Fruit shop"  # servable(title=...)
    assert doc.doc is not None and doc.doc["title"] == "Fruit shop"
    assert [m["type"] for m in area(doc, props, "sidebar")] == ["Markdown", "Select"]
    assert [m["type"] for m in area(doc, props, "main")] == ["Column"]
    [greeting] = area(doc, props, "header")
    assert greeting["props"]["object"] == "Welcome"
    [terms] = area(doc, props, "modal")
    assert terms["props"]["object"] == "Terms and conditions"
    assert props["modal_open"] is False


async def test_the_templated_app_still_works(open_: Opener) -> None:
    client, doc = await open_("template_targets")
    select = doc.find("Select", name="Fruit")
    await client.set(select, "value", "pear")
    await client.wait_for(lambda c: any(
        p["object"] == "# You picked pear" for _, p in models_of(c, "Markdown")))


async def test_a_template_built_by_hand_sends_its_settings(open_: Opener) -> None:
    _, doc = await open_("template_fast_list")
    kind, props = root(doc)
    assert kind == "FastListTemplate"
    assert props["title"] == "Card list"
    assert props["site"] == "docsync"
    assert props["logo"] == "https://example.com/logo.svg"
    assert props["favicon"] == "https://example.com/favicon.ico"
    # Panel's accent= sets both the header's and the controls' colour.
    assert props["accent_base_color"] == props["header_background"] == "#A01346"
    assert props["theme"] == "dark"  # given as pn.template.DarkTheme
    assert props["main_max_width"] == "900px"
    assert [m["props"]["name"] for m in area(doc, props, "sidebar")] == [
        "Add a card", "About", "Cards"]


async def test_template_areas_are_list_like_in_callbacks(open_: Opener) -> None:
    client, doc = await open_("template_fast_list")
    _, props = root(doc)
    await client.click(doc.find("Button", name="Add a card"))
    await client.wait_for(lambda c: len(area(c, root(c)[1], "main")) == 2)
    assert area(doc, props, "main")[1]["props"]["object"] == "## Card 2"
    await client.wait_for(lambda c: c.prop(c.find("IntSlider", name="Cards"), "value") == 2)


async def test_the_modal_opens_from_python_and_closes_from_the_browser(
        open_: Opener) -> None:
    client, doc = await open_("template_fast_list")
    template = doc.doc["roots"][0] if doc.doc else ""
    [about] = area(doc, root(doc)[1], "modal")
    assert about["props"]["object"] == "Built with docsync's FastListTemplate."
    await client.click(doc.find("Button", name="About"))
    await client.wait_for(lambda c: c.prop(template, "modal_open") is True)
    await client.set(template, "modal_open", False)  # the reader closed the dialog
    await client.set(template, "theme", "light")  # the page's theme switch
    await client.set(template, "collapsed_sidebar", True)
    await client.wait_for(lambda c: not c.outbox)
    assert doc.errors == []
    assert doc.prop(template, "theme") == "light"
    assert doc.prop(template, "modal_open") is False
    _, other = await open_("template_fast_list")
    assert root(other)[1]["theme"] == "dark"  # another session: its own template


async def test_the_browser_cannot_write_the_title(open_: Opener) -> None:
    client, doc = await open_("template_fast_list")
    template = doc.doc["roots"][0] if doc.doc else ""
    await client.set(template, "title", "Hacked")
    # Refused, and the corrective patch that follows puts the server's title back.
    await client.wait_for(lambda c: bool(c.errors) and c.prop(template, "title") == "Card list")
    assert doc.errors[-1]["code"] == "forbidden"


@pytest.mark.parametrize("kind, type_, width", [
    ("bootstrap", "BootstrapTemplate", 350), ("material", "MaterialTemplate", 370),
    ("vanilla", "VanillaTemplate", 330), ("fast", "FastListTemplate", 330)])
async def test_each_template_class(open_: Opener, kind: str, type_: str, width: int) -> None:
    _, doc = await open_("template_kinds", args={"kind": [kind]})
    got, props = root(doc)
    assert got == type_
    assert props["title"] == f"{kind} app"
    assert props["header_background"] == "#222222"
    assert props["sidebar_width"] == width
    assert props["theme"] == "default"
    assert [m["type"] for m in area(doc, props, "sidebar")] == ["TextInput"]
    assert [m["props"]["object"] for m in area(doc, props, "main")] == [
        f"The {kind} template"]


async def test_state_template_is_the_configured_template(open_: Opener) -> None:
    client, doc = await open_("template_state")
    kind, props = root(doc)
    assert kind == "BootstrapTemplate"
    assert (props["title"], props["site"]) == ("Orders", "Shop")
    assert [m["props"]["name"] for m in area(doc, props, "sidebar")] == ["Customer"]
    assert [m["type"] for m in area(doc, props, "main")] == ["Column"]
    # In a callback, pn.state.template is the template the page shows.
    await client.click(doc.find("Button", name="Flag"))
    await client.wait_for(lambda c: len(area(c, root(c)[1], "header")) == 1)
    assert area(doc, props, "header")[0]["props"]["object"] == "Flagged"


async def test_a_state_template_filled_in_place_is_shown(open_: Opener) -> None:
    _, doc = await open_("template_state_only")
    kind, props = root(doc)
    assert (kind, props["title"]) == ("MaterialTemplate", "Filled in place")
    assert [m["props"]["object"] for m in area(doc, props, "main")] == ["Main text"]
    assert [m["type"] for m in area(doc, props, "sidebar")] == ["Checkbox"]
