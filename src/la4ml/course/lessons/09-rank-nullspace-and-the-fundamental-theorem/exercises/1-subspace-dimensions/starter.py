"""Exercise 9.1 — The dimensions of the four fundamental subspaces, from the singular values.

Write ``subspace_dimensions(A, rtol=None)``: the tuple ``(r, n - r, r, m - r)`` for an ``m × n``
matrix ``A``, where ``r`` is the numerical rank: the number of singular values greater than
``rtol * σ_max`` (default ``rtol = max(m, n) * eps``). Count them yourself; compare with
``np.linalg.matrix_rank`` afterwards.
"""

import numpy as np


def subspace_dimensions(A, rtol=None):
    """Return the dimensions of the column space, null space, row space and left null space of ``A``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A matrix of floats (any shape: m and n may differ).
    rtol : float or None, default None
        Relative cut-off: a singular value counts (is "nonzero") when it is greater than
        ``rtol * σ_max``, with ``σ_max`` the largest singular value. ``None`` means
        ``max(m, n) * np.finfo(float).eps``, the rounding level of the SVD.

    Returns
    -------
    tuple of 4 ints
        ``(r, n - r, r, m - r)``: the dimensions of the column space C(A) (in R^m), the null
        space N(A) (in R^n), the row space C(Aᵀ) (in R^n) and the left null space N(Aᵀ) (in R^m),
        where ``r`` is the number of singular values greater than the cut-off.

    Notes
    -----
    Never compare the singular values with 0: a rank-deficient matrix has singular values that
    are zero in exact arithmetic but come out of the SVD as 1e-16 or so. And never with a fixed
    number such as 1e-10: multiplying ``A`` by 1e6 does not change its rank, but it multiplies
    every singular value (and the rounding noise) by 1e6. Do not call ``np.linalg.matrix_rank``.

    Examples
    --------
    >>> subspace_dimensions(np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]]))
    (2, 2, 2, 1)
    >>> subspace_dimensions(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]))
    (2, 1, 2, 1)
    """
    # TODO: compute the singular values (np.linalg.svd(A, compute_uv=False)), the cut-off
    #       rtol * s.max() (with the default rtol when rtol is None), count the singular values
    #       above it, and return the four dimensions as Python ints.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    for scale in [1.0, 1e6]:
        print(f"scale {scale:g}: dimensions {subspace_dimensions(scale * A)}, "
              f"np.linalg.matrix_rank: {np.linalg.matrix_rank(scale * A)}")
