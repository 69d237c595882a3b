"""Engine explanations in words: skills with labels, constraints as sentences, score parts.

The engine returns ids and codes (:class:`skillmatch.Explanation`); the pages and the API
show the same facts with labels in the user's language. One :func:`describe` serves both.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overstap.cases.constants import WAGE_BAND_ORDER, ContractType, WageBand
from overstap.employers.constants import Shift
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.models import Occupation, Skill
from skillmatch import Explanation

CONSTRAINT_LABELS = {
    "hours": gettext_lazy("Hours"),
    "wage": gettext_lazy("Wage"),
    "distance": gettext_lazy("Distance"),
    "contract": gettext_lazy("Contract"),
    "shifts": gettext_lazy("Shifts"),
}
STATUS_LABELS = {
    "met": gettext_lazy("Met"),
    "violated": gettext_lazy("Not met"),
    "unknown": gettext_lazy("Unknown"),
    "not_set": gettext_lazy("No wish set"),
}
PART_LABELS = {
    "must_exact": gettext_lazy("Must-have skills held"),
    "must_related": gettext_lazy("Must-have skills through a related skill"),
    "nice_exact": gettext_lazy("Nice-to-have skills held"),
    "nice_related": gettext_lazy("Nice-to-have skills through a related skill"),
    "essential_exact": gettext_lazy("Essential skills carried over"),
    "essential_related": gettext_lazy("Essential skills through a related skill"),
    "optional_exact": gettext_lazy("Optional skills carried over"),
    "optional_related": gettext_lazy("Optional skills through a related skill"),
    "penalty_hours": gettext_lazy("Penalty: hours"),
    "penalty_wage": gettext_lazy("Penalty: wage"),
    "penalty_distance": gettext_lazy("Penalty: distance"),
    "penalty_contract": gettext_lazy("Penalty: contract"),
    "penalty_shifts": gettext_lazy("Penalty: shifts"),
}


def skill_labels(ids: Iterable[Hashable], lang: str = DEFAULT_LANGUAGE) -> dict[int, str]:
    """Skill pk -> label in ``lang`` (with the usual fallback), one query."""
    wanted = {int(i) for i in ids if isinstance(i, int)}
    if not wanted:
        return {}
    return {
        s.pk: s.label(lang)
        for s in Skill.objects.filter(pk__in=wanted).only("pk", "uri", "label_nl", "label_en")
    }


def occupation_labels(ids: Iterable[int], lang: str = DEFAULT_LANGUAGE) -> dict[int, str]:
    wanted = {int(i) for i in ids}
    if not wanted:
        return {}
    return {
        o.pk: o.label(lang)
        for o in Occupation.objects.filter(pk__in=wanted).only("pk", "uri", "label_nl", "label_en")
    }


def explanation_skill_ids(explanation: Explanation) -> set[Hashable]:
    ids: set[Hashable] = set(explanation.missing_primary) | set(explanation.missing_secondary)
    for credit in explanation.matched_primary + explanation.matched_secondary:
        ids.add(credit.skill)
        if credit.via is not None:
            ids.add(credit.via)
    return ids


@dataclass(frozen=True)
class SkillLine:
    id: int
    label: str
    kind: str  # "exact" or "related"
    via_id: int | None
    via_label: str
    credit: float


@dataclass(frozen=True)
class ConstraintLine:
    name: str
    label: str
    status: str
    status_label: str
    text: str
    mode: str
    penalty: float


@dataclass(frozen=True)
class ScoreLine:
    name: str
    label: str
    value: float


@dataclass(frozen=True)
class ExplanationView:
    """An explanation with labels; ``primary`` = must/essential, ``secondary`` = nice/optional."""

    score: float
    matched_primary: list[SkillLine]
    matched_secondary: list[SkillLine]
    missing_primary: list[SkillLine]
    missing_secondary: list[SkillLine]
    constraints: list[ConstraintLine]
    breakdown: list[ScoreLine]
    complete: bool

    @property
    def violated(self) -> list[ConstraintLine]:
        return [c for c in self.constraints if c.status == "violated"]


def _number(value: object) -> object:
    """12.0 -> 12, 12.5 stays 12.5 (for sentences)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _band(index: object) -> str:
    if isinstance(index, int) and 0 <= index < len(WAGE_BAND_ORDER):
        return str(WageBand(WAGE_BAND_ORDER[index]).label)
    return "—"


