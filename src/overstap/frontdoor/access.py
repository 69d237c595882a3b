"""Who may handle front-door requests and manage schemes. Pure access logic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from overstap.accounts.constants import Role

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: Roles that see and handle the employer desk's requests.
DESK_ROLES = frozenset({Role.ACCOUNT_MANAGER, Role.COORDINATOR})


def region_id(user: User) -> int | None:
    if not user.is_authenticated or user.organisation_id is None:
        return None
    return user.organisation.region_id  # type: ignore[union-attr]


def can_handle_desk_requests(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role in DESK_ROLES
        and user.organisation_id is not None
    )


def can_manage_schemes(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.COORDINATOR
        and user.organisation_id is not None
    )
