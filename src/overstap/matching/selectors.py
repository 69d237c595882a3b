"""Access-checked, audited matching queries, shared by the pages and the API.

* :func:`person_vacancies` — ranked vacancies for the person of a case, and other
  occupations (transition paths) with the skills to learn and the training that teaches
  them. Access through ``cases.selectors.get_case`` (audited READ, purpose MATCHING).
* :func:`vacancy_candidates` — ranked people for a vacancy among the people of the user's
  open cases; one LIST audit record per person shown. Employer users get a 403.
* :func:`occupation_transitions` — target occupations for any occupation (no personal data).
* :func:`cohort_allocation` — everyone with an open case from one releasing employer
  allocated to the region's open vacancies; audited per person.

Nothing here raises on bad input: a result carries a :class:`Notice` that says what is
missing and what to do next (build the passport, add vacancies, import the taxonomy).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from overstap.accounts.constants import Role
from overstap.accounts.models import Organisation
from overstap.cases import access
from overstap.cases import selectors as case_selectors
from overstap.cases.models import Case
from overstap.catalogue.models import Offering
from overstap.employers import selectors as employer_selectors
from overstap.employers.constants import SkillImportance, VacancyStatus
from overstap.employers.models import Vacancy
from overstap.matching import engine_inputs as inputs
from overstap.matching.explain import (
    ExplanationView,
    describe,
    explanation_skill_ids,
    occupation_labels,
    skill_labels,
)
from overstap.privacy.constants import Purpose
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.models import Occupation
from skillmatch import (
    CONSTRAINTS,
    Explanation,
    PersonIndex,
    allocate,
    rank_offerings,
    transitions_from,
)
from skillmatch.allocation import NO_FEASIBLE, POSITIONS_TAKEN

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: Default and maximum number of results.
DEFAULT_TOP = 20
MAX_TOP = 100
#: Other occupations shown on the person's tab, and offerings per missing skill.
TRANSITIONS_FOR_PERSON = 8
OFFERINGS_PER_SKILL = 3
#: Cohort allocation proposes no pair with a lower fit than this (a 5 % fit is no proposal).
COHORT_MIN_FIT = 0.2
#: ISCO-08 unit groups counted as one "hospitality and catering" sector: cooks, waiters,
#: bartenders, food counter attendants, kitchen helpers, hotel and restaurant managers,
#: chefs, hotel receptionists, housekeeping supervisors. Every other occupation's sector is
#: its ISCO sub-major group (2 digits). Used for the "other sector" label only, never in a
#: score.
HOSPITALITY_ISCO = frozenset(
    {"1411", "1412", "3434", "4224", "5120", "5131", "5132", "5151", "5246", "9411", "9412"}
)


class BadParameter(ValueError):
    """A query parameter is out of range (the API answers 400)."""


def parse_top(raw: object, default: int = DEFAULT_TOP) -> int:
    """``top`` from a query string: 1..MAX_TOP, else :class:`BadParameter`."""
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise BadParameter(
            _("top must be a whole number between 1 and %(max)s.") % {"max": MAX_TOP}
        ) from None
    if not 1 <= value <= MAX_TOP:
        raise BadParameter(
            _("top must be a whole number between 1 and %(max)s.") % {"max": MAX_TOP}
        )
    return value


@dataclass(frozen=True)
class Notice:
    """Why a list is empty, and what to do next (a link when there is one)."""

    code: str
    message: str
    action_label: str = ""
    action_url: str = ""


def _id(value: Hashable) -> int:
    """An engine id back to the database pk it was built from."""
    return int(cast(Any, value))


def _sector(isco: str) -> str:
    return "hospitality" if isco[:4] in HOSPITALITY_ISCO else isco[:2]


# --- training offerings -------------------------------------------------------------------


@dataclass(frozen=True)
class OfferingRef:
    pk: int
    name: str
    provider: str


def _region_offerings(region_id: int) -> tuple[dict[int, OfferingRef], dict[int, set[int]]]:
    """Active offerings of the region that teach skills: refs and skill pks, two queries."""
    rows = Offering.skills.through.objects.filter(
        offering__region_id=region_id, offering__is_active=True
    ).values_list("offering_id", "skill_id")
    teaches: dict[int, set[int]] = defaultdict(set)
    for offering_id, skill_id in rows:
        teaches[offering_id].add(skill_id)
    refs = {
        pk: OfferingRef(pk, name, provider)
        for pk, name, provider in Offering.objects.filter(pk__in=list(teaches))
        .order_by("name", "pk")
        .values_list("pk", "name", "provider__name")
    }
    return refs, {pk: teaches[pk] for pk in refs}


@dataclass(frozen=True)
class GapSkill:
    id: int
    label: str
    essential: bool
    offerings: list[OfferingRef]


def _gap_with_training(
    gap: Sequence[int],
    essential: set[int],
    labels: dict[int, str],
    offerings: tuple[dict[int, OfferingRef], dict[int, set[int]]],
) -> list[GapSkill]:
    refs, teaches = offerings
    out = []
    for skill in gap:
        ranked = (
            rank_offerings([skill], cast(Any, teaches), top=OFFERINGS_PER_SKILL) if teaches else []
        )
        out.append(
            GapSkill(
                skill,
                labels.get(skill, str(skill)),
                skill in essential,
                [refs[cast(int, r.offering)] for r in ranked],
            )
        )
    return out


# --- transitions --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingOption:
    """An offering and the gap skills it teaches (best first: closes most of the gap)."""

    offering: OfferingRef
    covers: list[str]
    closed: float


def _training_options(
    gap: Sequence[int],
    essential: set[int],
    labels: dict[int, str],
    offerings: tuple[dict[int, OfferingRef], dict[int, set[int]]],
) -> list[TrainingOption]:
    refs, teaches = offerings
    if not gap or not teaches:
        return []
    weights = {k: 1.0 if k in essential else 0.5 for k in gap}
    ranked = rank_offerings(
        list(gap), cast(Any, teaches), weights=cast(Any, weights), top=OFFERINGS_PER_SKILL
    )
    return [
        TrainingOption(
            refs[cast(int, r.offering)],
            [labels.get(cast(int, k), str(k)) for k in r.covered],
            r.closed,
        )
        for r in ranked
    ]


@dataclass(frozen=True)
class TransitionRow:
    occupation_id: int
    label: str
    score: float
    rank: int
    gap: list[GapSkill]
    open_positions: int
    other_sector: bool
    wage_band: str = ""  # median band of the region's vacancies for it ("" = no data)
    keeps_wage: bool | None = None
    explanation: ExplanationView | None = None
    training: list[TrainingOption] = field(default_factory=list)


def _wage_medians(region_id: int) -> dict[int, int]:
    """Occupation pk -> median wage band index of the region's open vacancies for it."""
    bands: dict[int, list[int]] = defaultdict(list)
    rows = Vacancy.objects.filter(
        region_id=region_id, status=VacancyStatus.OPEN, occupation__isnull=False
    ).exclude(wage_band="")
    for occupation_id, band in rows.values_list("occupation_id", "wage_band"):
        index = inputs.wage_band_index(band)
        if index is not None:
            bands[occupation_id].append(index)
    return {k: int(statistics.median_low(v)) for k, v in bands.items()}


