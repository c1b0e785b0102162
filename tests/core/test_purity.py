"""DESIGN.md §1: the core does no I/O, reads no clock, makes no randomness."""

import ast
from pathlib import Path

import docsync.core

FORBIDDEN = {"asyncio", "socket", "websockets", "time", "random", "secrets", "os", "select",
             "selectors", "subprocess", "ssl", "http", "urllib", "uuid", "logging",
             "jupyter", "ipykernel", "anywidget"}

CLOCK_READS = {"now", "today", "utcnow", "monotonic", "perf_counter", "time_ns", "urandom"}


def test_core_imports_nothing_that_does_io_or_reads_the_clock():
    folder = Path(docsync.core.__file__).parent
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
            if isinstance(node, ast.Attribute) and node.attr in CLOCK_READS:
                raise AssertionError(f"{path.name}:{node.lineno} reads the clock (.{node.attr})")
            for name in names:
                if name.startswith("docsync."):
                    assert name.startswith(("docsync.core", "docsync.exceptions")), \
                        f"{path.name} imports {name} from outside the core"
