"""``docsync serve --autoreload``: an edit of the app or of a local module it imports
restarts the server; open pages are told to reload and then see the new code."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time

from docsync.server.autoreload import SETTLE_QUIET
from tests.server.support import APPS, error_text, texts

RESTART = 20.0  # seconds: bounded wait for a file change to reach a restarted server


async def reload_after(edit, client, server, restarts: int) -> str:
    """Make ``edit``; the open page gets a ``reload`` command and is closed; returns the
    URL once the restarted child announces itself."""
    edit()
    await client.wait_for(lambda c: any(m["name"] == "reload" for m in c.commands),
                          timeout=RESTART)
    await client.wait_for(lambda c: client.close_code is not None, timeout=RESTART)
    assert client.close_code == 1001
    urls = await server.wait_serving(count=restarts + 1, timeout=RESTART)
    return urls["greeting"]


async def test_autoreload(docsync_serve, clients, tmp_path, free_port):
    folder = tmp_path / "site"
    folder.mkdir()
    app = folder / "greeting.py"
    helper = folder / "helper.py"
    shutil.copy(APPS / "greeting.py", app)
    shutil.copy(APPS / "helper.py", helper)
    source = app.read_text()
    server = docsync_serve(app, "--autoreload", "--port", free_port, cwd=folder)
    url = (await server.wait_serving(timeout=RESTART))["greeting"]
    assert url == f"http://127.0.0.1:{free_port}/greeting"
    page = await clients(url).open()
    assert {"Version one", "Helper says hi"} <= set(texts(page.client))

    # 1. The app file changes: the page is told to reload; a new page shows the new text.
    url = await reload_after(
        lambda: app.write_text(source.replace("Version one", "Version two")), page, server, 1)
    page = await clients(url).open()
    assert "Version two" in texts(page.client)
    assert "Version one" not in texts(page.client)

    # 2. A syntax error: the next session shows it as an error page.
    url = await reload_after(lambda: app.write_text(source + "\ndef broken(:\n"),
                             page, server, 2)
    page = await clients(url).open()
    assert "SyntaxError" in (error_text(page.client) or "")

    # 3. Fixed again: the next session shows the good page.
    url = await reload_after(
        lambda: app.write_text(source.replace("Version one", "Version three")), page, server, 3)
    page = await clients(url).open()
    assert error_text(page.client) is None
    assert "Version three" in texts(page.client)

    # 4. A local module the app imports changes.
    url = await reload_after(lambda: helper.write_text('GREETING = "Helper says bye"\n'),
                             page, server, 4)
    page = await clients(url).open()
    assert {"Version three", "Helper says bye"} <= set(texts(page.client))

    assert await asyncio.to_thread(server.terminate) == 0
    assert "changed, restarting" in server.stderr()


def save_like_a_slow_editor(path, text: str, *, parts: int = 4) -> None:
    """Truncate ``path``, then write ``text`` in ``parts`` writes with short pauses between
    them (well under ``SETTLE_QUIET``): what some editors do when they save."""
    step = -(-len(text) // parts)
    with open(path, "w", encoding="utf-8") as f:
        f.flush()
        os.fsync(f.fileno())
        for start in range(0, len(text), step):
            time.sleep(SETTLE_QUIET / 6)  # the editor's own pace, not a wait for the server
            f.write(text[start:start + step])
            f.flush()
            os.fsync(f.fileno())


async def test_autoreload_restarts_once_on_the_final_content_of_a_slow_save(
        docsync_serve, clients, tmp_path, free_port):
    """issue 12: a restart on the first write served the truncated file."""
    folder = tmp_path / "site"
    folder.mkdir()
    app = folder / "greeting.py"
    shutil.copy(APPS / "greeting.py", app)
    shutil.copy(APPS / "helper.py", folder / "helper.py")
    source = app.read_text()
    server = docsync_serve(app, "--autoreload", "--port", free_port, cwd=folder)
    url = (await server.wait_serving(timeout=RESTART))["greeting"]
    page = await clients(url).open()

    new = source.replace("Version one", "Version two")
    editor = threading.Thread(target=save_like_a_slow_editor, args=(app, new))
    url = await reload_after(editor.start, page, server, 1)  # the loop goes on meanwhile
    editor.join(5)
    page = await clients(url).open()
    assert "Version two" in texts(page.client)
    assert server.stderr().count("changed, restarting") == 1
    assert len(server.served()) == 2  # no restart on a half-written file
