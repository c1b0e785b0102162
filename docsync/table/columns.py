"""The columns a ``Tabulator`` shows: each one's kind, editor, formatter, filter and layout.

Pure functions of a frame and the widget's options: no models, no I/O. Every option is
checked here, so a mistake in ``editors``, ``formatters``, ``header_filters``,
``frozen_columns`` or ``widths`` raises a ``ValueError`` that names the column and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from docsync.pane.frame import fields_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EDITORS", "FILTER_OPS", "FORMATTERS", "Column", "columns_of", "kind_of"]

#: Editor type → the parameters it takes (Tabulator's names) and the kinds it edits.
EDITORS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "input": (frozenset(), frozenset({"str", "category", "datetime"})),
    "textarea": (frozenset(), frozenset({"str"})),
    "number": (frozenset({"min", "max", "step"}), frozenset({"int", "float"})),
    "tickCross": (frozenset(), frozenset({"bool"})),
    "date": (frozenset(), frozenset({"datetime"})),
    "list": (frozenset({"values"}), frozenset({"str", "category", "int", "float", "bool"})),
}

#: Formatter type → the parameters it takes (Tabulator's names). ``html`` is not offered:
#: a cell's text would become markup.
FORMATTERS: dict[str, frozenset[str]] = {
    "plaintext": frozenset(),
    "textarea": frozenset(),
    "money": frozenset({"decimal", "thousand", "symbol", "symbolAfter", "precision"}),
    "link": frozenset({"label", "urlPrefix", "target"}),
    "tickCross": frozenset(),
    "color": frozenset(),
    "star": frozenset({"stars"}),
    "progress": frozenset({"min", "max", "color"}),
    "lookup": frozenset({"lookup"}),
}

#: Header filter comparisons; ``like`` is a case-insensitive substring match.
FILTER_OPS = frozenset({"like", "=", "!=", "<", "<=", ">", ">="})

#: Header filter input → the comparison it makes by default.
_FILTER_INPUTS = {"input": "like", "number": "=", "tickCross": "=", "list": "="}

_DEFAULT_EDITOR = {"int": "number", "float": "number", "bool": "tickCross", "str": "input",
                   "category": "list", "datetime": "date"}
_DEFAULT_FILTER = {"int": "number", "float": "number", "bool": "tickCross", "str": "input",
                   "category": "list"}


class Column(TypedDict):
    """One shown column, as sent to the browser (``fields``). The index, when shown, is the
    first. ``key`` is the column's key in the rows sent (``c0``, ``c1`` ...)."""

    name: str
    label: str
    key: str
    index: bool
    source: int  # its position in the frame's columns; -1 for the index
    kind: str  # int, float, bool, str, category, datetime or other
    sortable: bool
    editor: dict[str, Any] | None  # {"type": ..., "params": {...}}; None: not editable
    formatter: dict[str, Any] | None
    filter: dict[str, Any] | None  # {"type": input, "func": op, "values": [...]}
    width: int | str | None
    frozen: str | None  # "left", "right" or None
    align: str | None


def kind_of(dtype: Any) -> str:
    """The kind of a column's dtype: how its cells travel and are edited."""
    import pandas as pd
    from pandas.api import types

    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if types.is_bool_dtype(dtype):
        return "bool"
    if types.is_integer_dtype(dtype):
        return "int"
    if types.is_float_dtype(dtype):
        return "float"
    if types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if types.is_object_dtype(dtype) or types.is_string_dtype(dtype):
        return "str"
    return "other"


def _spec(option: str, column: str, value: Any, known: Mapping[str, Any]) -> dict[str, Any]:
    """``value`` (a type name or ``{"type": name, **params}``) as ``{"type", "params"}``."""
    if isinstance(value, str):
        value = {"type": value}
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        raise ValueError(f"{option}[{column!r}] must be a type name or a dict with 'type', "
                         f"such as {{'type': 'number', 'max': 10}}; got {value!r} "
                         f"(docsync takes no Bokeh formatter or editor objects)")
    kind = value["type"]
    if kind not in known:
        raise ValueError(f"{option}[{column!r}]: unknown type {kind!r}; use one of "
                         f"{', '.join(sorted(known))}")
    params = {k: v for k, v in value.items() if k != "type"}
    allowed = known[kind] if option == "formatters" else known[kind][0]
    extra = set(params) - set(allowed)
    if extra:
        raise ValueError(f"{option}[{column!r}]: {kind!r} takes no {', '.join(sorted(extra))}"
                         f" (it takes: {', '.join(sorted(allowed)) or 'nothing'})")
    return {"type": kind, "params": params}


def _editor(column: str, kind: str, value: Any,
            categories: list[Any] | None) -> dict[str, Any] | None:
    if value is None or value is False:
        return None
    spec = _spec("editors", column, value, EDITORS)
    if kind not in EDITORS[spec["type"]][1]:
        raise ValueError(f"editors[{column!r}]: a {spec['type']!r} editor cannot edit a "
                         f"{kind} column")
    if spec["type"] == "list":
        values = spec["params"].get("values", categories)
        if not isinstance(values, list) or not values:
            raise ValueError(f"editors[{column!r}]: a 'list' editor needs 'values', a "
                             f"non-empty list of the choices")
        spec["params"]["values"] = values
    return spec


def _default_editor(kind: str, categories: list[Any] | None,
                    dtype: Any) -> dict[str, Any] | None:
    name = _DEFAULT_EDITOR.get(kind)
    if name == "date" and getattr(dtype, "tz", None) is not None:
        name = "input"  # <input type=date> has no time zone: ISO text instead
    if name is None:
        return None
    if name == "list":
        return {"type": "list", "params": {"values": categories or []}}
    return {"type": name, "params": {}}


