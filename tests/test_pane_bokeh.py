"""Bokeh panes (docsync/pane/bokeh.py): Bokeh's JSON item, the BokehJS files it needs, the
dark theme's attributes, bad input."""

import logging
import subprocess
import sys

import bokeh
import holoviews as hv
import pytest
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, DataTable, Slider, TableColumn
from bokeh.plotting import figure
from bokeh.themes import built_in_themes

import docsync as pn
from docsync.core.model import props_json
from docsync.exceptions import ArgumentError
from docsync.pane.bokeh import dark_overrides
from tests.server.support import REPO, subprocess_env

hv.extension("bokeh")  # as an app does (Panel's HoloViews pages): `.opts` needs it


def line(title: str = "Prices", **opts) -> figure:
    plot = figure(title=title, tools="pan,wheel_zoom,hover,reset", **opts)
    plot.line([1, 2, 3], [4, 6, 5])
    return plot


def test_pn_panel_picks_bokeh_for_a_figure_and_holoviews_for_an_element():
    assert type(pn.panel(line())) is pn.pane.Bokeh
    assert type(pn.panel(column(line()))) is pn.pane.Bokeh
    assert type(pn.panel(hv.Curve([1, 3, 2]))) is pn.pane.HoloViews


def test_the_item_is_bokehs_json_item_and_object_is_not_sent():
    plot = line()
    pane = pn.pane.Bokeh(plot)
    assert pane.item["root_id"] == plot.id and pane.item["version"] == bokeh.__version__
    assert pane.title == "Prices" and pane.error is None
    wire = props_json(pane, lambda m: m.name)
    assert "object" not in wire and "theme" not in wire
    assert wire["item"] == pane.item and wire["files"] == ["bokeh.min.js"]


def test_only_the_bokehjs_parts_a_figure_uses_are_listed():
    assert pn.pane.Bokeh(line(output_backend="webgl")).files == ["bokeh.min.js",
                                                                 "bokeh-gl.min.js"]
    assert pn.pane.Bokeh(column(Slider(start=0, end=1, value=0), line())).files == [
        "bokeh.min.js", "bokeh-widgets.min.js"]
    table = DataTable(source=ColumnDataSource({"a": [1]}), columns=[TableColumn(field="a")])
    assert pn.pane.Bokeh(table).files == ["bokeh.min.js", "bokeh-widgets.min.js",
                                          "bokeh-tables.min.js"]


def test_the_dark_theme_is_sent_as_attribute_overrides_only():
    plot = line()
    pane = pn.pane.Bokeh(plot)
    # dark_minimal's own colour (which importing Panel, via hv.extension, changes in place).
    probe = figure()
    built_in_themes["dark_minimal"].apply_to_model(probe)
    assert pane.dark[plot.id]["background_fill_color"] == probe.background_fill_color != "#ffffff"
    assert plot.background_fill_color == "#ffffff"  # the figure itself is left alone
    assert all(not isinstance(v, dict) for attrs in pane.dark.values() for v in attrs.values())
    # A colour the app set is the app's in both themes.
    plot.background_fill_color = "#fafad2"
    pane.param.trigger("object")
    assert "background_fill_color" not in pane.dark[plot.id]


def test_dark_overrides_keeps_changed_plain_values_of_each_model():
    def item(attrs: dict) -> dict:
        return {"doc": {"roots": [{"type": "object", "name": "Figure", "id": "p1",
                                   "attributes": attrs}]}}
    light = item({"a": 1, "b": "x", "n": {"type": "object", "name": "T", "id": "p2"}})
    dark = item({"a": 2, "b": "x", "c": [1, 2], "d": {"type": "map"},
                 "n": {"type": "object", "name": "T", "id": "p2", "attributes": {"e": "y"}}})
    assert dark_overrides(light, dark) == {"p1": {"a": 2, "c": [1, 2]}, "p2": {"e": "y"}}


