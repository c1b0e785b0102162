"""``Location``: the page's URL as a model, syncable both ways (``state.location``)."""

from __future__ import annotations

import ast
import contextlib
import json
import logging
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import param

from docsync.core.model import Model

__all__ = ["Location", "parse_query"]

log = logging.getLogger("docsync.location")

_URL_PARTS = ("pathname", "search", "hash")


def _join_href(get: Callable[[str], str]) -> str:
    """The URL of the parts ``get(name)`` gives (``protocol``, ``hostname``, ``port``,
    ``pathname``, ``search``, ``hash``)."""
    host = get("hostname") + (f":{get('port')}" if get("port") else "")
    origin = f"{get('protocol')}//{host}" if get("protocol") and host else ""
    return origin + get("pathname") + get("search") + get("hash")


def parse_query(search: str) -> dict[str, Any]:
    """The arguments of a query string (``"?a=1&b=x"``), with values read as Panel reads
    them: digits as an ``int``, other numbers as a ``float``, ``true``/``false`` as a
    ``bool``, text starting with ``[`` or ``{`` as JSON (or a Python literal), anything
    else as text. A repeated name keeps its last value; an unreadable list or dict is
    left out, with a warning."""
    parsed: dict[str, Any] = {}
    for name, text in dict(_pairs(search)).items():
        value: Any = text
        if text.isdigit():
            value = int(text)
        elif text.lower() in ("true", "false"):
            value = text.lower() == "true"
        elif text.startswith(("[", "{")):
            try:
                value = json.loads(text)
            except ValueError:
                try:
                    value = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    log.warning("query argument %r=%r is neither JSON nor a Python literal: "
                                "left out", name, text)
                    continue
        else:
            with contextlib.suppress(ValueError):
                value = float(text)
        parsed[name] = value
    return parsed


def _pairs(search: str) -> list[tuple[str, str]]:
    """The ``(name, text)`` pairs of a query; ``q=`` is an empty text, not nothing."""
    return urllib.parse.parse_qsl(search.removeprefix("?"), keep_blank_values=True)


