"""``ChatMessage``: one message of a chat, with its user, avatar and time (Panel's names).

A message whose ``object`` is a string is Markdown. Its wire form depends on ``streaming``:

- done (``streaming`` False): ``html``, the Markdown rendered and sanitized on the server
  (``docsync.pane.text.render_markdown``), sent once per version of the text;
- streaming: ``text``, a :class:`docsync.core.chunks.Chunks`: while each new ``object``
  extends the previous one (a token appended, or a generator yielding the text so far),
  only the new characters are sent, as one ``add`` op per change, and the page shows them
  as plain text as they come. Rendering Markdown per token would resend the whole message
  each time and show half-formed syntax; so the Markdown is rendered once, when the
  message stops streaming (the feed ends it when its callback ends or is stopped).

Any other ``object`` (a component, a DataFrame, an image...) is shown by the pane
``docsync.pane.panel`` picks for it, sent as ``content``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import param

from docsync.chat.options import check_options
from docsync.core.chunks import Chunks
from docsync.core.model import JSON, Model
from docsync.core.params import Date
from docsync.pane.choose import panel
from docsync.pane.text import render_markdown, safe_url

__all__ = ["DEFAULT_AVATARS", "ChatMessage"]

#: The avatar shown for a user (lower-cased name) who has none of their own (read-only:
#: each message holds its own copy as ``default_avatars``).
DEFAULT_AVATARS: Mapping[str, str] = MappingProxyType({
    "user": "🧑", "you": "🧑", "assistant": "🤖", "bot": "🤖", "ai": "🤖",
    "system": "⚙️", "help": "💡", "exception": "⚠️", "error": "⚠️",
})

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico")


def _is_image(avatar: str) -> bool:
    lower = avatar.lower()
    return (lower.startswith(("http://", "https://", "data:image/", "/", "./"))
            or lower.split("?")[0].endswith(_IMAGE_SUFFIXES))


class ChatMessage(Model):
    """A chat message: ``object`` from ``user``, with an avatar and a timestamp.

    ``avatar`` is text (an emoji, initials) or an image URL (http(s), a relative path or a
    ``data:image`` URL). When it is empty, ``avatar_lookup(user)`` gives it, else
    ``default_avatars`` by the user's lower-cased name, else the user's first letter.
    ``timestamp`` defaults to the creation time (in ``timestamp_tz``, an IANA zone name,
    when set) and is shown with ``timestamp_format``.
    """

    _wire_exclude = Model._wire_exclude | {
        "object", "avatar", "avatar_lookup", "default_avatars", "timestamp",
        "timestamp_format", "timestamp_tz"}
    _derived_props = {
        "html": ("object", "streaming"),
        "face": ("avatar", "user", "avatar_lookup", "default_avatars"),
        "time": ("timestamp", "timestamp_format"),
    }

    object = param.Parameter(default=None, allow_refs=False,
                             doc="The contents: Markdown text or any object.")
    user = param.String(default="User", doc="Who sent it.")
    avatar = param.String(default="", doc="Text (an emoji) or an image URL.")
    avatar_lookup = param.Callable(default=None, allow_None=True,
                                   doc="user → avatar, used when ``avatar`` is empty.")
    default_avatars = param.Dict(default=dict(DEFAULT_AVATARS), doc="Lower-cased user → avatar.")
    timestamp = Date(default=None, allow_None=True, doc="When it was sent.")
    timestamp_format = param.String(default="%H:%M")
    timestamp_tz = param.String(default=None, allow_None=True, doc="An IANA time zone.")
    show_avatar = param.Boolean(default=True)
    show_user = param.Boolean(default=True)
    show_timestamp = param.Boolean(default=True)
    show_activity_dot = param.Boolean(default=False, doc="Show a pulsing dot (while streaming).")
    streaming = param.Boolean(default=False, doc=(
        "Shown as plain text that grows; Markdown is rendered once this is False again."))
    text = param.ClassSelector(class_=Chunks, default=None, allow_None=True, doc=(
        "The wire form of a text ``object`` while streaming (read-only to apps)."))
    content = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                  allow_refs=False, doc=(
        "The component that shows a non-text ``object`` (read-only to apps)."))

    def __init__(self, object: Any = None, **params: Any) -> None:
        check_options(type(self), params)
        if params.get("timestamp") is None:
            tz = params.get("timestamp_tz")
            params["timestamp"] = datetime.datetime.now(ZoneInfo(tz) if tz else None)
        self._shown = ""  # the text that ``text`` holds, while streaming
        super().__init__(object=object, **params)
        self._show()
        self.param.watch(self._show, ["object", "streaming"])

    # -- what the page shows ---------------------------------------------------------------

    def _show(self, *_: Any) -> None:
        obj = self.object
        if isinstance(obj, str) or obj is None:
            content = None
            if not self.streaming:
                text = None
            elif isinstance(self.text, Chunks) and obj is not None and obj.startswith(self._shown):
                # Only the new characters cross the wire (docsync.core.chunks).
                self.text.append(obj[len(self._shown):])
                text = self.text
            else:
                text = Chunks([obj or ""])
            self._shown = (obj or "") if text is not None else ""
        else:
            text, content = None, panel(obj)
        # ``text`` is set even when it is the same object: that is how the document hears
        # that it grew (docsync.core.chunks). Plain sets, not ``param.update``: this runs
        # per streamed token, and ``update`` first reads every parameter's value.
        self.text = text
        if content is not self.content:
            self.content = content

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "html":
            if self.streaming or not isinstance(self.object, str):
                return ""
            return render_markdown(self.object, dedent=True)
        if prop == "face":
            return self._face()
        if prop == "time":
            return self.timestamp.strftime(self.timestamp_format) if self.timestamp else ""
        return super()._derived(prop, ref)

    def _face(self) -> dict[str, str]:
        """The avatar to show: ``{"image": url}`` or ``{"text": text}``."""
        avatar = self.avatar
        if not avatar and self.avatar_lookup is not None:
            avatar = str(self.avatar_lookup(self.user) or "")
        if not avatar:
            avatar = self.default_avatars.get(self.user.lower(), "")
        if not avatar:
            avatar = self.user[:1].upper() or "?"
        if _is_image(avatar) and safe_url(avatar, image=True):
            return {"image": avatar}
        return {"text": avatar}

    # -- Panel's methods -------------------------------------------------------------------

    def stream(self, token: str, replace: bool = False) -> None:
        """Append ``token`` to a text ``object`` (or, with ``replace``, make it the text).

        The message streams (``streaming`` becomes True): the page shows the text growing
        and renders its Markdown once ``streaming`` is set False again, which a feed does
        when the callback that streamed ends. A message streamed outside a callback stays
        plain text until the app sets ``streaming = False``.
        """
        if not isinstance(token, str):
            raise TypeError(f"ChatMessage.stream takes text, not {type(token).__name__}: "
                            "set the message's object (or use update) for other objects")
        current = self.object if isinstance(self.object, str) else ""
        text = token if replace else current + token
        if self.streaming:  # per token: a plain set (param.update reads every value first)
            self.object = text
        else:
            self.param.update(streaming=True, object=text)

    def update(self, value: Any, user: str | None = None, avatar: str | None = None) -> None:
        """Replace the contents (and ``user``, ``avatar`` when given). ``value`` may be a
        dict of message parameters (``object`` or ``value`` for the contents) or another
        ``ChatMessage``, whose contents, user and avatar are copied."""
        updates: dict[str, Any]
        if isinstance(value, ChatMessage):
            if user is not None or avatar is not None:
                raise ValueError("update(ChatMessage, user=..., avatar=...): set user and "
                                 "avatar on the ChatMessage itself")
            updates = {"object": value.object, "user": value.user, "avatar": value.avatar}
        elif isinstance(value, dict):
            updates = dict(value)
            if "value" in updates:
                if "object" in updates:
                    raise ValueError("give the contents as 'object' or 'value', not both")
                updates["object"] = updates.pop("value")
        else:
            updates = {"object": value}
        if user is not None:
            updates["user"] = user
        if avatar is not None:
            updates["avatar"] = avatar
        if len(updates) == 1:  # a streamed token: spare param.update's read of every value
            name, value = next(iter(updates.items()))
            setattr(self, name, value)
        else:
            self.param.update(**updates)

    def __str__(self) -> str:
        return f"ChatMessage(user={self.user!r}, object={self.object!r})"
