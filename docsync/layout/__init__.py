"""Layouts: models that arrange other models (``Column``, ``Row``, ``WidgetBox``,
``FlexBox``, ``Tabs``, ``Card``, ``Accordion``, ``GridBox``, ``GridSpec``) and the ones
that only take room (``Spacer``, ``Divider``)."""

from typing import Any

from docsync.layout.base import ListLike, select
from docsync.layout.card import Accordion, Card
from docsync.layout.column import Column, Row, WidgetBox
from docsync.layout.flex import FlexBox
from docsync.layout.grid import GridBox
from docsync.layout.gridspec import GridSpec
from docsync.layout.named import NamedList
from docsync.layout.spacer import Divider, HSpacer, Spacer, VSpacer
from docsync.layout.tabs import Tabs

__all__ = ["Accordion", "Card", "Column", "Divider", "FlexBox", "GridBox", "GridSpec",
           "HSpacer", "ListLike", "NamedList", "Row", "Spacer", "Tabs", "VSpacer", "WidgetBox",
           "select"]


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
