"""STYLE.md: small modules with one job, none over 500 lines (Python and the client's JS
sources alike; the built bundles in docsync/static are generated, not written)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 500


def test_no_module_is_over_500_lines():
    sources = [*ROOT.glob("docsync/**/*.py"), *ROOT.glob("tests/**/*.py"),
               *ROOT.glob("js/src/**/*.js"), *ROOT.glob("js/test/**/*.js")]
    assert len(sources) > 300  # the globs found the tree
    long = {str(p.relative_to(ROOT)): n for p in sources
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT}
    assert long == {}
