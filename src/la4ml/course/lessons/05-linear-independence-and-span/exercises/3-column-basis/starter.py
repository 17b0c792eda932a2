"""Exercise 5.3 — Extract a basis from the columns of a matrix (from scratch).

Write ``column_basis(A, tol=1e-10)``: the indices of the columns a left-to-right scan keeps
because each adds a new direction. Compare with SciPy's pivoted QR when you run the file.
"""

import numpy as np
import scipy.linalg


def column_basis(A, tol=1e-10):
    """Indices of the earliest linearly independent columns of ``A`` that span its column space.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        The vectors are the columns.
    tol : float, default 1e-10
        Column j is kept when the residual of its least-squares fit by the kept columns is
        longer than ``tol * ||A[:, j]||``; a zero column is never kept.

    Returns
    -------
    ndarray of int of shape (r,)
        The kept column indices in increasing order; r is the rank of A.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    >>> column_basis(A)  # column 1 = 2 column 0, column 3 = column 0 + column 2
    array([0, 2])
    """
    # TODO: for each column j, fit it by the columns kept so far (np.linalg.lstsq, or subtract its
    #       projections on an orthonormal basis of them), and keep j if the residual is longer
    #       than tol * its own length.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    mine = column_basis(A)
    _, _, piv = scipy.linalg.qr(A, pivoting=True)
    rank = np.linalg.matrix_rank(A)
    print("earliest basis:", mine, "  pivoted QR keeps:", np.sort(piv[:rank]), "  rank:", rank)
