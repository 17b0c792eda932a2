"""Exercise 12.1 — Test positive definiteness with eigenvalues (reference solution)."""

import numpy as np


def is_positive_definite(A, rtol=None):
    """Return True if the square matrix ``A`` is symmetric positive definite.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A matrix of floats (not necessarily symmetric, maybe not even square), ``n >= 1``.
    rtol : float, optional
        An eigenvalue counts as positive only if it is greater than ``rtol * max|λ|``;
        default ``n * eps``.

    Returns
    -------
    bool
        True if ``A`` is square, symmetric up to rounding and every eigenvalue is greater than
        ``rtol * max|λ|``; False otherwise.
    """
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        return False
    n = len(A)
    eps = np.finfo(float).eps
    if rtol is None:
        rtol = n * eps  # rounding level, relative to the largest eigenvalue
    if np.abs(A - A.T).max() > n * eps * np.linalg.norm(A):
        return False  # not symmetric, even allowing for rounding relative to A's size
    eigenvalues = np.linalg.eigvalsh(A)  # real, ascending: safe because A is symmetric
    return bool(eigenvalues[0] > rtol * np.abs(eigenvalues).max())


if __name__ == "__main__":
    A = np.array([[1.0, 2.0], [2.0, 1.0]])
    print("is_positive_definite(A) =", is_positive_definite(A))
    print("eigenvalues:", np.linalg.eigvalsh(A))  # [-1.  3.]: indefinite, so not PD
