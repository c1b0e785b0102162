"""A server's log lines: one access line per request and per WebSocket, as text or JSON
(``--log-format``), with secrets redacted.

Access lines go to the ``docsync.access`` logger at INFO, one per HTTP request, one when a
WebSocket opens (its 101) and one when it closes (its close code and how long it was
open). The ``websockets`` library's own INFO lines ("HTTP response sent", "connection
open", "connection closed"...) said the same twice per request without saying what was
asked: they are dropped (:class:`LibraryLogger`); its warnings, errors and DEBUG lines
remain.

No line carries a secret: query arguments that hold one (``token``, ``code``, ``state``...)
are replaced by ``[redacted]`` in access lines, request headers are never logged, and the
formatters of :func:`configure` redact, in every line of every logger, what looks like a
secret query argument, a secret JSON field (``"token": ...``, as in a ``hello`` frame that
websockets' DEBUG lines show) or a cookie or authorization header.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, MutableMapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote_plus
from weakref import WeakKeyDictionary, WeakSet

from websockets.asyncio.server import ServerConnection
from websockets.http11 import Request, Response

from docsync.server.http import url_session

__all__ = ["ACCESS_LOGGER", "LOG_FORMATS", "AccessLog", "JsonFormatter", "LibraryLogger",
           "TextFormatter", "access_line", "configure", "formatter", "redact_target",
           "redact_text"]

#: ``--log-format`` names; any other value is a ``logging`` format string (Panel's and
#: Bokeh's meaning of the flag), such as ``"%(asctime)s %(levelname)s %(message)s"``.
LOG_FORMATS = ("text", "json")
TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"

#: Query arguments whose values are secrets (OAuth's code and state, tokens, passwords).
SECRET_ARGUMENTS = frozenset({
    "token", "code", "state", "access_token", "refresh_token", "id_token", "password",
    "passwd", "secret", "client_secret", "key", "api_key", "apikey", "code_verifier",
    "nonce", "session_state", "ticket", "auth", "authorization", "signature", "sig"})

_NAMES = "|".join(sorted(SECRET_ARGUMENTS, key=len, reverse=True))
_SECRET_PATTERNS = (
    # A secret query argument in any URL a message quotes.
    (re.compile(rf"([?&](?:{_NAMES})=)[^&\s\"'#<>]*", re.I), r"\1[redacted]"),
    # A secret field of a JSON text (a hello's token, a login frame's password).
    (re.compile(rf"(\"(?:{_NAMES}|cookie)\"\s*:\s*\")[^\"]*", re.I), r"\1[redacted]"),
    # A cookie or authorization header, as websockets' DEBUG lines show headers.
    (re.compile(r"\b((?:set-)?cookie|(?:proxy-)?authorization)(\s*:\s*)\S.*", re.I),
     r"\1\2[redacted]"),
)

ACCESS_LOGGER = "docsync.access"


def redact_target(target: str) -> str:
    """A request target (path and query) with secret query values replaced."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    parts = []
    for item in query.split("&"):
        name, eq, _ = item.partition("=")
        parts.append(f"{name}=[redacted]" if eq and unquote_plus(name).lower()
                     in SECRET_ARGUMENTS else item)
    return f"{path}?{'&'.join(parts)}"