def _choices(values: object, labels: Mapping[str, object]) -> str:
    if values is None:
        return "—"
    items = values if isinstance(values, (tuple, list, set, frozenset)) else (values,)
    return ", ".join(str(labels.get(str(v), v)) for v in items)


def constraint_text(name: str, status: str, required: object, offered: object) -> str:
    """One constraint outcome as a plain sentence."""
    contracts = dict(ContractType.choices)
    shifts = dict(Shift.choices)
    if status == "not_set":
        return {
            "hours": _("No minimum number of hours set in the passport."),
            "wage": _("No minimum wage set in the passport."),
            "distance": _("No maximum travel distance set in the passport."),
            "contract": _("Any contract type is fine."),
            "shifts": _("Any shift is fine."),
        }[name]
    if status == "unknown":
        return {
            "hours": _("The vacancy does not state its hours."),
            "wage": _("The vacancy does not state its wage."),
            "distance": _(
                "Distance unknown: the person's or the vacancy's postcode is missing or "
                "outside the known area."
            ),
            "contract": _("The vacancy does not state its contract type."),
            "shifts": _("The vacancy does not state its shifts."),
        }[name]
    met = status == "met"
    if name == "hours":
        values = {"offered": _number(offered), "required": _number(required)}
        return (
            _("Up to %(offered)s hours a week; at least %(required)s wanted.") % values
            if met
            else _("Only up to %(offered)s hours a week; at least %(required)s wanted.") % values
        )
    if name == "wage":
        values = {"offered": _band(offered), "required": _band(required)}
        return (
            _("Wage %(offered)s; at least %(required)s wanted.") % values
            if met
            else _("Wage %(offered)s is below the %(required)s wanted.") % values
        )
    if name == "distance":
        values = {"km": _number(offered), "max": _number(required)}
        return (
            _("About %(km)s km away; at most %(max)s km wanted.") % values
            if met
            else _("About %(km)s km away: further than the %(max)s km wanted.") % values
        )
    if name == "contract":
        values = {
            "offered": _choices(offered, contracts),
            "accepted": _choices(required, contracts),
        }
        return (
            _("Contract %(offered)s is acceptable (%(accepted)s).") % values
            if met
            else _("Contract %(offered)s is not among the accepted: %(accepted)s.") % values
        )
    values = {"offered": _choices(offered, shifts), "accepted": _choices(required, shifts)}
    return (
        _("Shifts %(offered)s are acceptable (%(accepted)s).") % values
        if met
        else _("Shifts %(offered)s include some outside the acceptable: %(accepted)s.") % values
    )


def describe(
    explanation: Explanation,
    labels: Mapping[int, str],
    *,
    constraint_names: tuple[str, ...] = (),
) -> ExplanationView:
    """Put labels and sentences on an engine explanation."""

    def line(
        skill: Hashable, kind: str = "", via: Hashable | None = None, credit: float = 0.0
    ) -> SkillLine:
        sid = int(skill)  # type: ignore[call-overload]
        vid = int(via) if via is not None else None  # type: ignore[call-overload]
        return SkillLine(
            sid,
            labels.get(sid, str(skill)),
            kind,
            vid,
            labels.get(vid, "") if vid is not None else "",
            round(credit, 4),
        )

    return ExplanationView(
        score=explanation.score,
        matched_primary=[
            line(c.skill, c.kind, c.via, c.credit) for c in explanation.matched_primary
        ],
        matched_secondary=[
            line(c.skill, c.kind, c.via, c.credit) for c in explanation.matched_secondary
        ],
        missing_primary=[line(s) for s in explanation.missing_primary],
        missing_secondary=[line(s) for s in explanation.missing_secondary],
        constraints=[
            ConstraintLine(
                c.name,
                str(CONSTRAINT_LABELS.get(c.name, c.name)),
                c.status,
                str(STATUS_LABELS.get(c.status, c.status)),
                constraint_text(c.name, c.status, c.required, c.offered),
                c.mode,
                c.penalty,
            )
            for c in explanation.constraints
        ],
        breakdown=[
            ScoreLine(p.name, str(PART_LABELS.get(p.name, p.name)), round(p.value, 6))
            for p in explanation.breakdown
        ],
        complete=explanation.is_complete(constraint_names=constraint_names),
    )
