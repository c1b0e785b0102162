"""``LocalBus``: channels between the sessions and the runtime of one process."""

import threading

import pytest

from docsync.runtime.bus import LocalBus
from tests.server.support import wait_until


async def test_messages_reach_every_subscription_in_order_until_cancelled(runtime):
    bus = LocalBus()
    got: list[tuple[str, object]] = []
    first = bus.subscribe("c", lambda m: got.append(("first", m)), owner=runtime)
    bus.subscribe("c", lambda m: got.append(("second", m)), owner=runtime)
    bus.subscribe("other", lambda m: got.append(("other", m)), owner=runtime)
    for i in range(3):
        bus.publish("c", i)
    await wait_until(lambda: len(got) == 6)
    assert [m for who, m in got if who == "first"] == [0, 1, 2]
    assert [m for who, m in got if who == "second"] == [0, 1, 2]
    first.cancel()
    assert bus.subscribers("c") == 1 and not first.active
    threading.Thread(target=bus.publish, args=("c", "from a thread")).start()
    await wait_until(lambda: ("second", "from a thread") in got)
    assert ("first", "from a thread") not in got
    await bus.close()
    assert bus.subscribers("c") == 0


async def test_bad_channels_and_callbacks_are_refused(runtime):
    bus = LocalBus()
    with pytest.raises(ValueError, match="non-empty string"):
        bus.subscribe("", print, owner=runtime)
    with pytest.raises(TypeError, match="callback taking the message"):
        bus.subscribe("c", "not callable", owner=runtime)
    with pytest.raises(ValueError, match="non-empty string"):
        bus.publish(None, 1)
