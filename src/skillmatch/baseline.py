"""The straightforward baseline: dense cosine similarity with a full sort.

Used by the benchmarks to report speed ratios and by the evaluation as the
"plain skill-overlap cosine" reference.  Deliberately simple: densify, normalise,
one matrix product, ``argsort`` every row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = ["cosine_top_k"]


def _dense(A: Any) -> np.ndarray:
    return np.asarray(A.toarray() if sp.issparse(A) else A, dtype=float)


def cosine_top_k(
    X: np.ndarray | sp.sparray | sp.spmatrix,
    Y: np.ndarray | sp.sparray | sp.spmatrix | None = None,
    *,
    top: int = 50,
    exclude_self: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Top `top` rows of `Y` for each row of `X` by cosine similarity.

    Parameters
    ----------
    X : array or sparse matrix, shape (m, d)
    Y : array or sparse matrix, shape (n, d), optional
        Defaults to `X` (then `exclude_self` drops the diagonal).
    top : int
    exclude_self : bool

    Returns
    -------
    positions, scores : ndarray, shape (m, top)
        Best first; ties keep the lower position (stable sort).

    Examples
    --------
    >>> X = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1]])
    >>> pos, val = cosine_top_k(X, top=1)
    >>> pos.ravel().tolist(), val.ravel().round(3).tolist()
    ([1, 0, 0], [0.707, 0.707, 0.0])
    """
    same = Y is None
    Xd = _dense(X)
    Yd = Xd if Y is None else _dense(Y)
    xn = Xd / np.maximum(np.linalg.norm(Xd, axis=1, keepdims=True), 1e-12)
    yn = xn if same else Yd / np.maximum(np.linalg.norm(Yd, axis=1, keepdims=True), 1e-12)
    S = xn @ yn.T
    if same and exclude_self:
        np.fill_diagonal(S, -np.inf)
    order = np.argsort(-S, axis=1, kind="stable")[:, :top]
    return order, np.take_along_axis(S, order, axis=1)
