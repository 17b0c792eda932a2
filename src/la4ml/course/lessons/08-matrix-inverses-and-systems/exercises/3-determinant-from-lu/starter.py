"""Exercise 8.3 — The determinant from the LU factorization: sign, log|det| and det.

Write ``slogdet_lu(A)`` and ``det_lu(A)`` from ``scipy.linalg.lu_factor``: the pivots give the size,
the row swaps and the signs of the pivots give the sign. Compare with ``np.linalg.slogdet``.
"""

import numpy as np
import scipy.linalg


def slogdet_lu(A):
    """Sign and natural log of ``|det A|`` from the LU factorization of ``A``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix of floats.

    Returns
    -------
    sign : float
        ``1.0`` or ``-1.0`` (the sign of ``det A``), or ``0.0`` if ``A`` is singular (a pivot is
        exactly zero).
    logabsdet : float
        ``log|det A|`` (natural log), or ``-inf`` if ``A`` is singular. ``det A`` equals
        ``sign * np.exp(logabsdet)``.

    Notes
    -----
    ``lu, piv = scipy.linalg.lu_factor(A)`` factors ``A`` with partial pivoting: the pivots are
    ``np.diag(lu)``, and at step ``i`` rows ``i`` and ``piv[i]`` were swapped (nothing happened when
    ``piv[i] == i``). Each swap multiplies the determinant by ``-1``, ``L`` has determinant 1, and
    ``U``'s determinant is the product of the pivots, so

        det A = (-1)^(number of swaps) * prod(pivots).

    Take the sign from the swaps **and** the signs of the pivots, and the size as
    ``np.sum(np.log(np.abs(pivots)))``: a product of 300 pivots can overflow, a sum of logs cannot.
    Do not call ``np.linalg.det``, ``np.linalg.slogdet``, ``scipy.linalg.det`` or torch's versions.

    Examples
    --------
    >>> sign, logabsdet = slogdet_lu(np.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> float(sign), round(float(np.exp(logabsdet)), 12)
    (-1.0, 2.0)
    """
    # TODO: lu, piv = scipy.linalg.lu_factor(A); pivots = np.diag(lu)
    #       singular (a pivot == 0) -> return 0.0, -np.inf
    #       n_swaps = number of i with piv[i] != i; sign from the swaps and the pivots' signs;
    #       logabsdet = sum of the logs of |pivots|
    raise NotImplementedError


def det_lu(A):
    """The determinant of ``A``, as ``sign * exp(logabsdet)`` from :func:`slogdet_lu`.

    Parameters
    ----------
    A : ndarray of shape (n, n)

    Returns
    -------
    det : float
        ``det A``; ``0.0`` for a singular ``A``; ``±inf`` where ``|det A|`` overflows float64 (the
        reason to prefer ``slogdet_lu``).

    Examples
    --------
    >>> round(float(det_lu(np.array([[2.0, 1.0], [1.0, 3.0]]))), 12)
    5.0
    """
    # TODO: one line, from slogdet_lu(A)
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [3.0, 0.0, 1.0]])
    print("slogdet_lu:", slogdet_lu(A), "  np.linalg.slogdet:", np.linalg.slogdet(A))
    print("det_lu:", det_lu(A), "  np.linalg.det:", np.linalg.det(A))
    big = 10 * np.random.default_rng(0).standard_normal((300, 300))
    with np.errstate(over="ignore"):  # np.linalg.det overflows here: that is the point
        print("300 × 300: slogdet_lu", slogdet_lu(big), " np.linalg.det", np.linalg.det(big))
