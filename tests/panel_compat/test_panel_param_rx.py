"""``pn.panel``, ``pn.Param``, ``pn.depends``, ``pn.rx`` and ``pn.bind`` as Panel documents
them, in Panel-style apps served by a real ``docsync serve`` and driven over real
WebSockets: a form generated from a Parameterized kept in sync both ways, reactive
expressions over widgets, partial and nested binding, and deferred loading."""

from __future__ import annotations

from typing import Any

from docsync.testing import ClientProtocol, NetworkClient
from tests.panel_compat.support import Opener, app_fixtures, models_of

APPS = ["reactive_param_form", "reactive_rx", "reactive_bind", "reactive_defer",
        "reactive_async"]


urls, open_ = app_fixtures(APPS, "reactive")


def markdowns(doc: ClientProtocol) -> list[str]:
    return [str(props["object"]) for _, props in models_of(doc, "Markdown")]


def has_markdown(text: str) -> Any:
    return lambda doc: text in markdowns(doc)


def str_text(doc: ClientProtocol, css: str) -> str:
    return str(doc.prop(doc.find("Str", css_classes=[css]), "text"))


def child(doc: ClientProtocol, model_id: str) -> dict[str, Any]:
    ref = doc.prop(model_id, "child")
    assert ref is not None
    return {"id": ref["ref"], **doc.doc["models"][ref["ref"]]}  # type: ignore[index]


# -- pn.Param and @param.depends ----------------------------------------------------------


async def test_param_makes_panels_widget_for_each_parameter(open_: Opener):
    _client, doc = await open_("reactive_param_form")
    form = doc.find("Param")
    column = child(doc, form)
    assert column["type"] == "Column"
    items = [doc.doc["models"][r["ref"]] for r in column["props"]["children"]]  # type: ignore[index]
    kinds = [(m["type"], m["props"].get("name")) for m in items]
    assert kinds == [
        ("Markdown", None), ("FloatSlider", "Amplitude"), ("IntSlider", "Frequency"),
        ("IntInput", "Samples"), ("TextAreaInput", "Label"), ("Select", "Kind"),
        ("MultiSelect", "Tags"), ("Checkbox", "Filled"), ("ColorPicker", "Color"),
        ("IntRangeSlider", "Window"), ("IntInput", "Version"), ("Button", "Reset"),
    ]  # `secret` has a negative precedence: not shown
    assert items[0]["props"]["object"] == "**Wave**"
    amplitude = items[1]["props"]
    assert (amplitude["start"], amplitude["end"], amplitude["step"], amplitude["value"]) == (
        0, 5, 0.5, 1.0)
    assert items[3]["props"]["value"] == 100 and items[3]["props"]["start"] is None
    assert items[4]["props"]["rows"] == 1  # the widgets= override's arguments
    assert items[5]["props"]["options"] == {"sine": "sine", "cosine": "cosine",
                                            "square": "square"}
    assert items[6]["props"]["value"] == ["smooth"]
    assert items[9]["props"]["value"] == [2, 4] and items[9]["props"]["end"] == 10
    assert items[10]["props"]["disabled"] is True  # a constant parameter
    assert not any(m["props"].get("disabled") for m in items[1:10])


async def test_editing_a_generated_widget_sets_the_parameter_and_the_view_follows(
        open_: Opener):
    client, doc = await open_("reactive_param_form")
    assert any(t.startswith("wave: sine at 2 Hz") for t in markdowns(doc))
    await client.set(doc.find("IntSlider", name="Frequency"), "value", 7)
    await client.wait_for(lambda d: any(t.startswith("wave: sine at 7 Hz")
                                        for t in markdowns(d)))
    await client.set(doc.find("Select", name="Kind"), "value", "square")
    await client.set(doc.find("MultiSelect", name="Tags"), "value", ["loud", "slow"])
    await client.set(doc.find("Checkbox", name="Filled"), "value", True)
    await client.set(doc.find("IntRangeSlider", name="Window"), "value", [1, 9])
    await client.wait_for(has_markdown(
        "wave: square at 7 Hz, amplitude 1.0, tags loud, slow, filled, window (1, 9)"))
    # summary() declares no dependencies: like Panel's ParamMethod it follows them all.
    assert str_text(doc, "summary") == "#1f77b4 100"
    await client.set(doc.find("ColorPicker", name="Color"), "value", "#ff0000")
    await client.set(doc.find("IntInput", name="Samples"), "value", 250)
    await client.wait_for(lambda d: str_text(d, "summary") == "#ff0000 250")


