import datetime
from typing import Any

import pytest

import docsync as ds
from docsync.core.client_values import check_client_value
from docsync.exceptions import Invalid
from docsync.testing import LocalClient
from tests.widgets.test_files_wire import upload

w = ds.widgets


def test_int_slider_bounds_follow_start_and_end():
    s = ds.widgets.IntSlider(start=0, end=10, value=3)
    with pytest.raises(Invalid, match="at most 10, not 11"):
        check_client_value(s, "value", 11)
    s.end = 20
    assert check_client_value(s, "value", 12.0) == 12
    with pytest.raises(Invalid):
        check_client_value(s, "value", 21)
    with pytest.raises(Invalid, match="at least 0, not -1"):
        check_client_value(s, "value", -1)
    with pytest.raises(Invalid):
        check_client_value(s, "value", 2.5)


def test_float_slider_accepts_numbers_in_bounds_only():
    s = ds.widgets.FloatSlider(start=0.0, end=1.0, value=0.5)
    assert check_client_value(s, "value", 0.25) == 0.25
    for bad in (1.5, "0.3", None, True):
        with pytest.raises(Invalid):
            check_client_value(s, "value", bad)


def test_select_accepts_only_its_options_and_keeps_their_type():
    s = ds.widgets.Select(name="s", options={"One": 1, "Two": 2})
    assert s.value == 1
    assert check_client_value(s, "value", 2) == 2
    for bad in (3, "2", 2.0, True):
        with pytest.raises(Invalid, match="not one of the options"):
            check_client_value(s, "value", bad)
    assert ds.widgets.Select(options=["a", "b"]).value == "a"


def test_text_checkbox_types():
    with pytest.raises(Invalid):
        check_client_value(ds.widgets.TextInput(), "value", 5)
    with pytest.raises(Invalid):
        check_client_value(ds.widgets.Checkbox(), "value", "yes")
    assert check_client_value(ds.widgets.Checkbox(), "value", True) is True


def test_button_click_counts_and_calls_back():
    b = ds.widgets.Button(name="Go", button_type="primary")
    seen = []
    b.on_click(lambda e: seen.append(e.new))
    b._handle_event("click", {})
    b._handle_event("click", {})
    assert b.clicks == 2 and seen == [1, 2]
    assert "value" not in b._client_writable and "click" in b._events


def test_widget_names_are_labels_and_are_sent():
    s = ds.widgets.TextInput(name="Your name", placeholder="type")
    assert s.name == "Your name"
    assert ds.widgets.TextInput().name == ""


# -- what each widget accepts from the browser -----------------------------------------------

DAY = datetime.date(2024, 5, 17)

#: (widget factory, JSON value from the browser, Python value it becomes)
ACCEPTED = [
    (lambda: w.IntSlider(start=0, end=10), 4.0, 4),
    (lambda: w.IntRangeSlider(start=0, end=10), [2, 7], (2, 7)),
    (lambda: w.IntRangeSlider(start=0, end=10), [3, 3], (3, 3)),
    (lambda: w.IntInput(start=0, end=10), 10, 10),
    (lambda: w.IntInput(), None, None),
    (lambda: w.IntInput(), -1_000_000, -1_000_000),
    (lambda: w.FloatInput(start=0.0, end=1.0), 0.75, 0.75),
    (lambda: w.FloatInput(), None, None),
    (lambda: w.TextInput(max_length=3), "abc", "abc"),
    (lambda: w.PasswordInput(), "s3cret", "s3cret"),
    (lambda: w.TextAreaInput(), "two\nlines", "two\nlines"),
    (lambda: w.Toggle(), True, True),
    (lambda: w.MultiSelect(options=["a", "b", "c"]), ["c", "a"], ["c", "a"]),
    (lambda: w.MultiSelect(options={"One": 1, "Two": 2}), [], []),
    (lambda: w.CheckboxGroup(options=[1, 2, 3]), [2], [2]),
    (lambda: w.RadioButtonGroup(options=["x", "y"]), "y", "y"),
    (lambda: w.DatePicker(), "2024-05-17", DAY),
    (lambda: w.DatePicker(start=DAY, end=DAY), "2024-05-17", DAY),
    (lambda: w.DatePicker(value=DAY), None, None),
    (lambda: w.ColorPicker(), "#A1b2C3", "#a1b2c3"),
]


