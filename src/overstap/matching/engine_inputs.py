"""Build the matching engine's inputs from the database, and cache them per process.

The engine (:mod:`skillmatch`) knows nothing of Django: it works on integer ids. Here

* the taxonomy (occupation × skill relations, the skill hierarchy, transversal skills)
  becomes a :class:`skillmatch.Taxonomy` whose :class:`~skillmatch.SkillSpace` is shared by
  every index, with the database primary keys as ids;
* the open vacancies of a region become a :class:`skillmatch.VacancyIndex`;
* the skills passports of a region's people (confirmed skills with their evidence level,
  constraints, postcode) become :class:`skillmatch.Person` objects.

Every build reads whole tables with ``values_list`` (no model instances) and is cached in
this process under a cheap *fingerprint*: a handful of aggregate queries (the taxonomy's
change token, counts, ``max(updated_at)`` and the sum of the passports' and vacancies'
versions). A page view therefore only runs the fingerprint queries; any change to the
taxonomy, a vacancy, a vacancy skill, a passport or a passport skill changes the
fingerprint and the next request rebuilds. The cached objects hold personal data in
memory only; what is shown is always filtered by the access rules of the caller.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import Count, Max, Sum

from overstap.cases.constants import WAGE_BAND_ORDER
from overstap.employers.constants import SkillImportance, VacancyStatus
from overstap.employers.models import Vacancy, VacancySkill
from overstap.matching.geo import postcode_table
from overstap.passport.constants import EvidenceLevel, SkillStatus
from overstap.passport.models import (
    Passport,
    PassportConstraints,
    PassportOccupation,
    PassportSkill,
)
from overstap.taxonomy.constants import ReuseLevel
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill, TaxonomyState
from skillmatch import (
    EmptyInputError,
    MatchConfig,
    Person,
    SkillSpace,
    Taxonomy,
    VacancyIndex,
    build_taxonomy,
)
from skillmatch import (
    Vacancy as EngineVacancy,
)

__all__ = [
    "EVIDENCE_TO_ENGINE",
    "RegionPeople",
    "RegionVacancies",
    "TaxonomyData",
    "VacancyFacts",
    "clear_caches",
    "engine_vacancy",
    "get_region_people",
    "get_region_vacancies",
    "get_taxonomy",
    "wage_band_index",
]

#: Passport evidence levels -> the engine's evidence names (levels in ``MatchConfig``).
EVIDENCE_TO_ENGINE = {
    EvidenceLevel.SELF_DECLARED.value: "self_declared",
    EvidenceLevel.CONFIRMED_BY_CASE_MANAGER.value: "confirmed",
    EvidenceLevel.CERTIFIED.value: "certified",
}
#: One configuration for every match, so pages, API and cohort rank identically.
MATCH_CONFIG = MatchConfig()

_lock = threading.RLock()
_cache: dict[Hashable, tuple[Hashable, Any]] = {}


def clear_caches() -> None:
    """Forget every cached index (tests; after bulk changes outside the services)."""
    with _lock:
        _cache.clear()


def _cached(slot: Hashable, key: Hashable, build: Any) -> Any:
    with _lock:
        hit = _cache.get(slot)
        if hit is not None and hit[0] == key:
            return hit[1]
    value = build()  # outside the lock: a slow build does not block other regions
    with _lock:
        _cache[slot] = (key, value)
    return value


def wage_band_index(band: str) -> int | None:
    """Position of a ``WageBand`` value in the ordered list (the engine compares indices)."""
    try:
        return WAGE_BAND_ORDER.index(band)
    except ValueError:
        return None


# --- taxonomy -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomyData:
    """The engine's view of the taxonomy; ``taxonomy`` is None when nothing is imported."""

    key: Hashable
    taxonomy: Taxonomy | None
    space: SkillSpace | None
    #: occupation pk -> ISCO-08 4-digit code ("" when unknown), for "other sector" labels
    isco: dict[int, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.taxonomy is not None


def _taxonomy_key() -> Hashable:
    token = TaxonomyState.objects.filter(pk=1).values_list("token", flat=True).first()
    rel = OccupationSkill.objects.aggregate(n=Count("id"), m=Max("id"))
    sk = Skill.objects.aggregate(n=Count("id"), m=Max("id"), u=Max("replaced_by_id"))
    occ = Occupation.objects.aggregate(n=Count("id"), m=Max("id"), u=Max("replaced_by_id"))
    return (token, *rel.values(), *sk.values(), *occ.values())


def _isco_code(code: str, group_code: str | None) -> str:
    if group_code and group_code[:4].isdigit():
        return group_code[:4]
    return code[:4] if code[:4].isdigit() else ""


def _build_taxonomy(key: Hashable) -> TaxonomyData:
    occupations = list(
        Occupation.objects.filter(replaced_by__isnull=True)
        .order_by("pk")
        .values_list("pk", "code", "isco_group__code")
    )
    occupation_ids = [pk for pk, _code, _group in occupations]
    skill_ids = list(Skill.objects.order_by("pk").values_list("pk", flat=True))
    if not occupation_ids or not skill_ids:
        return TaxonomyData(key, None, None)
    relations = OccupationSkill.objects.filter(occupation__replaced_by__isnull=True).values_list(
        "occupation_id", "skill_id", "relation"
    )
    broader: list[tuple[Hashable, Hashable]] = list(
        Skill.broader_skills.through.objects.values_list("from_skill_id", "to_skill_id")
    )
    broader += [
        (skill_id, ("group", group_id))
        for skill_id, group_id in Skill.groups.through.objects.values_list(
            "skill_id", "skillgroup_id"
        )
    ]
    transversal = Skill.objects.filter(reuse_level=ReuseLevel.TRANSVERSAL).values_list(
        "pk", flat=True
    )
    try:
        taxonomy = build_taxonomy(
            relations.iterator(chunk_size=20_000),
            occupation_ids=occupation_ids,
            skill_ids=skill_ids,
            broader=broader,
            transversal=list(transversal),
        )
    except EmptyInputError:
        return TaxonomyData(key, None, None)
    isco = {pk: _isco_code(code or "", group) for pk, code, group in occupations}
    return TaxonomyData(key, taxonomy, taxonomy.space, isco)


def get_taxonomy() -> TaxonomyData:
    """The taxonomy as engine input, rebuilt only when the taxonomy changed."""
    key = _taxonomy_key()
    return _cached("taxonomy", key, lambda: _build_taxonomy(key))  # type: ignore[no-any-return]


# --- vacancies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyFacts:
    """What the pages show of a vacancy next to its score (no second query needed)."""

    pk: int
    title: str
    employer_id: int
    employer: str
    occupation_id: int | None
    place: str
    positions: int
    wage_band: str
    hours_min: int | None
    hours_max: int | None
    contract_type: str
    shifts: tuple[str, ...]
    open_to_other_sectors: bool


@dataclass(frozen=True)
class RegionVacancies:
    """The open vacancies of one region, as an index (None when there is nothing to match)."""

    key: Hashable
    index: VacancyIndex | None
    facts: dict[int, VacancyFacts]
    #: open vacancies that list no skill (they cannot be matched; counted for the message)
    without_skills: int = 0

    @property
    def open_count(self) -> int:
        return len(self.facts) + self.without_skills

    def open_per_occupation(self) -> dict[int, int]:
        """Open positions per occupation pk."""
        counts: dict[int, int] = defaultdict(int)
        for fact in self.facts.values():
            if fact.occupation_id is not None:
                counts[fact.occupation_id] += fact.positions
        return dict(counts)


def _vacancy_key(region_id: int, taxonomy_key: Hashable) -> Hashable:
    vacancies = Vacancy.objects.filter(region_id=region_id).aggregate(
        n=Count("id"), v=Sum("version"), u=Max("updated_at")
    )
    skills = VacancySkill.objects.filter(vacancy__region_id=region_id).aggregate(
        n=Count("id"), m=Max("id")
    )
    return (taxonomy_key, region_id, *vacancies.values(), *skills.values())


def _hours(hours_min: int | None, hours_max: int | None) -> float | None:
    """Hours a vacancy offers at most (the person's minimum is compared with this)."""
    if hours_max is not None:
        return float(hours_max)
    return float(hours_min) if hours_min is not None else None


def engine_vacancy(
    pk: int,
    must: Iterable[int],
    nice: Iterable[int],
    *,
    hours_min: int | None,
    hours_max: int | None,
    wage_band: str,
    contract_type: str,
    postcode: str,
    shifts: Iterable[str],
    positions: int,
) -> EngineVacancy:
    return EngineVacancy(
        id=pk,
        must=tuple(must),
        nice=tuple(nice),
        hours=_hours(hours_min, hours_max),
        wage_band=wage_band_index(wage_band) if wage_band else None,
        contract_type=contract_type or None,
        postcode=postcode or None,
        shifts=frozenset(shifts or ()),
        positions=max(1, int(positions or 1)),
    )


def vacancy_skill_lists(vacancy_ids: Iterable[int]) -> dict[int, tuple[list[int], list[int]]]:
    """vacancy pk -> (must skill pks, nice skill pks), one query."""
    lists: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    rows = VacancySkill.objects.filter(vacancy_id__in=list(vacancy_ids)).values_list(
        "vacancy_id", "skill_id", "importance"
    )
    for vacancy_id, skill_id, importance in rows.order_by("vacancy_id", "skill_id"):
        lists[vacancy_id][0 if importance == SkillImportance.MUST else 1].append(skill_id)
    return dict(lists)


def _build_vacancies(region_id: int, key: Hashable, tax: TaxonomyData) -> RegionVacancies:
    rows = list(
        Vacancy.objects.filter(region_id=region_id, status=VacancyStatus.OPEN)
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "employer_id",
            "employer__name",
            "occupation_id",
            "place",
            "positions",
            "wage_band",
            "hours_min",
            "hours_max",
            "contract_type",
            "postcode",
            "shifts",
            "open_to_other_sectors",
        )
    )
    if not rows or tax.space is None:
        return RegionVacancies(key, None, {}, 0)
    lists = vacancy_skill_lists(r[0] for r in rows)
    engine: list[EngineVacancy] = []
    facts: dict[int, VacancyFacts] = {}
    without = 0
    for (
        pk,
        title,
        employer_id,
        employer,
        occupation_id,
        place,
        positions,
        wage_band,
        hours_min,
        hours_max,
        contract_type,
        postcode,
        shifts,
        open_to_other,
    ) in rows:
        must, nice = lists.get(pk, ([], []))
        if not must and not nice:
            without += 1
            continue
        engine.append(
            engine_vacancy(
                pk,
                must,
                nice,
                hours_min=hours_min,
                hours_max=hours_max,
                wage_band=wage_band,
                contract_type=contract_type,
                postcode=postcode,
                shifts=shifts or (),
                positions=positions,
            )
        )
        facts[pk] = VacancyFacts(
            pk=pk,
            title=title,
            employer_id=employer_id,
            employer=employer,
            occupation_id=occupation_id,
            place=place,
            positions=positions,
            wage_band=wage_band,
            hours_min=hours_min,
            hours_max=hours_max,
            contract_type=contract_type,
            shifts=tuple(shifts or ()),
            open_to_other_sectors=open_to_other,
        )
    if not engine:
        return RegionVacancies(key, None, {}, without)
    index = VacancyIndex(engine, tax.space, MATCH_CONFIG, postcodes=postcode_table())
    return RegionVacancies(key, index, facts, without)


