"""``ds.secrets``: files beside the app and the environment; never shown, never sent."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import docsync as ds
from docsync.secret import Secret, Secrets, reveal
from docsync.testing import LocalClient
from tests.server.support import error_text, texts


def write(folder: Path, text: str) -> None:
    (folder / ".docsync").mkdir(exist_ok=True)
    (folder / ".docsync" / "secrets.toml").write_text(text, encoding="utf-8")


def test_file_then_environment_by_prefix_and_nesting(tmp_path):
    write(tmp_path, 'token = "from-file"\nport = 5432\n'
                    '[connections.shop]\nurl = "sqlite:///shop.db"\npassword = "file"\n')
    env = {"DOCSYNC_SECRETS_CONNECTIONS__SHOP__PASSWORD": "env",
           "DOCSYNC_SECRETS_EXTRA": "e", "DOCSYNC_SECRET_KEY": "the server's own", "HOME": "/"}
    s = Secrets(folder=tmp_path, environ=env)
    assert sorted(s) == ["connections", "extra", "port", "token"]
    assert s["token"].get_secret_value() == "from-file" and s.port == 5432
    assert reveal(s.connections.shop) == {"url": "sqlite:///shop.db", "password": "env"}
    assert s.extra.get_secret_value() == "e"
    with pytest.raises(KeyError, match="DOCSYNC_SECRETS_NOPE"):
        s["nope"]
    with pytest.raises(TypeError, match="read-only"):
        s.connections.shop.url = "x"  # type: ignore[misc]
    # Read at each access: an edit is seen at once.
    write(tmp_path, 'token = "rotated"\n')
    assert s.token.get_secret_value() == "rotated" and "connections" in s


def test_a_bad_file_names_itself_not_its_content(tmp_path):
    write(tmp_path, 'password = "hunter2\n')
    with pytest.raises(ds.exceptions.UsageError, match="not valid TOML") as info:
        Secrets(folder=tmp_path, environ={})["password"]
    assert "hunter2" not in str(info.value)


def test_values_are_masked_in_str_repr_format_and_logs(caplog):
    secret = Secret("hunter2")
    table = Secrets(folder="/nonexistent", environ={"DOCSYNC_SECRETS_PW": "hunter2"})
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("pw %s %r %s %s", secret, secret, table.table(),
                                       dict(table))
        logging.getLogger("test").info(f"pw {secret} {secret!r} {secret:>10}")
    assert "hunter2" not in caplog.text and "********" in caplog.text
    assert secret == Secret("hunter2") and secret != "hunter2" and len(secret) == 7


def test_a_secret_cannot_reach_the_browser():
    secret = Secret("hunter2")
    with pytest.raises(ValueError):
        ds.widgets.TextInput(value=secret)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ds.pane.Markdown(secret)
    c = LocalClient(lambda: ds.Column(ds.pane.panel(secret)))
    c.connect()
    assert "hunter2" not in str(c.client.doc)


def test_a_secret_in_a_components_options_is_refused_where_it_is_set():
    """issue 12: it was accepted, then every session of the app failed at its snapshot."""
    secret = Secret("hunter2")
    with pytest.raises(ValueError, match=r"Select\.options cannot hold a Secret"):
        ds.widgets.Select(options=["a", secret])
    select = ds.widgets.Select(options=["a"])
    for options in (["a", secret], {"label": secret}, [["nested", [secret]]]):
        with pytest.raises(ValueError, match="Secret"):
            select.options = options
    assert select.options == ["a"]
    with pytest.raises(ValueError, match="Secret"):
        ds.Column(ds.pane.Markdown("x"), styles={"color": secret})


async def test_an_app_setting_a_secret_option_shows_its_error_and_the_server_goes_on(
        serve_app, clients):
    secret = Secret("hunter2")

    def app():
        return ds.Column(ds.widgets.Select(options=["a", secret]))

    handle = serve_app({"bad": app, "good": lambda: ds.pane.Markdown("fine")})
    for _ in range(2):
        client = await clients(handle.url + "bad").open()
        assert "cannot hold a Secret" in (error_text(client.client) or "")
        assert "hunter2" not in str(client.client.doc)
        assert client.close_code is None
    good = await clients(handle.url + "good").open()
    assert "fine" in texts(good.client)


def test_the_app_folder_is_found_from_the_calling_script(tmp_path):
    write(tmp_path, 'where = "beside the app"\n')
    script = tmp_path / "app.py"
    script.write_text("import docsync as ds\nfound = ds.secrets.where.get_secret_value()\n")
    namespace: dict[str, object] = {"__name__": "__app__", "__file__": str(script)}
    exec(compile(script.read_text(), str(script), "exec"), namespace)
    assert namespace["found"] == "beside the app"
