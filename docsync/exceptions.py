"""docsync's one exception tree.

::

    DocsyncError
    ├── Refused                  a client message refused; the session goes on (PROTOCOL.md §5)
    │   ├── BadMessage           code "bad-message": not JSON, not an object, wrong fields
    │   ├── Forbidden            code "forbidden": op, path, model, property or event not allowed
    │   └── Invalid              code "invalid": the value breaks the property's own rules
    ├── CloseConnection          fatal for one connection; carries its close code (§8)
    │   ├── ProtocolViolation    4400
    │   ├── BadToken             4401
    │   ├── OriginRefused        4403
    │   ├── UnknownSession       4404
    │   ├── SessionInUse         4409
    │   ├── TooFarBehind         4429: the connection fell behind its byte budget
    │   ├── TooManyMessages      4429: the client sent faster than its session handles
    │   └── TryAgainLater        1001: a session's saved state is out of reach for now
    ├── SocketClosed             a transport's socket closed under a send (not an error)
    ├── AppError                 app code could not be loaded or run
    ├── RedisUnavailable         Redis (--redis URL) did not answer at start
    ├── UsageError               bad CLI arguments or options, with what to fix
    └── ArgumentError            a component got an argument it does not take (also a TypeError)

Each error's message is written for the person who has to act on it.
"""

from __future__ import annotations

__all__ = [
    "MAX_REFUSAL_CHARS",
    "AppError",
    "ArgumentError",
    "BadMessage",
    "BadToken",
    "CloseConnection",
    "DocsyncError",
    "Forbidden",
    "Invalid",
    "OriginRefused",
    "ProtocolViolation",
    "RedisUnavailable",
    "Refused",
    "SessionInUse",
    "SocketClosed",
    "TooFarBehind",
    "TooManyMessages",
    "TryAgainLater",
    "UnknownSession",
    "UsageError",
    "bounded",
]


class DocsyncError(Exception):
    """Base of every error docsync raises on purpose."""


#: Longest ``error`` message text sent to a client: a refusal often quotes the refused
#: value, which may be as large as a frame (issue 12: 100 kB came back for 100 kB sent).
MAX_REFUSAL_CHARS = 500


def bounded(text: str, *, limit: int = MAX_REFUSAL_CHARS) -> str:
    """``text`` if it has at most ``limit`` characters, else its start and end, saying how
    much was cut (the end usually says what was wrong)."""
    if len(text) <= limit:
        return text
    mark = f" [... {len(text)} characters, cut ...] "
    tail = limit // 5
    head = max(limit - tail - len(mark), 0)
    return f"{text[:head]}{mark}{text[-tail:]}"


class Refused(DocsyncError):
    """A client message was refused as a whole; answered with an ``error`` message.

    Its message is :func:`bounded`: a refusal may quote a client's value, not all of it.
    """

    code = "refused"

    def __init__(self, message: str, *, paths: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(bounded(message))
        #: ``(model_id, prop)`` pairs the refused message named, to be restored in the browser.
        self.paths = paths


class BadMessage(Refused):
    code = "bad-message"


class Forbidden(Refused):
    code = "forbidden"


class Invalid(Refused):
    code = "invalid"


class CloseConnection(DocsyncError):
    """The connection must be closed with :attr:`close_code`; the session (if any) lives on."""

    close_code = 4400


class ProtocolViolation(CloseConnection):
    close_code = 4400


class BadToken(CloseConnection):
    close_code = 4401


class OriginRefused(CloseConnection):
    close_code = 4403


class UnknownSession(CloseConnection):
    close_code = 4404


class SessionInUse(CloseConnection):
    close_code = 4409


class TooFarBehind(CloseConnection):
    """The connection is further behind its session than its byte budget (issue 12): it
    must back off and resume (PROTOCOL.md §8: 4429)."""

    close_code = 4429


class TooManyMessages(CloseConnection):
    """The client sent more frames than its session has handled by a bound: it must back
    off and resume (4429)."""

    close_code = 4429


class SocketClosed(DocsyncError):
    """The transport's socket is closed: what was being sent is not delivered (the session
    keeps it in its log for a resume). Transports raise it from ``FrameSocket.send``."""


class TryAgainLater(CloseConnection):
    """A session could be rebuilt but its saved state is out of reach (Redis is down); the
    client reconnects later, as after a server restart (PROTOCOL.md §8: 1001)."""

    close_code = 1001


class AppError(DocsyncError):
    """An app file could not be found, loaded or run."""


class RedisUnavailable(DocsyncError):
    """Redis did not answer at start; the message names the URL."""


class UsageError(DocsyncError):
    """Bad command-line arguments or options; the message says what to fix."""


class ArgumentError(DocsyncError, TypeError):
    """A component was given an argument it does not take. The message names the argument
    and the nearest valid one, or, for one of Panel's arguments that docsync does not
    support, what to do instead. A ``TypeError`` too, as Python's own error for an
    unexpected keyword argument is."""
