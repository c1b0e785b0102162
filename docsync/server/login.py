"""Logins (``--basic-auth``): the signed login cookie, brute-force throttling, the pages.

How a login travels, given that the WebSocket server reads no request bodies:

1. A page request without a valid login cookie is redirected to ``login?next=PATH``.
2. The login page's form sends the user name and password over a WebSocket to
   ``login/ws`` (same origin check as the app's, §9), never in a URL. The server answers
   ``{"ok": true, "code": CODE}`` or ``{"ok": false, "error": TEXT}``.
3. The page goes to ``login/done?code=CODE&next=PATH``; the server turns the code (signed,
   valid for :data:`CODE_LIFETIME` seconds, used once in this process) into the login
   cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and redirects to ``next``.
4. An app's WebSocket without a valid login is closed with 4401 ("login required"); a
   session whose login expires, or whose user logs out at ``logout``, is closed the same
   way ("login expired"), and its page reloads into the login page.

Cookies are signed with ``--cookie-secret`` (else ``DOCSYNC_COOKIE_SECRET``): give every
worker and machine the same one so each accepts the others' logins.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import string
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

__all__ = ["CODE_LIFETIME", "COOKIE", "Login", "LoginSigner", "Throttle", "login_page",
           "login_redirect", "logout_page", "safe_next"]

COOKIE = "docsync_login"
CODE_LIFETIME = 30.0  # seconds between a password check and the cookie it earns


@dataclass(frozen=True)
class Login:
    """What a valid login cookie says."""

    user: str
    expires: float  # seconds since the epoch
    #: This login's random id: a logout ends every session opened with it.
    login_id: str

    @property
    def user_info(self) -> dict[str, Any]:
        """Panel's ``state.user_info`` for a basic-auth login."""
        return {"user": self.user, "username": self.user}


class LoginSigner:
    """Signs and reads login cookies and one-time codes (HMAC-SHA256 over JSON)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _sign(self, kind: str, payload: dict[str, Any]) -> str:
        body = base64.urlsafe_b64encode(json.dumps({**payload, "k": kind},
                                                   separators=(",", ":")).encode())
        mac = hmac.new(self._secret, body, hashlib.sha256).digest()
        return f"{body.decode()}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"

    def _read(self, kind: str, value: str) -> dict[str, Any] | None:
        body, _, mac = value.encode("ascii", "replace").partition(b".")
        expected = base64.urlsafe_b64encode(
            hmac.new(self._secret, body, hashlib.sha256).digest()).rstrip(b"=")
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body))
        except ValueError:
            return None
        return payload if isinstance(payload, dict) and payload.get("k") == kind else None

    def cookie(self, login: Login) -> str:
        return self._sign("login", {"u": login.user, "e": login.expires, "i": login.login_id})

    def read_cookie(self, value: str, *, now: float) -> Login | None:
        """The login a cookie value proves, or None (forged, malformed or expired)."""
        payload = self._read("login", value)
        if payload is None or not isinstance(payload.get("u"), str) or not isinstance(
                payload.get("e"), (int, float)) or not isinstance(payload.get("i"), str):
            return None
        if payload["e"] <= now:
            return None
        return Login(payload["u"], float(payload["e"]), payload["i"])

    def code(self, login: Login, *, now: float) -> str:
        """A one-time code for ``login``, valid for :data:`CODE_LIFETIME` seconds."""
        return self._sign("code", {"u": login.user, "e": login.expires, "i": login.login_id,
                                   "c": now + CODE_LIFETIME})

    def read_code(self, value: str, *, now: float) -> Login | None:
        """The login a one-time code stands for, or None (forged or too old)."""
        payload = self._read("code", value)
        if payload is None or not isinstance(payload.get("c"), (int, float)) or \
                payload["c"] <= now:
            return None
        return self.read_cookie(self._sign("login", {k: payload.get(k) for k in "uei"}),
                                now=now)

    def from_headers(self, cookie_header: str | None, *, now: float) -> Login | None:
        """The login of a request's ``Cookie`` header, or None."""
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(cookie_header or "")
        except Exception:  # http.cookies raises CookieError and others on bad input
            return None
        morsel = jar.get(COOKIE)
        return self.read_cookie(morsel.value, now=now) if morsel is not None else None


