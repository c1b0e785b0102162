"""The server: apps, their session registries, the WebSocket listener, expiry, shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.extensions.permessage_deflate import enable_server_permessage_deflate
from websockets.http11 import Request, Response
from websockets.server import ServerProtocol

from docsync.apps import App
from docsync.cluster.persist import Persistence
from docsync.cluster.services import Cluster
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import LogLimits, Session
from docsync.core.tokens import issue_token, new_session_id
from docsync.exceptions import BadToken, UsageError
from docsync.runtime.context import BUSY_DELAY, Runtime, RuntimeConfig
from docsync.server import http
from docsync.server.gate import NO_LOGIN, LoginGate, login_config
from docsync.server.pages import bootstrap_page, index_page
from docsync.server.pump import Writer, pump
from docsync.server.sessions import open_session

__all__ = ["Server", "ServerConfig"]

log = logging.getLogger("docsync.server")


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
    #: ``--basic-auth``: a password, a credentials file, or (from Python) a dict of user →
    #: password; None serves without logins. See ``docsync.server.login``.
    basic_auth: Any = None
    cookie_secret: str | None = None  # signs login cookies; else DOCSYNC_COOKIE_SECRET
    login_expiry: float = 1.0  # days a login lasts
    #: ``fn(user_info)`` or ``fn(user_info, path)``: whether a user may use an app.
    authorize: Callable[..., Any] | None = None
    login_template: str | None = None  # paths of HTML templates (docsync.server.login)
    logout_template: str | None = None


def check_paths(config: ServerConfig, apps: frozenset[str]) -> ServerConfig:
    """``config`` with ``prefix`` normalised; raises ``UsageError`` naming the flag for a
    prefix without a leading slash, a static folder that does not exist or a name that an
    app or docsync itself uses."""
    prefix = config.prefix.rstrip("/")
    if config.prefix and not config.prefix.startswith("/"):
        raise UsageError(f"--prefix {config.prefix}: a prefix starts with a slash, "
                         f"as in --prefix /{config.prefix}")
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


def _secret(config: ServerConfig) -> bytes:
    if config.secret:
        return config.secret
    env = os.environ.get("DOCSYNC_SECRET_KEY")
    return env.encode("utf-8") if env else secrets.token_bytes(32)


def _redis_url(config: ServerConfig) -> str | None:
    return config.redis or os.environ.get("DOCSYNC_REDIS_URL") or None


class Server:
    """Serves ``apps`` (URL path → app). Use ``await start()`` then ``await stop()``.

    ``setup`` runs once at start, in the server's runtime context (a place for
    ``state.on_session_created`` and ``state.schedule_task``).
    """

    def __init__(self, apps: Mapping[str, App], config: ServerConfig = ServerConfig(), *,
                 setup: Callable[[], Any] | None = None) -> None:
        self.apps = dict(apps)
        config = check_paths(config, frozenset(self.apps))
        self.config = config
        self._folders = {name: Path(folder) for name, folder in config.static_dirs}
        self.secret = _secret(config)
        self.setup = setup
        registry_config = RegistryConfig(reconnect_timeout=config.reconnect_timeout,
                                         token_lifetime=config.token_lifetime,
                                         log_limits=config.log_limits)
        self.redis_url = _redis_url(config)
        self.persist = bool(self.redis_url) if config.persist is None else config.persist
        self.registries = {path: self._registry(path, app, registry_config)
                           for path, app in self.apps.items()}
        self._paths = frozenset(self.apps)
        self._listener: Any = None
        self._runtime: Runtime | None = None
        self._cluster: Cluster | None = None
        self._expiry: asyncio.Task[None] | None = None
        self.port = config.port
        self._tls = (tls_context(config.ssl_certfile, config.ssl_keyfile)
                     if config.ssl_certfile else None)
        if config.ssl_keyfile and not config.ssl_certfile:
            raise UsageError("--ssl-keyfile needs --ssl-certfile (the certificate it signs)")
        self._gate = None if config.basic_auth is None else LoginGate(
            login_config(basic_auth=config.basic_auth, cookie_secret=config.cookie_secret,
                         server_secret=self.secret, expiry_days=config.login_expiry,
                         authorize=config.authorize, login_template=config.login_template,
                         logout_template=config.logout_template),
            prefix=config.prefix, tls=self._tls is not None, clock=time.time)
        if self._gate is None and config.authorize is not None:
            raise UsageError("an authorize callback needs logins: give --basic-auth too")
        #: Probed at /readiness: set once started (after --setup), cleared when stopping.
        self.ready = False
        self.stopping = False

    @property
    def runtime(self) -> Runtime:
        assert self._runtime is not None, "the server is not started"
        return self._runtime

    # -- sessions ------------------------------------------------------------------------

    def _registry(self, path: str, app: App, config: RegistryConfig) -> SessionRegistry:
        create = self._factory(app)

        def factory(session_id: str, hello: Hello, handle: Any) -> Session:
            session = create(session_id, hello, handle)
            persistence = self._persistence
            if persistence is not None:
                persistence.created(path, session)
            return session

        def restore(session_id: str, hello: Hello, handle: Any) -> Session | None:
            """A resume for a session this worker does not hold (issue 7)."""
            persistence = self._persistence
            if persistence is None:
                return None
            return persistence.restorer(path, factory)(session_id, hello, handle)

        return SessionRegistry(secret=self.secret, factory=factory, config=config,
                               restore=restore)

    @property
    def _persistence(self) -> Persistence | None:
        return self._cluster.persistence if self._cluster is not None else None

    def _moved(self, session: Session) -> None:
        """Another worker rebuilt this session (a load balancer sent its reconnect there):
        this copy ends, and its connection, if any, is closed as taken over (4409)."""
        def end() -> None:
            writer = session.connection
            for registry in self.registries.values():
                if registry.sessions.get(session.id) is session:
                    registry.destroy(session, now=time.time())
            if isinstance(writer, Writer):
                writer.close(4409, "this session continues in another server process")

        self.runtime.on_loop(end)

    def _factory(self, app: App) -> Callable[[str, Hello, Any], Session]:
        def create(session_id: str, hello: Hello, handle: Any) -> Session:
            """Runs in a worker thread: app code must not block the loop."""
            named = (http.url_session(handle.ws.request.path)
                     if isinstance(handle, Writer) else None)
            if named is not None and named != session_id:
                # A session lives where its URL's id routes it (--num-procs, a load
                # balancer): it is only created from a URL that names it.
                raise BadToken("the WebSocket URL names another session than its token: "
                               "reload the page")
            # websockets' Headers: case-insensitive, as HTTP header names are.
            headers = handle.ws.request.headers.copy() if isinstance(handle, Writer) else {}
            login = (self._gate.login_of(handle.ws.request)
                     if self._gate is not None and isinstance(handle, Writer) else None)
            return open_session(self.runtime, app, session_id, hello, headers=headers,
                                limits=self.config.log_limits,
                                user_info=login.user_info if login is not None else None)

        return create

    async def _expire_loop(self) -> None:
        while True:
            now = time.time()
            deadlines = [d for r in self.registries.values()
                         if (d := r.next_deadline()) is not None]
            # Sleep until the next expiry, but wake at least every second for token pruning.
            await asyncio.sleep(min([1.0, *(max(0.0, d - now) for d in deadlines)]))
            for registry in self.registries.values():
                registry.expire(now=time.time())

    # -- HTTP ----------------------------------------------------------------------------

    def _process_request(self, ws: ServerConnection, request: Request) -> Response | None:
        allowed = self.config.allow_websocket_origin
        host = request.headers.get("Host")
        if self.config.use_xheaders:
            host = request.headers.get("X-Forwarded-Host", host)
        if not http.host_allowed(host, self.config.address, allowed):
            return http.response(403, "unknown host: start the server with "
                                 "--allow-websocket-origin HOST", content_type="text/plain")
        where = self._route(request.path)
        if self._gate is not None:
            refused = self._gate.http(request, where)
            if refused is not None:
                return refused
        if where.kind in ("ws", "login-ws"):
            origin = request.headers.get("Origin")
            if not http.origin_allowed(origin, host, allowed):
                log.warning("refused WebSocket from origin %s (see --allow-websocket-origin)",
                            origin)
                return http.response(403, "origin not allowed", content_type="text/plain")
            return None
        if where.kind == "page":
            return self._page(where.target)
        if where.kind == "static":
            return http.static_file(where.target)
        if where.kind == "folder":
            name, _, rest = where.target.partition("/")
            return http.folder_file(self._folders[name], rest)
        if where.kind == "redirect":
            return http.response(302, "", headers={"Location": where.target})
        if where.kind == "index":
            return http.response(200, index_page(list(self.apps)))
        if where.kind == "health":
            status, text = self._health(where.target)
            return http.response(status, text, content_type="text/plain")
        return http.response(404, "not found", content_type="text/plain")

    def _health(self, probe: str) -> tuple[int, str]:
        """``/liveness``: 200 while the server serves, 503 once it is stopping.
        ``/readiness``: 200 once started (``--setup`` has run) while Redis, if configured,
        answers (as its link last saw it: a failed call marks it out until a probe
        succeeds); else 503 with the reason."""
        if self.stopping:
            return 503, "stopping"
        if probe == "liveness":
            return 200, "alive"
        if not self.ready:
            return 503, "starting"
        link = self._cluster.link if self._cluster is not None else None
        if link is not None and not link.available:
            return 503, "redis unavailable"
        return 200, "ready"

    def _page(self, path: str) -> Response:
        session_id = new_session_id(secrets.token_bytes(16))
        token = issue_token(self.secret, session_id, time.time())
        depth = path.count("/")
        static = "../" * depth + http.STATIC_MARK.lstrip("/")
        page = bootstrap_page(app=path, token=token, session_id=session_id,
                              title=self.apps[path].title, static=static,
                              max_message=self.config.max_frame_size)
        # Never cached: a page carries a fresh token, and a cached one would open a session
        # that is already in use (4409) or expired.
        return http.response(200, page, headers={"Cache-Control": "no-store"})

    def _route(self, path: str) -> http.Route:
        return http.route(path, self._paths, prefix=self.config.prefix,
                          folders=frozenset(self._folders), login=self._gate is not None)

    async def _handler(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        where = self._route(ws.request.path)
        if self._gate is not None:
            if where.kind == "login-ws":
                await self._gate.login_socket(ws)
                return
            if self._gate.admit(ws, "/" + where.target) is None:
                await ws.close(4401, NO_LOGIN)
                return
        await pump(ws, self.registries[where.target], self.runtime)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.config.address
        host = f"[{host}]" if ":" in host else host
        return f"{'https' if self._tls else 'http'}://{host}:{self.port}{self.config.prefix}/"

    async def start(self, *, sock: socket.socket | None = None) -> None:
        """Listen; afterwards :attr:`port` is the bound port.

        With ``sock`` (a bound socket), listen on it instead of ``address:port``: a worker
        of ``--num-procs`` gets its connections through :meth:`adopt`, and listens on a
        private socket only because websockets refuses handshakes (503) unless its server
        is serving.
        """
        config = self.config
        if (self.redis_url or self.persist) and not (config.secret
                                                     or os.environ.get("DOCSYNC_SECRET_KEY")):
            log.warning("set DOCSYNC_SECRET_KEY (the same for every worker): with a random "
                        "key, tokens, messages and saved sessions work in this process only")
        self._cluster = await Cluster.start(
            redis_url=self.redis_url, persist=self.persist, persist_path=config.persist_path,
            secret=self.secret, session_ttl=max(60.0, 2 * config.reconnect_timeout),
            task_lease=config.task_lease, on_moved=self._moved)
        persistence = self._cluster.persistence
        self._runtime = Runtime(RuntimeConfig(
            num_threads=self.config.num_threads,
            max_callback_errors=self.config.max_callback_errors,
            busy_delay=self.config.busy_delay,
            # Saved sessions: a value that cannot be saved is refused when it is assigned.
            require_picklable=self.config.require_picklable or persistence is not None),
            bus=self._cluster.bus, leases=self._cluster.leases)
        if self.setup is not None:
            with self._runtime.activate():
                self.setup()
        # A private socket is not announced: websockets logs a server that serves at once.
        where: dict[str, Any] = ({"sock": sock, "start_serving": False} if sock is not None
                                 else {"host": self.config.address, "port": self.config.port})
        listener = await serve(
            self._handler, **where,
            process_request=self._process_request,
            max_size=self.config.max_frame_size,
            compression="deflate" if self.config.compression else None,
            ping_interval=self.config.ping_interval, ping_timeout=self.config.ping_timeout,
            server_header="docsync", logger=logging.getLogger("docsync.websockets"),
            ssl=self._tls)
        self._listener = listener
        if sock is None:
            self.port = listener.sockets[0].getsockname()[1]
        else:
            await listener.start_serving()
        self._expiry = asyncio.create_task(self._expire_loop())
        self.ready = True

    async def adopt(self, sock: socket.socket) -> None:
        """Serve a connection that was accepted elsewhere (by the ``--num-procs`` acceptor)
        and whose request has not been read: as if this server had accepted it.

        websockets has no call for this, so this builds what its ``serve()`` builds per
        connection, from the same options, bound to the running server (whose handler does
        the handshake with :meth:`_process_request`). Returns once the connection is set up.
        """
        listener = self._listener
        if listener is None or not listener.is_serving():
            sock.close()
            return
        config = self.config
        protocol = ServerProtocol(
            extensions=enable_server_permessage_deflate(None) if config.compression else None,
            max_size=config.max_frame_size, logger=listener.logger)
        connection = ServerConnection(protocol, listener, ping_interval=config.ping_interval,
                                      ping_timeout=config.ping_timeout)
        await asyncio.get_running_loop().connect_accepted_socket(lambda: connection, sock)

    async def stop(self) -> None:
        """Graceful stop: pages told (1001, or a reload notice), every session destroyed
        (its hooks run once), then the runtime's tasks and threads stopped."""
        self.stopping = True
        if self._expiry is not None:
            self._expiry.cancel()
        for registry in self.registries.values():
            for session in list(registry.sessions.values()):
                writer = session.connection
                if self.config.reload_notice and isinstance(writer, Writer):
                    session.command("reload")
                    writer.pull()
                    await writer.drain()
        listener = self._listener
        if listener is not None:
            listener.close()
            await listener.wait_closed()
        persistence = self._persistence
        if persistence is not None:  # a restarted server rebuilds them from these
            await persistence.checkpoints.flush()
            persistence.stopping = True
        now = time.time()
        for registry in self.registries.values():
            registry.destroy_all(now=now)
        if self._runtime is not None:
            self._runtime.close()
            await self._runtime.tasks.released()  # other workers take the tasks over
        if self._cluster is not None:
            await self._cluster.close()
            self._cluster = None
        self._listener = None
