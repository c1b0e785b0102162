"""The seed documents' examples (docsync/examples/seeds), each driven headless through
``docsync.testing.NetworkClient`` against one real ``docsync serve`` of them all."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import docsync.examples.seeds
from docsync.testing import ClientProtocol, NetworkClient
from tests.server.support import ServeProcess, subprocess_env, texts

SEEDS = Path(docsync.examples.seeds.__file__).parent
APPS = sorted(p for p in SEEDS.glob("*.py") if p.name != "__init__.py")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """App name → URL, all served by one ``docsync serve`` process."""
    tmp = tmp_path_factory.mktemp("seeds")
    process = ServeProcess([*map(str, APPS), "--port", "0", "--log-level", "warning"],
                           cwd=tmp, env=subprocess_env(), logs=tmp / "logs")
    try:
        deadline = time.monotonic() + 30
        while len(process.served()) < len(APPS):
            assert process.proc.poll() is None, process.stderr()
            assert time.monotonic() < deadline, "the seed apps were not served in time"
            time.sleep(0.05)
        yield {name: url for name, url in process.served()}
        assert "Traceback" not in process.stderr(), process.stderr()
    finally:
        process.terminate()


@pytest.fixture
async def open_app(seeds: dict[str, str]) -> Any:
    made: list[NetworkClient] = []

    async def open_(name: str) -> tuple[NetworkClient, ClientProtocol]:
        client = NetworkClient(seeds[name])
        made.append(client)
        await client.open()
        assert client.client is not None
        return client, client.client

    yield open_
    for client in made:
        await client.close()


def props_of(doc: ClientProtocol, type_: str) -> list[dict[str, Any]]:
    assert doc.doc is not None
    return [m["props"] for _, m in sorted(doc.doc["models"].items(), key=lambda kv: int(kv[0][1:]))
            if m["type"] == type_]


def forms(doc: ClientProtocol) -> list[str]:
    assert doc.doc is not None
    return sorted((mid for mid, m in doc.doc["models"].items() if m["type"] == "Form"),
                  key=lambda mid: int(mid[1:]))


def numbers(doc: ClientProtocol) -> list[str]:
    return [p["text"] for p in props_of(doc, "Number")]


def until(predicate: Callable[[ClientProtocol], Any]) -> Callable[[ClientProtocol], bool]:
    def check(doc: ClientProtocol) -> bool:
        try:
            return bool(predicate(doc))
        except (LookupError, KeyError, IndexError):
            return False
    return check


# -- Datapane ------------------------------------------------------------------------------


async def test_filter_df_shows_the_chosen_column(open_app):
    client, doc = await open_app("datapane_filter_df")
    choice = doc.find("Select")
    assert doc.prop(choice, "name") == "Select column to filter"
    await client.submit(forms(doc)[0], {choice: "petalLength"})
    await client.wait_for(until(lambda d: props_of(d, "DataFrame")[0]["data"]["total"] == 15))
    [table] = props_of(doc, "DataFrame")
    assert [f["name"] for f in table["fields"]][-1] == "petalLength" and len(table["fields"]) == 2


async def upload_and_load(client: NetworkClient, doc: ClientProtocol, csv: str) -> None:
    file_input = doc.find("FileInput")
    await client.send(doc.event(file_input, "upload", {
        "filename": "data.csv", "mime_type": "text/csv",
        "data": base64.b64encode(csv.encode()).decode()}))
    await client.wait_for(lambda d: d.prop(file_input, "filename") == "data.csv")
    await client.submit(forms(doc)[0])
    await client.wait_for(until(lambda d: len(forms(d)) == 2))


async def test_chained_forms_keep_each_sessions_upload(open_app):
    a, adoc = await open_app("datapane_chaining")
    b, bdoc = await open_app("datapane_chaining")
    await upload_and_load(a, adoc, "a,b\n1,10\n2,20\n3,30\n")
    await upload_and_load(b, bdoc, "b,c\n7,8\n")
    # describe() of each session's own frame
    assert props_of(adoc, "DataFrame")[0]["data"]["total"] == 8
    assert [f["name"] for f in props_of(bdoc, "DataFrame")[0]["fields"]][1:] == ["b", "c"]
    for client, doc in ((a, adoc), (b, bdoc)):
        await client.submit(forms(doc)[1], {doc.find("TextInput"): "b"})
    await a.wait_for(until(lambda d: props_of(d, "DataFrame")[1]["data"]["total"] == 3))
    await b.wait_for(until(lambda d: props_of(d, "DataFrame")[1]["data"]["total"] == 1))
    assert [r[-1] for r in props_of(adoc, "DataFrame")[1]["data"]["rows"]] == ["10", "20", "30"]
    assert [r[-1] for r in props_of(bdoc, "DataFrame")[1]["data"]["rows"]] == ["7"]


async def test_cached_calc_computes_equal_inputs_once(open_app):
    a, doc = await open_app("datapane_cached_calc")
    runs = int(await computed(a, doc))
    for x, expected, new in ((None, "5", 1), (None, "5", 0), (4, "7", 1), (None, "7", 0)):
        await a.submit(forms(doc)[0], {doc.find("IntInput", name="x"): x} if x else {})
        await a.wait_for(lambda d, e=expected: numbers(d) == [e], timeout=10)
        runs += new
        assert await computed(a, doc) == str(runs)


async def computed(client: NetworkClient, doc: ClientProtocol) -> str:
    """Click the page's count button; the number of real computations it then shows."""
    button = doc.find("Button")
    clicks = doc.prop(button, "clicks")
    await client.click(button)
    await client.wait_for(lambda d: d.prop(button, "clicks") == clicks + 1)
    [shown] = [t for t in texts(doc) if t.startswith("computed")]
    return shown.split()[1]


