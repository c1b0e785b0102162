"""``ds.secrets``: values from ``.docsync/secrets.toml`` and the environment, kept from view.

Where they come from, later sources overriding earlier ones key by key:

1. ``.docsync/secrets.toml`` in the working directory;
2. ``.docsync/secrets.toml`` beside the app: in the folder of the script (or module) whose
   code reads ``ds.secrets`` (the first caller outside the ``docsync`` package);
3. environment variables named ``DOCSYNC_SECRETS_<NAME>``: ``DOCSYNC_SECRETS_API_TOKEN``
   is the secret ``api_token`` (names are lower-cased), and a double underscore goes one
   table deeper: ``DOCSYNC_SECRETS_CONNECTIONS__SHOP__PASSWORD`` is
   ``connections.shop.password``. (``DOCSYNC_SECRET_KEY``, the server's token key, is not
   a secret of the app and is never read here.)

The sources are read at each access, so an edited file is seen without a restart.

Secrets never reach the browser or the logs: every string value is a :class:`Secret`,
whose ``str``, ``repr`` and format show ``********``; it is not a ``str``, so it cannot
be a model's property (a ``String`` parameter refuses it, and the document refuses to send
any value it does not know as JSON). Call ``get_secret_value()`` where the real text is
needed, as late as possible (a connection does it for you). Numbers and booleans (a port,
a flag) are returned as they are; tables are read-only mappings that show their keys only.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docsync.exceptions import UsageError

__all__ = ["ENV_PREFIX", "SECRETS_FILE", "Secret", "Secrets", "SecretsTable", "reveal"]

SECRETS_FILE = Path(".docsync") / "secrets.toml"
ENV_PREFIX = "DOCSYNC_SECRETS_"
MASK = "********"


class Secret:
    """A secret string. Shown as ``********`` everywhere; ``get_secret_value()`` is the text.

    Two secrets are equal when their texts are; a secret is never equal to a plain string
    (so comparing one to user input is explicit: ``s.get_secret_value() == text``).
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


def reveal(value: Any) -> Any:
    """``value`` with every :class:`Secret` in it (at any depth) replaced by its text."""
    if isinstance(value, Secret):
        return value.get_secret_value()
    if isinstance(value, Mapping):
        return {k: reveal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [reveal(v) for v in value]
    return value


def _wrap(value: Any) -> Any:
    if isinstance(value, str):
        return Secret(value)
    if isinstance(value, Mapping):
        return SecretsTable({k: _wrap(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


class SecretsTable(Mapping[str, Any]):
    """A read-only table of secrets: ``t["name"]`` or ``t.name``; its repr shows keys only."""

    __slots__ = ("_items", "_where")

    def __init__(self, items: Mapping[str, Any], *, where: str = "secrets") -> None:
        object.__setattr__(self, "_items", dict(items))
        object.__setattr__(self, "_where", where)

    def __getitem__(self, key: str) -> Any:
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no secret {key!r} in {self._where}: add it to "
                           f"{SECRETS_FILE} or set {ENV_PREFIX}{key.upper()}") from None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self._items[key]
        except KeyError:
            raise AttributeError(f"no secret {key!r} in {self._where}") from None

    def __setattr__(self, key: str, value: Any) -> None:
        raise TypeError("secrets are read-only: edit the secrets file or the environment")

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"SecretsTable(keys={sorted(self._items)!r})"


def _merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value


def _read_file(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the same parser, from PyPI, before Python 3.11
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        # The parser's message names the line; never the file's content.
        raise UsageError(f"{path} is not valid TOML: {exc}") from None


def _from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or len(name) == len(ENV_PREFIX):
            continue
        path = [p.lower() for p in name[len(ENV_PREFIX):].split("__")]
        if not all(path):
            continue
        table = out
        for part in path[:-1]:
            nested = table.setdefault(part, {})
            if not isinstance(nested, dict):
                break
            table = nested
        else:
            table[path[-1]] = value
    return out


_STDLIB = sysconfig.get_paths()["stdlib"]


def _caller_dir() -> Path | None:
    """The folder of the first caller outside docsync and the standard library (the app),
    if it has one. Apps served by docsync (``docsync.examples``) count as apps."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        library = (module == "docsync" or (module.startswith("docsync.")
                                           and not module.startswith("docsync.examples."))
                   or frame.f_code.co_filename.startswith((_STDLIB, "<frozen")))
        if not library:
            filename = frame.f_globals.get("__file__")
            return Path(filename).resolve().parent if filename else None
        frame = frame.f_back  # type: ignore[assignment]
    return None


class Secrets(Mapping[str, Any]):
    """The app's secrets (see the module docstring); ``ds.secrets`` is one of these.

    ``Secrets(folder=..., environ=...)`` reads a given folder (and environment) instead.
    """

    def __init__(self, *, folder: str | Path | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self._folder = Path(folder) if folder is not None else None
        self._environ = environ

    def files(self) -> list[Path]:
        """The secrets files consulted, in order (existing or not)."""
        if self._folder is not None:
            return [self._folder / SECRETS_FILE]
        paths = [Path.cwd() / SECRETS_FILE]
        app = _caller_dir()
        if app is not None and app / SECRETS_FILE not in paths:
            paths.append(app / SECRETS_FILE)
        return paths

    def table(self) -> SecretsTable:
        """Every secret, read now."""
        merged: dict[str, Any] = {}
        for path in self.files():
            _merge(merged, _read_file(path))
        _merge(merged, _from_environ(os.environ if self._environ is None else self._environ))
        wrapped = {k: _wrap(v) for k, v in merged.items()}
        return SecretsTable(wrapped, where=" or ".join(str(p) for p in self.files()))

    def __getitem__(self, key: str) -> Any:
        return self.table()[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        return getattr(self.table(), key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())

    def __repr__(self) -> str:
        return f"Secrets(keys={sorted(self.table())!r})"
