"""The acceptor's routing rules, without processes: which request goes to which worker."""

from __future__ import annotations

import secrets
from collections import Counter

from docsync.core.tokens import issue_token, new_session_id
from docsync.server.acceptor import request_session, worker_index
from docsync.server.pages import bootstrap_page


def test_a_websocket_request_line_names_its_session():
    head = b"GET /app/ws?session=abc-_DEF HTTP/1.1\r\nHost: x\r\n\r\n"
    assert request_session(head) == "abc-_DEF"
    assert request_session(b"GET /group/inner/ws?x=1&session=s1 HTTP/1.1\r\n") == "s1"
    # Only the request line counts, and it may arrive without the rest of the head.
    assert request_session(b"GET /app/ws?session=s2 HTTP/1.1\n") == "s2"


def test_other_requests_name_no_session():
    assert request_session(b"GET /app HTTP/1.1\r\nHost: x\r\n\r\n") is None
    assert request_session(b"GET /_docsync/static/docsync.js HTTP/1.1\r\n") is None
    assert request_session(b"GET /app/ws HTTP/1.1\r\n") is None
    assert request_session(b"GET /app/ws?session= HTTP/1.1\r\n") is None
    assert request_session(b"garbage\r\n") is None
    assert request_session(b"") is None
    # A header that looks like a target is not the target.
    assert request_session(b"GET /app HTTP/1.1\r\nX: /ws?session=s3\r\n") is None


def test_the_page_url_routes_like_its_token():
    session_id = new_session_id(secrets.token_bytes(16))
    token = issue_token(b"k" * 32, session_id, 0)
    page = bootstrap_page(app="group/app", token=token, session_id=session_id, title="t",
                          static="", max_message=1024)
    assert f'"ws": "app/ws?session={session_id}"' in page
    assert request_session(f"GET /group/app/ws?session={session_id} HTTP/1.1\r\n".encode()) \
        == session_id == token.split(".")[0]


def test_worker_index_is_stable_and_spreads_random_ids_evenly():
    # Pinned: the rule must not change between processes, restarts or releases (a load
    # balancer may apply it too).
    assert [worker_index("AAAAAAAAAAAAAAAAAAAAAA", n) for n in (1, 3, 7)] == [0, 1, 6]
    assert worker_index("s1", 4) == worker_index("s1", 4)
    ids = [new_session_id(secrets.token_bytes(16)) for _ in range(8000)]
    counts = Counter(worker_index(i, 4) for i in ids)
    assert sorted(counts) == [0, 1, 2, 3]
    # Expected 2,000 each with a standard deviation of about 39: 300 is over 7 of them.
    assert all(1700 <= c <= 2300 for c in counts.values()), counts
