"""Ranking employer-to-employer proposals: which shortage lines fit a surplus line best.

The score of a pair (surplus line → shortage line) is a weighted sum of four components, each
between 0 and 1, and every component is shown with its reason (see docs/network.md):

* **skills** (weight 0.5): the matching engine's transition score from the surplus occupation
  to the shortage occupation: the share of the target occupation's requirements that a worker
  in the source occupation covers (:func:`skillmatch.transitions.transition_scores`). The
  same occupation fits 1.0.
* **distance** (0.2): between the nearest locations of the two employers, from 4-digit
  postcode areas (:func:`overstap.matching.geo.postcode_table`); 0 km is 1.0, 60 km or more 0.
  Unknown (no locations) counts 0.5.
* **timing** (0.2): 1.0 when the surplus date falls inside the shortage period, falling to 0
  at 90 days before or after it.
* **arrangement** (0.1): how well the kind of arrangement fits the shortage period: temporary
  lending (only when the releasing employer allows it) and secondment fit short periods, a
  permanent move fits long ones.

Pairs whose skill fit is below 5% are left out (too little in common), and so are pairs
where either employer excluded the other (by name, or same-sector
competitors), when the receiving employer is not open to other sectors and the sectors
differ, and pairs within one employer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from overstap.accounts.models import Organisation
from overstap.matching import engine_inputs as inputs
from overstap.matching.geo import postcode_table
from overstap.network.constants import (
    MAX_DISTANCE_KM,
    MIN_SKILL_FIT,
    TIMING_SLACK_DAYS,
    WEIGHT_ARRANGEMENT,
    WEIGHT_DISTANCE,
    WEIGHT_SKILLS,
    WEIGHT_TIMING,
    Arrangement,
)
from overstap.network.models import (
    EmployerLocation,
    EmployerProfile,
    ShortageLine,
    SurplusLine,
    SurplusRegistration,
)
from skillmatch.transitions import transition_scores

EARTH_RADIUS_KM = 6371.0088
#: Arrangements in the order they win a tie.
ARRANGEMENT_ORDER = (Arrangement.LENDING, Arrangement.SECONDMENT, Arrangement.PERMANENT)


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    weight: float
    value: float
    reason: str

    @property
    def points(self) -> float:
        return round(self.weight * self.value, 4)

    @property
    def percent(self) -> int:
        return round(self.value * 100)


@dataclass
class PairScore:
    surplus_line: SurplusLine
    shortage_line: ShortageLine
    arrangement: str
    components: list[Component]
    suggested_headcount: int
    distance_km: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(c.points for c in self.components), 4)

    @property
    def percent(self) -> int:
        return round(self.total * 100)

    @property
    def arrangement_label(self) -> str:
        return str(Arrangement(self.arrangement).label)

    def as_dict(self) -> dict[str, object]:
        """A snapshot for the proposal (kept as it was when proposed)."""
        return {
            "total": self.total,
            "arrangement": self.arrangement,
            "distance_km": self.distance_km,
            "components": {
                c.key: {"value": round(c.value, 4), "weight": c.weight, "reason": c.reason}
                for c in self.components
            },
        }


# --- the four components --------------------------------------------------------------------


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = (math.radians(x) for x in (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


def _coordinates(locations: Iterable[EmployerLocation]) -> list[tuple[float, float]]:
    table = postcode_table()
    found = (table.get((loc.postcode or "").replace(" ", "")[:4]) for loc in locations)
    return [c for c in found if c is not None]


def nearest_distance_km(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float | None:
    if not a or not b:
        return None
    return min(haversine_km(x, y) for x in a for y in b)


def distance_component(km: float | None) -> Component:
    label = _("Distance")
    if km is None:
        return Component(
            "distance",
            label,
            WEIGHT_DISTANCE,
            0.5,
            _("Distance unknown: one of the employers has no location with a known postcode."),
        )
    value = max(0.0, 1.0 - km / MAX_DISTANCE_KM)
    if km < 1:
        reason = _("The nearest locations are in the same place.")
    else:
        reason = _("%(km)s km between the nearest locations.") % {"km": f"{km:.0f}"}
    return Component("distance", label, WEIGHT_DISTANCE, value, reason)


def timing_component(expected: dt.date, start: dt.date, end: dt.date) -> Component:
    label = _("Timing")
    if start <= expected <= end:
        return Component(
            "timing", label, WEIGHT_TIMING, 1.0, _("The surplus date falls in the shortage period.")
        )
    if expected < start:
        days = (start - expected).days
        reason = _("The people are free %(days)s days before the shortage period starts.") % {
            "days": days
        }
    else:
        days = (expected - end).days
        reason = _("The people are free %(days)s days after the shortage period ends.") % {
            "days": days
        }
    return Component(
        "timing", label, WEIGHT_TIMING, max(0.0, 1.0 - days / TIMING_SLACK_DAYS), reason
    )


def arrangement_value(
    arrangement: str, *, lending_possible: bool, period_days: int
) -> tuple[float, str] | None:
    """(value, reason) of an arrangement for a shortage period, or None when impossible."""
    short = period_days <= 366
    if arrangement == Arrangement.LENDING:
        if not lending_possible:
            return None
        if short:
            return 1.0, _("Temporary lending fits a need of up to a year.")
        return 0.7, _("Temporary lending is possible, but the need lasts longer than a year.")
    if arrangement == Arrangement.SECONDMENT:
        if short:
            return 0.8, _("Secondment fits a need of up to a year.")
        return 0.6, _("Secondment is possible, but the need lasts longer than a year.")
    if period_days > 366:
        return 1.0, _("A permanent move fits a need of more than a year.")
    if period_days >= 183:
        return 0.7, _("A permanent move fits a need of half a year or more.")
    return 0.4, _("A permanent move fits a short need less well.")


def best_arrangement(
    *, lending_possible: bool, period_days: int, only: str = ""
) -> tuple[str, Component] | None:
    best: tuple[str, float, str] | None = None
    for arrangement in ARRANGEMENT_ORDER:
        if only and arrangement != only:
            continue
        fit = arrangement_value(
            arrangement, lending_possible=lending_possible, period_days=period_days
        )
        if fit is not None and (best is None or fit[0] > best[1]):
            best = (arrangement, fit[0], fit[1])
    if best is None:
        return None
    return best[0], Component("arrangement", _("Arrangement"), WEIGHT_ARRANGEMENT, best[1], best[2])


def skill_fits(sources: Iterable[int], targets: Iterable[int]) -> dict[tuple[int, int], float]:
    """Transition scores source occupation → target occupation (same occupation: 1.0)."""
    sources, targets = sorted(set(sources)), sorted(set(targets))
    fits = {(s, t): (1.0 if s == t else 0.0) for s in sources for t in targets}
    tax = inputs.get_taxonomy().taxonomy
    if tax is None:
        return fits
    index: dict[Hashable, int] = dict(tax.occupation_index)
    known = [s for s in sources if s in index]
    if not known:
        return fits
    matrix = transition_scores(tax, known)
    for row, source in enumerate(known):
        for target in targets:
            if source != target and target in index:
                fits[(source, target)] = float(matrix[row, index[target]])
    return fits


def skills_component(fit: float, same: bool) -> Component:
    if same:
        reason = _("The same occupation.")
    else:
        reason = _(
            "People in this occupation cover %(percent)s%% of what the other occupation asks."
        ) % {"percent": round(fit * 100)}
    return Component("skills", _("Skills"), WEIGHT_SKILLS, fit, reason)


# --- exclusions -----------------------------------------------------------------------------


def sector_key(employer: Organisation, profile: EmployerProfile | None) -> str:
    """The SBI section when the profile has an SBI code, else the organisation's sector."""
    if profile is not None and profile.sbi_section is not None:
        return "sbi:" + profile.sbi_section[0]
    return (employer.sector or "").strip().casefold()


