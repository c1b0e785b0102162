"""A runtime on the test's event loop, closed at teardown."""

import pytest

from docsync.runtime.context import Runtime, RuntimeConfig


@pytest.fixture
async def runtime():
    rt = Runtime(RuntimeConfig(num_threads=2, max_callback_errors=3))
    yield rt
    rt.close()


@pytest.fixture
def manual():
    """A runtime on a manual clock: ``manual.runtime``, time moved by ``manual.advance``
    (``docsync.testing.LocalClient``, serving an empty page)."""
    from docsync.testing import LocalClient

    with LocalClient(lambda: "") as client:
        yield client
