"""Exercise 12.1 — Test positive definiteness with eigenvalues (reference solution)."""

import numpy as np


def is_positive_definite(A, tol=1e-10):
    """Return True if the square matrix ``A`` is symmetric positive definite.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix of floats (not necessarily symmetric).
    tol : float, default 1e-10
        An eigenvalue counts as positive only if it is greater than ``tol``.

    Returns
    -------
    bool
        True if ``A`` equals its transpose (up to rounding) and every eigenvalue is greater than
        ``tol``; False otherwise.
    """
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        return False
    eigenvalues = np.linalg.eigvalsh(A)  # real, ascending: safe because A is symmetric
    return bool(np.all(eigenvalues > tol))


if __name__ == "__main__":
    A = np.array([[1.0, 2.0], [2.0, 1.0]])
    print("is_positive_definite(A) =", is_positive_definite(A))
    print("eigenvalues:", np.linalg.eigvalsh(A))  # [-1.  3.]: indefinite, so not PD
