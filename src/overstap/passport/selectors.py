"""Access-checked, audited reads of the skills passport.

A user may see a person's passport iff they may see at least one case of that person
(``overstap.cases.access``); otherwise these functions raise ``Http404``, so ids cannot be
probed. Every read of a passport writes one audit record with its purpose; exports (print,
PDF, JSON) are recorded as ``EXPORT``.

A person without a passport yet gets an unsaved, empty ``Passport``: reads never write
anything but the audit record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from overstap.cases import access
from overstap.cases.constants import ContractType, WageBand
from overstap.cases.models import Case, Person, WorkHistoryEntry
from overstap.passport.constants import (
    AmbitionKind,
    EvidenceLevel,
    OccupationSource,
    Shift,
    SkillSource,
    SkillStatus,
)
from overstap.passport.models import (
    Ambition,
    Certificate,
    LearningExperience,
    Passport,
    PassportConstraints,
    PassportOccupation,
    PassportSkill,
)
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.models import OccupationSkill

if TYPE_CHECKING:
    from overstap.accounts.models import User

__all__ = [
    "PassportOverview",
    "case_for_passport",
    "export_data",
    "get_passport",
    "get_passport_for_person",
    "passport_overview",
]

EXPORT_SCHEMA = "overstap.skills-passport/1"


def case_for_passport(*, user: User, case_id: int) -> Case:
    """The case (with its person) if ``user`` may see it; 404 otherwise. Not audited by
    itself: reads audit through :func:`get_passport`, writes through the services."""
    try:
        return access.visible_cases(user).select_related("person", "case_manager").get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404 from None


def _load(person: Person) -> Passport:
    passport = (
        Passport.objects.filter(person_id=person.pk)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "occupations",
                queryset=PassportOccupation.objects.select_related("occupation"),
            ),
            Prefetch("skills", queryset=PassportSkill.objects.select_related("skill")),
            Prefetch(
                "certificates",
                queryset=Certificate.objects.prefetch_related("skills"),
            ),
            Prefetch("learning", queryset=LearningExperience.objects.prefetch_related("skills")),
            Prefetch("ambitions", queryset=Ambition.objects.select_related("occupation")),
        )
        .first()
    )
    return passport if passport is not None else Passport(person=person, version=0)


def _audit(
    user: User,
    passport: Passport,
    *,
    case_id: int | None,
    purpose: str,
    action: str,
    details: dict[str, Any] | None,
) -> None:
    audit.record_many(
        actor=user,
        events=[
            audit.AuditEvent(
                action=str(action),
                purpose=str(purpose),
                object_type="passport.Passport",
                object_id=str(passport.pk) if passport.pk else "",
                person_id=passport.person_id,
                case_id=case_id,
                details=details or {},
            )
        ],
    )


def get_passport(
    *,
    user: User,
    case: Case,
    purpose: str = Purpose.CASE_MANAGEMENT,
    action: str = AuditAction.READ,
    details: dict[str, Any] | None = None,
    audit_read: bool = True,
) -> Passport:
    """The passport of the case's person (``case`` from :func:`case_for_passport`). Audited,
    except with ``audit_read=False`` right after a write, whose own audit record stands for
    it (the same rule as ``cases.selectors.get_case(for_update=True)``)."""
    if not access.visible_cases(user).filter(pk=case.pk).exists():
        raise Http404
    passport = _load(case.person)
    if audit_read:
        _audit(user, passport, case_id=case.pk, purpose=purpose, action=action, details=details)
    return passport


def get_passport_for_person(
    *,
    user: User,
    person_id: int,
    purpose: str = Purpose.MATCHING,
    action: str = AuditAction.READ,
) -> Passport:
    """The passport of a person, for a user who may see at least one of their cases
    (for example the matching pages). 404 otherwise. Audited."""
    case = (
        access.visible_cases(user)
        .filter(person_id=person_id)
        .select_related("person")
        .order_by("-created_at")
        .first()
    )
    if case is None:
        raise Http404
    passport = _load(case.person)
    _audit(user, passport, case_id=case.pk, purpose=purpose, action=action, details=None)
    return passport


# --- view models ---------------------------------------------------------------------


@dataclass
class SkillRow:
    item: PassportSkill
    label: str
    label_lang: str
    uri: str
    essential: bool
    from_occupations: list[str] = field(default_factory=list)


@dataclass
class PassportOverview:
    passport: Passport
    occupations: list[PassportOccupation]
    confirmed: list[SkillRow]
    pending: list[SkillRow]
    removed: list[SkillRow]
    certificates: list[Certificate]
    learning: list[LearningExperience]
    ambitions: list[Ambition]
    constraints: PassportConstraints | None
    uncoded_jobs: list[WorkHistoryEntry]
    coded_jobs: int
    lang: str

    @property
    def is_empty(self) -> bool:
        return not (
            self.occupations
            or self.confirmed
            or self.pending
            or self.removed
            or self.certificates
            or self.learning
            or self.ambitions
        )


def _constraints(passport: Passport) -> PassportConstraints | None:
    if passport.pk is None:
        return None
    try:
        return passport.constraints
    except PassportConstraints.DoesNotExist:
        return None


def passport_overview(passport: Passport, lang: str = DEFAULT_LANGUAGE) -> PassportOverview:
    """Everything the passport page shows, grouped, with each derived skill's occupations."""
    history = list(WorkHistoryEntry.objects.filter(person_id=passport.person_id))
    if passport.pk is None:
        return PassportOverview(
            passport=passport,
            occupations=[],
            confirmed=[],
            pending=[],
            removed=[],
            certificates=[],
            learning=[],
            ambitions=[],
            constraints=None,
            uncoded_jobs=[e for e in history if e.occupation_id is None],
            coded_jobs=sum(1 for e in history if e.occupation_id is not None),
            lang=lang,
        )
    occupations = list(passport.occupations.all())
    names = {po.occupation_id: po.occupation.label(lang) for po in occupations}
    backing: dict[int, list[str]] = defaultdict(list)
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        occupation_id__in=list(names)
    ).values_list("occupation_id", "skill_id"):
        backing[skill_id].append(names[occupation_id])
    groups: dict[str, list[SkillRow]] = {s: [] for s in SkillStatus.values}
    for ps in passport.skills.all():
        groups[ps.status].append(
            SkillRow(
                item=ps,
                label=ps.skill.label(lang),
                label_lang=ps.skill.label_language(lang),
                uri=ps.skill.uri,
                essential=ps.source == SkillSource.DERIVED_ESSENTIAL,
                from_occupations=sorted(backing.get(ps.skill_id, [])),
            )
        )
    for rows in groups.values():
        rows.sort(key=lambda r: r.label.casefold())
    groups[SkillStatus.PENDING].sort(key=lambda r: not r.essential)  # essential first, stable
    return PassportOverview(
        passport=passport,
        occupations=occupations,
        confirmed=groups[SkillStatus.CONFIRMED],
        pending=groups[SkillStatus.PENDING],
        removed=groups[SkillStatus.REMOVED],
        certificates=list(passport.certificates.all()),
        learning=list(passport.learning.all()),
        ambitions=list(passport.ambitions.all()),
        constraints=_constraints(passport),
        uncoded_jobs=[e for e in history if e.occupation_id is None],
        coded_jobs=sum(1 for e in history if e.occupation_id is not None),
        lang=lang,
    )


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _concept(concept: Any, lang: str) -> dict[str, Any]:
    return {"uri": concept.uri, "label": concept.label(lang), "source": concept.source}


