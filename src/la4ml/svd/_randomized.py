"""Randomized SVD (Halko, Martinsson and Tropp): the top singular triplets from a random sketch of the range."""

from __future__ import annotations

import numbers

import numpy as np
import scipy.linalg
import scipy.sparse

from la4ml._validation import (_check_finite, check_matrix, check_no_overflow, check_option, check_size, describe,
                               scale_of, unscale)
from la4ml.errors import (DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, NumericOverflowError,
                          OutOfRangeError, ShapeError)
from la4ml.svd._flip import _svd_flip

__all__ = ["randomized_svd"]

_NORMALIZERS = ("auto", "QR", "LU", "none")
_MAX_ITER = 1000  # a guard against a runaway loop: 7 is the usual "auto", 20 is already a lot
# A sketch whose largest entry is below this has lost its digits to underflow (subnormal range, with margin).
_TINY = {np.float64: 1e-280, np.float32: 1e-30}


def randomized_svd(A, n_components, *, n_oversamples=10, n_iter="auto", power_iteration_normalizer="auto",
                   random_state=None):
    """The ``n_components`` largest singular values and vectors of ``A``, by a randomized algorithm.

    Multiply ``A`` by a thin random Gaussian matrix ``Ω`` (``n × (n_components + n_oversamples)``):
    the columns of ``Y = AΩ`` are random combinations of the columns of ``A``, so they span (nearly)
    the directions where ``A`` is large. A few power iterations ``Y = (AAᵀ)^q AΩ`` sharpen that,
    an orthonormal basis ``Q`` of ``Y`` captures the range, and the SVD of the small matrix
    ``B = QᵀA`` gives the rest: ``A ≈ Q B = (Q Û) Σ Vᵀ``. Only products with ``A`` and ``Aᵀ``
    touch the big matrix, so ``A`` may be dense or sparse and is never copied.

    This is the algorithm and the interface of scikit-learn's
    ``sklearn.utils.extmath.randomized_svd``, with the same defaults and the same ``"auto"`` rules;
    for the same integer ``random_state`` it draws the same random matrix and returns the same
    result, to rounding.

    Parameters
    ----------
    A : array_like or scipy sparse matrix/array of shape (m, n)
        A real, finite matrix. Dense float32 is kept in float32; other real dtypes become float64.
        Sparse input stays sparse (CSR or CSC; other formats are converted to CSR once).
    n_components : int
        How many singular triplets to return, ``1 <= n_components <= min(m, n)``.
    n_oversamples : int, default 10
        Extra random directions beyond ``n_components`` (``p`` in Halko et al.): the sketch has
        ``n_components + n_oversamples`` columns. More improves accuracy at a small cost.
    n_iter : int or "auto", default "auto"
        Power iterations ``q``, at most 1000. ``"auto"``: 7 if ``n_components < 0.1 · min(m, n)``, else 4
        (as scikit-learn). Each one costs a product with ``A`` and one with ``Aᵀ``.
    power_iteration_normalizer : {"auto", "QR", "LU", "none"}, default "auto"
        How the sketch is re-orthonormalized between the products of each power iteration, so that
        rounding does not collapse every column onto the top singular vector: ``"QR"`` (the most
        accurate), ``"LU"`` (cheaper, nearly as good), ``"none"`` (fast, unstable for many
        iterations). ``"auto"``: ``"none"`` if ``n_iter <= 2``, else ``"LU"``.
    random_state : None, int, numpy.random.RandomState or numpy.random.Generator, optional
        The source of the Gaussian test matrix. An int seeds ``numpy.random.RandomState``,
        exactly as scikit-learn does (so both libraries draw the same ``Ω``); a Generator or a
        RandomState is used as given; None draws fresh entropy. Pass an int for reproducible
        results.

    Returns
    -------
    U : ndarray of shape (m, n_components)
        Approximate left singular vectors, as orthonormal columns.
    s : ndarray of shape (n_components,)
        Approximate singular values, largest first. Each is at most the true ``σ_i`` (to rounding):
        a projection of ``A`` never has larger singular values.
    Vt : ndarray of shape (n_components, n)
        Approximate right singular vectors, as orthonormal rows.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``A`` is not a nonempty, finite, real 2-D matrix (dense or sparse).
    OutOfRangeError, InvalidParameterError
        A parameter is outside its range or not one of its options.
    NumericOverflowError
        The largest singular value itself exceeds the float range (entries near 1e308).

    Notes
    -----
    Signs follow scikit-learn's ``svd_flip`` (see :func:`la4ml.svd.svd_flip`): the entry of
    largest magnitude in each column of ``U`` is positive. When ``m < n`` the algorithm runs on
    ``Aᵀ`` (as scikit-learn's ``transpose="auto"``; the sketch then lives in the smaller
    dimension) and the result is transposed back, with the same sign convention on ``U``.

    If ``A`` has rank at most ``n_components + n_oversamples``, the sketch spans its whole range
    and the result is exact to rounding. Otherwise the expected error satisfies (Halko et al.,
    2011, Theorem 10.6, for ``q = 0``, ``k = n_components``, ``p = n_oversamples >= 2``)

    ``E ‖A − QQᵀA‖_F <= sqrt(1 + k / (p − 1)) · sqrt(σ_{k+1}² + σ_{k+2}² + …)``,

    and each power iteration raises the singular values to a higher odd power, so the bound on the
    spectral error approaches ``σ_{k+1}`` quickly when the spectrum decays.

    If an intermediate product leaves the float range (entries near ``1e±300``, or many power
    iterations without a normalizer), ``A`` is scaled by a power of two (a copy, only then) and the
    sketch is recomputed with the same ``Ω``; the singular values are scaled back.

    Cost: ``2q + 2`` products of ``A`` (or ``Aᵀ``) with ``n × (k + p)`` matrices, plus ``O((m + n)(k + p)²)``
    for the factorizations; memory ``O((m + n)(k + p))`` beside ``A``.

    References
    ----------
    N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with randomness: probabilistic
    algorithms for constructing approximate matrix decompositions", *SIAM Review* 53(2), 217–288,
    2011 (Algorithms 4.3/4.4 and 5.1). A. Szlam, Y. Kluger and M. Tygert, "An implementation of a
    randomized algorithm for principal component analysis", arXiv:1412.3510, 2014 (the LU
    normalizer).

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.svd import randomized_svd
    >>> rng = np.random.default_rng(0)
    >>> A = rng.standard_normal((200, 5)) @ rng.standard_normal((5, 80))   # rank 5
    >>> U, s, Vt = randomized_svd(A, 3, random_state=0)
    >>> U.shape, s.shape, Vt.shape
    ((200, 3), (3,), (3, 80))
    >>> bool(np.allclose(s, np.linalg.svd(A, compute_uv=False)[:3]))      # rank 5 <= 3 + 10: exact
    True
    """
    A = _check_input(A)
    m, n = A.shape
    n_components = _check_int(n_components, "n_components", 1, min(m, n),
                              f"A of shape {A.shape} has min(m, n) = {min(m, n)} singular values")
    n_oversamples = _check_int(n_oversamples, "n_oversamples", 0, None, "10 is the usual choice")
    check_size(max(m, n) * (n_components + n_oversamples), "max(m, n) * (n_components + n_oversamples)",
               hint="the sketch would not fit in memory: ask for fewer components or oversamples")
    if isinstance(n_iter, str) and n_iter == "auto":
        n_iter = 7 if n_components < 0.1 * min(m, n) else 4
    else:
        n_iter = _check_int(n_iter, "n_iter", 0, _MAX_ITER,
                            f'pass an int from 0 to {_MAX_ITER} or "auto" (with re-orthonormalization, more than a '
                            "few dozen power iterations change nothing)")
    normalizer = check_option(power_iteration_normalizer, "power_iteration_normalizer", _NORMALIZERS)
    if normalizer == "auto":
        normalizer = "none" if n_iter <= 2 else "LU"

    transpose = m < n                                   # scikit-learn's transpose="auto"
    M = A.T if transpose else A                         # (m', n') with m' >= n'
    l = n_components + n_oversamples
    omega = _gaussian(random_state, (M.shape[1], l))    # (n', l), drawn as scikit-learn draws it
    if M.dtype == np.float32:
        omega = omega.astype(np.float32)
    result = _sketch_and_solve(M, omega, n_iter, normalizer)
    if result is None:                                  # an intermediate overflowed or underflowed: rescale A
        c = scale_of(M.data if scipy.sparse.issparse(M) else M)   # a power of two: dividing by it is exact
        result = _sketch_and_solve(M / c, omega, n_iter, normalizer)
        if result is None:
            raise NumericOverflowError(
                f"randomized_svd could not keep the sketch of A ({describe(A)}) within the float range, even "
                "after scaling A to max|entry| = 1; use fewer power iterations or power_iteration_normalizer='LU'"
            )
        U, s, Vt = result
        s = check_no_overflow(unscale(s, c), "the largest singular value of A")
        result = U, s.astype(M.dtype, copy=False), Vt
    U, s, Vt = result
    U, Vt = _svd_flip(U, Vt, u_based_decision=not transpose)   # the largest entry of the final U is positive
    k = n_components
    if transpose:
        return Vt[:k].T, s[:k], U[:, :k].T
    return U[:, :k], s[:k], Vt[:k]


