"""One-time HTTP downloads for one session's page: a file too large to travel in a frame.

A ``download`` command (PROTOCOL.md §4) carries a small file in its data, base64, through
the replay log (§6). A large one would fill the log and the connection's byte budget
(``runtime.pump.MAX_UNSENT_BYTES``), so the command carries a URL instead, relative to the page:
``_docsync/download/<token>?session=<id>``. The token is 128 random bits; the URL answers
once, only with the session id it was made for, and only while that session lives (at
most ``ttl`` seconds). The ``session`` parameter also routes the request to the worker
that holds the session (``--num-procs``, see ``acceptor.request_session``).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["DOWNLOAD_TTL", "Downloads", "Offer"]

DOWNLOAD_TTL = 600.0  # seconds an offered download waits for its one request


@dataclass(frozen=True)
class Offer:
    session_id: str
    filename: str
    mime_type: str
    content: bytes
    expires: float


class Downloads:
    """The downloads offered and not yet fetched, of every session of one server.

    Thread-safe: sessions offer from worker threads, the HTTP side takes on the loop.
    """

    def __init__(self, *, ttl: float = DOWNLOAD_TTL,
                 clock: Callable[[], float] = time.monotonic,
                 token: Callable[[], str] = lambda: secrets.token_urlsafe(16)) -> None:
        self.ttl = ttl
        self._clock = clock
        self._token = token
        self._lock = threading.Lock()
        self._offers: dict[str, Offer] = {}

    def offer(self, session_id: str, filename: str, mime_type: str, content: bytes) -> str:
        """Hold ``content`` for one request; returns its URL, relative to the session's page."""
        now = self._clock()
        token = self._token()
        with self._lock:
            self._prune(now)
            self._offers[token] = Offer(session_id, filename, mime_type, content,
                                        now + self.ttl)
        return f"_docsync/download/{token}?session={quote(session_id)}"

    def take(self, token: str, session_id: str | None) -> Offer | None:
        """The offer ``token`` names, once, if it was made for ``session_id`` and has not
        expired; None otherwise (answer 404)."""
        now = self._clock()
        with self._lock:
            self._prune(now)
            offer = self._offers.get(token)
            if offer is None or offer.session_id != session_id:
                return None
            del self._offers[token]
            return offer

    def forget(self, session_id: str) -> None:
        """Drop every offer of ``session_id`` (the session ended)."""
        with self._lock:
            for token in [t for t, o in self._offers.items() if o.session_id == session_id]:
                del self._offers[token]

    @property
    def held_bytes(self) -> int:
        """Bytes of the files waiting to be fetched."""
        with self._lock:
            return sum(len(o.content) for o in self._offers.values())

    def _prune(self, now: float) -> None:
        # With the lock held; offers are few (one per large download not yet fetched).
        for token in [t for t, o in self._offers.items() if o.expires <= now]:
            del self._offers[token]