def export_data(passport: Passport, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The person's passport as structured data with ESCO URIs (for the JSON export)."""
    overview = passport_overview(passport, lang)
    person = passport.person
    constraints = overview.constraints

    def skill(row: SkillRow) -> dict[str, Any]:
        ps = row.item
        return {
            "uri": row.uri,
            "label": row.label,
            "source": ps.source,
            "status": ps.status,
            "evidence": ps.evidence,
            "evidence_label": str(EvidenceLevel(ps.evidence).label),
            "from_occupations": row.from_occupations,
            "note": ps.note,
        }

    return {
        "schema": EXPORT_SCHEMA,
        "exported_at": timezone.now().isoformat(),
        "language": lang,
        "person": {"first_name": person.first_name, "last_name": person.last_name},
        "taxonomy": "ESCO (European Skills, Competences, Qualifications and Occupations)",
        "occupations": [
            {
                **_concept(po.occupation, lang),
                "years": po.years,
                "from_work_history": po.source == OccupationSource.WORK_HISTORY,
            }
            for po in overview.occupations
        ],
        "skills": [skill(r) for r in overview.confirmed + overview.pending + overview.removed],
        "certificates": [
            {
                "name": c.name,
                "issuer": c.issuer,
                "obtained_on": _date(c.obtained_on),
                "expires_on": _date(c.expires_on),
                "skills": [_concept(s, lang) for s in c.skills.all()],
            }
            for c in overview.certificates
        ],
        "learning": [
            {
                "description": item.description,
                "period": item.period,
                "skills": [_concept(s, lang) for s in item.skills.all()],
            }
            for item in overview.learning
        ],
        "ambitions": [
            {
                "kind": a.kind,
                "kind_label": str(AmbitionKind(a.kind).label),
                "occupation": _concept(a.occupation, lang) if a.occupation else None,
                "sector": a.sector,
                "note": a.note,
            }
            for a in overview.ambitions
        ],
        "constraints": (
            {
                "min_hours_per_week": constraints.min_hours_per_week,
                "max_travel_minutes": constraints.max_travel_minutes,
                "max_travel_km": constraints.max_travel_km,
                "min_wage_band": constraints.min_wage_band or None,
                "min_wage_band_label": (
                    str(WageBand(constraints.min_wage_band).label)
                    if constraints.min_wage_band
                    else None
                ),
                "shifts": [
                    {"code": s, "label": str(Shift(s).label)}
                    for s in constraints.shifts
                    if s in Shift.values
                ],
                "contract_types": [
                    {"code": c, "label": str(ContractType(c).label)}
                    for c in constraints.contract_types
                    if c in ContractType.values
                ],
            }
            if constraints
            else None
        ),
    }
