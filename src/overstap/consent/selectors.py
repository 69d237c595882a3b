"""Reads of consent, and the consent-enforcing views of personal data for employers.

* :func:`has_consent` / :func:`active_consents` / :func:`consent_history` — one person.
* :func:`with_consent` — filter any queryset to the people with an active consent, in one
  query (used by the provider's referral list, the research export and the employer pages).
* :func:`releasing_employer_progress` — the releasing employer's page: counts for all
  former staff, names only with an active "share progress" consent (audited per row).
* :func:`anonymous_candidates` — a receiving employer's view of matching candidates for
  its own vacancy: an allow-listed field set under an opaque per-employer token; name and
  contact details only for an accepted introduction backed by an active consent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases import access
from overstap.cases.constants import CaseStatus
from overstap.cases.models import Case, Person
from overstap.consent.constants import ConsentPurpose, ConsentState, IntroductionStatus
from overstap.consent.models import ConsentOverride, ConsentRecord, IntroductionRequest
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User
    from overstap.employers.models import Vacancy

#: Counts from 1 to SMALL_COUNT - 1 are shown as "< 5" on the employer's page (see
#: docs/consent.md: the employer knows who left, so a "1" next to "stopped" names someone).
SMALL_COUNT = 5


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _key_filter(purpose: str, recipient: Organisation | int | None) -> Q:
    recipient_id = getattr(recipient, "pk", recipient)
    if recipient_id is None:
        return Q(purpose=purpose, recipient__isnull=True)
    return Q(purpose=purpose, recipient_id=recipient_id)


def _is_active(record: ConsentRecord | None, at: dt.datetime) -> bool:
    if record is None or record.state != ConsentState.GIVEN:
        return False
    return record.expires_on is None or record.expires_on >= timezone.localdate(at)


def has_consent(
    person: Person | int,
    purpose: str,
    recipient: Organisation | int | None = None,
    at: dt.datetime | None = None,
) -> bool:
    """Whether the person's latest record for (purpose, recipient) at ``at`` is a consent
    that has not expired. A withdrawal is effective from the moment it is recorded."""
    at = _now(at)
    person_id: int = person if isinstance(person, int) else person.pk
    latest = (
        ConsentRecord.objects.filter(_key_filter(purpose, recipient), person_id=person_id)
        .filter(recorded_at__lte=at)
        .order_by("-recorded_at", "-id")
        .first()
    )
    return _is_active(latest, at)


def consent_history(person: Person) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(person=person).select_related(
        "recipient", "recorded_by", "recorded_by__organisation"
    )


def active_consents(person: Person, at: dt.datetime | None = None) -> list[ConsentRecord]:
    """The person's consents in force at ``at``: the latest record per purpose/recipient,
    if it is a consent that has not expired."""
    at = _now(at)
    latest: dict[tuple[str, int | None], ConsentRecord] = {}
    for record in consent_history(person).filter(recorded_at__lte=at):  # newest first
        latest.setdefault((record.purpose, record.recipient_id), record)
    return [record for record in latest.values() if _is_active(record, at)]


def with_consent(
    qs: QuerySet[Any],
    *,
    purpose: str,
    recipient: Organisation | int | str | OuterRef | None = None,
    person_field: str = "person",
    at: dt.datetime | None = None,
) -> QuerySet[Any]:
    """``qs`` narrowed to rows whose person has an active consent, in one query.

    ``person_field`` is the path from the queryset's model to the person ("pk" for
    ``Person`` itself); ``recipient`` may be an id or an ``OuterRef`` such as
    ``OuterRef("provider_id")`` when the recipient differs per row.
    """
    at = _now(at)
    person_ref = "pk" if person_field == "pk" else f"{person_field}_id"
    records = ConsentRecord.objects.filter(
        person_id=OuterRef(person_ref), purpose=purpose, recorded_at__lte=at
    )
    if recipient is None:
        records = records.filter(recipient__isnull=True)
    elif isinstance(recipient, str):
        records = records.filter(recipient_id=OuterRef(recipient))
    else:
        records = records.filter(recipient_id=getattr(recipient, "pk", recipient))
    latest = Subquery(records.order_by("-recorded_at", "-id").values("pk")[:1])
    active = ConsentRecord.objects.filter(state=ConsentState.GIVEN).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate(at))
    )
    return qs.annotate(_latest_consent=latest).filter(_latest_consent__in=active.values("pk"))


def shareable_referral_ids(qs: QuerySet[Any]) -> QuerySet[Any]:
    """Referrals of ``qs`` the provider may see: the person consented to sharing with that
    provider, or the case manager recorded a lawful basis (override) for the referral."""
    consented = with_consent(
        qs, purpose=ConsentPurpose.REFERRAL, recipient="provider_id", person_field="case__person"
    ).values("pk")
    overridden = ConsentOverride.objects.filter(
        purpose=ConsentPurpose.REFERRAL, referral__isnull=False
    ).values("referral_id")
    return qs.filter(Q(pk__in=consented) | Q(pk__in=overridden)).values("pk")


# --- access -----------------------------------------------------------------------------


def working_cases_of(user: User, person: Person) -> QuerySet[Case]:
    """The person's cases ``user`` may work on (the case manager and the case team)."""
    return access.visible_cases(user).filter(person=person)


