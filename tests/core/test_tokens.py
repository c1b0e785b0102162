import pytest

from docsync.core.tokens import issue_token, new_session_id, verify_token
from docsync.exceptions import BadToken

SECRET = b"k" * 32


def test_session_ids_need_128_bits():
    assert len(new_session_id(bytes(range(16)))) >= 22
    with pytest.raises(ValueError):
        new_session_id(b"short")


def test_a_token_verifies_and_says_whether_it_is_fresh():
    token = issue_token(SECRET, "abc", 1000)
    info = verify_token(SECRET, token, now=1100, lifetime=300)
    assert (info.session_id, info.issued_at, info.fresh) == ("abc", 1000, True)
    assert not verify_token(SECRET, token, now=1301, lifetime=300).fresh


@pytest.mark.parametrize("mutate", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # forged signature
    lambda t: t.replace("abc", "abd", 1),  # another session id
    lambda t: t.replace(".1000.", ".1001.", 1),  # another issue time
    lambda t: "garbage",
    lambda t: "a.b.c",
    lambda t: t.replace("abc", "abé", 1),  # issue 12: non-ASCII raised UnicodeEncodeError
    lambda t: t.replace(".1000.", ".\uff11\uff10\uff10\uff10.", 1),  # full-width digits
])
def test_forged_or_malformed_tokens_close_with_4401(mutate):
    token = mutate(issue_token(SECRET, "abc", 1000))
    with pytest.raises(BadToken) as info:
        verify_token(SECRET, token, now=1000, lifetime=300)
    assert info.value.close_code == 4401


def test_another_servers_secret_does_not_verify():
    with pytest.raises(BadToken):
        verify_token(b"other" * 8, issue_token(SECRET, "abc", 0), now=0, lifetime=300)
