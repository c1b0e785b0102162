"""Running a chat feed's callback: one reply, from the user's message to its last token.

The callback is Panel's ``callback(contents, user, instance)`` (it may take fewer
arguments, in that order) and may be a function, a coroutine function, a generator or an
async generator function, or any callable that returns a value, a coroutine or a
generator. Where it runs follows docsync's rule for callbacks (DESIGN.md §4): the reply
itself is an asyncio task on the session's loop; a sync function, and each step of a sync
generator, run in the session's serial executor, so a generator lets the session's other
messages (a click on Stop) through between its tokens; async code runs on the loop. Every
value a generator yields updates the one reply message (see ``ChatFeed._upsert``), so the
tokens reach the page as they come, one patch per flush.

Outside a session (plain Python, a unit test) the reply runs to its end inside ``respond``,
sync steps inline; in a thread where an event loop runs (a notebook), it is a task on it.
"""

from __future__ import annotations

import asyncio
import inspect
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docsync.runtime.context import SessionContext
from docsync.runtime.current import CURRENT_SESSION

if TYPE_CHECKING:
    from docsync.chat.feed import ChatFeed, Reply
    from docsync.chat.message import ChatMessage

__all__ = ["callback_args", "start_reply"]

_DONE = object()


def callback_args(fn: Callable[..., Any], contents: Any, user: str,
                  instance: ChatFeed) -> tuple[Any, ...]:
    """The leading arguments of ``(contents, user, instance)`` that ``fn`` takes: as many
    as its positional parameters (all three with ``*args``). Raises ``ValueError`` for a
    callback that needs more than three."""
    values = (contents, user, instance)
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: give it everything
        return values
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return values
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = [p for p in positional if p.default is p.empty]
    if len(required) > 3:
        raise ValueError(f"a chat callback takes at most 3 arguments (contents, user, "
                         f"instance); {getattr(fn, '__name__', fn)!r} needs {len(required)}")
    return values[:len(positional)]


class _Steps:
    """Where the sync parts of a reply run: the session's serial executor, or inline."""

    def __init__(self, ctx: SessionContext | None) -> None:
        self.ctx = ctx

    @property
    def gone(self) -> bool:
        """The session ended: nobody will see the rest of the reply."""
        return self.ctx is not None and self.ctx.closed

    async def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.ctx is None:
            return fn(*args)
        return await self.ctx.call(fn, *args)


async def _produce(feed: ChatFeed, message: ChatMessage, reply: Reply,
                   steps: _Steps) -> None:
    """Call the callback for ``message`` and put each value it gives into the reply."""
    callback = feed.callback
    assert callback is not None
    args = callback_args(callback, message.object, message.user, feed)
    if inspect.isasyncgenfunction(callback) or inspect.isgeneratorfunction(callback):
        result = callback(*args)  # makes the generator; runs none of its code
    elif inspect.iscoroutinefunction(callback):
        result = await callback(*args)
    else:
        result = await steps.call(callback, *args)
    if inspect.isawaitable(result):  # a callable object whose __call__ is async
        result = await result
    if inspect.isasyncgen(result):
        try:
            async for value in result:
                if steps.gone:
                    break
                feed._upsert(value, reply)
        finally:
            await result.aclose()
    elif inspect.isgenerator(result):
        gen = result
        try:
            while not steps.gone and (value := await steps.call(next, gen, _DONE)) is not _DONE:
                feed._upsert(value, reply)
        finally:
            if not steps.gone:
                await steps.call(gen.close)
    else:
        feed._upsert(result, reply)


async def _reply(feed: ChatFeed, message: ChatMessage, reply: Reply, steps: _Steps) -> None:
    """One whole reply: the callback's values, its failure reported as the feed says, and
    the feed's reply state ended however it ends (done, failed or stopped)."""
    placeholder = _arm_placeholder(feed, reply)
    try:
        await _produce(feed, message, reply, steps)
    except asyncio.CancelledError:
        pass  # stopped: what was streamed so far stays, as in Panel
    except Exception as exc:
        _report(feed, exc, steps.ctx)
    finally:
        if placeholder is not None:
            placeholder.cancel()
        feed._end_reply(reply)


def _arm_placeholder(feed: ChatFeed, reply: Reply) -> asyncio.TimerHandle | None:
    """Show the feed's placeholder message if no value came within its threshold."""
    if feed.placeholder_threshold <= 0:
        return None
    return asyncio.get_running_loop().call_later(feed.placeholder_threshold,
                                                 feed._show_placeholder, reply)


def _report(feed: ChatFeed, exc: Exception, ctx: SessionContext | None) -> None:
    how = feed.callback_exception
    if callable(how):
        how(exc, feed)
    elif how == "summary":
        feed.send(f"The reply failed: `{type(exc).__name__}: {exc}`", user="Exception",
                  respond=False)
    elif how == "verbose":
        trace = "".join(traceback.format_exception(exc))
        feed.send(f"```python\n{trace}\n```", user="Exception", respond=False)
    elif how == "raise":
        if ctx is None:
            raise exc
        ctx.report_error(exc, "the chat callback")
    # "ignore": nothing


def start_reply(feed: ChatFeed, message: ChatMessage, reply: Reply) -> None:
    """Start ``reply``, the answer to ``message``; thread-safe.

    In a session the reply becomes a task on the session's loop (``feed._reply_task``,
    which ``ChatFeed.stop`` cancels). Outside one it runs to its end before this returns,
    or, when an event loop runs in this thread (a notebook), becomes a task on it.
    """
    ctx = CURRENT_SESSION.get()
    if ctx is None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            asyncio.run(_reply(feed, message, reply, _Steps(None)))
            return
        feed._reply_task = loop.create_task(_reply(feed, message, reply, _Steps(None)))
        return
    steps = _Steps(ctx)

    async def run() -> None:
        await _reply(feed, message, reply, steps)

    def start() -> None:
        if ctx.closed:
            feed._end_reply(reply)
            return
        feed._reply_task = ctx.call(run)

    ctx.runtime.on_loop(start)
