"""``ReactiveExpr`` (docsync/pane/reactive_expr.py): an rx expression shown with the widgets
it reads, as Panel shows one."""

import pytest

import docsync as ds
from docsync.layout import Column, Row
from docsync.pane import ParamFunction, ReactiveExpr
from docsync.pane.reactive_expr import widgets_of


def test_the_widgets_an_expression_reads_are_shown_beside_its_value():
    speed = ds.widgets.FloatSlider(name="Speed", end=20, value=5)
    factor = ds.widgets.FloatInput(name="Factor", value=0.5)
    power = speed.rx() * factor.rx()
    text = ds.rx("{s} x {f} = {p:.1f}").format(s=speed, f=factor, p=power)
    assert widgets_of(text) == [speed, factor]
    shown = ds.panel(text)
    assert type(shown) is ReactiveExpr
    row = shown.layout
    assert isinstance(row, Row)
    box, output = row.objects
    assert list(box) == [speed, factor] and box.styles == {"align-self": "flex-start"}
    assert isinstance(output, ParamFunction) and output.child.object == "5 x 0.5 = 2.5"
    speed.value = 10
    assert output.child.object == "10 x 0.5 = 5.0"


def test_widget_location_and_show_widgets():
    x = ds.widgets.IntSlider(name="x", end=9, value=2)
    below = ReactiveExpr(x.rx() + 1, widget_location="bottom_right")
    assert isinstance(below.layout, Column)
    output, box = below.layout.objects
    assert output.child.object == 3 and box.styles == {"align-self": "flex-end"}
    below.show_widgets = False
    assert isinstance(below.layout, ParamFunction)
    x.value = 5
    assert below.layout.child.object == 6
    assert output.child.object == 3  # the replaced output no longer follows the widget


def test_a_button_is_a_reference_through_its_clicks():
    go = ds.widgets.Button(name="Go")
    x = ds.widgets.IntSlider(name="x", end=9, value=2)
    submitted = (x.rx() * 10).rx.when(go)
    pane = ds.pane.Str(submitted)
    assert pane.object == 20
    x.value = 3
    assert pane.object == 20
    go.clicks += 1
    assert pane.object == 30
    assert go.rx().rx.value == 1


def test_only_rx_expressions_are_shown():
    with pytest.raises(TypeError, match="not function"):
        ReactiveExpr(lambda: 1)
