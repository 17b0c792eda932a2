"""Exercise 7.2 — Modified Gram–Schmidt, from scratch.

Write ``modified_gram_schmidt(A, tol=1e-10)``: the thin QR factorization A = QR by modified
Gram–Schmidt. Then run this file: it compares your Q with classical Gram–Schmidt's on Läuchli's
matrix, whose columns are nearly parallel.
"""

import numpy as np


def modified_gram_schmidt(A, tol=1e-10):
    """Orthonormalize the columns of ``A`` by modified Gram–Schmidt: ``A = Q @ R``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A matrix of floats with linearly independent columns (so ``m >= n``). Do not modify it.
    tol : float, default 1e-10
        Column ``j`` counts as dependent on the earlier ones when what is left of it after
        removing their directions has length ``<= tol * np.linalg.norm(A[:, j])``. The test is
        relative to the column's own length, so it does not depend on the units of the data.

    Returns
    -------
    Q : ndarray of shape (m, n)
        Orthonormal columns: ``Q.T @ Q`` is the identity up to rounding.
    R : ndarray of shape (n, n)
        Upper triangular with a positive diagonal, and ``Q @ R == A`` up to rounding.

    Raises
    ------
    numpy.linalg.LinAlgError
        If a column depends on the earlier ones (a zero column included); the message names
        the column by its 0-based index, e.g. ``"column 2 depends on the earlier columns"``.

    Notes
    -----
    For each column ``j``: ``v = A[:, j]`` (a copy); for each earlier ``i < j``,
    ``R[i, j] = Q[:, i] @ v`` and then ``v = v - R[i, j] * Q[:, i]`` — each coefficient is computed
    from the CURRENT ``v``. Finally ``R[j, j] = ‖v‖`` and ``Q[:, j] = v / R[j, j]``.
    Do not call ``np.linalg.qr``, ``scipy.linalg.qr`` or ``la4ml.factorizations.gram_schmidt``.

    Examples
    --------
    >>> Q, R = modified_gram_schmidt(np.array([[3.0, 1.0], [4.0, 2.0]]))
    >>> Q
    array([[ 0.6, -0.8],
           [ 0.8,  0.6]])
    >>> R
    array([[5. , 2.2],
           [0. , 0.4]])
    """
    # TODO: start from Q = np.zeros((m, n)) and R = np.zeros((n, n)) and fill them column by column
    #       (see Notes); raise np.linalg.LinAlgError when what is left of a column is too short.
    raise NotImplementedError


if __name__ == "__main__":
    delta = 1e-8
    A = np.vstack([np.ones((1, 3)), delta * np.eye(3)])  # Läuchli's matrix: nearly parallel columns
    Q, R = modified_gram_schmidt(A)
    print("modified:  |QᵀQ - I| =", np.linalg.norm(Q.T @ Q - np.eye(3), 2), " |QR - A| =", np.linalg.norm(Q @ R - A))
    from la4ml.factorizations import gram_schmidt
    Q_c, _ = gram_schmidt(A, method="classical")
    print("classical: |QᵀQ - I| =", np.linalg.norm(Q_c.T @ Q_c - np.eye(3), 2))
