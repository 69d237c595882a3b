"""``Authorization: Bearer <token>`` for partner clients (the project's default API auth)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from overstap.api.constants import LAST_USED_RESOLUTION
from overstap.api.models import ApiToken, hash_secret


class BearerTokenAuthentication(BaseAuthentication):
    """Resolves a token to its client's service user; ``request.auth`` is the ``ApiToken``.

    No header: not this scheme (other authenticators may try). A bearer header with an
    unknown, expired or revoked token, or of an inactive client: 401.
    """

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send exactly one token after Bearer."))
        try:
            secret = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = (
            ApiToken.objects.select_related(
                "client", "client__organisation", "client__service_user__organisation"
            )
            .filter(token_hash=hash_secret(secret))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("The token has been revoked."))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("The token has expired."))
        client = token.client
        user = client.service_user
        if not client.is_active or not user.is_active or not client.organisation.is_active:
            raise exceptions.AuthenticationFailed(_("This API client is not active."))
        if token.last_used_at is None or now - token.last_used_at > dt.timedelta(
            seconds=LAST_USED_RESOLUTION
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "overstap.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner API token (ovs_…) from a coordinator, or from "
            "/api/v1/oauth/token with the client credentials.",
        }
