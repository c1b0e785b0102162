"""Where a session's memory goes: ``python -m tests.bench.mem_profile [APP] [N]``.

Builds N sessions of a bench app in-process exactly as the server's session factory does
(app run, ``Document``, ``Session``, welcome + snapshot), with no socket, and prints the
tracemalloc growth per session grouped by source line and by file. The socket side (the
websockets connection, asyncio transport and buffers) is the bench's RSS figure minus this.
"""

from __future__ import annotations

import gc
import secrets
import sys
import time
import tracemalloc
from pathlib import Path

from docsync.app_loader import load_apps
from docsync.core.document import Document
from docsync.core.messages import Hello
from docsync.core.session import Session
from tests.bench.proc import APPS

REPO = str(Path(__file__).resolve().parents[2]) + "/"


def main() -> None:
    app_name = sys.argv[1] if len(sys.argv) > 1 else "bench_wide"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    app = next(iter(load_apps(str(APPS / f"{app_name}.py")).values()))
    hello = Hello(protocol=1, token="", last_seq=None, args={}, location={})

    def one() -> Session:
        built = app.build()
        session = Session(secrets.token_hex(16), Document(built.roots, title=built.title),
                          hello=hello)
        session.welcome(resumed=False)
        session.sync(None)
        return session

    keep = [one() for _ in range(20)]  # warm caches
    gc.collect()
    tracemalloc.start(25)
    before = tracemalloc.take_snapshot()
    t0 = time.perf_counter()
    keep += [one() for _ in range(n)]
    elapsed = time.perf_counter() - t0
    gc.collect()
    after = tracemalloc.take_snapshot()
    stats = after.compare_to(before, "lineno")
    total = sum(s.size_diff for s in stats)
    print(f"{app_name}: {total / n / 1024:.1f} KiB per session (core only, tracemalloc), "
          f"{len(keep[-1].document.models)} models, build {elapsed / n * 1000:.2f} ms/session "
          "(with tracemalloc on)")
    print("\nby line (KiB per session):")
    for s in stats[:25]:
        frame = s.traceback[0]
        print(f"  {s.size_diff / n / 1024:7.2f}  {frame.filename.split('site-packages/')[-1]}"
              f":{frame.lineno}")
    print("\nby file (KiB per session):")
    for s in after.compare_to(before, "filename")[:12]:
        name = s.traceback[0].filename.split("site-packages/")[-1]
        print(f"  {s.size_diff / n / 1024:7.2f}  {name}")
    print("\nby caller inside docsync (KiB per session):")
    by_docsync: dict[str, int] = {}
    for s in after.compare_to(before, "traceback"):
        where = next((f"{f.filename.split('/docsync/')[-1]}:{f.lineno}"
                      for f in reversed(s.traceback) if "/docsync/" in f.filename
                      and "site-packages" not in f.filename), "(outside docsync)")
        # innermost docsync frame
        inner = next((f"{f.filename.split(REPO)[-1]}:{f.lineno}"
                      for f in s.traceback if f.filename.startswith(REPO + "docsync/")), where)
        by_docsync[inner] = by_docsync.get(inner, 0) + s.size_diff
    for where, size in sorted(by_docsync.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {size / n / 1024:7.2f}  {where}")


if __name__ == "__main__":
    main()
