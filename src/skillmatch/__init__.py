"""skillmatch: a pure numpy/scipy skills-matching engine (no Django).

Occupation transitions, person <-> vacancy matching with explanations, skill gap
-> training, and cohort allocation.  See ``docs/matching.md`` for the formulas.
"""

from .allocation import Allocation, Assignment, Unassigned, allocate, greedy_allocate
from .baseline import cosine_top_k
from .constraints import CONSTRAINTS, haversine_km
from .exceptions import (
    EmptyInputError,
    InvalidInputError,
    SkillmatchError,
    UnknownIdError,
    UnknownOccupationError,
    UnknownSkillError,
)
from .explain import ConstraintCheck, Explanation, ScorePart, SkillCredit
from .matching import (
    BatchMatches,
    Match,
    MatchConfig,
    MatchResult,
    Person,
    PersonIndex,
    Vacancy,
    VacancyIndex,
)
from .skills import SkillSpace
from .taxonomy import Taxonomy, build_taxonomy
from .training import OfferingScore, rank_offerings, training_bundle
from .transitions import (
    Transition,
    TransitionResult,
    explain_transition,
    top_transitions,
    transition_scores,
    transition_table,
    transitions_from,
)

__all__ = [
    "CONSTRAINTS",
    "Allocation",
    "Assignment",
    "BatchMatches",
    "ConstraintCheck",
    "EmptyInputError",
    "Explanation",
    "InvalidInputError",
    "Match",
    "MatchConfig",
    "MatchResult",
    "OfferingScore",
    "Person",
    "PersonIndex",
    "ScorePart",
    "SkillCredit",
    "SkillSpace",
    "SkillmatchError",
    "Taxonomy",
    "Transition",
    "TransitionResult",
    "Unassigned",
    "UnknownIdError",
    "UnknownOccupationError",
    "UnknownSkillError",
    "Vacancy",
    "VacancyIndex",
    "allocate",
    "build_taxonomy",
    "cosine_top_k",
    "explain_transition",
    "greedy_allocate",
    "haversine_km",
    "rank_offerings",
    "top_transitions",
    "training_bundle",
    "transition_scores",
    "transition_table",
    "transitions_from",
]
