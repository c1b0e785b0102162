import math

import pytest

import docsync as ds
from docsync.indicators import LoadingSpinner, Number, Progress
from docsync.testing import LocalClient


def shown(number: Number) -> tuple[str, str | None]:
    """What the page receives for a Number: its text and color."""
    return number._derived("text", str), number._derived("color", str)


def test_number_formats_its_value_on_the_server():
    n = Number(name="Wind", value=8.6, format="{value} m/s")
    assert shown(n) == ("8.6 m/s", None)
    n.format = "{value:,.2f}"
    n.value = 12345.678
    assert shown(n)[0] == "12,345.68"
    for missing in (None, math.nan):
        n.value = missing
        assert shown(n)[0] == "-"
    n.nan_format = "n/a"
    assert shown(n)[0] == "n/a"


def test_number_takes_the_color_of_the_first_threshold_it_does_not_exceed():
    n = Number(value=8.6, colors=[(10, "green"), (100, "red")], default_color="gray")
    assert shown(n)[1] == "green"
    n.value = 10
    assert shown(n)[1] == "green"
    n.value = 11.4
    assert shown(n)[1] == "red"
    n.value = 1000
    assert shown(n)[1] == "red"
    n.colors = None
    assert shown(n)[1] == "gray"


@pytest.mark.parametrize("params", [
    {"format": "{x}"},
    {"format": "{0}"},
    {"format": "{value"},
    {"colors": [("ten", "green")]},
    {"colors": [(10, "green", "extra")]},
])
def test_number_refuses_a_bad_template_or_threshold_where_it_is_set(params):
    with pytest.raises(ValueError, match="Number 'n'"):
        Number(name="n", **params)
    n = Number(name="n")
    with pytest.raises(ValueError, match="Number 'n'"):
        n.param.update(**params)


def test_a_format_that_does_not_fit_the_value_falls_back_to_plain_text():
    n = Number(value=2.5, format="{value:d}")
    assert shown(n)[0] == "2.5"


def test_number_sends_text_and_color_as_its_value_changes():
    n = Number(name="Revenue", value=5, format="${value}k", colors=[(10, "red"), (20, "green")])
    local = LocalClient(lambda: ds.Column(n)).connect()
    nid = local.client.find("Number")
    props = local.client.props(nid)
    assert (props["name"], props["text"], props["color"]) == ("Revenue", "$5k", "red")
    n.value = 15
    local.tick()
    assert (local.client.prop(nid, "text"), local.client.prop(nid, "color")) == ("$15k", "green")


def test_progress_value_none_or_minus_one_is_indeterminate():
    p = Progress(name="Loading data", value=None, max=10)
    p.value = -1
    p.value = 10
    with pytest.raises(ValueError):
        p.value = -2
    with pytest.raises(ValueError):
        Progress(max=0)


def test_indicators_are_read_only_to_the_browser():
    models = [Number(name="n"), Progress(name="p"), LoadingSpinner(name="s")]
    local = LocalClient(lambda: ds.Column(*models)).connect()
    for model in models:
        mid = local.client.find(type(model).__name__)
        local.set(mid, "value", 1)
        error = local.client.errors[-1]
        assert error["code"] == "forbidden" and "not client-writable" in error["message"]
    assert [m.value for m in models] == [0, None, False]


def test_loading_spinner_value_and_label_are_sent():
    spinner = LoadingSpinner(name="Fetching", value=True)
    local = LocalClient(lambda: spinner).connect()
    sid = local.client.find("LoadingSpinner")
    assert local.client.props(sid)["name"] == "Fetching"
    spinner.value = False
    local.tick()
    assert local.client.prop(sid, "value") is False
