"""docsync.testing.LocalClient: drop, delay and resume through the real core."""

import docsync as ds
from docsync.testing import LocalClient


def hello():
    x = ds.widgets.IntSlider(name="x", end=10, value=3)
    return ds.Column(x, ds.bind(lambda v: f"x is {v}", x))


def test_round_trip_and_acks():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.set(s, "value", 6)
    assert c.client.prop(m, "object") == "x is 6" and c.client.outbox == []


def test_delayed_frames_lost_on_drop_are_replayed_on_resume():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.delay()
    c.set(s, "value", 7)
    c.drop()  # the reply was in flight
    assert c.client.prop(m, "object") == "x is 3" and len(c.client.outbox) == 1
    c.resume()
    assert c.client.prop(m, "object") == "x is 7" and c.client.outbox == []
    assert c.session.applied_cseq == 1


def test_edits_on_both_sides_while_dropped_converge():
    c = LocalClient(hello).connect()
    s, m = c.client.find("IntSlider"), c.client.find("Markdown")
    c.drop()
    c.document.get_model(s).value = 9
    c.set(s, "value", 2)
    c.set(s, "value", 4)
    c.resume()
    assert c.document.get_model(s).value == 4
    assert c.client.prop(s, "value") == 4 and c.client.prop(m, "object") == "x is 4"


def test_expiry_destroys_the_session():
    c = LocalClient(hello, reconnect_timeout=5).connect()
    c.drop()
    assert c.advance(4) == []
    assert len(c.advance(1)) == 1
