"""The Plotly pane (docsync/pane/plotly.py): figures as JSON, a one-trace change sent as
that trace, client data validated, a figure that cannot be sent named in the page and the
log, and plotly imported only by apps that use it."""

import datetime
import logging
import math
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import pytest

from docsync.core.document import Document
from docsync.exceptions import ArgumentError, Invalid
from docsync.pane import JSON, Plotly, pane_type
from docsync.pane.plotly import figure_json, is_plotly_figure
from tests.server.support import REPO, subprocess_env


def replace_op(mid, prop, value):
    return {"op": "replace", "path": f"/models/{mid}/props/{prop}", "value": value}


def test_a_plotly_figure_is_sent_as_json_data():
    fig = go.Figure(go.Scatter(x=[0, 1, 2], y=[1.5, math.nan, 3.0], name="a"),
                    layout={"title": {"text": "Sales"}})
    figure = Plotly(fig).figure
    assert figure["data"] == [{"type": "scatter", "x": [0, 1, 2], "y": [1.5, None, 3.0],
                               "name": "a"}]
    assert figure["layout"]["title"] == {"text": "Sales"}
    assert "template" in figure["layout"]  # the figure's own template goes with it
    # plotly keeps numpy arrays as plotly.js's base64 typed arrays: sent as they are.
    numeric = Plotly(go.Figure(go.Scatter(y=np.array([1.0, 2.0])))).figure["data"][0]["y"]
    assert numeric == fig_json_y(np.array([1.0, 2.0]))


def fig_json_y(array):
    return go.Figure(go.Scatter(y=array)).to_plotly_json()["data"][0]["y"]


def test_a_figure_dict_needs_data_and_may_omit_layout():
    when = datetime.date(2026, 1, 2)
    pane = Plotly({"data": [{"type": "bar", "x": [when], "y": np.array([4, 5])}]})
    assert pane.figure == {"data": [{"type": "bar", "x": ["2026-01-02"], "y": [4, 5]}],
                           "layout": {}}
    assert is_plotly_figure({"data": [], "layout": {}, "frames": []})
    assert not is_plotly_figure({"data": []})  # pn.panel: JSON, as in Panel
    assert not is_plotly_figure({"data": [], "layout": {}, "other": 1})
    assert not is_plotly_figure({"data": "x", "layout": {}})
    with pytest.raises(ValueError, match="not dict"):
        Plotly({"data": [], "other": 1})


def test_other_objects_are_refused_and_none_shows_nothing():
    with pytest.raises(ValueError, match="plotly Figure or a dict with a 'data' list"):
        Plotly([1, 2])
    pane = Plotly()
    assert pane.figure is None and pane.error is None


def test_a_figure_that_cannot_be_sent_is_named_in_the_page_and_the_log(caplog):
    class Opaque:
        pass

    with caplog.at_level(logging.ERROR, logger="docsync.pane.plotly"):
        pane = Plotly({"data": [{"y": [1, Opaque()]}]}, name="sales")
    assert pane.figure is None
    assert pane.error == ("Plotly pane 'sales' cannot show this figure: figure.data[0].y[1] "
                          "is of type Opaque, which a figure cannot hold (use numbers, strings, "
                          "dates, lists or numpy arrays)")
    assert pane.error in caplog.text
    pane.object = {"data": [{"y": [1, 2]}]}
    assert pane.error is None and pane.figure["data"] == [{"y": [1, 2]}]


def test_figure_json_is_strict_about_what_a_figure_holds():
    assert figure_json({"a": (1, math.inf)}) == {"a": [1, None]}
    with pytest.raises(TypeError, match=r"figure\.layout\.x is of type set"):
        figure_json({"layout": {"x": {1}}})


def test_a_one_trace_change_sends_only_that_trace():
    fig = go.Figure([go.Scatter(y=list(range(200)), name="big"), go.Bar(y=[1, 2, 3])])
    pane = Plotly(fig)
    doc = Document([pane])
    doc.snapshot(1)
    fig.data[1].y = [3, 2, 1]
    pane.param.trigger("object")
    assert doc.take_ops(2) == [
        {"op": "replace", "path": "/models/m1/props/figure/data/1/y", "value": [3, 2, 1]}]
    pane.object = None
    assert doc.take_ops(3) == [replace_op("m1", "figure", None)]


def test_client_data_is_validated_and_a_refusal_names_the_pane():
    pane = Plotly({"data": [{"y": [1, 2]}]}, name="chart")
    doc = Document([pane])
    doc.snapshot(1)
    click = {"points": [{"curveNumber": 0, "pointNumber": 1, "x": 1, "y": 2}]}
    doc.apply_client_ops([replace_op("m1", "click_data", click)], base=1)
    assert pane.click_data == click
    assert doc.take_ops(2) == []  # the client's own value is not echoed
    for prop, value in (("relayout_data", [1]), ("relayout_data", "zoom"),
                        ("click_data", {"points": 3}), ("hover_data", {"x": 1}),
                        ("selected_data", {"points": [1]})):
        with pytest.raises(Invalid, match="chart"):
            doc.apply_client_ops([replace_op("m1", prop, value)], base=1)
    assert pane.relayout_data is None and pane.click_data == click
    doc.apply_client_ops([replace_op("m1", "relayout_data", {"xaxis.range[0]": 0.5}),
                          replace_op("m1", "hover_data", None)], base=1)
    assert pane.relayout_data == {"xaxis.range[0]": 0.5}


def test_panel_arguments_docsync_does_not_take_say_what_to_do():
    with pytest.raises(ArgumentError, match=r"set pane\.object = fig again"):
        Plotly({"data": []}, link_figure=False)
    with pytest.raises(ArgumentError, match="relayout_data"):
        Plotly({"data": []}, viewport_update_policy="continuous")
    with pytest.raises(ArgumentError, match="does not send restyles"):
        Plotly({"data": []}, restyle_data=[])


def test_panel_picks_plotly_for_figures_only():
    assert pane_type(go.Figure()) is Plotly
    assert pane_type({"data": [{"y": [1]}], "layout": {}}) is Plotly
    assert pane_type({"data": 1}) is JSON
    assert pane_type({"data": [{"y": [1]}]}) is JSON


def test_plotly_is_imported_only_by_apps_that_use_it():
    code = ("import sys\nimport docsync as pn\n"
            "pane = pn.pane.panel({'data': [{'y': [1, 2]}], 'layout': {}})\n"
            "assert type(pane).__name__ == 'Plotly', pane\n"
            "assert 'plotly' not in sys.modules, 'plotly was imported'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=subprocess_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_figure_dict_may_hold_one_trace_as_plotly_figures_do():
    from docsync.pane import Plotly

    pane = Plotly({"data": {"type": "contour", "z": [[1, 2], [3, 4]]}, "layout": {}})
    assert [t["type"] for t in pane.figure["data"]] == ["contour"]
