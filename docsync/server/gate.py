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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from docsync.exceptions import UsageError
from docsync.server import http
from docsync.server.credentials import Credentials
from docsync.server.login import (
    CODE_LIFETIME,
    COOKIE,
    Login,
    LoginSigner,
    Throttle,
    login_page,
    login_redirect,
    logout_page,
    safe_next,
)

__all__ = ["ENDED", "NO_LOGIN", "LoginConfig", "LoginGate", "authorized", "login_config"]

log = logging.getLogger("docsync.login")

#: Close reasons of an app's WebSocket refused or ended for its login (code 4401); the
#: page reloads on a reason that starts with "login" and so reaches the login page.
NO_LOGIN = "login required"
ENDED = "login expired"
MAX_LOGIN_MESSAGE = 4096  # bytes: a user name and a password, with room to spare


@dataclass(frozen=True)
class LoginConfig:
    credentials: Credentials
    #: Signs the login cookie (``--cookie-secret``); the same on every worker and machine.
    secret: bytes
    expiry: float = 86400.0  # seconds a login lasts
    #: ``fn(user_info)`` or ``fn(user_info, path)`` → whether that user may use the app.
    authorize: Callable[..., Any] | None = None
    login_template: str | None = None
    logout_template: str | None = None


def login_config(*, basic_auth: Any, cookie_secret: str | None, server_secret: bytes,
                 expiry_days: float, authorize: Callable[..., Any] | None,
                 login_template: str | None, logout_template: str | None) -> LoginConfig:
    """The gate's settings from the server's options; raises ``UsageError`` naming the flag
    for bad credentials or a template file that cannot be read."""
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
    return LoginConfig(Credentials.parse(basic_auth), key, expiry=expiry_days * 86400,
                       authorize=authorize, login_template=templates[0],
                       logout_template=templates[1])


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

    def __init__(self, config: LoginConfig, *, prefix: str, tls: bool,
                 clock: Callable[[], float]) -> None:
        self.config = config
        self.signer = LoginSigner(config.secret)
        self.throttle = Throttle()
        self.prefix = prefix
        self.tls = tls
        self.clock = clock
        self._used_codes: dict[str, float] = {}  # code → when it stops being valid
        self._sockets: dict[str, set[ServerConnection]] = {}  # login id → open app sockets
        self._closing: set[asyncio.Task[None]] = set()  # held until done (asyncio's advice)

    def _end(self, ws: ServerConnection) -> None:
        """Close an app's socket whose login ended: its page reloads into the login page."""
        task = asyncio.ensure_future(ws.close(4401, ENDED))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    # -- HTTP ------------------------------------------------------------------------------

    def login_of(self, request: Request) -> Login | None:
        return self.signer.from_headers(request.headers.get("Cookie"), now=self.clock())

    def http(self, request: Request, where: http.Route) -> Response | None:
        """The answer to a request the gate handles or refuses; None lets it through."""
        kind = where.kind
        if kind in ("static", "health", "ws", "login-ws", "none"):
            return None  # sockets are checked once open (4401), 404s need no login
        query = parse_qs(urlsplit(request.path).query)
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
        return None

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
            for ws in list(self._sockets.get(login.login_id, ())):
                self._end(ws)
        page = logout_page(base=f"{self.prefix}/", template=self.config.logout_template)
        return http.response(200, page, headers={
            "Set-Cookie": self._cookie("", max_age=0, secure=self._secure(request)),
            "Cache-Control": "no-store"})

    # -- sockets -----------------------------------------------------------------------------

    async def login_socket(self, ws: ServerConnection) -> None:
        """Serve one login form over ``login/ws``: one message in, one answer out."""
        address = ws.remote_address[0] if ws.remote_address else "?"
        try:
            raw = await asyncio.wait_for(ws.recv(), 30)
        except (asyncio.TimeoutError, ConnectionClosed):
            return
        answer = self._check(raw, address)
        try:
            await ws.send(json.dumps(answer))
            await ws.close()
        except ConnectionClosed:
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
        if not user or not self.config.credentials.check(user, form["password"]):
            self.throttle.failed(keys, now=now)
            log.warning("failed login for user %r from %s", user, address)
            return {"ok": False, "error": "Wrong user name or password."}
        self.throttle.succeeded(keys)
        login = Login(user, now + self.config.expiry, secrets.token_urlsafe(12))
        log.info("user %r logged in from %s", user, address)
        return {"ok": True, "code": self.signer.code(login, now=now)}

    def admit(self, ws: ServerConnection, path: str) -> Login | None:
        """The login of an app's WebSocket if it may use ``path``, else None (the caller
        closes it with 4401). The socket is closed when the login expires or logs out."""
        assert ws.request is not None
        login = self.login_of(ws.request)
        if login is None or not authorized(self.config.authorize, login, path):
            return None
        sockets = self._sockets.setdefault(login.login_id, set())
        sockets.add(ws)
        loop = asyncio.get_running_loop()
        timer = loop.call_later(max(0.0, login.expires - self.clock()),
                                self._end, ws)

        def forget(_: Any) -> None:
            timer.cancel()
            sockets.discard(ws)
            if not sockets:
                self._sockets.pop(login.login_id, None)

        closed = asyncio.ensure_future(ws.wait_closed())
        self._closing.add(closed)
        closed.add_done_callback(self._closing.discard)
        closed.add_done_callback(forget)
        return login