def can_record_consent(user: User, person: Person) -> bool:
    if user.role not in (Role.CASE_MANAGER, Role.COORDINATOR, Role.ACCOUNT_MANAGER):
        return False
    return working_cases_of(user, person).exists()


def _is_employer(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.EMPLOYER_USER
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.EMPLOYER
    )


def get_case_for_rights(*, user: User, case_id: int) -> Case:
    """A case whose person's own data ``user`` may show: the case team, or the privacy
    officer of the case's region. 404 otherwise. Audited (purpose: right of access)."""
    qs = Case.objects.select_related("person", "region")
    if user.is_authenticated and user.is_active and user.role == Role.PRIVACY_OFFICER:
        if user.organisation_id is None:
            raise Http404
        qs = qs.filter(region_id=user.organisation.region_id)  # type: ignore[union-attr]
    else:
        qs = qs.filter(pk__in=access.visible_cases(user).values("pk"))
    case = qs.filter(pk=case_id).first()
    if case is None:
        raise Http404
    audit.record(
        actor=user,
        action=AuditAction.READ,
        purpose=Purpose.SUBJECT_ACCESS,
        obj=case.person,
        person_id=case.person_id,
        case_id=case.pk,
    )
    return case


# --- releasing employer -----------------------------------------------------------------


@dataclass(frozen=True)
class ProgressRow:
    """What a releasing employer sees of one former employee who consented."""

    name: str
    status: str
    route: str
    outcome: str
    latest_activity: dt.date | None


@dataclass
class EmployerProgress:
    employer: Organisation
    total: int
    by_status: list[tuple[str, str]] = field(default_factory=list)
    by_route: list[tuple[str, str]] = field(default_factory=list)
    by_outcome: list[tuple[str, str]] = field(default_factory=list)
    rows: list[ProgressRow] = field(default_factory=list)
    without_consent: int = 0


def show_count(n: int) -> str:
    """A count as shown to an employer: 1-4 become "< 5"."""
    if 0 < n < SMALL_COUNT:
        return _("< %(n)s") % {"n": SMALL_COUNT}
    return str(n)


def _counts(values: Sequence[str]) -> list[tuple[str, str]]:
    return [(label, show_count(n)) for label, n in sorted(Counter(values).items())]


def releasing_employer_progress(*, user: User) -> EmployerProgress:
    """Progress of the former staff of the user's employer. 403 for anyone else.

    Counts cover every case with this releasing employer (no names). The per-person list
    holds only people whose active "share progress" consent names this employer; each row
    shown is audited (purpose: sharing with the employer).
    """
    if not _is_employer(user):
        raise PermissionDenied
    employer = user.organisation
    assert employer is not None
    cases = list(
        Case.objects.filter(releasing_employer=employer)
        .select_related("person", "route", "outcome")
        .annotate(latest_event=Max("events__at"))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    consented = set(
        with_consent(
            Case.objects.filter(releasing_employer=employer),
            purpose=ConsentPurpose.SHARE_PROGRESS,
            recipient=employer,
        ).values_list("pk", flat=True)
    )
    none = _("none yet")
    result = EmployerProgress(
        employer=employer,
        total=len(cases),
        by_status=_counts([case.get_status_display() for case in cases]),
        by_route=_counts([case.route.name if case.route else none for case in cases]),
        by_outcome=_counts([_outcome(case) or none for case in cases]),
    )
    shown = [case for case in cases if case.pk in consented]
    result.without_consent = len(cases) - len(shown)
    for case in shown:
        result.rows.append(
            ProgressRow(
                name=case.person.full_name,
                status=case.get_status_display(),
                route=case.route.name if case.route else "",
                outcome=_outcome(case),
                latest_activity=timezone.localdate(case.latest_event)
                if case.latest_event
                else None,
            )
        )
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=AuditAction.LIST,
                purpose=Purpose.SHARE_WITH_EMPLOYER,
                object_type="cases.Case",
                object_id=str(case.pk),
                person_id=case.person_id,
                case_id=case.pk,
            )
            for case in shown
        ],
    )
    return result


