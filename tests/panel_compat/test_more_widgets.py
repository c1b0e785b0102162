"""Issue 14's widgets and media panes as a Panel user writes them
(``tests/panel_compat/apps/morewidgets_*.py``), served by a real ``docsync serve`` and
driven over real WebSockets, including values the browser sends that are refused."""

from __future__ import annotations

from docsync.testing import ClientProtocol
from tests.panel_compat.support import Opener, app_fixtures, models_of
from tests.server.support import texts

NAMES = ["morewidgets_filters", "morewidgets_player", "morewidgets_editors"]


urls, open_ = app_fixtures(NAMES, "morewidgets")


def text_with(doc: ClientProtocol, words: str) -> bool:
    return any(words in t for t in texts(doc))


def refused(doc: ClientProtocol, words: str) -> bool:
    return any(e["code"] == "invalid" and words in e["message"] for e in doc.errors)


def only(doc: ClientProtocol, type_: str) -> str:
    [(model_id, _)] = models_of(doc, type_)
    return model_id


async def test_filters_drive_a_bound_summary_and_refuse_bad_values(open_: Opener):
    client, doc = await open_("morewidgets_filters")
    dates, cities, smooth = (only(doc, t) for t in ("DateRangeSlider", "MultiChoice", "Switch"))
    metric, extras = only(doc, "RadioButtonGroup"), only(doc, "CheckboxGroup")
    grade, span = only(doc, "DiscreteSlider"), only(doc, "RangeSlider")
    assert doc.prop(dates, "value") == ["2024-03-01T00:00:00", "2024-06-30T00:00:00"]
    assert (doc.prop(metric, "options"), doc.prop(metric, "value")) == (
        ["Rain", "Sun", "Wind"], "Sun")
    assert text_with(doc, "Sun in Oslo from 2024-03-01 to 2024-06-30, raw, with Mean; "
                          "grade 1.0, span 2.5..7.5")
    assert doc.prop(only(doc, "StaticText"), "text") == "121"

    await client.set(dates, "value", ["2024-04-01", "2024-04-11"])
    await client.set(cities, "value", ["Oslo", "Perth"])
    await client.set(metric, "value", "Wind")
    await client.set(extras, "value", ["Trend", "Mean"])
    await client.set(smooth, "value", True)
    await client.set(grade, "value", 2)  # the page sends the option 2.0 as 2
    await client.set(span, "value", [0, 10])
    await client.wait_for(lambda d: text_with(
        d, "Wind in Oslo, Perth from 2024-04-01 to 2024-04-11, smooth, with Trend+Mean; "
           "grade 2.0, span 0.0..10.0"))
    await client.wait_for(lambda d: d.prop(only(d, "StaticText"), "text") == "20")

    # Values the browser may not send are refused, and the page gets the server's back.
    for model, value, words in [
        (cities, ["Oslo", "Perth", "Lyon"], "at most 2 options may be chosen"),
        (cities, ["Paris"], "'Paris' is not one of the options"),
        (dates, ["2024-04-11", "2024-04-01"], "is after upper"),
        (dates, ["2025-01-01", "2025-01-02"], "at most"),
        (metric, "Snow", "'Snow' is not one of the options"),
        (grade, 3, "3 is not one of the options"),
        (span, [5, 11], "at most 10"),
        (smooth, "yes", "Switch"),
    ]:
        await client.set(model, "value", value)
        await client.wait_for(lambda d, w=words: refused(d, w))
    await client.wait_for(lambda d: d.prop(cities, "value") == ["Oslo", "Perth"]
                          and d.prop(dates, "value") == ["2024-04-01T00:00:00",
                                                         "2024-04-11T00:00:00"]
                          and d.prop(metric, "value") == "Wind" and d.prop(grade, "value") == 2.0
                          and d.prop(span, "value") == [0.0, 10.0]
                          and d.prop(smooth, "value") is True)
    assert text_with(doc, "Wind in Oslo, Perth from 2024-04-01 to 2024-04-11, smooth")