@dataclass
class Throttle:
    """Failed logins per key (a client address, a user name): after ``max_failures``
    within ``window`` seconds the key is refused for ``lockout`` seconds. Pure: the caller
    passes ``now``. Memory is bounded by pruning keys with no recent failure."""

    max_failures: int = 5
    window: float = 60.0
    lockout: float = 60.0
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _locked: dict[str, float] = field(default_factory=dict)

    def wait(self, keys: list[str], *, now: float) -> float:
        """Seconds until a login for these keys may be tried again (0: now)."""
        return max([0.0, *(self._locked.get(k, 0.0) - now for k in keys)])

    def failed(self, keys: list[str], *, now: float) -> None:
        for key in keys:
            recent = [t for t in self._failures.get(key, []) if now - t < self.window]
            recent.append(now)
            self._failures[key] = recent
            if len(recent) >= self.max_failures:
                self._locked[key] = now + self.lockout
                self._failures[key] = []
        if len(self._failures) > 10_000:  # an attacker with many addresses: forget the old
            self._failures = {k: v for k, v in self._failures.items()
                              if v and now - v[-1] < self.window}
            self._locked = {k: t for k, t in self._locked.items() if t > now}

    def succeeded(self, keys: list[str]) -> None:
        for key in keys:
            self._failures.pop(key, None)


def safe_next(target: str | None, root: str) -> str:
    """Where to go after a login: a path of this site (``/...``), never another site's
    URL (``//host``, ``https://...``); else ``root``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return root
    return target


_SCRIPT = """
document.getElementById("docsync-login").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target, error = document.getElementById("docsync-login-error");
  const url = new URL("login/ws", document.baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(url);
  ws.onopen = () => ws.send(JSON.stringify({username: form.username.value,
                                            password: form.password.value}));
  ws.onmessage = (message) => {
    const answer = JSON.parse(message.data);
    ws.close();
    if (answer.ok) {
      location.href = new URL("login/done?code=" + encodeURIComponent(answer.code) +
        "&next=" + encodeURIComponent(form.dataset.next), document.baseURI).href;
    } else {
      error.textContent = answer.error;
      form.password.value = "";
      form.password.focus();
    }
  };
  ws.onerror = () => { error.textContent = "The server cannot be reached."; };
});
"""

_LOGIN = string.Template("""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${base}"><title>Log in</title>
<link rel="stylesheet" href="_docsync/static/docsync.css"></head>
<body class="docsync-login-page"><main>
<h1>Log in</h1>
<form id="docsync-login" data-next="${next}">
<label>User name <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"
  required></label>
<p id="docsync-login-error" role="alert">${error}</p>
<button type="submit">Log in</button>
</form></main>
<script>${script}</script></body></html>
""")

_LOGOUT = string.Template("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><base href="${base}"><title>Logged out</title>
<link rel="stylesheet" href="_docsync/static/docsync.css"></head>
<body class="docsync-login-page"><main><h1>Logged out</h1>
<p><a href="login">Log in again</a></p></main></body></html>
""")


def login_page(*, base: str, next_path: str, error: str = "",
               template: str | None = None) -> str:
    """The login page. A ``--login-template`` is HTML with ``$base``, ``$next``, ``$error``
    and ``$script`` placeholders (Python's ``string.Template``); its form must have the id
    ``docsync-login``, ``username`` and ``password`` fields, a ``data-next="$next"``
    attribute and an element with the id ``docsync-login-error``, and it must include
    ``<script>$script</script>``."""
    page = string.Template(template) if template is not None else _LOGIN
    return page.safe_substitute(base=html.escape(base), next=html.escape(next_path),
                                error=html.escape(error), script=_SCRIPT)


def logout_page(*, base: str, template: str | None = None) -> str:
    """The page after ``logout``; a ``--logout-template`` may use ``$base``."""
    page = string.Template(template) if template is not None else _LOGOUT
    return page.safe_substitute(base=html.escape(base))


def login_redirect(path: str, prefix: str) -> str:
    """The URL of the login page for a request of ``path`` (absolute, under ``prefix``)."""
    return f"{prefix}/login?next={quote(path, safe='/')}"
