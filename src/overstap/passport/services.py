"""Writes to the skills passport. Each public function is one transaction that checks
access, changes the passport, writes one audit record and a timeline event on the
person's open case (if there is one).

Access rule: a user may change a person's passport iff they may see at least one case of
that person (``overstap.cases.access``). The passport is created on the first write.

Derivation keeps decisions: deriving skills again (from the work history or a newly added
occupation) only adds skills the passport does not have yet. A removed skill stays removed,
a confirmed skill stays confirmed, and evidence is never lowered by derivation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overstap.cases import access
from overstap.cases.constants import CaseEventKind, CaseStatus, ContractType, WageBand
from overstap.cases.models import Case, CaseEvent, Person, WorkHistoryEntry
from overstap.cases.services.common import bump_version, log_event
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.passport.constants import (
    DERIVED_SOURCES,
    AmbitionKind,
    EvidenceLevel,
    OccupationSource,
    Shift,
    SkillAction,
    SkillSource,
    SkillStatus,
    stronger_evidence,
)
from overstap.passport.models import (
    Ambition,
    Certificate,
    CertificateSkill,
    LearningExperience,
    LearningSkill,
    Passport,
    PassportConstraints,
    PassportOccupation,
    PassportSkill,
)
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.taxonomy.constants import RelationType
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill

if TYPE_CHECKING:
    from overstap.accounts.models import User

__all__ = [
    "BuildReport",
    "add_ambition",
    "add_certificate",
    "add_learning",
    "add_occupation",
    "add_skill",
    "build_from_work_history",
    "draft_passports_for_registrations",
    "remove_ambition",
    "remove_certificate",
    "remove_learning",
    "remove_occupation",
    "save_constraints",
    "update_skills",
]

CONSTRAINT_FIELDS = (
    "min_hours_per_week",
    "max_travel_minutes",
    "max_travel_km",
    "min_wage_band",
    "shifts",
    "contract_types",
)


# --- shared helpers ------------------------------------------------------------------


@dataclass
class _Context:
    person: Person
    passport: Passport
    case: Case | None  # the person's open case, for the timeline


def _require_access(actor: User, person: Person) -> None:
    if not access.visible_cases(actor).filter(person_id=person.pk).exists():
        raise PermissionDenied(_("You do not have access to this person's skills passport."))


def open_case_of(person: Person) -> Case | None:
    """The person's open case (the most recent one if, unusually, there are several)."""
    return (
        Case.objects.filter(person_id=person.pk)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-created_at", "-pk")
        .first()
    )


def _open(actor: User, person: Person, expected_version: int | None = None) -> _Context:
    """Check access, lock (or create) the passport and check/bump its version."""
    _require_access(actor, person)
    passport, _created = Passport.objects.select_for_update().get_or_create(person_id=person.pk)
    bump_version(passport, expected_version)
    return _Context(person=person, passport=passport, case=open_case_of(person))


def _record(
    ctx: _Context,
    actor: User,
    *,
    change: str,
    summary: str,
    obj: Any = None,
    action: str = AuditAction.UPDATE,
    details: Mapping[str, Any] | None = None,
) -> None:
    """Audit the change (what changed, never personal values) and log it on the timeline."""
    audit.record(
        actor=actor,
        action=action,
        purpose=Purpose.CASE_MANAGEMENT,
        obj=obj if obj is not None else ctx.passport,
        person_id=ctx.person.pk,
        case_id=ctx.case.pk if ctx.case else None,
        details={"change": change, **(details or {})},
    )
    if ctx.case is not None:
        log_event(
            case=ctx.case,
            kind=CaseEventKind.PASSPORT_UPDATED,
            actor=actor,
            summary=summary,
            data={"change": change},
        )


def _current(concept_id: int, replaced: dict[int, int | None]) -> int:
    """The concept that stands for ``concept_id`` now (its ESCO twin once it is replaced)."""
    return replaced.get(concept_id) or concept_id