def _query_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class Location(Model):
    """The browser's URL: ``pathname``, ``search`` and ``hash`` written both ways, and
    ``href``, ``hostname``, ``protocol``, ``port`` as the page reported them (read-only;
    ``href`` follows changes of the other three).

    The browser writes the three when the user navigates; app code may set them to change
    the URL without reloading (the page replaces its history entry), or set ``reload`` to
    True first to have such a change load the new URL (setting ``reload`` itself reloads
    the page). Every session's document holds one, after its visual roots.

    :meth:`sync` ties parameters of any ``param`` object to query arguments, both ways;
    :meth:`unsync` undoes it, and a session's syncs end with the session.
    """

    _client_writable = frozenset(_URL_PARTS)

    pathname = param.String(default="", doc="e.g. '/app'")
    search = param.String(default="", doc="The query with its '?', e.g. '?page=2'.")
    hash = param.String(default="", doc="The fragment with its '#', e.g. '#part'.")
    href = param.String(default="", constant=True, doc="The whole URL.")
    hostname = param.String(default="", constant=True)
    protocol = param.String(default="", constant=True, doc="e.g. 'https:'")
    port = param.String(default="", constant=True)
    reload = param.Boolean(default=False, doc="""
        True: a change of pathname or search made by the app loads that URL in the page,
        as for a multi-page app; a change of reload to True reloads it.""")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        #: (object, {parameter: query name}, watcher, on_error) per synced object.
        self._synced: list[tuple[param.Parameterized, dict[str, str], Any,
                                 Callable[[dict[str, Any]], Any] | None]] = []
        self._syncing = False
        self.param.watch(self._url_changed, list(_URL_PARTS))

    @classmethod
    def from_client(cls, location: Mapping[str, Any]) -> Location:
        """A Location from the ``location`` object of a ``hello`` (bad fields are ignored)."""
        values = {k: v for k, v in location.items()
                  if k in (*_URL_PARTS, "href") and isinstance(v, str)}
        href = values.pop("href", "")
        if href.startswith(("http:", "https:")):
            parts = urllib.parse.urlsplit(href)
            values.update(protocol=parts.scheme + ":", hostname=parts.hostname or "",
                          port=str(parts.port or ""))
        # Every value goes to the constructor: a constant parameter set after it (under
        # edit_constant) costs each session's Location its own copy of the parameter.
        values["href"] = href or _join_href(lambda name: values.get(name, ""))
        return cls(**values)

    def _href(self) -> str:
        return _join_href(lambda name: getattr(self, name))

    def _url_changed(self, *events: param.parameterized.Event) -> None:
        # Several events at once when the page sends a navigation's props in one patch.
        with param.edit_constant(self):
            self.href = self._href()
        if any(event.name == "search" for event in events):
            self._apply_query()

    # -- the query --------------------------------------------------------------------------

    @property
    def query_params(self) -> dict[str, Any]:
        """The query's arguments, read by :func:`parse_query`."""
        return parse_query(self.search)

    def update_query(self, **arguments: Any) -> None:
        """Set query arguments (others are kept); a value that is not text is written as
        JSON."""
        query = dict(_pairs(self.search))
        query.update({name: _query_text(value) for name, value in arguments.items()})
        self.search = "?" + urllib.parse.urlencode(query) if query else ""

    # -- syncing parameters with the query ---------------------------------------------------

    def sync(self, parameterized: param.Parameterized,
             parameters: Sequence[str] | Mapping[str, str] | None = None,
             on_error: Callable[[dict[str, Any]], Any] | None = None) -> None:
        """Keep ``parameterized``'s ``parameters`` and the query in step, both ways.

        ``parameters``: names (each its own query name), a dict ``{parameter: query
        name}``, or None for every parameter but ``name``. Values already in the query are
        applied to the object first; then the object's values (but None) are written to the
        query. A query value the object refuses is left alone and, if given,
        ``on_error({parameter: value})`` is called with what was refused.
        """
        if not isinstance(parameterized, param.Parameterized):
            raise TypeError(f"Location.sync syncs param objects (widgets, Parameterized), "
                            f"not {type(parameterized).__name__}")
        if parameters is None:
            parameters = [name for name in parameterized.param if name != "name"]
        mapping = (dict(parameters) if isinstance(parameters, Mapping)
                   else {name: name for name in parameters})
        unknown = [name for name in mapping if name not in parameterized.param]
        if unknown:
            raise ValueError(f"Location.sync: {type(parameterized).__name__} has no "
                             f"parameter {', '.join(map(repr, unknown))}")
        watcher = parameterized.param.watch(self._object_changed, list(mapping))
        self._synced.append((parameterized, mapping, watcher, on_error))
        self._apply_query()
        self._write_query({query: _serialized(parameterized, name)
                           for name, query in mapping.items()
                           if getattr(parameterized, name) is not None})

    def unsync(self, parameterized: param.Parameterized,
               parameters: Sequence[str] | None = None) -> None:
        """Stop syncing ``parameters`` of ``parameterized`` (None: all of them) and take
        their arguments out of the query. An object never synced is an error."""
        if not any(obj is parameterized for obj, *_ in self._synced):
            raise ValueError(f"Location.unsync: this {type(parameterized).__name__} was "
                             "never synced: call sync(obj, ...) first")
        kept: list[Any] = []
        dropped: list[str] = []
        for obj, mapping, watcher, on_error in self._synced:
            if obj is not parameterized:
                kept.append((obj, mapping, watcher, on_error))
                continue
            obj.param.unwatch(watcher)
            gone = {n: q for n, q in mapping.items() if parameters is None or n in parameters}
            dropped.extend(gone.values())
            rest = {n: q for n, q in mapping.items() if n not in gone}
            if rest:
                kept.append((obj, rest, obj.param.watch(self._object_changed, list(rest)),
                             on_error))
        self._synced = kept
        query = {k: v for k, v in _pairs(self.search)
                 if k not in dropped}
        self.search = "?" + urllib.parse.urlencode(query) if query else ""

    def unsync_all(self) -> None:
        """End every sync, leaving the URL as it is (the session ends)."""
        for obj, _mapping, watcher, _on_error in self._synced:
            obj.param.unwatch(watcher)
        self._synced = []

    def _object_changed(self, *events: param.parameterized.Event) -> None:
        query: dict[str, str] = {}
        for event in events:
            for obj, mapping, _watcher, _on_error in self._synced:
                if obj is event.obj and event.name in mapping:
                    query[mapping[event.name]] = _serialized(obj, event.name)
        self._write_query(query)

    def _write_query(self, query: dict[str, str]) -> None:
        if self._syncing or not query:
            return
        self._syncing = True
        try:
            self.update_query(**query)
        finally:
            self._syncing = False

    def _apply_query(self) -> None:
        """Set synced parameters from the query (the user navigated, or a sync began)."""
        if self._syncing:
            return
        query = self.query_params
        self._syncing = True
        try:
            for obj, mapping, _watcher, on_error in list(self._synced):
                changes = {name: _deserialized(obj, name, query[q])
                           for name, q in mapping.items() if q in query}
                changes = {n: v for n, v in changes.items() if not _same(v, getattr(obj, n))}
                if not changes:
                    continue
                try:
                    obj.param.update(**changes)
                except Exception as exc:
                    if on_error is None:
                        log.warning("Location.sync could not apply %r to %s: %s", changes,
                                    type(obj).__name__, exc)
                    else:
                        on_error(changes)
        finally:
            self._syncing = False


def _serialized(obj: param.Parameterized, name: str) -> str:
    value = getattr(obj, name)
    # A value param cannot serialize is written as it is.
    with contextlib.suppress(Exception):
        value = obj.param[name].serialize(value)
    return _query_text(value)


def _deserialized(obj: param.Parameterized, name: str, value: Any) -> Any:
    try:
        return obj.param[name].deserialize(value)
    except Exception:
        return value


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False
