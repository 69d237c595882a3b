"""Access-checked reads of people and cases. Every read of personal data is audited here.

Views and APIs never query ``Person``/``Case`` directly: they call these functions, which
return only what the user may see (a case outside scope is a 404, not a 403, so ids
cannot be probed) and write one audit record per person read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from overstap.accounts.constants import Role
from overstap.cases import access
from overstap.cases.constants import OPEN_REFERRAL_STATUSES, CaseStatus, ReferralStatus
from overstap.cases.models import Case, CaseEvent, Person, PlanAction, Referral, ReferralUpdate
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.cases.models import CaseTransfer


def _audit_cases(user: User, cases: Sequence[Case], *, action: str, purpose: str) -> None:
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=action,
                purpose=purpose,
                object_type="cases.Case",
                object_id=str(case.pk),
                person_id=case.person_id,
                case_id=case.pk,
            )
            for case in cases
        ],
    )


def get_case(
    *, user: User, case_id: int, purpose: str = Purpose.CASE_MANAGEMENT, for_update: bool = False
) -> Case:
    """The case with its person, if ``user`` may see it; 404 otherwise. Audited."""
    qs = access.visible_cases(user).select_related(
        "person", "route", "case_manager", "releasing_employer", "registering_organisation"
    )
    try:
        case = qs.get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404 from None
    if not for_update:
        _audit_cases(user, [case], action=AuditAction.READ, purpose=purpose)
    return case


def get_case_by_number(*, user: User, number: str, purpose: str = Purpose.CASE_MANAGEMENT) -> Case:
    case = access.visible_cases(user).filter(number=number).only("pk").first()
    if case is None:
        raise Http404
    return get_case(user=user, case_id=case.pk, purpose=purpose)


@dataclass(frozen=True)
class CaseloadFilters:
    route_id: int | None = None
    status: str | None = None
    overdue: bool = False
    releasing_employer_id: int | None = None
    case_manager_id: int | None = None
    query: str = ""
    include_closed: bool = False


def caseload(*, user: User, filters: CaseloadFilters | None = None) -> QuerySet[Case]:
    """The cases ``user`` may see, filtered and annotated for a list. Not yet audited:
    call ``audit_listed`` with the page actually shown."""
    filters = filters or CaseloadFilters()
    today = timezone.localdate()
    qs = (
        access.visible_cases(user)
        .select_related("person", "route", "case_manager", "releasing_employer")
        .annotate(
            # a correlated count (no join and GROUP BY over every visible case)
            open_actions_overdue=Coalesce(
                Subquery(
                    PlanAction.objects.filter(
                        case_id=OuterRef("pk"), done_at__isnull=True, due_date__lt=today
                    )
                    .order_by()
                    .values("case_id")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
    )
    if not filters.include_closed and filters.status != CaseStatus.CLOSED:
        qs = qs.exclude(status=CaseStatus.CLOSED)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.route_id:
        qs = qs.filter(route_id=filters.route_id)
    if filters.releasing_employer_id:
        qs = qs.filter(releasing_employer_id=filters.releasing_employer_id)
    if filters.case_manager_id:
        qs = qs.filter(case_manager_id=filters.case_manager_id)
    if filters.overdue:
        overdue_action = PlanAction.objects.filter(
            case_id=OuterRef("pk"), done_at__isnull=True, due_date__lt=today
        )
        qs = qs.filter(Q(next_contact_due__lt=today) | Q(Exists(overdue_action)))
    if filters.query:
        for word in filters.query.split():
            qs = qs.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(number__icontains=word)
            )
    return qs.order_by("next_contact_due", "person__last_name", "pk")


def audit_listed(*, user: User, cases: Sequence[Case], purpose: str) -> None:
    """Record that these cases (names) were shown to ``user`` in a list."""
    _audit_cases(user, cases, action=AuditAction.LIST, purpose=purpose)


def intake_queue(*, user: User) -> QuerySet[Case]:
    """Registrations in the user's region without a case manager (coordinators only)."""
    if not access.can_manage_intake_queue(user):
        return Case.objects.none()
    return (
        access.visible_cases(user)
        .filter(case_manager__isnull=True)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("person", "registering_organisation", "releasing_employer", "registered_by")
        .order_by("created_at")
    )