@pytest.mark.parametrize("make, sent, expected", ACCEPTED)
def test_widgets_accept_good_values_from_the_browser(make, sent, expected):
    widget = make()
    value = check_client_value(widget, "value", sent)
    assert value == expected and type(value) is type(expected)


#: (widget factory, JSON value from the browser, words the refusal must say)
REFUSED = [
    (lambda: w.IntSlider(name="field", start=0, end=10), 11, "at most 10, not 11"),
    (lambda: w.IntSlider(name="field", start=0, end=10), 2.5, "not a whole number"),
    (lambda: w.FloatSlider(name="field"), float("nan"), "not a number"),
    (lambda: w.FloatSlider(name="field"), float("inf"), "not a number"),
    (lambda: w.IntRangeSlider(name="field", start=0, end=10), [7, 2], "lower 7 is above upper 2"),
    (lambda: w.IntRangeSlider(name="field", start=0, end=10), [2, 11], "at most 10, not 11"),
    (lambda: w.IntRangeSlider(name="field", start=0, end=10), [2], "[lower, upper] pair"),
    (lambda: w.IntRangeSlider(name="field", start=0, end=10), {"lower": 2}, "[lower, upper] pair"),
    (lambda: w.IntRangeSlider(name="field", start=0, end=10), ["2", 5], "not a number"),
    (lambda: w.IntInput(name="field", start=0, end=10), 11, "at most 10, not 11"),
    (lambda: w.IntInput(name="field", start=0, end=10), -1, "at least 0, not -1"),
    (lambda: w.IntInput(name="field"), 1.5, "not a whole number"),
    (lambda: w.IntInput(name="field"), True, "not a number"),
    (lambda: w.FloatInput(name="field"), "1.5", "not a number"),
    (lambda: w.TextInput(name="field", max_length=3), "abcd", "longer than 3 characters"),
    (lambda: w.PasswordInput(name="field"), 5, "string"),
    (lambda: w.TextAreaInput(name="field"), ["x"], "string"),
    (lambda: w.Toggle(name="field"), "on", "must be True or False"),
    (lambda: w.MultiSelect(name="field", options=["a", "b"]), ["z"], "'z' is not one of the"),
    (lambda: w.MultiSelect(name="field", options=["a", "b"]), "a", "not a list of options"),
    (lambda: w.MultiSelect(name="field", options=["a", "b"]), ["a", "a"], "chosen twice"),
    (lambda: w.CheckboxGroup(name="field", options=[1, 2]), [1.0], "not one of the options"),
    (lambda: w.RadioButtonGroup(name="field", options=["x", "y"]), "z", "not one of the options"),
    (lambda: w.DatePicker(name="field"), "2024-02-30", "not a date of the calendar"),
    (lambda: w.DatePicker(name="field"), "17/05/2024", "not a date like"),
    (lambda: w.DatePicker(name="field"), "20240517", "not a date like"),
    (lambda: w.DatePicker(name="field"), 20240517, "not a date like"),
    (lambda: w.DatePicker(name="field", start=DAY), "2024-05-16", "at least 2024-05-17"),
    (lambda: w.ColorPicker(name="field"), "red", "not a colour"),
    (lambda: w.ColorPicker(name="field"), "#abc", "not a colour"),
    (lambda: w.ColorPicker(name="field"), "#gggggg", "not a colour"),
]


@pytest.mark.parametrize("make, sent, words", REFUSED)
def test_widgets_refuse_bad_values_from_the_browser_with_a_clear_message(make, sent, words):
    widget = make()
    before = widget.value
    with pytest.raises(Invalid, match="'field'") as refused:
        check_client_value(widget, "value", sent)
    assert words in str(refused.value)
    assert widget.value == before


