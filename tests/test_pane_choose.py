"""``panel(obj)`` and ``pane_type(obj)`` (docsync/pane/choose.py) pick Panel's pane for each
kind of object."""

from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import docsync as ds
from docsync.pane import (
    JSON,
    DataFrame,
    Image,
    Markdown,
    Matplotlib,
    ParamFunction,
    Str,
    Vega,
    pane_type,
    panel,
)
from tests.test_pane_image import png_bytes


@pytest.fixture
def png_file(tmp_path: Path) -> Path:
    path = tmp_path / "pic.png"
    path.write_bytes(png_bytes())
    return path


def test_each_kind_of_object_gets_its_pane(png_file: Path):
    fig = Figure()
    fig.subplots().plot([1, 2])
    cases = [
        ("# text", Markdown),
        ("https://example.org/logo.png", Image),
        (str(png_file), Image),
        (png_file, Image),
        (png_bytes(), Image),
        (pd.DataFrame({"a": [1]}), DataFrame),
        (pd.Series([1, 2]), DataFrame),
        (fig, Matplotlib),
        (alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), Vega),
        ({"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "bar"}, Vega),
        ({"a": 1}, JSON),
        ([1, 2], JSON),
        (lambda: "x", ParamFunction),
        (3.5, Str),
        (np.arange(3), Str),
        (b"not an image", Str),
        (Path("notes.txt"), Str),
        (None, Str),
    ]
    for obj, kind in cases:
        assert pane_type(obj) is kind, obj
        assert type(panel(obj)) is kind, obj


def test_a_model_is_itself_and_strings_without_an_image_are_markdown(tmp_path: Path):
    md = Markdown("x")
    assert panel(md) is md and pane_type(md) is Markdown
    assert pane_type(str(tmp_path / "missing.png")) is Markdown
    assert pane_type("see photo.png for details") is Markdown


def test_layouts_use_panel_for_plain_objects():
    col = ds.Column(pd.DataFrame({"a": [1]}), {"k": "v"}, png_bytes())
    assert [type(o) for o in col] == [DataFrame, JSON, Image]


def test_bind_updates_a_pane_of_the_same_type_in_place():
    frames = ds.widgets.IntSlider(name="n", start=1, end=5, value=2)
    bound = ParamFunction(ds.bind(lambda n: pd.DataFrame({"v": range(n)}), frames))
    pane = bound.child
    assert isinstance(pane, DataFrame) and pane.data["total"] == 2
    frames.value = 4
    assert bound.child is pane and pane.data["total"] == 4


def test_parameterized_objects_methods_and_rx_get_panels_panes():
    import param

    from docsync.pane import Param, ParamMethod, ReactiveExpr

    class P(param.Parameterized):
        n = param.Integer(default=1)

        def view(self):
            return self.n

    p = P()
    x = ds.widgets.IntSlider(end=3)
    for obj, kind in [(p, Param), (P, Param), (p.param, Param), (p.param.n, Param),
                      (p.view, ParamMethod), (ds.rx(x) + 1, ReactiveExpr),
                      (ds.bind(lambda v: v, x), ParamFunction)]:
        assert pane_type(obj) is kind, obj


def test_panel_passes_options_to_the_pane_and_refuses_unknown_ones():
    md = panel("# hi", width=120)
    assert isinstance(md, Markdown) and md.width == 120
    assert panel(md, height=40) is md and md.height == 40
    with pytest.raises(TypeError, match=r"Markdown has no parameter 'defer_load'"):
        panel("# hi", defer_load=True)
    assert ds.panel is panel


def test_an_object_with_panel_method_is_shown_by_what_it_returns():
    import param

    class Counter(param.Parameterized):
        count = param.Integer(default=2)

        def __panel__(self):
            return ds.Row(self.param.count, ds.bind(lambda n: f"n={n}", self.param.count))

    shown = panel(Counter(), width=300)
    assert isinstance(shown, ds.Row) and shown.width == 300
    assert type(ds.Column(Counter())[0]) is ds.Row


def test_media_paths_urls_and_bytes_get_the_media_panes(tmp_path: Path):
    from docsync.pane import PDF, Audio, Video

    clip, song, doc = tmp_path / "clip.webm", tmp_path / "song.wav", tmp_path / "doc.pdf"
    clip.write_bytes(b"\x1a\x45\xdf\xa3" + bytes(16))
    song.write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(16))
    doc.write_bytes(b"%PDF-1.4\n%%EOF\n")
    for obj, kind in [("https://example.org/a.mp4", Video),
                      ("https://example.org/a.ogv?x=1", Video),
                      ("https://example.org/talk.mp3", Audio), ("http://example.org/b.ogg", Audio),
                      ("https://example.org/paper.pdf#page=2", PDF), (str(clip), Video),
                      (song, Audio), (str(doc), PDF), (doc.read_bytes(), PDF),
                      (song.read_bytes(), Audio), (clip.read_bytes(), Video)]:
        assert pane_type(obj) is kind, obj
        pane = panel(obj)
        assert type(pane) is kind and pane.src, obj
    # A string naming no existing file stays text, as for images.
    assert pane_type("see notes.pdf") is Markdown
    assert pane_type(str(tmp_path / "missing.mp4")) is Markdown
    assert type(panel("https://example.org/a.mp4", width=320)).__name__ == "Video"
