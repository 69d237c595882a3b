"""Who may see and change which case. The single source of truth for case access.

Rules (issue #2):

* a case is visible to its case manager, to colleagues added to it, and to the
  coordinators of the case's region;
* provider staff see only referrals addressed to their own organisation (and, through
  them, only what the referral needs — see ``selectors.referral_for_provider``);
* employer users, administrators and privacy officers see no cases.

Every function here is pure access logic: no audit records, no side effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from overstap.accounts.constants import REGISTERING_ROLES, Role

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.cases.models import Case


def case_scope(user: User) -> Q | None:
    """A filter on ``Case`` for the cases ``user`` may see, or ``None`` for none at all."""
    from overstap.cases.models import CaseMember

    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    if user.role == Role.COORDINATOR:
        return Q(region_id=user.organisation.region_id)  # type: ignore[union-attr]
    if user.role in (Role.CASE_MANAGER, Role.ACCOUNT_MANAGER):
        # The cases the user is a colleague on, read first (a short indexed list): with an
        # EXISTS in the OR, PostgreSQL scans every case of the country (100,000 cases:
        # 150-250 ms per list); with a list it combines two index scans.
        member_of = list(
            CaseMember.objects.filter(user_id=user.pk).values_list("case_id", flat=True)
        )
        if not member_of:
            return Q(case_manager_id=user.pk)
        return Q(case_manager_id=user.pk) | Q(pk__in=member_of)
    return None


def visible_cases(user: User) -> QuerySet[Case]:
    """All cases ``user`` may open. Not audited by itself: use the selectors."""
    from overstap.cases.models import Case

    scope = case_scope(user)
    if scope is None:
        return Case.objects.none()
    return Case.objects.filter(scope)


def can_view_case(user: User, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_work_on_case(user: User, case: Case) -> bool:
    """May change the case (intake, plan, contacts, referrals, outcome)."""
    return can_view_case(user, case)


def can_register(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.role in REGISTERING_ROLES
    )


def can_manage_intake_queue(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.COORDINATOR


def can_be_case_manager(user: User) -> bool:
    return user.is_active and user.role in (Role.CASE_MANAGER, Role.COORDINATOR)


def is_provider_staff(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.PROVIDER_STAFF
        and user.organisation_id is not None
    )


def can_merge_people(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.COORDINATOR


def can_configure_region(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role
        in (
            Role.COORDINATOR,
            Role.ADMINISTRATOR,
        )
    )


# --- Privacy (issue #7) -------------------------------------------------------------------


def is_privacy_officer(user: User) -> bool:
    """Reads the audit log of the region (not the cases themselves)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.PRIVACY_OFFICER
        and user.organisation_id is not None
    )


def legal_hold_cases(user: User) -> QuerySet[Case]:
    """Cases whose legal hold ``user`` may set or lift: a coordinator's or privacy officer's
    own region."""
    from overstap.cases.models import Case

    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return Case.objects.none()
    if user.role not in (Role.COORDINATOR, Role.PRIVACY_OFFICER):
        return Case.objects.none()
    return Case.objects.filter(region_id=user.organisation.region_id)  # type: ignore[union-attr]


def can_set_legal_hold(user: User, case: Case) -> bool:
    return legal_hold_cases(user).filter(pk=case.pk).exists()


# --- Regions as tenants (issue #9) ----------------------------------------------------------


def is_national_analyst(user: User) -> bool:
    """Reads the anonymised national figures (/national/) and nothing personal: no case,
    person or referral rule above grants this role anything."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.NATIONAL_ANALYST)


def can_transfer_case(user: User, case: Case) -> bool:
    """Move a case to another region: a coordinator of the case's current region."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.COORDINATOR
        and user.organisation_id is not None
        and user.organisation.region_id == case.region_id  # type: ignore[union-attr]
    )
