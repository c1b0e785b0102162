"""docsync.notebook.static: the HTML a notebook output falls back to without a live view."""

from __future__ import annotations

import pandas as pd

import docsync as ds
from docsync.notebook.static import render_document, snapshot_html


def test_layouts_widgets_and_panes_as_static_html():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    html = snapshot_html(ds.Column(
        ds.Row(x, ds.widgets.TextInput(name="who", value="Ada")),
        ds.bind(lambda v: f"x is **{v}**", x),
        ds.widgets.Select(name="unit", options={"metres": "m", "kilometres": "km"}, value="km"),
        ds.widgets.Checkbox(name="fast", value=True),
        ds.widgets.Button(name="Go"),
        ds.pane.Str("a <b> & c"),
    ))
    assert html.startswith('<div class="docsync-static"')
    assert '<input type="range" disabled min="0" max="10" step="1" value="3">' in html
    assert '<input type="text" disabled value="Ada">' in html
    assert "x is <strong>3</strong>" in html  # the server's rendering of the Markdown
    assert "<option>metres</option><option selected>kilometres</option>" in html
    assert "<input type=\"checkbox\" disabled checked> fast" in html
    assert "<button type=\"button\" disabled>Go</button>" in html
    assert "a &lt;b&gt; &amp; c" in html  # text is escaped
    assert "flex-direction:row" in html


def test_a_select_with_groups_shows_them():
    html = snapshot_html(ds.widgets.Select(name="fruit", groups={"Citrus": {"lime": "lime"},
                                                                 "Berry": {"Fig!": "fig"}}))
    assert ('<optgroup label="Citrus"><option selected>lime</option></optgroup>'
            '<optgroup label="Berry"><option>Fig!</option></optgroup>') in html


def test_the_current_state_is_shown():
    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    root = ds.Column(x, ds.bind(lambda v: f"x is {v}", x))
    x.value = 9
    html = snapshot_html(root)
    assert 'value="9"' in html and "x is 9" in html
    x.value = 1  # the throw-away document watches nothing after the snapshot
    assert snapshot_html(root) != html


def test_a_data_frame_page_as_a_table():
    frame = pd.DataFrame({"city": ["Oslo", "Lima"], "people": [709_000, 10_000_000]})
    html = snapshot_html(ds.pane.DataFrame(frame))
    assert "<th" in html and "city" in html and "<td>Oslo</td>" in html


def test_hidden_models_and_unknown_types():
    shown = ds.pane.Markdown("shown")
    hidden = ds.pane.Markdown("hidden", visible=False)
    html = snapshot_html(ds.Column(shown, hidden))
    assert "shown" in html and "hidden" not in html
    html = render_document({"roots": ["m1", "m2", "m9"], "models": {  # m9: a dangling ref
        "m1": {"type": "Gauge", "props": {"name": "load", "value": 0.5}},
        "m2": {"type": "Mystery", "props": {}},
    }})
    assert "load" in html and "0.5" in html and "[Mystery]" in html