async def test_cached_calc_is_shared_by_every_session(open_app):
    a, adoc = await open_app("datapane_cached_calc")
    b, bdoc = await open_app("datapane_cached_calc")
    runs = int(await computed(a, adoc))
    await a.submit(forms(adoc)[0], {adoc.find("IntInput", name="y"): 9})
    await a.wait_for(lambda d: numbers(d) == ["11"], timeout=10)
    await b.submit(forms(bdoc)[0], {bdoc.find("IntInput", name="y"): 9})
    await b.wait_for(lambda d: numbers(d) == ["11"], timeout=10)
    assert await computed(b, bdoc) == str(runs + 1)


async def test_session_accumulates_per_user(open_app):
    a, adoc = await open_app("datapane_session")
    b, bdoc = await open_app("datapane_session")
    for expected in ("6", "12", "18"):
        await a.submit(forms(adoc)[0])
        await a.wait_for(lambda d, e=expected: numbers(d) == [e])
    await b.submit(forms(bdoc)[0], {bdoc.find("IntInput", name="y"): 1})
    await b.wait_for(lambda d: numbers(d) == ["2"])


# -- Streamlit -----------------------------------------------------------------------------


async def test_page_counter_counts_this_sessions_runs(open_app):
    a, adoc = await open_app("streamlit_page_counter")
    assert texts(adoc) == ["## This page has run 1 times."]
    for n in (2, 3):
        await a.click(adoc.find("Button"))
        await a.wait_for(lambda d, n=n: texts(d) == [f"## This page has run {n} times."])
    _, bdoc = await open_app("streamlit_page_counter")
    assert texts(bdoc) == ["## This page has run 1 times."]


def scatter(doc: ClientProtocol) -> dict[str, Any]:
    return props_of(doc, "Vega")[0]["spec"]


async def test_random_frame_is_per_session_and_stable_across_interactions(open_app):
    a, adoc = await open_app("streamlit_random_frame")
    _, bdoc = await open_app("streamlit_random_frame")
    points = scatter(adoc)["data"]["values"]
    assert len(points) == 20 and points != scatter(bdoc)["data"]["values"]
    await a.set(adoc.find("ColorPicker"), "value", "#00ff00")
    await a.wait_for(lambda d: scatter(d)["mark"]["color"] == "#00ff00")
    assert scatter(adoc)["data"]["values"] == points


def history(doc: ClientProtocol) -> list[int]:
    return [v["product"] for v in scatter(doc)["data"]["values"]]


async def test_slider_history_with_keys_and_a_cached_multiply(open_app):
    a, doc = await open_app("streamlit_slider_history")
    op1, op2 = doc.find("IntSlider", name="Operand 1"), doc.find("IntSlider", name="Operand 2")
    assert history(doc) == [1]
    await a.set(op1, "value", 3)
    await a.wait_for(lambda d: history(d) == [1, 3])
    await a.set(op2, "value", 4)
    await a.wait_for(lambda d: history(d) == [1, 3, 12])
    for n in (4, 5):  # the button sets both keys: the sliders follow, one entry each time
        await a.click(doc.find("Button"))
        await a.wait_for(lambda d, n=n: len(history(d)) == n)
        await a.wait_for(lambda d, n=n: history(d)[-1]
                         == d.prop(op1, "value") * d.prop(op2, "value"))
    assert all(1 <= doc.prop(s, "value") <= 10 for s in (op1, op2))