def _band_value(index: int | None) -> str:
    from overstap.cases.constants import WAGE_BAND_ORDER

    return WAGE_BAND_ORDER[index] if index is not None else ""


@dataclass
class TransitionResult:
    occupation: Occupation | None
    rows: list[TransitionRow] = field(default_factory=list)
    notice: Notice | None = None
    wage_data: bool = False  # the source occupation has wage data in the region
    source_wage_band: str = ""
    hidden_without_wage: int = 0


def resolve_occupation(ref: str | int) -> Occupation:
    """An occupation by pk or URI (a replaced demo concept resolves to its ESCO twin)."""
    qs = Occupation.objects.select_related("replaced_by")
    text = str(ref)
    occupation = qs.filter(pk=int(text)).first() if text.isdigit() else qs.filter(uri=text).first()
    if occupation is None:
        raise Http404
    return occupation.replaced_by if occupation.replaced_by_id else occupation  # type: ignore[return-value]


def require_staff(user: User) -> None:
    """Transitions are reference data for every logged-in staff role (not employer users)."""
    if not user.is_authenticated or not user.is_active or user.role == Role.EMPLOYER_USER:
        raise PermissionDenied


def occupation_transitions(
    *,
    user: User,
    occupation: Occupation,
    top: int = 50,
    keeps_wage: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> TransitionResult:
    """Target occupations for ``occupation`` with gap, open positions and wage filter."""
    require_staff(user)
    tax = inputs.get_taxonomy()
    result = TransitionResult(occupation)
    if tax.taxonomy is None:
        result.notice = Notice(
            "no_taxonomy",
            _("No taxonomy has been imported yet. Load the demo taxonomy or import ESCO first."),
        )
        return result
    if occupation.pk not in tax.taxonomy.occupation_index:
        result.notice = Notice(
            "unknown_occupation",
            _(
                "This occupation is not part of the current taxonomy. Search for another "
                "occupation."
            ),
            _("Search occupations"),
            reverse("taxonomy:browser"),
        )
        return result
    region_id = user.organisation.region_id if user.organisation_id else None  # type: ignore[union-attr]
    transitions = transitions_from(tax.taxonomy, occupation.pk, top=top)
    if not transitions:
        result.notice = Notice(
            "no_transitions",
            _(
                "No other occupation shares skills with this one. Add skills to the occupation or "
                "pick another occupation."
            ),
        )
        return result
    vacancies = inputs.get_region_vacancies(region_id, tax) if region_id else None
    open_positions = vacancies.open_per_occupation() if vacancies else {}
    medians = _wage_medians(region_id) if region_id else {}
    source_band = medians.get(occupation.pk)
    result.wage_data = source_band is not None
    result.source_wage_band = _band_value(source_band)
    offerings = _region_offerings(region_id) if region_id else ({}, {})
    ids: set[Hashable] = set()
    for t in transitions:
        ids |= explanation_skill_ids(t.explanation)
    labels = skill_labels(ids, lang)
    occ_labels = occupation_labels([_id(t.target) for t in transitions], lang)
    source_sector = _sector(tax.isco.get(occupation.pk, ""))
    for t in transitions:
        target = _id(t.target)
        band = medians.get(target)
        keeps = None if source_band is None or band is None else band >= source_band
        if keeps_wage and result.wage_data and keeps is not True:
            result.hidden_without_wage += 1 if keeps is None else 0
            continue
        essential = {_id(c.skill) for c in t.explanation.matched_primary} | {
            _id(s) for s in t.explanation.missing_primary
        }
        gap = [_id(s) for s in t.explanation.gap]
        result.rows.append(
            TransitionRow(
                occupation_id=target,
                label=occ_labels.get(target, str(target)),
                score=float(t.score),
                rank=t.rank,
                gap=_gap_with_training(gap, essential, labels, offerings),
                training=_training_options(gap, essential, labels, offerings),
                open_positions=open_positions.get(target, 0),
                other_sector=_sector(tax.isco.get(target, "")) != source_sector,
                wage_band=_band_value(band),
                keeps_wage=keeps,
                explanation=describe(t.explanation, labels),
            )
        )
    if not result.rows:
        result.notice = Notice(
            "none_keeps_wage",
            _(
                "None of the target occupations is known to keep the wage in this region. Switch "
                "the wage filter off to see all of them."
            ),
        )
    return result


# --- person -> vacancies ------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyMatchRow:
    vacancy: inputs.VacancyFacts
    rank: int
    score: float
    other_sector: bool
    occupation_label: str
    explanation: ExplanationView


@dataclass
class PersonMatches:
    case: Case
    matches: list[VacancyMatchRow] = field(default_factory=list)
    notice: Notice | None = None
    transitions: list[TransitionRow] = field(default_factory=list)
    transitions_notice: Notice | None = None
    occupations: list[str] = field(default_factory=list)
    skills_count: int = 0
    pending_skills: int = 0
    open_vacancies: int = 0


def _passport_url(case: Case) -> str:
    return reverse("passport:case_passport", args=[case.pk])


def person_vacancies(
    *,
    user: User,
    case_id: int,
    top: int = DEFAULT_TOP,
    with_transitions: bool = True,
    lang: str = DEFAULT_LANGUAGE,
) -> PersonMatches:
    """Ranked open vacancies of the case's region for its person (audited READ, MATCHING)."""
    case = case_selectors.get_case(user=user, case_id=case_id, purpose=Purpose.MATCHING)
    result = PersonMatches(case)
    tax = inputs.get_taxonomy()
    if tax.taxonomy is None:
        result.notice = Notice(
            "no_taxonomy",
            _(
                "No taxonomy has been imported yet, so skills cannot be compared. Ask an "
                "administrator to load the taxonomy."
            ),
        )
        return result
    people = inputs.get_region_people(case.region_id, tax)
    person = people.person(case.person_id)
    occupation_ids = list(people.occupations.get(case.person_id, ()))
    result.occupations = list(occupation_labels(occupation_ids, lang).values())
    if person is None:
        result.notice = Notice(
            "no_passport",
            _(
                "This person has no skills passport yet. Build the skills passport first; then "
                "suitable work appears here."
            ),
            _("Build the skills passport"),
            _passport_url(case),
        )
        return result
    result.skills_count = len(person.skills)
    result.pending_skills = people.pending.get(case.person_id, 0)
    if not person.skills:
        pending = people.pending.get(case.person_id, 0)
        message = (
            _(
                "The skills passport has %(count)s skills still to review. Confirm the skills the "
                "person really has; then suitable work appears here."
            )
            % {"count": pending}
            if pending
            else _(
                "The skills passport has no confirmed skills yet. Add or confirm skills first; "
                "then suitable work appears here."
            )
        )
        result.notice = Notice(
            "no_skills", message, _("Go to the skills passport"), _passport_url(case)
        )
    vacancies = inputs.get_region_vacancies(case.region_id, tax)
    result.open_vacancies = vacancies.open_count
    if result.notice is None:
        if vacancies.index is None:
            result.notice = (
                Notice(
                    "vacancies_without_skills",
                    _(
                        "The region has %(count)s open vacancies, but none lists the skills it "
                        "needs. Ask the account manager to add skills to the vacancies."
                    )
                    % {"count": vacancies.without_skills},
                )
                if vacancies.without_skills
                else Notice(
                    "no_vacancies",
                    _(
                        "There are no open vacancies in this region yet. Look at other "
                        "occupations below, or ask the account manager to add vacancies."
                    ),
                )
            )
        else:
            _fill_matches(result, person, vacancies, tax, occupation_ids, top, lang)
    if with_transitions:
        _fill_person_transitions(result, person, occupation_ids, tax, vacancies, lang)
    return result


def _fill_matches(
    result: PersonMatches,
    person: inputs.Person,
    vacancies: inputs.RegionVacancies,
    tax: inputs.TaxonomyData,
    occupation_ids: list[int],
    top: int,
    lang: str,
) -> None:
    assert vacancies.index is not None
    found = vacancies.index.match_person(person, top=top)
    if not found.matches:
        result.notice = Notice(
            "no_match",
            _(
                "None of the region's open vacancies fits the skills and wishes in the passport. "
                "Add skills, relax a wish (for example the travel distance), or look at other "
                "occupations below."
            ),
        )
        return
    ids: set[Hashable] = set()
    for m in found.matches:
        ids |= explanation_skill_ids(m.explanation)
    labels = skill_labels(ids, lang)
    facts = [vacancies.facts[_id(m.id)] for m in found.matches]
    occ_labels = occupation_labels({f.occupation_id for f in facts if f.occupation_id}, lang)
    own = {_sector(tax.isco.get(o, "")) for o in occupation_ids}
    for m, fact in zip(found.matches, facts, strict=True):
        sector = _sector(tax.isco.get(fact.occupation_id, "")) if fact.occupation_id else ""
        result.matches.append(
            VacancyMatchRow(
                vacancy=fact,
                rank=m.rank,
                score=m.score,
                other_sector=bool(own and sector and sector not in own),
                occupation_label=occ_labels.get(fact.occupation_id or 0, ""),
                explanation=describe(m.explanation, labels, constraint_names=CONSTRAINTS),
            )
        )


def _fill_person_transitions(
    result: PersonMatches,
    person: inputs.Person | None,
    occupation_ids: list[int],
    tax: inputs.TaxonomyData,
    vacancies: inputs.RegionVacancies,
    lang: str,
) -> None:
    assert tax.taxonomy is not None
    known = [o for o in occupation_ids if o in tax.taxonomy.occupation_index]
    if not known:
        result.transitions_notice = Notice(
            "no_occupation",
            _(
                "Add the occupations the person held to the skills passport to see which other "
                "occupations are within reach."
            ),
            _("Go to the skills passport"),
            _passport_url(result.case),
        )
        return
    best: dict[int, tuple[float, int, Explanation]] = {}
    for source in known:
        for t in transitions_from(tax.taxonomy, source, top=TRANSITIONS_FOR_PERSON * 2):
            target = _id(t.target)
            if target in known:
                continue
            if target not in best or t.score > best[target][0]:
                best[target] = (t.score, source, t.explanation)
    chosen = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:TRANSITIONS_FOR_PERSON]
    if not chosen:
        result.transitions_notice = Notice(
            "no_transitions",
            _("No other occupation shares skills with the occupations in the passport."),
        )
        return
    held = set(person.skills) if person is not None else set()
    ids: set[Hashable] = set()
    for _target, (_score, _source, explanation) in chosen:
        ids |= explanation_skill_ids(explanation)
    labels = skill_labels(ids, lang)
    occ_labels = occupation_labels([t for t, _v in chosen], lang)
    offerings = _region_offerings(result.case.region_id)
    open_positions = vacancies.open_per_occupation()
    own = {_sector(tax.isco.get(o, "")) for o in known}
    for rank, (target, (score, _source, explanation)) in enumerate(chosen, 1):
        essential = {_id(c.skill) for c in explanation.matched_primary} | {
            _id(s) for s in explanation.missing_primary
        }
        gap = [_id(s) for s in explanation.gap if s not in held]
        result.transitions.append(
            TransitionRow(
                occupation_id=target,
                label=occ_labels.get(target, str(target)),
                score=float(score),
                rank=rank,
                gap=_gap_with_training(gap, essential, labels, offerings),
                training=_training_options(gap, essential, labels, offerings),
                open_positions=open_positions.get(target, 0),
                other_sector=_sector(tax.isco.get(target, "")) not in own,
            )
        )


