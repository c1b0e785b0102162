"""The events a ``Tabulator`` hands to its ``on_edit`` and ``on_click`` callbacks (Panel's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CellClickEvent", "TableEditEvent"]


@dataclass(frozen=True)
class TableEditEvent:
    """A cell was edited in the browser and the edit was stored in ``value``.

    ``row`` is the row's position in ``value`` (``value.iloc[row]``), whatever the sort,
    filters or page shown; ``column`` is the column's name; ``value`` the new value as
    stored (of the column's dtype) and ``old`` the value it replaced.
    """

    column: str
    row: int
    value: Any
    old: Any
    event_name: str = "table-edit"


@dataclass(frozen=True)
class CellClickEvent:
    """A cell was clicked in the browser: ``row`` (position in ``value``), ``column`` (its
    name, or the index's) and the cell's ``value`` as the server holds it."""

    column: str
    row: int
    value: Any
    event_name: str = "cell-click"
