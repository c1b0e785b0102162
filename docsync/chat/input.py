"""``ChatAreaInput``: the text area a chat is typed into (Panel's name).

The page sends ``value_input`` as the user types and ``value`` when the user sends the
text (Enter, or Ctrl/Cmd+Enter when ``enter_sends`` is False; Shift+Enter always makes a
new line). Both are checked against ``max_length`` in the page and again here: a longer
text is refused with an ``invalid`` error and the page is sent the server's value back
(PROTOCOL.md §5), so the session goes on and nothing is sent to the chat.
"""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import JSON
from docsync.core.params import Integer
from docsync.widgets import Widget

__all__ = ["ChatAreaInput"]


class ChatAreaInput(Widget):
    """A multi-line input whose ``value`` is set when the user sends what they typed."""

    _client_writable = frozenset({"value", "value_input"})

    value = param.String(default="", doc="The text last sent.")
    value_input = param.String(default="", doc="The text as it is being typed.")
    placeholder = param.String(default="Send a message")
    max_length = Integer(default=50000, bounds=(1, None),
                               doc="The longest text, in characters.")
    rows = Integer(default=1, bounds=(1, None), doc="The visible height, in lines.")
    enter_sends = param.Boolean(default=True, doc="Enter sends (else Ctrl/Cmd+Enter does).")

    def _coerce_client_value(self, prop: str, value: JSON) -> Any:
        if not isinstance(value, str):
            raise self._refuse(f"{value!r} is not a string")
        if len(value) > self.max_length:
            raise self._refuse(f"the message is {len(value)} characters long; the limit is "
                               f"{self.max_length}")
        return value
