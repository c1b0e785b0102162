"""Page templates: ``Page`` (docsync's app shell) and Panel's template classes built on it
(``FastListTemplate``, ``BootstrapTemplate``, ``MaterialTemplate``, ``VanillaTemplate``),
which ``ds.config.template`` / ``ds.extension(template="fast")`` also applies to every
session's servables."""

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
