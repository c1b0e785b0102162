"""A client's values set on a model (docsync/core/client_values.py): validated by the
parameter's own rules, watchers in one batch, change hooks told of what was stored."""

import pytest

import docsync as ds
from docsync.core.client_values import check_client_value, set_client_values
from docsync.core.model import listen
from docsync.exceptions import Invalid


@pytest.fixture
def slider():
    model = ds.widgets.IntSlider(name="speed", start=0, end=10, value=3)
    heard: list[str] = []
    listen(model, lambda m, name, structural: heard.append(name))
    return model, heard


def test_a_refused_value_names_the_widget_and_changes_nothing(slider):
    model, heard = slider
    seen = []
    model.param.watch(seen.append, "value")
    with pytest.raises(Invalid, match="IntSlider 'speed'"):  # param.Integer's own rule
        set_client_values(model, {"value": "fast"})
    assert model.value == 3 and seen == [] and heard == []


def test_one_value_runs_watchers_and_tells_the_hooks(slider):
    model, heard = slider
    seen = []
    model.param.watch(lambda e: seen.append((e.name, e.new)), "value")
    set_client_values(model, {"value": 7})
    assert model.value == 7 and seen == [("value", 7)] and heard == ["value"]


def test_a_watcher_error_is_not_a_refusal_and_the_hooks_still_hear(slider):
    model, heard = slider

    def boom(event):
        raise ValueError("app code failed")

    model.param.watch(boom, "value")
    with pytest.raises(ValueError, match="app code failed"):
        set_client_values(model, {"value": 5})
    assert model.value == 5 and heard == ["value"]


def test_several_values_reach_watchers_as_one_batch(slider):
    model, heard = slider
    batches = []
    model.param.watch(lambda *events: batches.append(sorted(e.name for e in events)),
                      ["value", "value_throttled"])
    set_client_values(model, {"value": 4, "value_throttled": 4})
    assert batches == [["value", "value_throttled"]]
    assert sorted(heard) == ["value", "value_throttled"]


def test_check_client_value_tries_without_keeping_or_telling(slider):
    model, heard = slider
    assert check_client_value(model, "value", 9) == 9
    with pytest.raises(Invalid):
        check_client_value(model, "value", 12)
    assert model.value == 3 and heard == []
