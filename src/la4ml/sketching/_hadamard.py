"""The fast Walsh–Hadamard transform and the subsampled randomized Hadamard transform (SRHT)."""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse

from la4ml._validation import (as_float_array, _check_finite, check_bool, check_matrix, check_no_overflow,
                               check_random_state, describe, scale_of, unscale)
from la4ml.errors import DTypeError, EmptyInputError, OutOfRangeError, ShapeError

__all__ = ["fwht", "srht"]


def fwht(x, *, normalized=False):
    """The Walsh–Hadamard transform ``H_n x`` in ``O(n log n)`` operations, without forming ``H_n``.

    Parameters
    ----------
    x : array_like of shape (n,) or (n_rows, n)
        Real values; ``n`` must be a power of two (1, 2, 4, …). A 2-D input is transformed row by
        row (each row is one signal), as ``X @ H_n``.
    normalized : bool, default False
        Divide by ``√n``, which makes the transform orthogonal (it keeps norms and is its own
        inverse). Unnormalized, the result equals ``scipy.linalg.hadamard(n) @ x``.

    Returns
    -------
    y : ndarray of the shape of ``x``
        A new array (``x`` is not modified): float64, or float32 for float32 input.

    Raises
    ------
    ShapeError
        ``x`` is not 1-D or 2-D, or its length is not a power of two (the message names the next
        one: pad ``x`` with zeros up to it).
    EmptyInputError, NonFiniteError, DTypeError
        Empty, non-finite or non-numeric input.
    NumericOverflowError
        An entry of the transform exceeds the largest float (entries near ``1.8e308``; unnormalized,
        ``|y_i|`` can reach ``n · max|x|``): divide ``x`` by a constant first.

    Notes
    -----
    Sylvester's Hadamard matrix is ``H_1 = [1]``, ``H_2n = [[H_n, H_n], [H_n, −H_n]]``. Applied to
    ``x = (x_top, x_bottom)`` that is ``(H_n x_top + H_n x_bottom, H_n x_top − H_n x_bottom)``: one
    butterfly pass of sums and differences per level, ``log₂ n`` passes of ``n`` additions each —
    the same recursion as the FFT, with ``±1`` in place of the roots of unity. ``H_nᵀ H_n = n I``,
    so ``H_n / √n`` is orthogonal and symmetric: the normalized transform undoes itself.

    References
    ----------
    J. J. Sylvester, "Thoughts on inverse orthogonal matrices, simultaneous sign-successions, and
    tessellated pavements in two or more colours", *Philosophical Magazine* 34, 461–475, 1867 (the
    construction). G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
    University Press, 2013, §1.4 (fast matrix-vector products by butterflies).

    Examples
    --------
    >>> import numpy as np, scipy.linalg
    >>> from la4ml.sketching import fwht
    >>> fwht([1.0, 0.0, 1.0, 0.0])
    array([2., 2., 0., 0.])
    >>> x = np.random.default_rng(0).standard_normal(16)
    >>> bool(np.allclose(fwht(x), scipy.linalg.hadamard(16) @ x))
    True
    """
    normalized = check_bool(normalized, "normalized")
    y = as_float_array(x, "x")
    if y.ndim not in (1, 2):
        raise ShapeError(f"x must be 1-D (one signal) or 2-D (one signal per row), got {describe(y)}")
    if y.size == 0:
        raise EmptyInputError(f"x must not be empty, got {describe(y)}")
    _check_finite(y, "x")
    n = y.shape[-1]
    if n & (n - 1):
        nxt = 1 << n.bit_length()
        raise ShapeError(f"the length of x must be a power of two (1, 2, 4, 8, …), got {n} in {describe(y)}; "
                         f"pad x with zeros up to {nxt} (np.pad), which changes no norm")
    out = _butterflies(y.reshape(-1, n), normalized)
    if not np.isfinite(out).all():  # a sum overflowed: redo in units of max|x| (a power of two, exact)
        s = scale_of(y)
        out = unscale(_butterflies(y.reshape(-1, n) / y.dtype.type(s), normalized), s)
        check_no_overflow(out, "fwht(x)", hint=f"max|x| = {float(np.max(np.abs(y))):.4g} and the transform adds up to "
                          f"{n} entries{' (divided by √n)' if normalized else ''}; divide x by a constant "
                          "(e.g. x / 1e300) and multiply the result back, or use normalized=True")
    return out.reshape(y.shape)