def test_value_props_are_what_the_browser_may_write():
    assert w.IntSlider._client_writable == {"value", "value_throttled"}
    assert w.IntRangeSlider._client_writable == {"value", "value_throttled"}
    assert w.TextInput._client_writable == {"value", "value_throttled"}
    assert w.TextAreaInput._client_writable == {"value", "value_throttled"}
    assert w.Toggle._client_writable == {"value"}
    assert w.FileInput._client_writable == frozenset() and w.FileInput._events == {"upload"}
    assert w.FileDownload._client_writable == frozenset() and w.FileDownload._events == {"click"}


def test_number_and_date_bounds_follow_start_and_end():
    n = w.IntInput(start=0, end=10, value=5)
    n.end = None
    assert check_client_value(n, "value", 1000) == 1000
    d = w.DatePicker(value=DAY, end=DAY)
    with pytest.raises(Invalid):
        check_client_value(d, "value", "2024-05-18")
    d.end = None
    assert check_client_value(d, "value", "2024-05-18") == datetime.date(2024, 5, 18)


def test_range_slider_value_is_a_tuple_within_bounds():
    r = w.IntRangeSlider(name="r", start=0, end=10, value=(2, 5))
    assert r.value_throttled == (2, 5)
    with pytest.raises(Invalid, match="at most 10"):
        check_client_value(r, "value", [2, 11])
    r.end = 20
    assert check_client_value(r, "value", [2, 11]) == (2, 11)


# -- through the protocol: refusals, snap back, value_throttled ------------------------------

def _all_widgets() -> dict[str, Any]:
    return {
        "slider": w.IntSlider(name="slider", start=0, end=10, value=3),
        "range": w.IntRangeSlider(name="range", start=0, end=10, value=(2, 5)),
        "int": w.IntInput(name="int", start=0, end=10, value=4),
        "float": w.FloatInput(name="float", value=0.5),
        "text": w.TextAreaInput(name="text", value="hi", max_length=10),
        "toggle": w.Toggle(name="toggle"),
        "multi": w.MultiSelect(name="multi", options=["a", "b"], value=["a"]),
        "checks": w.CheckboxGroup(name="checks", options=["a", "b"], value=[]),
        "radio": w.RadioButtonGroup(name="radio", options=["a", "b"]),
        "date": w.DatePicker(name="date", value=DAY),
        "color": w.ColorPicker(name="color", value="#112233"),
    }


#: widget key → (a refused JSON value, the JSON value the page must get back, a good value)
SNAP_BACK = {
    "slider": (99, 3, 7),
    "range": ([6, 1], [2, 5], [1, 6]),
    "int": (11, 4, 9),
    "float": ("x", 0.5, 0.25),
    "text": ("far too long a text", "hi", "short"),
    "toggle": (1, False, True),
    "multi": (["c"], ["a"], ["b", "a"]),
    "checks": (["a", "a"], [], ["b"]),
    "radio": ("c", "a", "b"),
    "date": ("2024-13-01", "2024-05-17", "2025-01-31"),
    "color": ("blue", "#112233", "#ffeedd"),
}


@pytest.mark.parametrize("key", list(SNAP_BACK))
def test_a_refused_value_snaps_back_and_the_session_goes_on(key):
    widgets = _all_widgets()
    local = LocalClient(lambda: ds.Column(*widgets.values())).connect()
    doc = local.client
    widget_id = doc.find(type(widgets[key]).__name__, name=key)
    bad, restored, good = SNAP_BACK[key]

    local.set(widget_id, "value", bad)
    [error] = doc.errors
    assert error["code"] == "invalid"
    assert f"'{key}'" in error["message"]
    assert doc.prop(widget_id, "value") == restored  # the corrective patch (§5)
    assert not doc.outbox

    local.set(widget_id, "value", good)
    assert len(doc.errors) == 1
    assert doc.prop(widget_id, "value") == good
    expected = check_client_value(widgets[key], "value", good)
    assert widgets[key].value == expected
    assert local.errors_raised == []