async def test_player_page_links_widgets_params_and_a_video(open_: Opener):
    client, doc = await open_("morewidgets_player")
    player, speed, station = (only(doc, t) for t in ("Player", "EditableFloatSlider",
                                                      "AutocompleteInput"))
    alarm, menu, video = only(doc, "TimePicker"), only(doc, "MenuButton"), only(doc, "Video")
    starts, window = only(doc, "DatetimePicker"), only(doc, "DateRangeSlider")
    limits = only(doc, "LiteralInput")
    assert doc.prop(limits, "value") == "{'low': 0, 'high': 20}"
    assert text_with(doc, "Limits 0 to 20")
    assert doc.prop(starts, "value") == "2024-05-01T09:00:00"
    assert (doc.prop(window, "start"), doc.prop(window, "end")) == ("2024-01-01", "2024-12-31")
    assert (doc.prop(video, "src"), doc.prop(video, "loop"), doc.prop(video, "muted")) == (
        "https://example.org/storm.mp4", True, True)
    assert text_with(doc, "Frame 5 at 1.0x from nowhere, alarm 07:30:00, starts 2024-05-01 "
                          "09:00, window 2024-05-01..2024-05-07, video paused")

    await client.set(player, "direction", 1)
    await client.set(player, "value", 6)
    await client.set(speed, "value", 4)  # typed past the end, within fixed_end
    await client.set(station, "value", "bern")
    await client.set(alarm, "value", "08:15")
    await client.set(starts, "value", "2024-06-01T18:30:00")
    await client.set(window, "value", ["2024-05-02", "2024-05-09"])
    await client.set(video, "paused", False)
    await client.set(limits, "value", "{'low':5, 'high':15}")
    await client.wait_for(lambda d: text_with(d, "Limits 5 to 15")
                          and d.prop(limits, "value") == "{'low': 5, 'high': 15}")
    await client.wait_for(lambda d: text_with(
        d, "Frame 6 at 4.0x from Bern, alarm 08:15:00, starts 2024-06-01 18:30, "
           "window 2024-05-02..2024-05-09, video playing"))
    await client.wait_for(lambda d: d.prop(speed, "end") == 4.0)

    for item, label in ((2, "png"), (0, "csv")):
        await client.send(doc.event(menu, "click", {"item": item}))
        await client.wait_for(lambda d, w=label: text_with(d, f"Exported as {w}"))

    for model, prop, value, words in [
        (player, "value", 21, "at most 20"),
        (player, "direction", 2, "direction must be -1, 0 or 1"),
        (speed, "value", 9, "at most 8.0"),
        (station, "value", "Paris", "'Paris' is not one of the options"),
        (alarm, "value", "11:00", "at most 10:00:00"),
        (starts, "value", "tomorrow", "not a date and time"),
        (video, "volume", 120, "at most 100"),
        (limits, "value", "[5, 15]", "must be a dict, not list"),
        (limits, "value", "{'low':", "is not a Python literal"),
    ]:
        await client.set(model, prop, value)
        await client.wait_for(lambda d, w=words: refused(d, w))
    await client.send(doc.event(menu, "click", {"item": 1}))  # a separator
    await client.wait_for(lambda d: refused(d, "names no item of the menu"))
    await client.wait_for(lambda d: d.prop(player, "value") == 6
                          and d.prop(speed, "value") == 4.0
                          and d.prop(station, "value") == "Bern"
                          and d.prop(alarm, "value") == "08:15:00"
                          and d.prop(video, "volume") == 100
                          and d.prop(limits, "value") == "{'low': 5, 'high': 15}")
    assert text_with(doc, "Frame 6 at 4.0x from Bern")
    assert text_with(doc, "Exported as csv")


async def test_editors_page_plays_options_edits_json_and_shows_media_urls(open_: Opener):
    client, doc = await open_("morewidgets_editors")
    quarter, settings = only(doc, "DiscretePlayer"), only(doc, "JSONEditor")
    assert (doc.prop(quarter, "labels"), doc.prop(quarter, "value")) == (["Q1", "Q2", "Q3"], 1)
    assert doc.prop(settings, "value") == {"model": "ridge", "alpha": 0.5}
    assert doc.prop(only(doc, "PDF"), "src") == "https://example.org/report.pdf"
    assert doc.prop(only(doc, "Audio"), "src") == "https://example.org/talk.mp3"
    assert text_with(doc, "Month 2024-06, model ridge at alpha 0.5")

    await client.set(quarter, "value", 2)
    await client.set(settings, "value", {"model": "lasso", "alpha": 2})
    await client.wait_for(lambda d: text_with(d, "Month 2024-09, model lasso at alpha 2"))
    await client.set(settings, "mode", "text")
    await client.wait_for(lambda d: d.prop(settings, "mode") == "text")

    for model, prop, value, words in [
        (quarter, "value", 3, "frame 3 is not an option's index"),
        (quarter, "value", "Q1", "not a number"),
        (settings, "mode", "code", "code"),
    ]:
        await client.set(model, prop, value)
        await client.wait_for(lambda d, w=words: refused(d, w))
    await client.wait_for(lambda d: d.prop(quarter, "value") == 2
                          and d.prop(settings, "mode") == "text")
