"""Managing partner API clients and tokens (coordinators and administrators of a region).

Every function checks access itself and runs in one transaction. Secrets are returned
once, to be shown once; only their SHA-256 hash is stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.constants import Role
from overstap.accounts.models import Organisation
from overstap.api.constants import (
    CLIENT_ROLE_BY_KIND,
    CLIENT_SECRET_PREFIX,
    DEFAULT_TOKEN_DAYS,
    MAX_TOKEN_DAYS,
    OAUTH_TOKEN_SECONDS,
    TOKEN_PREFIX,
    VISIBLE_CHARS,
    Scope,
)
from overstap.api.models import ApiClient, ApiToken, hash_secret
from overstap.core.exceptions import DomainError, PermissionDenied

if TYPE_CHECKING:
    from overstap.accounts.models import User


# --- who may manage clients ---------------------------------------------------------------


def can_manage_clients(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.role in (Role.COORDINATOR, Role.ADMINISTRATOR)
    )


def manageable_organisations(*, user: User) -> QuerySet[Organisation]:
    """Active organisations of the user's region that can have an API client."""
    if not can_manage_clients(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        region_id=user.organisation.region_id,  # type: ignore[union-attr]
        is_active=True,
        kind__in=list(CLIENT_ROLE_BY_KIND),
    ).order_by("name")


def manageable_clients(*, user: User) -> QuerySet[ApiClient]:
    if not can_manage_clients(user):
        return ApiClient.objects.none()
    return ApiClient.objects.filter(
        organisation__region_id=user.organisation.region_id  # type: ignore[union-attr]
    ).select_related("organisation", "service_user")


def get_client(*, user: User, client_id: int) -> ApiClient:
    """A client of the user's region; 404 otherwise (also for users who manage none)."""
    client = manageable_clients(user=user).filter(pk=client_id).first()
    if client is None:
        raise Http404
    return client


def _require_manager(actor: User) -> None:
    if not can_manage_clients(actor):
        raise PermissionDenied(_("Only coordinators and administrators manage API clients."))


def _clean_scopes(scopes: list[str]) -> list[str]:
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        raise DomainError(_("Unknown scope: %(scopes)s.") % {"scopes": ", ".join(unknown)})
    return [s for s in Scope.values if s in scopes]


# --- clients -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewClient:
    client: ApiClient
    #: The OAuth2 client secret, shown once.
    client_secret: str


def _new_client_secret() -> tuple[str, str]:
    secret = CLIENT_SECRET_PREFIX + secrets.token_urlsafe(32)
    return secret, hash_secret(secret)


@transaction.atomic
def create_client(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    rate_per_minute: int | None = None,
) -> NewClient:
    """A client for ``organisation``, with its own service user (which never logs in)."""
    from overstap.accounts.models import User as UserModel

    _require_manager(actor)
    if not manageable_organisations(user=actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You cannot create API clients for this organisation."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the client a name."))
    if ApiClient.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise DomainError(_("This organisation already has a client with this name."))
    client_id = "cl_" + secrets.token_hex(8)
    service_user = UserModel(
        username=f"api-{client_id}",
        first_name=name[:150],
        last_name="(API)",
        organisation=organisation,
        role=CLIENT_ROLE_BY_KIND[organisation.kind],
    )
    service_user.set_unusable_password()
    service_user.save()
    secret, secret_hash = _new_client_secret()
    client = ApiClient(
        name=name,
        organisation=organisation,
        service_user=service_user,
        scopes=_clean_scopes(scopes),
        client_id=client_id,
        client_secret_hash=secret_hash,
        created_by=actor,
    )
    if rate_per_minute:
        client.rate_per_minute = rate_per_minute
    client.save()
    return NewClient(client=client, client_secret=secret)


@transaction.atomic
def update_client(
    *,
    actor: User,
    client: ApiClient,
    scopes: list[str],
    is_active: bool,
    rate_per_minute: int,
) -> ApiClient:
    """Change scopes, rate or active state. A deactivated client's tokens stop working."""
    client = get_client(user=actor, client_id=client.pk)
    client.scopes = _clean_scopes(scopes)
    client.is_active = is_active
    client.rate_per_minute = max(1, rate_per_minute)
    client.save()
    service_user = client.service_user
    if service_user.is_active != is_active:
        service_user.is_active = is_active
        service_user.save(update_fields=["is_active"])
    return client


@transaction.atomic
def rotate_client_secret(*, actor: User, client: ApiClient) -> str:
    """A new OAuth2 client secret (the old one stops working at once). Shown once."""
    client = get_client(user=actor, client_id=client.pk)
    secret, secret_hash = _new_client_secret()
    client.client_secret_hash = secret_hash
    client.save(update_fields=["client_secret_hash", "updated_at"])
    return secret


# --- tokens --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    #: The bearer token itself, shown once.
    secret: str


def _mint(
    *, client: ApiClient, name: str, expires_at: dt.datetime, actor: User | None, oauth: bool
) -> NewToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        client=client,
        name=name,
        token_hash=hash_secret(secret),
        visible_part=secret[:VISIBLE_CHARS],
        expires_at=expires_at,
        from_oauth=oauth,
        created_by=actor,
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def issue_token(
    *, actor: User, client: ApiClient, name: str, days: int = DEFAULT_TOKEN_DAYS
) -> NewToken:
    client = get_client(user=actor, client_id=client.pk)
    if not client.is_active:
        raise DomainError(_("Activate the client before issuing tokens."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, e.g. the system that uses it."))
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError(_("A token is valid for 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS})
    return _mint(
        client=client,
        name=name,
        expires_at=timezone.now() + dt.timedelta(days=days),
        actor=actor,
        oauth=False,
    )


@transaction.atomic
def revoke_token(*, actor: User, client: ApiClient, token_id: int) -> ApiToken:
    client = get_client(user=actor, client_id=client.pk)
    token = ApiToken.objects.select_for_update().filter(pk=token_id, client=client).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


class InvalidClient(Exception):
    """Unknown client, wrong secret or inactive client (the token endpoint answers 401)."""


@transaction.atomic
def issue_oauth_token(*, client_id: str, client_secret: str) -> tuple[NewToken, ApiClient]:
    """OAuth2 client credentials: a short-lived token for a client that proves its secret."""
    client = (
        ApiClient.objects.select_related("organisation", "service_user")
        .filter(client_id=client_id)
        .first()
    )
    if (
        client is None
        or not client.is_active
        or not client.client_secret_hash
        or not secrets.compare_digest(client.client_secret_hash, hash_secret(client_secret))
    ):
        raise InvalidClient
    # Expired tokens of the endpoint are of no use to anyone: keep the table small.
    ApiToken.objects.filter(
        client=client, from_oauth=True, expires_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    token = _mint(
        client=client,
        name="OAuth2 client credentials",
        expires_at=timezone.now() + dt.timedelta(seconds=OAUTH_TOKEN_SECONDS),
        actor=None,
        oauth=True,
    )
    return token, client