async def test_the_app_changing_a_parameter_moves_its_widget(open_: Opener):
    client, doc = await open_("reactive_param_form")
    frequency = doc.find("IntSlider", name="Frequency")
    label = doc.find("TextAreaInput", name="Label")
    await client.set(frequency, "value", 9)
    await client.set(label, "value", "tone")
    await client.wait_for(lambda d: any(t.startswith("tone: sine at 9 Hz")
                                        for t in markdowns(d)))
    await client.click(doc.find("Button", name="Reset"))  # the Action sets them in app code
    await client.wait_for(lambda d: d.prop(frequency, "value") == 2
                          and d.prop(label, "value") == "wave")
    await client.wait_for(lambda d: any(t.startswith("wave: sine at 2 Hz")
                                        for t in markdowns(d)))


async def test_a_value_the_parameter_refuses_is_refused_and_snaps_back(open_: Opener):
    client, doc = await open_("reactive_param_form")
    label = doc.find("TextAreaInput", name="Label")
    await client.set(label, "value", "two words")  # the parameter's regex refuses it
    await client.wait_for(lambda d: bool(d.errors))
    assert doc.errors[-1]["code"] == "invalid"
    assert "Label" in doc.errors[-1]["message"]
    await client.wait_for(lambda d: d.prop(label, "value") == "wave")
    assert any(t.startswith("wave: sine") for t in markdowns(doc))


# -- pn.rx and param.rx -------------------------------------------------------------------


async def test_an_rx_expression_in_a_layout_shows_its_widgets_and_value(open_: Opener):
    client, doc = await open_("reactive_rx")
    expr = doc.find("ReactiveExpr")
    row = child(doc, expr)
    assert row["type"] == "Row"
    box, output = (doc.doc["models"][r["ref"]] for r in row["props"]["children"])  # type: ignore[index]
    names = [doc.doc["models"][r["ref"]]["props"]["name"]  # type: ignore[index]
             for r in box["props"]["children"]]
    assert names == ["Wind Speed (m/s)", "Efficiency"]
    assert output["type"] == "ParamFunction"
    first = "Wind Speed: 5 m/s, Efficiency: 0.3, Power Generation: 1.5 kW"
    assert first in markdowns(doc)
    await client.set(doc.find("FloatSlider", name="Wind Speed (m/s)"), "value", 10)
    second = "Wind Speed: 10 m/s, Efficiency: 0.3, Power Generation: 3.0 kW"
    await client.wait_for(has_markdown(second))
    # .rx.when(submit): the second copy of the text waits for a click.
    submitted = doc.find("Markdown", css_classes=["submitted"])
    assert doc.prop(submitted, "object") == first
    await client.click(doc.find("Button", name="Submit"))
    await client.wait_for(lambda d: d.prop(submitted, "object") == second)


async def test_param_rx_over_a_widget_and_show_widgets_false(open_: Opener):
    client, doc = await open_("reactive_rx")
    assert {"HAHA", "HA"} <= set(markdowns(doc))
    assert len(models_of(doc, "ReactiveExpr")) == 2
    await client.set(doc.find("TextInput", name="Word"), "value", "ho")
    await client.wait_for(lambda d: {"HOHO", "HO"} <= set(markdowns(d)))
    await client.set(doc.find("Checkbox", name="Shout"), "value", True)
    await client.wait_for(has_markdown("HO!"))
    # Word appears once: the show_widgets=False expression did not show it again.
    assert len([1 for _, p in models_of(doc, "TextInput") if p["name"] == "Word"]) == 1


# -- pn.bind and pn.depends ---------------------------------------------------------------


