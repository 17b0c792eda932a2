"""Exercise 12.1 — Test positive definiteness with eigenvalues.

Write ``is_positive_definite(A, tol=1e-10)``: True exactly when ``A`` is symmetric and all of its
eigenvalues are greater than ``tol``. Then run this file to apply it to [[1, 2], [2, 1]].
"""

import numpy as np


def is_positive_definite(A, tol=1e-10):
    """Return True if the square matrix ``A`` is symmetric positive definite.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix of floats (not necessarily symmetric).
    tol : float, default 1e-10
        An eigenvalue counts as positive only if it is greater than ``tol``; eigenvalues that are
        zero up to rounding (like 3e-17) must not count.

    Returns
    -------
    bool
        True if ``A`` equals its transpose (up to rounding: use ``np.allclose``) and every
        eigenvalue is greater than ``tol``; False otherwise, including for every nonsymmetric ``A``.

    Examples
    --------
    >>> is_positive_definite(np.array([[2.0, 1.0], [1.0, 2.0]]))
    True
    >>> is_positive_definite(np.array([[1.0, 2.0], [2.0, 1.0]]))
    False
    """
    # TODO: return False if A is not symmetric; otherwise compute the eigenvalues of the symmetric
    #       matrix and check that all of them are greater than tol.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 2.0], [2.0, 1.0]])
    print("is_positive_definite(A) =", is_positive_definite(A))
    print("eigenvalues:", np.linalg.eigvalsh(A))