def _derived_skills(occupation_ids: Iterable[int]) -> dict[int, str]:
    """skill id → ``derived_essential`` or ``derived_optional`` for these occupations.

    A skill essential for any of the occupations counts as essential. Replaced skills are
    represented by their ESCO twin.
    """
    rows = list(
        OccupationSkill.objects.filter(occupation_id__in=list(occupation_ids)).values_list(
            "skill_id", "relation", "skill__replaced_by_id"
        )
    )
    result: dict[int, str] = {}
    for skill_id, relation, replaced_by in rows:
        key = replaced_by or skill_id
        if relation == RelationType.ESSENTIAL:
            result[key] = SkillSource.DERIVED_ESSENTIAL
        else:
            result.setdefault(key, SkillSource.DERIVED_OPTIONAL)
    return result


def _derive(passport: Passport) -> int:
    """Add the skills of the passport's occupations that it does not have yet (pending).

    Existing skills keep their status and evidence; a pending optional skill that turns out
    essential for another occupation is marked essential. Returns the number added.
    """
    occupation_ids = list(passport.occupations.values_list("occupation_id", flat=True))
    derived = _derived_skills(occupation_ids)
    existing = {ps.skill_id: ps for ps in passport.skills.all()}
    new = [
        PassportSkill(passport=passport, skill_id=skill_id, source=source)
        for skill_id, source in derived.items()
        if skill_id not in existing
    ]
    PassportSkill.objects.bulk_create(new)
    upgrade = [
        ps.pk
        for skill_id, ps in existing.items()
        if ps.source == SkillSource.DERIVED_OPTIONAL
        and derived.get(skill_id) == SkillSource.DERIVED_ESSENTIAL
    ]
    if upgrade:
        PassportSkill.objects.filter(pk__in=upgrade).update(source=SkillSource.DERIVED_ESSENTIAL)
    return len(new)


def _underive(passport: Passport) -> int:
    """After an occupation is removed: drop pending derived skills no occupation backs any
    more, and mark pending essential skills optional where that is all they are now.
    Confirmed and removed skills are decisions and stay. Returns the number dropped."""
    occupation_ids = list(passport.occupations.values_list("occupation_id", flat=True))
    derived = _derived_skills(occupation_ids)
    pending = passport.skills.filter(status=SkillStatus.PENDING, source__in=DERIVED_SOURCES)
    drop = [ps.pk for ps in pending if ps.skill_id not in derived]
    downgrade = [
        ps.pk
        for ps in pending
        if ps.source == SkillSource.DERIVED_ESSENTIAL
        and derived.get(ps.skill_id) == SkillSource.DERIVED_OPTIONAL
    ]
    PassportSkill.objects.filter(pk__in=drop).delete()
    if downgrade:
        PassportSkill.objects.filter(pk__in=downgrade).update(source=SkillSource.DERIVED_OPTIONAL)
    return len(drop)


def _ensure_skills(
    passport: Passport, skills: Iterable[Skill], *, evidence: str, source: str = SkillSource.ADDED
) -> None:
    """Make sure these skills are confirmed in the passport with at least ``evidence``."""
    for skill in skills:
        skill_id = skill.replaced_by_id or skill.pk
        ps = passport.skills.filter(skill_id=skill_id).first()
        if ps is None:
            PassportSkill.objects.create(
                passport=passport,
                skill_id=skill_id,
                source=source,
                status=SkillStatus.CONFIRMED,
                evidence=evidence,
            )
            continue
        ps.status = SkillStatus.CONFIRMED
        ps.evidence = stronger_evidence(ps.evidence, evidence)
        ps.save(update_fields=["status", "evidence", "updated_at"])


def _active(concept: Occupation | Skill) -> int:
    replaced = concept.replaced_by_id
    return int(replaced) if replaced else int(concept.pk)


# --- occupations and derivation ------------------------------------------------------


@dataclass
class BuildReport:
    occupations_added: int = 0
    occupations_updated: int = 0
    skills_added: int = 0
    uncoded_jobs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.occupations_added or self.occupations_updated or self.skills_added)