def get_region_vacancies(region_id: int, tax: TaxonomyData | None = None) -> RegionVacancies:
    """The region's open vacancies as an index, rebuilt only after a change."""
    tax = tax or get_taxonomy()
    key = _vacancy_key(region_id, tax.key)
    return _cached(  # type: ignore[no-any-return]
        ("vacancies", region_id), key, lambda: _build_vacancies(region_id, key, tax)
    )


# --- people (skills passports) ------------------------------------------------------------


@dataclass(frozen=True)
class RegionPeople:
    """Engine people of one region, by person pk (only people with a passport)."""

    key: Hashable
    people: dict[int, Person]
    #: person pk -> occupation pks held (passport), for "other sector" labels and transitions
    occupations: dict[int, tuple[int, ...]]
    #: person pk -> number of skills still to review (pending), for the "no skills" message
    pending: dict[int, int]

    def person(self, person_id: int) -> Person | None:
        return self.people.get(person_id)


def _people_key(region_id: int, taxonomy_key: Hashable) -> Hashable:
    passports = Passport.objects.filter(person__region_id=region_id).aggregate(
        n=Count("id"), v=Sum("version"), u=Max("updated_at"), p=Max("person__updated_at")
    )
    skills = PassportSkill.objects.filter(passport__person__region_id=region_id).aggregate(
        n=Count("id"), m=Max("id"), u=Max("updated_at")
    )
    return (taxonomy_key, region_id, *passports.values(), *skills.values())


