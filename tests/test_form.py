"""``ds.Form``: one patch per submit, all or nothing, results below the form (chaining)."""

from __future__ import annotations

import asyncio
import json

import pytest

import docsync as ds
from docsync.form import Form
from docsync.testing import LocalClient
from tests.server.support import texts


def adder(calls: list[tuple[int, int]]):
    def app():
        def add(x: int, y: int):
            calls.append((x, y))
            return f"sum is {x + y}"

        return ds.Form(ds.widgets.IntSlider(name="x", end=10, value=2),
                       ds.widgets.IntSlider(name="y", end=10, value=3),
                       on_submit=add, label="Add")
    return app


def test_a_submit_is_one_patch_that_sets_every_field_then_calls_the_handler_once():
    calls: list[tuple[int, int]] = []
    c = LocalClient(adder(calls)).connect()
    doc = c.client
    form, x = doc.find("Form"), doc.find("IntSlider", name="x")
    y = doc.find("IntSlider", name="y")
    assert doc.prop(form, "children") == [{"ref": x}, {"ref": y}]
    assert doc.prop(form, "result") is None and doc.prop(form, "submits") == 0
    frame = json.loads(doc.submit(form, {x: 7, y: 9}))
    assert frame["type"] == "patch" and [op["path"].rsplit("/", 3)[1:] for op in frame["ops"]] \
        == [[x, "props", "value"], [y, "props", "value"], [form, "props", "submits"]]
    c._send(json.dumps(frame))
    assert calls == [(7, 9)]
    assert texts(doc) == ["sum is 16"] and doc.errors == [] and doc.outbox == []
    # Fields not edited keep their values; a second submit calls again.
    c.submit(form, {x: 1})
    assert calls == [(7, 9), (1, 9)] and texts(doc) == ["sum is 10"]


def test_an_invalid_field_refuses_the_whole_submit_and_restores_every_field():
    calls: list[tuple[int, int]] = []
    c = LocalClient(adder(calls)).connect()
    doc = c.client
    form, x, y = doc.find("Form"), doc.find("IntSlider", name="x"), doc.find("IntSlider", name="y")
    c.submit(form, {x: 4, y: 99})
    assert calls == [] and doc.prop(form, "result") is None
    [error] = doc.errors
    assert error["code"] == "invalid" and "'y'" in error["message"]
    # The corrective patch puts the fields and the counter back to the server's values.
    assert (doc.prop(x, "value"), doc.prop(y, "value"), doc.prop(form, "submits")) == (2, 3, 0)
    assert c.document.get_model(x).value == 2
    c.submit(form, {x: 4})  # the session goes on
    assert calls == [(4, 3)]


@pytest.mark.parametrize("value", [0, -1, True, "1", 1.5])
def test_the_counter_only_counts_up(value):
    calls: list[tuple[int, int]] = []
    c = LocalClient(adder(calls)).connect()
    form = c.client.find("Form")
    c.set(form, "submits", value)
    assert calls == [] and c.client.errors[0]["code"] == "invalid"
    assert c.client.prop(form, "submits") == 0


def test_fields_are_named_by_controls_keys_or_widget_names_and_checked_against_the_handler():
    seen = []
    form = Form(ds.controls.NumberBox("x", initial=2),
                ds.Controls(column=ds.controls.Choice(options=["a", "b"], label="Pick one")),
                ds.pane.Markdown("help text"),
                ds.Row(ds.widgets.TextInput(name="note")),
                on_submit=lambda x, column, note="": seen.append((x, column, note)))
    assert list(form.fields) == ["x", "column", "note"]
    assert form.fields["column"].name == "Pick one"
    form.submit()
    assert seen == [(2, "a", "")]
    with pytest.raises(TypeError, match="no parameter 'y'"):
        Form(ds.controls.NumberBox("y"), on_submit=lambda x: x)
    with pytest.raises(TypeError, match="needs 'z'"):
        Form(ds.controls.NumberBox("x"), on_submit=lambda x, z: x)
    with pytest.raises(ValueError, match="two fields of a Form are named 'x'"):
        Form(ds.controls.NumberBox("x"), ds.controls.TextBox("x"))
    with pytest.raises(ValueError, match="has no name"):
        Form(ds.widgets.TextInput())


def test_params_and_session_arguments_follow_datapane():
    got = []
    form = Form(ds.controls.NumberBox("x", initial=2), ds.controls.NumberBox("y", initial=3),
                on_submit=lambda params, session: got.append((params, session)))
    form.submit()
    assert got == [({"x": 2, "y": 3}, None)]  # no session outside a server


def test_results_show_below_and_replace_the_previous_one():
    n = iter(range(10))
    form = Form(on_submit=lambda: [f"# run {next(n)}", ds.widgets.Button(name="more")])
    assert form.fields == {}
    form.submit()
    first = form.result
    assert isinstance(first, ds.Column) and first[0].object == "# run 0"
    form.submit()
    assert form.result is not first and form.result[0].object == "# run 1"
    form.on_submit = lambda: None
    form.submit()
    assert form.result is None


