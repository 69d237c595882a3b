"""Skills passports for the demo region (issue #3).

Call after ``load_demo_taxonomy`` and ``load_demo``: :func:`build` codes the work-history
job titles of the demo participants to demo-taxonomy occupations (through the taxonomy
search, as a case manager would with the autocomplete) and builds passports for most of
them through ``overstap.passport.services`` — so timelines and the audit log are real —
with a realistic mix of confirmed and still-to-review skills, certificates, learning,
ambitions and constraints. Idempotent: people who already have a passport are left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from overstap.cases.constants import CaseStatus, ContractType, WageBand
from overstap.cases.models import Case, Intake, Person, WorkHistoryEntry
from overstap.passport import services
from overstap.passport.constants import (
    AmbitionKind,
    EvidenceLevel,
    Shift,
    SkillAction,
    SkillSource,
    SkillStatus,
)
from overstap.passport.models import Passport, PassportSkill
from overstap.taxonomy import selectors as taxonomy
from overstap.taxonomy.models import Occupation, Skill

if TYPE_CHECKING:
    from overstap.accounts.models import Region

__all__ = ["build", "code_work_history"]

SEED = 20201103
#: Every how-manieth participant gets no passport yet (the case manager has not got to it).
SKIP_EVERY = 7

HOSPITALITY = {
    "kok",
    "souschef",
    "cateringmedewerker",
    "gastvrouw",
    "medewerker bediening",
    "afwasser",
    "keukenhulp",
    "receptionist",
    "locatiemanager",
}
#: (name, issuer, skill search or "", validity in years or None)
CERTIFICATES = [
    ("Sociale Hygiëne", "SVH", "", None),
    ("HACCP", "SVH", "HACCP hygiënisch werken met voedsel", None),
    ("BHV", "NIBHV", "bedrijfshulpverlening", 1),
]
#: job title → (dream job search, bread job search)
AMBITIONS: dict[str, tuple[str, str]] = {
    "kok": ("chef-kok", "medewerker bedrijfsrestaurant"),
    "souschef": ("chef-kok", "grootkeukenmedewerker"),
    "cateringmedewerker": ("verzorgende IG", "medewerker bedrijfsrestaurant"),
    "gastvrouw": ("receptionist hotel", "kassamedewerker"),
    "medewerker bediening": ("barista", "verkoopmedewerker"),
    "afwasser": ("kok", "schoonmaker"),
    "receptionist": ("baliemedewerker zorg", "klantenservicemedewerker"),
    "locatiemanager": ("bedrijfsleider winkel", "planner"),
    "administratief medewerker": ("salarisadministrateur", "medewerker debiteuren"),
}
LEARNING = [
    ("Nieuwe collega's ingewerkt in de keuken", "collega's inwerken"),
    ("Leren werken met het kassasysteem", "kassa"),
    ("Roosters gemaakt voor het team", "planning"),
    ("Grote evenementen mee opgebouwd en geleid", ""),
]


def _top_occupation(query: str) -> Occupation | None:
    results = taxonomy.search_occupations(query, lang="nl", limit=1)
    return Occupation.objects.filter(pk=results[0].id).first() if results else None


def _top_skill(query: str) -> Skill | None:
    if not query:
        return None
    results = taxonomy.search_skills(query, lang="nl", limit=1)
    return Skill.objects.filter(pk=results[0].id).first() if results else None


def code_work_history(region: Region) -> int:
    """Code the uncoded job titles of the region's work history; returns the number coded."""
    cache: dict[str, Occupation | None] = {}
    coded = 0
    entries = WorkHistoryEntry.objects.filter(
        person__region=region, occupation__isnull=True
    ).order_by("pk")
    for entry in entries:
        title = entry.job_title.strip().lower()
        if title not in cache:
            cache[title] = _top_occupation(title)
        occupation = cache[title]
        if occupation is not None:
            WorkHistoryEntry.objects.filter(pk=entry.pk).update(occupation=occupation)
            coded += 1
    return coded


def _case_for(person: Person) -> Case | None:
    cases = list(
        Case.objects.filter(person=person, case_manager__isnull=False)
        .select_related("case_manager")
        .order_by("-created_at")
    )
    open_cases = [c for c in cases if c.status != CaseStatus.CLOSED]
    candidates = open_cases or cases
    return candidates[0] if candidates else None


def _review_skills(person: Person, actor: Any, rng: random.Random, thoroughness: float) -> None:
    """Confirm most essential skills, some optional ones, remove a few; leave the rest."""
    pending = list(
        PassportSkill.objects.filter(passport__person=person, status=SkillStatus.PENDING).order_by(
            "pk"
        )
    )
    confirm_cm, confirm_self, remove = [], [], []
    for ps in pending:
        roll = rng.random()
        if ps.source == SkillSource.DERIVED_ESSENTIAL:
            if roll < 0.8 * thoroughness:
                confirm_cm.append(ps.pk)
            elif roll > 0.95:
                remove.append(ps.pk)
        elif roll < 0.35 * thoroughness:
            confirm_self.append(ps.pk)
        elif roll > 1 - 0.3 * thoroughness:
            remove.append(ps.pk)
    for ids, action, evidence in (
        (confirm_cm, SkillAction.CONFIRM, EvidenceLevel.CONFIRMED_BY_CASE_MANAGER),
        (confirm_self, SkillAction.CONFIRM, EvidenceLevel.SELF_DECLARED),
        (remove, SkillAction.REMOVE, ""),
    ):
        if ids:
            services.update_skills(
                actor=actor, person=person, passport_skill_ids=ids, action=action, evidence=evidence
            )