def redact_text(text: str) -> str:
    """``text`` with whatever looks like a secret (see the module docstring) replaced."""
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class TextFormatter(logging.Formatter):
    """``LEVEL logger: message`` (the default ``--log-format text``), or lines of another
    ``logging`` format string, redacted."""

    def __init__(self, fmt: str = TEXT_FORMAT) -> None:
        super().__init__(fmt)

    def format(self, record: logging.LogRecord) -> str:
        return redact_text(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line (``--log-format json``): ``time`` (UTC, ISO 8601),
    ``level``, ``logger``, ``message``, ``exception`` (a traceback, if any), and for an
    access line ``event``, ``method``, ``path``, ``status``, ``duration_ms``, ``session``
    and ``client``. A traceback stays inside its line (JSON escapes its newlines)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact_text(record.getMessage()),
        }
        access = getattr(record, "access", None)
        if isinstance(access, dict):
            entry.update(access)
        if record.exc_info:
            entry["exception"] = redact_text(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = redact_text(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter of ``--log-format``: ``text``, ``json``, or a ``logging`` format
    string. Raises ``ValueError`` saying what to give instead for anything else (a string
    without a field, or with a field that log records do not have)."""
    if log_format == "json":
        return JsonFormatter()
    if log_format == "text":
        return TextFormatter()
    if "%(" not in log_format:
        raise ValueError(f"{log_format!r}: give text, json, or a logging format string such "
                         "as '%(asctime)s %(levelname)s %(name)s: %(message)s'")
    try:
        made = TextFormatter(log_format)
        made.format(logging.LogRecord("docsync", logging.INFO, __file__, 0, "check", (), None))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{log_format!r}: not a logging format string "
                         f"({type(exc).__name__}: {exc})") from None
    return made


def configure(*, level: str, log_format: str) -> None:
    """Send every log line to stderr at ``level``, formatted as :func:`formatter` says,
    as ``docsync serve`` does. Like ``logging.basicConfig``, it does nothing when logging
    was set up already (by the program that embeds docsync)."""
    handler = logging.StreamHandler()
    handler.setFormatter(formatter(log_format))
    logging.basicConfig(level=level.upper(), handlers=[handler])


def access_line(logger: logging.Logger, event: str, *, client: str, target: str, status: int,
                seconds: float, method: str = "GET") -> None:
    """Log one access line: ``event`` is "http", "ws-open" or "ws-close" (``status`` is
    then the close code, ``seconds`` how long the socket was open); ``target`` is the
    request's path and query, redacted here."""
    path = redact_target(target)
    session = url_session(target)
    duration = round(seconds * 1000, 1)
    suffix = {"ws-open": " websocket open", "ws-close": " websocket closed"}.get(event, "")
    logger.info('%s "%s %s HTTP/1.1" %d %.1fms session=%s%s', client, method, path, status,
                duration, session or "-", suffix,
                extra={"access": {"event": event, "method": method, "path": path,
                                  "status": status, "duration_ms": duration,
                                  "session": session, "client": client}})


class LibraryLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """The logger given to websockets: its INFO lines are dropped (the access lines
    replace them), the rest pass to ``logger``."""

    def __init__(self, logger: logging.Logger) -> None:
        super().__init__(logger, {})

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if level != logging.INFO:
            super().log(level, msg, *args, **kwargs)

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return msg, kwargs


class AccessLog:
    """One server's access lines (see the module docstring). The server calls
    :meth:`request` when a request arrives, :meth:`response` when its answer is ready
    (websockets' ``process_response``) and :meth:`closed` when a WebSocket handler ends.
    Connections in :attr:`quiet` (the ``--num-procs`` acceptor's own scrapes of
    ``/metrics``, which it logs once for its client) get no line. On the loop only."""

    def __init__(self, *, use_xheaders: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger = logging.getLogger(ACCESS_LOGGER)
        self.use_xheaders = use_xheaders
        self.clock = clock
        self.quiet: WeakSet[ServerConnection] = WeakSet()
        self._started: WeakKeyDictionary[ServerConnection, float] = WeakKeyDictionary()

    def request(self, ws: ServerConnection) -> None:
        self._started[ws] = self.clock()

    def response(self, ws: ServerConnection, request: Request, response: Response) -> None:
        began = self._started.pop(ws, None)
        if ws in self.quiet or not self.logger.isEnabledFor(logging.INFO):
            return
        status = response.status_code
        seconds = self.clock() - began if began is not None else 0.0
        self.line("ws-open" if status == 101 else "http", ws, request, status, seconds)

    def closed(self, ws: ServerConnection, *, opened_at: float) -> None:
        """A WebSocket's handler returned: its close code and how long it was open. A
        handler that returns with the socket still open leaves the close to websockets,
        which closes with 1000."""
        if ws.request is None or ws in self.quiet or not self.logger.isEnabledFor(logging.INFO):
            return
        code = ws.close_code if ws.close_code is not None else 1000
        self.line("ws-close", ws, ws.request, code, self.clock() - opened_at)

    def line(self, event: str, ws: ServerConnection, request: Request, status: int,
             seconds: float) -> None:
        access_line(self.logger, event, client=self._client(ws, request),
                    target=request.path, status=status, seconds=seconds)

    def _client(self, ws: ServerConnection, request: Request) -> str:
        if self.use_xheaders:
            forwarded = request.headers.get("X-Forwarded-For")
            if forwarded:
                return forwarded.split(",", 1)[0].strip()
        address = ws.remote_address
        if isinstance(address, tuple) and address:
            return str(address[0])
        return "-"  # a Unix socket (the --num-procs acceptor's)
