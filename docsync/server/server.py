"""The server: apps, their session registries, the WebSocket listener, expiry, shutdown."""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from websockets.asyncio.server import ServerConnection, serve
from websockets.extensions.permessage_deflate import enable_server_permessage_deflate
from websockets.http11 import Request, Response
from websockets.server import ServerProtocol

from docsync.app_base import App
from docsync.bind import use_widget_references
from docsync.cluster.persist import Persistence
from docsync.cluster.services import Cluster
from docsync.core.messages import Hello
from docsync.core.registry import RegistryConfig, SessionRegistry
from docsync.core.session import Session
from docsync.core.tokens import issue_token, new_session_id
from docsync.exceptions import BadToken, UsageError
from docsync.runtime.context import Runtime, RuntimeConfig
from docsync.runtime.open import open_session
from docsync.runtime.pump import Delivery, FrameSocket, Peer, pump
from docsync.server import http
from docsync.server.bokehjs import bokehjs_file
from docsync.server.config import (
    ServerConfig,
    check_paths,
    index_of,
    oauth_config,
    tls_context,
)
from docsync.server.downloads import Downloads
from docsync.server.frames import CountedFrames, WebSocketFrames
from docsync.server.gate import NO_LOGIN, LoginGate, login_config
from docsync.server.logs import AccessLog, LibraryLogger
from docsync.server.pages import bootstrap_page, index_page
from docsync.settings import config as app_config
from docsync.settings import thread_count

if TYPE_CHECKING:
    from docsync.server.metrics import Metrics

__all__ = ["Server", "ServerConfig"]  # ServerConfig lives in docsync.server.config

