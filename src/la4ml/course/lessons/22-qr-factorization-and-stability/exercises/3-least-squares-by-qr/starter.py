"""Exercise 22.3 — Least squares by Householder QR, applying the reflectors to b.

Write ``lstsq_householder(A, b)`` returning the ``x`` that minimizes ``||A x - b||``.
"""

import numpy as np
import scipy.linalg

from la4ml.factorizations import householder_vector


def lstsq_householder(A, b):
    """Solve the least-squares problem ``min ||A x - b||`` by Householder QR, without forming Q.

    Parameters
    ----------
    A : ndarray of shape (m, n), with m >= n
        Independent columns. Do not modify it.
    b : ndarray of shape (m,)
        The right-hand side. Do not modify it.

    Returns
    -------
    x : ndarray of shape (n,)
        The least-squares solution, equal to ``np.linalg.lstsq(A, b, rcond=None)[0]`` up to rounding.

    Raises
    ------
    ValueError
        ``A`` has more columns than rows, or ``b`` does not have ``m`` entries.
    numpy.linalg.LinAlgError
        A diagonal entry of ``R`` is at most ``max(m, n) * eps * max|diag R|``: the columns of
        ``A`` are dependent to working precision, and the solution is not unique.

    Notes
    -----
    ``||A x - b|| = ||Qᵀ(A x - b)||`` and ``QᵀA = R``: apply every reflector ``H_j = I - 2 v vᵀ``
    that turns ``A`` into ``R`` to ``b`` too (``y[j:] -= 2 * v * (v @ y[j:])``), then solve
    ``R[:n, :n] x = y[:n]``. The rows below ``n`` of ``y`` are the part of ``b`` no ``x`` can fit.

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> lstsq_householder(A, np.array([1.0, 2.0, 4.0]))  # intercept and slope of the best line
    array([0.83333333, 1.5       ])
    """
    # TODO: copy A and b; apply each column's reflector to both; check the diagonal of R;
    #       solve the upper-triangular n × n system.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, 2.0, 4.0])
    x = lstsq_householder(A, b)
    print("intercept, slope =", x)
    print("matches np.linalg.lstsq:", np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0]))
