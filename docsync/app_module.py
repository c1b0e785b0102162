"""The module an app file runs in: fresh for every session, with a name stable across runs.

Each run of an app file (one per session) gets its own module object, so sessions never
share module globals. Its ``__name__`` is ``__docsync_app__<stem>_<digest>__<run>``:
``<digest>`` comes from the file's path and ``<run>`` is random. Code that must recognise
the same function or class across sessions and reloads (``ds.cache`` keys) uses
:func:`stable_module_name`, which drops the run part.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["app_module", "stable_module_name"]

_RUN = re.compile(r"^(__docsync_app__\w+?_[0-9a-f]{12}__)[0-9a-f]{16}(?=$|\.)")


@contextmanager
def app_module(path: Path) -> Iterator[types.ModuleType]:
    """A fresh module for one run of the app file ``path``, in ``sys.modules`` while the
    block runs: code that looks its own module up (dataclasses, ``typing.get_type_hints``)
    works as under ``python app.py``."""
    stem = re.sub(r"\W", "_", path.stem) or "app"
    digest = hashlib.blake2b(str(path).encode(), digest_size=6).hexdigest()
    module = types.ModuleType(f"__docsync_app__{stem}_{digest}__{secrets.token_hex(8)}")
    module.__file__ = str(path)
    sys.modules[module.__name__] = module
    try:
        yield module
    finally:
        sys.modules.pop(module.__name__, None)


def stable_module_name(name: str) -> str:
    """``name`` (a module name, or a dotted ``module.Qualname``) without the per-run part
    if it names an app module or something in one; else ``name`` as is.

    Two sessions of one app file give the same stable name; two app files never do.
    """
    return _RUN.sub(r"\1", name, count=1)
