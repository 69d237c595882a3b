"""Reads of the employer network, and who may see and change what (the single source).

Rules (issue #5):

* account managers and coordinators read and change every employer of their region: profile,
  locations, contact persons, notes, registrations and proposals;
* case managers read the same, but change nothing (a 403);
* employer users see only their own organisation's surplus and shortage registrations and may
  register new ones for it; another employer's registration is a 404; the employer pages,
  contact persons and proposals are a 403 for them;
* everyone else (providers, privacy officer, administrator) has no network pages (403);
  objects of another region are a 404.

Contact persons are personal data: showing them writes one audit record per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, User
from overstap.core.db import locked
from overstap.network.constants import RegistrationStatus
from overstap.network.models import (
    EmployerContact,
    EmployerProfile,
    Proposal,
    ShortageLine,
    ShortageLineSkill,
    ShortageRegistration,
    SurplusRegistration,
)
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Roles that manage the employer network of their region.
MANAGERS = frozenset({Role.ACCOUNT_MANAGER, Role.COORDINATOR})
#: Roles that read the employer network of their region.
READERS = frozenset({Role.ACCOUNT_MANAGER, Role.COORDINATOR, Role.CASE_MANAGER})


def user_region_id(user: User) -> int | None:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return None
    return user.organisation.region_id  # type: ignore[union-attr]


def is_employer_user(user: User) -> bool:
    return (
        user_region_id(user) is not None
        and user.role == Role.EMPLOYER_USER
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.EMPLOYER
    )


def can_read_network(user: User) -> bool:
    """Whether ``user`` has the employer pages (staff of a region)."""
    return user_region_id(user) is not None and user.role in READERS


def can_manage_network(user: User) -> bool:
    return user_region_id(user) is not None and user.role in MANAGERS


def can_use_registrations(user: User) -> bool:
    """Whether ``user`` has registration pages (staff, or an employer user for their own)."""
    return can_read_network(user) or is_employer_user(user)


def require_network(user: User) -> None:
    if not can_read_network(user):
        raise PermissionDenied


def require_manager(user: User) -> None:
    if not can_manage_network(user):
        raise PermissionDenied


def require_registrations(user: User) -> None:
    if not can_use_registrations(user):
        raise PermissionDenied


# --- employers ---------------------------------------------------------------------------


def region_employers(region_id: int | None) -> QuerySet[Organisation]:
    if region_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(region_id=region_id, kind=OrganisationKind.EMPLOYER)


def account_managers(region_id: int | None) -> QuerySet[User]:
    """Users who may be set as an employer's account manager (active, of the region)."""
    if region_id is None:
        return User.objects.none()
    return User.objects.filter(
        organisation__region_id=region_id, role=Role.ACCOUNT_MANAGER, is_active=True
    ).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class EmployerFilters:
    text: str = ""
    sector: str = ""
    account_manager_id: int | None = None
    has_surplus: bool = False
    has_shortage: bool = False


def employers(*, user: User, filters: EmployerFilters | None = None) -> QuerySet[Organisation]:
    """Employers of ``user``'s region matching ``filters``, by name (no personal data)."""
    require_network(user)
    filters = filters or EmployerFilters()
    open_surplus = SurplusRegistration.objects.filter(
        employer=OuterRef("pk"), status=RegistrationStatus.OPEN
    )
    open_shortage = ShortageRegistration.objects.filter(
        employer=OuterRef("pk"), status=RegistrationStatus.OPEN
    )
    qs = (
        region_employers(user_region_id(user))
        .select_related("network_profile__account_manager")
        .annotate(has_surplus=Exists(open_surplus), has_shortage=Exists(open_shortage))
    )
    for word in filters.text.split():
        qs = qs.filter(Q(name__icontains=word) | Q(kvk_number__icontains=word))
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.account_manager_id:
        qs = qs.filter(network_profile__account_manager_id=filters.account_manager_id)
    if filters.has_surplus:
        qs = qs.filter(has_surplus=True)
    if filters.has_shortage:
        qs = qs.filter(has_shortage=True)
    return qs.order_by("name", "pk")


def sectors(*, user: User) -> list[str]:
    """The sectors of the region's employers (for the filter)."""
    values = (
        region_employers(user_region_id(user))
        .exclude(sector="")
        .values_list("sector", flat=True)
        .distinct()
    )
    return sorted(set(values))


def get_employer(*, user: User, employer_id: int, for_update: bool = False) -> Organisation:
    """An employer of ``user``'s region (403 without network pages, 404 outside the region)."""
    require_network(user)
    qs = region_employers(user_region_id(user))
    if for_update:
        qs = qs.select_for_update()
    employer = qs.filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    return employer


def profile_of(employer: Organisation) -> EmployerProfile | None:
    return EmployerProfile.objects.filter(organisation=employer).first()


def contacts(*, user: User, employer: Organisation) -> list[EmployerContact]:
    """The contact persons of ``employer``; one audit record per person shown."""
    require_network(user)
    rows = list(EmployerContact.objects.filter(employer=employer))
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=AuditAction.LIST,
                purpose=Purpose.COORDINATION,
                object_type=EmployerContact._meta.label,
                object_id=str(contact.pk),
                details={"employer_id": employer.pk},
            )
            for contact in rows
        ],
    )
    return rows


