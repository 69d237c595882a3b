"""The skill space: skill identifiers plus the skill hierarchy used for partial credit.

Partial credit
--------------
Every skill belongs to one or more *nodes* of the hierarchy: the concepts it is
directly narrower than (an ESCO skill group such as "S1.8.1" or a broader skill).
A skill that is itself the broader concept of other skills is also a member of its
own node, and a skill without any broader concept is the only member of a node
of its own.

For a holder (a person or an occupation) with possession levels ``p[k]`` in
``[0, 1]`` (0 = does not have skill ``k``), the *group level* of node ``g`` is

.. math:: q_g = \\max_{j \\in g} p_j

and the *credit* the holder gets for skill ``k`` is

.. math:: e_k = (1 - \\lambda)\\, p_k + \\lambda\\, \\bar q_k,
   \\qquad \\bar q_k = \\operatorname{mean}_{g \\ni k} q_g

with ``lambda`` the hierarchy credit (default 0.5).  A held skill keeps full
credit when it is the holder's best skill in its nodes (``e_k = p_k``); a skill the
holder lacks earns ``lambda`` times the level of the closest related skill the
holder has.  Because ``e`` is linear in ``p`` and ``q``, scores over many
requirements are two sparse matrix products.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .exceptions import EmptyInputError, InvalidInputError, UnknownSkillError

__all__ = ["SkillSpace"]


class SkillSpace:
    """Skill identifiers, their positions and the hierarchy used for partial credit.

    Parameters
    ----------
    skill_ids : sequence of hashable
        The skills, e.g. ESCO skill URIs or integer primary keys.  Their order
        fixes the column order of every matrix in the engine.
    broader : iterable of (child, parent) pairs, optional
        Skill hierarchy relations ("child is narrower than parent").  Pairs whose
        child is not in `skill_ids` are ignored (e.g. group-to-group relations),
        so ESCO's ``broaderRelationsSkillPillar.csv`` can be passed unchanged.
    hierarchy_credit : float, optional
        ``lambda`` in the module docstring, in ``[0, 1)``.  0 disables partial
        credit.  Default 0.5.
    max_node_size : int, optional
        Nodes with more members than this give no partial credit (their
        members are treated as if that parent did not exist).  Sharing a very
        broad parent says little, and large nodes make every score dense.
        Default None (no limit).

    Raises
    ------
    EmptyInputError
        If `skill_ids` is empty.
    InvalidInputError
        If `skill_ids` has duplicates or `hierarchy_credit` is out of range.

    Examples
    --------
    Two cooking skills share the group "cooking"; "clean" has no parent.

    >>> space = SkillSpace(["bake", "fry", "clean"],
    ...                    broader=[("bake", "cooking"), ("fry", "cooking")])
    >>> space.n_skills, space.n_nodes
    (3, 2)
    >>> space.credit_vector({"bake": 1.0}).tolist()
    [1.0, 0.5, 0.0]
    """

    def __init__(
        self,
        skill_ids: Sequence[Hashable],
        broader: Iterable[tuple[Hashable, Hashable]] = (),
        *,
        hierarchy_credit: float = 0.5,
        max_node_size: int | None = None,
    ) -> None:
        ids = tuple(skill_ids)
        if not ids:
            raise EmptyInputError("a skill space needs at least one skill; import skills first")
        index = {s: i for i, s in enumerate(ids)}
        if len(index) != len(ids):
            raise InvalidInputError("skill ids must be unique")
        if not 0.0 <= hierarchy_credit < 1.0:
            raise InvalidInputError("hierarchy_credit must be in [0, 1)")
        self.skill_ids: tuple[Hashable, ...] = ids
        self.index: dict[Hashable, int] = index
        self.hierarchy_credit = float(hierarchy_credit)

        node_index: dict[Hashable, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        seen: set[tuple[int, int]] = set()

        def add(skill: int, node_key: Hashable) -> None:
            g = node_index.setdefault(node_key, len(node_index))
            if (skill, g) not in seen:
                seen.add((skill, g))
                rows.append(skill)
                cols.append(g)

        for child, parent in broader:
            c = index.get(child)
            if c is None:
                continue
            add(c, parent)
            p = index.get(parent)
            if p is not None:  # a broader *skill* belongs to its own node
                add(p, parent)
        if max_node_size is not None:
            size = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(node_index))
            keep_node = size <= max_node_size
            kept = [i for i, g in enumerate(cols) if keep_node[g]]
            renum = np.cumsum(keep_node) - 1
            keys = [k for k, g in node_index.items() if keep_node[g]]
            rows = [rows[i] for i in kept]
            cols = [int(renum[cols[i]]) for i in kept]
            node_index = {k: i for i, k in enumerate(keys)}
            seen = set(zip(rows, cols, strict=True))
        self.max_node_size = max_node_size
        has_node = np.zeros(len(ids), dtype=bool)
        has_node[rows] = True
        for k in np.flatnonzero(~has_node):
            add(int(k), ("__self__", ids[k]))
        self.node_ids: tuple[Hashable, ...] = tuple(node_index)
        data = np.ones(len(rows))
        member = sp.csr_array((data, (rows, cols)), shape=(len(ids), len(node_index)))
        member.sort_indices()
        #: skill x node 0/1 membership
        self.membership: sp.csr_array = member
        counts = np.diff(member.indptr)
        #: skill x node membership with rows summing to 1 (the mean over nodes)
        self.membership_mean: sp.csr_array = sp.csr_array(
            (member.data / np.repeat(counts, counts), member.indices, member.indptr),
            shape=member.shape,
        )
        #: node x skill membership (CSR), for group maxima
        self.members_of: sp.csr_array = sp.csr_array(member.T)
        self.members_of.sort_indices()

    @property
    def n_skills(self) -> int:
        """Number of skills."""
        return len(self.skill_ids)

    @property
    def n_nodes(self) -> int:
        """Number of hierarchy nodes (including singleton nodes)."""
        return len(self.node_ids)

    def positions(self, skills: Iterable[Hashable], *, on_unknown: str = "raise") -> np.ndarray:
        """Column positions of `skills`.

        Parameters
        ----------
        skills : iterable of hashable
            Skill identifiers.
        on_unknown : {"raise", "ignore"}
            What to do with identifiers that are not in the space.

        Returns
        -------
        ndarray of int64
            Positions in the order given, unknown ones dropped when ignored.

        Raises
        ------
        UnknownSkillError
            If a skill is unknown and `on_unknown` is ``"raise"``.

        Examples
        --------
        >>> SkillSpace(["a", "b"]).positions(["b", "a"]).tolist()
        [1, 0]
        """
        out: list[int] = []
        unknown: list[Hashable] = []
        for s in skills:
            i = self.index.get(s)
            if i is None:
                unknown.append(s)
            else:
                out.append(i)
        if unknown and on_unknown == "raise":
            raise UnknownSkillError(unknown)
        return np.asarray(out, dtype=np.int64)

    def dense(self, levels: Mapping[Hashable, float], *, on_unknown: str = "raise") -> np.ndarray:
        """Dense possession vector ``p`` from a mapping skill -> level in ``[0, 1]``.

        Examples
        --------
        >>> SkillSpace(["a", "b"]).dense({"b": 0.5}).tolist()
        [0.0, 0.5]
        """
        p = np.zeros(self.n_skills)
        keys = list(levels)
        pos = self.positions(keys, on_unknown="raise" if on_unknown == "raise" else "ignore")
        vals = np.asarray([levels[k] for k in keys if k in self.index], dtype=float)
        if vals.size and (vals.min() < 0 or vals.max() > 1):
            raise InvalidInputError("skill levels must be in [0, 1]")
        np.maximum.at(p, pos, vals)
        return p

    def node_levels(self, p: np.ndarray) -> np.ndarray:
        """Group levels ``q`` (max possession per node) of one dense vector ``p``.

        Examples
        --------
        >>> s = SkillSpace(["a", "b", "c"], broader=[("a", "G"), ("b", "G")])
        >>> s.node_levels(np.array([0.6, 1.0, 0.0])).tolist()
        [1.0, 0.0]
        """
        m = self.members_of
        return np.maximum.reduceat(p[m.indices], m.indptr[:-1])

    def credit_vector(
        self, levels: Mapping[Hashable, float] | np.ndarray, *, on_unknown: str = "raise"
    ) -> np.ndarray:
        """Credit ``e`` (module docstring) of one holder for every skill.

        Parameters
        ----------
        levels : mapping or ndarray
            Skill -> possession level, or a dense vector ``p``.
        on_unknown : {"raise", "ignore"}
            See :meth:`positions`.

        Returns
        -------
        ndarray of float64, shape (n_skills,)
        """
        p = levels if isinstance(levels, np.ndarray) else self.dense(levels, on_unknown=on_unknown)
        lam = self.hierarchy_credit
        if lam == 0.0:
            return p.astype(float, copy=True)
        return (1.0 - lam) * p + lam * (self.membership_mean @ self.node_levels(p))

    def node_levels_matrix(self, P: sp.csr_array | sp.csr_matrix) -> sp.csr_array:
        """Group levels ``Q`` (rows x nodes) for a sparse matrix of holders ``P``.

        Each entry is the maximum of the holder's possession over the node's
        members, computed without densifying ``P``.

        Examples
        --------
        >>> s = SkillSpace(["a", "b", "c"], broader=[("a", "G"), ("b", "G")])
        >>> P = sp.csr_array(np.array([[0.6, 1.0, 0.0], [0.0, 0.0, 0.3]]))
        >>> s.node_levels_matrix(P).toarray().tolist()
        [[1.0, 0.0], [0.0, 0.3]]
        """
        P = sp.csr_array(P)
        coo = P.tocoo()
        m = self.membership
        starts = m.indptr[coo.col]
        counts = m.indptr[coo.col + 1] - starts
        rows = np.repeat(coo.row, counts)
        vals = np.repeat(coo.data, counts)
        offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        nodes = m.indices[np.repeat(starts, counts) + offs]
        n_nodes = self.n_nodes
        if rows.size == 0:
            return sp.csr_array((P.shape[0], n_nodes))
        key = rows.astype(np.int64) * n_nodes + nodes
        order = np.lexsort((vals, key))
        key, vals = key[order], vals[order]
        last = np.r_[key[1:] != key[:-1], True]  # sorted by value: last is the max
        key, vals = key[last], vals[last]
        return sp.csr_array((vals, (key // n_nodes, key % n_nodes)), shape=(P.shape[0], n_nodes))

    def related_holder_skill(self, p: np.ndarray, k: int) -> int | None:
        """The held skill that gives skill `k` its partial credit, or ``None``.

        Returns the position of the held skill (other than `k`) with the highest
        level in any node that contains `k`; ties go to the lowest position.
        """
        m = self.membership
        nodes_k = set(m.indices[m.indptr[k] : m.indptr[k + 1]].tolist())
        held = np.flatnonzero(p > 0)
        for j in held[np.lexsort((held, -p[held]))]:
            if j != k and nodes_k.intersection(m.indices[m.indptr[j] : m.indptr[j + 1]].tolist()):
                return int(j)
        return None
