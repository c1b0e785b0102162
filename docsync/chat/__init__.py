"""Chat components (Panel's ``pn.chat``): ``ChatMessage``, ``ChatFeed``, ``ChatInterface``
and its input, ``ChatAreaInput``."""

from docsync.chat.feed import ChatFeed
from docsync.chat.input import ChatAreaInput
from docsync.chat.interface import ChatInterface
from docsync.chat.message import ChatMessage

__all__ = ["ChatAreaInput", "ChatFeed", "ChatInterface", "ChatMessage"]
