"""Signed session tokens (PROTOCOL.md §2): ``<session_id>.<issued_at>.<signature>``."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from docsync.exceptions import BadToken

__all__ = ["TokenInfo", "issue_token", "new_session_id", "verify_token"]

MIN_SESSION_ID_BYTES = 16  # PROTOCOL.md §2: at least 128 bits


def new_session_id(random_bytes: bytes) -> str:
    """A session id from caller-supplied random bytes (at least 16, from a CSPRNG)."""
    if len(random_bytes) < MIN_SESSION_ID_BYTES:
        raise ValueError("a session id needs at least 16 random bytes")
    return base64.urlsafe_b64encode(random_bytes).rstrip(b"=").decode("ascii")


def _sign(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def issue_token(secret: bytes, session_id: str, issued_at: float) -> str:
    """A token for ``session_id`` issued at ``issued_at`` (seconds since the epoch)."""
    payload = f"{session_id}.{int(issued_at)}"
    return f"{payload}.{_sign(secret, payload)}"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    session_id: str
    issued_at: int
    #: False once the token is older than its lifetime: it may then only resume (§2).
    fresh: bool


def verify_token(secret: bytes, token: str, *, now: float, lifetime: float) -> TokenInfo:
    """Check ``token``'s signature; raise :class:`BadToken` (close 4401) when it fails."""
    parts = token.split(".")
    # Non-ASCII text could not be signed (nor compared in constant time): never valid.
    if not token.isascii() or len(parts) != 3 or not parts[1].isdigit():
        raise BadToken("malformed session token")
    session_id, issued, signature = parts
    if not hmac.compare_digest(_sign(secret, f"{session_id}.{issued}"), signature):
        raise BadToken("session token signature does not verify")
    issued_at = int(issued)
    return TokenInfo(session_id, issued_at, fresh=now - issued_at <= lifetime)
