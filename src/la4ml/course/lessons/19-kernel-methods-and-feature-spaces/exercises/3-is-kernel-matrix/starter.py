"""Exercise 19.3 — Is it a kernel matrix? Symmetric and PSD, with a tolerance from the scale.

Write ``is_kernel_matrix(K, rtol=None)``.
"""

import numpy as np


def is_kernel_matrix(K, rtol=None):
    """Whether ``K`` is symmetric positive semidefinite, up to a tolerance relative to its size.

    Parameters
    ----------
    K : ndarray of shape (n, n)
        A candidate Gram matrix. Do not modify it.
    rtol : float, optional
        Relative tolerance for both tests; default ``n * np.finfo(float).eps``.

    Returns
    -------
    bool
        ``True`` when ``max|K - Kᵀ| <= rtol * max|K|`` and the smallest eigenvalue is
        ``>= -rtol * max|λ|``; ``False`` otherwise.

    Raises
    ------
    ValueError
        If ``K`` is not a square 2-D array.

    Examples
    --------
    >>> X = np.random.default_rng(0).standard_normal((50, 3))
    >>> is_kernel_matrix(X @ X.T)        # rank 3: 47 zero eigenvalues, some computed as -1e-14
    True
    >>> is_kernel_matrix(np.array([[1.0, 2.0], [2.0, 1.0]]))   # eigenvalue -1
    False
    """
    # TODO: check the shape, set rtol, test symmetry relative to max|K|,
    #       then compare the smallest eigenvalue (np.linalg.eigvalsh) with -rtol * max|λ|.
    raise NotImplementedError


if __name__ == "__main__":
    X = np.random.default_rng(0).standard_normal((50, 3))
    print(is_kernel_matrix(X @ X.T), is_kernel_matrix(np.array([[1.0, 2.0], [2.0, 1.0]])))
