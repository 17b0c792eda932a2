"""Distances between vectors: Euclidean, Manhattan, Chebyshev, Minkowski, cosine, Mahalanobis."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_matrix, check_no_overflow, check_symmetric, format_scaled, scale_of, unscale
from la4ml.errors import (
    DTypeError,
    InvalidParameterError,
    NotPositiveDefiniteError,
    OutOfRangeError,
    ShapeError,
    SingularMatrixError,
)
from la4ml.vectors._checks import check_p, same_n_features, vector_pair
from la4ml.vectors._norms import norm

__all__ = [
    "euclidean",
    "manhattan",
    "chebyshev",
    "minkowski",
    "cosine_distance",
    "mahalanobis",
    "pairwise_distances",
]


def _diff_norm(x: np.ndarray, y: np.ndarray, p: float) -> float:
    """``||x - y||_p`` without overflow: the difference of two entries near 1e308 is formed after an exact
    rescaling by a power of two; an answer beyond the largest float raises NumericOverflowError."""
    s = scale_of(x, y)
    r = norm(x / s - y / s, p)
    with np.errstate(over="ignore"):
        return float(check_no_overflow(s * r, "the distance between x and y"))


def euclidean(x: Any, y: Any) -> float:
    r"""Straight-line distance :math:`\|x - y\|_2`.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> x, y = np.array([0.0, 0.0]), np.array([3.0, 4.0])
    >>> euclidean(x, y)
    5.0
    >>> np.isclose(euclidean(x, y), distance.euclidean(x, y))
    np.True_
    """
    x, y = vector_pair(x, y)
    return _diff_norm(x, y, 2)


def manhattan(x: Any, y: Any) -> float:
    r"""City-block distance :math:`\|x - y\|_1 = \sum_i |x_i - y_i|`.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> x, y = np.array([0.0, 0.0]), np.array([3.0, -4.0])
    >>> manhattan(x, y)
    7.0
    >>> np.isclose(manhattan(x, y), distance.cityblock(x, y))
    np.True_
    """
    x, y = vector_pair(x, y)
    return _diff_norm(x, y, 1)


def chebyshev(x: Any, y: Any) -> float:
    r"""Largest coordinate difference :math:`\|x - y\|_\infty = \max_i |x_i - y_i|`.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> x, y = np.array([0.0, 0.0]), np.array([3.0, -4.0])
    >>> chebyshev(x, y)
    4.0
    >>> np.isclose(chebyshev(x, y), distance.chebyshev(x, y))
    np.True_
    """
    x, y = vector_pair(x, y)
    return _diff_norm(x, y, np.inf)


def minkowski(x: Any, y: Any, p: float = 2) -> float:
    r"""Minkowski distance :math:`\|x - y\|_p` for a real ``p >= 1`` (or ``np.inf``).

    ``p = 1`` is :func:`manhattan`, ``p = 2`` is :func:`euclidean`, ``p = np.inf`` is
    :func:`chebyshev`. ``p < 1`` raises :class:`OutOfRangeError`: the triangle inequality fails.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, -1.0, 0.5])
    >>> np.isclose(minkowski(x, y, 3), distance.minkowski(x, y, 3))
    np.True_
    """
    p = check_p(p, "p")
    x, y = vector_pair(x, y)
    return _diff_norm(x, y, p)


def cosine_distance(x: Any, y: Any, *, zero_vectors: str = "raise") -> float:
    r"""Cosine distance :math:`1 - \cos\theta = 1 - \frac{x \cdot y}{\|x\|\,\|y\|}`, in ``[0, 2]``.

    Not a metric (it breaks the triangle inequality) but the usual dissimilarity between
    embeddings: it ignores length and compares direction only.

    Parameters
    ----------
    x, y : array_like of shape (n,)
    zero_vectors : {'raise', 'zero'}, default 'raise'
        See :func:`cosine_similarity`: a zero vector has no direction. ``'zero'`` scores its
        similarity 0 (distance 1), as scikit-learn does.

    Raises
    ------
    ZeroVectorError
        If ``x`` or ``y`` is all zeros and ``zero_vectors='raise'``.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> x, y = np.array([1.0, 0.0]), np.array([1.0, 1.0])
    >>> round(cosine_distance(x, y), 6)
    0.292893
    >>> np.isclose(cosine_distance(x, y), distance.cosine(x, y))
    np.True_
    """
    from la4ml.vectors._similarity import _cosine_similarity

    x, y = vector_pair(x, y)
    return 1.0 - _cosine_similarity(x, y, zero_vectors, "x", "y")


def _inverse_covariance(VI: Any, cov: Any, n_features: int) -> tuple[np.ndarray, float]:
    """Check the metric of a Mahalanobis distance; return ``(M, root)`` with ``cov^-1 = root**2 * M``.

    ``M`` is symmetric PSD with entries of order 1 and ``root`` a positive factor: the split keeps
    a covariance of denormal entries (whose inverse overflows) or a VI near 1e308 usable, since a
    distance needs only ``root * sqrt(d^T M d)``.

    The symmetry tolerance differs between the two. ``cov`` is formed by products (``np.cov``,
    ``X.T @ X / n``), symmetric up to ``n * eps * ||cov||_F``. ``VI`` is usually *computed by
    inverting* a covariance (``np.linalg.inv``, ``np.linalg.pinv``): LU knows nothing of
    symmetry, and the inverse's forward error is ``n * eps * cond`` relative, with
    ``cond(VI) = cond(cov)``; on an ill-conditioned covariance that asymmetry is far above
    ``n * eps``, yet the matrix is the right one. So ``VI`` is allowed ``n * eps * cond(VI) *
    ||VI||_F``, ``cond`` taken over the eigenvalues of its symmetric part that are not zero to
    working precision (a pseudo-inverse has zero ones). The antisymmetric part adds nothing
    to ``d^T VI d``; the check is there to catch a wrong matrix, not rounding.
    """
    if (VI is None) == (cov is None):
        raise InvalidParameterError(
            "give exactly one of VI (the inverse covariance, as SciPy takes it) or cov (the covariance), "
            f"got {'both' if VI is not None else 'neither'}; for data X use cov=np.cov(X, rowvar=False)"
        )
    name = "VI" if VI is not None else "cov"
    M = check_matrix(VI if VI is not None else cov, name, square=True)
    if M.shape[0] != n_features:
        raise ShapeError(
            f"{name} must be {n_features}x{n_features} to match vectors of length {n_features}, "
            f"got shape {M.shape}"
        )
    scale = scale_of(M)  # eigenvalues of M / scale (exact): no overflow near the largest float
    w, Q = np.linalg.eigh((M / scale + M.T / scale) / 2)  # ascending eigenvalues, orthonormal eigenvectors
    eps = np.finfo(w.dtype).eps
    tol = max(abs(w[0]), abs(w[-1])) * n_features * eps
    if VI is not None:
        nonzero = np.abs(w)[np.abs(w) > tol]
        cond = float(nonzero.max() / nonzero.min()) if nonzero.size else 1.0
        check_symmetric(M, "VI", cond=cond)
    else:
        check_symmetric(M, "cov")
    if w[0] < -tol:
        raise NotPositiveDefiniteError(
            f"{name} is not positive semidefinite: its smallest eigenvalue is {format_scaled(w[0], scale)}, and a "
            "covariance matrix has none below 0, so the 'distance' could be imaginary; estimate it "
            "with np.cov(X, rowvar=False), or symmetrize and clip the negative eigenvalues"
        )
    if VI is not None:
        return M / scale, float(np.sqrt(scale))
    if w[0] <= tol:
        raise SingularMatrixError(
            f"cov is singular: its smallest eigenvalue is {format_scaled(w[0], scale)} (threshold "
            f"{format_scaled(tol, scale)}), so some "
            "direction has zero variance and dividing by it is undefined; this happens when "
            "features are collinear or there are fewer samples than features. Add a small multiple "
            "of the identity (cov + 1e-6 * np.eye(n)), drop redundant features, or pass "
            "VI=np.linalg.pinv(cov)"
        )
    return (Q / w) @ Q.T, float(1.0 / np.sqrt(scale))  # cov^-1 = Q diag(1/w) Q^T / scale


def mahalanobis(x: Any, y: Any, VI: Any = None, *, cov: Any = None) -> float:
    r"""Mahalanobis distance :math:`\sqrt{(x - y)^T \Sigma^{-1} (x - y)}`.

    Euclidean distance measured in units of standard deviation along each principal direction
    of a covariance :math:`\Sigma`: a step along a direction of large variance counts less.

    Parameters
    ----------
    x, y : array_like of shape (n,)
    VI : array_like of shape (n, n), optional
        The inverse covariance :math:`\Sigma^{-1}`, as :func:`scipy.spatial.distance.mahalanobis`
        takes it. Must be symmetric positive semidefinite.
    cov : array_like of shape (n, n), optional, keyword-only
        The covariance :math:`\Sigma` itself; it must be symmetric positive definite. Give
        exactly one of ``VI`` and ``cov``.

    Raises
    ------
    NotPositiveDefiniteError
        If the matrix has a negative eigenvalue (it cannot be a covariance).
    SingularMatrixError
        If ``cov`` is singular, so :math:`\Sigma^{-1}` does not exist.
    NotSymmetricError, ShapeError, InvalidParameterError
        If the matrix is not symmetric, has the wrong size, or both/neither are given. "Symmetric"
        allows rounding: ``n * eps * ||cov||_F`` for ``cov``; for ``VI``, which is usually computed
        by inverting a covariance, ``n * eps * cond(VI) * ||VI||_F`` (the forward error of an inverse).
    NumericOverflowError
        If the distance itself exceeds the largest float.

    Notes
    -----
    With :math:`\Sigma = Q \Lambda Q^T`, :math:`d^2 = \sum_i (q_i^T (x - y))^2 / \lambda_i`:
    rotate to the principal axes, divide each coordinate by its standard deviation
    :math:`\sqrt{\lambda_i}`, then take the Euclidean length. With :math:`\Sigma = I` it is
    the Euclidean distance.

    References
    ----------
    .. [1] P. C. Mahalanobis, "On the generalised distance in statistics", *Proceedings of the
       National Institute of Sciences of India* 2(1), 49–55, 1936.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial import distance
    >>> cov = np.array([[4.0, 0.0], [0.0, 1.0]])
    >>> x, y = np.array([2.0, 0.0]), np.array([0.0, 0.0])
    >>> mahalanobis(x, y, cov=cov)  # 2 units along a direction with standard deviation 2
    1.0
    >>> np.isclose(mahalanobis(x, y, cov=cov), distance.mahalanobis(x, y, np.linalg.inv(cov)))
    np.True_
    """
    x, y = vector_pair(x, y)
    M, root = _inverse_covariance(VI, cov, x.shape[0])
    s = scale_of(x, y)  # exact rescaling: neither x - y nor the quadratic form can overflow
    d = x / s - y / s
    q = max(float(d @ M @ d), 0.0)  # clip rounding below 0 for a singular PSD VI
    with np.errstate(over="ignore"):
        return float(check_no_overflow(unscale(np.sqrt(q), s, root), "the Mahalanobis distance"))


_METRICS = ("euclidean", "manhattan", "chebyshev", "minkowski", "cosine", "mahalanobis")
_ALIASES = {"l2": "euclidean", "l1": "manhattan", "cityblock": "manhattan", "infinity": "chebyshev"}


def _check_metric(metric: Any) -> str:
    if not isinstance(metric, str):
        raise DTypeError(f"metric must be a string, one of {_METRICS}, got {metric!r}")
    m = _ALIASES.get(metric.lower(), metric.lower())
    if m not in _METRICS:
        raise OutOfRangeError(f"metric must be one of {_METRICS} (or 'cityblock', 'l1', 'l2'), got {metric!r}")
    return m


def pairwise_distances(
    X: Any,
    Y: Any = None,
    metric: str = "euclidean",
    *,
    p: float = 2,
    VI: Any = None,
    cov: Any = None,
    zero_vectors: str = "raise",
) -> np.ndarray:
    r"""Distances between every row of ``X`` and every row of ``Y``: ``D[i, j] = d(X[i], Y[j])``.

    Rows are samples (scikit-learn's convention), so ``X`` of shape (n_samples_X, n_features)
    and ``Y`` of shape (n_samples_Y, n_features) give ``D`` of shape (n_samples_X, n_samples_Y).

    Parameters
    ----------
    X : array_like of shape (n_samples_X, n_features)
    Y : array_like of shape (n_samples_Y, n_features), optional
        Defaults to ``X``; the diagonal of ``D`` is then set to exactly 0.
    metric : {'euclidean', 'manhattan', 'chebyshev', 'minkowski', 'cosine', 'mahalanobis'}
        Also accepted: SciPy's ``'cityblock'`` and scikit-learn's ``'l1'``, ``'l2'``.
    p : float >= 1, keyword-only
        The order for ``metric='minkowski'``.
    VI, cov : array_like of shape (n_features, n_features), keyword-only
        The inverse covariance or the covariance for ``metric='mahalanobis'`` (one of them);
        see :func:`mahalanobis`.
    zero_vectors : {'raise', 'zero'}, keyword-only
        The zero-vector policy for ``metric='cosine'``; see :func:`cosine_similarity`.

    Returns
    -------
    D : ndarray of shape (n_samples_X, n_samples_Y)

    Notes
    -----
    The distances are computed from the differences ``X[i] - Y[j]`` (in blocks of rows, to bound
    memory), not from the expansion :math:`\|x\|^2 + \|y\|^2 - 2x \cdot y` that scikit-learn uses
    for speed: the expansion cancels catastrophically for nearby points.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.spatial.distance import cdist
    >>> X = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]])
    >>> pairwise_distances(X)[0, 1]
    np.float64(5.0)
    >>> np.allclose(pairwise_distances(X, metric="manhattan"), cdist(X, X, "cityblock"))
    True
    """
    metric = _check_metric(metric)
    X = check_matrix(X, "X").astype(np.float64)  # (n_samples_X, n_features)
    Y_is_X = Y is None
    Y = X if Y_is_X else check_matrix(Y, "Y").astype(np.float64)  # (n_samples_Y, n_features)
    same_n_features(X, Y)
    if metric == "cosine":
        from la4ml.vectors._similarity import cosine_similarity

        D = 1.0 - cosine_similarity(X, None if Y_is_X else Y, zero_vectors=zero_vectors)
        D = np.clip(D, 0.0, 2.0)
    else:
        root = 1.0
        if metric == "mahalanobis":
            VI, root = _inverse_covariance(VI, cov, X.shape[1])
        elif VI is not None or cov is not None:
            raise InvalidParameterError(
                f"VI and cov are only used by metric='mahalanobis', got metric={metric!r}"
            )
        if metric == "minkowski":
            p = check_p(p, "p")
        s = scale_of(X, Y)  # exact rescaling: differences of entries near 1e308 cannot overflow
        Xs, Ys = X / s, Y / s
        D = np.empty((X.shape[0], Y.shape[0]))
        block = max(1, 2**22 // max(1, Y.size))  # rows of X per block: about 32 MB of differences
        for start in range(0, X.shape[0], block):
            diff = Xs[start : start + block, None, :] - Ys[None, :, :]  # (block, n_samples_Y, n_features)
            D[start : start + block] = _reduce(diff, metric, p, VI)
        with np.errstate(over="ignore"):
            D = check_no_overflow(unscale(D, s, root), f"a {metric} distance between rows of X and Y")
    if Y_is_X:
        np.fill_diagonal(D, 0.0)
    return D


def _reduce(diff: np.ndarray, metric: str, p: float, VI: np.ndarray | None) -> np.ndarray:
    """Collapse the last axis of a stack of difference vectors into distances."""
    a = np.abs(diff)
    if metric == "euclidean" or (metric == "minkowski" and p == 2):
        return np.sqrt(np.einsum("...k,...k->...", diff, diff))
    if metric == "manhattan" or (metric == "minkowski" and p == 1):
        return a.sum(axis=-1)
    if metric == "chebyshev" or (metric == "minkowski" and p == np.inf):
        return a.max(axis=-1)
    if metric == "minkowski":  # (sum (a / m)^p)^(1/p) * m with m the largest |difference|: no overflow
        m = a.max(axis=-1, keepdims=True)
        with np.errstate(under="ignore"):
            r = np.sum((a / np.where(m > 0, m, 1.0)) ** p, axis=-1) ** (1.0 / p)
        return r * m[..., 0]
    # mahalanobis: d^2 = diff^T VI diff for every pair
    return np.sqrt(np.maximum(np.einsum("...k,kl,...l->...", diff, VI, diff), 0.0))