def overdue_actions(*, user: User, today: dt.date | None = None) -> QuerySet[PlanAction]:
    """Open actions past their due date that ``user`` owns or that sit on their cases."""
    today = today or timezone.localdate()
    return (
        PlanAction.objects.filter(done_at__isnull=True, due_date__lt=today)
        .filter(Q(owner=user) | Q(case__in=access.visible_cases(user).filter(case_manager=user)))
        .select_related("case", "case__person", "owner")
        .order_by("due_date")
    )


def timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """The events of a case the caller has already obtained through ``get_case``."""
    return case.events.select_related("actor")


def provider_referrals(*, user: User, open_only: bool = False) -> QuerySet[Referral]:
    """Referrals addressed to the user's own organisation (provider staff only), for which
    the person consented to sharing with that provider or a lawful basis was recorded.

    A referral reaches the provider once it has been sent: proposals the case manager has
    not sent (or cancelled before sending) stay invisible to the provider.
    """
    if not access.is_provider_staff(user):
        return Referral.objects.none()
    was_sent = ReferralUpdate.objects.filter(
        referral_id=OuterRef("pk"), to_status=ReferralStatus.SENT
    )
    from overstap.consent.selectors import shareable_referral_ids

    qs = Referral.objects.filter(provider_id=user.organisation_id).filter(Exists(was_sent))
    # Issue #7: only with the person's consent for this provider or a recorded lawful basis.
    qs = qs.filter(pk__in=shareable_referral_ids(qs)).select_related(
        "case", "case__person", "offering"
    )
    if open_only:
        qs = qs.filter(status__in=OPEN_REFERRAL_STATUSES)
    return qs.order_by("-updated_at")


def get_provider_referral(*, user: User, referral_id: int, audit_read: bool = True) -> Referral:
    """One referral for provider staff; 404 unless addressed to their organisation. Audited."""
    qs = provider_referrals(user=user).prefetch_related(Prefetch("updates", to_attr="update_list"))
    try:
        referral = qs.get(pk=referral_id)
    except Referral.DoesNotExist:
        raise Http404 from None
    if audit_read:
        audit.record(
            actor=user,
            action=AuditAction.READ,
            purpose=Purpose.REFERRAL,
            obj=referral,
            person_id=referral.case.person_id,
            case_id=referral.case_id,
        )
    return referral


def case_managers_in_region(*, user: User) -> QuerySet[User]:
    from overstap.accounts.models import User as UserModel

    if user.organisation_id is None:
        return UserModel.objects.none()
    return UserModel.objects.filter(
        is_active=True,
        role__in=[Role.CASE_MANAGER, Role.COORDINATOR],
        organisation__region_id=user.organisation.region_id,  # type: ignore[union-attr]
    ).select_related("organisation")


# --- Front of case management (issue #2): registration receipt, duplicates, merging ---


def get_registered_case(*, user: User, case_id: int) -> Case:
    """A case ``user`` registered, for the registration receipt; 404 otherwise.

    The registering user may not be able to open the case afterwards (no wrong door: a
    provider registers, a case manager works on it), so this returns only what the receipt
    shows (number, status, name). Audited as a read for the registration purpose.
    """
    case = (
        Case.objects.filter(pk=case_id, registered_by_id=user.pk)
        .select_related("person")
        .only(
            "pk",
            "number",
            "status",
            "case_manager_id",
            "person_id",
            "person__first_name",
            "person__last_name",
        )
        .first()
    )
    if case is None:
        raise Http404
    _audit_cases(user, [case], action=AuditAction.READ, purpose=Purpose.REGISTRATION)
    return case


