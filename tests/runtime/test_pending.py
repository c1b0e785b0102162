"""``AppRegistrations``: what is registered before a runtime exists is adopted by the next
one, which then takes later registrations directly until it closes."""

from __future__ import annotations

import pytest

from docsync.runtime.context import Runtime, RuntimeConfig
from docsync.runtime.pending import REGISTRATIONS, AppRegistrations
from tests.server.support import wait_until


@pytest.fixture
def registrations():
    """The process's registrations, left empty for the next test."""
    REGISTRATIONS.clear()
    yield REGISTRATIONS
    REGISTRATIONS.clear()


async def test_the_next_runtime_adopts_what_waited(registrations: AppRegistrations):
    ran: list[str] = []

    def created(ctx):
        ran.append("created")

    def destroyed(ctx):
        ran.append("destroyed")

    registrations.on_session_created(created)
    registrations.on_session_destroyed(destroyed)
    registrations.schedule_task("job", lambda: ran.append("job"), period=0.01)
    registrations.schedule_task("job", lambda: ran.append("other"), period=0.01)  # no-op
    registrations.cache()["key"] = "value"
    kept = registrations.cache()
    assert registrations.pending and registrations.live is None
    runtime = Runtime(RuntimeConfig(num_threads=1))
    try:
        assert not registrations.pending and registrations.live is runtime
        assert runtime.created_hooks == [created] and runtime.destroyed_hooks == [destroyed]
        assert runtime.cache is kept and runtime.cache == {"key": "value"}
        assert runtime.tasks.names() == ["job"]
        await wait_until(lambda: "job" in ran)
        assert "other" not in ran
        # While it runs, registrations made outside any context reach it directly.
        registrations.on_session_created(destroyed)
        registrations.schedule_task("later", lambda: None, period=1)
        assert runtime.created_hooks == [created, destroyed]
        assert runtime.tasks.names() == ["job", "later"]
        assert registrations.cache() is runtime.cache and not registrations.pending
    finally:
        runtime.close()
    # Closed: registrations wait for the next runtime again.
    assert registrations.live is None
    registrations.on_session_created(created)
    assert registrations.pending and runtime.created_hooks == [created, destroyed]


async def test_a_waiting_task_can_be_cancelled_and_clear_forgets_everything(
        registrations: AppRegistrations):
    registrations.schedule_task("job", lambda: None, period=1)
    assert registrations.cancel_task("job") and not registrations.cancel_task("job")
    registrations.on_session_created(print)
    registrations.clear()
    assert not registrations.pending
