"""Exercise 5.3 — Extract a basis from the columns of a matrix (reference solution)."""

import numpy as np
import scipy.linalg


def column_basis(A, tol=1e-10):
    """Indices of the earliest linearly independent columns of ``A`` that span its column space.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        The vectors are the columns.
    tol : float, default 1e-10
        Column j is kept when its residual is longer than ``tol * ||A[:, j]||``.

    Returns
    -------
    ndarray of int of shape (r,)
        The kept column indices in increasing order.
    """
    A = np.asarray(A, dtype=float)
    kept = []
    for j in range(A.shape[1]):
        a = A[:, j]
        length = np.linalg.norm(a)  # a zero column has residual 0, and 0 > tol * 0 is False: never kept
        if kept:
            K = A[:, kept]  # (m, r): the columns kept so far
            c, *_ = np.linalg.lstsq(K, a, rcond=None)
            residual = np.linalg.norm(a - K @ c)  # distance from a to span(K)
        else:
            residual = length
        if residual > tol * length:  # relative: the sine of the angle between a and span(K)
            kept.append(j)
    return np.array(kept, dtype=int)


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    mine = column_basis(A)
    _, _, piv = scipy.linalg.qr(A, pivoting=True)
    rank = np.linalg.matrix_rank(A)
    print("earliest basis:", mine, "  pivoted QR keeps:", np.sort(piv[:rank]), "  rank:", rank)
