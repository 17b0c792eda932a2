"""The Johnson–Lindenstrauss target dimension."""

from __future__ import annotations

import math

import numpy as np

from la4ml._validation import describe
from la4ml.errors import DTypeError, OutOfRangeError

__all__ = ["johnson_lindenstrauss_min_dim"]


def johnson_lindenstrauss_min_dim(n_samples, eps=0.1):
    """The number of random-projection components that keeps ``n_samples`` points' distances within ``1 ± eps``.

    Parameters
    ----------
    n_samples : int, float or array_like of them
        How many points will be projected, ``>= 1`` (a float such as ``1e6`` is accepted, as in
        scikit-learn). Arrays broadcast against ``eps``.
    eps : float or array_like of float, default 0.1
        The allowed distortion of SQUARED distances, strictly between 0 and 1.

    Returns
    -------
    n_components : numpy.int64 or ndarray of int64
        ``floor(4 ln(n_samples) / (eps²/2 − eps³/3))``, elementwise. The natural logarithm: with
        ``log10`` the answer would be 2.3 times too small.

    Raises
    ------
    OutOfRangeError
        ``eps`` not in (0, 1) or ``n_samples`` below 1, or ``eps`` so small that the answer exceeds
        what an int64 can count (``eps`` below about ``sqrt(8 ln(n_samples) / 2**63)``, 1e-9 for a
        million points; ``eps = 1e-320`` would divide by zero).
    DTypeError
        A non-numeric argument.

    Notes
    -----
    A random ``k × d`` Gaussian matrix ``R`` with entries of variance ``1/k`` satisfies, for every
    pair ``u, v`` of the points at once with probability at least ``1 − 1/n_samples``,

    ``(1 − eps) ‖u − v‖² ≤ ‖Ru − Rv‖² ≤ (1 + eps) ‖u − v‖²``

    when ``k`` is at least this number (Dasgupta and Gupta's proof). The bound does not depend on
    the original dimension ``d``, only on how many points there are, and only through ``ln``.

    References
    ----------
    S. Dasgupta and A. Gupta, "An elementary proof of a theorem of Johnson and Lindenstrauss",
    *Random Structures & Algorithms* 22(1), 60–65, 2003 (Theorem 2.1).

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.sketching import johnson_lindenstrauss_min_dim
    >>> johnson_lindenstrauss_min_dim(1797, eps=0.5)
    np.int64(359)
    >>> from sklearn.random_projection import johnson_lindenstrauss_min_dim as sk_min_dim
    >>> bool(np.array_equal(johnson_lindenstrauss_min_dim([1e4, 1e5, 1e6], eps=[0.1, 0.3, 0.5]),
    ...                     sk_min_dim([1e4, 1e5, 1e6], eps=[0.1, 0.3, 0.5])))
    True
    """
    n = _as_real(n_samples, "n_samples")
    e = _as_real(eps, "eps")
    if np.any((e <= 0) | (e >= 1)):
        bad = e[(e <= 0) | (e >= 1)].ravel()[0]
        raise OutOfRangeError(f"eps must lie strictly between 0 and 1 (the allowed distortion), got {bad!r}; "
                              "0.1 (10 %) is the usual choice")
    if np.any(n < 1):
        bad = n[n < 1].ravel()[0]
        raise OutOfRangeError(f"n_samples must be at least 1 (a number of points), got {bad!r}")
    with np.errstate(under="ignore", divide="ignore", invalid="ignore"):
        denominator = e**2 / 2 - e**3 / 3          # > 0 on (0, 1), but 0 in floating point for eps < 1e-154
        k = 4 * np.log(n) / denominator
    k = np.where(n == 1, 0.0, k)[()]               # one point has no distances to keep: 0 for any eps
    limit = float(np.iinfo(np.int64).max)
    if np.any(~(k < limit)):                       # inf, or more components than an int64 can count
        i = np.unravel_index(int(np.argmax(~(k < limit))), np.shape(k)) if np.ndim(k) else ()
        ni, ei = float(np.broadcast_to(n, np.shape(k))[i]), float(np.broadcast_to(e, np.shape(k))[i])
        eps_min = math.sqrt(8 * math.log(ni) / limit)  # where 4 ln(n) / (eps²/2) reaches the int64 limit
        raise OutOfRangeError(
            f"eps = {ei!r} is too small: for n_samples = {ni:g} the bound 4 ln(n_samples) / (eps²/2 - eps³/3) "
            f"asks for more than {limit:.3g} components (more than an int64 counts, and far more than any "
            f"data has dimensions); eps must lie in [{eps_min:.3g}, 1) here, and 0.1 (10 %) is the usual choice")
    return k.astype(np.int64)


def _as_real(value, name):
    if isinstance(value, (bool, np.bool_)):
        raise DTypeError(f"{name} must be a number or an array of numbers, got {value!r}")
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        raise DTypeError(f"{name} must be a real number or an array of them, got {describe(value)}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise OutOfRangeError(f"{name} must be finite, got {describe(value)} containing {arr[~np.isfinite(arr)].ravel()[0]}")
    return arr  # a 0-d array for a scalar: the result is then a NumPy scalar, as scikit-learn's
