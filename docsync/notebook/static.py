"""A static HTML snapshot of a component: what a notebook output shows without a live
frontend (nbconvert to HTML, GitHub's notebook view).

It renders the document's JSON form (PROTOCOL.md §3), the same snapshot a browser would be
sent, with plain HTML and inline styles: no script, no stylesheet. Controls are drawn
disabled with their current values. Model types without a renderer here are drawn from
their props: their child models, else their ``html``, ``src`` or ``text``, else their
``name`` and ``value``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from docsync.core.document import Document
from docsync.core.model import Model

__all__ = ["render_document", "snapshot_html"]

Props = dict[str, Any]
MAX_DEPTH = 64  # deeper nesting is drawn as "…" (a malformed or cyclic document)

_BOX = "display:flex;gap:8px;min-width:0"
_LABEL = "display:block;font-size:0.9em;color:#555"


def snapshot_html(root: Model) -> str:
    """The static HTML of ``root`` as it is now. Builds a throw-away document of it."""
    document = Document([root])
    try:
        doc = document.snapshot(0)
    finally:
        document.close()
    return render_document(doc)


def render_document(doc: dict[str, Any]) -> str:
    """The static HTML of a document's JSON form (PROTOCOL.md §3)."""
    renderer = _Renderer(doc.get("models") or {})
    body = "".join(renderer.model(ref, 0) for ref in doc.get("roots") or [])
    return (f'<div class="docsync-static" style="display:flex;flex-direction:column;gap:8px;'
            f'font-family:system-ui,sans-serif">{body}</div>')


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _refs(value: Any) -> list[str]:
    """Ids of the models referenced anywhere in a prop value, in order."""
    if isinstance(value, dict):
        if set(value) == {"ref"} and isinstance(value["ref"], str):
            return [value["ref"]]
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []


def _labelled(props: Props, control: str) -> str:
    name = props.get("name")
    label = f'<span style="{_LABEL}">{_e(name)}</span>' if name else ""
    return f'<label style="display:block">{label}{control}</label>'


def _options(options: Any) -> list[tuple[str, Any]]:
    if isinstance(options, dict):
        return [(str(k), v) for k, v in options.items()]
    if isinstance(options, list):
        return [(_text(o), o) for o in options]
    return []