def _constraints(person: Person, case: Case, actor: Any, rng: random.Random) -> None:
    intake = Intake.objects.filter(case=case).first()
    shifts = [Shift.DAY]
    if rng.random() < 0.6:
        shifts.append(Shift.EVENING)
    if rng.random() < 0.4:
        shifts.append(Shift.WEEKEND)
    if rng.random() < 0.1:
        shifts.append(Shift.NIGHT)
    contracts = [ContractType.PERMANENT]
    if rng.random() < 0.6:
        contracts.append(ContractType.FIXED_TERM)
    if rng.random() < 0.3:
        contracts.append(ContractType.TEMP_AGENCY)
    services.save_constraints(
        actor=actor,
        person=person,
        data={
            "min_hours_per_week": (intake.min_hours_per_week if intake else None)
            or rng.choice([16, 24, 32]),
            "max_travel_minutes": (intake.max_travel_minutes if intake else None)
            or rng.choice([30, 45]),
            "max_travel_km": rng.choice([None, 15, 25, 40]),
            "min_wage_band": (intake.min_wage_band if intake else "") or WageBand.FROM_2000,
            "shifts": shifts,
            "contract_types": contracts,
        },
    )


@transaction.atomic
def build(region: Region) -> int:
    """Code the region's work history and build passports; returns the number built now."""
    if not Occupation.objects.exists():
        return 0
    code_work_history(region)
    rng = random.Random(SEED)
    today = timezone.localdate()
    people = list(
        Person.objects.filter(region=region, merged_into__isnull=True, work_history__isnull=False)
        .distinct()
        .order_by("pk")
    )
    built = 0
    for index, person in enumerate(people):
        if index % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        if Passport.objects.filter(person=person).exists():
            continue
        case = _case_for(person)
        if case is None or case.case_manager is None:
            continue
        if not WorkHistoryEntry.objects.filter(person=person, occupation__isnull=False).exists():
            continue
        actor = case.case_manager
        services.build_from_work_history(actor=actor, person=person)
        built += 1
        # One in four passports is freshly built: everything still to review.
        if index % 4 != 0:
            _review_skills(person, actor, rng, thoroughness=rng.choice([0.6, 0.9, 1.0]))
        titles = [
            t.lower()
            for t in WorkHistoryEntry.objects.filter(person=person).values_list(
                "job_title", flat=True
            )
        ]
        main_title = titles[0] if titles else ""
        if any(t in HOSPITALITY for t in titles):
            for name, issuer, skill_query, valid_years in CERTIFICATES:
                if rng.random() > 0.55:
                    continue
                obtained = today - dt.timedelta(days=rng.randint(200, 4000))
                expires = (
                    obtained.replace(year=obtained.year + valid_years)
                    if valid_years and obtained.month != 2
                    else None
                )
                if expires and expires < today and rng.random() < 0.5:
                    expires = today + dt.timedelta(days=rng.randint(30, 300))
                skill = _top_skill(skill_query)
                services.add_certificate(
                    actor=actor,
                    person=person,
                    name=name,
                    issuer=issuer,
                    obtained_on=obtained,
                    expires_on=expires,
                    skills=[skill] if skill else [],
                )
        if rng.random() < 0.4:
            description, skill_query = rng.choice(LEARNING)
            skill = _top_skill(skill_query)
            start = today.year - rng.randint(3, 15)
            services.add_learning(
                actor=actor,
                person=person,
                description=description,
                period=f"{start}–{start + rng.randint(1, 4)}",
                skills=[skill] if skill else [],
            )
        if main_title in AMBITIONS and rng.random() < 0.75:
            dream, bread = AMBITIONS[main_title]
            occupation = _top_occupation(dream)
            if occupation is not None:
                services.add_ambition(
                    actor=actor, person=person, kind=AmbitionKind.DREAM_JOB, occupation=occupation
                )
            if rng.random() < 0.6:
                occupation = _top_occupation(bread)
                if occupation is not None:
                    services.add_ambition(
                        actor=actor,
                        person=person,
                        kind=AmbitionKind.BREAD_JOB,
                        occupation=occupation,
                        note="Liefst dichtbij huis, om de tijd te overbruggen.",
                    )
        elif rng.random() < 0.3:
            services.add_ambition(
                actor=actor, person=person, kind=AmbitionKind.DREAM_JOB, sector="Zorg en welzijn"
            )
        if rng.random() < 0.7:
            _constraints(person, case, actor, rng)
    return built
