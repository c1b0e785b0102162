"""Summarise py-spy folded stacks: ``python -m tests.bench.folded FILE [--under FUNC]``.

Prints the share of samples by self frame (function) and by inclusive docsync function,
so the expensive parts of a case can be read without a flame graph viewer.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

REPO = str(Path(__file__).resolve().parents[2]) + "/"


def _name(frame: str) -> str:
    # py-spy raw frames look like "func (path/to/file.py:123)"
    func, _, rest = frame.partition(" (")
    path = rest.rstrip(")").rsplit(":", 1)[0]
    short = path.split("site-packages/")[-1].split(REPO)[-1].split("lib/python3")[-1]
    return f"{func} ({short})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--under", help="only stacks through this function name")
    args = ap.parse_args()
    self_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    with open(args.file) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            n = int(count)
            frames = [_name(fr) for fr in stack.split(";")]
            if args.under and not any(fr.startswith(args.under + " ") for fr in frames):
                continue
            if frames and frames[-1].split(" (")[0].endswith(("select", "poll", "_worker")):
                continue  # idle: the event loop waiting, a pool thread waiting for work
            total += n
            self_time[frames[-1]] += n
            for fr in set(frames):
                inclusive[fr] += n
    print(f"{total} busy samples")
    print("\nself time:")
    for name, n in self_time.most_common(args.top):
        print(f"  {n / total * 100:5.1f}%  {name}")
    print("\ninclusive (docsync and websockets functions):")
    shown = [(k, v) for k, v in inclusive.most_common() if "docsync/" in k or "websockets/" in k]
    for name, n in shown[: args.top]:
        print(f"  {n / total * 100:5.1f}%  {name}")


if __name__ == "__main__":
    main()