def _butterflies(rows, normalized):
    """``H_n`` applied to each row of the (n_rows, n) array ``rows`` (a copy: ``rows`` is never modified).

    Overflow is not warned about: the caller checks the result and redoes the transform scaled.
    """
    src = rows.copy()                                   # (n_rows, n)
    dst = np.empty_like(src)
    n_rows, n = src.shape
    h = 1
    with np.errstate(over="ignore", invalid="ignore"):  # inf - inf = nan, both caught by the caller
        while h < n:                                    # log2(n) butterfly passes
            s = src.reshape(n_rows, n // (2 * h), 2, h)  # blocks of 2h: top half s[:, :, 0], bottom s[:, :, 1]
            d = dst.reshape(n_rows, n // (2 * h), 2, h)
            np.add(s[:, :, 0], s[:, :, 1], out=d[:, :, 0])
            np.subtract(s[:, :, 0], s[:, :, 1], out=d[:, :, 1])
            src, dst = dst, src
            h *= 2
        if normalized:
            src *= 1.0 / np.sqrt(n)
    return src


def srht(X, n_components, random_state=None):
    """Project the rows of ``X`` to ``n_components`` dimensions by a subsampled randomized Hadamard transform.

    Each row ``x`` (length ``d``, zero-padded to ``n = 2^⌈log₂ d⌉``) becomes
    ``√(n / k) · S H D x / √n`` with ``D`` a random ±1 diagonal, ``H`` the Walsh–Hadamard matrix
    (applied by :func:`fwht`) and ``S`` a random choice of ``k = n_components`` of the ``n``
    coordinates, without replacement. The same ``D`` and ``S`` serve every row, so pairwise
    distances are preserved like a Gaussian projection's, at ``O(n log n)`` cost per row instead
    of ``O(n k)``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Real, finite data (float32 is kept).
    n_components : int
        The target dimension ``k``, ``1 <= k <= n`` (``n`` the padded length).
    random_state : None, int or numpy.random.Generator, optional
        The source of the signs and the sample; an int makes the result reproducible.

    Returns
    -------
    X_new : ndarray of shape (n_samples, n_components)

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``X`` is not a nonempty finite real 2-D array.
    OutOfRangeError
        ``n_components`` out of range.
    NumericOverflowError
        A projected coordinate exceeds the largest float (``X`` near ``1.8e308``): divide ``X`` by a
        constant first (distances scale with it).

    Notes
    -----
    ``H D / √n`` is orthogonal, so it keeps every norm; the random signs spread each vector's
    energy evenly over the ``n`` coordinates (no coordinate holds much more than
    ``‖x‖² · O(log(n)/n)`` with high probability), so a uniform sample of ``k`` of them, rescaled
    by ``√(n/k)``, has squared norm ``‖x‖²`` in expectation and concentrates around it. Padding
    with zeros changes no norm or distance.

    References
    ----------
    N. Ailon and B. Chazelle, "The fast Johnson–Lindenstrauss transform and approximate nearest
    neighbors", *SIAM Journal on Computing* 39(1), 302–322, 2009. J. A. Tropp, "Improved analysis
    of the subsampled randomized Hadamard transform", *Advances in Adaptive Data Analysis* 3(1–2),
    115–126, 2011.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.sketching import srht
    >>> X = np.random.default_rng(0).standard_normal((5, 1000))
    >>> Y = srht(X, 512, random_state=0)                      # d = 1000 is padded to 1024
    >>> Y.shape
    (5, 512)
    >>> bool(np.allclose(srht(X, 1024, random_state=0) ** 2 @ np.ones(1024), (X ** 2).sum(axis=1)))
    True
    """
    if scipy.sparse.issparse(X):
        raise DTypeError(f"X must be a dense array, got a sparse {describe(X)}; pass X.toarray() (the Hadamard "
                         "transform fills every coordinate anyway)")
    X = check_matrix(X, "X")
    n_samples, d = X.shape
    n = 1 << (d - 1).bit_length()                       # the next power of two >= d
    if isinstance(n_components, (bool, np.bool_)) or not isinstance(n_components, (numbers.Integral, np.integer)):
        raise DTypeError(f"n_components must be an int, got {n_components!r} of type {type(n_components).__name__}")
    if not 1 <= n_components <= n:
        raise OutOfRangeError(f"n_components must be in [1, {n}] (X has {d} features, padded to {n}), got "
                              f"{n_components}")
    rng = check_random_state(random_state)
    signs = rng.choice(np.array([-1.0, 1.0], dtype=X.dtype), size=d)          # the diagonal of D
    keep = np.sort(rng.choice(n, size=n_components, replace=False))          # the rows of S
    Z = np.zeros((n_samples, n), dtype=X.dtype)
    Z[:, :d] = X * signs                                                      # (n_samples, n): D x, zero-padded
    top = float(np.max(np.abs(X)))
    scale = scale_of(X) if top > float(np.finfo(X.dtype).max) / (2 * n) else 1.0  # sums of n entries may overflow
    if scale != 1.0:                                                          # (a power of two: exact)
        Z /= X.dtype.type(scale)
    Z = _butterflies(Z, True)                                                 # H D x / √n, row by row
    Y = unscale(Z[:, keep] * X.dtype.type(np.sqrt(n / n_components)), scale)  # (n_samples, k)
    return check_no_overflow(Y, "srht(X)", hint=f"max|X| = {top:.4g}; divide X by a constant (e.g. X / 1e300): "
                             "the projection is linear, so distances scale with it")
