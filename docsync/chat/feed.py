"""``ChatFeed``: a list of chat messages that answers each one with a callback (Panel's).

The page shows the messages as a log (``role="log"``), scrolled to the newest. ``send``
adds a message and, unless ``respond=False``, runs ``callback`` to answer it (see
``docsync.chat.reply`` for where and how it runs); the answer streams into one reply
message as the callback yields. ``stop`` cancels a running reply, ``undo`` and ``clear``
remove messages.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from typing import Any

import param

from docsync.chat.message import ChatMessage
from docsync.chat.options import check_options
from docsync.chat.reply import start_reply
from docsync.core.model import JSON, Model, to_json
from docsync.core.params import Integer, Number

__all__ = ["ChatFeed", "Reply"]

_EXCEPTION_MODES = ("summary", "verbose", "ignore", "raise")

#: Methods of Panel's ChatFeed that docsync does not have (README: 'Coming from Panel').
_PANEL_ONLY = frozenset({"serialize", "add_step", "prompt_user", "scroll_to", "select"})


class Reply:
    """The state of one reply: its message once the callback gave a value."""

    def __init__(self) -> None:
        self.message: ChatMessage | None = None
        self.placeholder: ChatMessage | None = None
        self.streamed: dict[ChatMessage, None] = {}  # by ``stream`` during the reply


class ChatFeed(Model):
    """Messages (``objects``, each a :class:`ChatMessage`) and the callback that answers.

    Anything else given as a message (in the constructor, ``append``, ``send``) becomes a
    ``ChatMessage`` whose ``object`` it is; a dict gives the message's parameters (with
    ``object`` or ``value`` for the contents). ``running`` is True while a reply is being
    made; ``disabled`` is True meanwhile, and the page's input with it.
    """

    _wire_exclude = Model._wire_exclude | {
        "objects", "callback", "callback_user", "callback_avatar", "callback_exception",
        "placeholder_text", "placeholder_threshold", "message_params", "post_hook",
        "help_text"}
    _derived_props = {"children": ("objects",)}

    objects = param.List(default=[], item_type=ChatMessage, doc="The messages, oldest first.")
    callback = param.Callable(default=None, allow_None=True, doc=(
        "callback(contents, user, instance): a function, coroutine function, generator or "
        "async generator function; what it returns or yields is the reply."))
    callback_user = param.String(default="Assistant", doc="The user the replies are from.")
    callback_avatar = param.String(default="", doc="The replies' avatar (text or image URL).")
    callback_exception = param.Parameter(default="summary", doc=(
        "When the callback raises: 'summary' (a message naming the error), 'verbose' "
        "(a message with the traceback), 'ignore', 'raise' (logged and shown as an error "
        "toast), or a function fn(exception, instance)."))
    placeholder_text = param.String(default="", doc="The text of the waiting message.")
    placeholder_threshold = Number(default=1.0, bounds=(0, None), doc=(
        "Seconds without a reply before the placeholder message shows (0: never)."))
    message_params = param.Dict(default={}, doc="Parameters of every message the feed makes.")
    post_hook = param.Callable(default=None, allow_None=True, doc=(
        "post_hook(message, instance), after each sent message and each finished reply."))
    help_text = param.String(default="", doc="A first message, from 'Help'.")
    show_activity_dot = param.Boolean(default=True, doc="Pulse a dot on streaming replies.")
    disabled = param.Boolean(default=False, doc="The page may not send (True while replying).")
    running = param.Boolean(default=False, doc="A reply is being made (read-only to apps).")
    auto_scroll_limit = Integer(default=200, bounds=(0, None), doc=(
        "Follow new messages while the log is scrolled to within this many px of its end."))
    view_latest = param.Boolean(default=True, doc="Open scrolled to the newest message.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        check_options(type(self), params)
        how = params.get("callback_exception", "summary")
        if not callable(how) and how not in _EXCEPTION_MODES:
            raise ValueError(f"callback_exception must be one of {', '.join(_EXCEPTION_MODES)} "
                             f"or a function fn(exception, instance), not {how!r}")
        given = list(objects) or list(params.pop("objects", []))
        self._lock = threading.Lock()  # guards the reply bookkeeping below
        self._replies: list[Reply] = []
        self._disabled_before = False
        #: The task of the newest reply (set on the session's loop; see docsync.chat.reply).
        self._reply_task: asyncio.Future[Any] | None = None
        super().__init__(**params)
        items = [self._message(o) for o in given]
        if self.help_text:
            items.insert(0, self._build(self.help_text, user="Help"))
        self.objects = items

    # -- messages --------------------------------------------------------------------------

    def _build(self, value: Any, user: str | None = None, avatar: str | None = None,
               **extra: Any) -> ChatMessage:
        """A new message of ``value`` (a dict gives its parameters)."""
        params: dict[str, Any] = {**self.message_params}
        if isinstance(value, dict):
            value = dict(value)
            if "value" in value:
                if "object" in value:
                    raise ValueError(f"give the contents as 'object' or 'value', not both: "
                                     f"{value!r}")
                value["object"] = value.pop("value")
            if "object" not in value:
                raise ValueError(f"a message dict needs its contents under 'object', e.g. "
                                 f"{{'object': 'Hello'}}; got {value!r}")
            params.update(value)
        else:
            params["object"] = value
        if user:
            params["user"] = user
        if avatar:
            params["avatar"] = avatar
        params.update(extra)
        return ChatMessage(**params)

    def _message(self, obj: Any) -> ChatMessage:
        return obj if isinstance(obj, ChatMessage) else self._build(obj)

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "children":
            return to_json(self.objects, ref)
        return super()._derived(prop, ref)

    def __len__(self) -> int:
        return len(self.objects)

    def __iter__(self) -> Iterator[ChatMessage]:
        return iter(self.objects)

    def __getitem__(self, index: int) -> ChatMessage:
        return self.objects[index]

    def append(self, message: Any) -> None:
        self.objects = [*self.objects, self._message(message)]

    def extend(self, messages: Any) -> None:
        self.objects = [*self.objects, *(self._message(m) for m in messages)]

    # -- Panel's public methods ---------------------------------------------------------------

    def send(self, value: Any, user: str | None = None, avatar: str | None = None,
             respond: bool = True, trigger_post_hook: bool = True,
             **message_params: Any) -> ChatMessage:
        """Add a message of ``value`` (a ``ChatMessage``, a dict of its parameters, or its
        contents) from ``user``; then, with ``respond``, answer it with ``callback``.
        Returns the message."""
        if isinstance(value, ChatMessage):
            if user is not None or avatar is not None or message_params:
                raise ValueError("send(ChatMessage, user=..., avatar=...): set them on the "
                                 "ChatMessage itself")
            message = value
        else:
            message = self._build(value, user=user, avatar=avatar, **message_params)
        self.append(message)
        if trigger_post_hook:
            self._post(message)
        if respond:
            self.respond()
        return message

    def stream(self, value: Any, user: str | None = None, avatar: str | None = None,
               message: ChatMessage | None = None, replace: bool = False,
               trigger_post_hook: bool = False, **message_params: Any) -> ChatMessage:
        """Append the text ``value`` to ``message`` (or replace its contents with
        ``replace``, or with a value that is not text); without ``message``, add a new
        message. Returns the message, to pass back as ``message=`` with the next token.

        A streamed message shows as plain text while it grows, and as Markdown once it
        stops streaming: when the reply it belongs to ends, or when the app sets its
        ``streaming`` to False (see docsync.chat.message)."""
        if message is None:
            if isinstance(value, ChatMessage):
                message = value
            else:
                message = self._build(value, user=user, avatar=avatar,
                                      streaming=isinstance(value, str), **message_params)
            self._take_placeholder(message)
        else:
            if isinstance(value, str):
                message.stream(value, replace=replace)
            else:
                message.update(value)
            updates = {k: v for k, v in (("user", user), ("avatar", avatar)) if v}
            if updates or message_params:  # param.update reads every value: not per token
                message.param.update(**updates, **message_params)
        reply = self._current()
        if reply is not None:  # the reply's end ends the message's streaming too
            reply.streamed[message] = None
            if reply.message is None:
                reply.message = message
        if trigger_post_hook:
            self._post(message)
        return message

    def respond(self) -> None:
        """Answer the last message with ``callback`` (nothing without one)."""
        if self.callback is None or not self.objects:
            return
        message = self.objects[-1]
        reply = Reply()
        with self._lock:
            self._replies.append(reply)
            if len(self._replies) == 1:
                self._disabled_before = self.disabled
        self.param.update(running=True, disabled=True)
        start_reply(self, message, reply)

    def stop(self) -> bool:
        """Cancel the running reply; what it streamed so far stays. Returns whether a
        reply was running. Thread-safe."""
        task = self._reply_task
        if task is None or task.done():
            return False
        loop = task.get_loop()
        if loop.is_closed():
            return False
        loop.call_soon_threadsafe(task.cancel)
        return True

    def undo(self, count: int = 1) -> list[ChatMessage]:
        """Remove the last ``count`` messages and return them."""
        if count <= 0:
            return []
        removed = self.objects[-count:]
        self.objects = self.objects[:-count]
        return removed

    def clear(self) -> list[ChatMessage]:
        """Remove every message and return them."""
        removed = list(self.objects)
        self.objects = []
        return removed

    # -- the reply (called by docsync.chat.reply, on the session's loop) -----------------------

    def _current(self) -> Reply | None:
        with self._lock:
            return self._replies[-1] if self._replies else None

    def _upsert(self, value: Any, reply: Reply) -> None:
        """Put a value the callback gave into ``reply``'s message: the first makes it (in
        place of the placeholder), the next ones update it."""
        if value is None:
            return
        if reply.message is None:
            user, avatar = self.callback_user, self.callback_avatar
            if isinstance(value, ChatMessage):
                message = value
            else:
                if isinstance(value, dict):
                    user, avatar = value.get("user", user), value.get("avatar", avatar)
                message = self._build(value, user=user, avatar=avatar, streaming=True,
                                      show_activity_dot=self.show_activity_dot)
            reply.message = message
            self._take_placeholder(message, reply)
        else:  # a ChatMessage's contents, user and avatar; a dict's parameters; or contents
            reply.message.update(value)

    def _show_placeholder(self, reply: Reply) -> None:
        if reply.message is not None or reply.placeholder is not None:
            return
        reply.placeholder = self._build(self.placeholder_text or "…", user=self.callback_user,
                                        avatar=self.callback_avatar, show_activity_dot=True)
        self.append(reply.placeholder)

    def _take_placeholder(self, message: ChatMessage, reply: Reply | None = None) -> None:
        """Show ``message`` where the placeholder is, or at the end."""
        reply = reply or self._current()
        placeholder = reply.placeholder if reply is not None else None
        if placeholder is not None and placeholder in self.objects:
            self.objects = [message if m is placeholder else m for m in self.objects]
        elif message not in self.objects:
            self.append(message)
        if reply is not None:
            reply.placeholder = None

    def _end_reply(self, reply: Reply) -> None:
        """``reply`` ended (done, failed or stopped): its message stops streaming (its
        Markdown is rendered), the placeholder goes; once no reply runs, the page may send
        again."""
        with self._lock:
            if reply in self._replies:
                self._replies.remove(reply)
            idle = not self._replies
        if reply.placeholder is not None:
            self.objects = [m for m in self.objects if m is not reply.placeholder]
        ended = dict(reply.streamed)
        if reply.message is not None:
            ended[reply.message] = None
        for message in ended:
            message.param.update(streaming=False, show_activity_dot=False)
        if reply.message is not None:
            self._post(reply.message)
        if idle:
            self.param.update(running=False, disabled=self._disabled_before)

    def trigger_post_hook(self) -> None:
        """Call ``post_hook`` with the last message (after a stream the app drove)."""
        if self.objects:
            self._post(self.objects[-1])

    def __getattr__(self, name: str) -> Any:
        if name in _PANEL_ONLY:
            raise AttributeError(
                f"{type(self).__name__}.{name} is Panel's; docsync's chat has no {name}: see "
                "README's 'Coming from Panel', table 'Chat'")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _post(self, message: ChatMessage) -> None:
        if self.post_hook is not None:
            self.post_hook(message, self)
