"""``ds.connection``: a SQL database from the secrets, shared, queried through ``ds.cache``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import docsync as ds
from docsync.secret import Secrets, reveal
from docsync.sql import _url, connection


def database(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute("create table orders (id integer primary key, region text, total real)")
        db.executemany("insert into orders (region, total) values (?, ?)",
                       [("EU", 10.0), ("EU", 5.5), ("US", 7.0)])
    return path


def secrets(tmp_path: Path, table: str) -> Secrets:
    (tmp_path / ".docsync").mkdir(exist_ok=True)
    (tmp_path / ".docsync" / "secrets.toml").write_text(table, encoding="utf-8")
    return Secrets(folder=tmp_path, environ={})


def test_query_returns_a_frame_cached_until_the_data_is_asked_for_again(tmp_path):
    path = database(tmp_path)
    s = secrets(tmp_path, f'[connections.shop]\nurl = "sqlite:///{path}"\n')
    conn = connection("shop", secrets=s)
    conn.clear()
    sql = "select region, sum(total) as total from orders where region = :r group by region"
    eu = conn.query(sql, params={"r": "EU"})
    assert isinstance(eu, pd.DataFrame) and eu.to_dict("records") == [
        {"region": "EU", "total": 15.5}]
    with sqlite3.connect(path) as db:
        db.execute("insert into orders (region, total) values ('EU', 100)")
    # Cached: the same SQL and parameters do not reach the database again...
    assert conn.query(sql, params={"r": "EU"}).total[0] == 15.5
    # ...other parameters and ttl=0 do; each caller gets its own copy.
    assert conn.query(sql, params={"r": "US"}).total[0] == 7.0
    assert conn.query(sql, params={"r": "EU"}, ttl=0).total[0] == 115.5
    mine = conn.query(sql, params={"r": "EU"})
    mine.loc[0, "total"] = -1
    assert conn.query(sql, params={"r": "EU"}).total[0] == 15.5
    conn.clear()
    assert conn.query(sql, params={"r": "EU"}).total[0] == 115.5


def test_the_engine_is_one_shared_resource_per_configuration(tmp_path):
    path = database(tmp_path)
    s = secrets(tmp_path, f'[connections.shop]\ndialect = "sqlite"\ndatabase = "{path}"\n')
    a, b = connection("shop", secrets=s), connection("shop", secrets=s)
    assert a.engine is b.engine
    other = connection("shop", secrets=s, database=str(tmp_path / "other.db"))
    assert other.engine is not a.engine
    with a.connect() as raw:
        assert raw.exec_driver_sql("select count(*) from orders").scalar() == 3


def test_parts_build_a_url_and_the_password_stays_hidden(tmp_path):
    s = secrets(tmp_path, '[connections.pg]\ndialect = "postgresql"\ndriver = "psycopg"\n'
                          'host = "db.example.com"\nport = 5432\ndatabase = "shop"\n'
                          'username = "rep"\npassword = "hunter2"\n'
                          'query = { sslmode = "require" }\n')
    url = _url("pg", reveal(s.connections.pg))
    assert url.render_as_string(hide_password=False) == \
        "postgresql+psycopg://rep:hunter2@db.example.com:5432/shop?sslmode=require"
    assert "hunter2" not in url.render_as_string(hide_password=True)
    path = database(tmp_path)
    conn = connection("lite", secrets=s, dialect="sqlite", database=str(path),
                      create_engine_kwargs={"pool_pre_ping": True})
    assert repr(conn) == f"SQLConnection('lite', 'sqlite:///{path}')"
    assert conn.engine.pool._pre_ping is True


def test_configuration_errors_say_what_to_write(tmp_path):
    s = secrets(tmp_path, '[connections.bad]\nurl = "sqlite://"\nhost = "x"\n'
                          '[connections.typo]\ndialekt = "sqlite"\n')
    with pytest.raises(KeyError, match=r"add a \[connections.nope\] table"):
        connection("nope", secrets=s)
    with pytest.raises(ValueError, match="both 'url' and URL parts"):
        connection("bad", secrets=s)
    with pytest.raises(ValueError, match="unknown keys"):
        connection("typo", secrets=s)
    assert connection("nope", secrets=s, url="sqlite://").query("select 1 as one").one[0] == 1


def test_ds_connection_reads_the_secrets_beside_the_app(tmp_path):
    path = database(tmp_path)
    secrets(tmp_path, f'[connections.shop]\nurl = "sqlite:///{path}"\n')
    script = tmp_path / "app.py"
    script.write_text("import docsync as ds\n"
                      "rows = len(ds.connection('shop').query('select * from orders', ttl=0))\n")
    namespace: dict[str, object] = {"__name__": "__app__", "__file__": str(script)}
    exec(compile(script.read_text(), str(script), "exec"), namespace)
    assert namespace["rows"] == 3 and ds.connection is connection