async def test_bind_nests_bound_functions_and_depends_takes_widgets(open_: Opener):
    client, doc = await open_("reactive_bind")
    assert "Total: 10.00 EUR (paid)" in markdowns(doc)
    assert str_text(doc, "badge") == "4 items / EUR"
    await client.set(doc.find("IntSlider", name="Quantity"), "value", 6)
    await client.wait_for(has_markdown("Total: 15.00 EUR (paid)"))
    await client.set(doc.find("FloatInput", name="Price"), "value", 1.5)
    await client.set(doc.find("Select", name="Currency"), "value", "USD")
    await client.wait_for(has_markdown("Total: 9.00 USD (paid)"))
    await client.wait_for(lambda d: str_text(d, "badge") == "6 items / USD")
    # watch=True ran the bound function once per change, for its side effect.
    assert str_text(doc, "changes") == "1 changes (now 6)"


async def test_a_partly_bound_function_gets_the_rest_at_call_time(open_: Opener):
    client, doc = await open_("reactive_bind")
    assert str_text(doc, "orders") == "no orders"
    await client.set(doc.find("Select", name="Currency"), "value", "USD")
    await client.click(doc.find("Button", name="Order"))
    await client.wait_for(lambda d: str_text(d, "orders") == "order #1 for Ann in USD")


# -- async and generator functions -------------------------------------------------------


async def test_async_and_generator_functions_show_their_values(open_: Opener):
    client, doc = await open_("reactive_async")
    await client.wait_for(lambda d: {"fetched 3 records", "lift-off"} <= set(markdowns(d))
                          and str_text(d, "progress") == "step 3 of 3")
    seen = len(doc.received)
    await client.set(doc.find("IntSlider", name="Steps"), "value", 2)
    await client.wait_for(lambda d: "fetched 2 records" in markdowns(d)
                          and str_text(d, "progress") == "step 2 of 2")

    def countdown(d: ClientProtocol) -> list[list[str]]:
        return [[op["value"] for op in m["ops"] if op["path"].endswith("/props/object")
                 and op["value"] in ("2...", "1...", "lift-off")]
                for m in d.received[seen:] if m["type"] == "patch"]

    await client.wait_for(lambda d: ["lift-off"] in countdown(d))
    # Each value the generator yields reached the page, in order, in its own patch.
    assert [values for values in countdown(doc) if values] == [["2..."], ["1..."],
                                                              ["lift-off"]]


# -- defer_load and loading_indicator ------------------------------------------------------


async def test_defer_load_computes_once_the_page_is_shown(urls: dict[str, str]):
    client = NetworkClient(urls["reactive_defer"], auto_ack=False)
    try:
        await client.open()
        doc = client.client
        assert doc is not None
        report, headline = (mid for mid, _ in models_of(doc, "ParamFunction"))
        spinner = child(doc, report)
        assert spinner["type"] == "LoadingSpinner" and spinner["props"]["value"] is True
        assert doc.prop(report, "loading") is True
        assert child(doc, headline)["props"]["object"] == "# Size 2"  # defer_load=False
        await client.ack()  # what the page does once it shows the snapshot
        await client.wait_for(lambda d: child(d, report)["type"] == "Markdown")
        assert child(doc, report)["props"]["object"] == "report of size 2"
        assert doc.prop(report, "loading") is False
    finally:
        await client.close()


async def test_loading_indicator_shows_while_the_function_reruns(open_: Opener):
    client, doc = await open_("reactive_defer")
    report, headline = (mid for mid, _ in models_of(doc, "ParamFunction"))
    await client.wait_for(lambda d: child(d, report)["type"] == "Markdown")
    seen = len(doc.received)
    await client.set(doc.find("IntSlider", name="Size"), "value", 5)
    await client.wait_for(lambda d: child(d, headline)["props"]["object"] == "# Size 5"
                          and d.prop(headline, "loading") is False)
    assert child(doc, report)["props"]["object"] == "report of size 5"
    loading = [op["value"] for m in doc.received[seen:] if m["type"] == "patch"
               for op in m["ops"] if op["path"] == f"/models/{headline}/props/loading"]
    assert loading == [True, False]  # on in its own patch, before the value, then off


async def test_a_components_loading_parameter_reaches_the_page(open_: Opener):
    client, doc = await open_("reactive_defer")
    notes = doc.find("Markdown", css_classes=["notes"])
    assert doc.prop(notes, "loading") is False
    await client.set(doc.find("Toggle", name="Busy"), "value", True)
    await client.wait_for(lambda d: d.prop(notes, "loading") is True)
