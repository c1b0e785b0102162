"""What is saved of a session: taken from a live one, put back into a rebuilt one.

A record holds the last applied client ``cseq``, the ``state.session`` values, and the value
of every client-writable property as ``(model id, model type, property, value)``. A rebuilt
session runs the app again, so a deterministic app makes the same models with the same ids
(ids are given in creation order, PROTOCOL.md §3); a saved value is put back only where id,
type and property still match, and skipped elsewhere.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docsync.core.client_values import check_client_value
from docsync.core.model import to_json
from docsync.core.session import Session
from docsync.location import Location
from docsync.runtime.store import SessionStore

__all__ = ["Record", "capture", "restore"]

log = logging.getLogger("docsync.persist")

#: Rounds of putting values back: a restored value may make new models (a ``bind`` that
#: returns widgets), whose ids exist only once the document has seen them.
MAX_PASSES = 4

Value = tuple[str, str, str, Any]  # model id, model type name, property, value


@dataclass
class Record:
    cseq: int
    store: dict[str, Any] = field(default_factory=dict)
    values: list[Value] = field(default_factory=list)
    #: What could not be pickled and was left out (for the log).
    skipped: list[str] = field(default_factory=list)

    def to_state(self) -> dict[str, Any]:
        """A plain dict to pickle (no docsync classes: a record outlives code versions)."""
        return {"v": 1, "cseq": self.cseq, "store": self.store, "values": self.values}

    @classmethod
    def from_state(cls, state: Any) -> Record:
        if not isinstance(state, dict) or state.get("v") != 1:
            raise ValueError("not a version 1 session record")
        return cls(int(state["cseq"]), dict(state["store"]), list(state["values"]))


def _writable_values(session: Session) -> Iterable[Value]:
    for model_id, model in session.document.models.items():
        if isinstance(model, Location):  # the reconnecting page's hello says where it is
            continue
        cls = type(model)
        for prop in sorted(cls._client_writable):
            yield model_id, cls.__name__, prop, getattr(model, prop)


def _picklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def capture(session: Session, store: SessionStore) -> Record:
    """The session's saved state now. Call it in the session's own queue, so that no
    client message is half applied: the values are those of ``cseq`` exactly."""
    record = Record(session.applied_cseq, dict(store), list(_writable_values(session)))
    if _picklable((record.store, record.values)):
        return record
    # Rare (a value changed in place to hold something pickle refuses): leave those out.
    for key in [k for k, v in record.store.items() if not _picklable(v)]:
        del record.store[key]
        record.skipped.append(f"state.session[{key!r}]")
    kept = []
    for value in record.values:
        if _picklable(value[3]):
            kept.append(value)
        else:
            record.skipped.append(f"{value[1]} {value[0]}.{value[2]}")
    record.values = kept
    return record


def _same(a: Any, b: Any) -> bool:
    try:
        return a is b or bool(a == b)
    except Exception:  # arrays and frames compare element-wise
        return False


def _no_ref(model: Any) -> str:
    raise TypeError("a saved value holds a component")


def restore(session: Session, store: SessionStore, record: Record) -> int:
    """Put ``record`` back into a session whose app just ran again; returns how many values
    were set. Call it in the session's context (value watchers run app code), before the
    session's first snapshot. Afterwards client messages up to ``record.cseq`` count as
    applied, and acknowledgements wait for the next save."""
    document = session.document
    pending = {(mid, prop): (type_name, value) for mid, type_name, prop, value in record.values}
    restored = 0
    for _ in range(MAX_PASSES):
        document.snapshot(0)  # ids for every model reachable now; the real one follows
        progress = False
        for (mid, prop), (type_name, value) in list(pending.items()):
            model = document.get_model(mid)
            if model is None:
                continue
            del pending[(mid, prop)]
            progress = True
            cls = type(model)
            if cls.__name__ != type_name or prop not in cls._client_writable:
                continue  # the app made something else here this time
            if _same(getattr(model, prop), value):
                continue
            try:
                # Checked as the page's value was when it arrived: with the client's rules,
                # which are stricter than the app's (a slider's bounds, say).
                setattr(model, prop, check_client_value(model, prop, to_json(value, _no_ref)))
                restored += 1
            except Exception as exc:  # the app changed its rules (bounds, options...)
                log.info("session %s: saved %s %s.%s not restored: %s", session.id[:8],
                         type_name, mid, prop, exc)
        if not pending or not progress:
            break
    store.load(record.store)  # last: the saved values win over what the app just set
    session.applied_cseq = record.cseq
    session.limit_acks(record.cseq)
    return restored