@dataclass(frozen=True)
class EmployerFacts:
    employer: Organisation
    profile: EmployerProfile | None
    excluded_ids: frozenset[int]
    coordinates: list[tuple[float, float]]

    @property
    def sector(self) -> str:
        return sector_key(self.employer, self.profile)

    @property
    def excludes_same_sector(self) -> bool:
        return bool(self.profile and self.profile.exclude_same_sector)


def employer_facts(employer_ids: Iterable[int]) -> dict[int, EmployerFacts]:
    ids = set(employer_ids)
    orgs = Organisation.objects.in_bulk(ids)
    profiles = {
        p.organisation_id: p
        for p in EmployerProfile.objects.filter(organisation_id__in=ids).prefetch_related(
            "excluded_employers"
        )
    }
    locations: dict[int, list[EmployerLocation]] = {}
    for loc in EmployerLocation.objects.filter(employer_id__in=ids):
        locations.setdefault(loc.employer_id, []).append(loc)
    return {
        pk: EmployerFacts(
            employer=org,
            profile=profiles.get(pk),
            excluded_ids=frozenset(
                e.pk for e in (profiles[pk].excluded_employers.all() if pk in profiles else [])
            ),
            coordinates=_coordinates(locations.get(pk, [])),
        )
        for pk, org in orgs.items()
    }