# --- vacancy -> people --------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateRow:
    case: Case
    rank: int
    score: float
    explanation: ExplanationView


@dataclass
class VacancyCandidates:
    vacancy: Vacancy
    candidates: list[CandidateRow] = field(default_factory=list)
    notice: Notice | None = None
    considered: int = 0  # people with confirmed skills among the user's open cases


def _require_case_staff(user: User) -> None:
    """Only users who work on cases may look for candidates (employer users: issue #7)."""
    if access.case_scope(user) is None:
        raise PermissionDenied


def _engine_vacancy_of(vacancy: Vacancy) -> inputs.EngineVacancy:
    links = list(vacancy.skill_links.all())
    return inputs.engine_vacancy(
        vacancy.pk,
        [link.skill_id for link in links if link.importance == SkillImportance.MUST],
        [link.skill_id for link in links if link.importance != SkillImportance.MUST],
        hours_min=vacancy.hours_min,
        hours_max=vacancy.hours_max,
        wage_band=vacancy.wage_band,
        contract_type=vacancy.contract_type,
        postcode=vacancy.postcode,
        shifts=vacancy.shifts or (),
        positions=vacancy.positions,
    )


def _open_cases_by_person(
    user: User, *, releasing_employer_id: int | None = None
) -> dict[int, int]:
    """person pk -> case pk of the user's visible open cases (most recent case wins)."""
    qs = case_selectors.caseload(
        user=user,
        filters=case_selectors.CaseloadFilters(releasing_employer_id=releasing_employer_id),
    )
    out: dict[int, int] = {}
    for case_pk, person_id in qs.order_by("created_at", "pk").values_list("pk", "person_id"):
        out[person_id] = case_pk
    return out


