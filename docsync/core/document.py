"""A session's document: models reachable from its roots, and the RFC 6902 ops that change it.

The document hears of every change to a reachable model's parameters (one change hook per
model, see :func:`docsync.core.model.listen`) and turns changes into ops on its JSON form
(PROTOCOL.md §3). It keeps a *mirror*: the JSON the client will show once it has
applied every message sent so far (per model, a list of prop values in ``prop_index``
order, a fraction of a dict's size). Ops are computed against the mirror at flush time, so
many changes between two flushes coalesce into one op per property, a client's own change is
never echoed back, and the §7 convergence rule falls out of updating the mirror only when
the client had seen the server's latest value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docsync.core.chunks import Chunks
from docsync.core.client_values import check_client_value, set_client_values
from docsync.core.diff import diff_ops, escape_token
from docsync.core.model import (
    JSON,
    Model,
    affected_props,
    chunk_props,
    listen,
    prop_index,
    prop_json,
    props_json,
    to_json,
    unlisten,
)
from docsync.exceptions import BadMessage, Forbidden, Refused

__all__ = ["Document"]

_MISSING = object()
_Dirty = dict[Model, dict[str, None]]


class _Sent:
    """The mirror of a :class:`Chunks` prop: the client holds the first ``count`` pieces
    of ``source`` (see docsync/core/chunks.py). Compared by identity, never by value."""

    __slots__ = ("count", "source")

    def __init__(self, source: Chunks, count: int) -> None:
        self.source, self.count = source, count


class Document:
    """The models of one session and their JSON form.

    Thread-safety: parameters may change on any thread (changes are recorded under a
    lock). :meth:`take_ops`, :meth:`snapshot` and the checking half of
    :meth:`apply_client_ops` hold a second lock, which is never held while app code runs
    (the watchers run after it is released), so a flush on the event loop never waits for a
    slow callback in a worker thread.
    """

    def __init__(self, roots: Sequence[Model] = (), *, title: str = "") -> None:
        self._roots: list[Model] = list(roots)
        self._title = title
        self._ids: dict[Model, str] = {}
        self._models: dict[str, Model] = {}
        self._hook = self._on_change  # one bound method, shared by every model's hook list
        self._next_id = 1
        self._mirror: dict[str, list[JSON]] = {}  # model id → prop values (_MISSING: unknown)
        # One empty list and dict for every model's empty css_classes, styles... in the
        # mirror (never mutated: mirror values are only ever replaced).
        self._empties: dict[type, JSON] = {list: [], dict: {}}
        self._mirror_top: dict[str, JSON] = {}
        self._prop_seq: dict[tuple[str, str], int] = {}
        self._snapshot_seq = 0
        self._lock = threading.Lock()  # guards the recorded changes below
        self._state = threading.RLock()  # guards ids, mirror and prop seqs
        # Insertion-ordered (dicts, not sets) so ops come out in a deterministic order.
        self._dirty: _Dirty = {}
        self._forced: dict[tuple[str, str], None] = {}
        self._structure_dirty = False
        self._top_dirty = False
        self._closed = False
        #: Called (from whichever thread made the change) when the document goes from
        #: clean to dirty; the owner then schedules a flush. Set by the transport.
        self.on_dirty: Callable[[], None] | None = None
        self._sync_structure()

    # -- public properties -------------------------------------------------------------

    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, value: str) -> None:
        self._title = value
        self._mark(top=True)

    @property
    def roots(self) -> tuple[Model, ...]:
        return tuple(self._roots)

    @roots.setter
    def roots(self, value: Iterable[Model]) -> None:
        self._roots = list(value)
        self._mark(top=True, structure=True)

    def get_model(self, model_id: str) -> Model | None:
        return self._models.get(model_id)

    def model_id(self, model: Model) -> str | None:
        return self._ids.get(model)

    @property
    def models(self) -> dict[str, Model]:
        """Id → model for every reachable model (a copy)."""
        return dict(self._models)

    # -- change recording ----------------------------------------------------------------

    def _mark(self, *, top: bool = False, structure: bool = False) -> None:
        with self._lock:
            was_clean = not self._pending()
            self._top_dirty |= top
            self._structure_dirty |= structure
        if was_clean and self.on_dirty is not None:
            self.on_dirty()

    def _on_change(self, model: Model, name: str, structural: bool) -> None:
        props = affected_props(type(model))[name]
        with self._lock:
            was_clean = not self._pending()
            dirty = self._dirty.get(model)
            if dirty is None:
                self._dirty[model] = dict.fromkeys(props)
            else:
                dirty.update(dict.fromkeys(props))
            self._structure_dirty |= structural
        if was_clean and self.on_dirty is not None:
            self.on_dirty()

    def _pending(self) -> bool:
        # Called with the lock held.
        return bool(self._dirty or self._forced or self._structure_dirty or self._top_dirty)

    @property
    def dirty(self) -> bool:
        with self._lock:
            return self._pending()

    # -- structure -----------------------------------------------------------------------

    def _ref(self, model: Model) -> str:
        return self._ids[model]

    def _walk(self) -> list[Model]:
        """Reachable models, depth-first from the roots (so ids read top to bottom)."""
        seen: dict[Model, None] = {}
        stack = list(reversed(self._roots))
        while stack:
            model = stack.pop()
            if model in seen:
                continue
            seen[model] = None
            stack.extend(reversed(list(model._sent_children())))
        return list(seen)

    def _sync_structure(self) -> tuple[list[Model], list[str]]:
        """Register newly reachable models, unregister unreachable ones.

        Returns (added models, removed ids). Ids are never reused (PROTOCOL.md §3).
        """
        reachable = self._walk()
        added = [m for m in reachable if m not in self._ids]
        for model in added:
            model_id = f"m{self._next_id}"
            self._next_id += 1
            self._ids[model] = model_id
            self._models[model_id] = model
            listen(model, self._hook)
        live = set(reachable)
        removed = [mid for m, mid in self._ids.items() if m not in live]
        for model_id in removed:
            self._forget(model_id)
        return added, removed

    def _forget(self, model_id: str) -> None:
        model = self._models.pop(model_id)
        del self._ids[model]
        unlisten(model, self._hook)
        self._mirror.pop(model_id, None)

    def _top_json(self) -> dict[str, JSON]:
        return {"title": self._title, "roots": [self._ids[m] for m in self._roots]}

    # -- output --------------------------------------------------------------------------

    def _drain(self) -> tuple[_Dirty, dict[tuple[str, str], None], bool, bool]:
        with self._lock:
            drained = (self._dirty, self._forced, self._structure_dirty, self._top_dirty)
            self._dirty, self._forced = {}, {}
            self._structure_dirty = self._top_dirty = False
        return drained

    def snapshot(self, seq: int) -> dict[str, JSON]:
        """The whole document as JSON, sent as ``snapshot`` number ``seq``.

        Pending changes are folded in; the mirror becomes this snapshot.
        """
        with self._state:
            return self._snapshot(seq)

    def _snapshot(self, seq: int) -> dict[str, JSON]:
        self._drain()
        self._sync_structure()
        models: dict[str, JSON] = {}
        self._mirror = {}
        for model, mid in self._ids.items():
            props = props_json(model, self._ref)
            models[mid] = {"type": type(model).__name__, "props": props}
            self._mirror[mid] = self._mirror_row(model, props)
        top = self._top_json()
        self._mirror_top = dict(top)
        self._prop_seq.clear()
        self._snapshot_seq = seq
        return {**top, "models": models}

    def take_ops(self, seq: int) -> list[dict[str, JSON]]:
        """The coalesced ops for every change since the last call, to be sent as ``seq``.

        Order: new models are added first (so refs resolve), then properties replaced, then
        unreachable models removed, all in one message (PROTOCOL.md §3).
        """
        with self._state:
            return self._take_ops(seq)

    def _take_ops(self, seq: int) -> list[dict[str, JSON]]:
        dirty, forced, structure, top = self._drain()
        ops: list[dict[str, JSON]] = []
        added: list[Model] = []
        removed: list[str] = []
        if structure:
            added, removed = self._sync_structure()
        for model in added:
            model_id = self._ids[model]
            props = props_json(model, self._ref)
            self._mirror[model_id] = self._mirror_row(model, props)
            ops.append({"op": "add", "path": f"/models/{model_id}",
                        "value": {"type": type(model).__name__, "props": props}})
        if top or structure:
            for key, value in self._top_json().items():
                if self._mirror_top.get(key, _MISSING) != value:
                    self._mirror_top[key] = value
                    ops.append({"op": "replace", "path": f"/{key}", "value": value})
        fresh = {self._ids[m] for m in added}
        for model, props in dirty.items():
            mid = self._ids.get(model)
            if mid is None or mid in fresh:
                continue
            for prop in props:
                self._replace_op(ops, model, mid, prop, seq, force=(mid, prop) in forced)
        for mid, prop in forced:
            target = self._models.get(mid)
            if target is not None and mid not in fresh and prop not in dirty.get(target, {}):
                self._replace_op(ops, target, mid, prop, seq, force=True)
        ops.extend({"op": "remove", "path": f"/models/{mid}"} for mid in removed)
        return ops

    def _mirror_row(self, model: Model, props: dict[str, JSON]) -> list[JSON]:
        """The mirror of ``model`` once all its props (``props_json``) were sent.

        A :class:`Chunks` prop is read again here and its pieces put into ``props``, so that
        what is sent and what the mirror records come from one read of one object.
        """
        cls = type(model)
        empties = self._empties
        values = (props[name] for name in prop_index(cls))
        row = [empties[type(v)] if not v and type(v) in empties else v for v in values]
        for name in chunk_props(cls):
            source = getattr(model, name)
            if isinstance(source, Chunks):
                props[name] = source.pieces()
                row[prop_index(cls)[name]] = _Sent(source, len(props[name]))
        return row

    def _mirror_slot(self, model: Model, model_id: str, prop: str) -> tuple[list[JSON], int]:
        """The mirror row of ``model`` and the index of ``prop`` in it (KeyError if ``prop``
        is not a wire prop of its type)."""
        index = prop_index(type(model))
        i = index[prop]
        row = self._mirror.get(model_id)
        if row is None:
            row = self._mirror[model_id] = [_MISSING] * len(index)
        return row, i

    def _replace_op(self, ops: list[dict[str, JSON]], model: Model, model_id: str, prop: str,
                    seq: int, *, force: bool) -> None:
        if prop in chunk_props(type(model)):
            source = getattr(model, prop)
            if isinstance(source, Chunks):
                self._chunks_ops(ops, model, model_id, prop, source, seq, force=force)
                return
        value = prop_json(model, prop, self._ref)
        row, i = self._mirror_slot(model, model_id, prop)
        if force or row[i] != value:
            before, row[i] = row[i], value
            self._prop_seq[(model_id, prop)] = seq
            path = f"/models/{model_id}/props/{escape_token(prop)}"
            if not force and before is not _MISSING and prop in type(model)._diffed_props:
                ops.extend(diff_ops(path, before, value))  # only what changed (core/diff.py)
            else:
                ops.append({"op": "replace", "path": path, "value": value})

    def _chunks_ops(self, ops: list[dict[str, JSON]], model: Model, model_id: str, prop: str,
                    source: Chunks, seq: int, *, force: bool) -> None:
        """Ops for a :class:`Chunks` prop: when the client holds a prefix of this same
        object, one ``add`` per new piece (O(new pieces), whatever the text's length);
        otherwise (another object, a snapshot's mirror lost, or ``force``) a ``replace``."""
        row, i = self._mirror_slot(model, model_id, prop)
        sent = row[i]
        path = f"/models/{model_id}/props/{prop}"
        if not force and isinstance(sent, _Sent) and sent.source is source:
            pieces = source.pieces(sent.count)
            if pieces:
                ops.extend({"op": "add", "path": f"{path}/-", "value": p} for p in pieces)
                row[i] = _Sent(source, sent.count + len(pieces))
                self._prop_seq[(model_id, prop)] = seq
            return
        value = source.pieces()
        row[i] = _Sent(source, len(value))
        self._prop_seq[(model_id, prop)] = seq
        ops.append({"op": "replace", "path": path, "value": value})

    # -- input ---------------------------------------------------------------------------

    def _client_target(self, op: Any) -> tuple[str, str]:
        if not isinstance(op, dict) or not isinstance(op.get("path"), str) or "op" not in op:
            raise BadMessage("each op must be an object with 'op' and 'path'")
        parts = op["path"].split("/")
        if len(parts) != 5 or parts[0] != "" or parts[1] != "models" or parts[3] != "props":
            raise Forbidden(f"a client may not change {op['path']!r}")
        return parts[2], parts[4]

    def apply_client_ops(self, ops: list[Any], *, base: int) -> None:
        """Apply a client ``patch``'s ops as a whole, or refuse it as a whole.

        Every op is checked (PROTOCOL.md §5: ``replace`` of a client-writable property of a
        known model, with a value the property accepts) before any value is set; then each
        model's values are set in one batch (its watchers see one batch of events). Raises
        :class:`Refused` with the ``(model_id, prop)`` pairs the message named, for the
        caller to restore.
        """
        if len(ops) == 1:
            self._apply_one(ops[0], base)
            return
        with self._state:
            updates = self._accept_client_ops(ops, base)
        by_model: dict[Model, dict[str, Any]] = {}
        for (_, prop), (model, value) in updates.items():
            by_model.setdefault(model, {})[prop] = value
        for model, values in by_model.items():
            set_client_values(model, values)

    def _apply_one(self, op: Any, base: int) -> None:
        """A message of one op (a widget moved): the set itself validates the value, which
        spares the trial set and restore that a message of several ops needs."""
        with self._state:
            try:
                model_id, prop, model = self._check_op(op)
                value = model._coerce_client_value(prop, op["value"])
            except Refused as exc:
                exc.paths = self._named([op])
                raise
            mirrored = self._accept_value(model_id, prop, model, value, base)
        try:
            set_client_values(model, {prop: value})
        except Refused as exc:
            if mirrored is not None:  # take back the client's value, unless sent over since
                with self._state:
                    row, i, before, after = mirrored
                    if row[i] is after:
                        row[i] = before
            exc.paths = ((model_id, prop),)
            raise

    def _named(self, ops: list[Any]) -> tuple[tuple[str, str], ...]:
        """The ``(model_id, prop)`` pairs a message names, for a refusal to restore (§5)."""
        named: list[tuple[str, str]] = []
        for op in ops:
            try:
                named.append(self._client_target(op))
            except Refused:
                continue
        return tuple(named)

    def _accept_value(self, model_id: str, prop: str, model: Model, value: Any,
                      base: int) -> tuple[list[JSON], int, JSON, JSON] | None:
        """Record a client's accepted value in the mirror when §7 allows it: the client
        shows its own value only if it had seen our latest one. Returns (row, index, old
        mirror value, new mirror value) when it did."""
        seen = max(self._prop_seq.get((model_id, prop), 0), self._snapshot_seq)
        if seen > base or prop not in prop_index(type(model)):
            return None
        row, i = self._mirror_slot(model, model_id, prop)
        before, row[i] = row[i], to_json(value, self._ref)
        return row, i, before, row[i]

    def _accept_client_ops(self, ops: list[Any],
                           base: int) -> dict[tuple[str, str], tuple[Model, Any]]:
        try:
            updates = self._check_client_ops(ops)
        except Refused as exc:
            exc.paths = self._named(ops)
            raise
        for (model_id, prop), (model, value) in updates.items():
            self._accept_value(model_id, prop, model, value, base)
        return updates

    def _check_client_ops(self, ops: list[Any]) -> dict[tuple[str, str], tuple[Model, Any]]:
        updates: dict[tuple[str, str], tuple[Model, Any]] = {}
        for op in ops:
            model_id, prop, model = self._check_op(op)
            updates[(model_id, prop)] = (model, check_client_value(model, prop, op["value"]))
        return updates

    def _check_op(self, op: Any) -> tuple[str, str, Model]:
        """Check everything about one op but its value: (model id, prop, model)."""
        model_id, prop = self._client_target(op)
        if op["op"] != "replace":
            raise Forbidden(f"a client may only 'replace', not {op['op']!r}")
        model = self._models.get(model_id)
        if model is None:
            raise Forbidden(f"unknown model {model_id!r}")
        if prop not in type(model)._client_writable:
            raise Forbidden(f"{type(model).__name__}.{prop} is not client-writable")
        if "value" not in op:
            raise BadMessage("a 'replace' op needs a 'value'")
        return model_id, prop, model

    def dispatch_event(self, model_id: str, name: str, data: JSON) -> None:
        """Deliver a client ``event``; raise :class:`Forbidden` if it is not declared."""
        with self._state:
            model = self._models.get(model_id)
        if model is None:
            raise Forbidden(f"unknown model {model_id!r}")
        if name not in type(model)._events:
            raise Forbidden(f"{type(model).__name__} has no event {name!r}")
        model._handle_event(name, data)

    def revert(self, paths: Iterable[tuple[str, str]]) -> None:
        """Send these properties' server values again at the next flush (PROTOCOL.md §5)."""
        with self._lock:
            self._forced.update(dict.fromkeys(
                (mid, prop) for mid, prop in paths if self._mirrored(mid, prop)))

    def _mirrored(self, model_id: str, prop: str) -> bool:
        """Whether the client was sent a value of this prop."""
        model, row = self._models.get(model_id), self._mirror.get(model_id)
        if model is None or row is None:
            return False
        i = prop_index(type(model)).get(prop)
        return i is not None and row[i] is not _MISSING

    def close(self) -> None:
        """Stop watching every model; the document sends nothing more. Idempotent."""
        with self._state:
            if self._closed:
                return
            self._closed = True
            for model_id in list(self._models):
                self._forget(model_id)
            self.on_dirty = None