def _outcome(case: Case) -> str:
    outcome = getattr(case, "outcome", None)
    return outcome.get_kind_display() if outcome is not None else ""


# --- receiving employer -----------------------------------------------------------------

#: The only fields of a candidate a receiving employer sees without a consent.
ALLOWED_CANDIDATE_FIELDS = ("token", "skills", "experience", "place", "availability")
#: What an accepted, consented introduction adds.
CONSENTED_CANDIDATE_FIELDS = ("name", "phone", "email")


def candidate_token(employer_id: int, person_id: int) -> str:
    """An opaque token for one person as seen by one employer: HMAC with the site secret,
    different per employer (tokens cannot be combined across employers) and not
    reversible without the secret."""
    key = (settings.SECRET_KEY + ":candidate").encode()
    message = f"{employer_id}:{person_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:20]


def _experience_band(years: int) -> str:
    if years < 3:
        return _("less than 3 years")
    if years < 6:
        return _("3 to 5 years")
    if years < 11:
        return _("6 to 10 years")
    return _("more than 10 years")


@dataclass
class AnonymousCandidate:
    token: str
    skills: list[str]
    experience: str
    place: str
    availability: str
    introduction: IntroductionRequest | None = None
    # Only for an accepted introduction with an active consent:
    name: str | None = None
    phone: str | None = None
    email: str | None = None

    def visible_fields(self) -> set[str]:
        """The fields with a value the employer may see (for tests and the API)."""
        fields = set(ALLOWED_CANDIDATE_FIELDS)
        if self.name is not None:
            fields |= set(CONSENTED_CANDIDATE_FIELDS)
        return fields


@dataclass
class CandidateList:
    vacancy: Vacancy
    candidates: list[AnonymousCandidate] = field(default_factory=list)
    notice: str = ""


def get_own_vacancy(*, user: User, vacancy_id: int) -> Vacancy:
    """A vacancy of the employer user's own organisation; 403 for others, 404 if not theirs."""
    from overstap.employers.models import Vacancy

    if not _is_employer(user):
        raise PermissionDenied
    vacancy = (
        Vacancy.objects.filter(pk=vacancy_id, employer_id=user.organisation_id)
        .select_related("employer", "region")
        .prefetch_related("skill_links")
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def _matched_cases(vacancy: Vacancy, top: int) -> tuple[list[tuple[Case, list[Hashable]]], str]:
    """Open cases in the vacancy's region ranked by the matching engine, with the matched
    skill ids per case. No access check: callers decide what of it to show."""
    from overstap.matching import engine_inputs as inputs
    from overstap.matching.explain import explanation_skill_ids
    from overstap.matching.selectors import _engine_vacancy_of
    from skillmatch import PersonIndex

    tax = inputs.get_taxonomy()
    if tax.space is None:
        return [], _("Candidates cannot be shown yet: the list of skills is not loaded.")
    engine_vacancy = _engine_vacancy_of(vacancy)
    if not engine_vacancy.must and not engine_vacancy.nice:
        return [], _("Add the skills this job needs to the vacancy to see candidates.")
    open_cases: dict[int, int] = {}
    for case_pk, person_id in (
        Case.objects.filter(region_id=vacancy.region_id, person__merged_into__isnull=True)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("created_at", "pk")
        .values_list("pk", "person_id")
    ):
        open_cases[person_id] = case_pk
    people = inputs.get_region_people(vacancy.region_id, tax)
    pool = [people.people[p] for p in open_cases if p in people.people and people.people[p].skills]
    if not pool:
        return [], _("There are no candidates with a skills passport yet.")
    index = PersonIndex(pool, tax.space, inputs.MATCH_CONFIG, postcodes=inputs.postcode_table())
    found = index.match_vacancy(engine_vacancy, top=top)
    case_ids = [open_cases[int(m.id)] for m in found.matches]  # type: ignore[call-overload]
    cases = {c.pk: c for c in Case.objects.filter(pk__in=case_ids).select_related("person")}
    ranked = []
    for m in found.matches:
        case = cases.get(open_cases[int(m.id)])  # type: ignore[call-overload]
        if case is not None:
            matched = list(explanation_skill_ids(m.explanation))
            ranked.append((case, matched))
    if not ranked:
        return [], _("Nobody fits this vacancy at the moment.")
    return ranked, ""


def anonymous_candidates(*, user: User, vacancy_id: int, top: int = 10) -> CandidateList:
    """Anonymised candidates for the employer's own vacancy (see the module docstring).

    Nothing that identifies a person is read into the result unless an introduction for
    this vacancy was accepted with a consent that is still active; only those rows are
    audited (purpose: introduction), as only they show personal data.
    """
    from overstap.matching.explain import skill_labels
    from overstap.taxonomy.constants import DEFAULT_LANGUAGE

    vacancy = get_own_vacancy(user=user, vacancy_id=vacancy_id)
    result = CandidateList(vacancy)
    ranked, result.notice = _matched_cases(vacancy, top)
    if not ranked:
        return result
    employer_id = vacancy.employer_id
    intros = {
        intro.case_id: intro
        for intro in IntroductionRequest.objects.filter(
            vacancy=vacancy, case_id__in=[case.pk for case, _s in ranked]
        )
    }
    introduced = set(
        with_consent(
            Case.objects.filter(pk__in=list(intros)),
            purpose=ConsentPurpose.INTRODUCTION,
            recipient=employer_id,
        ).values_list("pk", flat=True)
    )
    all_skills: set[Hashable] = set()
    for _case, skills in ranked:
        all_skills |= set(skills)
    labels = skill_labels(all_skills, DEFAULT_LANGUAGE)
    experience = _experience_years([case.person_id for case, _s in ranked])
    shown: list[Case] = []
    for case, skills in ranked:
        intro = intros.get(case.pk)
        row = AnonymousCandidate(
            token=candidate_token(employer_id, case.person_id),
            skills=sorted({labels.get(s, "") for s in skills} - {""}),  # type: ignore[call-overload]
            experience=_experience_band(experience.get(case.person_id, 0)),
            place=case.person.municipality or _("in the region"),
            availability=_availability(case),
            introduction=intro,
        )
        if (
            intro is not None
            and intro.status == IntroductionStatus.ACCEPTED
            and case.pk in introduced
        ):
            row.name = case.person.full_name
            row.phone = case.person.phone
            row.email = case.person.email
            shown.append(case)
        result.candidates.append(row)
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=AuditAction.READ,
                purpose=Purpose.INTRODUCTION,
                object_type="cases.Person",
                object_id=str(case.person_id),
                person_id=case.person_id,
                case_id=case.pk,
                details={"vacancy": vacancy.pk},
            )
            for case in shown
        ],
    )
    return result


