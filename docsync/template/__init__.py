"""Page templates: ``Page`` (docsync's app shell) and Panel's template classes built on it
(``FastListTemplate``, ``BootstrapTemplate``, ``MaterialTemplate``, ``VanillaTemplate``),
which ``ds.config.template`` / ``ds.extension(template="fast")`` also applies to every
session's servables."""

from typing import Any

from docsync.template.page import Page
from docsync.template.panel import (
    BasicTemplate,
    BootstrapTemplate,
    DarkTheme,
    DefaultTheme,
    FastListTemplate,
    MaterialTemplate,
    VanillaTemplate,
)

__all__ = ["BasicTemplate", "BootstrapTemplate", "DarkTheme", "DefaultTheme",
           "FastListTemplate", "MaterialTemplate", "Page", "VanillaTemplate"]


def __getattr__(name: str) -> Any:
    # Only for names not found otherwise: says whether the name is Panel's (docsync.compat).
    from docsync.compat import missing

    raise missing(__name__, name)