async def test_hash_funcs_on_a_custom_class(open_app):
    _, doc = await open_app("streamlit_hash_funcs")
    assert texts(doc) == ["Original ID: 1, Cached Copy ID: 2", "Cached copy's ID times 3: 6"]


async def test_forms_batch_and_inputs_outside_them_do_not(open_app):
    a, doc = await open_app("streamlit_forms")
    inside = doc.find("TextInput", name="This text is in there")
    outside = doc.find("TextInput", name="this updates automatically")
    def shown(d: ClientProtocol) -> list[str]:
        return sorted(texts(d, "Str", "text"))

    assert shown(doc) == ["Default text", "Default text"]
    await a.set(outside, "value", "typed")
    await a.wait_for(lambda d: shown(d) == ["Default text", "typed"])
    await a.submit(forms(doc)[0], {inside: "submitted"})
    await a.wait_for(lambda d: shown(d) == ["submitted", "typed"])
    assert [t for t in texts(doc) if t.startswith("**col")] == ["**col 1**"]
    await a.submit(forms(doc)[1], {doc.find("IntInput", name="Rows"): 2,
                                   doc.find("IntInput", name="Columns"): 3})
    await a.wait_for(lambda d: sorted(t for t in texts(d) if t.startswith("**col"))
                     == ["**col 1**", "**col 2**", "**col 3**"])
    await a.submit(forms(doc)[1], {doc.find("IntInput", name="Columns"): 9})  # above 5
    await a.wait_for(lambda d: d.errors)
    assert "at most 5" in doc.errors[0]["message"]
    # The corrective patch follows the error (PROTOCOL.md §5): the field snaps back.
    columns = doc.find("IntInput", name="Columns")
    await a.wait_for(lambda d: d.prop(columns, "value") == 3)


# -- Dash ----------------------------------------------------------------------------------


def parts(d: ClientProtocol) -> list[str]:
    return sorted(t for t in texts(d) if t.startswith(("mean", "min", "max")))


async def choose(client: NetworkClient, doc: ClientProtocol, value: str) -> None:
    await client.set(doc.find("Select"), "value", value)
    await client.wait_for(lambda d: [p.split(":")[0] for p in parts(d)]
                          == [f"max of {value}", f"mean of {value}", f"min of {value}"],
                          timeout=10)


async def test_shared_computation_runs_once_and_signals_the_other_parts(open_app):
    a, doc = await open_app("dash_shared_computation")
    assert parts(doc) == ["max: choose a dataset", "mean: choose a dataset",
                          "min: choose a dataset"]
    runs = int(await computed(a, doc))
    await choose(a, doc, "pear")  # one computation, then three cache hits after the signal
    assert props_of(doc, "Store")[0]["data"] == "pear"
    assert await computed(a, doc) == str(runs + 1)
    await choose(a, doc, "apple")
    await choose(a, doc, "pear")
    assert await computed(a, doc) == str(runs + 2)


async def test_shared_computation_is_computed_once_for_sessions_asking_together(open_app):
    a, adoc = await open_app("dash_shared_computation")
    b, bdoc = await open_app("dash_shared_computation")
    runs = int(await computed(a, adoc))
    await asyncio.gather(choose(a, adoc, "orange"), choose(b, bdoc, "orange"))
    assert parts(adoc) == parts(bdoc)
    assert await computed(a, adoc) == str(runs + 1)


async def test_per_session_data_stays_with_its_session(open_app):
    a, adoc = await open_app("dash_per_session")
    _, bdoc = await open_app("dash_per_session")
    [first] = texts(adoc, "Str", "text")
    assert first.startswith("time: ") and texts(bdoc, "Str", "text") != [first]
    await a.set(adoc.find("Select"), "value", "value")
    await a.wait_for(lambda d: texts(d, "Str", "text")[0].startswith("value: "))
    await a.set(adoc.find("Select"), "value", "time")
    await a.wait_for(lambda d: texts(d, "Str", "text") == [first])  # computed once
