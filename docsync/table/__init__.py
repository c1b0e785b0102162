"""Panel's ``Tabulator`` widget and its events (``docsync.widgets.Tabulator``)."""

from docsync.table.events import CellClickEvent, TableEditEvent
from docsync.table.tabulator import Tabulator

__all__ = ["CellClickEvent", "TableEditEvent", "Tabulator"]
