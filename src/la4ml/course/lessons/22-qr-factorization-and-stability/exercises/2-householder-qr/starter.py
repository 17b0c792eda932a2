"""Exercise 22.2 — Householder QR from scratch, with a non-negative diagonal of R.

Write ``householder_qr(A, mode="reduced")`` returning ``(Q, R)`` with ``Q @ R == A``.
"""

import numpy as np

from la4ml.factorizations import householder_vector


def householder_qr(A, mode="reduced"):
    """Factor ``A = Q R`` by Householder reflections.

    Parameters
    ----------
    A : ndarray of shape (m, n), with m >= n
        The matrix to factor (any rank). Do not modify it.
    mode : {'reduced', 'complete'}, default 'reduced'
        ``'reduced'``: ``Q`` of shape ``(m, n)`` and ``R`` of shape ``(n, n)``.
        ``'complete'``: ``Q`` of shape ``(m, m)`` (square, orthogonal) and ``R`` of shape ``(m, n)``
        (zero rows below row ``n``).

    Returns
    -------
    Q : ndarray
        Orthonormal columns: ``Q.T @ Q == I`` to rounding, even when ``A`` is ill-conditioned.
    R : ndarray
        Upper triangular with a non-negative diagonal, ``Q @ R == A`` to rounding.

    Raises
    ------
    ValueError
        ``A`` has more columns than rows, or ``mode`` is not ``'reduced'`` or ``'complete'``.

    Notes
    -----
    For ``j = 0, ..., min(m - 1, n) - 1``: ``v, _ = householder_vector(R[j:, j])``; then
    ``R[j:, j:] -= 2 * np.outer(v, v @ R[j:, j:])`` and ``Q[:, j:] -= 2 * np.outer(Q[:, j:] @ v, v)``
    (that is ``R = H R`` and ``Q = Q H`` without forming ``H``). Finally flip the sign of every
    row ``i`` of ``R`` with ``R[i, i] < 0``, and of column ``i`` of ``Q`` with it.

    Examples
    --------
    >>> Q, R = householder_qr(np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]]))
    >>> R
    array([[5. , 2.2],
           [0. , 0.5]])
    """
    # TODO: loop over the columns applying reflectors to R and Q, fix the signs of R's diagonal,
    #       and return the reduced or the complete factors.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]])
    Q, R = householder_qr(A)
    print("Q =\n", Q, "\nR =\n", R)
    Q_np, R_np = np.linalg.qr(A)
    D = np.sign(np.diag(R_np))
    print("equal to numpy's after the sign fix:", np.allclose(Q, Q_np * D) and np.allclose(R, D[:, None] * R_np))
