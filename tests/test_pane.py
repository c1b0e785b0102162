"""Text panes (docsync/pane/text.py): Markdown and Alert rendered and sanitized on the server,
HTML cleaned with nh3 unless the app opts out, Str."""

import pytest

from docsync.core.model import prop_json, props_json, wire_params
from docsync.pane import HTML, Alert, Markdown, Str, panel
from docsync.pane.text import safe_url


def ref(model):
    return "m"


def test_markdown_renders_on_the_server_and_escapes_raw_html():
    md = Markdown("# Hi <script>alert(1)</script>\n\n| a |\n|---|\n| 1 |")
    html = prop_json(md, "html", str)
    assert "<h1>" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert "<table>" in html


@pytest.mark.parametrize("source", [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
])
def test_markdown_drops_links_with_unsafe_targets(source):
    html = render(Markdown(source))
    assert "<a " not in html and "<img" not in html
    assert "href" not in html and "src=" not in html


def test_markdown_keeps_safe_links_and_images():
    html = render(Markdown(
        "[a](https://example.org/x?q=1) [b](/relative) [c](#top) [d](mailto:me@example.org) "
        "![e](data:image/png;base64,iVBORw0KGgo=) ![f](pic.png)"))
    for target in ('href="https://example.org/x?q=1"', 'href="/relative"', 'href="#top"',
                   'href="mailto:me@example.org"', 'src="data:image/png;base64,iVBORw0KGgo="',
                   'src="pic.png"'):
        assert target in html


def test_markdown_dedents_like_panel_unless_told_not_to():
    source = """
        # Title

        text
    """
    assert render(Markdown(source)).startswith("<h1>Title</h1>")
    assert "<pre><code>" in render(Markdown(source, dedent=False))


@pytest.mark.parametrize(("url", "link", "image"), [
    ("https://x.org", True, True), ("http://x", True, True), ("/a/b", True, True),
    ("a.png", True, True), ("#frag", True, True), ("?q=1", True, True),
    ("mailto:a@b", True, True), ("tel:+123", True, True),
    ("javascript:alert(1)", False, False), ("\x01javascript:alert(1)", False, False),
    (" \tJavaScript:alert(1)", False, False), ("vbscript:x", False, False),
    ("data:text/html,<b>", False, False), ("data:image/png;base64,AA", False, True),
    ("data:image/svg+xml;base64,AA", False, True), ("file:///etc", False, False),
])
def test_safe_url(url, link, image):
    assert safe_url(url) is link
    assert safe_url(url, image=True) is image


def render(pane):
    return prop_json(pane, "html", ref)


@pytest.mark.parametrize(("dirty", "gone"), [
    ("<script>alert(1)</script><p>ok</p>", "<script"),
    ("<p onclick=\"alert(1)\">ok</p>", "onclick"),
    ("<img src=x onerror=alert(1)>ok", "onerror"),
    ("<a href=\"javascript:alert(1)\">ok</a>", "javascript:"),
    ("<a href=\"JaVaScRiPt&#58;alert(1)\">ok</a>", "alert"),
    ("<a href=\"data:text/html,&lt;script&gt;\">ok</a>", "data:"),
    ("<style>body{display:none}</style>ok", "<style"),
    ("<iframe src=\"https://example.org\"></iframe>ok", "<iframe"),
    ("<svg onload=alert(1)></svg>ok", "onload"),
    ("<form action=\"/x\"><input name=q></form>ok", "<input"),
    ("<div id=\"docsync-root\">ok</div>", "id="),
])
def test_html_is_sanitized_by_default(dirty, gone):
    html = render(HTML(dirty))
    assert gone.lower() not in html.lower()
    assert "ok" in html


def test_html_keeps_presentation():
    html = render(HTML('<div class="note" style="color: red"><b>bold</b> '
                       '<a href="https://example.org" title="t">link</a></div>'))
    assert 'class="note"' in html and "color" in html and "<b>bold</b>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer"' in html


def test_html_sanitize_false_sends_the_html_as_is_and_stays_on_the_server():
    raw = '<button onclick="go()">Go</button>'
    pane = HTML(raw, sanitize=False)
    assert render(pane) == raw
    props = props_json(pane, ref)
    assert "sanitize" not in props and "object" not in props
    assert "sanitize" not in wire_params(HTML)


def test_alert_is_markdown_with_a_type():
    alert = Alert("**Careful** <script>x</script>", alert_type="danger")
    props = props_json(alert, ref)
    assert props["alert_type"] == "danger"
    assert "<strong>Careful</strong>" in props["html"] and "<script>" not in props["html"]
    assert Alert("x").alert_type == "primary"
    with pytest.raises(ValueError):
        Alert("x", alert_type="purple")


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