def test_an_explicit_theme_is_used_in_both_page_themes():
    pane = pn.pane.Bokeh(line(), theme="night_sky")
    assert pane.dark is None
    root = next(r for r in pane.item["doc"]["roots"] if r["id"] == pane.item["root_id"])
    assert root["attributes"]["background_fill_color"] != "#ffffff"
    with pytest.raises(ValueError, match=r"theme must be a bokeh\.themes\.Theme or one of"):
        pn.pane.Bokeh(line(), theme="neon")


def test_a_figure_that_cannot_be_serialized_is_reported_in_the_pane_and_the_log(caplog):
    bad = figure(title="Broken")
    bad.scatter(x="x", y="y", source=ColumnDataSource({"x": [object()], "y": [1]}))
    pane = pn.pane.Bokeh(line())
    with caplog.at_level(logging.ERROR, logger="docsync.pane.bokeh"):
        pane.object = bad
    assert pane.item is None and pane.files == []
    assert pane.error.startswith("Bokeh pane (figure 'Broken'): cannot serialize the figure "
                                 "for BokehJS: can't serialize")
    assert [r.getMessage() for r in caplog.records] == [pane.error]
    pane.object = line()  # a good figure draws again
    assert pane.error is None and pane.item is not None


def test_other_objects_and_panel_only_arguments_raise():
    with pytest.raises(ValueError, match=r"Bokeh shows a Bokeh figure or layout .* not dict"):
        pn.pane.Bokeh({"a": 1})
    with pytest.raises(ArgumentError, match=r"autodispatch.*no Bokeh Python callbacks"):
        pn.pane.Bokeh(line(), autodispatch=False)
    assert pn.pane.Bokeh(line(), autodispatch=True).item is not None  # Panel's default
    assert pn.pane.Bokeh().item is None


def test_holoviews_renders_with_bokeh_and_refuses_what_docsync_cannot_draw():
    pane = pn.pane.HoloViews(hv.Curve([1, 3, 2]).opts(title="Curve"))
    # HoloViews draws with WebGL by default, so BokehJS's WebGL part is needed.
    assert pane.title == "Curve" and pane.files == ["bokeh.min.js", "bokeh-gl.min.js"]
    pane.object = hv.Scatter([(0, 1), (1, 0)]).opts(title="Dots")
    assert pane.title == "Dots"
    with pytest.raises(ValueError, match="HoloMap needs Panel's widgets"):
        pn.pane.HoloViews(hv.HoloMap({i: hv.Curve([i, 1]) for i in range(2)}))
    with pytest.raises(ValueError, match="backend 'matplotlib' is not supported"):
        pn.pane.HoloViews(hv.Curve([1, 2]), backend="matplotlib")
    with pytest.raises(ValueError, match="HoloViews shows a HoloViews object"):
        pn.pane.HoloViews(line())
    with pytest.raises(ArgumentError, match=r"'widgets' is not supported.*pn\.bind"):
        pn.pane.HoloViews(hv.Curve([1, 2]), widgets={"x": None})


def test_docsync_loads_neither_bokeh_nor_panel_unless_an_app_does():
    code = """
import sys
import docsync as pn
pn.Column(pn.panel("# Hi"), pn.panel({"a": 1}))
assert "bokeh" not in sys.modules and "holoviews" not in sys.modules, "bokeh loaded"
from bokeh.plotting import figure
plot = figure()
plot.line([1, 2], [3, 4])
pane = pn.panel(plot)
assert type(pane).__name__ == "Bokeh" and pane.item is not None
assert "panel" not in sys.modules and "holoviews" not in sys.modules, "panel loaded"
"""
    done = subprocess.run([sys.executable, "-c", code], env=subprocess_env(), cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_no_docsync_module_imports_panel_or_loads_bokeh_when_imported():
    """Panel is never imported; bokeh, holoviews and hvplot only inside the functions that
    handle their objects, so importing docsync loads none of them (the example apps in
    docsync/examples are apps, and import what they show)."""
    import ast

    optional = {"bokeh", "holoviews", "hvplot"}
    examples = REPO / "docsync" / "examples"
    for path in sorted((REPO / "docsync").rglob("*.py")):
        if path.is_relative_to(examples):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = set(tree.body)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = {node.module.split(".")[0]}
            else:
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            assert "panel" not in roots, where
            assert node not in top_level or not roots & optional, where
