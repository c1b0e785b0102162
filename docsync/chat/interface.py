"""``ChatInterface``: a ``ChatFeed`` with an input and its buttons (Panel's).

Below the messages: the input (``widgets``: a ``ChatAreaInput`` by default; several are
shown as tabs; a text field sends when its text is committed, with Enter) and the buttons
Send, Stop (shown instead of Send while a reply is being made), Rerun, Undo and Clear,
each a ``Button`` whose text is its accessible name. Sending the input's text (Enter in a
``ChatAreaInput``, or Send) calls ``send`` with ``user`` and ``avatar``, which answers
with the callback; ``reset_on_send`` empties the input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import param

from docsync.chat.feed import ChatFeed
from docsync.chat.input import ChatAreaInput
from docsync.chat.message import ChatMessage
from docsync.core.model import Model
from docsync.layout import Tabs
from docsync.widgets import Button, Widget

__all__ = ["ChatInterface"]

#: Button key → (its text, Panel's show_* option).
_BUTTONS = {
    "send": ("Send", "show_send"),
    "stop": ("Stop", "show_stop"),
    "rerun": ("Rerun", "show_rerun"),
    "undo": ("Undo", "show_undo"),
    "clear": ("Clear", "show_clear"),
}


class ChatInterface(ChatFeed):
    """A chat: messages, an input, and buttons to send, stop, rerun, undo and clear."""

    _wire_exclude = ChatFeed._wire_exclude | {
        "widgets", "user", "avatar", "reset_on_send", "show_send", "show_stop",
        "show_rerun", "show_undo", "show_clear", "show_button_name"}

    # A widget here is itself, not a reference to its value (param warns unless told).
    widgets = param.Parameter(default=None, allow_refs=False,
                              doc="An input widget or a list of them.")
    user = param.String(default="User", doc="Who the input's messages are from.")
    avatar = param.String(default="", doc="Their avatar (text or an image URL).")
    reset_on_send = param.Boolean(default=True, doc="Empty the input once sent.")
    show_send = param.Boolean(default=True)
    show_stop = param.Boolean(default=True)
    show_rerun = param.Boolean(default=True)
    show_undo = param.Boolean(default=True)
    show_clear = param.Boolean(default=True)
    show_button_name = param.Boolean(default=True, doc="Show the buttons' text (else icons).")
    input_area = param.ClassSelector(class_=Model, default=None, allow_None=True,
                                     allow_refs=False, doc=(
        "The input, or tabs of the inputs (read-only to apps)."))
    buttons = param.List(default=[], item_type=Button, doc=(
        "The buttons their show_* options enable (read-only); Send or Stop is hidden."))

    def __init__(self, *objects: Any, **params: Any) -> None:
        super().__init__(*objects, **params)
        given = self.widgets
        widgets = [ChatAreaInput()] if given is None else (
            list(given) if isinstance(given, (list, tuple)) else [given])
        if not widgets or not all(isinstance(w, Widget) for w in widgets):
            raise TypeError("ChatInterface(widgets=...) takes a widget or a list of widgets")
        self._widgets: list[Widget] = widgets
        self._buttons = {
            key: Button(name=text, css_classes=[f"docsync-chat-{key}"],
                        button_type={"send": "primary", "stop": "danger"}.get(key, "default"))
            for key, (text, _) in _BUTTONS.items()}
        actions: dict[str, Callable[[], Any]] = {
            "send": self._click_send, "stop": self.stop, "rerun": self._click_rerun,
            "undo": self._click_undo, "clear": self.clear}
        for key, button in self._buttons.items():
            button.on_click(lambda _event, act=actions[key]: act())
        for widget in widgets:
            # A ChatAreaInput's value is set when the user sends; a text field's
            # value_throttled when the user commits it (Enter): either sends, as in Panel.
            committed = "value" if isinstance(widget, ChatAreaInput) else "value_throttled"
            if committed in widget.param:
                widget.param.watch(self._entered, committed)
        area = widgets[0] if len(widgets) == 1 else Tabs(*widgets)
        self.input_area = area
        self._layout_buttons()
        self.param.watch(self._layout_buttons, [
            "running", "disabled", "show_send", "show_stop", "show_rerun", "show_undo",
            "show_clear", "show_button_name"])

    @property
    def active_widget(self) -> Widget:
        """The input shown (the active tab's, with several)."""
        area = self.input_area
        return self._widgets[area.active] if isinstance(area, Tabs) else self._widgets[0]

    @property
    def active(self) -> int:
        """The index of the input shown."""
        return self.input_area.active if isinstance(self.input_area, Tabs) else 0

    @active.setter
    def active(self, index: int) -> None:
        if isinstance(self.input_area, Tabs):
            self.input_area.active = index
        elif index != 0:
            raise IndexError(f"ChatInterface has one input; active must be 0, not {index}")

    def _layout_buttons(self, *_: Any) -> None:
        # Every enabled button stays in the document, so its model (and the page's element)
        # lives on across replies; Stop takes Send's place by visibility alone.
        for key, button in self._buttons.items():
            button.visible = not ((key == "send" and self.running)
                                  or (key == "stop" and not self.running))
            button.disabled = self.running and key != "stop"
        for widget in self._widgets:
            widget.disabled = self.disabled
        shown = [self._buttons[key] for key, (_, option) in _BUTTONS.items()
                 if getattr(self, option)]
        if shown != self.buttons:
            self.buttons = shown

    # -- sending ----------------------------------------------------------------------------

    def _entered(self, event: param.parameterized.Event) -> None:
        if event.new:
            self._submit(event.new)

    def _click_send(self) -> None:
        widget = self.active_widget
        self._submit(widget.value_input if isinstance(widget, ChatAreaInput)
                     else getattr(widget, "value", None))

    def _submit(self, value: Any) -> None:
        """Send what the input holds (nothing when it is empty or a reply is running)."""
        if value is None or value == "" or value == [] or self.disabled:
            return
        self.send(value, user=self.user, avatar=self.avatar or None, respond=True)
        if self.reset_on_send:
            widget = self.active_widget
            if isinstance(widget, ChatAreaInput):
                widget.param.update(value="", value_input="")
            elif "value_throttled" in widget.param:
                default = widget.param["value"].default
                widget.param.update(value=default, value_throttled=default)
            else:
                widget.value = widget.param["value"].default

    def _last_user_index(self) -> int | None:
        for i in range(len(self.objects) - 1, -1, -1):
            if self.objects[i].user == self.user:
                return i
        return None

    def _click_rerun(self) -> None:
        """Answer the last message of ``user`` again, in place of the replies after it."""
        index = self._last_user_index()
        if index is None or self.running:
            return
        self.objects = self.objects[:index + 1]
        self.respond()

    def _click_undo(self) -> list[ChatMessage]:
        """Remove the last message of ``user`` and everything after it."""
        index = self._last_user_index()
        if index is None:
            return []
        return self.undo(len(self.objects) - index)
