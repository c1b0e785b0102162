"""``pn.extension(**settings)`` and ``pn.config``: the settings docsync acts on, seen over a
real WebSocket from a real ``docsync serve`` (apps ``config_*.py``)."""

from __future__ import annotations

from tests.panel_compat.support import Opener, app_fixtures, models_of

APPS = ["config_extension", "config_dark", "config_bad_css", "template_targets"]


urls, open_ = app_fixtures(APPS, "config")


async def test_page_settings_reach_the_page_as_written(open_: Opener) -> None:
    _, doc = await open_("config_extension")
    assert doc.doc is not None
    first = doc.doc["models"][doc.doc["roots"][0]]
    assert first["type"] == "PageSettings"
    props = first["props"]
    # The app author's CSS is sent as written; the page puts it in a <style>'s text.
    assert props["css"] == [
        ".config-banner { border-left: 6px solid rgb(255, 0, 0); padding-left: 8px; }",
        "</style><script>window.injected = true</script>"]
    assert props["css_files"] == ["https://cdn.example.com/extra.css"]
    assert props["notifications"] is True  # turned on by the notification texts
    assert props["ready_notification"] == "Ready to go"
    assert props["disconnect_notification"] == "Lost the server"
    assert props["throttled"] is True
    assert props["theme"] == "default"


async def test_sizing_mode_is_the_default_of_components_made_without_one(
        open_: Opener) -> None:
    _, doc = await open_("config_extension")
    [(_, column)] = models_of(doc, "Column")
    assert column["sizing_mode"] == "stretch_width"
    [(_, slider)] = models_of(doc, "IntSlider")
    assert slider["sizing_mode"] == "stretch_width"
    made_after = [p for _, p in models_of(doc, "Markdown") if p["object"] != "nothing raised yet"]
    assert made_after and {p["sizing_mode"] for p in made_after} == {"stretch_width"}
    assert {p["sizing_mode"] for _, p in models_of(doc, "ParamFunction")} == {"stretch_width"}
    # Made before pn.extension(...) ran: no default yet, as in Panel.
    [before] = [p for _, p in models_of(doc, "Markdown") if p["object"] == "nothing raised yet"]
    assert before["sizing_mode"] is None
    [(_, fixed)] = models_of(doc, "TextInput")
    assert fixed["sizing_mode"] == "fixed"  # given explicitly: kept


async def test_exception_handler_gets_what_a_callback_raised(open_: Opener) -> None:
    client, doc = await open_("config_extension")
    button = doc.find("Button", name="Fail")
    handled = doc.find("Markdown", object="nothing raised yet")
    await client.click(button)
    await client.wait_for(lambda c: c.prop(handled, "object").startswith("handled"))
    assert doc.prop(handled, "object") == "handled ValueError: the button broke"
    # The handler replaces docsync's own report: no error toast.
    assert not [c for c in doc.commands if c["name"] == "notify"]


async def test_settings_made_in_one_app_stay_in_its_sessions(open_: Opener) -> None:
    await open_("config_extension")
    _, doc = await open_("config_dark")
    assert doc.doc is not None
    [(_, settings)] = models_of(doc, "PageSettings")
    assert settings["theme"] == "dark"
    assert settings["css"] == [] and settings["throttled"] is False
    assert settings["notifications"] is False
    [(_, column)] = models_of(doc, "Column")
    assert column["sizing_mode"] is None


async def test_a_page_with_default_settings_gets_no_settings_model(open_: Opener) -> None:
    _, doc = await open_("template_targets")
    assert models_of(doc, "PageSettings") == []


async def test_nthreads_set_in_a_script_grows_the_worker_threads(open_: Opener) -> None:
    client, doc = await open_("config_dark")
    workers = doc.find("Markdown", object="workers not counted yet")
    await client.click(doc.find("Button", name="Count workers"))
    await client.wait_for(lambda c: c.prop(workers, "object") != "workers not counted yet")
    # docsync serve starts 4 (--num-threads); the script asked for 6.
    assert doc.prop(workers, "object") == "workers: 6"


async def test_a_bad_setting_changed_in_place_shows_what_to_fix(open_: Opener) -> None:
    _, doc = await open_("config_bad_css")
    assert any("pn.config.css_files: 42 is not a URL" in p["text"]
               for _, p in models_of(doc, "Str"))
    _, other = await open_("config_extension")  # other apps are not affected
    assert models_of(other, "PageSettings")