def _shown_cases(user: User, case_ids: Sequence[int]) -> dict[int, Case]:
    """The cases to show, with their people, in one query (already in the user's scope)."""
    qs = (
        access.visible_cases(user)
        .filter(pk__in=list(case_ids))
        .select_related("person", "case_manager")
    )
    return {case.pk: case for case in qs}


def vacancy_candidates(
    *, user: User, vacancy_id: int, top: int = DEFAULT_TOP, lang: str = DEFAULT_LANGUAGE
) -> VacancyCandidates:
    """Ranked people for a vacancy among the user's open cases; audited LIST per person."""
    _require_case_staff(user)
    vacancy = employer_selectors.get_vacancy(user=user, vacancy_id=vacancy_id)
    result = VacancyCandidates(vacancy)
    tax = inputs.get_taxonomy()
    if tax.space is None:
        result.notice = Notice(
            "no_taxonomy", _("No taxonomy has been imported yet, so skills cannot be compared.")
        )
        return result
    engine_vacancy = _engine_vacancy_of(vacancy)
    if not engine_vacancy.must and not engine_vacancy.nice:
        result.notice = Notice(
            "vacancy_without_skills",
            _(
                "This vacancy lists no skills, so nobody can be matched to it. Add the skills it "
                "needs to the vacancy first."
            ),
        )
        return result
    cases = _open_cases_by_person(user)
    people = inputs.get_region_people(vacancy.region_id, tax)
    pool = [people.people[p] for p in cases if p in people.people and people.people[p].skills]
    result.considered = len(pool)
    if not pool:
        result.notice = Notice(
            "no_people",
            _(
                "None of the people in your open cases has confirmed skills in a skills passport "
                "yet. Build and confirm skills passports first."
            ),
        )
        return result
    index = PersonIndex(pool, tax.space, inputs.MATCH_CONFIG, postcodes=inputs.postcode_table())
    found = index.match_vacancy(engine_vacancy, top=top)
    if not found.matches:
        result.notice = Notice(
            "no_match",
            _(
                "Nobody in your open cases has skills that fit this vacancy (or their wishes "
                "exclude it)."
            ),
        )
        return result
    shown = _shown_cases(user, [cases[_id(m.id)] for m in found.matches])
    ids: set[Hashable] = set()
    for m in found.matches:
        ids |= explanation_skill_ids(m.explanation)
    labels = skill_labels(ids, lang)
    for m in found.matches:
        case = shown.get(cases[_id(m.id)])
        if case is None:  # pragma: no cover - scope changed between the two queries
            continue
        result.candidates.append(
            CandidateRow(
                case, m.rank, m.score, describe(m.explanation, labels, constraint_names=CONSTRAINTS)
            )
        )
    case_selectors.audit_listed(
        user=user, cases=[row.case for row in result.candidates], purpose=Purpose.MATCHING
    )
    return result