def possible_duplicate_of(*, user: User, people: Sequence[Person]) -> dict[int, int]:
    """For each of ``people``, the id of another live person in the user's region who may be
    the same (same name and birth date, e-mail, phone or BSN). Coordinators only.

    One query for the whole list; returns ``{person_id: other_person_id}`` and reveals no
    data of the other person, so it is not audited (opening the merge page is).
    """
    if not access.can_merge_people(user) or not people or user.organisation_id is None:
        return {}
    region_id = user.organisation.region_id  # type: ignore[union-attr]
    conditions = Q()
    for person in people:
        if person.birth_date:
            conditions |= Q(
                first_name__iexact=person.first_name,
                last_name__iexact=person.last_name,
                birth_date=person.birth_date,
            )
        if person.email:
            conditions |= Q(email__iexact=person.email)
        if person.phone:
            conditions |= Q(phone=person.phone)
        if person.bsn_digest:
            conditions |= Q(bsn_digest=person.bsn_digest)
    if not conditions:
        return {}
    candidates = list(
        Person.objects.filter(region_id=region_id, merged_into__isnull=True)
        .filter(conditions)
        .only("pk", "first_name", "last_name", "birth_date", "email", "phone", "bsn_digest")
        .order_by("pk")
    )
    result: dict[int, int] = {}
    for person in people:
        for other in candidates:
            if other.pk != person.pk and _same_person(person, other):
                result[person.pk] = other.pk
                break
    return result


def _same_person(a: Person, b: Person) -> bool:
    return bool(
        (
            a.birth_date
            and a.birth_date == b.birth_date
            and a.first_name.lower() == b.first_name.lower()
            and a.last_name.lower() == b.last_name.lower()
        )
        or (a.email and a.email.lower() == b.email.lower())
        or (a.phone and a.phone == b.phone)
        or (a.bsn_digest and a.bsn_digest == b.bsn_digest)
    )


def people_for_merge(*, user: User, person_ids: Sequence[int]) -> list[Person]:
    """The live (not merged) people with these ids in a coordinator's region, with their
    cases, in the order asked; 404 unless all are found. Each person read is audited."""
    if not access.can_merge_people(user) or user.organisation_id is None:
        raise Http404
    region_id = user.organisation.region_id  # type: ignore[union-attr]
    found = {
        p.pk: p
        for p in Person.objects.filter(
            pk__in=person_ids, region_id=region_id, merged_into__isnull=True
        ).prefetch_related(
            Prefetch(
                "cases",
                queryset=Case.objects.select_related("case_manager").order_by("-created_at"),
            )
        )
    }
    if len(found) != len(set(person_ids)):
        raise Http404
    people = [found[pk] for pk in person_ids]
    for person in people:
        audit.record(
            actor=user,
            action=AuditAction.READ,
            purpose=Purpose.DUPLICATE_CHECK,
            obj=person,
            person_id=person.pk,
        )
    return people


# --- Regions as tenants (issue #9) ----------------------------------------------------------


def region_transfers(*, user: User, days: int = 90) -> list[CaseTransfer]:
    """Moves into and out of a coordinator's region in the last ``days`` days, newest first.

    Shows case numbers, regions, dates and reasons, no person data: the old region no
    longer sees the case itself, only that it moved and where to.
    """
    from overstap.cases.models import CaseTransfer

    if not access.can_manage_intake_queue(user) or user.organisation_id is None:
        return []
    region_id = user.organisation.region_id  # type: ignore[union-attr]
    since = timezone.now() - dt.timedelta(days=days)
    return list(
        CaseTransfer.objects.filter(Q(from_region_id=region_id) | Q(to_region_id=region_id))
        .filter(at__gte=since)
        .select_related("case", "from_region", "to_region", "actor")
        .order_by("-at", "-id")[:50]
    )