def exclusion_reason(releasing: EmployerFacts, receiving: EmployerFacts) -> str:
    """Why a pair of employers may never be proposed, or "" when it may."""
    a, b = releasing, receiving
    if a.employer.pk == b.employer.pk:
        return _("The same employer.")
    if b.employer.pk in a.excluded_ids or a.employer.pk in b.excluded_ids:
        return _("One of the employers has excluded the other.")
    same_sector = bool(a.sector) and a.sector == b.sector
    if same_sector and (a.excludes_same_sector or b.excludes_same_sector):
        return _("One of the employers excludes competitors in the same sector.")
    return ""


# --- ranking --------------------------------------------------------------------------------


def score_pair(
    surplus_line: SurplusLine,
    shortage_line: ShortageLine,
    *,
    facts: dict[int, EmployerFacts],
    fits: dict[tuple[int, int], float],
    only_arrangement: str = "",
) -> PairScore | None:
    """The score of one pair, or None when the pair may not be proposed."""
    surplus = surplus_line.registration
    shortage = shortage_line.registration
    releasing, receiving = facts[surplus.employer_id], facts[shortage.employer_id]
    if exclusion_reason(releasing, receiving):
        return None
    different_sector = releasing.sector != receiving.sector or not releasing.sector
    if not shortage.open_to_other_sectors and different_sector:
        return None
    period_days = (shortage.period_end - shortage.period_start).days + 1
    chosen = best_arrangement(
        lending_possible=surplus.lending_possible,
        period_days=period_days,
        only=only_arrangement,
    )
    if chosen is None:
        return None
    arrangement, arrangement_part = chosen
    same = surplus_line.occupation_id == shortage_line.occupation_id
    fit = fits.get((surplus_line.occupation_id, shortage_line.occupation_id), 0.0)
    km = nearest_distance_km(releasing.coordinates, receiving.coordinates)
    notes: list[str] = []
    if shortage.willing_to_train:
        notes.append(_("The receiving employer is willing to train."))
    if different_sector:
        notes.append(_("A move to another sector."))
    return PairScore(
        surplus_line=surplus_line,
        shortage_line=shortage_line,
        arrangement=arrangement,
        components=[
            skills_component(fit, same),
            distance_component(km),
            timing_component(surplus.expected_date, shortage.period_start, shortage.period_end),
            arrangement_part,
        ],
        suggested_headcount=min(surplus_line.headcount, shortage_line.headcount),
        distance_km=None if km is None else round(km, 1),
        notes=notes,
    )


def rank_pairs(
    surplus: SurplusRegistration,
    shortage_lines: list[ShortageLine],
    *,
    arrangement: str = "",
    min_skill_fit: float = MIN_SKILL_FIT,
) -> list[PairScore]:
    """Every allowed pair of ``surplus``'s lines with ``shortage_lines``, best first."""
    surplus_lines = list(surplus.lines.all())
    if not surplus_lines or not shortage_lines:
        return []
    for line in surplus_lines:
        line.registration = surplus
    facts = employer_facts(
        {surplus.employer_id} | {line.registration.employer_id for line in shortage_lines}
    )
    fits = skill_fits(
        (line.occupation_id for line in surplus_lines),
        (line.occupation_id for line in shortage_lines),
    )
    pairs: list[PairScore] = []
    for s_line in surplus_lines:
        for d_line in shortage_lines:
            pair = score_pair(s_line, d_line, facts=facts, fits=fits, only_arrangement=arrangement)
            if pair is None:
                continue
            if pair.components[0].value < min_skill_fit:
                continue
            pairs.append(pair)
    pairs.sort(
        key=lambda p: (-p.total, -p.components[0].value, p.surplus_line.pk, p.shortage_line.pk)
    )
    return pairs