@transaction.atomic
def build_from_work_history(*, actor: User, person: Person) -> BuildReport:
    """Add the occupations of the coded work history (years summed per occupation) and
    derive their skills for review. Safe to run again: decisions are kept."""
    ctx = _open(actor, person)
    report = BuildReport()
    years: dict[int, int | None] = {}
    for entry in WorkHistoryEntry.objects.filter(person_id=person.pk).select_related("occupation"):
        if entry.occupation is None:
            report.uncoded_jobs.append(entry.job_title)
            continue
        key = _active(entry.occupation)
        entry_years = entry.years
        if entry_years is None:
            years.setdefault(key, None)
        else:
            years[key] = (years.get(key) or 0) + entry_years
    if not years:
        raise DomainError(
            _(
                "No job in the work history is coded to an occupation yet. Choose an "
                "occupation for each job in the intake first."
            ),
            code="no_coded_work_history",
        )
    existing = {po.occupation_id: po for po in ctx.passport.occupations.all()}
    for occupation_id, total in years.items():
        po = existing.get(occupation_id)
        if po is None:
            PassportOccupation.objects.create(
                passport=ctx.passport,
                occupation_id=occupation_id,
                years=total,
                source=OccupationSource.WORK_HISTORY,
            )
            report.occupations_added += 1
        elif po.source == OccupationSource.WORK_HISTORY and po.years != total:
            po.years = total
            po.save(update_fields=["years", "updated_at"])
            report.occupations_updated += 1
        elif po.years is None and total is not None:
            po.years = total
            po.source = OccupationSource.WORK_HISTORY
            po.save(update_fields=["years", "source", "updated_at"])
            report.occupations_updated += 1
    report.skills_added = _derive(ctx.passport)
    _record(
        ctx,
        actor,
        change="built_from_work_history",
        summary=_(
            "Skills passport built from the work history: %(occupations)s occupations added, "
            "%(skills)s skills to review."
        )
        % {"occupations": report.occupations_added, "skills": report.skills_added},
        details={
            "occupations_added": report.occupations_added,
            "skills_added": report.skills_added,
        },
    )
    return report


