"""``state.publish`` / ``state.subscribe``: named channels between the sessions of a process.

With Redis, ``docsync.cluster.bus.RedisBus`` carries the same calls to every worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

__all__ = ["LocalBus", "Subscriber", "Subscription"]


class Subscriber(Protocol):
    """Who a subscription belongs to: a session (``SessionContext``) or the runtime. Its
    ``execute`` runs a callback soon in its own context, from any thread."""

    def execute(self, callback: Callable[[], Any]) -> None: ...


class Subscription:
    """``callback(message)`` for every message published on ``channel``, run by ``owner``.

    :meth:`cancel` ends it; a session's subscriptions end when the session is destroyed.
    """

    def __init__(self, bus: LocalBus, channel: str, callback: Callable[[Any], Any],
                 owner: Subscriber) -> None:
        self.channel = channel
        self.callback = callback
        self.owner = owner
        self._bus = bus
        self.active = True

    def cancel(self) -> None:
        """Stop receiving; idempotent."""
        if self.active:
            self.active = False
            self._bus._remove(self)

    def __repr__(self) -> str:
        return f"Subscription({self.channel!r}, active={self.active})"


class LocalBus:
    """Channels within this process. Thread-safe.

    A message reaches every subscription to its channel that exists when it is published,
    each run in its owner's context (a session's callbacks one at a time in that session's
    queue, like its other callbacks). Messages from one thread arrive in the order sent.
    """

    #: True when messages reach other processes too (``RedisBus``).
    shared = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._channels: dict[str, list[Subscription]] = {}

    def subscribe(self, channel: str, callback: Callable[[Any], Any], *,
                  owner: Subscriber) -> Subscription:
        if not isinstance(channel, str) or not channel:
            raise ValueError(f"a channel is a non-empty string, not {channel!r}")
        if not callable(callback):
            raise TypeError(f"subscribe needs a callback taking the message, not {callback!r}")
        subscription = Subscription(self, channel, callback, owner)
        with self._lock:
            self._channels.setdefault(channel, []).append(subscription)
        return subscription

    def publish(self, channel: str, message: Any) -> None:
        """Send ``message`` to the channel's subscribers (from any thread; returns at once)."""
        if not isinstance(channel, str) or not channel:
            raise ValueError(f"a channel is a non-empty string, not {channel!r}")
        self.deliver(channel, message)

    def deliver(self, channel: str, message: Any) -> int:
        """Hand ``message`` to this process's subscribers of ``channel``; how many."""
        with self._lock:
            subscriptions = list(self._channels.get(channel, ()))
        for subscription in subscriptions:
            subscription.owner.execute(partial(subscription.callback, message))
        return len(subscriptions)

    def subscribers(self, channel: str) -> int:
        with self._lock:
            return len(self._channels.get(channel, ()))

    def _remove(self, subscription: Subscription) -> None:
        with self._lock:
            subscriptions = self._channels.get(subscription.channel, [])
            if subscription in subscriptions:
                subscriptions.remove(subscription)
            if not subscriptions:
                self._channels.pop(subscription.channel, None)

    async def close(self) -> None:
        """End every subscription."""
        with self._lock:
            subscriptions = [s for subs in self._channels.values() for s in subs]
            self._channels.clear()
        for subscription in subscriptions:
            subscription.active = False
