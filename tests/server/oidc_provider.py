"""A small OpenID Connect provider of the tests' own, on loopback: discovery, an
authorization endpoint that logs in a chosen user at once, a token endpoint (authorization
code with PKCE, refresh), JWKS, userinfo, and a GitHub-like user endpoint. It signs real
RS256 ID tokens (joserfc) so that docsync's client checks them for real."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwk, jwt

__all__ = ["Provider"]


@dataclass
class Provider:
    """Start with :meth:`start`; ``issuer`` is its URL. ``user`` logs in at ``/authorize``."""

    client_id: str = "docsync-test"
    client_secret: str = "s3cret"
    user: dict[str, Any] = field(default_factory=lambda: {
        "sub": "u-1", "preferred_username": "ann", "email": "ann@example.org",
        "name": "Ann Example"})
    access_lifetime: int = 3600  # expires_in of access tokens
    refuse_refresh: bool = False
    #: Sign ID tokens with a key that is not in the JWKS (a forged token).
    forge: bool = False
    key: Any = field(default_factory=lambda: jwk.RSAKey.generate_key(
        2048, parameters={"kid": "test-key"}, private=True))
    issued: list[str] = field(default_factory=list)  # access tokens, in order
    refreshes: int = 0
    _codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Provider:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                provider._get(self)

            def do_POST(self) -> None:
                provider._post(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- endpoints ----------------------------------------------------------------------

    def _send(self, h: BaseHTTPRequestHandler, status: int, body: Any = None, *,
              location: str | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        h.send_response(status)
        if location:
            h.send_header("Location", location)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def _get(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self._send(h, 200, {
                "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo"})
        if url.path == "/jwks":
            return self._send(h, 200, jwk.KeySet([self.key]).as_dict(private=False))
        if url.path == "/authorize":
            if query.get("client_id") != self.client_id:
                return self._send(h, 400, {"error": "unknown client"})
            code = secrets.token_urlsafe(16)
            self._codes[code] = query
            back = {"code": code, "state": query.get("state", "")}
            return self._send(h, 302, location=f"{query['redirect_uri']}?{urlencode(back)}")
        if url.path in ("/userinfo", "/user"):
            token = h.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in self.issued:
                return self._send(h, 401, {"error": "invalid_token"})
            claims = self.user if url.path == "/userinfo" else {
                "login": self.user["preferred_username"], "id": 1}
            return self._send(h, 200, claims)
        return self._send(h, 404, {"error": "not found"})

    def _post(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(h.rfile.read(length).decode()).items()}
        if urlsplit(h.path).path != "/token":
            return self._send(h, 404, {"error": "not found"})
        if form.get("client_id") != self.client_id or \
                form.get("client_secret") != self.client_secret:
            return self._send(h, 401, {"error": "invalid_client"})
        if form.get("grant_type") == "refresh_token":
            if self.refuse_refresh or not form.get("refresh_token", "").startswith("r-"):
                return self._send(h, 400, {"error": "invalid_grant"})
            self.refreshes += 1
            return self._send(h, 200, self._tokens(None))
        asked = self._codes.pop(form.get("code", ""), None)
        if asked is None or form.get("redirect_uri") != asked["redirect_uri"]:
            return self._send(h, 400, {"error": "invalid_grant"})
        challenge = base64.urlsafe_b64encode(hashlib.sha256(
            form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
        if asked.get("code_challenge") != challenge:
            return self._send(h, 400, {"error": "invalid_grant",
                                       "error_description": "PKCE verification failed"})
        return self._send(h, 200, self._tokens(asked))

    def _tokens(self, asked: dict[str, Any] | None) -> dict[str, Any]:
        access = f"a-{secrets.token_urlsafe(8)}"
        self.issued.append(access)
        tokens: dict[str, Any] = {"access_token": access, "token_type": "Bearer",
                                  "expires_in": self.access_lifetime,
                                  "refresh_token": f"r-{secrets.token_urlsafe(8)}"}
        if asked is not None and "openid" in asked.get("scope", ""):
            now = int(time.time())
            key = jwk.RSAKey.generate_key(2048, private=True) if self.forge else self.key
            tokens["id_token"] = jwt.encode(
                {"alg": "RS256", "kid": self.key.kid},
                {**self.user, "iss": self.issuer, "aud": self.client_id, "iat": now,
                 "exp": now + 300, "nonce": asked.get("nonce")}, key)
        return tokens