def _experience_years(person_ids: list[int]) -> dict[int, int]:
    from overstap.cases.models import WorkHistoryEntry

    years: dict[int, int] = Counter()
    for entry in WorkHistoryEntry.objects.filter(person_id__in=person_ids):
        years[entry.person_id] += entry.years or 0
    return dict(years)


def _availability(case: Case) -> str:
    if case.status == CaseStatus.ACTIVE:
        return _("Available, looking for work now")
    return _("Available soon")


def find_candidate(*, user: User, vacancy: Vacancy, token: str, top: int = 10) -> Case:
    """The case behind ``token`` if it is among the vacancy's current candidates; 404
    otherwise (a token outside the list reveals nothing)."""
    ranked, _notice = _matched_cases(vacancy, top)
    for case, _skills in ranked:
        if hmac.compare_digest(candidate_token(vacancy.employer_id, case.person_id), token):
            return case
    raise Http404


def open_introductions(*, user: User) -> QuerySet[IntroductionRequest]:
    """Introduction requests on the user's own cases that still need the person's answer."""
    return (
        IntroductionRequest.objects.filter(
            case__in=access.visible_cases(user),
            status__in=[IntroductionStatus.REQUESTED, IntroductionStatus.CONSENT_ASKED],
        )
        .select_related("vacancy", "employer", "case", "case__person")
        .order_by("requested_at")
    )


def case_introductions(case: Case) -> QuerySet[IntroductionRequest]:
    return IntroductionRequest.objects.filter(case=case).select_related("vacancy", "employer")


def introduction_for_case(*, case: Case, introduction_id: int) -> IntroductionRequest:
    intro = case_introductions(case).filter(pk=introduction_id).first()
    if intro is None:
        raise Http404
    return intro


def research_consent_split(cases: QuerySet[Case]) -> tuple[QuerySet[Case], int]:
    """The cases whose person has an active research consent, and how many were left out."""
    kept = with_consent(cases, purpose=ConsentPurpose.RESEARCH)
    total = cases.count()
    kept_count = kept.count()
    return kept, total - kept_count
