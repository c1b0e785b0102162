"""A script that defines a dataclass with postponed annotations (looks up its module)."""

from __future__ import annotations

from dataclasses import dataclass

import docsync as ds


@dataclass
class Point:
    x: int
    y: int = 0


ds.pane.Markdown(f"{Point(1)}").servable()
