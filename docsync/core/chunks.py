"""``Chunks``: a text that only grows, sent as RFC 6902 ``add`` ops of its new pieces.

JSON Patch has no string append (RFC 6902 §4), so a text that streams in (a chat reply,
token by token) is held as a list of strings whose concatenation is the text. On the wire
it is an ordinary JSON array of strings; what makes it cheap is the document's contract
with this type (:mod:`docsync.core.document`): while a prop keeps the same ``Chunks``
object, a flush sends only the pieces appended since the last one, as ``add`` ops to
``.../<prop>/-`` (one per piece), never the whole text again. Assigning a different
``Chunks`` object (or anything else) sends the prop whole, as a ``replace``.

A ``Chunks`` object never loses or rewrites a piece once appended: that is what lets the
document trust that the client already holds its first pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["Chunks"]


class Chunks:
    """An append-only list of strings.

    Thread-safety: one thread may :meth:`append` while others read; a reader sees a
    prefix of the pieces (CPython's ``list.append`` is atomic), never a torn one.
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[str] = ()) -> None:
        self._items: list[str] = []
        for item in items:
            self.append(item)

    def append(self, piece: str) -> None:
        """Add ``piece`` at the end. An empty piece is not stored (it would cost an op and
        change nothing); anything but a ``str`` raises ``TypeError``."""
        if not isinstance(piece, str):
            raise TypeError(f"Chunks hold text: cannot append a {type(piece).__name__}")
        if piece:
            self._items.append(piece)

    def pieces(self, start: int = 0, stop: int | None = None) -> list[str]:
        """A copy of the pieces ``start`` to ``stop`` (a list slice)."""
        return self._items[start:stop]

    @property
    def text(self) -> str:
        """The whole text (the pieces joined)."""
        return "".join(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chunks):
            return NotImplemented
        return self._items == other._items

    __hash__ = None  # type: ignore[assignment]  # mutable: equal by content, so unhashable

    def __repr__(self) -> str:
        return f"Chunks({self._items!r})"