def test_value_throttled_changes_only_on_release():
    slider = w.IntSlider(name="s", start=0, end=100, value=10)
    values, released = [], []
    slider.param.watch(lambda e: values.append(e.new), "value")
    slider.param.watch(lambda e: released.append(e.new), "value_throttled")
    local = LocalClient(lambda: slider).connect()
    sid = local.client.find("IntSlider")
    assert local.client.prop(sid, "value_throttled") == 10

    for v in (11, 14, 19):  # dragging
        local.set(sid, "value", v)
    assert values == [11, 14, 19] and released == []
    # Letting go: the page sends the final value and value_throttled in one patch.
    local._send(local.client.patch([
        {"op": "replace", "path": f"/models/{sid}/props/value", "value": 20},
        {"op": "replace", "path": f"/models/{sid}/props/value_throttled", "value": 20}]))
    assert values[-1] == 20 and released == [20]
    assert slider.value_throttled == 20
    local.set(sid, "value_throttled", 101)
    assert local.client.errors[-1]["code"] == "invalid"
    assert slider.value_throttled == 20


@pytest.mark.parametrize("kind", [w.TextInput, w.PasswordInput, w.TextAreaInput])
def test_text_value_throttled_changes_only_on_commit(kind):
    text = kind(name="t", value="a", max_length=8)
    typed, committed = [], []
    text.param.watch(lambda e: typed.append(e.new), "value")
    text.param.watch(lambda e: committed.append(e.new), "value_throttled")
    local = LocalClient(lambda: text).connect()
    tid = local.client.find(kind.__name__)
    assert local.client.prop(tid, "value_throttled") == "a"

    for v in ("ab", "abc", "abcd"):  # typing
        local.set(tid, "value", v)
    assert typed == ["ab", "abc", "abcd"] and committed == []
    # Enter or leaving the field: the page sends the text it commits.
    local.set(tid, "value_throttled", "abcd")
    assert committed == ["abcd"] and text.value_throttled == "abcd"

    # The same rules as `value`: refused, snapped back, and the session goes on.
    for bad in ("far too long", None, 5):
        local.set(tid, "value_throttled", bad)
        assert local.client.errors[-1]["code"] == "invalid"
        assert local.client.prop(tid, "value_throttled") == "abcd"
    assert text.value_throttled == "abcd" and committed == ["abcd"]
    assert local.errors_raised == []


def test_text_value_throttled_starts_at_the_value_and_app_code_may_set_it():
    assert w.TextInput().value_throttled == ""
    assert w.TextAreaInput(value="x\ny").value_throttled == "x\ny"
    text = w.TextInput(value="a", value_throttled="b")
    assert (text.value, text.value_throttled) == ("a", "b")
    with pytest.raises(Invalid, match="not a string"):
        check_client_value(text, "value", None)


async def test_refusals_over_a_real_socket(serve_app, clients):
    def app():
        return ds.Column(w.FileInput(name="f", max_size=8), w.DatePicker(name="d", value=DAY))

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    doc = client.client
    fid, did = doc.find("FileInput"), doc.find("DatePicker")

    await client.send(doc.event(fid, "upload", upload(b"123456789")))
    await client.wait_for(lambda c: c.errors and not c.outbox)
    assert "notes.txt is 9 bytes; the limit is 8 bytes" in doc.errors[-1]["message"]
    await client.set(did, "value", "2024-02-30")
    await client.wait_for(lambda c: len(c.errors) == 2 and c.prop(did, "value") == "2024-05-17")
    assert doc.errors[-1]["code"] == "invalid"

    await client.send(doc.event(fid, "upload", upload(b"12345678")))
    await client.wait_for(lambda c: c.prop(fid, "filename") == "notes.txt" and not c.outbox)
    assert client.close_code is None and len(doc.errors) == 2


def _session_counter_app():
    button = ds.widgets.Button(name="Count")
    out = ds.pane.Markdown("")

    def count(event, session):  # Datapane's convention: the session store by name
        session["clicks"] = session.get("clicks", 0) + 1
        out.object = f"{session['clicks']} (event {event.new})"

    button.on_click(count)
    return ds.Column(button, out)


async def test_on_click_gives_a_callback_asking_for_session_its_sessions_store(
        serve_app, clients):
    from tests.server.support import texts

    handle = serve_app(_session_counter_app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    for _ in range(2):
        await a.click(a.client.find("Button"))
    await a.wait_for(lambda d: texts(d) == ["2 (event 2)"])
    await b.click(b.client.find("Button"))
    await b.wait_for(lambda d: texts(d) == ["1 (event 1)"])
