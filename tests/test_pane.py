from docsync.core.model import prop_json
from docsync.pane import HTML, Markdown, Str, panel


def test_markdown_renders_on_the_server_and_escapes_raw_html():
    md = Markdown("# Hi <script>alert(1)</script>\n\n| a |\n|---|\n| 1 |")
    html = prop_json(md, "html", str)
    assert "<h1>" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert "<table>" in html


def test_str_shows_str_of_anything():
    assert prop_json(Str({"a": 1}), "text", str) == "{'a': 1}"
    assert prop_json(Str(None), "text", str) == ""


def test_panel_picks_the_pane():
    html = HTML("<b>x</b>")
    assert panel(html) is html
    assert type(panel("text")).__name__ == "Markdown"
    assert type(panel(3.5)).__name__ == "Str"


def test_the_plain_text_fast_path_renders_exactly_like_markdown_it():
    import random
    import string

    from docsync.pane.text import _markdown, render_markdown

    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + " ,;:?@$%^=/'\"\\\t<>*_#.-!|&é\u2013"
    samples = ["x is 5", "", " lead", "trail ", "a < b", 'say "hi"', "1. item", "# h"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
                for _ in range(3000)]
    for text in samples:
        assert render_markdown(text) == _markdown().render(text), text
