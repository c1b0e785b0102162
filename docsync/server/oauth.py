"""Logins through an OAuth 2 / OpenID Connect provider (``--oauth-provider``).

The flow is the authorization code flow with PKCE, over GET requests only (the WebSocket
server reads no request bodies, and needs none here):

1. A page without a login is redirected to ``login``, which redirects to the provider's
   authorization endpoint with a random ``state``, a ``nonce`` and a PKCE challenge, kept
   in a signed, HttpOnly cookie that lives ten minutes.
2. The provider sends the browser back to the redirect URI (``<prefix>/login`` unless
   ``--oauth-redirect-uri`` says otherwise) with ``code`` and ``state``. The server checks
   the state against its cookie, exchanges the code at the token endpoint (authlib's OAuth 2
   client), and, for an OpenID Connect provider, checks the ID token: its signature against
   the provider's JWKS, ``iss``, ``aud``, ``exp`` and the ``nonce`` (joserfc). A provider
   without ID tokens (GitHub; or ``USER_URL``) is asked for the user at its user endpoint.
3. The login cookie then carries the user, the claims and the tokens (signed, HttpOnly);
   a page load after the access token expired refreshes it with the refresh token.

Providers: ``generic`` (``issuer`` for OpenID Connect discovery, or Panel's
``AUTHORIZE_URL``/``TOKEN_URL``/``USER_URL``/``USER_KEY``), and ``google``, ``azure``
(``tenant``), ``okta`` (``url``, ``server``), ``auth0`` (``subdomain`` or ``url``),
``keycloak`` (``url``, ``realm``), ``gitlab`` (``url``) through discovery, and ``github``.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from docsync.exceptions import OAuthError, UsageError
from docsync.identity import Login

__all__ = ["PROVIDERS", "OAuthConfig", "OAuthFlow", "provider_settings"]

log = logging.getLogger("docsync.login")

PROVIDERS = ("generic", "google", "azure", "okta", "auth0", "keycloak", "gitlab", "github")
STATE_LIFETIME = 600.0  # seconds between leaving for the provider and coming back
#: Claims of an ID token that are about the token, not the user: not kept in user_info.
_TOKEN_CLAIMS = frozenset({"iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash",
                           "azp", "auth_time", "jti", "sid", "uti", "rh", "aio", "ver"})


@dataclass(frozen=True)
class OAuthConfig:
    provider: str
    key: str  # the client id
    secret: str | None  # the client secret (None for a public client: PKCE only)
    extra_params: dict[str, Any] = field(default_factory=dict)
    scopes: tuple[str, ...] = ("openid", "email", "profile")
    redirect_uri: str | None = None
    expiry: float = 86400.0  # seconds a login lasts
    jwt_user: str | None = None  # the claim that names the user


@dataclass(frozen=True)
class Endpoints:
    authorize: str
    token: str
    user: str | None = None  # a user endpoint (no ID token), or OIDC's userinfo
    jwks: str | None = None
    issuer: str | None = None  # set: an OpenID Connect provider, whose ID token is checked


def _need(params: dict[str, Any], provider: str, name: str) -> str:
    value = params.get(name)
    if not value:
        raise UsageError(f"--oauth-provider {provider} needs --oauth-extra-params "
                         f"'{{\"{name}\": ...}}'")
    return str(value).rstrip("/")


def provider_settings(provider: str,
                      params: dict[str, Any]) -> tuple[str | None, Endpoints | None]:
    """``(issuer, None)`` for a provider found by OpenID Connect discovery, or
    ``(None, endpoints)`` for one with fixed endpoints. Raises ``UsageError`` naming what
    is missing."""
    if provider == "generic":
        if params.get("issuer"):
            return str(params["issuer"]).rstrip("/"), None
        if params.get("AUTHORIZE_URL") and params.get("TOKEN_URL"):
            return None, Endpoints(params["AUTHORIZE_URL"], params["TOKEN_URL"],
                                   user=params.get("USER_URL"))
        raise UsageError("--oauth-provider generic needs --oauth-extra-params with "
                         "'issuer' (OpenID Connect discovery) or 'AUTHORIZE_URL' and "
                         "'TOKEN_URL' (and 'USER_URL')")
    if provider == "github":
        return None, Endpoints("https://github.com/login/oauth/authorize",
                               "https://github.com/login/oauth/access_token",
                               user="https://api.github.com/user")
    issuers = {
        "google": lambda: "https://accounts.google.com",
        "azure": lambda: f"https://login.microsoftonline.com/"
                         f"{_need(params, provider, 'tenant')}/v2.0",
        "okta": lambda: f"https://{_need(params, provider, 'url')}/oauth2/"
                        f"{params.get('server', 'default')}",
        "auth0": lambda: (f"https://{params['subdomain']}.auth0.com" if params.get("subdomain")
                          else f"https://{_need(params, provider, 'url')}"),
        "keycloak": lambda: f"{_need(params, provider, 'url')}/realms/"
                            f"{_need(params, provider, 'realm')}",
        "gitlab": lambda: f"https://{params.get('url', 'gitlab.com')}",
    }
    if provider not in issuers:
        raise UsageError(f"--oauth-provider {provider}: not a provider docsync knows "
                         f"(one of {', '.join(PROVIDERS)})")
    return issuers[provider](), None


class OAuthFlow:
    """The two legs of a login through the provider, and token refresh. Runs on the
    server's event loop; every call to the provider is bounded by a timeout."""

    def __init__(self, config: OAuthConfig) -> None:
        self.config = config
        self._issuer, self._endpoints = provider_settings(config.provider,
                                                          dict(config.extra_params))
        self._jwks: dict[str, Any] | None = None

    def _client(self, redirect_uri: str | None = None, **token: Any) -> Any:
        from authlib.integrations.httpx_client import AsyncOAuth2Client

        return AsyncOAuth2Client(
            self.config.key, self.config.secret, scope=" ".join(self.config.scopes),
            redirect_uri=redirect_uri, code_challenge_method="S256", timeout=10.0,
            token_endpoint_auth_method="client_secret_post" if self.config.secret
            else "none", **({"token": token} if token else {}))

    async def endpoints(self) -> Endpoints:
        """The provider's endpoints (OpenID Connect discovery on first use)."""
        if self._endpoints is not None:
            return self._endpoints
        assert self._issuer is not None
        url = f"{self._issuer}/.well-known/openid-configuration"
        async with self._client() as client:
            try:
                response = await client.request("GET", url, withhold_token=True)
                response.raise_for_status()
                meta = response.json()
            except Exception as exc:
                log.error("OpenID Connect discovery at %s failed: %s", url, exc)
                raise OAuthError("The login provider cannot be reached: try again later.") \
                    from None
        if meta.get("issuer", "").rstrip("/") != self._issuer:
            log.error("the provider at %s says its issuer is %r", url, meta.get("issuer"))
            raise OAuthError("The login provider is misconfigured.")
        self._endpoints = Endpoints(meta["authorization_endpoint"], meta["token_endpoint"],
                                    user=meta.get("userinfo_endpoint"),
                                    jwks=meta.get("jwks_uri"), issuer=meta["issuer"])
        return self._endpoints

    async def start(self, *, redirect_uri: str, next_path: str,
                    now: float) -> tuple[str, dict[str, Any]]:
        """Where to send the browser, and what to keep in the state cookie."""
        endpoints = await self.endpoints()
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        async with self._client(redirect_uri) as client:
            url, _ = client.create_authorization_url(
                endpoints.authorize, state=state, code_verifier=verifier,
                **({"nonce": nonce} if endpoints.issuer else {}),
                **{k: v for k, v in self.config.extra_params.items()
                   if k not in _SETTINGS})
        return url, {"s": state, "n": nonce, "v": verifier, "x": next_path,
                     "e": now + STATE_LIFETIME}

    async def finish(self, *, query: dict[str, str], kept: dict[str, Any] | None,
                     redirect_uri: str, now: float) -> tuple[Login, str]:
        """The login the provider's answer proves, and where to go next. Raises
        :class:`OAuthError` with a message for the user."""
        if "error" in query:
            reason = query.get("error_description") or query["error"]
            raise OAuthError(f"The login provider refused: {reason}")
        if kept is None or kept.get("e", 0) <= now or kept.get("s") != query.get("state"):
            raise OAuthError("This login took too long or did not start here: log in again.")
        endpoints = await self.endpoints()
        async with self._client(redirect_uri) as client:
            try:
                token = await client.fetch_token(endpoints.token, code=query.get("code", ""),
                                                 code_verifier=kept["v"])
            except Exception as exc:
                log.warning("the token endpoint refused the code: %s", exc)
                raise OAuthError("The login provider refused the login: log in again.") \
                    from None
            if endpoints.issuer is not None:
                claims = await self._id_claims(client, endpoints, token, nonce=kept["n"])
            else:
                claims = await self._user_claims(client, endpoints)
        user = self._user_name(claims)
        login = Login(user, now + self.config.expiry, secrets.token_urlsafe(12),
                      claims={k: v for k, v in claims.items() if k not in _TOKEN_CLAIMS},
                      access_token=token.get("access_token"),
                      refresh_token=token.get("refresh_token"),
                      token_expires=_expires(token, now))
        return login, kept.get("x") or "/"

    async def _id_claims(self, client: Any, endpoints: Endpoints, token: dict[str, Any], *,
                         nonce: str) -> dict[str, Any]:
        from joserfc import jwk, jwt
        from joserfc.errors import JoseError

        if "id_token" not in token:
            raise OAuthError("The login provider sent no ID token: ask for the 'openid' "
                             "scope.")
        if self._jwks is None:
            response = await client.request("GET", endpoints.jwks, withhold_token=True)
            self._jwks = response.json()
        try:
            decoded = jwt.decode(token["id_token"], jwk.KeySet.import_key_set(self._jwks))
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": endpoints.issuer},
                aud={"essential": True, "value": self.config.key},
                exp={"essential": True}, nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as exc:
            log.warning("an ID token did not verify: %s", exc)
            self._jwks = None  # the provider may have rotated its keys
            raise OAuthError("The login provider's answer did not verify: log in again.") \
                from None
        return dict(decoded.claims)

    async def _user_claims(self, client: Any, endpoints: Endpoints) -> dict[str, Any]:
        if endpoints.user is None:
            raise OAuthError("The login provider has no user endpoint (USER_URL).")
        response = await client.get(endpoints.user)
        if response.status_code != 200:
            raise OAuthError("The login provider did not say who logged in.")
        return dict(response.json())

    def _user_name(self, claims: dict[str, Any]) -> str:
        keys = [self.config.jwt_user] if self.config.jwt_user else []
        if self.config.provider == "github":
            keys.append("login")
        if self.config.extra_params.get("USER_KEY"):
            keys.append(self.config.extra_params["USER_KEY"])
        for key in (*keys, "preferred_username", "email", "login", "sub"):
            if claims.get(key):
                return str(claims[key])
        raise OAuthError("The login provider did not say who logged in.")

    async def refresh(self, login: Login, *, now: float) -> Login | None:
        """``login`` with a new access token, or None when it cannot be refreshed."""
        if not login.refresh_token:
            return None
        endpoints = await self.endpoints()
        async with self._client() as client:
            try:
                token = await client.refresh_token(endpoints.token,
                                                   refresh_token=login.refresh_token)
            except Exception as exc:
                log.info("refreshing %r's access token failed: %s", login.user, exc)
                return None
        return login.with_tokens(access_token=token["access_token"],
                                 refresh_token=token.get("refresh_token"),
                                 token_expires=_expires(token, now))

    def redirect_uri(self, *, scheme: str, host: str, prefix: str) -> str:
        return self.config.redirect_uri or f"{scheme}://{host}{prefix}/login"


#: Keys of --oauth-extra-params that configure the provider rather than travel with the
#: authorization request.
_SETTINGS = frozenset({"issuer", "AUTHORIZE_URL", "TOKEN_URL", "USER_URL", "USER_KEY",
                       "tenant", "url", "server", "subdomain", "realm", "scope"})


def _expires(token: dict[str, Any], now: float) -> float | None:
    if token.get("expires_at") is not None:
        return float(token["expires_at"])
    if token.get("expires_in") is not None:
        return now + float(token["expires_in"])
    return None