def _filter(column: str, kind: str, value: Any,
            categories: list[Any] | None) -> dict[str, Any] | None:
    if value is None or value is False:
        return None
    if value is True:
        value = _DEFAULT_FILTER.get(kind)
        if value is None:
            return None
    if isinstance(value, str):
        value = {"type": value}
    if not isinstance(value, dict) or value.get("type") not in _FILTER_INPUTS:
        raise ValueError(f"header_filters[{column!r}] must be True or one of "
                         f"{', '.join(sorted(_FILTER_INPUTS))} (or a dict with 'type' and "
                         f"'func'); got {value!r}")
    func = value.get("func", _FILTER_INPUTS[value["type"]])
    if func not in FILTER_OPS:
        raise ValueError(f"header_filters[{column!r}]: func must be one of "
                         f"{', '.join(sorted(FILTER_OPS))}, not {func!r}")
    if func == "like" and kind not in ("str", "category"):
        raise ValueError(f"header_filters[{column!r}]: 'like' matches text; {kind} columns "
                         f"compare with '=', '<', '>' ...")
    values = value.get("values", categories if value["type"] == "list" else None)
    if value["type"] == "list" and not isinstance(values, list):
        raise ValueError(f"header_filters[{column!r}]: a 'list' filter needs 'values'")
    return {"type": value["type"], "func": func, "values": values}


def _per_column(option: str, value: Any, names: list[str]) -> dict[str, Any]:
    """A per-column dict option, checked to name only existing columns."""
    if not isinstance(value, dict):
        return {}
    unknown = [k for k in value if k not in names]
    if unknown:
        raise ValueError(f"{option} names no column {unknown[0]!r}; the columns are "
                         f"{', '.join(map(repr, names))}")
    return value


def _frozen(value: Any, names: list[str]) -> dict[str, str]:
    if isinstance(value, dict):
        bad = {k: v for k, v in value.items() if v not in ("left", "right")}
        if bad:
            raise ValueError(f"frozen_columns values must be 'left' or 'right', not {bad!r}")
        return _per_column("frozen_columns", value, names)
    out: dict[str, str] = {}
    for entry in value or []:
        if isinstance(entry, int) and not isinstance(entry, bool):
            if not -len(names) <= entry < len(names):
                raise ValueError(f"frozen_columns: there is no column at position {entry}")
            out[names[entry]] = "left"
        elif entry in names:
            out[entry] = "left"
        else:
            raise ValueError(f"frozen_columns names no column {entry!r}")
    return out


def columns_of(frame: pd.DataFrame, *, show_index: bool, hidden: list[str],
               editors: dict[str, Any], formatters: dict[str, Any], header_filters: Any,
               frozen_columns: Any, widths: Any, titles: dict[str, str],
               text_align: Any, sortable: Any) -> list[Column]:
    """The columns shown for ``frame``: the index first (if ``show_index``), then every
    column not in ``hidden``. Raises ``ValueError`` naming a bad option and its fix."""
    import pandas as pd

    fields = fields_of(frame, index=show_index)
    names = [f["name"] for f in fields]
    _per_column("hidden_columns", dict.fromkeys(hidden), names)
    editors = _per_column("editors", editors, names)
    formatters = _per_column("formatters", formatters, names)
    filters = _per_column("header_filters", header_filters, names)
    titles = _per_column("titles", titles, names)
    align = _per_column("text_align", text_align, names)
    sortable_by = _per_column("sortable", sortable, names)
    width_by = _per_column("widths", widths, names)
    frozen = _frozen(frozen_columns, names)
    columns: list[Column] = []
    position = 0
    for i, field in enumerate(fields):
        name = field["name"]
        source = -1
        if field["index"]:
            dtype = None if isinstance(frame.index, pd.MultiIndex) else frame.index.dtype
        else:
            dtype = frame.dtypes.iloc[position]
            source = position
            position += 1
        if name in hidden:
            continue
        kind = "other" if dtype is None else kind_of(dtype)
        categories = (list(dtype.categories) if isinstance(dtype, pd.CategoricalDtype)
                      else None)
        editor = None
        if not field["index"] and field["sortable"]:  # a shared name cannot say which
            editor = (_editor(name, kind, editors[name], categories) if name in editors
                      else _default_editor(kind, categories, dtype))
        formatter = (_spec("formatters", name, formatters[name], FORMATTERS)
                     if name in formatters and formatters[name] is not None
                     else {"type": "tickCross", "params": {}} if kind == "bool" else None)
        wanted_filter = filters.get(name, header_filters if isinstance(header_filters, bool)
                                    else None)
        width = width_by.get(name, widths if isinstance(widths, int) and widths else None)
        if width is not None and not isinstance(width, (int, str)):
            raise ValueError(f"widths[{name!r}] must be pixels (int) or a CSS width such as "
                             f"'20%', not {width!r}")
        text = align.get(name, text_align if isinstance(text_align, str) else None)
        if text not in (None, "left", "center", "right"):
            raise ValueError(f"text_align must be 'left', 'center' or 'right', not {text!r}")
        columns.append(Column(
            name=name, label=titles.get(name, field["label"]), key=f"c{i}",
            index=field["index"], source=source, kind=kind,
            sortable=field["sortable"] and bool(sortable_by.get(name, sortable is not False)),
            editor=editor, formatter=formatter,
            filter=_filter(name, kind, wanted_filter, categories) if field["sortable"] else None,
            width=width, frozen=frozen.get(name), align=text,
        ))
    return columns