def draft_passports_for_registrations(
    *, actor: User, cases: Sequence[Case], occupations: Mapping[int, tuple[int, int | None]]
) -> int:
    """Draft skills passports for people just registered by ``actor`` in a bulk intake.

    ``occupations`` maps a case id to (occupation id, years) coded from the job title at the
    releasing employer. Like :func:`build_from_work_history` the occupation is added with
    source "work history" and its skills are derived for review (pending), with one audit
    record and one timeline event per passport. The registering user may do this although
    the new case is in the intake queue: the draft is part of the registration, and the
    case manager reviews it. Only for people without a passport; must run in the caller's
    transaction. Returns the number of passports drafted.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("draft_passports_for_registrations must run inside a transaction")
    wanted = [case for case in cases if case.pk in occupations]
    if not wanted:
        return 0
    if any(case.registered_by_id != actor.pk for case in wanted):
        raise PermissionDenied(_("You do not have access to this person's skills passport."))
    person_ids = [case.person_id for case in wanted]
    if Passport.objects.filter(person_id__in=person_ids).exists():
        raise DomainError(_("These people already have a skills passport."), code="duplicate")
    passports = Passport.objects.bulk_create([Passport(person_id=pid) for pid in person_ids])
    active = dict(
        Occupation.objects.filter(pk__in={occ for occ, _y in occupations.values()}).values_list(
            "pk", "replaced_by_id"
        )
    )
    derived_by_occupation: dict[int, dict[int, str]] = {}
    passport_occupations = []
    skills: list[PassportSkill] = []
    added: dict[int, int] = {}
    for case, passport in zip(wanted, passports, strict=True):
        occupation_id, years = occupations[case.pk]
        occupation_id = active.get(occupation_id) or occupation_id
        passport_occupations.append(
            PassportOccupation(
                passport=passport,
                occupation_id=occupation_id,
                years=years,
                source=OccupationSource.WORK_HISTORY,
            )
        )
        if occupation_id not in derived_by_occupation:
            derived_by_occupation[occupation_id] = _derived_skills([occupation_id])
        derived = derived_by_occupation[occupation_id]
        skills.extend(
            PassportSkill(passport=passport, skill_id=skill_id, source=source)
            for skill_id, source in derived.items()
        )
        added[case.pk] = len(derived)
    PassportOccupation.objects.bulk_create(passport_occupations)
    PassportSkill.objects.bulk_create(skills, batch_size=2000)
    now = timezone.now()
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=CaseEventKind.PASSPORT_UPDATED,
                actor=actor,
                at=now,
                summary=(
                    _(
                        "Skills passport built from the work history: %(occupations)s "
                        "occupations added, %(skills)s skills to review."
                    )
                    % {"occupations": 1, "skills": added[case.pk]}
                )[:300],
                data={"change": "built_from_work_history"},
            )
            for case in wanted
        ]
    )
    audit.record_many(
        actor=actor,
        events=[
            audit.AuditEvent(
                action=AuditAction.CREATE,
                purpose=Purpose.REGISTRATION,
                object_type=Passport._meta.label,
                object_id=str(passport.pk),
                person_id=case.person_id,
                case_id=case.pk,
                details={
                    "change": "built_from_work_history",
                    "occupations_added": 1,
                    "skills_added": added[case.pk],
                },
            )
            for case, passport in zip(wanted, passports, strict=True)
        ],
    )
    return len(passports)


@transaction.atomic
def add_occupation(
    *, actor: User, person: Person, occupation: Occupation, years: int | None = None
) -> PassportOccupation:
    """Add an occupation the person held and derive its skills for review."""
    ctx = _open(actor, person)
    occupation_id = _active(occupation)
    if ctx.passport.occupations.filter(occupation_id=occupation_id).exists():
        raise DomainError(_("This occupation is already in the passport."), code="duplicate")
    po = PassportOccupation.objects.create(
        passport=ctx.passport, occupation_id=occupation_id, years=years
    )
    added = _derive(ctx.passport)
    _record(
        ctx,
        actor,
        change="occupation_added",
        obj=po,
        action=AuditAction.CREATE,
        summary=ngettext(
            "Occupation added to the skills passport; %(count)s skill to review.",
            "Occupation added to the skills passport; %(count)s skills to review.",
            added,
        )
        % {"count": added},
        details={"skills_added": added},
    )
    return po


@transaction.atomic
def remove_occupation(*, actor: User, person: Person, passport_occupation_id: int) -> int:
    """Remove an occupation; skills only it gave and nobody reviewed yet go with it."""
    ctx = _open(actor, person)
    po = ctx.passport.occupations.filter(pk=passport_occupation_id).first()
    if po is None:
        raise DomainError(_("This occupation is not in the passport."), code="not_found")
    po.delete()
    dropped = _underive(ctx.passport)
    _record(
        ctx,
        actor,
        change="occupation_removed",
        action=AuditAction.DELETE,
        summary=_("Occupation removed from the skills passport."),
        details={"skills_dropped": dropped},
    )
    return dropped


# --- skills --------------------------------------------------------------------------


@transaction.atomic
def update_skills(
    *,
    actor: User,
    person: Person,
    passport_skill_ids: Iterable[int],
    action: str,
    evidence: str = "",
    expected_version: int | None = None,
) -> int:
    """Confirm, remove or restore several skills at once, or set their evidence level.

    ``confirm`` raises the evidence to ``evidence`` when given (never lowers it);
    ``evidence`` sets exactly that level. Returns the number of skills changed.
    """
    if action not in SkillAction.values:
        raise DomainError(_("Choose what to do with the selected skills."), code="action")
    if action == SkillAction.EVIDENCE and evidence not in EvidenceLevel.values:
        raise ValidationError({"evidence": _("Choose an evidence level.")})
    if evidence and evidence not in EvidenceLevel.values:
        raise ValidationError({"evidence": _("Choose an evidence level.")})
    ids = sorted({int(i) for i in passport_skill_ids})
    if not ids:
        raise DomainError(_("Select at least one skill."), code="empty")
    ctx = _open(actor, person, expected_version)
    rows = list(ctx.passport.skills.filter(pk__in=ids))
    if len(rows) != len(ids):
        raise DomainError(_("Some of the selected skills are not in this passport."))
    changed = 0
    for ps in rows:
        before = (ps.status, ps.evidence)
        if action == SkillAction.CONFIRM:
            ps.status = SkillStatus.CONFIRMED
            if evidence:
                ps.evidence = stronger_evidence(ps.evidence, evidence)
        elif action == SkillAction.REMOVE:
            ps.status = SkillStatus.REMOVED
        elif action == SkillAction.RESTORE:
            ps.status = (
                SkillStatus.PENDING if ps.source in DERIVED_SOURCES else SkillStatus.CONFIRMED
            )
        else:
            ps.evidence = evidence
        if (ps.status, ps.evidence) != before:
            ps.save(update_fields=["status", "evidence", "updated_at"])
            changed += 1
    messages = {
        SkillAction.CONFIRM: ngettext(
            "%(count)s skill confirmed.", "%(count)s skills confirmed.", changed
        ),
        SkillAction.REMOVE: ngettext(
            "%(count)s skill removed.", "%(count)s skills removed.", changed
        ),
        SkillAction.RESTORE: ngettext(
            "%(count)s skill put back.", "%(count)s skills put back.", changed
        ),
        SkillAction.EVIDENCE: ngettext(
            "Evidence level set for %(count)s skill.",
            "Evidence level set for %(count)s skills.",
            changed,
        ),
    }
    _record(
        ctx,
        actor,
        change=f"skills_{action}",
        summary=messages[SkillAction(action)] % {"count": changed},
        details={"count": changed, **({"evidence": evidence} if evidence else {})},
    )
    return changed


@transaction.atomic
def add_skill(
    *,
    actor: User,
    person: Person,
    skill: Skill,
    evidence: str = EvidenceLevel.SELF_DECLARED,
    note: str = "",
) -> PassportSkill:
    """Add a skill (confirmed) with an evidence level. A skill that is already in the
    passport is confirmed, and its evidence raised if ``evidence`` is stronger."""
    if evidence not in EvidenceLevel.values:
        raise ValidationError({"evidence": _("Choose an evidence level.")})
    ctx = _open(actor, person)
    skill_id = _active(skill)
    ps = ctx.passport.skills.filter(skill_id=skill_id).first()
    if ps is None:
        ps = PassportSkill.objects.create(
            passport=ctx.passport,
            skill_id=skill_id,
            source=SkillSource.ADDED,
            status=SkillStatus.CONFIRMED,
            evidence=evidence,
            note=note.strip(),
        )
    else:
        ps.status = SkillStatus.CONFIRMED
        ps.evidence = stronger_evidence(ps.evidence, evidence)
        if note.strip():
            ps.note = note.strip()
        ps.save(update_fields=["status", "evidence", "note", "updated_at"])
    _record(
        ctx,
        actor,
        change="skill_added",
        obj=ps,
        action=AuditAction.CREATE,
        summary=_("Skill added to the skills passport."),
        details={"evidence": ps.evidence},
    )
    return ps


# --- certificates, learning, ambitions, constraints --------------------------------------


@transaction.atomic
def add_certificate(
    *,
    actor: User,
    person: Person,
    name: str,
    issuer: str = "",
    obtained_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    skills: Iterable[Skill] = (),
) -> Certificate:
    """Add a certificate or diploma. Its linked skills are confirmed as certified."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the name of the certificate or diploma.")})
    if obtained_on and expires_on and expires_on < obtained_on:
        raise ValidationError(
            {"expires_on": _("The end of validity cannot be before the date obtained.")}
        )
    ctx = _open(actor, person)
    certificate = Certificate.objects.create(
        passport=ctx.passport,
        name=name,
        issuer=(issuer or "").strip(),
        obtained_on=obtained_on,
        expires_on=expires_on,
    )
    skills = list(skills)
    CertificateSkill.objects.bulk_create(
        [
            CertificateSkill(certificate=certificate, skill_id=i)
            for i in {_active(s) for s in skills}
        ]
    )
    _ensure_skills(ctx.passport, skills, evidence=EvidenceLevel.CERTIFIED)
    _record(
        ctx,
        actor,
        change="certificate_added",
        obj=certificate,
        action=AuditAction.CREATE,
        summary=_("Certificate added to the skills passport."),
        details={"skills": len(skills)},
    )
    return certificate


