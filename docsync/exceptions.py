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
    ├── HTTPRefused              an HTTP request answered with an error page; carries its status
    │   ├── OAuthError           400: the login through the provider failed
    │   └── BokehJSNotFound      404: a BokehJS file not given out (also a LookupError)
    ├── SocketClosed             a transport's socket closed under a send (not an error)
    ├── AppError                 app code could not be loaded or run
    ├── RedisUnavailable         Redis (--redis URL) did not answer at start
    ├── Outage                   a store (Redis, the session database) is out of reach for now
    ├── BadSignature             stored bytes not signed with this server's key (also a ValueError)
    ├── UsageError               bad CLI arguments or options, with what to fix
    ├── ArgumentError            a component got an argument it does not take (also a TypeError)
    ├── UnhashableError          ds.cache got a value it cannot hash by content (also a TypeError)
    ├── UnpicklableValue         state.session got a value that cannot be saved (also a TypeError)
    ├── ProtocolMismatch         docsync.testing: the server broke the protocol (an AssertionError)
    └── StackError               docsync.testing: a LocalClient's app did not settle (RuntimeError)

Each error's message is written for the person who has to act on it. The base classes
after ``DocsyncError`` are the ones Python's own errors would have been (code written
before docsync had them catches ``TypeError`` for an unhashable argument, say).

Signals that never leave the module that raises them (``docsync.cache.hashing.walk``'s
``Unhashable``, ``docsync.cache.flight``'s ``Abandoned``) are not errors and stay there.
"""

from __future__ import annotations

__all__ = [
    "MAX_REFUSAL_CHARS",
    "AppError",
    "ArgumentError",
    "BadMessage",
    "BadSignature",
    "BadToken",
    "BokehJSNotFound",
    "CloseConnection",
    "DocsyncError",
    "Forbidden",
    "HTTPRefused",
    "Invalid",
    "OAuthError",
    "OriginRefused",
    "Outage",
    "ProtocolMismatch",
    "ProtocolViolation",
    "RedisUnavailable",
    "Refused",
    "SessionInUse",
    "SocketClosed",
    "StackError",
    "TooFarBehind",
    "TooManyMessages",
    "TryAgainLater",
    "UnhashableError",
    "UnknownSession",
    "UnpicklableValue",
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
    """Not JSON, not an object, or fields of the wrong kind (PROTOCOL.md §5)."""

    code = "bad-message"


class Forbidden(Refused):
    """An op, path, model, property or event the client may not touch (PROTOCOL.md §5)."""

    code = "forbidden"


class Invalid(Refused):
    """A value the property's own rules refuse; none of the message is applied."""

    code = "invalid"


class CloseConnection(DocsyncError):
    """The connection must be closed with :attr:`close_code`; the session (if any) lives on."""

    close_code = 4400


class ProtocolViolation(CloseConnection):
    """A violation that cannot be answered with an ``error`` message (PROTOCOL.md §8)."""

    close_code = 4400


class BadToken(CloseConnection):
    """The token does not verify or has expired: the page must be reloaded for a new one."""

    close_code = 4401


class OriginRefused(CloseConnection):
    """The page's origin is not allowed: add it with ``--allow-websocket-origin``."""

    close_code = 4403


class UnknownSession(CloseConnection):
    """The session to resume is unknown or expired: the client offers a fresh page."""

    close_code = 4404


class SessionInUse(CloseConnection):
    """Another connection holds the session, or a resume took it over (PROTOCOL.md §8)."""

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


class UnhashableError(DocsyncError, TypeError):
    """A function cached with ``ds.cache`` got a value with no content hash. The message
    names the function, the argument and both fixes: ``hash_funcs={Type: fn}``, or a
    leading ``_`` on the parameter's name to leave it out of the key."""


class UnpicklableValue(DocsyncError, TypeError):
    """A value that ``pickle`` refuses was stored in ``state.session`` while sessions are
    saved (``--redis`` or a session database); the message names the key. Store something
    picklable (the data, not an open connection), or keep it out of the session."""


class Outage(DocsyncError):
    """A store (Redis, the session database) cannot be reached now. Raised to docsync's
    own callers, which keep their work pending and retry once it is back."""


class BadSignature(DocsyncError, ValueError):
    """Stored bytes were not signed with this worker's ``DOCSYNC_SECRET_KEY`` (another
    deployment's, or tampered with): give every worker the same key."""


class HTTPRefused(DocsyncError):
    """An HTTP request is answered with an error page of :attr:`status`; the message is
    the page's text, for the person in front of the browser."""

    status = 400


class OAuthError(HTTPRefused):
    """The login through the provider failed; the message tells the user what to do
    (mostly: log in again)."""

    status = 400


class BokehJSNotFound(HTTPRefused, LookupError):
    """The BokehJS file asked for is not given out (bokeh not installed, another version,
    not a BokehJS file); the message says which, and what to do."""

    status = 404


class ProtocolMismatch(DocsyncError, AssertionError):
    """``docsync.testing``: the server broke the protocol as seen from the client (a lost
    message, a patch that does not apply). An ``AssertionError``, so a test reports it as
    a failure of the server under test, not as an error of the test."""


class StackError(DocsyncError, RuntimeError):
    """``docsync.testing``: a ``LocalClient``'s app did not settle in its time (a callback
    still runs, a task awaits real I/O), or the client was driven from its app's own loop.
    The message says which; drive the client from the test, and make the app's waits
    timers of the client's manual clock."""