def _sketch_and_solve(M, omega, n_iter, normalizer):
    """(U, s, Vt) of the sketch (l columns, unflipped), or None when an intermediate left the float range."""
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        Y = _range_sketch(M, omega, n_iter, normalizer)                 # (m', l) = M (MᵀM)^q Ω, normalized
        top = max(float(Y.max()), -float(Y.min()))                     # max|Y| without a temporary array
        if not np.isfinite(top) or 0.0 < top < _TINY[Y.dtype.type]:
            return None
        Q = scipy.linalg.qr(Y, mode="economic", overwrite_a=True, check_finite=False)[0]   # basis of the range
        B = Q.T @ M                                                     # (l, n'): A seen in the basis Q
        if not np.all(np.isfinite(B)):
            return None
    U_hat, s, Vt = scipy.linalg.svd(B, full_matrices=False, lapack_driver="gesdd", check_finite=False)
    return Q @ U_hat, s, Vt


def _range_sketch(M, Q, n_iter, normalizer):
    """(M Mᵀ)^n_iter M Ω with the normalizer between the products (Halko et al., Alg. 4.4, without its last QR)."""
    # X is always a fresh product here, so the factorizations may overwrite it (one m × l copy less)
    if normalizer == "QR":
        def normalize(X):
            return scipy.linalg.qr(X, mode="economic", overwrite_a=True, check_finite=False)[0]
    elif normalizer == "LU":
        def normalize(X):
            return scipy.linalg.lu(X, permute_l=True, overwrite_a=True, check_finite=False)[0]
    else:
        def normalize(X):
            return X
    for _ in range(n_iter):
        Q = normalize(M @ Q)                            # (m, l)
        Q = normalize(M.T @ Q)                          # (n, l)
    return M @ Q