log = logging.getLogger("docsync.server")


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

    def __init__(self, apps: Mapping[str, App], config: ServerConfig | None = None, *,
                 setup: Callable[[], Any] | None = None) -> None:
        self.apps = dict(apps)
        config = check_paths(config or ServerConfig(), frozenset(self.apps))
        self.config = config
        self._folders = {name: Path(folder) for name, folder in config.static_dirs}
        self._root, self._index_template = index_of(config, frozenset(self.apps))
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
        oauth = oauth_config(config)
        self._gate = None if config.basic_auth is None and oauth is None else LoginGate(
            login_config(basic_auth=config.basic_auth, cookie_secret=config.cookie_secret,
                         server_secret=self.secret, oauth=oauth,
                         expiry_days=config.oauth_expiry if oauth else config.login_expiry,
                         authorize=config.authorize, login_template=config.login_template,
                         logout_template=config.logout_template),
            prefix=config.prefix, tls=self._tls is not None,
            use_xheaders=config.use_xheaders, clock=time.time)
        if self._gate is None and config.authorize is not None:
            raise UsageError("an authorize callback needs logins: give --basic-auth or "
                             "--oauth-provider too")
        #: Probed at /readiness: set once started (after --setup), cleared when stopping.
        self.ready = False
        self.stopping = False
        #: Large files offered to one page each (``FileDownload``), until fetched once.
        self.downloads = Downloads()
        if config.metrics and "metrics" in self.apps:
            raise UsageError("--metrics: an app is served at /metrics, where Prometheus "
                             "reads the metrics; rename the app")
        #: ``/metrics`` (``--metrics``), None when off.
        self.metrics: Metrics | None = None
        if config.metrics:  # prometheus-client is imported only then (~0.1 s)
            from docsync.server.metrics import Metrics

            self.metrics = Metrics(self.registries)
        self.access = AccessLog(use_xheaders=config.use_xheaders)

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
            context = self.runtime.context_of(session)
            if persistence is not None and context is not None:
                persistence.created(path, session, context)
            return session

        def restore(session_id: str, hello: Hello, handle: Any) -> Session | None:
            """A resume for a session this worker does not hold (issue 7)."""
            persistence = self._persistence
            if persistence is None:
                return None
            return persistence.restorer(path, factory, self.runtime.context_of)(
                session_id, hello, handle)

        return SessionRegistry(secret=self.secret, factory=factory, config=config,
                               restore=restore)

    @property
    def _persistence(self) -> Persistence | None:
        return self._cluster.persistence if self._cluster is not None else None

    def _moved(self, session: Session) -> None:
        """Another worker rebuilt this session (a load balancer sent its reconnect there):
        this copy ends, and its connection, if any, is closed as taken over (4409)."""
        def end() -> None:
            connection = session.connection
            for registry in self.registries.values():
                if registry.sessions.get(session.id) is session:
                    registry.destroy(session, now=time.time())
            if connection is not None:
                connection.close(4409, "this session continues in another server process")

        self.runtime.on_loop(end)

    def _factory(self, app: App) -> Callable[[str, Hello, Any], Session]:
        def create(session_id: str, hello: Hello, handle: Delivery) -> Session:
            """Runs in a worker thread: app code must not block the loop."""
            peer = handle.peer
            named = http.url_session(peer.path)
            if named is not None and named != session_id:
                # A session lives where its URL's id routes it (--num-procs, a load
                # balancer): it is only created from a URL that names it.
                raise BadToken("the WebSocket URL names another session than its token: "
                               "reload the page")
            return open_session(self.runtime, app, session_id, hello, headers=peer.headers,
                                limits=self.config.log_limits,
                                login=peer.login, downloads=self.downloads)

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

    def _process_request(self, ws: ServerConnection, request: Request
                         ) -> Response | Awaitable[Response | None] | None:
        self.access.request(ws)
        return self.answer_http(request)

    def answer_http(self, request: Request, *, bound: str | None = None
                    ) -> Response | Awaitable[Response | None] | None:
        """The response to an HTTP request, or to a WebSocket handshake: None accepts the
        WebSocket. Sometimes an awaitable (the login provider is asked first). Every
        transport answers HTTP through this, so all of them serve the same pages.

        ``bound`` is the address the request came in on, when the transport knows it better
        than the configured ``address`` (an ASGI server that was given its own)."""
        allowed = self.config.allow_websocket_origin
        host = request.headers.get("Host")
        if self.config.use_xheaders:
            host = request.headers.get("X-Forwarded-Host", host)
        if not http.host_allowed(host, bound or self.config.address, allowed):
            return http.response(403, "unknown host: start the server with "
                                 "--allow-websocket-origin HOST", content_type="text/plain")
        where = self._route(request.path)
        if self._gate is not None:
            gated = self._gate.http(request, where)
            if inspect.isawaitable(gated):  # the provider is asked: answer once it answered
                return self._after_gate(gated, request, where, host)
            if gated is not None:
                return gated
        return self._answer(request, where, host)

    async def _after_gate(self, gated: Awaitable[Response | dict[str, str] | None],
                          request: Request, where: http.Route,
                          host: str | None) -> Response | None:
        """A request the gate answered after a call to the login provider: its answer, or
        the usual one with the headers it adds (a refreshed login cookie)."""
        result = await gated
        if isinstance(result, Response):
            return result
        response = self._answer(request, where, host)
        if response is not None:
            for key, value in (result or {}).items():
                response.headers[key] = value
        return response

    def _answer(self, request: Request, where: http.Route, host: str | None) -> Response | None:
        allowed = self.config.allow_websocket_origin
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
        if where.kind == "bokehjs":
            return bokehjs_file(where.target)
        if where.kind == "folder":
            name, _, rest = where.target.partition("/")
            return http.folder_file(self._folders[name], rest)
        if where.kind == "download":
            return self._download(where.target, http.url_session(request.path))
        if where.kind == "redirect":
            return http.response(302, "", headers={"Location": where.target})
        if where.kind == "index":
            # pn.config.index_titles: app path, with or without its "/", → title.
            titles = {str(k).strip("/"): str(v)
                      for k, v in app_config.index_titles.items()}
            return http.response(200, index_page(
                [(path, titles.get(path, app.title), app.description)
                 for path, app in self.apps.items()], template=self._index_template))
        if where.kind == "health":
            status, text = self._health(where.target)
            return http.response(status, text, content_type="text/plain")
        if where.kind == "metrics" and self.metrics is not None:
            return http.response(200, self.metrics.render(),
                                 content_type=self.metrics.content_type)
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
                          folders=frozenset(self._folders), login=self._gate is not None,
                          root=self._root, metrics=self.metrics is not None)

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
        address = ws.remote_address[0] if ws.remote_address else "?"
        opened_at = self.access.clock()
        try:
            await self.serve_socket(WebSocketFrames(ws), ws.request, address=address)
        finally:
            self.access.closed(ws, opened_at=opened_at)

    async def serve_socket(self, socket: FrameSocket, request: Request, *,
                           address: str) -> None:
        """Serve one WebSocket that :meth:`answer_http` accepted, opened by ``request``
        from client ``address``, until it closes (any transport)."""
        if self.metrics is not None:
            socket = CountedFrames(socket, self.metrics)
        where = self._route(request.path)
        # websockets' Headers: case-insensitive, as HTTP header names are.
        # The request's own headers (read-only from here on): a copy would cost each open
        # session its own Headers (~0.5 KiB) while the connection keeps the request anyway.
        peer = Peer(path=request.path, headers=request.headers)
        registry = self.registries.get(where.target) if where.kind == "ws" else None
        if self._gate is not None:
            if where.kind == "login-ws":
                await self._gate.login_socket(socket, address)
                return
            with self._gate.admitted(socket, request, "/" + where.target) as login:
                if login is None or registry is None:
                    await socket.close(4401, NO_LOGIN)
                    return
                await pump(socket, registry, self.runtime, peer=replace(peer, login=login))
            return
        if registry is None:
            await socket.close(4404, "no app at this path")
            return
        await pump(socket, registry, self.runtime, peer=peer)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.config.address
        host = f"[{host}]" if ":" in host else host
        return f"{'https' if self._tls else 'http'}://{host}:{self.port}{self.config.prefix}/"

    async def start(self, *, sock: socket.socket | None = None, listen: bool = True) -> None:
        """Start the runtime (and Redis, and ``setup``), then listen; afterwards
        :attr:`port` is the bound port.

        With ``sock`` (a bound socket), listen on it instead of ``address:port``: a worker
        of ``--num-procs`` gets its connections through :meth:`adopt`, and listens on a
        private socket only because websockets refuses handshakes (503) unless its server
        is serving. ``listen=False`` starts everything but a listener: an ASGI server
        (``docsync.asgi``) brings the connections.
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
        # Panel's rule that a widget stands for its value in param.bind/rx/allow_refs: a
        # process-wide hook of param's, so it is added here, explicitly, not at import.
        use_widget_references()
        self._runtime = Runtime(RuntimeConfig(
            num_threads=self.config.num_threads,
            max_callback_errors=self.config.max_callback_errors,
            busy_delay=self.config.busy_delay,
            # Saved sessions: a value that cannot be saved is refused when it is assigned.
            require_picklable=self.config.require_picklable or persistence is not None),
            bus=self._cluster.bus, leases=self._cluster.leases, observer=self.metrics)
        if self.metrics is not None:
            self.metrics.runtime, self.metrics.link = self._runtime, self._cluster.link
        if self.setup is not None:
            with self._runtime.activate():
                self.setup()
        threads = thread_count(app_config.nthreads)  # pn.config.nthreads, set by now
        if threads is not None:
            self._runtime.workers.ensure(threads)
        if listen:
            await self._listen(sock)
        self._expiry = asyncio.create_task(self._expire_loop())
        self.ready = True

    async def _listen(self, sock: socket.socket | None) -> None:
        if self.config.server == "asgi":
            from docsync.server.asgi import AsgiApp
            from docsync.server.uvicorn_listener import UvicornListener

            uvicorn_listener = UvicornListener(AsgiApp(self, started=True), self.config)
            self.port = uvicorn_listener.port
            await uvicorn_listener.start()
            self._listener = uvicorn_listener
            return
        # A private socket is not announced: websockets logs a server that serves at once.
        where: dict[str, Any] = ({"sock": sock, "start_serving": False} if sock is not None
                                 else {"host": self.config.address, "port": self.config.port})
        listener = await serve(
            self._handler, **where,
            process_request=self._process_request, process_response=self.access.response,
            max_size=self.config.max_frame_size,
            compression="deflate" if self.config.compression else None,
            ping_interval=self.config.ping_interval, ping_timeout=self.config.ping_timeout,
            server_header="docsync",
            # Its INFO lines dropped: the access lines say each request once (server.logs).
            logger=LibraryLogger(logging.getLogger("docsync.websockets")),
            ssl=self._tls)
        self._listener = listener
        if sock is None:
            self.port = listener.sockets[0].getsockname()[1]
        else:
            await listener.start_serving()

    async def adopt(self, sock: socket.socket, *, quiet: bool = False) -> None:
        """Serve a connection that was accepted elsewhere (by the ``--num-procs`` acceptor)
        and whose request has not been read: as if this server had accepted it. A
        ``quiet`` one (the acceptor's own scrape of ``/metrics``) gets no access line.

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
        if quiet:
            self.access.quiet.add(connection)
        await asyncio.get_running_loop().connect_accepted_socket(lambda: connection, sock)

    async def stop(self) -> None:
        """Graceful stop: pages told (1001, or a reload notice), every session destroyed
        (its hooks run once), then the runtime's tasks and threads stopped."""
        self.stopping = True
        if self._expiry is not None:
            self._expiry.cancel()
        for registry in self.registries.values():
            for session in list(registry.sessions.values()):
                # The pump attaches a Delivery to every session of this server's registries.
                connection = cast(Delivery | None, session.connection)
                if self.config.reload_notice and connection is not None:
                    session.command("reload")
                    connection.pull()
                    await connection.drain()
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
