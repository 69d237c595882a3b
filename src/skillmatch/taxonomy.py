"""The occupation x skill taxonomy matrix.

An occupation *requires* skills with a relation type (ESCO: ``essential`` or
``optional``).  The requirement weight of skill ``k`` for occupation ``t`` is

.. math:: r_{tk} = w_{type} \\cdot \\mathrm{idf}_k

with ``w_essential = 1`` and ``w_optional = 0.5`` by default, and the smooth
inverse document frequency

.. math:: \\mathrm{idf}_k = 1 + \\ln \\frac{1 + N}{1 + \\mathrm{df}_k}

(``N`` occupations, ``df_k`` occupations listing skill ``k``), optionally multiplied
by ``transversal_weight`` for skills flagged as transversal.  Very common skills
("communicate with customers") therefore count less than distinctive ones, but
never zero.

A worker *in* occupation ``s`` is assumed to hold its essential skills fully and
its optional skills at level ``source_optional`` (0.5 by default: some workers
use them, some don't).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .exceptions import EmptyInputError, InvalidInputError, UnknownOccupationError
from .skills import SkillSpace

__all__ = ["ESSENTIAL", "OPTIONAL", "Taxonomy", "build_taxonomy"]

ESSENTIAL = "essential"
OPTIONAL = "optional"


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Occupations, skills and their weighted relations as sparse matrices.

    Build one with :func:`build_taxonomy`.

    Attributes
    ----------
    occupation_ids : tuple
        Row order of the matrices.
    space : SkillSpace
        Skills (column order) and hierarchy.
    essential, optional : scipy.sparse.csr_array
        0/1 occupation x skill relation matrices (disjoint).
    idf : ndarray
        Per-skill down-weighting factor (all ones when disabled).
    requirements : scipy.sparse.csr_array
        ``r`` (module docstring): ``(w_essential * essential + w_optional * optional) * idf``.
    holdings : scipy.sparse.csr_array
        ``p`` of a worker in each occupation: ``essential + source_optional * optional``.
    """

    occupation_ids: tuple[Hashable, ...]
    occupation_index: Mapping[Hashable, int]
    space: SkillSpace
    essential: sp.csr_array
    optional: sp.csr_array
    idf: np.ndarray
    requirements: sp.csr_array
    holdings: sp.csr_array

    @property
    def n_occupations(self) -> int:
        """Number of occupations."""
        return len(self.occupation_ids)

    def positions(self, occupations: Iterable[Hashable]) -> np.ndarray:
        """Row positions of `occupations`.

        Raises
        ------
        UnknownOccupationError
            If any identifier is not in the taxonomy.
        """
        occupations = list(occupations)
        unknown = [o for o in occupations if o not in self.occupation_index]
        if unknown:
            raise UnknownOccupationError(unknown)
        return np.asarray([self.occupation_index[o] for o in occupations], dtype=np.int64)