def _gaussian(random_state, shape):
    """A standard normal matrix drawn as scikit-learn draws it for the same random_state."""
    if random_state is None:
        return np.random.default_rng().standard_normal(shape)
    if isinstance(random_state, np.random.Generator):
        return random_state.standard_normal(shape)
    if isinstance(random_state, np.random.RandomState):
        return random_state.normal(size=shape)
    if isinstance(random_state, (numbers.Integral, np.integer)) and not isinstance(random_state, (bool, np.bool_)):
        if not 0 <= random_state < 2**32:
            raise OutOfRangeError(f"random_state must be an int in [0, 2**32) (a seed), got {random_state!r}; "
                                  "use e.g. random_state=0")
        return np.random.RandomState(int(random_state)).normal(size=shape)
    raise DTypeError(f"random_state must be None, an int, a numpy.random.Generator or a numpy.random.RandomState, "
                     f"got {random_state!r} of type {type(random_state).__name__}")


def _check_int(value, name, low, high, hint):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise InvalidParameterError(f"{name} must be an int, got {value!r} of type {type(value).__name__}; {hint}")
    value = int(value)
    if value < low or (high is not None and value > high):
        rng = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise OutOfRangeError(f"{name} must be {rng}, got {value}; {hint}")
    return value


def _check_input(A):
    """A dense float ndarray (float32 kept, never copied when already float) or a CSR/CSC sparse matrix."""
    if scipy.sparse.issparse(A):
        if A.ndim != 2:
            raise ShapeError(f"A must be a 2-D matrix, got a sparse array of shape {A.shape}")
        if A.shape[0] == 0 or A.shape[1] == 0:
            raise EmptyInputError(f"A must not be empty, got a sparse matrix of shape {A.shape}")
        if np.issubdtype(A.dtype, np.complexfloating) or not (np.issubdtype(A.dtype, np.number) or A.dtype == bool):
            raise DTypeError(f"A must be real, got a sparse matrix of dtype {A.dtype}; pass A.real if the imaginary "
                             "part is zero")
        if A.format not in ("csr", "csc"):
            A = A.tocsr()
        if A.dtype not in (np.float32, np.float64):
            A = A.astype(np.float64)
        if A.data.size and not np.isfinite(A.data).all():
            raise NonFiniteError(f"A must contain only finite numbers, got {A.data[~np.isfinite(A.data)][0]} among "
                                 f"the stored entries of the sparse {describe(A)}; remove or impute missing values")
        return A
    if hasattr(A, "matvec") and not hasattr(A, "__array__"):
        raise DTypeError(f"A must be an array or a SciPy sparse matrix, got {type(A).__name__}; a LinearOperator "
                         "cannot be transposed reliably: pass the matrix itself")
    A = check_matrix(A, "A", finite=False)
    # one pass that allocates nothing big: a finite sum means finite entries (scikit-learn's fast path)
    with np.errstate(over="ignore", invalid="ignore"):
        total = A.sum(dtype=np.float64)
    if not np.isfinite(total):
        _check_finite(A, "A")                          # find and name the bad entry (or pass: a sum that overflowed)
    return A
