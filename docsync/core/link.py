"""Links between parameters of two objects (Panel's ``link`` and ``jslink``), run by param
watchers in the process: the browser sees a linked change in the same patch as its cause."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import param

__all__ = ["link"]

LinkCallback = Callable[[param.Parameterized, Any], Any]


def _check(obj: param.Parameterized, names: list[str], role: str) -> None:
    missing = [n for n in names if n not in obj.param]
    if missing:
        raise ValueError(f"link: {type(obj).__name__} has no parameter "
                         f"{', '.join(map(repr, missing))} (the {role} of the link)")


def link(source: param.Parameterized, target: param.Parameterized, *,
         callbacks: Mapping[str, LinkCallback] | None = None, bidirectional: bool = False,
         links: Mapping[str, str]) -> param.parameterized.Watcher:
    """Set ``target``'s parameters when ``source``'s change: ``links`` maps a source
    parameter to a target parameter; or ``callbacks`` maps a source parameter to
    ``fn(target, event)``. With ``bidirectional`` (``links`` only) target changes flow back.

    Nothing is copied at once: the link acts on the next change, as in Panel. A change that
    a link itself caused does not travel back through the reverse link (no ping-pong).
    Returns the source watcher (``source.param.unwatch(w)`` ends the forward link).
    Raises ``ValueError`` for a parameter either side lacks, or for neither or both of
    ``links`` and ``callbacks``.
    """
    if bool(links) == bool(callbacks):
        raise ValueError("link: give parameters to link as keywords (value='object') or "
                         "callbacks={'value': fn}, one of the two")
    if callbacks and bidirectional:
        raise ValueError("link: bidirectional=True links parameters, not callbacks: link "
                         "each direction with its own callbacks")
    names = list(callbacks or links)
    _check(source, names, "source")
    if links:
        _check(target, list(links.values()), "target")
    busy: set[str] = set()  # parameters being set by this link: the reverse skips them

    def forward(*events: Any) -> None:
        for event in events:
            if event.name in busy:
                continue
            if callbacks:
                callbacks[event.name](target, event)
                continue
            busy.add(links[event.name])
            try:
                setattr(target, links[event.name], event.new)
            finally:
                busy.discard(links[event.name])

    watcher = source.param.watch(forward, names)
    if bidirectional:
        reverse_names = {v: k for k, v in links.items()}

        def backward(*events: Any) -> None:
            for event in events:
                if event.name in busy:
                    continue
                busy.add(reverse_names[event.name])
                try:
                    setattr(source, reverse_names[event.name], event.new)
                finally:
                    busy.discard(reverse_names[event.name])

        target.param.watch(backward, list(reverse_names))
    return watcher
