"""Exercise 12.1 — Test positive definiteness with eigenvalues.

Write ``is_positive_definite(A, rtol=None)``: True exactly when ``A`` is symmetric and all of its
eigenvalues are greater than ``rtol`` times the largest eigenvalue in size. Then run this file to
apply it to [[1, 2], [2, 1]].
"""

import numpy as np


def is_positive_definite(A, rtol=None):
    """Return True if the square matrix ``A`` is symmetric positive definite.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A matrix of floats (not necessarily symmetric, maybe not even square), ``n >= 1``.
    rtol : float, optional
        Relative tolerance: an eigenvalue counts as positive only if it is greater than
        ``rtol * max|λ|``. Default ``n * eps`` with ``eps = np.finfo(float).eps``: eigenvalues
        that are zero up to rounding (like 3e-17 next to 2) must not count.

    Returns
    -------
    bool
        True if ``A`` is square, symmetric up to rounding (``max|A - A.T| <= n * eps *
        np.linalg.norm(A)``) and every eigenvalue is greater than ``rtol * max|λ|``; False
        otherwise, including for every nonsymmetric or non-square ``A``.

    Examples
    --------
    >>> is_positive_definite(np.array([[2.0, 1.0], [1.0, 2.0]]))
    True
    >>> is_positive_definite(np.array([[1.0, 2.0], [2.0, 1.0]]))
    False
    >>> is_positive_definite(1e-12 * np.array([[2.0, 1.0], [1.0, 2.0]]))  # the scale does not matter
    True
    """
    # TODO: return False if A is not square or not symmetric up to rounding (relative to its
    #       norm); otherwise compute the eigenvalues of the symmetric matrix and check that the
    #       smallest is greater than rtol times the largest in absolute value.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 2.0], [2.0, 1.0]])
    print("is_positive_definite(A) =", is_positive_definite(A))
    print("eigenvalues:", np.linalg.eigvalsh(A))