def build_taxonomy(
    relations: Iterable[tuple[Hashable, Hashable, str]],
    *,
    occupation_ids: Sequence[Hashable] | None = None,
    skill_ids: Sequence[Hashable] | None = None,
    broader: Iterable[tuple[Hashable, Hashable]] = (),
    essential_weight: float = 1.0,
    optional_weight: float = 0.5,
    source_optional: float = 0.5,
    idf: bool = True,
    transversal: Iterable[Hashable] = (),
    transversal_weight: float = 0.5,
    hierarchy_credit: float = 0.3,
    max_node_size: int | None = 50,
) -> Taxonomy:
    """Build the :class:`Taxonomy` from occupation-skill relations.

    Parameters
    ----------
    relations : iterable of (occupation, skill, relation_type)
        ``relation_type`` is ``"essential"`` or ``"optional"``.  When a pair is
        listed twice the essential relation wins.
    occupation_ids, skill_ids : sequence, optional
        Fix the row / column order and allow occupations or skills without
        relations.  Relations naming ids outside these lists raise
        :class:`~skillmatch.UnknownIdError`.  Default: the ids in `relations`,
        in order of first appearance.
    broader : iterable of (child, parent)
        Skill hierarchy, see :class:`SkillSpace`.
    essential_weight, optional_weight : float
        ``w_type`` in the module docstring; essential must be >= optional > 0.
    source_optional : float
        Possession level of an occupation's optional skills for its workers.
    idf : bool
        Apply the idf factor (module docstring).
    transversal : iterable
        Skills whose requirement weight is multiplied by `transversal_weight`.
    transversal_weight : float
        Factor for transversal skills, in ``(0, 1]``.
    hierarchy_credit : float
        Passed to :class:`SkillSpace`.  Default 0.3 for occupations (it ranked
        same-ISCO-group peers slightly better than 0.5 on ESCO; see
        ``docs/matching.md``).
    max_node_size : int or None
        Passed to :class:`SkillSpace` (default 50).

    Returns
    -------
    Taxonomy

    Raises
    ------
    EmptyInputError
        If there are no relations and no `occupation_ids`.
    InvalidInputError
        On an unknown relation type or inconsistent weights.

    Examples
    --------
    >>> tax = build_taxonomy([("cook", "fry", "essential"), ("cook", "clean", "optional"),
    ...                       ("cleaner", "clean", "essential")], idf=False)
    >>> tax.requirements.toarray().tolist()
    [[1.0, 0.5], [0.0, 1.0]]
    >>> tax.holdings.toarray().tolist()
    [[1.0, 0.5], [0.0, 1.0]]
    """
    if not 0 < optional_weight <= essential_weight:
        raise InvalidInputError("weights must satisfy 0 < optional_weight <= essential_weight")
    if not 0 <= source_optional <= 1 or not 0 < transversal_weight <= 1:
        raise InvalidInputError("source_optional must be in [0, 1], transversal_weight in (0, 1]")
    rels = list(relations)
    occ_order: dict[Hashable, int] = {}
    sk_order: dict[Hashable, int] = {}
    fixed_occ = occupation_ids is not None
    fixed_sk = skill_ids is not None
    for o in occupation_ids or ():
        occ_order.setdefault(o, len(occ_order))
    for s in skill_ids or ():
        sk_order.setdefault(s, len(sk_order))
    rows: list[int] = []
    cols: list[int] = []
    kinds: list[bool] = []
    unknown_o: list[Hashable] = []
    unknown_s: list[Hashable] = []
    for occ, skill, rtype in rels:
        if rtype not in (ESSENTIAL, OPTIONAL):
            raise InvalidInputError(
                f"relation type must be 'essential' or 'optional', not {rtype!r}"
            )
        if fixed_occ and occ not in occ_order:
            unknown_o.append(occ)
            continue
        if fixed_sk and skill not in sk_order:
            unknown_s.append(skill)
            continue
        rows.append(occ_order.setdefault(occ, len(occ_order)))
        cols.append(sk_order.setdefault(skill, len(sk_order)))
        kinds.append(rtype == ESSENTIAL)
    if unknown_o:
        raise UnknownOccupationError(unknown_o)
    if unknown_s:
        from .exceptions import UnknownSkillError

        raise UnknownSkillError(unknown_s)
    if not occ_order:
        raise EmptyInputError("no occupations: import the occupation-skill relations first")
    space = SkillSpace(
        list(sk_order), broader, hierarchy_credit=hierarchy_credit, max_node_size=max_node_size
    )
    shape = (len(occ_order), space.n_skills)
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    ess_mask = np.asarray(kinds, dtype=bool)
    ess = sp.csr_array((np.ones(ess_mask.sum()), (r[ess_mask], c[ess_mask])), shape=shape)
    ess.data[:] = 1.0  # duplicates summed -> back to 0/1
    opt = sp.csr_array((np.ones((~ess_mask).sum()), (r[~ess_mask], c[~ess_mask])), shape=shape)
    opt.data[:] = 1.0
    opt = sp.csr_array(opt - opt.multiply(ess))  # essential wins
    opt.eliminate_zeros()
    ess.sort_indices()
    opt.sort_indices()
    n = shape[0]
    if idf:
        df = np.bincount((ess + opt).indices, minlength=space.n_skills)
        w = 1.0 + np.log((1.0 + n) / (1.0 + df))
    else:
        w = np.ones(space.n_skills)
    tv = space.positions(transversal, on_unknown="ignore")
    w[tv] *= transversal_weight
    req = sp.csr_array((essential_weight * ess + optional_weight * opt) @ sp.diags_array(w))
    req.sort_indices()
    hold = sp.csr_array(ess + source_optional * opt)
    hold.eliminate_zeros()
    hold.sort_indices()
    return Taxonomy(
        occupation_ids=tuple(occ_order),
        occupation_index=occ_order,
        space=space,
        essential=ess,
        optional=opt,
        idf=w,
        requirements=req,
        holdings=hold,
    )
