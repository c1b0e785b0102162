"""``--metrics``: a server's Prometheus metrics at ``/metrics``, and the sum of workers'.

Two kinds of numbers. Events that happen outside the core are counted as they happen:
frames in and out (the pump), the time of each queued call and each callback error (the
runtime, through :class:`~docsync.runtime.observer.CallbackObserver`). Everything the core
and the Redis link already know is read when scraped: sessions live and detached, opened,
destroyed, resumed, refusals by code (:meth:`SessionRegistry.census`), the calls waiting in
the sessions' queues, Redis outages. So the hot path pays two counter increments per
frame, and nothing at all while metrics are off (the server then has no ``Metrics``).

Each server keeps its metrics in a ``CollectorRegistry`` of its own, never in
prometheus-client's process-wide default one: two servers in one process (tests,
``ds.serve`` twice) report their own numbers.

With ``--num-procs`` the acceptor asks every worker for its text and adds them up with
:func:`merge` (``docsync.server.scrape``). prometheus-client's multiprocess mode was not
used: it keeps values in memory-mapped files per process and cannot serve the numbers
that are read when scraped (sessions live, queue depth, unsent bytes), which are most of
these.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.parser import text_string_to_metric_families

from docsync.core.registry import SessionRegistry

if TYPE_CHECKING:
    from docsync.cluster.link import RedisLink
    from docsync.runtime.context import Runtime

__all__ = ["CONTENT_TYPE", "METRIC_NAMES", "Metrics", "merge"]

#: The ``Content-Type`` of ``/metrics``: Prometheus' text format 0.0.4.
#: Every name here is a legacy one, so the text is the same in the format's versions.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

#: Seconds: from a quick watcher (a millisecond) to a callback that blocks its session.
CALLBACK_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    10.0, 30.0)

#: Families whose sum over workers means nothing: the acceptor keeps their largest value.
MAX_FAMILIES = frozenset({"docsync_unsent_bytes_max"})

#: Every family ``/metrics`` may show (name as exposed, type): what README lists.
METRIC_NAMES = (
    ("docsync_sessions_live", "gauge"),
    ("docsync_sessions_detached", "gauge"),
    ("docsync_sessions_opened_total", "counter"),
    ("docsync_sessions_destroyed_total", "counter"),
    ("docsync_resumes_total", "counter"),
    ("docsync_refused_messages_total", "counter"),
    ("docsync_messages_received_total", "counter"),
    ("docsync_messages_sent_total", "counter"),
    ("docsync_callback_duration_seconds", "histogram"),
    ("docsync_callback_errors_total", "counter"),
    ("docsync_executor_queue_depth", "gauge"),
    ("docsync_unsent_bytes", "gauge"),
    ("docsync_unsent_bytes_max", "gauge"),
    ("docsync_redis_available", "gauge"),
    ("docsync_redis_outages_total", "counter"),
    ("docsync_workers_scraped", "gauge"),
)


class Metrics:
    """One server's metrics. The server makes it from its session registries (app path →
    registry), sets :attr:`runtime` and :attr:`link` once started, and passes it to the
    pump and, as its callback observer, to the runtime. Thread-safe."""

    #: Without its charset, which ``docsync.server.http.response`` adds.
    content_type = CONTENT_TYPE.split("; charset", 1)[0]

    def __init__(self, registries: Mapping[str, SessionRegistry]) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.runtime: Runtime | None = None
        self.link: RedisLink | None = None
        self._registries = registries
        self._received = Counter("docsync_messages_received",
                                 "WebSocket frames received from pages", registry=self.registry)
        self._sent = Counter("docsync_messages_sent", "WebSocket frames sent to pages",
                             registry=self.registry)
        self._callback_seconds = Histogram(
            "docsync_callback_duration_seconds",
            "Time of each call in a session's queue (a page's message with the callbacks it "
            "sets off, a periodic callback, state.execute)",
            buckets=CALLBACK_BUCKETS, registry=self.registry)
        self._callback_errors = Counter("docsync_callback_errors",
                                        "Callbacks that raised an exception",
                                        registry=self.registry)
        self.registry.register(_Readings(self))

    # -- counted as it happens -----------------------------------------------------------

    def received(self) -> None:
        """A frame came in from a page (the pump, on the loop)."""
        self._received.inc()

    def sent(self, frames: int = 1) -> None:
        """``frames`` frames went out to a page (the pump, on the loop)."""
        self._sent.inc(frames)

    def callback_ran(self, seconds: float) -> None:
        self._callback_seconds.observe(seconds)

    def callback_failed(self) -> None:
        self._callback_errors.inc()

    # -- scraped -------------------------------------------------------------------------

    def render(self) -> bytes:
        """The text of ``/metrics`` (:data:`CONTENT_TYPE`); call on the server's loop."""
        return generate_latest(self.registry)

    def _readings(self) -> Iterator[Metric]:
        live = GaugeMetricFamily("docsync_sessions_live",
                                 "Sessions with a page connected", labels=["app"])
        detached = GaugeMetricFamily("docsync_sessions_detached",
                                     "Sessions waiting for their page to reconnect",
                                     labels=["app"])
        opened = CounterMetricFamily("docsync_sessions_opened",
                                     "Sessions created for a new page", labels=["app"])
        destroyed = CounterMetricFamily("docsync_sessions_destroyed",
                                        "Sessions ended (expired, stopped, moved)",
                                        labels=["app"])
        resumes = CounterMetricFamily(
            "docsync_resumes", "Reconnections of a session, by how the page was brought up "
            "to date: replay of the log, or a snapshot (rebuilt sessions included)",
            labels=["app", "how"])
        refused = CounterMetricFamily("docsync_refused_messages",
                                      "Page messages refused, by error code",
                                      labels=["app", "code"])
        unsent = GaugeMetricFamily("docsync_unsent_bytes", "Bytes numbered for connected "
                                   "pages and not yet sent, over all connections")
        most = GaugeMetricFamily("docsync_unsent_bytes_max", "Bytes the furthest behind "
                                 "connection has not been sent yet")
        total_unsent = max_unsent = 0
        for app, registry in self._registries.items():
            census = registry.census()
            live.add_metric([app], census.live)
            detached.add_metric([app], census.detached)
            opened.add_metric([app], census.opened)
            destroyed.add_metric([app], census.destroyed)
            resumes.add_metric([app, "replay"], census.replayed)
            resumes.add_metric([app, "snapshot"], census.snapshots)
            for code, count in sorted(census.refused.items()):
                refused.add_metric([app, code], count)
            total_unsent += census.unsent_bytes
            max_unsent = max(max_unsent, census.max_unsent_bytes)
        unsent.add_metric([], total_unsent)
        most.add_metric([], max_unsent)
        yield from (live, detached, opened, destroyed, resumes, refused, unsent, most)
        runtime = self.runtime
        contexts = list(runtime.sessions.values()) if runtime is not None else []
        yield GaugeMetricFamily("docsync_executor_queue_depth", "Calls queued or running "
                                "in the sessions' serial queues",
                                value=sum(c.executor.pending for c in contexts))
        link = self.link
        if link is not None:
            yield GaugeMetricFamily("docsync_redis_available",
                                    "1 while Redis answers, 0 during an outage",
                                    value=1 if link.available else 0)
            yield CounterMetricFamily("docsync_redis_outages",
                                      "Times Redis stopped answering", value=link.outages)


