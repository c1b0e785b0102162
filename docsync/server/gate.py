"""The login gate of a server run with ``--basic-auth`` (see :mod:`docsync.server.login`):
which requests pass, the login socket, logout, and closing sessions whose login ends.

Everything here runs on the server's event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import json
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.http11 import Request, Response

from docsync.exceptions import OAuthError, SocketClosed, UsageError
from docsync.identity import Login
from docsync.runtime.pump import FrameSocket
from docsync.server import http
from docsync.server.credentials import Credentials
from docsync.server.login import (
    CODE_LIFETIME,
    COOKIE,
    LoginSigner,
    Throttle,
    cookie_value,
    error_page,
    login_page,
    login_redirect,
    logout_page,
    safe_next,
)
from docsync.server.oauth import STATE_LIFETIME, OAuthConfig, OAuthFlow

__all__ = ["ENDED", "NO_LOGIN", "LoginConfig", "LoginGate", "authorized", "login_config"]

log = logging.getLogger("docsync.login")

#: Close reasons of an app's WebSocket refused or ended for its login (code 4401); the
#: page reloads on a reason that starts with "login" and so reaches the login page.
NO_LOGIN = "login required"
ENDED = "login expired"
MAX_LOGIN_MESSAGE = 4096  # bytes: a user name and a password, with room to spare


OAUTH_COOKIE = "docsync_oauth"  # the state of a login in progress at the provider


@dataclass(frozen=True)
class LoginConfig:
    """How users log in: ``credentials`` (``--basic-auth``) or ``oauth`` (one of them)."""

    credentials: Credentials | None
    #: Signs the login cookie (``--cookie-secret``); the same on every worker and machine.
    secret: bytes
    oauth: OAuthConfig | None = None
    expiry: float = 86400.0  # seconds a login lasts
    #: ``fn(user_info)`` or ``fn(user_info, path)`` → whether that user may use the app.
    authorize: Callable[..., Any] | None = None
    login_template: str | None = None
    logout_template: str | None = None


def login_config(*, basic_auth: Any, cookie_secret: str | None, server_secret: bytes,
                 expiry_days: float, authorize: Callable[..., Any] | None,
                 login_template: str | None, logout_template: str | None,
                 oauth: OAuthConfig | None = None) -> LoginConfig:
    """The gate's settings from the server's options; raises ``UsageError`` naming the flag
    for bad credentials, an unknown or incomplete provider, or a template file that cannot
    be read."""
    if (basic_auth is None) == (oauth is None):
        raise UsageError("give --basic-auth or --oauth-provider (one of the two)")
    if oauth is not None:
        OAuthFlow(oauth)  # checks the provider and its parameters
    secret = cookie_secret or os.environ.get("DOCSYNC_COOKIE_SECRET")
    # Else derived from the session secret, which --num-procs workers share.
    key = secret.encode() if secret else hmac.new(server_secret, b"docsync login cookie",
                                                  hashlib.sha256).digest()
    templates = []
    for flag, path in (("--login-template", login_template),
                       ("--logout-template", logout_template)):
        if path is None:
            templates.append(None)
            continue
        try:
            templates.append(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise UsageError(f"{flag} {path}: {exc.strerror or exc}") from None
    if expiry_days <= 0:
        raise UsageError(f"--login-expiry {expiry_days}: give a number of days above 0")
    return LoginConfig(Credentials.parse(basic_auth) if basic_auth is not None else None,
                       key, oauth=oauth, expiry=expiry_days * 86400, authorize=authorize,
                       login_template=templates[0], logout_template=templates[1])


def authorized(authorize: Callable[..., Any] | None, login: Login, path: str) -> bool:
    """Whether ``authorize`` lets ``login``'s user reach ``path`` (no callback: yes). A
    callback that raises refuses, and the error is logged."""
    if authorize is None:
        return True
    try:
        takes_path = len(inspect.signature(authorize).parameters) >= 2
        return bool(authorize(login.user_info, path) if takes_path
                    else authorize(login.user_info))
    except Exception:
        log.exception("the authorize callback failed for user %r on %s: refused",
                      login.user, path)
        return False


class LoginGate:
    """Guards a server's pages and sockets with logins (``--basic-auth``)."""

    def __init__(self, config: LoginConfig, *, prefix: str, tls: bool, use_xheaders: bool,
                 clock: Callable[[], float]) -> None:
        self.config = config
        self.oauth = OAuthFlow(config.oauth) if config.oauth is not None else None
        self.use_xheaders = use_xheaders
        self.signer = LoginSigner(config.secret)
        self.throttle = Throttle()
        self.prefix = prefix
        self.tls = tls
        self.clock = clock
        self._used_codes: dict[str, float] = {}  # code → when it stops being valid
        self._sockets: dict[str, set[FrameSocket]] = {}  # login id → open app sockets
        self._closing: set[asyncio.Task[None]] = set()  # held until done (asyncio's advice)

    def _end(self, socket: FrameSocket) -> None:
        """Close an app's socket whose login ended: its page reloads into the login page."""
        task = asyncio.ensure_future(socket.close(4401, ENDED))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    # -- HTTP ------------------------------------------------------------------------------

    def login_of(self, request: Request) -> Login | None:
        return self.signer.from_headers(request.headers.get("Cookie"), now=self.clock())

    def http(self, request: Request, where: http.Route
             ) -> Response | Awaitable[Response | dict[str, str] | None] | None:
        """The answer to a request the gate handles or refuses; None lets it through. With
        OAuth, an awaitable when the provider must be asked first: it gives the answer, or
        headers to add to the usual one."""
        kind = where.kind
        if kind in ("static", "bokehjs", "health", "metrics", "ws", "login-ws", "none"):
            # Sockets are checked once open (4401), 404s need no login, and neither do an
            # orchestrator's probes nor Prometheus, which cannot log in (README: Metrics).
            return None
        query = parse_qs(urlsplit(request.path).query)
        if self.oauth is not None and kind in ("login", "login-done"):
            return self._oauth_leg(request, query) if kind == "login" else None
        if kind == "login":
            page = login_page(base=f"{self.prefix}/", next_path=safe_next(
                query.get("next", [""])[0], f"{self.prefix}/"),
                template=self.config.login_template)
            return http.response(200, page, headers={"Cache-Control": "no-store"})
        if kind == "login-done":
            return self._done(query.get("code", [""])[0], query.get("next", [""])[0],
                              secure=self._secure(request))
        if kind == "logout":
            return self._logout(request)
        login = self.login_of(request)
        path = urlsplit(request.path).path
        if login is None:
            return http.response(302, "", headers={
                "Location": login_redirect(path, self.prefix), "Cache-Control": "no-store"})
        if not authorized(self.config.authorize, login, path):
            return http.response(403, f"{login.user} may not use {path}.",
                                 content_type="text/plain")
        if self.oauth is not None and login.token_expires is not None and \
                login.token_expires <= self.clock():
            return self._refresh(request, login)
        return None

    # -- OAuth -----------------------------------------------------------------------------

    def _origin(self, request: Request) -> tuple[str, str]:
        """The scheme and host the browser used (the proxy's, with --use-xheaders)."""
        host = request.headers.get("Host", "localhost")
        scheme = "https" if self.tls else "http"
        if self.use_xheaders:
            host = request.headers.get("X-Forwarded-Host", host)
            scheme = request.headers.get("X-Forwarded-Proto", scheme).lower()
        return scheme, host

    async def _oauth_leg(self, request: Request, query: dict[str, list[str]]) -> Response:
        """``login``: off to the provider, or back from it (``code``/``error``)."""
        assert self.oauth is not None
        scheme, host = self._origin(request)
        redirect_uri = self.oauth.redirect_uri(scheme=scheme, host=host, prefix=self.prefix)
        now, secure = self.clock(), self._secure(request)
        state_cookie = f"{OAUTH_COOKIE}={{}}; Path={self.prefix}/login; Max-Age={{}}; " \
                       f"HttpOnly; SameSite=Lax{'; Secure' if secure else ''}"
        try:
            if "code" not in query and "error" not in query:
                url, kept = await self.oauth.start(
                    redirect_uri=redirect_uri, now=now,
                    next_path=safe_next(query.get("next", [""])[0], f"{self.prefix}/"))
                return http.response(302, "", headers={
                    "Location": url, "Cache-Control": "no-store", "Set-Cookie":
                    state_cookie.format(self.signer.sign("oauth", kept), int(STATE_LIFETIME))})
            kept_value = cookie_value(request.headers.get("Cookie"), OAUTH_COOKIE)
            login, next_path = await self.oauth.finish(
                query={k: v[0] for k, v in query.items()}, redirect_uri=redirect_uri,
                kept=self.signer.read("oauth", kept_value) if kept_value else None, now=now)
        except OAuthError as exc:
            return http.response(exc.status, error_page(str(exc), base=f"{self.prefix}/"),
                                 headers={"Cache-Control": "no-store"})
        log.info("user %r logged in through %s", login.user, self.oauth.config.provider)
        response = http.response(302, "", headers={
            "Location": safe_next(next_path, f"{self.prefix}/"), "Cache-Control": "no-store"})
        response.headers["Set-Cookie"] = self._cookie(
            self.signer.cookie(login), max_age=int(login.expires - now), secure=secure)
        response.headers["Set-Cookie"] = state_cookie.format("", 0)
        return response

    async def _refresh(self, request: Request, login: Login) -> Response | dict[str, str]:
        """A page whose login's access token expired: the refreshed login cookie to send
        with it, or a redirect to log in again."""
        assert self.oauth is not None
        fresh = await self.oauth.refresh(login, now=self.clock())
        if fresh is None:
            return http.response(302, "", headers={
                "Location": login_redirect(urlsplit(request.path).path, self.prefix),
                "Cache-Control": "no-store"})
        return {"Set-Cookie": self._cookie(self.signer.cookie(fresh),
                                           max_age=int(fresh.expires - self.clock()),
                                           secure=self._secure(request))}

    def _secure(self, request: Request) -> bool:
        return self.tls or request.headers.get("X-Forwarded-Proto", "").lower() == "https"

    def _cookie(self, value: str, *, max_age: int, secure: bool) -> str:
        return (f"{COOKIE}={value}; Path={self.prefix or '/'}; Max-Age={max_age}; HttpOnly; "
                f"SameSite=Lax{'; Secure' if secure else ''}")

    def _done(self, code: str, next_path: str, *, secure: bool) -> Response:
        now = self.clock()
        self._used_codes = {c: t for c, t in self._used_codes.items() if t > now}
        login = self.signer.read_code(code, now=now)
        if login is None or code in self._used_codes:
            page = login_page(base=f"{self.prefix}/", next_path=f"{self.prefix}/",
                              error="That login link has expired: log in again.",
                              template=self.config.login_template)
            return http.response(400, page, headers={"Cache-Control": "no-store"})
        self._used_codes[code] = now + CODE_LIFETIME
        cookie = self._cookie(self.signer.cookie(login), max_age=int(login.expires - now),
                              secure=secure)
        return http.response(302, "", headers={
            "Location": safe_next(next_path, f"{self.prefix}/"), "Set-Cookie": cookie,
            "Cache-Control": "no-store"})

    def _logout(self, request: Request) -> Response:
        login = self.login_of(request)
        if login is not None:
            log.info("user %r logged out", login.user)
            for socket in list(self._sockets.get(login.login_id, ())):
                self._end(socket)
        page = logout_page(base=f"{self.prefix}/", template=self.config.logout_template)
        return http.response(200, page, headers={
            "Set-Cookie": self._cookie("", max_age=0, secure=self._secure(request)),
            "Cache-Control": "no-store"})

    # -- sockets -----------------------------------------------------------------------------

    async def login_socket(self, socket: FrameSocket, address: str) -> None:
        """Serve one login form over ``login/ws`` from client ``address``: one message in,
        one answer out."""
        try:
            raw = await asyncio.wait_for(socket.receive(), 30)
        except asyncio.TimeoutError:
            raw = None
        if raw is None:
            return
        answer = self._check(raw, address)
        try:
            await socket.send(json.dumps(answer))
            await socket.close(1000, "")
        except SocketClosed:
            pass

    def _check(self, raw: str | bytes, address: str) -> dict[str, Any]:
        try:
            form = json.loads(raw) if len(raw) <= MAX_LOGIN_MESSAGE else None
        except ValueError:
            form = None
        if not isinstance(form, dict) or not isinstance(form.get("username"), str) or \
                not isinstance(form.get("password"), str):
            return {"ok": False, "error": "Send a user name and a password."}
        user, now = form["username"].strip(), self.clock()
        keys = [f"address:{address}", f"user:{user}"]
        wait = self.throttle.wait(keys, now=now)
        if wait > 0:
            return {"ok": False, "error": f"Too many failed logins: try again in "
                                          f"{int(wait) + 1} seconds."}
        credentials = self.config.credentials
        if not user or credentials is None or not credentials.check(user, form["password"]):
            self.throttle.failed(keys, now=now)
            log.warning("failed login for user %r from %s", user, address)
            return {"ok": False, "error": "Wrong user name or password."}
        self.throttle.succeeded(keys)
        login = Login(user, now + self.config.expiry, secrets.token_urlsafe(12),
                      claims={"username": user})
        log.info("user %r logged in from %s", user, address)
        return {"ok": True, "code": self.signer.code(login, now=now)}

    @contextmanager
    def admitted(self, socket: FrameSocket, request: Request, path: str
                 ) -> Iterator[Login | None]:
        """While the block runs (the app's socket is served): the login of the request that
        opened ``socket`` if it may use app ``path``, else None (the caller closes it with
        4401). The socket is closed when the login expires or logs out meanwhile."""
        login = self.login_of(request)
        if login is None or not authorized(self.config.authorize, login, path):
            yield None
            return
        sockets = self._sockets.setdefault(login.login_id, set())
        sockets.add(socket)
        timer = asyncio.get_running_loop().call_later(
            max(0.0, login.expires - self.clock()), self._end, socket)
        try:
            yield login
        finally:
            timer.cancel()
            sockets.discard(socket)
            if not sockets:
                self._sockets.pop(login.login_id, None)
