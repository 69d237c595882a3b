"""The scenario planner's computation: "where can these people go?" — pure, no Django.

Input: for each source occupation the number of people, and for each source its possible
target occupations (from the matching engine's occupation transitions: fit score, the
must-have skills missing, other gap skills, regional wage band), the places in the region
per target occupation (open vacancies and shortage registrations), and the training
offerings of the region with the skills they teach.

Each (source, target) pair gets a category:

``direct``
    fit >= ``direct_fit`` and no must-have (essential) skill missing.
``training``
    not direct, fit >= ``training_fit``, every missing must-have skill is taught by at least
    one offering, and the offerings teach at least one gap skill ("short training").
``not_yet``
    anything else (too little fit, or a must-have skill no offering in the region teaches).

Counting (greedy, documented in docs/rapid-response.md): the places of a target occupation
are shared by all sources. All pairs with a category ``direct`` or ``training`` and at least
one place are taken in the order (direct before training, higher fit first, then source and
target order); each pair moves ``min(people still to place from the source, places still
free in the target)``. Whoever is left of a source counts as ``not yet``. The result is
deterministic and never places more people than there are places or people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DIRECT = "direct"
TRAINING = "training"
NOT_YET = "not_yet"

#: Defaults: a 60 % fit without a missing must-have skill is a direct move; from 35 % fit a
#: move is possible after short training when the region's offerings teach what is missing.
DIRECT_FIT = 0.6
TRAINING_FIT = 0.35

HIGHER, SAME, LOWER, UNKNOWN = "higher", "same", "lower", "unknown"
#: Target occupations listed per source occupation (those with places, most people first).
SHOWN_TARGETS = 8


@dataclass(frozen=True)
class SourceLine:
    """People of one occupation who need new work."""

    occupation_id: int
    label: str
    headcount: int


@dataclass(frozen=True)
class GapSkill:
    skill_id: int
    label: str
    must: bool  # an essential skill of the target that the source does not bring at all


@dataclass(frozen=True)
class TargetOption:
    """A target occupation for a source, as the matching engine scored it."""

    occupation_id: int
    label: str
    fit: float
    gap: tuple[GapSkill, ...] = ()
    other_sector: bool = False


@dataclass(frozen=True)
class Place:
    """An open vacancy or a shortage registration: places at one employer in one occupation."""

    occupation_id: int
    employer: str
    count: int
    title: str = ""
    kind: str = "vacancy"  # "vacancy" or "shortage"
    ref: int | None = None
    place: str = ""


@dataclass(frozen=True)
class Offering:
    pk: int
    name: str
    provider: str
    skills: frozenset[int]


@dataclass(frozen=True)
class SkillTraining:
    skill_id: int
    label: str
    must: bool
    offerings: tuple[Offering, ...]


@dataclass
class TargetPlan:
    option: TargetOption
    category: str
    places: list[Place]
    capacity: int
    wage_effect: str = UNKNOWN
    wage_band: int | None = None
    moved: int = 0
    training: list[SkillTraining] = field(default_factory=list)

    @property
    def vacancies(self) -> list[Place]:
        return [p for p in self.places if p.kind == "vacancy"]

    @property
    def shortages(self) -> list[Place]:
        return [p for p in self.places if p.kind == "shortage"]


@dataclass
class SourcePlan:
    line: SourceLine
    targets: list[TargetPlan] = field(default_factory=list)
    direct: int = 0
    training: int = 0
    wage_band: int | None = None

    @property
    def not_yet(self) -> int:
        return self.line.headcount - self.direct - self.training

    @property
    def moving_targets(self) -> list[TargetPlan]:
        return [t for t in self.targets if t.moved]

    @property
    def shown_targets(self) -> list[TargetPlan]:
        """What a board needs to see: targets with places (those people move to first)."""
        return [t for t in self.targets if t.moved or t.capacity][:SHOWN_TARGETS]

    @property
    def hidden_targets(self) -> int:
        return len(self.targets) - len(self.shown_targets)


@dataclass(frozen=True)
class SkillNeed:
    """A skill to train: how many people (placed after training) need it, and where."""

    skill_id: int
    label: str
    people: int
    offerings: tuple[Offering, ...]


@dataclass(frozen=True)
class EmployerNeed:
    employer: str
    people: int
    occupations: tuple[str, ...]


@dataclass
class Plan:
    sources: list[SourcePlan]
    direct_fit: float
    training_fit: float
    skills: list[SkillNeed] = field(default_factory=list)
    employers: list[EmployerNeed] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(s.line.headcount for s in self.sources)

    @property
    def direct(self) -> int:
        return sum(s.direct for s in self.sources)

    @property
    def training(self) -> int:
        return sum(s.training for s in self.sources)

    @property
    def not_yet(self) -> int:
        return sum(s.not_yet for s in self.sources)


class PlannerInputError(ValueError):
    """The input cannot be planned (no occupation, a count of 0 or less)."""


def _teachers(skill_id: int, offerings: Sequence[Offering], top: int) -> tuple[Offering, ...]:
    return tuple(o for o in offerings if skill_id in o.skills)[:top]


def classify(
    option: TargetOption,
    offerings: Sequence[Offering],
    *,
    direct_fit: float = DIRECT_FIT,
    training_fit: float = TRAINING_FIT,
) -> str:
    """The category of one (source, target) pair (module docstring)."""
    must = [g.skill_id for g in option.gap if g.must]
    if option.fit >= direct_fit and not must:
        return DIRECT
    if option.fit < training_fit:
        return NOT_YET
    taught = set().union(*(o.skills for o in offerings)) if offerings else set()
    if any(skill not in taught for skill in must):
        return NOT_YET
    if not any(g.skill_id in taught for g in option.gap):
        return NOT_YET
    return TRAINING


def wage_effect(source_band: int | None, target_band: int | None) -> str:
    """Compare wage band positions (higher index = higher wage)."""
    if source_band is None or target_band is None:
        return UNKNOWN
    if target_band > source_band:
        return HIGHER
    return SAME if target_band == source_band else LOWER


def plan(
    lines: Sequence[SourceLine],
    targets: Mapping[int, Sequence[TargetOption]],
    places: Sequence[Place],
    offerings: Sequence[Offering],
    *,
    wage_bands: Mapping[int, int] | None = None,
    direct_fit: float = DIRECT_FIT,
    training_fit: float = TRAINING_FIT,
    offerings_per_skill: int = 3,
) -> Plan:
    """Where the people of ``lines`` can go (module docstring for the rules).

    ``targets`` maps a source occupation to its target options (best first); ``wage_bands``
    maps an occupation to its regional median wage band position.

    Raises
    ------
    PlannerInputError
        When there is no line, a headcount is 0 or less, or a source occurs twice.

    Examples
    --------
    >>> lines = [SourceLine(1, "cook", 5)]
    >>> targets = {1: [TargetOption(2, "kitchen help", 0.8)]}
    >>> p = plan(lines, targets, [Place(2, "Canteen", 3)], [])
    >>> (p.direct, p.training, p.not_yet)
    (3, 0, 2)
    """
    if not lines:
        raise PlannerInputError("no occupation")
    seen: set[int] = set()
    for line in lines:
        if line.headcount <= 0:
            raise PlannerInputError("headcount must be at least 1")
        if line.occupation_id in seen:
            raise PlannerInputError("occupation listed twice")
        seen.add(line.occupation_id)
    if not 0 <= training_fit <= direct_fit <= 1:
        raise PlannerInputError("thresholds out of order")
    bands = dict(wage_bands or {})
    by_occupation: dict[int, list[Place]] = {}
    for p in places:
        if p.count > 0:
            by_occupation.setdefault(p.occupation_id, []).append(p)
    free = {occ: sum(p.count for p in ps) for occ, ps in by_occupation.items()}
    result = Plan([], direct_fit, training_fit)
    pairs: list[tuple[int, float, int, int, TargetPlan, SourcePlan]] = []
    for s_index, line in enumerate(lines):
        source = SourcePlan(line, wage_band=bands.get(line.occupation_id))
        result.sources.append(source)
        for t_index, option in enumerate(targets.get(line.occupation_id, ())):
            category = classify(option, offerings, direct_fit=direct_fit, training_fit=training_fit)
            target_places = by_occupation.get(option.occupation_id, [])
            target = TargetPlan(
                option=option,
                category=category,
                places=sorted(target_places, key=lambda p: (-p.count, p.employer, p.title)),
                capacity=free.get(option.occupation_id, 0),
                wage_effect=wage_effect(source.wage_band, bands.get(option.occupation_id)),
                wage_band=bands.get(option.occupation_id),
                training=[
                    SkillTraining(
                        g.skill_id,
                        g.label,
                        g.must,
                        _teachers(g.skill_id, offerings, offerings_per_skill),
                    )
                    for g in option.gap
                ],
            )
            source.targets.append(target)
            if category != NOT_YET and target.capacity > 0:
                rank = 0 if category == DIRECT else 1
                pairs.append((rank, -option.fit, s_index, t_index, target, source))
    pairs.sort(key=lambda p: p[:4])
    left = {id(s): s.line.headcount for s in result.sources}
    for _rank, _fit, _s, _t, target, source in pairs:
        occ = target.option.occupation_id
        moved = min(left[id(source)], free[occ])
        if moved <= 0:
            continue
        target.moved = moved
        left[id(source)] -= moved
        free[occ] -= moved
        if target.category == DIRECT:
            source.direct += moved
        else:
            source.training += moved
    for source in result.sources:
        source.targets.sort(
            key=lambda t: (-t.moved, {DIRECT: 0, TRAINING: 1}.get(t.category, 2), -t.option.fit)
        )
    result.skills = _skill_needs(result)
    result.employers = _employer_needs(result)
    return result


def _skill_needs(result: Plan) -> list[SkillNeed]:
    """Gap skills of the moves after training, weighted by the people moved."""
    people: dict[int, int] = {}
    info: dict[int, SkillTraining] = {}
    for source in result.sources:
        for target in source.targets:
            if target.category != TRAINING or not target.moved:
                continue
            for skill in target.training:
                if not skill.offerings:
                    continue
                people[skill.skill_id] = people.get(skill.skill_id, 0) + target.moved
                info.setdefault(skill.skill_id, skill)
    return sorted(
        (SkillNeed(k, info[k].label, n, info[k].offerings) for k, n in people.items()),
        key=lambda s: (-s.people, s.label),
    )


def _employer_needs(result: Plan) -> list[EmployerNeed]:
    """Receiving employers with the number of places the plan fills there (places in order)."""
    people: dict[str, int] = {}
    occupations: dict[str, list[str]] = {}
    remaining: dict[int, int] = {}  # id(place) -> places not yet filled (shared by sources)
    for source in result.sources:
        for target in source.targets:
            left = target.moved
            for place in target.places:
                if left <= 0:
                    break
                taken = min(left, remaining.setdefault(id(place), place.count))
                if taken <= 0:
                    continue
                remaining[id(place)] -= taken
                left -= taken
                people[place.employer] = people.get(place.employer, 0) + taken
                labels = occupations.setdefault(place.employer, [])
                if target.option.label not in labels:
                    labels.append(target.option.label)
    return sorted(
        (EmployerNeed(e, n, tuple(occupations[e])) for e, n in people.items()),
        key=lambda e: (-e.people, e.employer),
    )
