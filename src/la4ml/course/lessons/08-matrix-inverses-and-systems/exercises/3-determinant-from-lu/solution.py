"""Exercise 8.3 — The determinant from the LU factorization: sign, log|det| and det (reference solution)."""

import numpy as np
import scipy.linalg


def slogdet_lu(A):
    """Sign and natural log of ``|det A|`` from the LU factorization of ``A``."""
    lu, piv = scipy.linalg.lu_factor(np.asarray(A, dtype=float))
    pivots = np.diag(lu)
    if np.any(pivots == 0):  # an exactly zero pivot: A is singular
        return 0.0, -np.inf
    n_swaps = np.count_nonzero(piv != np.arange(len(piv)))  # step i swapped rows i and piv[i]
    sign = (-1.0) ** n_swaps * np.prod(np.sign(pivots))  # each swap and each negative pivot flips the sign
    return float(sign), float(np.sum(np.log(np.abs(pivots))))  # a sum of logs: no overflow


def det_lu(A):
    """The determinant of ``A``, as ``sign * exp(logabsdet)`` from :func:`slogdet_lu`."""
    sign, logabsdet = slogdet_lu(A)
    return sign * np.exp(logabsdet)


if __name__ == "__main__":
    A = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 1.0]])
    print("slogdet_lu:", slogdet_lu(A), "  np.linalg.slogdet:", np.linalg.slogdet(A))
    print("det_lu:", det_lu(A), "  np.linalg.det:", np.linalg.det(A))
    big = 10 * np.random.default_rng(0).standard_normal((300, 300))
    with np.errstate(over="ignore"):  # np.linalg.det overflows here: that is the point
        print("300 × 300: slogdet_lu", slogdet_lu(big), " np.linalg.det", np.linalg.det(big))
