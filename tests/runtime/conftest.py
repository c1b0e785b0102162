"""A runtime on the test's event loop, closed at teardown."""

import pytest

from docsync.runtime.context import Runtime, RuntimeConfig


@pytest.fixture
async def runtime():
    rt = Runtime(RuntimeConfig(num_threads=2, max_callback_errors=3))
    yield rt
    rt.close()
