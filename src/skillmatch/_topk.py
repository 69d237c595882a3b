"""Deterministic top-k selection (ties broken by the lower column position)."""

from __future__ import annotations

import numpy as np

__all__ = ["top_k"]


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top `k` columns per row, best first; ties go to the lower column position.

    Entries equal to ``-inf`` (excluded) are returned as position ``-1`` with
    score ``-inf``.

    Parameters
    ----------
    scores : ndarray, shape (m, n)
    k : int

    Returns
    -------
    positions : ndarray of int64, shape (m, min(k, n))
    values : ndarray, shape (m, min(k, n))

    Examples
    --------
    >>> pos, val = top_k(np.array([[0.2, 0.9, 0.2, 0.2]]), 2)
    >>> pos.tolist(), val.tolist()
    ([[1, 0]], [[0.9, 0.2]])
    """
    scores = np.asarray(scores)
    m, n = scores.shape
    k = min(int(k), n)
    if k <= 0 or m == 0:
        return np.empty((m, 0), dtype=np.int64), np.empty((m, 0), dtype=scores.dtype)
    if k < n:
        cand = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(scores, cand, axis=1)
        kth = vals.min(axis=1)
        n_at = (scores == kth[:, None]).sum(axis=1)
        n_in = (vals == kth[:, None]).sum(axis=1)
        tied = np.flatnonzero((n_at > n_in) & np.isfinite(kth))
        for r in tied:  # boundary ties: take the lowest positions among equals
            row = scores[r]
            order = np.lexsort((np.arange(n), -row))[:k]
            cand[r] = order
            vals[r] = row[order]
    else:
        cand = np.broadcast_to(np.arange(n), (m, n)).copy()
        vals = scores.copy()
    order = np.lexsort((cand, -vals), axis=1)
    cand = np.take_along_axis(cand, order, axis=1)
    vals = np.take_along_axis(vals, order, axis=1)
    cand[~np.isfinite(vals) & (vals < 0)] = -1
    return cand.astype(np.int64, copy=False), vals
