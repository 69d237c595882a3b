"""Read the official ESCO CSV bundle directly into engine inputs (no database).

Used by the benchmarks and the evaluation, and by tests marked ``esco``.  The
files are read with :mod:`csv` (multi-line fields, large fields).

Files read from the bundle directory: ``occupations_en.csv``, ``skills_en.csv``,
``occupationSkillRelations.csv``, ``broaderRelationsSkillPillar.csv`` and, when
present, ``occupations_nl.csv`` (Dutch labels) and ``ISCOGroups_en.csv``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exceptions import EmptyInputError
from .taxonomy import Taxonomy, build_taxonomy

__all__ = ["EscoBundle", "EscoOccupation", "EscoSkill", "load_bundle"]


@dataclass(frozen=True)
class EscoOccupation:
    """One ESCO occupation."""

    uri: str
    label: str
    label_nl: str
    isco_group: str  # 4-digit ISCO code
    code: str


@dataclass(frozen=True)
class EscoSkill:
    """One ESCO skill or knowledge concept."""

    uri: str
    label: str
    skill_type: str
    reuse_level: str


@dataclass
class EscoBundle:
    """The parts of ESCO the engine uses.

    Attributes
    ----------
    occupations : dict uri -> EscoOccupation
    skills : dict uri -> EscoSkill
    relations : list of (occupation_uri, skill_uri, "essential" | "optional")
        Only relations whose occupation and skill are both known (ESCO v1.1.1
        has 67 rows for a withdrawn occupation; they are counted in `skipped`).
    broader : list of (child_uri, parent_uri)
        From ``broaderRelationsSkillPillar.csv``.
    isco_groups : dict code -> label
    skipped : int
        Relation rows left out.
    """

    occupations: dict[str, EscoOccupation]
    skills: dict[str, EscoSkill]
    relations: list[tuple[str, str, str]]
    broader: list[tuple[str, str]]
    isco_groups: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    def transversal_skills(self) -> list[str]:
        """URIs of skills whose ESCO reuse level is ``transversal``."""
        return [s.uri for s in self.skills.values() if s.reuse_level == "transversal"]

    def taxonomy(self, **kwargs: Any) -> Taxonomy:
        """:func:`~skillmatch.build_taxonomy` over all occupations and skills.

        Keyword arguments are passed on; by default transversal skills are
        down-weighted (``transversal=self.transversal_skills()``).
        """
        kwargs.setdefault("transversal", self.transversal_skills())
        return build_taxonomy(
            self.relations,
            occupation_ids=list(self.occupations),
            skill_ids=list(self.skills),
            broader=self.broader,
            **kwargs,
        )


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def load_bundle(path: str | Path) -> EscoBundle:
    """Load an ESCO CSV bundle (v1.1.x layout) from directory `path`.

    Parameters
    ----------
    path : str or Path
        Directory holding the CSV files listed in the module docstring.

    Returns
    -------
    EscoBundle

    Raises
    ------
    FileNotFoundError
        If a required file is missing (the message names it).
    EmptyInputError
        If the bundle has no occupations or no relations.
    """
    base = Path(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    for name in (
        "occupations_en.csv",
        "skills_en.csv",
        "occupationSkillRelations.csv",
        "broaderRelationsSkillPillar.csv",
    ):
        if not (base / name).is_file():
            raise FileNotFoundError(
                f"ESCO file {name} not found in {base}; download the CSV bundle"
            )
    nl: dict[str, str] = {}
    if (base / "occupations_nl.csv").is_file():
        nl = {r["conceptUri"]: r["preferredLabel"] for r in _rows(base / "occupations_nl.csv")}
    occupations = {
        r["conceptUri"]: EscoOccupation(
            uri=r["conceptUri"],
            label=r["preferredLabel"],
            label_nl=nl.get(r["conceptUri"], ""),
            isco_group=r["iscoGroup"],
            code=r.get("code", ""),
        )
        for r in _rows(base / "occupations_en.csv")
    }
    skills = {
        r["conceptUri"]: EscoSkill(
            uri=r["conceptUri"],
            label=r["preferredLabel"],
            skill_type=r["skillType"],
            reuse_level=r["reuseLevel"],
        )
        for r in _rows(base / "skills_en.csv")
    }
    relations: list[tuple[str, str, str]] = []
    skipped = 0
    for r in _rows(base / "occupationSkillRelations.csv"):
        o, s, t = r["occupationUri"], r["skillUri"], r["relationType"]
        if o in occupations and s in skills and t in ("essential", "optional"):
            relations.append((o, s, t))
        else:
            skipped += 1
    broader = [
        (r["conceptUri"], r["broaderUri"]) for r in _rows(base / "broaderRelationsSkillPillar.csv")
    ]
    groups: dict[str, str] = {}
    if (base / "ISCOGroups_en.csv").is_file():
        groups = {r["code"]: r["preferredLabel"] for r in _rows(base / "ISCOGroups_en.csv")}
    if not occupations or not relations:
        raise EmptyInputError(f"the ESCO bundle in {base} has no occupations or no relations")
    return EscoBundle(occupations, skills, relations, broader, groups, skipped)
