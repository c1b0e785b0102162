"""Text and picture panes in a real browser, fed hostile input: nothing in them may run."""

import base64
import struct
import zlib

import docsync as ds


def png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = (b"\x00" + bytes(rgb) * size) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="window.pwned=1">'
       '<script>window.pwned=2</script><rect width="40" height="20" fill="teal"/></svg>')

ds.Column(
    ds.pane.Markdown(
        "# Text panes\n\n[bad link](javascript:window.pwned=3) <img src=x onerror=window.pwned=4>"
        "\n\n[good link](https://example.org/)", css_classes=["md"]),
    ds.pane.HTML('<p class="ok">kept</p><script>window.pwned=5</script>'
                 '<img src="x" onerror="window.pwned=6"><a href="javascript:window.pwned=7">x</a>',
                 css_classes=["html"]),
    ds.pane.Alert("**Heads up:** this is a *warning*.", alert_type="warning"),
    ds.pane.JSON({"name": "docsync", "tags": ["a", "b"], "nested": {"deep": {"deeper": 1}}},
                 depth=1, css_classes=["json"]),
    ds.pane.PNG(png((220, 40, 40)), alt_text="A red square", width=40, height=40,
                css_classes=["png"]),
    ds.pane.SVG(svg, alt_text="A teal bar", css_classes=["svg"]),
    ds.pane.Image("data:image/png;base64," + base64.b64encode(png((40, 40, 220))).decode(),
                  alt_text="A blue square", link_url="https://example.org/", caption="Blue",
                  css_classes=["img"]),
).servable(title="Text panes")