class _Renderer:
    def __init__(self, models: dict[str, Any]) -> None:
        self.models = models
        self.table: dict[str, Callable[[str, Props, int], str]] = {
            "Row": self._row,
            "Markdown": self._html,
            "HTML": self._html,
            "Str": self._pre,
            "IntSlider": self._slider,
            "FloatSlider": self._slider,
            "TextInput": self._input,
            "PasswordInput": self._password,
            "Checkbox": self._checkbox,
            "Toggle": self._button,
            "Button": self._button,
            "Select": self._select,
            "DataFrame": self._table,
            "Location": lambda *_: "",
        }

    def model(self, ref: Any, depth: int) -> str:
        model = self.models.get(ref) if isinstance(ref, str) else None
        if not isinstance(model, dict):
            return ""
        props: Props = model.get("props") or {}
        if props.get("visible") is False:
            return ""
        if depth >= MAX_DEPTH:
            return "…"
        kind = str(model.get("type"))
        inner = self.table.get(kind, self._generic)(kind, props, depth)
        classes = " ".join(["docsync-static-model", f"docsync-{kind.lower()}",
                            *(c for c in props.get("css_classes") or [] if isinstance(c, str))])
        return f'<div class="{_e(classes)}" style="min-width:0">{inner}</div>'

    def _children(self, props: Props, depth: int) -> list[str]:
        refs = [r for name, value in props.items() if name != "css_classes"
                for r in _refs(value)]
        return [self.model(r, depth + 1) for r in refs]

    # -- by type ---------------------------------------------------------------------------

    def _row(self, kind: str, props: Props, depth: int) -> str:
        return f'<div style="{_BOX};flex-direction:row;flex-wrap:wrap">' \
               f'{"".join(self._children(props, depth))}</div>'

    def _html(self, kind: str, props: Props, depth: int) -> str:
        # Markdown's html is rendered and sanitized by the server; HTML's as the pane says.
        return str(props.get("html") or "")

    def _pre(self, kind: str, props: Props, depth: int) -> str:
        return f'<pre style="margin:0;white-space:pre-wrap">{_e(props.get("text"))}</pre>'

    def _slider(self, kind: str, props: Props, depth: int) -> str:
        control = (f'<input type="range" disabled min="{_e(props.get("start"))}" '
                   f'max="{_e(props.get("end"))}" step="{_e(props.get("step"))}" '
                   f'value="{_e(props.get("value"))}"> <output>{_e(props.get("value"))}</output>')
        return _labelled(props, control)

    def _input(self, kind: str, props: Props, depth: int) -> str:
        return _labelled(props, f'<input type="text" disabled value="{_e(props.get("value"))}">')

    def _password(self, kind: str, props: Props, depth: int) -> str:
        return _labelled(props, '<input type="password" disabled value="">')

    def _checkbox(self, kind: str, props: Props, depth: int) -> str:
        checked = " checked" if props.get("value") else ""
        return (f'<label><input type="checkbox" disabled{checked}> '
                f'{_e(props.get("name"))}</label>')

    def _button(self, kind: str, props: Props, depth: int) -> str:
        pressed = f' aria-pressed="{str(bool(props.get("value"))).lower()}"' \
            if kind == "Toggle" else ""
        label = props.get("label") or props.get("name") or kind
        return f'<button type="button" disabled{pressed}>{_e(label)}</button>'

    def _select(self, kind: str, props: Props, depth: int) -> str:
        value = props.get("value")

        def listed(options: Any) -> str:
            return "".join(f'<option{" selected" if v == value else ""}>{_e(label)}</option>'
                           for label, v in _options(options))

        groups = props.get("groups")
        if not _options(props.get("options")) and isinstance(groups, dict):
            body = "".join(f'<optgroup label="{_e(title)}">{listed(options)}</optgroup>'
                           for title, options in groups.items())
        else:
            body = listed(props.get("options"))
        return _labelled(props, f"<select disabled>{body}</select>")

    def _table(self, kind: str, props: Props, depth: int) -> str:
        fields = [f for f in props.get("fields") or [] if isinstance(f, dict)]
        data = props.get("data") if isinstance(props.get("data"), dict) else {}
        rows = [r for r in data.get("rows") or [] if isinstance(r, list)]
        head = "".join(f'<th style="text-align:{"right" if f.get("numeric") else "left"}">'
                       f'{_e(f.get("label", f.get("name")))}</th>' for f in fields)
        body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>"
                       for row in rows)
        total = data.get("total")
        more = (f'<div style="{_LABEL}">{len(rows)} of {_e(total)} rows</div>'
                if isinstance(total, int) and total > len(rows) else "")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"

    def _generic(self, kind: str, props: Props, depth: int) -> str:
        children = self._children(props, depth)
        if children:
            return f'<div style="{_BOX};flex-direction:column">{"".join(children)}</div>'
        if isinstance(props.get("html"), str):
            return self._html(kind, props, depth)
        if isinstance(props.get("src"), str):
            alt = props.get("alt_text") or props.get("caption") or kind
            return f'<img src="{_e(props["src"])}" alt="{_e(alt)}" style="max-width:100%">'
        if isinstance(props.get("text"), str):
            return self._pre(kind, props, depth)
        if "value" in props:
            return _labelled(props, f"<span>{_e(_text(props['value']))}</span>")
        if isinstance(props.get("object"), str):
            return f"<div>{_e(props['object'])}</div>"
        return f'<div style="color:#777">[{_e(kind)}]</div>'
