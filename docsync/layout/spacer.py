"""Models that only take room: ``Spacer``, ``HSpacer``, ``VSpacer`` and ``Divider``."""

from __future__ import annotations

from typing import Any

import param

from docsync.core.model import Model

__all__ = ["Divider", "HSpacer", "Spacer", "VSpacer"]


class Spacer(Model):
    """Empty room: ``width`` and ``height``, or a stretching ``sizing_mode``."""


class HSpacer(Spacer):
    """Empty room that takes up the free width of a ``Row``."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_width", objects=Spacer.param.sizing_mode.objects)


class VSpacer(Spacer):
    """Empty room that takes up the free height of a ``Column`` of fixed height."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_height", objects=Spacer.param.sizing_mode.objects)


class Divider(Model):
    """A horizontal rule (``<hr>``) across the full width."""

    sizing_mode: param.Selector[Any] = param.Selector(
        default="stretch_width", objects=Model.param.sizing_mode.objects)
