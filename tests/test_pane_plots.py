"""Plot panes (docsync/pane/plots.py): Matplotlib drawn on the server without pyplot, Vega
specs and Altair charts sent as JSON."""

import base64
import math
import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from docsync.core.model import props_json
from docsync.pane import Matplotlib, Vega
from tests.server.support import REPO, subprocess_env


def figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot([0, 1, 2], [2, 0, 1])
    ax.set_title("A line <&>")
    return fig


def decoded(src: str) -> tuple[str, bytes]:
    head, data = src.split(",", 1)
    return head, base64.b64decode(data)


def test_a_figure_renders_to_svg_by_default_and_png_on_request():
    pane = Matplotlib(figure())
    head, svg = decoded(pane.src)
    assert head == "data:image/svg+xml;base64" and svg.lstrip().startswith(b"<?xml")
    assert b"A line &lt;&amp;&gt;" in svg  # text is escaped by matplotlib's SVG writer
    pane.format = "png"
    head, png = decoded(pane.src)
    assert head == "data:image/png;base64" and png.startswith(b"\x89PNG")


def test_dpi_and_tight_change_the_png():
    fig = figure()
    small = decoded(Matplotlib(fig, format="png", dpi=50).src)[1]
    large = decoded(Matplotlib(fig, format="png", dpi=200).src)[1]
    loose = decoded(Matplotlib(fig, format="png", dpi=50, tight=False).src)[1]

    def size(png: bytes) -> tuple[int, int]:
        return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")

    assert size(large)[0] > 3 * size(small)[0]
    assert size(loose) == (150, 100)  # 3x2 inches at 50 dpi, not cropped
    assert size(small) != size(loose)


def test_wire_props_are_the_image_not_the_figure():
    props = props_json(Matplotlib(figure(), alt_text="A line"), str)
    assert set(props) >= {"src", "alt_text"}
    assert not {"object", "format", "dpi", "tight"} & set(props)


def test_matplotlib_refuses_other_objects():
    with pytest.raises(ValueError, match="matplotlib Figure"):
        Matplotlib("not a figure")
    assert Matplotlib().src is None


def test_rendering_touches_neither_pyplot_nor_the_global_backend():
    code = (
        "import sys, matplotlib\n"
        "raw = lambda: dict.__getitem__(matplotlib.rcParams, 'backend')  # unresolved\n"
        "backend = raw()\n"
        "from matplotlib.figure import Figure\n"
        "from docsync.pane import Matplotlib\n"
        "fig = Figure(); fig.subplots().plot([1, 2])\n"
        "Matplotlib(fig); Matplotlib(fig, format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert raw() == backend, raw()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=subprocess_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"x": 1, "y": 2.5}, {"x": 2, "y": math.nan}]},
    "mark": "bar",
    "encoding": {"x": {"field": "x", "type": "ordinal"},
                 "y": {"field": "y", "type": "quantitative"}},
}


def test_a_vega_lite_dict_is_sent_as_json():
    pane = Vega(SPEC, show_actions=True)
    props = props_json(pane, str)
    assert props["spec"]["mark"] == "bar" and props["show_actions"] is True
    assert props["spec"]["data"]["values"][1]["y"] is None  # NaN is not JSON
    assert "object" not in props


def test_an_altair_chart_is_converted_with_to_dict():
    import altair as alt
    import pandas as pd

    chart = alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_bar().encode(x="a", y="b")
    spec = Vega(chart).spec
    assert "vega-lite" in spec["$schema"] and spec["mark"]["type"] == "bar"
    values = next(iter(spec["datasets"].values()))
    assert values == [{"a": "x", "b": 1}, {"a": "y", "b": 2}]


def test_vega_refuses_other_objects():
    with pytest.raises(ValueError, match="spec dict or an Altair chart"):
        Vega([1, 2])
    assert Vega().spec is None