def _remove_entry(
    actor: User, person: Person, *, related: str, pk: int, missing: str, change: str, summary: str
) -> None:
    """Delete one entry of a passport list (``related`` names the reverse relation) and audit it."""
    ctx = _open(actor, person)
    deleted, _rows = getattr(ctx.passport, related).filter(pk=pk).delete()
    if not deleted:
        raise DomainError(missing, code="not_found")
    _record(ctx, actor, change=change, action=AuditAction.DELETE, summary=summary)


@transaction.atomic
def remove_certificate(*, actor: User, person: Person, certificate_id: int) -> None:
    """Remove a certificate. Skills keep their evidence level (set it again if needed)."""
    _remove_entry(
        actor,
        person,
        related="certificates",
        pk=certificate_id,
        missing=_("This certificate is not in the passport."),
        change="certificate_removed",
        summary=_("Certificate removed from the skills passport."),
    )


@transaction.atomic
def add_learning(
    *,
    actor: User,
    person: Person,
    description: str,
    period: str = "",
    skills: Iterable[Skill] = (),
) -> LearningExperience:
    """Add informal or on-the-job learning; its skills are confirmed as self-declared."""
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe what the person learned.")})
    ctx = _open(actor, person)
    learning = LearningExperience.objects.create(
        passport=ctx.passport, description=description, period=(period or "").strip()
    )
    skills = list(skills)
    LearningSkill.objects.bulk_create(
        [LearningSkill(learning=learning, skill_id=i) for i in {_active(s) for s in skills}]
    )
    _ensure_skills(ctx.passport, skills, evidence=EvidenceLevel.SELF_DECLARED)
    _record(
        ctx,
        actor,
        change="learning_added",
        obj=learning,
        action=AuditAction.CREATE,
        summary=_("Learning experience added to the skills passport."),
        details={"skills": len(skills)},
    )
    return learning


