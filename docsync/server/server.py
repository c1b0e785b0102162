"""The server: apps, their session registries, the WebSocket listener, expiry, shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

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
from docsync.exceptions import BadToken
from docsync.runtime.context import BUSY_DELAY, Runtime, RuntimeConfig
from docsync.server import http
from docsync.server.downloads import Downloads
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
        self.config = config
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
        #: Large files offered to one page each (``FileDownload``), until fetched once.
        self.downloads = Downloads()

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
            return open_session(self.runtime, app, session_id, hello, headers=headers,
                                limits=self.config.log_limits, downloads=self.downloads)

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
        if not http.host_allowed(request.headers.get("Host"), self.config.address, allowed):
            return http.response(403, "unknown host: start the server with "
                                 "--allow-websocket-origin HOST", content_type="text/plain")
        where = http.route(request.path, self._paths)
        if where.kind == "ws":
            origin = request.headers.get("Origin")
            if not http.origin_allowed(origin, request.headers.get("Host"), allowed):
                log.warning("refused WebSocket from origin %s (see --allow-websocket-origin)",
                            origin)
                return http.response(403, "origin not allowed", content_type="text/plain")
            return None
        if where.kind == "page":
            return self._page(where.target)
        if where.kind == "static":
            return http.static_file(where.target)
        if where.kind == "download":
            return self._download(where.target, http.url_session(request.path))
        if where.kind == "redirect":
            return http.response(302, "", headers={"Location": where.target})
        if where.kind == "index":
            return http.response(200, index_page(list(self.apps)))
        return http.response(404, "not found", content_type="text/plain")

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

    def _download(self, token: str, session_id: str | None) -> Response:
        offer = self.downloads.take(token, session_id)
        if offer is None:
            return http.response(404, "no such download: it is fetched once, by the page it "
                                 "was sent to, while its session lives", content_type="text/plain")
        return http.response(200, offer.content, content_type=offer.mime_type, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(offer.filename)}",
            "Cache-Control": "no-store"})

    async def _handler(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        where = http.route(ws.request.path, self._paths)
        await pump(ws, self.registries[where.target], self.runtime)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.config.address
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

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
            server_header="docsync", logger=logging.getLogger("docsync.websockets"))
        self._listener = listener
        if sock is None:
            self.port = listener.sockets[0].getsockname()[1]
        else:
            await listener.start_serving()
        self._expiry = asyncio.create_task(self._expire_loop())

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
            await self._runtime.wait_closed()
            await self._runtime.tasks.released()  # other workers take the tasks over
        if self._cluster is not None:
            await self._cluster.close()
            self._cluster = None
        self._listener = None
