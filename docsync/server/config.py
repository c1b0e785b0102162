"""``ServerConfig``: every option of a server, and the checks that name a bad one's flag."""

from __future__ import annotations

import importlib.util
import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from docsync.core.session import LogLimits
from docsync.exceptions import UsageError
from docsync.runtime.context import BUSY_DELAY
from docsync.server.oauth import OAuthConfig

__all__ = ["ServerConfig", "check_paths", "index_of", "oauth_config", "tls_context"]


@dataclass(frozen=True)
class ServerConfig:
    address: str = "127.0.0.1"
    port: int = 0
    allow_websocket_origin: frozenset[str] = frozenset()
    reconnect_timeout: float = 30.0  # seconds (PROTOCOL.md §6)
    token_lifetime: float = 300.0  # seconds (§2)
    max_frame_size: int = 20 * 1024 * 1024  # bytes (§1)
    ping_interval: float | None = 20.0  # seconds between pings that detect dead peers
    ping_timeout: float | None = 20.0
    compression: bool = False  # permessage-deflate costs ~35 KiB per connection
    #: What carries HTTP and WebSockets: "websockets" (the default) or "asgi" (the ASGI
    #: app of ``docsync.asgi`` under uvicorn).
    server: str = "websockets"
    secret: bytes | None = None  # DOCSYNC_SECRET_KEY, else random per process
    #: Announce a restart to every page before a graceful stop (used by --autoreload).
    reload_notice: bool = False
    log_limits: LogLimits = field(default_factory=LogLimits)
    num_threads: int = 4  # worker threads for sync callbacks
    max_callback_errors: int = 5  # failures in a row before a periodic callback stops
    busy_delay: float = BUSY_DELAY  # seconds of work before a page shows it is busy
    require_picklable: bool = False  # state.session refuses values pickle cannot save
    #: Redis URL (else DOCSYNC_REDIS_URL): messages, tasks and saved sessions shared by
    #: every worker and machine (issue 7). Without it, all of that stays in this process.
    redis: str | None = None
    #: Save sessions so that a reconnect to a restarted or other worker rebuilds them.
    #: None: on with Redis. Without Redis the sessions are saved in ``persist_path``.
    persist: bool | None = None
    persist_path: str = ".docsync-sessions.sqlite"
    task_lease: float = 15.0  # seconds a cluster-wide task's lease outlives its holder
    #: HTTPS and WSS: a PEM certificate (chain) and its private key (else in the cert file).
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    #: Serve everything under this path (``--prefix``): "" or "/some/path".
    prefix: str = ""
    #: ``--static-dirs``: (URL name, folder) pairs served at ``/<name>/...``.
    static_dirs: tuple[tuple[str, str], ...] = ()
    #: Trust ``X-Forwarded-Host`` (``--use-xheaders``) from the proxy in front, for the
    #: host and origin checks (§9), which then see the host the browser used.
    use_xheaders: bool = False
    #: ``--index``: the app ``/`` goes to, or an HTML file with ``$cards`` for the index
    #: page; None: the one app, or else the index page of every app.
    index: str | None = None
    #: ``--basic-auth``: a password, a credentials file, or (from Python) a dict of user →
    #: password; None serves without logins. See ``docsync.server.login``.
    basic_auth: Any = None
    cookie_secret: str | None = None  # signs login cookies; else DOCSYNC_COOKIE_SECRET
    login_expiry: float = 1.0  # days a login lasts
    #: ``fn(user_info)`` or ``fn(user_info, path)``: whether a user may use an app.
    authorize: Callable[..., Any] | None = None
    login_template: str | None = None  # paths of HTML templates (docsync.server.login)
    logout_template: str | None = None
    #: ``--oauth-provider``: log in through an OAuth / OpenID Connect provider instead
    #: (``docsync.server.oauth``); Panel's flag names.
    oauth_provider: str | None = None
    oauth_key: str | None = None
    oauth_secret: str | None = None
    oauth_redirect_uri: str | None = None
    oauth_scopes: tuple[str, ...] = ("openid", "email", "profile")
    oauth_extra_params: Mapping[str, Any] = field(default_factory=dict)
    oauth_expiry: float = 1.0  # days an OAuth login lasts
    oauth_jwt_user: str | None = None  # the claim that names the user
    #: ``--metrics``: serve Prometheus metrics at ``/metrics`` (docsync.server.metrics); off,
    #: ``/metrics`` is a 404, since it tells anyone who can reach the port what runs.
    metrics: bool = False


