"""Panel's widgets as a Panel user writes them (``tests/panel_compat/apps/widgets_*.py``),
served by a real ``docsync serve`` and driven over real WebSockets."""

from __future__ import annotations

import base64

from docsync.testing import ClientProtocol
from tests.panel_compat.support import APPS, Opener, app_fixtures, models_of
from tests.server.support import error_text, texts

NAMES = ["widgets_select", "widgets_from_param", "widgets_download", "widgets_clone",
         "widgets_values"]


urls, open_ = app_fixtures(NAMES, "widgets")


def text_with(doc: ClientProtocol, words: str) -> bool:
    return any(words in t for t in texts(doc))


def refused(doc: ClientProtocol, words: str) -> bool:
    return any(e["code"] == "invalid" and words in e["message"] for e in doc.errors)


async def test_select_groups_and_disabled_options_drive_a_markdown(open_: Opener):
    client, doc = await open_("widgets_select")
    [(select, props), (_, listbox)] = models_of(doc, "Select")
    assert (listbox["name"], listbox["size"], listbox["value"]) == ("Vegetable", 3, "Leek")
    assert (props["name"], props["value"], props["disabled_options"], props["size"]) == (
        "Fruit", "Orange", ["Lemon"], 1)
    assert props["groups"] == {"Citrus": ["Orange", "Lemon"],
                               "Berries": ["Strawberry", "Blueberry"]}
    assert text_with(doc, "You picked **Orange** with Leek.")

    await client.set(select, "value", "Strawberry")
    await client.wait_for(lambda d: text_with(d, "You picked **Strawberry** with Leek."))

    # A disabled option sent by the browser is refused, and the page is put back.
    await client.set(select, "value", "Lemon")
    await client.wait_for(lambda d: refused(d, "'Lemon' is a disabled option"))
    await client.wait_for(lambda d: d.prop(select, "value") == "Strawberry")
    await client.set(select, "value", "Mango")
    await client.wait_for(lambda d: refused(d, "'Mango' is not one of the options"))
    await client.wait_for(lambda d: d.prop(select, "value") == "Strawberry")
    assert text_with(doc, "You picked **Strawberry** with Leek.")


async def test_a_form_from_param_is_linked_both_ways(open_: Opener):
    client, doc = await open_("widgets_from_param")
    [(bins, slider)] = models_of(doc, "IntSlider")
    assert (slider["name"], slider["start"], slider["end"], slider["value"]) == ("Bins", 1, 50, 10)
    [(color, select)] = models_of(doc, "Select")
    assert (select["name"], select["options"], select["value"]) == (
        "Color", ["teal", "orange", "purple"], "teal")
    [(title, text)] = models_of(doc, "TextInput")
    assert (text["name"], text["value"], text["placeholder"]) == ("Title", "Rainfall",
                                                                  "Chart title")
    [(_, checkbox)] = models_of(doc, "Checkbox")
    assert checkbox["name"] == "Log scale" and checkbox["value"] is False
    [(reset, button)] = models_of(doc, "Button")
    assert (button["name"], button["button_type"]) == ("Reset", "primary")
    assert text_with(doc, "**Rainfall**: 10 teal bins, linear")

    await client.set(bins, "value", 20)
    await client.set(color, "value", "purple")
    await client.set(title, "value", "Snow")
    await client.wait_for(lambda d: text_with(d, "**Snow**: 20 purple bins, linear"))

    await client.set(bins, "value", 60)  # beyond the parameter's bounds
    await client.wait_for(lambda d: refused(d, "at most 50, not 60"))
    await client.wait_for(lambda d: d.prop(bins, "value") == 20)

    # The action runs on the Parameterized object; its changes reach the widgets.
    await client.click(reset)
    await client.wait_for(lambda d: d.prop(bins, "value") == 10
                          and d.prop(title, "value") == "Rainfall")
    await client.wait_for(lambda d: text_with(d, "**Rainfall**: 10 purple bins, linear"))


def downloads(doc) -> list:
    return [c for c in doc.commands if c["name"] == "download"]


async def test_file_download_of_a_bytesio_with_a_filename(open_: Opener):
    client, doc = await open_("widgets_download")
    [(download, props)] = models_of(doc, "FileDownload")
    assert (props["label"], props["filename"], props["button_type"]) == (
        "Download visitors.csv", "visitors.csv", "success")

    for clicks in (1, 2):  # the BytesIO is read from its start on every click
        await client.click(download)
        # Downloads only: on a loaded machine the busy indicator may be told too.
        await client.wait_for(lambda d, n=clicks: len(downloads(d)) == n)
        sent = downloads(doc)[-1]
        assert sent["name"] == "download"
        assert (sent["data"]["filename"], sent["data"]["mime_type"]) == ("visitors.csv",
                                                                         "text/csv")
        assert base64.b64decode(sent["data"]["data"]) == b"city,visitors\nLyon,3\nOslo,5\n"


async def test_a_clone_is_a_separate_widget_with_the_same_settings(open_: Opener):
    client, doc = await open_("widgets_clone")
    [(low, first), (high, second)] = models_of(doc, "FloatSlider")
    assert (first["name"], first["value"], second["name"], second["value"]) == (
        "Low", 0.2, "High", 0.8)
    assert all(first[k] == second[k] for k in ("start", "end", "step"))
    assert text_with(doc, "From 0.20 to 0.80")

    await client.set(high, "value", 0.9)
    await client.wait_for(lambda d: text_with(d, "From 0.20 to 0.90"))
    assert doc.prop(low, "value") == 0.2
    await client.set(high, "value", 1.5)
    await client.wait_for(lambda d: refused(d, "at most 1.0, not 1.5"))
    await client.wait_for(lambda d: d.prop(high, "value") == 0.9)


async def test_values_the_app_sets_follow_panel_and_the_browser_stays_strict(open_: Opener):
    client, doc = await open_("widgets_values")
    [(size, slider)] = models_of(doc, "IntSlider")
    [(unit, select)] = models_of(doc, "Select")
    [(grow, button)] = models_of(doc, "Button")
    assert (slider["name"], select["name"], button["name"]) == ("Size", "Unit",
                                                                "Grow past the end")
    await client.set(unit, "value", "in")
    await client.wait_for(lambda d: text_with(d, "Size 5 in"))

    await client.click(grow)
    await client.wait_for(lambda d: text_with(d, "Size 15 cm"))
    assert (doc.prop(size, "value"), doc.prop(unit, "value")) == (15, "cm")

    await client.set(size, "value", 16)  # the browser may not go past the end
    await client.wait_for(lambda d: refused(d, "at most 10, not 16"))
    await client.wait_for(lambda d: d.prop(size, "value") == 15)


async def test_a_panel_widget_docsync_lacks_is_named_in_the_page(serve_app, clients):
    handle = serve_app({"app": APPS / "widgets_panel_name.py"})
    client = await clients(handle.url + "app").open()
    text = error_text(client.client)
    assert text is not None
    assert "pn.widgets.Terminal is Panel's, which docsync does not have" in text
    assert "Coming from Panel" in text

