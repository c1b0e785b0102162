"""``GridBox``: children in a grid (Panel's ``GridBox``)."""

from __future__ import annotations

from docsync.core.params import Integer
from docsync.layout.base import ListLike

__all__ = ["GridBox"]


class GridBox(ListLike):
    """Children in a grid, filled row by row: ``ncols`` columns, or ``nrows`` rows filled
    column by column when only ``nrows`` is given (Panel's ``GridBox``)."""

    ncols = Integer(default=None, allow_None=True, bounds=(1, None))
    nrows = Integer(default=None, allow_None=True, bounds=(1, None))
