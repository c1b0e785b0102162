"""Who may log in (``--basic-auth`` values), the login signer and the throttle: pure rules."""

from __future__ import annotations

import pytest

from docsync.exceptions import UsageError
from docsync.server.credentials import Credentials, hash_password
from docsync.server.login import Login, LoginSigner, Throttle, safe_next


def test_a_shared_password_takes_any_user_name(tmp_path):
    creds = Credentials.parse("open sesame")
    assert creds.check("anyone", "open sesame") and not creds.check("anyone", "nope")


def test_a_json_file_maps_users_to_passwords(tmp_path):
    path = tmp_path / "users.json"
    path.write_text('{"ann": "one", "ben": "two"}')
    creds = Credentials.parse(str(path))
    assert creds.check("ann", "one") and not creds.check("ann", "two")
    assert not creds.check("cat", "one")


def test_a_file_of_hashes(tmp_path):
    path = tmp_path / "users"
    path.write_text(f"\n# comment\nann:{hash_password('one')}\n")
    creds = Credentials.parse(str(path))
    assert creds.check("ann", "one") and not creds.check("ann", "One")
    assert not creds.check("ben", "one")
    assert Credentials.parse({"x": "y"}).check("x", "y")


@pytest.mark.parametrize(("text", "message"), [
    ("ann:clear-text\n", "line 1: give user:hash"),
    ("# only a comment\n", "lists no user"),
])
def test_bad_files_say_what_to_fix(tmp_path, text, message):
    path = tmp_path / "users"
    path.write_text(text)
    with pytest.raises(UsageError, match=message):
        Credentials.parse(str(path))


def test_cookies_and_codes_are_signed_typed_and_expire():
    signer = LoginSigner(b"k")
    login = Login("ann", 1000.0, "id1")
    assert signer.read_cookie(signer.cookie(login), now=999) == login
    assert signer.read_cookie(signer.cookie(login), now=1000) is None  # expired
    assert LoginSigner(b"other").read_cookie(signer.cookie(login), now=0) is None
    code = signer.code(login, now=500)
    assert signer.read_code(code, now=510) == login
    assert signer.read_code(code, now=531) is None  # codes live 30 s
    assert signer.read_cookie(code, now=510) is None  # a code is no cookie
    assert signer.read_code(signer.cookie(login), now=510) is None  # nor the other way
    body, _, mac = signer.cookie(login).partition(".")
    assert signer.read_cookie(body[:-2] + "xx." + mac, now=0) is None
    assert signer.from_headers('a=1; docsync_login="bad', now=0) is None


def test_the_throttle_locks_a_key_after_repeated_failures():
    throttle = Throttle(max_failures=3, window=60, lockout=30)
    keys = ["address:1.2.3.4", "user:ann"]
    for t in (0, 10, 20):
        assert throttle.wait(keys, now=t) == 0
        throttle.failed(keys, now=t)
    assert throttle.wait(["user:ann"], now=25) == 25
    assert throttle.wait(["address:9.9.9.9", "user:ann"], now=25) == 25  # per user too
    assert throttle.wait(keys, now=51) == 0
    throttle.failed(keys, now=100)
    throttle.succeeded(keys)
    throttle.failed(keys, now=101)
    throttle.failed(keys, now=102)
    assert throttle.wait(keys, now=103) == 0  # a success forgets earlier failures


def test_next_never_leaves_the_site():
    assert safe_next("/app?x=1", "/") == "/app?x=1"
    for bad in ("https://evil.example/", "//evil.example", "/\\evil", "", None, "app"):
        assert safe_next(bad, "/p/") == "/p/"
