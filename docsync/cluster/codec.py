"""Signed pickles: what workers store in and pass through Redis or the session database.

Unpickling runs code, so a worker only unpickles bytes signed with the key every worker
shares (``DOCSYNC_SECRET_KEY``): a store that others can write to cannot make it run theirs.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle
from typing import Any

from docsync.exceptions import BadSignature

__all__ = ["dumps", "loads"]

_DIGEST = hashlib.sha256
_SIZE = _DIGEST().digest_size


def dumps(value: Any, secret: bytes) -> bytes:
    """``value`` pickled, prefixed with its HMAC-SHA256 under ``secret``."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hmac.new(secret, data, _DIGEST).digest() + data


def loads(blob: bytes, secret: bytes) -> Any:
    """The value :func:`dumps` made; :class:`~docsync.exceptions.BadSignature` if
    ``secret`` did not sign it."""
    signature, data = blob[:_SIZE], blob[_SIZE:]
    if not hmac.compare_digest(signature, hmac.new(secret, data, _DIGEST).digest()):
        raise BadSignature("not signed with this server's DOCSYNC_SECRET_KEY: give every "
                           "worker the same key")
    return pickle.loads(data)