def test_a_nested_form_keeps_its_own_fields():
    inner = Form(ds.controls.TextBox("inner"))
    outer = Form(ds.controls.TextBox("outer"), ds.Column(inner))
    assert list(outer.fields) == ["outer"] and list(inner.fields) == ["inner"]


def chain_app():
    """Datapane's function chaining: the second form's handler closes over the first input."""
    def load(text: str, session):
        session["loads"] = session.get("loads", 0) + 1
        words = text.split()

        def pick(index: int):
            return f"word {index} of {ds.state.session_id[:6]}: {words[index]}"

        return [f"{len(words)} words, load {session['loads']}",
                ds.Form(ds.controls.NumberBox("index", initial=0), on_submit=pick)]

    return ds.Form(ds.controls.TextBox("text"), on_submit=load)


async def test_chained_forms_are_isolated_per_session(serve_app, clients):
    handle = serve_app(chain_app)
    a = await clients(handle.url + "app").open()
    b = await clients(handle.url + "app").open()
    for client, text in ((a, "alpha beta gamma"), (b, "one two")):
        doc = client.client
        await client.submit(doc.find("Form"), {doc.find("TextInput"): text})
    await a.wait_for(lambda d: "3 words, load 1" in texts(d))
    await b.wait_for(lambda d: "2 words, load 1" in texts(d))
    # Each session's chained form answers from its own earlier input.
    for client, word in ((a, "gamma"), (b, "two")):
        doc = client.client
        inner = [m for m, v in doc.doc["models"].items() if v["type"] == "Form"][1]
        await client.submit(inner, {doc.find("IntInput"): 1 if word == "two" else 2})
    sid_a, sid_b = a.client.session_id[:6], b.client.session_id[:6]
    await a.wait_for(lambda d: f"word 2 of {sid_a}: gamma" in texts(d))
    await b.wait_for(lambda d: f"word 1 of {sid_b}: two" in texts(d))
    assert not any("two" in t or "one" in t for t in texts(a.client))
    assert not any("gamma" in t for t in texts(b.client))
    # A second load replaces the result (and its chained form) and counts in the session.
    await a.submit(a.client.find("Form"), {a.client.find("TextInput"): "x y"})
    await a.wait_for(lambda d: "2 words, load 2" in texts(d))
    assert not any("gamma" in t for t in texts(a.client))
    await asyncio.sleep(0)


async def test_an_async_handler_runs_on_the_loop(serve_app, clients):
    def app():
        async def slow(name: str):
            await asyncio.sleep(0.01)
            return f"hello {name}"

        return ds.Form(ds.controls.TextBox("name"), on_submit=slow)

    handle = serve_app(app)
    client = await clients(handle.url + "app").open()
    doc = client.client
    await client.submit(doc.find("Form"), {doc.find("TextInput"): "ann"})
    await client.wait_for(lambda d: texts(d) == ["hello ann"])


def test_cache_reuses_a_result_for_equal_values_and_copies_it_per_caller():
    _calls: list[tuple[int, int]] = []  # underscore: not part of the cache key

    def calc(x: int, y: int):
        _calls.append((x, y))
        return ds.pane.Markdown(f"{x + y}")

    def make() -> Form:
        return Form(ds.controls.NumberBox("x", initial=2), ds.controls.NumberBox("y", initial=3),
                    on_submit=calc, cache=True)

    a, b = make(), make()  # two sessions' forms
    a.submit()
    b.submit()
    assert _calls == [(2, 3)]
    assert a.result.object == b.result.object == "5" and a.result is not b.result
    b.fields["x"].value = 4
    b.submit()
    assert _calls == [(2, 3), (4, 3)] and b.result.object == "7"


def test_cache_keys_on_closure_values_and_is_off_for_session_handlers():
    _calls: list[str] = []

    def chained(words: list[str]):
        def pick(index: int):
            _calls.append(words[index])
            return words[index]
        return Form(ds.controls.NumberBox("index", initial=0), on_submit=pick, cache=True)

    first, second = chained(["a", "b"]), chained(["c", "d"])
    first.submit()
    second.submit()
    first.submit()
    assert _calls == ["a", "c"] and second.result.object == "c"

    _seen: list[object] = []
    stateful = Form(ds.controls.NumberBox("x", initial=1), cache=True,
                    on_submit=lambda x, session: _seen.append(x))
    stateful.submit()
    stateful.submit()
    assert _seen == [1, 1]


def test_unnamed_controls_are_labelled_by_their_key():
    form = Form(controls={"col_name": ds.controls.TextBox()})
    controls = ds.Controls(file=ds.controls.File())
    assert form.fields["col_name"].name == "col_name" and controls["file"].name == "file"
