"""``GridSpec``: children placed on a grid by 2D index and slice (Panel's ``GridSpec``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import param

from docsync.core.model import JSON, Model, to_json
from docsync.core.params import Integer
from docsync.layout.base import own_copy, panel_of

__all__ = ["GridSpec"]

#: A region of the grid: (first row, first column, row after, column after); None at an
#: end means "to that edge of the grid", however large it grows.
Region = tuple[int | None, int | None, int | None, int | None]


def _span(index: Any, axis: str) -> tuple[int | None, int | None]:
    if isinstance(index, slice):
        if index.step not in (None, 1):
            raise IndexError(f"GridSpec {axis} slices take no step, not {index.step!r}")
        start, stop = index.start, index.stop
    elif isinstance(index, int) and not isinstance(index, bool):
        start, stop = index, index + 1
    else:
        raise IndexError(f"a GridSpec {axis} index is an int or a slice, not {index!r}")
    for end in (start, stop):
        if end is not None and (not isinstance(end, int) or end < 0):
            raise IndexError(f"GridSpec {axis} indexes count from 0; got {index!r}")
    if start is not None and stop is not None and stop <= start:
        raise IndexError(f"the GridSpec {axis} slice {index!r} is empty")
    return start, stop


def _region(index: Any) -> Region:
    rows, cols = index if isinstance(index, tuple) and len(index) == 2 else (index, slice(None))
    y0, y1 = _span(rows, "row")
    x0, x1 = _span(cols, "column")
    return (y0, x0, y1, x1)


class ChildDict(param.Dict):
    """A GridSpec's ``objects``: region → child. Values that are not models are shown with
    ``pn.panel``; a key must be a region ``(y0, x0, y1, x1)`` of ints from 0 or None."""

    def __set__(self, obj: Any, val: Any) -> None:
        if isinstance(val, dict):
            val = {_checked_key(k): panel_of(v) for k, v in val.items()}
        super().__set__(obj, val)


def _checked_key(key: Any) -> Region:
    if not (isinstance(key, tuple) and len(key) == 4 and all(
            v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
            for v in key)):
        raise ValueError(f"a GridSpec objects key is a region (y0, x0, y1, x1) of ints from 0 "
                         f"or None, not {key!r}")
    return key


class GridSpec(Model):
    """Children placed on a grid like a 2D array (Panel's ``GridSpec``).

    ``gspec[row, col] = obj`` places ``obj`` (shown with ``pn.panel``) on the cells of the
    region, given by ints and step-less slices counted from 0 (``gspec[0, :3]``,
    ``gspec[:, 3]``); an open slice end reaches that edge of the grid. ``objects`` maps
    each region ``(y0, x0, y1, x1)`` to its child. ``ncols`` and ``nrows`` are the grid's
    size: given, they fix it (placing outside raises IndexError); else they follow the
    regions in use. Placing over cells in use by other children: ``mode="warn"`` (the
    default) logs a warning and removes them, ``"override"`` removes them silently,
    ``"error"`` raises IndexError and changes nothing.

    ``gspec[row, col]`` is the child on that cell (IndexError if none); with a slice, a
    new GridSpec of the children on those cells, moved to start at row and column 0.
    ``del gspec[...]`` removes every child on those cells. The page lays the grid out
    with CSS grid, sharing the GridSpec's width and height evenly among rows and columns;
    the children fill their cells.
    """

    _wire_exclude = Model._wire_exclude | {"objects", "mode"}
    _derived_props: ClassVar[dict[str, tuple[str, ...]]] = {
        "children": ("objects", "nrows", "ncols")}

    objects = ChildDict(default={}, doc="Region (y0, x0, y1, x1) → child.")
    mode = param.Selector(default="warn", objects=["warn", "error", "override"],
                          doc="What placing over cells in use does.")
    ncols = Integer(default=None, allow_None=True, bounds=(0, None),
                          doc="Columns: fixed when given, else as many as in use.")
    nrows = Integer(default=None, allow_None=True, bounds=(0, None),
                          doc="Rows: fixed when given, else as many as in use.")

    def __init__(self, **params: Any) -> None:
        objects = params.pop("objects", {})
        super().__init__(**params)
        self._cols_fixed = self.ncols is not None
        self._rows_fixed = self.nrows is not None
        self._sizing = False
        self.param.watch(self._fix_size, ["ncols", "nrows"])
        self.objects = dict(objects)
        self.param.watch(self._follow_size, "objects")
        self._follow_size()

    def _fix_size(self, event: param.parameterized.Event) -> None:
        if not self._sizing:  # the app set it: it is fixed from now on
            setattr(self, f"_{event.name[1:]}_fixed", event.new is not None)

    def _follow_size(self, *_: Any) -> None:
        self._sizing = True
        try:
            if not self._cols_fixed:
                self.ncols = max((x1 for _, _, _, x1 in self.objects if x1 is not None),
                                 default=1 if self.objects else 0)
            if not self._rows_fixed:
                self.nrows = max((y1 for _, _, y1, _ in self.objects if y1 is not None),
                                 default=1 if self.objects else 0)
        finally:
            self._sizing = False

    # -- cells -------------------------------------------------------------------------

    def _cells(self, region: Region, *, nrows: int | None = None,
               ncols: int | None = None) -> set[tuple[int, int]]:
        y0, x0, y1, x1 = region
        bottom = (nrows if nrows is not None else self.nrows or 0) if y1 is None else y1
        right = (ncols if ncols is not None else self.ncols or 0) if x1 is None else x1
        return {(y, x) for y in range(y0 or 0, bottom) for x in range(x0 or 0, right)}

    def _on(self, region: Region) -> dict[Region, Model]:
        """The children on any cell of ``region``."""
        cells = self._cells(region)
        return {k: v for k, v in self.objects.items() if self._cells(k) & cells}

    @property
    def grid(self) -> list[list[int]]:
        """How many children cover each cell, row by row (Panel: a numpy array)."""
        counts = [[0] * (self.ncols or 0) for _ in range(self.nrows or 0)]
        for key in self.objects:
            for y, x in self._cells(key):
                if y < len(counts) and x < len(counts[y]):
                    counts[y][x] += 1
        return counts

    # -- the array protocol --------------------------------------------------------------

    def __iter__(self) -> Iterator[Model]:
        return iter(list(self.objects.values()))

    def __len__(self) -> int:
        return len(self.objects)

    def __setitem__(self, index: Any, obj: Any) -> None:
        if not isinstance(index, tuple):
            raise IndexError("place GridSpec children with a 2D index: gspec[row, col] = obj")
        key = _region(index)
        y0, x0, y1, x1 = key
        if self._cols_fixed and ((x0 or 0) >= (self.ncols or 0) or (x1 or 0) > (self.ncols or 0)):
            raise IndexError(f"columns {x0 or 0} to {x1} are outside the grid's "
                             f"ncols={self.ncols}")
        if self._rows_fixed and ((y0 or 0) >= (self.nrows or 0) or (y1 or 0) > (self.nrows or 0)):
            raise IndexError(f"rows {y0 or 0} to {y1} are outside the grid's nrows={self.nrows}")
        model = panel_of(obj)
        nrows = self.nrows if self._rows_fixed else max(self.nrows or 0, y1 or 1)
        ncols = self.ncols if self._cols_fixed else max(self.ncols or 0, x1 or 1)
        cells = self._cells(key, nrows=nrows, ncols=ncols)
        covered = [k for k in self.objects
                   if k != key and self._cells(k, nrows=nrows, ncols=ncols) & cells]
        if covered:
            names = ", ".join(f"{self.objects[k]!r} at {k}" for k in covered)
            text = f"GridSpec region {key} overlaps {names}"
            if self.mode == "error":
                raise IndexError(f"{text}; remove them first or use mode='override'")
            if self.mode == "warn":
                self.param.warning(f"{text}: they are removed")
        objects = {k: v for k, v in self.objects.items() if k not in covered}
        objects[key] = model
        self.objects = objects

    def __getitem__(self, index: Any) -> Any:
        key = _region(index)
        on = self._on(key)
        whole = isinstance(index, tuple) and all(isinstance(i, int) for i in index)
        if whole:
            if not on:
                raise IndexError(f"no GridSpec child on cell {index}")
            return next(iter(on.values()))
        dy = min((k[0] or 0 for k in on), default=0)
        dx = min((k[1] or 0 for k in on), default=0)

        def shift(v: int | None, d: int) -> int | None:
            return None if v is None else v - d

        moved = {(shift(y0, dy), shift(x0, dx), shift(y1, dy), shift(x1, dx)): v
                 for (y0, x0, y1, x1), v in on.items()}
        values = {n: own_copy(getattr(self, n)) for n in self.param
                  if n not in ("objects", "ncols", "nrows")}
        return type(self)(objects=moved, **values)

    def __delitem__(self, index: Any) -> None:
        on = self._on(_region(index))
        self.objects = {k: v for k, v in self.objects.items() if k not in on}

    def _derived(self, prop: str, ref: Callable[[Model], str]) -> JSON:
        if prop == "children":
            out = []
            for (y0, x0, y1, x1), model in self.objects.items():
                top, left = y0 or 0, x0 or 0
                bottom = self.nrows or 0 if y1 is None else y1
                right = self.ncols or 0 if x1 is None else x1
                out.append({"child": to_json(model, ref), "row": top, "col": left,
                            "row_span": max(1, bottom - top), "col_span": max(1, right - left)})
            return out
        return super()._derived(prop, ref)
