"""What ``/`` shows: the one app, the app ``--index`` names, cards of every app with their
titles and descriptions, or an ``--index`` HTML template."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import docsync as ds
from docsync.testing import fetch
from tests.server.support import APPS, subprocess_env


async def test_several_apps_get_cards_with_title_and_description(docsync_serve):
    server = docsync_serve(APPS / "greeting.py", APPS / "whoami.py", "--port", "0")
    urls = await server.wait_serving(count=2)
    root = urls["greeting"].rsplit("/", 1)[0] + "/"
    status, _, body = await fetch(root)
    page = body.decode()
    assert status == 200 and page.count('class="docsync-index-card"') == 2
    assert '<a href="greeting"><h2>greeting</h2>' in page
    # The description is the first paragraph of the app's module docstring.
    assert "<p>The --autoreload test app: a greeting from this file and one from a local " \
           "module.</p>" in page
    assert "<p>The login tests&#x27; app: says who is logged in.</p>" in page


async def test_index_names_an_app_or_a_template(docsync_serve, tmp_path):
    named = docsync_serve(APPS / "greeting.py", APPS / "whoami.py", "--port", "0",
                          "--index", "whoami")
    root = (await named.wait_serving(count=2))["greeting"].rsplit("/", 1)[0] + "/"
    status, headers, _ = await fetch(root)
    assert status == 302 and headers["location"] == "whoami"

    template = tmp_path / "index.html"
    template.write_text("<html><body><h1>Team tools</h1><ul>$cards</ul></body></html>")
    custom = docsync_serve(APPS / "greeting.py", "--port", "0", "--index", template)
    root = (await custom.wait_serving())["greeting"].rsplit("/", 1)[0] + "/"
    status, _, body = await fetch(root)
    assert status == 200 and b"<h1>Team tools</h1>" in body
    assert b'<a href="greeting"><h2>greeting</h2>' in body


def test_serve_takes_titles_per_app():
    def sales():
        """Sales by region."""
        return ds.pane.Markdown("sales")

    handle = ds.serve({"sales": sales, "stock": lambda: "stock"},
                      title={"sales": "Sales", "stock": "Stock"}, threaded=True)
    try:
        status, _, body = asyncio.run(fetch(handle.url))
        assert status == 200
        assert '<h2>Sales</h2><p>Sales by region.</p>' in body.decode()
        assert "<h2>Stock</h2>" in body.decode()
    finally:
        handle.stop()


def test_a_bad_index_says_what_it_should_be(tmp_path):
    done = subprocess.run([sys.executable, "-m", "docsync", "serve", str(APPS / "greeting.py"),
                           "--port", "0", "--index", "nowhere"], cwd=tmp_path,
                          env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--index nowhere: neither an app (greeting) nor a readable HTML file" in done.stderr
