"""Exercise 9.2 — Orthonormal bases of the four fundamental subspaces, from one SVD.

Write ``four_subspaces(A, rtol=None)``: the tuple ``(column_space, null_space, row_space,
left_null_space)`` of matrices with orthonormal columns. Compare with ``scipy.linalg.null_space``
and ``scipy.linalg.orth`` afterwards, through the projectors ``Q @ Q.T``.
"""

import numpy as np


def four_subspaces(A, rtol=None):
    """Return orthonormal bases of C(A), N(A), C(Aᵀ) and N(Aᵀ), as the columns of four matrices.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A matrix of floats (m and n may differ).
    rtol : float or None, default None
        A singular value counts when it is greater than ``rtol * σ_max``; ``None`` means
        ``max(m, n) * np.finfo(float).eps``.

    Returns
    -------
    column_space : ndarray of shape (m, r)
        Orthonormal columns spanning {A x}, a subspace of R^m.
    null_space : ndarray of shape (n, n - r)
        Orthonormal columns spanning {x : A x = 0}, a subspace of R^n.
    row_space : ndarray of shape (n, r)
        Orthonormal columns spanning the rows of A, a subspace of R^n.
    left_null_space : ndarray of shape (m, m - r)
        Orthonormal columns spanning {y : Aᵀ y = 0}, a subspace of R^m.

    Notes
    -----
    With the *full* SVD ``A = U diag(s) Vh`` (``U`` is m × m, ``Vh`` is n × n): the first r
    columns of ``U`` span the column space and the others the left null space; the first r
    **rows** of ``Vh`` span the row space and the others the null space. Any orthonormal basis of
    the right subspace is accepted. Do not call ``scipy.linalg.null_space`` or ``scipy.linalg.orth``.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    >>> [B.shape for B in four_subspaces(A)]
    [(3, 2), (4, 2), (4, 2), (3, 1)]
    """
    # TODO: U, s, Vh = np.linalg.svd(A, full_matrices=True); count r as in Exercise 9.1;
    #       slice the four bases out of U and Vh (the basis vectors of the row space and the
    #       null space are ROWS of Vh: transpose them into columns).
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    col, null, row, left = four_subspaces(A)
    print("shapes:", col.shape, null.shape, row.shape, left.shape)
    N = scipy.linalg.null_space(A)
    print("same null space as SciPy:", np.allclose(null @ null.T, N @ N.T))
    print("A @ null_space ≈ 0:", np.allclose(A @ null, 0), "  Aᵀ @ left_null_space ≈ 0:", np.allclose(A.T @ left, 0))