def _build_people(region_id: int, key: Hashable) -> RegionPeople:
    passports = list(
        Passport.objects.filter(person__region_id=region_id).values_list(
            "pk", "person_id", "person__postcode"
        )
    )
    person_of = {pk: person_id for pk, person_id, _pc in passports}
    skills: dict[int, dict[int, str]] = defaultdict(dict)
    pending: dict[int, int] = defaultdict(int)
    rows = PassportSkill.objects.filter(passport_id__in=list(person_of)).values_list(
        "passport_id", "skill_id", "status", "evidence"
    )
    for passport_id, skill_id, status, evidence in rows:
        person_id = person_of[passport_id]
        if status == SkillStatus.CONFIRMED:
            skills[person_id][skill_id] = EVIDENCE_TO_ENGINE.get(evidence, "self_declared")
        elif status == SkillStatus.PENDING:
            pending[person_id] += 1
    occupations: dict[int, list[int]] = defaultdict(list)
    for passport_id, occupation_id in PassportOccupation.objects.filter(
        passport_id__in=list(person_of)
    ).values_list("passport_id", "occupation_id"):
        occupations[person_of[passport_id]].append(occupation_id)
    constraints = {
        row[0]: row[1:]
        for row in PassportConstraints.objects.filter(passport_id__in=list(person_of)).values_list(
            "passport_id",
            "min_hours_per_week",
            "max_travel_km",
            "min_wage_band",
            "shifts",
            "contract_types",
        )
    }
    people: dict[int, Person] = {}
    for passport_id, person_id, postcode in passports:
        hours, km, wage, shifts, contracts = constraints.get(passport_id, (None, None, "", [], []))
        people[person_id] = Person(
            id=person_id,
            skills=cast(dict[Hashable, str | float], skills.get(person_id, {})),
            min_hours=float(hours) if hours else None,
            max_distance_km=float(km) if km else None,
            postcode=postcode or None,
            min_wage_band=wage_band_index(wage) if wage else None,
            contract_types=frozenset(contracts) if contracts else None,
            shifts=frozenset(shifts) if shifts else None,
        )
    return RegionPeople(
        key,
        people,
        {k: tuple(v) for k, v in occupations.items()},
        dict(pending),
    )


def get_region_people(region_id: int, tax: TaxonomyData | None = None) -> RegionPeople:
    """The engine people of a region, rebuilt only after a passport changed."""
    tax = tax or get_taxonomy()
    key = _people_key(region_id, tax.key)
    return _cached(  # type: ignore[no-any-return]
        ("people", region_id), key, lambda: _build_people(region_id, key)
    )
