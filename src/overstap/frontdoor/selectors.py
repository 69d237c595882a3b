"""Reads of the front door: schemes for the public, requests for staff, schemes for a case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from overstap.accounts.models import Region
from overstap.cases.constants import EducationLevel
from overstap.frontdoor import access, eligibility
from overstap.frontdoor.constants import DeskRequestStatus, SchemeScope, Situation
from overstap.frontdoor.models import DeskRequest, Scheme
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.cases.models import Case


def public_schemes(*, region: Region | None) -> QuerySet[Scheme]:
    """Active national schemes plus the active regional schemes of ``region``."""
    scope = Q(scope=SchemeScope.NATIONAL)
    if region is not None:
        scope |= Q(scope=SchemeScope.REGIONAL, region=region)
    return Scheme.objects.filter(scope, is_active=True).order_by("for_employers", "name")


def get_public_scheme(*, region: Region | None, slug: str) -> Scheme:
    scheme = public_schemes(region=region).filter(slug=slug).first()
    if scheme is None:
        raise Http404
    return scheme


def manageable_schemes(*, user: User) -> QuerySet[Scheme]:
    """Schemes a coordinator may change: national ones and their own region's."""
    if not access.can_manage_schemes(user):
        return Scheme.objects.none()
    return Scheme.objects.filter(
        Q(scope=SchemeScope.NATIONAL) | Q(region_id=access.region_id(user))
    ).order_by("-is_active", "name")


def desk_requests(*, user: User, status: str | None = None) -> QuerySet[DeskRequest]:
    if not access.can_handle_desk_requests(user):
        return DeskRequest.objects.none()
    qs = DeskRequest.objects.filter(region_id=access.region_id(user) or 0).select_related(
        "assignee", "vacancy"
    )
    if status:
        qs = qs.filter(status=status)
    return qs


def get_desk_request(*, user: User, pk: int, audit_read: bool = True) -> DeskRequest:
    """One request of the user's region (404 otherwise). The contact details are logged."""
    request = desk_requests(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    if audit_read:
        audit.record(actor=user, action=AuditAction.READ, purpose=Purpose.COORDINATION, obj=request)
    return request


def open_request_count(*, user: User) -> int:
    return desk_requests(user=user).exclude(status=DeskRequestStatus.DONE).count()


# --- Eligibility on a case -----------------------------------------------------------------


@dataclass(frozen=True)
class SchemeFit:
    scheme: Scheme
    result: eligibility.Result


@dataclass
class CaseFacts:
    facts: eligibility.Facts
    situation_source: str  # "self_registration", "chosen" or ""


def _age(birth_date: dt.date | None, today: dt.date) -> int | None:
    if birth_date is None:
        return None
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def case_facts(*, case: Case, situation: str | None = None) -> CaseFacts:
    """What the eligibility rules may use, from data the case team already sees."""
    source = "chosen" if situation else ""
    if not situation:
        try:
            situation = case.self_registration.situation  # type: ignore[attr-defined]
            source = "self_registration"
        except ObjectDoesNotExist:
            situation = None
    try:
        education = case.intake.education_level or None
    except ObjectDoesNotExist:
        education = None
    sector = case.releasing_employer.sector if case.releasing_employer else None
    return CaseFacts(
        facts=eligibility.Facts(
            age=_age(case.person.birth_date, timezone.localdate()),
            situation=situation if situation in Situation.values else None,
            education_level=education,
            sector=sector or None,
            region_id=case.region_id,
        ),
        situation_source=source,
    )


def rules_of(scheme: Scheme) -> eligibility.Rules:
    return eligibility.Rules(
        age_min=scheme.age_min,
        age_max=scheme.age_max,
        situations=tuple(scheme.situations or ()),
        education_levels=tuple(scheme.education_levels or ()),
        sectors=tuple(scheme.sectors or ()),
        region_id=scheme.region_id if scheme.scope == SchemeScope.REGIONAL else None,
    )


def _labels() -> dict[str, dict[str, str]]:
    """Display texts for the explanations, in the active language."""
    return {
        "situation": {str(k): str(v) for k, v in Situation.choices},
        "education": {str(k): str(v) for k, v in EducationLevel.choices},
    }


def schemes_for_case(*, user: User, case: Case, facts: eligibility.Facts) -> list[SchemeFit]:
    """Every active scheme of the case's region and nationally, with its verdict.

    ``case`` must come from ``cases.selectors.get_case`` (access-checked). The eligibility
    read is logged as its own audit record: it looks at the person's age, education and
    work situation.
    """
    labels = _labels()
    fits = [
        SchemeFit(scheme=s, result=eligibility.evaluate(rules_of(s), facts, labels=labels))
        for s in public_schemes(region=case.region)
    ]
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=AuditAction.READ,
                purpose=Purpose.CASE_MANAGEMENT,
                object_type="frontdoor.SchemeEligibility",
                object_id=str(case.pk),
                person_id=case.person_id,
                case_id=case.pk,
                details={"meets": [f.scheme.slug for f in fits if f.result.verdict == "meets"]},
            )
        ],
    )
    order = {
        eligibility.Verdict.MEETS: 0,
        eligibility.Verdict.UNKNOWN: 1,
        eligibility.Verdict.FAILS: 2,
    }
    return sorted(fits, key=lambda f: (order[f.result.verdict], f.scheme.name))
