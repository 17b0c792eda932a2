"""Cosine similarity and top-k ranking of rows against a query."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import check_no_overflow, scale_of, unscale
from la4ml.errors import DTypeError, InvalidParameterError, OutOfRangeError, ZeroVectorError
from la4ml.vectors._checks import rows, same_n_features

__all__ = ["cosine_similarity", "top_k"]

_ZERO_POLICIES = ("raise", "zero")


def _unit_rows(X: np.ndarray, name: str, zero_vectors: str, was_1d: bool) -> np.ndarray:
    """Divide each row by its length; a zero row raises or stays zero, per ``zero_vectors``."""
    scale = np.abs(X).max(axis=1, keepdims=True)  # (n, 1): rescale first, so no overflow/underflow
    zero = scale[:, 0] == 0
    if zero.any() and zero_vectors == "raise":
        i = int(np.argmax(zero))
        where = name if was_1d else f"{name}[{i}]"
        count = "" if was_1d else f" ({int(zero.sum())} of {len(zero)} rows of {name} are zero)"
        raise ZeroVectorError(
            f"{where} is the zero vector, so its cosine with anything is 0/0, undefined: a zero "
            f"vector has no direction{count}. "
            "Drop such rows (an empty document, a user with no ratings), or pass "
            "zero_vectors='zero' to score them 0 as scikit-learn does"
        )
    scale[zero] = 1.0
    U = X / scale
    length = np.sqrt(np.einsum("ij,ij->i", U, U))[:, None]  # (n, 1)
    length[zero] = 1.0
    return U / length


def cosine_similarity(X: Any, Y: Any = None, *, zero_vectors: str = "raise") -> float | np.ndarray:
    r"""Cosine of the angle between vectors: :math:`\frac{x \cdot y}{\|x\|\,\|y\|}`, in ``[-1, 1]``.

    Accepts two vectors, or matrices whose rows are the vectors (scikit-learn's convention).

    Parameters
    ----------
    X : array_like of shape (n_features,) or (n_samples_X, n_features)
    Y : array_like of shape (n_features,) or (n_samples_Y, n_features), optional
        Defaults to ``X``.
    zero_vectors : {'raise', 'zero'}, default 'raise'
        What to do with a zero vector, whose direction, and so whose cosine, is undefined (0/0).
        ``'raise'`` raises :class:`ZeroVectorError` naming the row. ``'zero'`` gives it
        similarity 0 with every vector, itself included, exactly like
        :func:`sklearn.metrics.pairwise.cosine_similarity`.

    Returns
    -------
    float or ndarray
        A float for two vectors; ``(n_samples_Y,)`` for a vector against a matrix,
        ``(n_samples_X,)`` for a matrix against a vector, ``(n_samples_X, n_samples_Y)`` for
        two matrices: ``S[i, j]`` is the cosine of ``X[i]`` and ``Y[j]``.

    Raises
    ------
    ZeroVectorError
        If a vector is all zeros and ``zero_vectors='raise'``.
    ShapeError
        If ``X`` and ``Y`` have different numbers of features.

    Notes
    -----
    Each row is divided by its length first, then ``S = U V^T`` is one matrix product.
    Only an exactly-zero vector counts as zero: a tiny vector such as ``[1e-300, 0]`` still has
    a direction and is normalized (after rescaling by its largest entry, so nothing underflows).
    scikit-learn instead leaves rows with norm below ``10 * eps`` undivided, so for those two
    libraries differ. The result is clipped to ``[-1, 1]`` against rounding.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.metrics.pairwise import cosine_similarity as sk_cosine
    >>> cosine_similarity([1.0, 0.0], [1.0, 1.0])  # cos 45 degrees
    0.7071067811865475
    >>> X = np.array([[1.0, 2.0], [2.0, 4.0], [-1.0, 0.5]])
    >>> np.allclose(cosine_similarity(X), sk_cosine(X))
    True
    """
    return _cosine_similarity(X, Y, zero_vectors, "X", "Y")


def _cosine_similarity(X: Any, Y: Any, zero_vectors: str, xname: str, yname: str) -> float | np.ndarray:
    if zero_vectors not in _ZERO_POLICIES:
        raise OutOfRangeError(f"zero_vectors must be one of {_ZERO_POLICIES}, got {zero_vectors!r}")
    X, x_1d = rows(X, xname)  # (n_samples_X, n_features)
    if Y is None:
        Y, y_1d = X, x_1d
        Uy = Ux = _unit_rows(X.astype(np.float64), xname, zero_vectors, x_1d)
    else:
        Y, y_1d = rows(Y, yname)  # (n_samples_Y, n_features)
        same_n_features(X, Y, xname, yname)
        Ux = _unit_rows(X.astype(np.float64), xname, zero_vectors, x_1d)
        Uy = _unit_rows(Y.astype(np.float64), yname, zero_vectors, y_1d)
    S = np.clip(Ux @ Uy.T, -1.0, 1.0)  # (n_samples_X, n_samples_Y)
    if x_1d and y_1d:
        return float(S[0, 0])
    if x_1d:
        return S[0]
    if y_1d:
        return S[:, 0]
    return S


_SIMILARITIES = ("cosine", "dot")


def top_k(
    query: Any,
    X: Any,
    k: int,
    metric: str = "cosine",
    **metric_params: Any,
) -> tuple[np.ndarray, np.ndarray]:
    r"""The ``k`` rows of ``X`` closest to ``query``: their indices and scores, best first.

    Parameters
    ----------
    query : array_like of shape (n_features,) or (n_queries, n_features)
        One query vector, or one per row.
    X : array_like of shape (n_samples, n_features)
        The items to rank (documents, items' embeddings), one per row.
    k : int
        How many to return, ``1 <= k <= n_samples``.
    metric : str, default 'cosine'
        ``'cosine'`` (cosine similarity) or ``'dot'`` (inner product) rank by similarity,
        highest first; any metric of :func:`pairwise_distances` (``'euclidean'``,
        ``'manhattan'``, ...) ranks by distance, lowest first.
    **metric_params
        Passed on: ``zero_vectors`` for cosine, ``p``, ``VI`` or ``cov`` for distances.

    Returns
    -------
    indices : ndarray of int of shape (k,) or (n_queries, k)
        Row numbers of ``X``, best first. Equal scores are ordered by row number, lowest first,
        so the result never depends on the sort algorithm.
    scores : ndarray of shape (k,) or (n_queries, k)
        The similarity (or distance) of each returned row.

    Raises
    ------
    OutOfRangeError
        If ``k`` is not between 1 and ``n_samples``.

    Notes
    -----
    The ranking is a stable sort of the negated similarities (or of the distances): a stable
    sort keeps equal keys in input order, which is the tie-break by index.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.metrics.pairwise import cosine_similarity as sk_cosine
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.0]])
    >>> idx, scores = top_k([1.0, 0.1], X, k=2)
    >>> idx  # rows 0 and 3 point the same way: a tie, broken by index
    array([0, 3])
    >>> np.array_equal(idx, np.argsort(-sk_cosine([[1.0, 0.1]], X)[0], kind="stable")[:2])
    True
    """
    from la4ml.vectors._distances import pairwise_distances

    Q, q_1d = rows(query, "query")  # (n_queries, n_features)
    X = rows(X, "X")[0]  # (n_samples, n_features)
    same_n_features(Q, X, "query", "X")
    if isinstance(k, bool) or not isinstance(k, (numbers.Integral, np.integer)):
        raise DTypeError(f"k must be an int, got {k!r} of type {type(k).__name__}")
    if not 1 <= k <= X.shape[0]:
        raise OutOfRangeError(f"k must be between 1 and the number of rows of X ({X.shape[0]}), got k={k}")
    if not isinstance(metric, str):
        raise DTypeError(f"metric must be a string such as 'cosine', 'dot' or 'euclidean', got {metric!r}")
    if metric == "cosine":
        zero_vectors = metric_params.pop("zero_vectors", "raise")
        if metric_params:
            raise DTypeError(f"metric='cosine' takes only zero_vectors, got {sorted(metric_params)}")
        S = _cosine_similarity(Q[0] if q_1d else Q, X, zero_vectors, "query", "X")
        S = np.atleast_2d(S)  # (n_queries, n_samples)
    elif metric == "dot":
        if metric_params:
            raise DTypeError(f"metric='dot' takes no parameters, got {sorted(metric_params)}")
        sq, sx = scale_of(Q), scale_of(X)  # exact rescaling: the dot products cannot overflow
        S = (Q.astype(np.float64) / sq) @ (X.astype(np.float64) / sx).T
        with np.errstate(over="ignore"):
            S = check_no_overflow(unscale(S, sq, sx), "a dot product of query and X")
    else:
        S = -pairwise_distances(Q, X, metric, **metric_params)  # negate: smaller distance ranks higher
    order = np.argsort(-S, axis=1, kind="stable")[:, :k]  # (n_queries, k)
    scores = np.take_along_axis(S, order, axis=1)
    if metric not in _SIMILARITIES:
        scores = -scores
    if q_1d:
        return order[0], scores[0]
    return order, scores
