"""Logins through an OpenID Connect / OAuth 2 provider (``--oauth-provider``), against a
real provider of the tests' own on loopback: redirects, PKCE, the ID token's checks, the
user endpoint, refresh, and the failures a user can meet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from docsync.server.login import COOKIE
from docsync.testing import NetworkClient, fetch
from tests.server.oidc_provider import Provider
from tests.server.support import APPS, texts


@pytest.fixture
def provider() -> Iterator[Provider]:
    started = Provider().start()
    yield started
    started.stop()


async def serve(docsync_serve, provider: Provider, **extra: str) -> str:
    params = extra.pop("params", None) or {"issuer": provider.issuer}
    server = docsync_serve(
        APPS / "oauth_whoami.py", "--port", "0", "--oauth-provider",
        extra.pop("name", "generic"), "--oauth-key", provider.client_id, "--oauth-secret",
        provider.client_secret, "--oauth-extra-params", json.dumps(params),
        "--cookie-secret", "shared", *(a for kv in extra.items() for a in kv))
    return (await server.wait_serving())["oauth_whoami"]


class Browser:
    """Follows redirects and keeps cookies per host, as a browser does (enough of it)."""

    def __init__(self) -> None:
        self.cookies: dict[str, dict[str, str]] = {}

    async def get(self, url: str, *, hops: int = 8) -> tuple[int, str, bytes]:
        """GET ``url`` and follow redirects; the last status, URL and body."""
        for _ in range(hops):
            host = urlsplit(url).netloc
            jar = self.cookies.setdefault(host, {})
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
            status, answer, body = await fetch(url, headers=headers)
            for line in answer.get("set-cookie", "").splitlines():
                if line:
                    name, _, value = line.split(";", 1)[0].partition("=")
                    if "Max-Age=0" in line:
                        jar.pop(name, None)
                    else:
                        jar[name] = value
            if status not in (301, 302, 303):
                return status, url, body
            url = urljoin(url, answer["location"])
        raise AssertionError("too many redirects")


async def test_a_login_through_the_provider(docsync_serve, provider):
    url = await serve(docsync_serve, provider)
    browser = Browser()
    status, where, _ = await browser.get(url)
    assert (status, where) == (200, url)
    login = browser.cookies[urlsplit(url).netloc][COOKIE]
    client = NetworkClient(url)
    client.extra_headers["Cookie"] = f"{COOKIE}={login}"
    await client.open()
    try:
        shown = texts(client.client)
        assert "user=ann" in shown and "email=ann@example.org" in shown
        assert f"token={provider.issued[-1]}" in shown and "refresh=True" in shown
    finally:
        await client.close()


async def test_the_redirect_asks_for_code_with_pkce_state_and_nonce(docsync_serve, provider):
    url = await serve(docsync_serve, provider)
    status, headers, _ = await fetch(urljoin(url, "login?next=/oauth_whoami"))
    assert status == 302
    asked = {k: v[0] for k, v in parse_qs(urlsplit(headers["location"]).query).items()}
    assert headers["location"].startswith(f"{provider.issuer}/authorize?")
    assert asked["response_type"] == "code" and asked["code_challenge_method"] == "S256"
    assert asked["redirect_uri"] == urljoin(url, "login")
    assert len(asked["state"]) >= 32 and len(asked["nonce"]) >= 32
    assert "HttpOnly" in headers["set-cookie"] and "Path=/login" in headers["set-cookie"]


async def test_a_callback_that_did_not_start_here_is_refused(docsync_serve, provider):
    url = await serve(docsync_serve, provider)
    status, _, body = await fetch(urljoin(url, "login?code=abc&state=forged"))
    assert status == 400 and b"did not start here" in body
    status, _, body = await fetch(urljoin(url, "login?error=access_denied"))
    assert status == 400 and b"refused: access_denied" in body


async def test_a_forged_id_token_is_refused(docsync_serve, provider):
    provider.forge = True
    url = await serve(docsync_serve, provider)
    status, _, body = await Browser().get(url)
    assert status == 400 and b"did not verify" in body


async def test_a_provider_without_id_tokens_is_asked_at_its_user_endpoint(
        docsync_serve, provider):
    params = {"AUTHORIZE_URL": f"{provider.issuer}/authorize",
              "TOKEN_URL": f"{provider.issuer}/token", "USER_URL": f"{provider.issuer}/user",
              "USER_KEY": "login"}
    url = await serve(docsync_serve, provider, params=params, **{"--oauth-scopes": "read"})
    browser = Browser()
    assert (await browser.get(url))[0] == 200
    client = NetworkClient(url)
    client.extra_headers["Cookie"] = f"{COOKIE}={browser.cookies[urlsplit(url).netloc][COOKIE]}"
    await client.open()
    assert "user=ann" in texts(client.client)
    await client.close()


async def test_an_expired_access_token_is_refreshed_on_the_next_page(docsync_serve, provider):
    provider.access_lifetime = 0  # expired as soon as it is issued
    url = await serve(docsync_serve, provider)
    browser = Browser()
    assert (await browser.get(url))[0] == 200
    assert provider.refreshes == 1  # the login's page load already refreshed it
    assert (await browser.get(url))[0] == 200
    assert provider.refreshes == 2 and len(provider.issued) == 3
    provider.refuse_refresh = True
    provider.access_lifetime = 3600
    status, where, _ = await browser.get(url)
    assert status == 200 and where == url  # logged in again through the provider
    assert len(provider.issued) == 4


async def test_an_unreachable_provider_says_so(docsync_serve, provider):
    url = await serve(docsync_serve, provider, params={"issuer": "http://127.0.0.1:9"})
    status, _, body = await fetch(urljoin(url, "login"))
    assert status == 400 and b"cannot be reached" in body
