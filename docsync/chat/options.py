"""Refusing the Panel chat options docsync does not have, with a message that says so."""

from __future__ import annotations

from typing import Any

import param

__all__ = ["check_options"]


def check_options(cls: type[param.Parameterized], params: dict[str, Any]) -> None:
    """Raise ``TypeError`` naming every key of ``params`` that ``cls`` has no parameter
    for, and where docsync's differences from Panel are listed."""
    unknown = sorted(k for k in params if k not in cls.param)
    if unknown:
        raise TypeError(
            f"{cls.__name__} has no option {', '.join(map(repr, unknown))}: docsync's chat "
            "components take the Panel options listed in README's 'Coming from Panel', "
            "table 'Chat'")
