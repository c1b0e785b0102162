"""docsync: serve Python apps to browsers, each tab a session kept in sync over WebSockets.

The common subset of Panel's API::

    import docsync as ds

    x = ds.widgets.IntSlider(name="x", start=0, end=10, value=3)
    ds.Column(x, ds.bind(lambda v: f"x squared is {v * v}", x)).servable(title="Squares")
"""

from typing import Any

from docsync import (
    chat,
    controls,
    indicators,
    layout,
    pane,
    param,
    template,
    viewable,
    widgets,
)
from docsync.bind import bind, depends, rx
from docsync.browser_store import Store
from docsync.cache import cache
from docsync.controls import Controls
from docsync.form import Form
from docsync.interact import interact
from docsync.layout import (
    Accordion,
    Card,
    Column,
    Divider,
    FlexBox,
    GridBox,
    GridSpec,
    HSpacer,
    Row,
    Spacer,
    Tabs,
    VSpacer,
    WidgetBox,
)
from docsync.location import Location
from docsync.notebook import extension
from docsync.pane import Param, ReactiveExpr, panel
from docsync.secret import Secrets
from docsync.serve import serve
from docsync.settings import Config, config
from docsync.sql import connection
from docsync.state import state

__all__ = [
    "Accordion", "Card", "Column", "Config", "Controls", "Divider", "FlexBox", "Form", "GridBox",
    "GridSpec", "HSpacer", "Location", "Param", "ReactiveExpr", "Row", "Spacer", "Store", "Tabs",
    "VSpacer", "WidgetBox", "bind", "cache", "chat", "config", "connection", "controls",
    "depends", "extension", "indicators", "interact", "layout", "pane", "panel", "param", "rx",
    "secrets", "serve", "state", "template", "viewable", "widgets",
]
__version__ = "0.1.0"

#: The app's secrets (``docsync.secret``), read from their files and the environment at each
#: access; it holds nothing itself.
secrets = Secrets()



def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