# --- cohort -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortAssignment:
    case: Case
    vacancy: inputs.VacancyFacts
    score: float


@dataclass(frozen=True)
class CohortUnassigned:
    case: Case
    code: str
    reason: str


@dataclass
class Cohort:
    organisation: Organisation
    assignments: list[CohortAssignment] = field(default_factory=list)
    unassigned: list[CohortUnassigned] = field(default_factory=list)
    notice: Notice | None = None
    total_fit: float = 0.0
    open_positions: int = 0
    min_fit: float = COHORT_MIN_FIT

    @property
    def people_count(self) -> int:
        return len(self.assignments) + len(self.unassigned)


def _unassigned_reason(code: str) -> str:
    return {
        "no_passport": _("No skills passport yet: build the skills passport first."),
        "no_skills": _("No confirmed skills in the skills passport: confirm skills first."),
        NO_FEASIBLE: _(
            "No open vacancy fits this person's skills and wishes: look at other occupations or "
            "relax a wish."
        ),
        POSITIONS_TAKEN: _(
            "Every suitable position went to someone with a better fit: look for more vacancies "
            "or training."
        ),
        "no_vacancies": _("There are no open vacancies with skills in the region."),
    }[code]


def can_view_cohort(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role in (Role.COORDINATOR, Role.CASE_MANAGER, Role.ACCOUNT_MANAGER)
    )


