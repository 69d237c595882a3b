"""Access-checked reads for the privacy officer: the audit log and the people it names.

Only a privacy officer searches the log. Resolving a name to person ids reads personal data,
so it is audited like every other read (purpose: privacy supervision).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404

from overstap.cases import access
from overstap.cases.models import Case, Person
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

if TYPE_CHECKING:
    from overstap.accounts.models import User

CASE_NUMBER = re.compile(r"^\d{4}-\d{6}$")
#: A name search stops at this many people (ask for a case number to be precise).
MAX_NAME_MATCHES = 25


def require_privacy_officer(user: User) -> None:
    if not access.is_privacy_officer(user):
        raise PermissionDenied


def _region_id(user: User) -> int:
    return user.organisation.region_id  # type: ignore[union-attr]


def region_log_scope(user: User) -> Q:
    """The part of the audit log a privacy officer supervises (issue #9, regions as tenants):
    entries by users of the officer's region, and entries about people of the region (so a
    person who moved in keeps one complete access log)."""
    region_id = _region_id(user)
    people = Person.objects.filter(region_id=region_id).values("pk")
    return Q(actor__organisation__region_id=region_id) | Q(person_ref__in=people)


@dataclass
class LogFilters:
    person: str = ""
    actor: str = ""
    organisation: str = ""
    action: str = ""
    purpose: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class PersonMatch:
    """What a "person" filter resolved to: person ids, and how (never the name itself)."""

    query: str
    person_refs: list[int] = field(default_factory=list)
    by_name: bool = False
    truncated: bool = False


def resolve_person(*, user: User, query: str) -> PersonMatch:
    """A person id, a case number or a name → the person ids to filter the log on.

    Ids and case numbers resolve even after the person was erased (the log keeps ids). A
    name search looks in the officer's region and is audited per person found.
    """
    require_privacy_officer(user)
    query = " ".join(query.split())
    match = PersonMatch(query=query)
    if not query:
        return match
    if query.isdigit():
        match.person_refs = [int(query)]
        return match
    if CASE_NUMBER.match(query):
        person_id = Case.objects.filter(number=query).values_list("person_id", flat=True).first()
        if person_id is None:
            # The case may be gone; the log still names it by id in ``case_ref`` only.
            match.person_refs = []
        else:
            match.person_refs = [person_id]
        return match
    match.by_name = True
    people = Person.objects.filter(region_id=_region_id(user), anonymised_at__isnull=True)
    for word in query.split():
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    ids = list(people.order_by("pk").values_list("pk", flat=True)[: MAX_NAME_MATCHES + 1])
    match.truncated = len(ids) > MAX_NAME_MATCHES
    match.person_refs = ids[:MAX_NAME_MATCHES]
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=AuditAction.LIST,
                purpose=Purpose.SUPERVISION,
                object_type="cases.Person",
                object_id=str(pk),
                person_id=pk,
            )
            for pk in match.person_refs
        ],
    )
    return match


def search_log(
    *, user: User, filters: LogFilters, person: PersonMatch | None = None
) -> QuerySet[AuditLogEntry]:
    """Audit entries matching the filters, newest first (privacy officers only)."""
    require_privacy_officer(user)
    qs = AuditLogEntry.objects.filter(region_log_scope(user))
    if person is not None and person.query:
        qs = qs.filter(person_ref__in=person.person_refs)
    if filters.actor:
        qs = qs.filter(actor_username__icontains=filters.actor.strip())
    if filters.organisation:
        qs = qs.filter(organisation_name__icontains=filters.organisation.strip())
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.purpose:
        qs = qs.filter(purpose=filters.purpose)
    if filters.date_from:
        qs = qs.filter(timestamp__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(timestamp__date__lte=filters.date_to)
    return qs.order_by("-timestamp", "-id")


@dataclass
class PersonFile:
    person_ref: int
    person: Person | None
    cases: list[Case]
    accessors: list[dict[str, Any]]


def person_file(*, user: User, person_ref: int) -> PersonFile:
    """Who opened this person's file: every actor with how often and when, plus the person's
    cases (for the legal hold). Reading the name is audited."""
    require_privacy_officer(user)
    person = (
        Person.objects.filter(pk=person_ref, region_id=_region_id(user))
        .only("pk", "first_name", "last_name", "anonymised_at", "region_id")
        .first()
    )
    entries = AuditLogEntry.objects.filter(person_ref=person_ref).filter(region_log_scope(user))
    if person is None and not entries.exists():
        raise Http404
    accessors: list[dict[str, Any]] = [
        dict(row)
        for row in entries.values("actor_username", "organisation_name", "role")
        .annotate(count=Count("id"), first=Min("timestamp"), last=Max("timestamp"))
        .order_by("-last")
    ]
    cases: list[Case] = []
    if person is not None:
        cases = list(Case.objects.filter(person_id=person.pk).order_by("-created_at"))
        audit.record(
            actor=user,
            action=AuditAction.READ,
            purpose=Purpose.SUPERVISION,
            obj=person,
            person_id=person.pk,
        )
    return PersonFile(person_ref=person_ref, person=person, cases=cases, accessors=accessors)


def get_case_for_legal_hold(*, user: User, case_id: int, for_update: bool = False) -> Case:
    """A case whose legal hold ``user`` may set (coordinator or privacy officer of the
    region); 404 otherwise. Audited (the page shows the person's name)."""
    case = access.legal_hold_cases(user).select_related("person").filter(pk=case_id).first()
    if case is None:
        raise Http404
    if not for_update:
        audit.record(
            actor=user,
            action=AuditAction.READ,
            purpose=Purpose.SUPERVISION
            if access.is_privacy_officer(user)
            else Purpose.COORDINATION,
            obj=case,
            person_id=case.person_id,
            case_id=case.pk,
        )
    return case
