"""``FlexBox``: children in a CSS flex container (Panel's ``FlexBox``)."""

from __future__ import annotations

import re
from typing import Any

import param

from docsync.layout.base import ListLike

__all__ = ["FlexBox"]

# One CSS length, or two (a row gap and a column gap): what `gap` accepts.
_GAP = re.compile(r"\s*(?:(?:0|\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|vmin|vmax|ch|ex|pt))\s*){1,2}")


class CSSGap(param.String):
    """A CSS ``gap``: "" (the theme's), or one or two lengths such as "1em" or "8px 16px"."""

    def _validate_value(self, val: Any, allow_None: bool) -> None:
        super()._validate_value(val, allow_None)
        if val and not _GAP.fullmatch(val):
            raise ValueError(f"FlexBox gap must be one or two CSS lengths such as '1em' or "
                             f"'8px 16px' (px, em, rem, %, vw, vh...), not {val!r}")


class FlexBox(ListLike):
    """Children in a flex container, with CSS's flex options under Panel's names.

    ``flex_direction`` ("row", the default, "row-reverse", "column", "column-reverse"),
    ``flex_wrap`` ("wrap", "nowrap", "wrap-reverse"), ``justify_content``,
    ``align_items``, ``align_content`` (their CSS values) and ``gap`` (a CSS length such as
    "1em" or "8px 16px"; "" keeps the theme's gap). Without a ``sizing_mode``, a row
    FlexBox stretches to the available width and a column one to the available height,
    as Panel's does.
    """

    flex_direction = param.Selector(default="row",
                                    objects=["row", "row-reverse", "column", "column-reverse"])
    flex_wrap = param.Selector(default="wrap", objects=["nowrap", "wrap", "wrap-reverse"])
    justify_content = param.Selector(default="flex-start", objects=[
        "flex-start", "flex-end", "center", "space-between", "space-around", "space-evenly",
        "start", "end", "left", "right"])
    align_items = param.Selector(default="flex-start", objects=[
        "stretch", "flex-start", "flex-end", "center", "baseline", "first baseline",
        "last baseline", "start", "end", "self-start", "self-end"])
    align_content = param.Selector(default="flex-start", objects=[
        "normal", "flex-start", "flex-end", "center", "space-between", "space-around",
        "space-evenly", "stretch", "start", "end", "baseline", "first baseline",
        "last baseline"])
    gap = CSSGap(default="", doc="Space between children: a CSS length, or two.")

    def __init__(self, *objects: Any, **params: Any) -> None:
        if "sizing_mode" not in params:
            direction = params.get("flex_direction", "row")
            params["sizing_mode"] = ("stretch_width" if str(direction).startswith("row")
                                     else "stretch_height")
        super().__init__(*objects, **params)