@transaction.atomic
def remove_learning(*, actor: User, person: Person, learning_id: int) -> None:
    _remove_entry(
        actor,
        person,
        related="learning",
        pk=learning_id,
        missing=_("This learning experience is not in the passport."),
        change="learning_removed",
        summary=_("Learning experience removed from the skills passport."),
    )


@transaction.atomic
def add_ambition(
    *,
    actor: User,
    person: Person,
    kind: str,
    occupation: Occupation | None = None,
    sector: str = "",
    note: str = "",
) -> Ambition:
    """Add a target occupation or sector, as a dream job or a bread job."""
    errors: dict[str, str] = {}
    if kind not in AmbitionKind.values:
        errors["kind"] = _("Choose dream job or bread job.")
    sector = (sector or "").strip()
    if occupation is None and not sector:
        errors["sector"] = _("Choose an occupation or type a sector or kind of work.")
    if errors:
        raise ValidationError(errors)
    ctx = _open(actor, person)
    ambition = Ambition.objects.create(
        passport=ctx.passport,
        kind=kind,
        occupation_id=_active(occupation) if occupation is not None else None,
        sector=sector,
        note=(note or "").strip(),
    )
    _record(
        ctx,
        actor,
        change="ambition_added",
        obj=ambition,
        action=AuditAction.CREATE,
        summary=_("Ambition added to the skills passport."),
        details={"kind": kind},
    )
    return ambition


@transaction.atomic
def remove_ambition(*, actor: User, person: Person, ambition_id: int) -> None:
    _remove_entry(
        actor,
        person,
        related="ambitions",
        pk=ambition_id,
        missing=_("This ambition is not in the passport."),
        change="ambition_removed",
        summary=_("Ambition removed from the skills passport."),
    )


@transaction.atomic
def save_constraints(
    *,
    actor: User,
    person: Person,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> PassportConstraints:
    """Save the constraints (hours, travel, wage floor, shifts, contracts).

    Raises ``ConflictError`` when the passport changed since ``expected_version``.
    """
    errors: dict[str, str] = {}
    if data.get("min_wage_band") and data["min_wage_band"] not in WageBand.values:
        errors["min_wage_band"] = _("Choose a wage band from the list.")
    if any(s not in Shift.values for s in data.get("shifts") or []):
        errors["shifts"] = _("Choose shifts from the list.")
    if any(c not in ContractType.values for c in data.get("contract_types") or []):
        errors["contract_types"] = _("Choose contract types from the list.")
    if errors:
        raise ValidationError(errors)
    ctx = _open(actor, person, expected_version)
    constraints, _created = PassportConstraints.objects.get_or_create(passport=ctx.passport)
    changed = []
    for name in CONSTRAINT_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("shifts", "contract_types"):
            value = sorted(set(value or []))
        elif name == "min_wage_band":
            value = value or ""
        if getattr(constraints, name) != value:
            setattr(constraints, name, value)
            changed.append(name)
    constraints.full_clean()
    constraints.save()
    _record(
        ctx,
        actor,
        change="constraints_saved",
        obj=constraints,
        summary=_("Constraints in the skills passport saved."),
        details={"fields": sorted(changed)},
    )
    return constraints
