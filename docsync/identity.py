"""``Login``: who a session's user is, as their login cookie proves it (``state.user``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["Login"]


@dataclass(frozen=True)
class Login:
    """A user's login: by password (``--basic-auth``) or through an OAuth / OpenID Connect
    provider (``--oauth-provider``), which also gives its tokens."""

    user: str
    expires: float  # seconds since the epoch: the login ends then
    #: This login's random id: a logout ends every session opened with it.
    login_id: str
    #: What the login says of the user: the ID token's or user endpoint's claims with OAuth
    #: (``email``, ``name``...), ``{"user", "username"}`` with a password.
    claims: Mapping[str, Any] = field(default_factory=dict)
    access_token: str | None = None
    refresh_token: str | None = None
    #: When ``access_token`` expires (seconds since the epoch), if the provider said.
    token_expires: float | None = None

    @property
    def user_info(self) -> dict[str, Any]:
        """Panel's ``state.user_info``."""
        return {"user": self.user, "username": self.user, **self.claims}

    def with_tokens(self, *, access_token: str, refresh_token: str | None,
                    token_expires: float | None) -> Login:
        """This login with refreshed tokens (a provider may or may not rotate the refresh
        token: keep the old one when it sends none)."""
        return replace(self, access_token=access_token,
                       refresh_token=refresh_token or self.refresh_token,
                       token_expires=token_expires)
