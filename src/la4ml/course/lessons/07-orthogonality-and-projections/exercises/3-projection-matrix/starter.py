"""Exercise 7.3 — The projection matrix onto a column space, for any rank.

Write ``projection_matrix(A, tol=1e-10)``: P = Q Qᵀ with Q an orthonormal basis of the column
space of A, from the SVD. Then run this file to check it on a plane in R^3 given by three columns,
one of them dependent.
"""

import numpy as np


def projection_matrix(A, tol=1e-10):
    """The orthogonal projection matrix onto the column space of ``A``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        Any real matrix: the columns may be dependent (then ``AᵀA`` is singular), some may be
        zero, and ``n`` may exceed ``m``.
    tol : float, default 1e-10
        A singular value counts as zero when it is ``<= tol * s_max`` (relative to the largest
        singular value, so the answer does not depend on the scale of ``A``). If ``A`` is all
        zeros, nothing is kept.

    Returns
    -------
    P : ndarray of shape (m, m)
        ``Q @ Q.T``, where the columns of ``Q`` are the left singular vectors of ``A`` whose
        singular values are kept. ``P`` is symmetric, ``P @ P == P``, ``P @ A == A``, its trace is
        the rank of ``A``, and ``b - P @ b`` is perpendicular to every column of ``A``.

    Examples
    --------
    >>> A = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0]])  # column 2 = column 0 + column 1
    >>> P = projection_matrix(A)
    >>> np.round(3 * P, 10)
    array([[ 2., -1.,  1.],
           [-1.,  2.,  1.],
           [ 1.,  1.,  2.]])
    """
    # TODO: U, s, Vt = np.linalg.svd(A, full_matrices=False); keep the columns of U whose singular
    #       values are > tol * (largest singular value); return Q @ Q.T.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0]])
    P = projection_matrix(A)
    b = np.array([1.0, 1.0, 0.0])
    print("P =\n", P)
    print("symmetric:", np.allclose(P, P.T), " P @ P == P:", np.allclose(P @ P, P))
    print("P @ b =", P @ b, " Aᵀ(b - P b) =", A.T @ (b - P @ b))
