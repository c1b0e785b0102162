"""Who may log in with ``--basic-auth``: one shared password, or a file of users.

``--basic-auth VALUE`` is read as (Panel's meanings, plus hashed lines):

- the path of a ``.json`` file mapping user names to passwords (Panel's format; the
  passwords are in clear, so keep the file private);
- the path of any other file of ``user:hash`` lines, each hash made by
  ``docsync hash-password`` (Argon2id, through ``argon2-cffi``); blank lines and ``#``
  comments are skipped;
- otherwise the one password every user enters, with any user name (as in Panel, the name
  is then not authenticated: it is only what the user typed).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docsync.exceptions import UsageError

__all__ = ["Credentials", "hash_password"]


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise UsageError("hashed passwords need argon2-cffi: pip install 'docsync[auth]'") \
            from None
    return PasswordHasher()


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` for a ``user:hash`` line."""
    return str(_hasher().hash(password))


@dataclass(frozen=True)
class Credentials:
    """The accepted logins: ``shared`` (any user name with this password), ``clear``
    (user → password) or ``hashed`` (user → Argon2 hash); exactly one is set."""

    shared: str | None = None
    clear: Mapping[str, str] | None = None
    hashed: Mapping[str, str] | None = None

    @classmethod
    def parse(cls, value: str | Mapping[str, str]) -> Credentials:
        """From ``--basic-auth`` (see the module docstring) or ``ds.serve(basic_auth=...)``
        (a password, a file path or a dict of user → password). Raises ``UsageError``
        naming the flag for an empty password or an unreadable file."""
        if isinstance(value, Mapping):
            if not value:
                raise UsageError("basic_auth: give at least one user")
            return cls(clear=dict(value))
        path = Path(value)
        if not value:
            raise UsageError("--basic-auth: give a password or a credentials file")
        if not path.is_file():
            return cls(shared=value)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            try:
                users = json.loads(text)
            except ValueError as exc:
                raise UsageError(f"--basic-auth {value}: not JSON ({exc})") from None
            if not isinstance(users, dict) or not users or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in users.items()):
                raise UsageError(f"--basic-auth {value}: give an object of user name → "
                                 "password strings")
            return cls(clear=users)
        hashed: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            user, sep, digest = line.partition(":")
            if not sep or not user or not digest.startswith("$argon2"):
                raise UsageError(f"--basic-auth {value}, line {number}: give user:hash, the "
                                 "hash from: docsync hash-password")
            hashed[user] = digest
        if not hashed:
            raise UsageError(f"--basic-auth {value}: the file lists no user")
        _hasher()  # fail at start, not at the first login, without argon2-cffi
        return cls(hashed=hashed)

    def check(self, user: str, password: str) -> bool:
        """Whether ``user`` may log in with ``password`` (constant time for clear ones)."""
        if self.shared is not None:
            return hmac.compare_digest(password.encode(), self.shared.encode())
        if self.clear is not None:
            expected = self.clear.get(user)
            return expected is not None and hmac.compare_digest(password.encode(),
                                                                expected.encode())
        digest = (self.hashed or {}).get(user)
        if digest is None:
            return False
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return bool(_hasher().verify(digest, password))
        except (VerificationError, InvalidHashError):
            return False
