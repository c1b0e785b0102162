"""What is saved of a session, and how it is put back into a rebuilt one (no I/O)."""

from __future__ import annotations

import pickle
import threading

import docsync as ds
from docsync.cluster.record import Record, capture, restore
from docsync.core.document import Document
from docsync.core.session import Session
from docsync.location import Location
from docsync.runtime.store import SessionStore


def build(end: int = 100):
    """A small app, built afresh each call as a rebuilt session's app would be."""
    x = ds.widgets.IntSlider(name="x", start=0, end=end, value=1)
    unit = ds.widgets.Select(name="unit", options=["m", "km"])
    more = ds.widgets.Checkbox(name="more", value=False)

    def extra(show):  # a widget made only when a restored value asks for it
        return ds.widgets.TextInput(name="note", value="") if show else "nothing more"

    document = Document([ds.Column(x, unit, more, ds.bind(extra, more)),
                         Location.from_client({"pathname": "/app"})])
    session = Session("s" * 22, document)
    session.sync(None)  # ids, as when the page opened
    return session, x, unit, more


def note(session):
    found = [m for m in session.document.models.values()
             if isinstance(m, ds.widgets.TextInput)]
    return found[0] if found else None


def test_capture_holds_client_writable_values_by_id_type_and_prop_and_the_store():
    session, x, unit, _ = build()
    store = SessionStore()
    x.value, unit.value, store["who"] = 7, "km", {"name": "ann"}
    session.applied_cseq = 3
    record = capture(session, store)
    assert record.cseq == 3 and record.store == {"who": {"name": "ann"}}
    by_type = {(t, prop): v for _, t, prop, v in record.values}
    assert by_type[("IntSlider", "value")] == 7 and by_type[("Select", "value")] == "km"
    assert not any(t == "Location" for _, t, _, _ in record.values)  # the new hello says
    assert Record.from_state(pickle.loads(pickle.dumps(record.to_state()))) == record


def test_restore_puts_values_back_into_the_same_ids_even_those_a_value_creates():
    session, x, unit, more = build()
    store = SessionStore()
    x.value, unit.value, more.value = 9, "km", True
    session.flush()  # the bound TextInput now exists and has an id
    note(session).value = "remember me"
    store["k"] = 1
    session.applied_cseq = 5
    record = capture(session, store)

    again, x2, unit2, more2 = build()
    store2 = SessionStore()
    store2["k"] = "set by the app while it ran again"
    assert restore(again, store2, record) == 4
    assert (x2.value, unit2.value, more2.value) == (9, "km", True)
    assert note(again) is not None and note(again).value == "remember me"
    assert dict(store2) == {"k": 1} and again.applied_cseq == 5 and again.ack_limit == 5


def test_mismatched_or_refused_values_are_skipped_and_the_rest_restored():
    session, x, unit, _ = build(end=100)
    x.value, unit.value = 90, "km"
    record = capture(session, SessionStore())
    # The same ids now hold other types: nothing of those is set.
    record.values = [(mid, "Toggle" if t == "Select" else t, p, v)
                     for mid, t, p, v in record.values]
    again, x2, unit2, _ = build(end=50)  # the app's bounds changed: 90 is refused
    restore(again, SessionStore(), record)
    assert x2.value == 1 and unit2.value == "m"


def test_values_pickle_refuses_are_left_out_and_named():
    session, _, _, _ = build()
    store = SessionStore()
    store["ok"], store["lock"] = 1, threading.Lock()
    record = capture(session, store)
    assert record.store == {"ok": 1} and record.skipped == ["state.session['lock']"]
    pickle.dumps(record.to_state())