class _Readings:
    """The numbers read when scraped, as a prometheus-client collector."""

    def __init__(self, metrics: Metrics) -> None:
        self._read: Callable[[], Iterator[Metric]] = metrics._readings

    def collect(self) -> Iterable[Metric]:
        return list(self._read())


class _Merged:
    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> Iterable[Metric]:
        return self._families


def merge(texts: Iterable[str], *, extra: Iterable[Metric] = ()) -> bytes:
    """The text of the sum of several ``/metrics`` texts: a sample with the same name and
    labels is added up, except a ``*_created`` timestamp (the earliest is kept) and the
    :data:`MAX_FAMILIES` (the largest). Help and type come from the first text that has the
    family. ``extra`` families are appended as they are. Raises ``ValueError`` for a text
    that is not Prometheus' format."""
    families: dict[str, Metric] = {}
    values: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]] = {}
    for text in texts:
        for family in text_string_to_metric_families(text):
            families.setdefault(family.name, family)
            table = values.setdefault(family.name, {})
            for sample in family.samples:
                key = (sample.name, tuple(sorted(sample.labels.items())))
                old = table.get(key)
                if old is None or math.isnan(old):
                    table[key] = sample.value
                elif sample.name.endswith("_created"):
                    table[key] = min(old, sample.value)
                elif family.name in MAX_FAMILIES:
                    table[key] = max(old, sample.value)
                else:
                    table[key] = old + sample.value
    merged: list[Metric] = []
    for name, first in families.items():
        family = Metric(name, first.documentation, first.type, first.unit)
        for (sample_name, labels), value in values[name].items():
            family.add_sample(sample_name, dict(labels), value)
        merged.append(family)
    merged.extend(extra)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Merged(merged))
    return generate_latest(registry)