def cohort_allocation(*, user: User, organisation_id: int) -> Cohort:
    """Allocate everyone with an open case (visible to ``user``) from a releasing employer
    to the region's open vacancies, maximising the total fit. Audited LIST per person."""
    if not can_view_cohort(user) or user.organisation is None:
        raise PermissionDenied
    region_id: int = user.organisation.region_id
    organisation = Organisation.objects.filter(pk=organisation_id, region_id=region_id).first()
    if organisation is None:
        raise Http404
    cases = _open_cases_by_person(user, releasing_employer_id=organisation.pk)
    if not cases:
        raise Http404  # nothing of this employer the user may see
    result = Cohort(organisation)
    shown = _shown_cases(user, list(cases.values()))
    tax = inputs.get_taxonomy()
    people = inputs.get_region_people(region_id, tax) if tax.space is not None else None
    vacancies = inputs.get_region_vacancies(region_id, tax)
    pool = []
    for person_id, case_pk in cases.items():
        person = people.person(person_id) if people else None
        if person is None:
            result.unassigned.append(
                CohortUnassigned(shown[case_pk], "no_passport", _unassigned_reason("no_passport"))
            )
        elif not person.skills:
            result.unassigned.append(
                CohortUnassigned(shown[case_pk], "no_skills", _unassigned_reason("no_skills"))
            )
        else:
            pool.append(person)
    if vacancies.index is None:
        result.notice = Notice(
            "no_vacancies",
            _(
                "There are no open vacancies with skills in this region, so nobody can be "
                "allocated. Ask the account manager to add vacancies."
            ),
        )
        result.unassigned += [
            CohortUnassigned(
                shown[cases[_id(p.id)]], "no_vacancies", _unassigned_reason("no_vacancies")
            )
            for p in pool
        ]
    elif pool:
        index = vacancies.index
        result.open_positions = int(index.positions.sum())
        scores = index.score_matrix(pool)
        allocation = allocate(
            scores,
            index.positions,
            min_score=COHORT_MIN_FIT,
            person_ids=[p.id for p in pool],
            vacancy_ids=index.ids,
        )
        for a in allocation.assignments:
            result.assignments.append(
                CohortAssignment(
                    shown[cases[_id(a.person)]], vacancies.facts[_id(a.vacancy)], a.score
                )
            )
        for u in allocation.unassigned:
            result.unassigned.append(
                CohortUnassigned(shown[cases[_id(u.person)]], u.code, _unassigned_reason(u.code))
            )
        result.total_fit = allocation.total_score
    result.assignments.sort(key=lambda a: (-a.score, a.case.person.last_name))
    result.unassigned.sort(key=lambda u: (u.code, u.case.person.last_name))
    case_selectors.audit_listed(user=user, cases=list(shown.values()), purpose=Purpose.MATCHING)
    return result


def releasing_employers(*, user: User) -> list[tuple[Organisation, int]]:
    """Releasing employers with open cases the user can see, with the number of cases."""
    counts: dict[int, int] = defaultdict(int)
    for employer_id in (
        case_selectors.caseload(user=user)
        .exclude(releasing_employer__isnull=True)
        .values_list("releasing_employer_id", flat=True)
    ):
        counts[employer_id] += 1
    orgs = Organisation.objects.filter(pk__in=list(counts)).order_by("name")
    return [(org, counts[org.pk]) for org in orgs]
