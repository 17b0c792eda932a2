"""The randomized range finder of Halko, Martinsson and Tropp (one implementation, shared with la4ml.svd)."""

from __future__ import annotations

import numpy as np
import scipy.linalg

from la4ml._validation import check_no_overflow, check_option, max_abs, scale_of
from la4ml.svd._randomized import _NORMALIZERS, _MAX_ITER, _check_input, _check_int, _gaussian, _range_sketch

__all__ = ["randomized_range_finder"]


def randomized_range_finder(A, size, n_iter, *, power_iteration_normalizer="auto", random_state=None):
    """An orthonormal basis ``Q`` (``size`` columns) whose span nearly contains the range of ``A``.

    Draw a Gaussian ``Ω`` (``n × size``), form ``Y = (A Aᵀ)^n_iter A Ω`` — re-normalized between
    products — and return the ``Q`` of its QR factorization. Then ``A ≈ Q Qᵀ A``. This is the
    first stage of :func:`la4ml.svd.randomized_svd`, which runs the same code.

    Parameters
    ----------
    A : array_like or scipy sparse matrix of shape (m, n)
        A real, finite matrix (dense float32 stays float32).
    size : int
        Columns of ``Q``, ``1 <= size <= m`` (an orthonormal set in ``R^m`` has at most ``m``
        vectors); usually ``n_components + n_oversamples``, well below ``min(m, n)``.
    n_iter : int
        Power iterations, ``0 <= n_iter <= 1000``; each costs one product with ``A`` and one with ``Aᵀ``.
    power_iteration_normalizer : {"auto", "QR", "LU", "none"}, default "auto"
        Re-orthonormalization between products; ``"auto"`` is ``"none"`` for ``n_iter <= 2``,
        else ``"LU"`` (as scikit-learn).
    random_state : None, int, numpy.random.RandomState or numpy.random.Generator, optional
        An int seeds ``numpy.random.RandomState`` exactly as scikit-learn does, so both draw the
        same ``Ω`` and return the same ``Q`` to rounding.

    Returns
    -------
    Q : ndarray of shape (m, size)
        Orthonormal columns.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``A`` is not a nonempty, finite, real 2-D matrix.
    OutOfRangeError, InvalidParameterError
        ``size``, ``n_iter`` or ``power_iteration_normalizer`` out of range.
    NumericOverflowError
        The sketch overflows even with ``A`` scaled to ``max|A| = 1`` (many power iterations
        without a normalizer): use ``power_iteration_normalizer="QR"``.

    Notes
    -----
    Halko, Martinsson and Tropp's Algorithm 4.3 (``n_iter = 0``) and 4.4 (power iterations). If
    ``rank(A) <= size``, ``Q Qᵀ A = A`` to rounding. Otherwise the expected error
    ``E‖A − QQᵀA‖`` is within a small factor of ``σ_{k+1}`` (Theorem 10.6 there), and each power
    iteration sharpens it when the singular values decay slowly.

    References
    ----------
    N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with randomness", *SIAM Review*
    53(2), 217–288, 2011, Algorithms 4.3 and 4.4.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.sketching import randomized_range_finder
    >>> rng = np.random.default_rng(0)
    >>> A = rng.standard_normal((100, 4)) @ rng.standard_normal((4, 60))     # rank 4
    >>> Q = randomized_range_finder(A, 6, 2, random_state=0)
    >>> Q.shape
    (100, 6)
    >>> from sklearn.utils.extmath import randomized_range_finder as sk_rrf
    >>> bool(np.allclose(Q, sk_rrf(A, size=6, n_iter=2, random_state=0)) and np.allclose(Q @ (Q.T @ A), A))
    True
    """
    A = _check_input(A)
    m, n = A.shape
    size = _check_int(size, "size", 1, m, f"A of shape {A.shape} has {m} rows, so Q has at most {m} orthonormal "
                                          "columns")
    n_iter = _check_int(n_iter, "n_iter", 0, _MAX_ITER, f"pass an int from 0 to {_MAX_ITER}; 2 to 7 is usual")
    normalizer = check_option(power_iteration_normalizer, "power_iteration_normalizer", _NORMALIZERS)
    if normalizer == "auto":
        normalizer = "none" if n_iter <= 2 else "LU"
    omega = _gaussian(random_state, (n, size))          # (n, size), drawn as scikit-learn draws it
    if A.dtype.kind == "f":
        omega = omega.astype(A.dtype, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        Y = _range_sketch(A, omega, n_iter, normalizer)  # (m, size)
    if not np.isfinite(Y).all():  # entries near the largest float: Q does not change with the scale of A,
        data = A.data if hasattr(A, "data") and not isinstance(A, np.ndarray) else A
        s = scale_of(data)  # so sketch A / s (a power of two, exact) instead
        with np.errstate(over="ignore", invalid="ignore"):
            Y = _range_sketch(A / A.dtype.type(s), omega, n_iter, normalizer)
        check_no_overflow(Y, "the sketch (A Aᵀ)^n_iter A Ω", hint=f"max|A| = {max_abs(data):.4g}; use "
                          "power_iteration_normalizer='QR' or 'LU', fewer n_iter, or divide A by a constant")
    return scipy.linalg.qr(Y, mode="economic", overwrite_a=True, check_finite=False)[0]
