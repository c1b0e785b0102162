"""``ds.connection(name)``: a SQL database named in the secrets, queried into DataFrames.

The database is described in the secrets (``docsync.secret``) under
``[connections.<name>]``: either a SQLAlchemy ``url``, or its parts. PostgreSQL, say::

    # .docsync/secrets.toml, beside app.py: keep it out of git
    [connections.shop]
    dialect = "postgresql"
    driver = "psycopg"            # optional: the DBAPI package (installed separately)
    host = "db.example.com"
    port = 5432
    database = "shop"
    username = "reporting"
    password = "..."
    query = { sslmode = "require" }            # optional URL query arguments
    create_engine_kwargs = { pool_size = 5 }   # optional, for sqlalchemy.create_engine

or ``url = "postgresql+psycopg://reporting:...@db.example.com:5432/shop"``. Then::

    conn = ds.connection("shop")
    orders = conn.query("select * from orders where region = :region",
                        params={"region": "EU"}, ttl=600)

- The connection (its SQLAlchemy engine and pool) is a cached resource: one per
  configuration for the whole process, shared by every session (``ds.cache``, not copied).
  Changing the secrets gives a new one.
- ``query`` returns a pandas DataFrame through ``ds.cache``: the same SQL, parameters and
  connection give the cached frame without asking the database again, for ``ttl`` seconds
  (``None``: until cleared, as in Streamlit; ``0``: not cached). Each caller gets its own
  copy, so changing a returned frame cannot change another session's.
- Parameters are bound by the driver (``:name`` placeholders), never formatted into the
  SQL text. The password is never logged: the repr shows the URL with it masked.

Needs ``sqlalchemy`` (the ``sql`` extra) and the database's own driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from docsync.cache import cache as process_cache
from docsync.secret import Secrets, reveal

if TYPE_CHECKING:
    import pandas as pd
    import sqlalchemy

__all__ = ["SQLConnection", "connection"]

_URL_PARTS = ("dialect", "driver", "host", "port", "database", "username", "password", "query")
_OTHER_KEYS = ("url", "type", "create_engine_kwargs")


def _url(name: str, config: Mapping[str, Any]) -> sqlalchemy.URL:
    import sqlalchemy

    unknown = sorted(set(config) - {*_URL_PARTS, *_OTHER_KEYS})
    if unknown:
        raise ValueError(f"[connections.{name}] has unknown keys {unknown}: use a 'url', or "
                         f"{', '.join(_URL_PARTS)}")
    if config.get("url"):
        if any(config.get(k) for k in _URL_PARTS):
            raise ValueError(f"[connections.{name}] has both 'url' and URL parts: keep one")
        return sqlalchemy.make_url(str(config["url"]))
    if not config.get("dialect"):
        raise ValueError(f"[connections.{name}] needs a 'url', or at least a 'dialect' "
                         "(with host, port, database, username, password as it needs)")
    driver = config.get("driver")
    return sqlalchemy.URL.create(
        f"{config['dialect']}+{driver}" if driver else str(config["dialect"]),
        username=config.get("username"), password=config.get("password"),
        host=config.get("host"), port=config.get("port"), database=config.get("database"),
        query=dict(config.get("query") or {}))


def _engine(url: str, options: dict[str, Any]) -> sqlalchemy.Engine:
    import sqlalchemy

    return sqlalchemy.create_engine(url, **options)


# One engine per configuration, shared by every session (a resource: never copied).
_shared_engine = process_cache(copy=False)(_engine)


def _read(url: str, sql: str, params: Any, ttl: float | None,
          _engine: sqlalchemy.Engine) -> pd.DataFrame:
    import pandas as pd
    import sqlalchemy

    with _engine.connect() as conn:
        return pd.read_sql_query(sqlalchemy.text(sql), conn, params=params)


class SQLConnection:
    """A database connection made by :func:`connection`: ``query``, ``engine``, ``connect``."""

    def __init__(self, name: str, url: sqlalchemy.URL, *,
                 create_engine_kwargs: Mapping[str, Any] | None = None) -> None:
        self.name = name
        self.url = url
        self._url_text = url.render_as_string(hide_password=False)
        self.engine = _shared_engine(self._url_text, dict(create_engine_kwargs or {}))
        self._readers: dict[float | None, Any] = {}

    def query(self, sql: str, params: Mapping[str, Any] | None = None, *,
              ttl: float | None = None) -> pd.DataFrame:
        """The rows of ``sql`` (with ``:name`` placeholders bound from ``params``) as a
        DataFrame, cached for ``ttl`` seconds (``None``: until cleared; ``0``: not cached)."""
        if ttl == 0:
            return _read(self._url_text, sql, params, ttl, self.engine)
        reader = self._readers.get(ttl)
        if reader is None:
            # One cache table for every ttl (ttl is part of the key): entries expire each
            # after its own ttl.
            reader = self._readers.setdefault(ttl, process_cache(ttl=ttl, copy=True)(_read))
        return reader(self._url_text, sql, dict(params) if params else None, ttl, self.engine)

    @contextmanager
    def connect(self) -> Iterator[sqlalchemy.Connection]:
        """A raw SQLAlchemy connection from the pool, for writes and transactions."""
        with self.engine.connect() as conn:
            yield conn

    def clear(self) -> None:
        """Forget every cached query result (of every connection)."""
        for reader in list(self._readers.values()):
            reader.clear()

    def __repr__(self) -> str:
        shown = self.url.render_as_string(hide_password=True)  # the password as ***
        return f"SQLConnection({self.name!r}, {shown!r})"


def connection(name: str, *, secrets: Secrets | None = None, **overrides: Any) -> SQLConnection:
    """The connection ``[connections.<name>]`` of the app's secrets describes.

    ``overrides`` replace keys of that table (``url=...``, ``database=...``); with them the
    table may be missing. ``secrets`` reads another :class:`~docsync.secret.Secrets`.
    """
    source = secrets if secrets is not None else Secrets()
    tables = source.get("connections") or {}
    config: dict[str, Any] = dict(reveal(tables.get(name) or {}))
    config.update(overrides)
    if not config:
        raise KeyError(f"no connection {name!r}: add a [connections.{name}] table to "
                       f"{' or '.join(str(p) for p in source.files())}, or pass url=...")
    url = _url(name, config)
    return SQLConnection(name, url, create_engine_kwargs=config.get("create_engine_kwargs"))