def oauth_config(config: ServerConfig) -> OAuthConfig | None:
    """The provider settings of ``config``, or None; ``UsageError`` names what is missing."""
    if config.oauth_provider is None:
        for name in ("oauth_key", "oauth_secret", "oauth_redirect_uri"):
            if getattr(config, name):
                raise UsageError(f"--{name.replace('_', '-')} needs --oauth-provider")
        return None
    if not config.oauth_key:
        raise UsageError(f"--oauth-provider {config.oauth_provider} needs --oauth-key "
                         "(the client id the provider gave this app)")
    return OAuthConfig(config.oauth_provider, config.oauth_key, config.oauth_secret,
                       extra_params=dict(config.oauth_extra_params),
                       scopes=tuple(config.oauth_scopes),
                       redirect_uri=config.oauth_redirect_uri,
                       expiry=config.oauth_expiry * 86400, jwt_user=config.oauth_jwt_user)


def index_of(config: ServerConfig, apps: frozenset[str]) -> tuple[str | None, str | None]:
    """``(root app, index template)`` for ``/`` (see ``ServerConfig.index``); raises
    ``UsageError`` for an ``--index`` that is neither an app nor a readable file."""
    index = config.index
    if index is None:
        return (next(iter(apps)) if len(apps) == 1 else None), None
    if index.strip("/") in apps:
        return index.strip("/"), None
    try:
        with open(index, encoding="utf-8") as f:
            return None, f.read()
    except OSError as exc:
        raise UsageError(f"--index {index}: neither an app ({', '.join(sorted(apps))}) nor a "
                         f"readable HTML file ({exc.strerror or exc})") from None


#: What may carry HTTP and WebSockets (``--server``).
SERVERS = ("websockets", "asgi")


def check_paths(config: ServerConfig, apps: frozenset[str]) -> ServerConfig:
    """``config`` with ``prefix`` normalised; raises ``UsageError`` naming the flag for a
    prefix without a leading slash, a static folder that does not exist or a name that an
    app or docsync itself uses."""
    prefix = config.prefix.rstrip("/")
    if config.prefix and not config.prefix.startswith("/"):
        raise UsageError(f"--prefix {config.prefix}: a prefix starts with a slash, "
                         f"as in --prefix /{config.prefix}")
    if config.server not in SERVERS:
        raise UsageError(f"--server {config.server}: choose one of {', '.join(SERVERS)}")
    if config.server == "asgi" and importlib.util.find_spec("uvicorn") is None:
        raise UsageError("--server asgi runs under uvicorn, which is not installed: "
                         "pip install 'docsync[asgi]'")
    names: set[str] = set()
    for name, folder in config.static_dirs:
        where = f"--static-dirs {name}={folder}"
        if not name or "/" in name or name.startswith(".") or name == "_docsync":
            raise UsageError(f"{where}: the name must be one path segment, such as assets")
        if name in apps or name in names:
            raise UsageError(f"{where}: /{name} is already served (an app or another folder)")
        if not os.path.isdir(folder):
            raise UsageError(f"{where}: no such folder")
        names.add(name)
    return replace(config, prefix=prefix)


def tls_context(certfile: str, keyfile: str | None) -> ssl.SSLContext:
    """A server TLS context for ``--ssl-certfile``/``--ssl-keyfile``. Raises ``UsageError``
    naming the flag when a file is missing or holds no usable certificate or key."""
    for flag, path in (("--ssl-certfile", certfile), ("--ssl-keyfile", keyfile)):
        if path is not None and not os.path.isfile(path):
            raise UsageError(f"{flag} {path}: no such file")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certfile, keyfile)
    except ssl.SSLError as exc:
        raise UsageError(f"--ssl-certfile {certfile}"
                         f"{f' --ssl-keyfile {keyfile}' if keyfile else ''}: not a PEM "
                         f"certificate and its matching private key ({exc.reason})") from None
    return context
