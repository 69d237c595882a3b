"""Reads of the taxonomy (search, occupations with their skills). No personal data here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from overstap.taxonomy import search as _search
from overstap.taxonomy.constants import DEFAULT_LANGUAGE, ConceptKind, RelationType, Source
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill, TaxonomyState
from overstap.taxonomy.search import SearchResult

__all__ = [
    "OccupationSkills",
    "SearchResult",
    "get_occupation",
    "get_skill",
    "occupation_skills",
    "search_occupations",
    "search_skills",
    "skill_occupations",
    "taxonomy_summary",
]

MAX_LIMIT = 50


def _clean(query: str, limit: int) -> tuple[str, int]:
    return (query or "").strip()[:200], max(1, min(int(limit), MAX_LIMIT))


def search_occupations(
    query: str, lang: str = DEFAULT_LANGUAGE, limit: int = 10
) -> list[SearchResult]:
    """Occupations whose Dutch or English labels match ``query`` (typos, plurals, word order)."""
    query, limit = _clean(query, limit)
    return _search.search(ConceptKind.OCCUPATION, query, lang=lang, limit=limit)


def search_skills(query: str, lang: str = DEFAULT_LANGUAGE, limit: int = 10) -> list[SearchResult]:
    """Skills and knowledge whose Dutch or English labels match ``query``."""
    query, limit = _clean(query, limit)
    return _search.search(ConceptKind.SKILL, query, lang=lang, limit=limit)


def get_occupation(pk: int) -> Occupation:
    """Raises ``Occupation.DoesNotExist``."""
    return Occupation.objects.select_related("isco_group", "broader", "replaced_by").get(pk=pk)


def get_skill(pk: int) -> Skill:
    return Skill.objects.select_related("replaced_by").get(pk=pk)


def active_occupations() -> QuerySet[Occupation]:
    """Occupations that are not replaced by an ESCO twin."""
    return Occupation.objects.filter(replaced_by__isnull=True)


def active_skills() -> QuerySet[Skill]:
    return Skill.objects.filter(replaced_by__isnull=True)


@dataclass
class OccupationSkills:
    essential: list[Skill]
    optional: list[Skill]


def occupation_skills(occupation: Occupation, lang: str = DEFAULT_LANGUAGE) -> OccupationSkills:
    """The occupation's skills, essential and optional, sorted by label in ``lang``."""
    links = OccupationSkill.objects.filter(occupation=occupation).select_related("skill")
    essential: list[Skill] = []
    optional: list[Skill] = []
    for link in links:
        (essential if link.relation == RelationType.ESSENTIAL else optional).append(link.skill)
    key = lambda skill: skill.label(lang).casefold()  # noqa: E731
    return OccupationSkills(sorted(essential, key=key), sorted(optional, key=key))


def skill_occupations(
    skill: Skill, lang: str = DEFAULT_LANGUAGE, limit: int = 100
) -> list[tuple[Occupation, str]]:
    """Occupations that need ``skill``, essential first: (occupation, relation)."""
    links = (
        OccupationSkill.objects.filter(skill=skill, occupation__replaced_by__isnull=True)
        .select_related("occupation")
        .order_by("relation", "occupation__label_nl", "occupation__label_en")[:limit]
    )
    return [(link.occupation, link.relation) for link in links]


def taxonomy_summary() -> dict[str, object]:
    """Counts per source and the state of the last import (for the browser page)."""
    state = TaxonomyState.objects.filter(pk=1).first()
    return {
        "esco_occupations": Occupation.objects.filter(source=Source.ESCO).count(),
        "demo_occupations": active_occupations().filter(source=Source.DEMO).count(),
        "esco_skills": Skill.objects.filter(source=Source.ESCO).count(),
        "demo_skills": active_skills().filter(source=Source.DEMO).count(),
        "version": state.version if state else 0,
        "imported_at": state.imported_at if state else None,
    }