def get_contact(*, user: User, employer: Organisation, contact_id: int) -> EmployerContact:
    contact = EmployerContact.objects.filter(employer=employer, pk=contact_id).first()
    if contact is None:
        raise Http404
    return contact


# --- registrations -----------------------------------------------------------------------


def registration_scope(user: User) -> Q | None:
    """A filter on registrations (surplus or shortage) ``user`` may read, or ``None``."""
    region_id = user_region_id(user)
    if region_id is None:
        return None
    if is_employer_user(user):
        return Q(employer_id=user.organisation_id)
    if user.role in READERS:
        return Q(employer__region_id=region_id)
    return None


def registering_employers(*, user: User) -> QuerySet[Organisation]:
    """Employers ``user`` may register surplus or shortage for."""
    if is_employer_user(user):
        return Organisation.objects.filter(pk=user.organisation_id or 0)
    if can_manage_network(user):
        return region_employers(user_region_id(user)).filter(is_active=True)
    return Organisation.objects.none()


def get_registering_employer(*, user: User, employer_id: int) -> Organisation:
    """An employer ``user`` may register for (403 without the right, 404 outside scope)."""
    require_registrations(user)
    if not can_manage_network(user) and not is_employer_user(user):
        raise PermissionDenied
    employer = registering_employers(user=user).filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    return employer


def _surplus_qs() -> QuerySet[SurplusRegistration]:
    return SurplusRegistration.objects.select_related("employer", "created_by").prefetch_related(
        "lines__occupation"
    )


def _shortage_qs() -> QuerySet[ShortageRegistration]:
    return ShortageRegistration.objects.select_related("employer", "created_by").prefetch_related(
        Prefetch(
            "lines",
            queryset=ShortageLine.objects.select_related("occupation").prefetch_related(
                Prefetch("skill_links", queryset=ShortageLineSkill.objects.select_related("skill"))
            ),
        )
    )


def surplus_registrations(
    *, user: User, employer: Organisation | None = None, status: str = ""
) -> QuerySet[SurplusRegistration]:
    scope = registration_scope(user)
    if scope is None:
        raise PermissionDenied
    qs = _surplus_qs().filter(scope)
    if employer is not None:
        qs = qs.filter(employer=employer)
    if status:
        qs = qs.filter(status=status)
    return qs


def shortage_registrations(
    *, user: User, employer: Organisation | None = None, status: str = ""
) -> QuerySet[ShortageRegistration]:
    scope = registration_scope(user)
    if scope is None:
        raise PermissionDenied
    qs = _shortage_qs().filter(scope)
    if employer is not None:
        qs = qs.filter(employer=employer)
    if status:
        qs = qs.filter(status=status)
    return qs


def get_surplus(
    *, user: User, registration_id: int, for_update: bool = False
) -> SurplusRegistration:
    qs = surplus_registrations(user=user)
    if for_update:
        qs = locked(qs)
    registration = qs.filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def get_shortage(
    *, user: User, registration_id: int, for_update: bool = False
) -> ShortageRegistration:
    qs = shortage_registrations(user=user)
    if for_update:
        qs = locked(qs)
    registration = qs.filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def can_change_registration(
    user: User, registration: SurplusRegistration | ShortageRegistration
) -> bool:
    return registering_employers(user=user).filter(pk=registration.employer_id).exists()


# --- proposals ---------------------------------------------------------------------------


def proposals(
    *, user: User, surplus: SurplusRegistration | None = None, employer: Organisation | None = None
) -> QuerySet[Proposal]:
    require_network(user)
    qs = Proposal.objects.select_related(
        "surplus_line__occupation",
        "surplus_line__registration__employer",
        "shortage_line__occupation",
        "shortage_line__registration__employer",
        "created_by",
    ).filter(surplus_line__registration__employer__region_id=user_region_id(user) or 0)
    if surplus is not None:
        qs = qs.filter(surplus_line__registration=surplus)
    if employer is not None:
        qs = qs.filter(
            Q(surplus_line__registration__employer=employer)
            | Q(shortage_line__registration__employer=employer)
        )
    return qs


def get_proposal(*, user: User, proposal_id: int, for_update: bool = False) -> Proposal:
    qs = proposals(user=user)
    if for_update:
        qs = locked(qs)
    proposal = qs.filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404
    return proposal


def open_shortage_lines(
    region_id: int, *, exclude_employer_ids: Sequence[int] = ()
) -> list[ShortageLine]:
    """Lines of the open shortage registrations of a region (for proposals)."""
    return list(
        ShortageLine.objects.filter(
            registration__employer__region_id=region_id,
            registration__status=RegistrationStatus.OPEN,
        )
        .exclude(registration__employer_id__in=list(exclude_employer_ids))
        .select_related("occupation", "registration__employer")
        .order_by("pk")
    )
