"""Exercise 11.1 — The SVD from the eigendecomposition of AᵀA, from scratch."""

import numpy as np


def svd_via_eigh(A):
    """Return the thin SVD ``(U, s, Vt)`` of ``A``, computed from ``np.linalg.eigh(A.T @ A)``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A real matrix of full rank ``k = min(m, n)``. Do not modify it.

    Returns
    -------
    U : ndarray of shape (m, k)
        Left singular vectors as columns, ``U[:, i] = A @ Vt[i] / s[i]``.
    s : ndarray of shape (k,)
        Singular values, largest first: square roots of the ``k`` largest eigenvalues of ``AᵀA``.
    Vt : ndarray of shape (k, n)
        Right singular vectors as rows (the eigenvectors of ``AᵀA``, transposed).

    Raises
    ------
    ValueError
        If ``s[-1] <= sqrt(max(m, n) * eps) * s[0]`` (``eps = np.finfo(float).eps``): below that
        level the eigenvalues of ``AᵀA`` are rounding noise, so ``A`` is rank-deficient as far as this
        method can tell. This includes the zero matrix.

    Notes
    -----
    ``np.linalg.eigh`` returns the eigenvalues in ascending order, with the eigenvectors as the
    columns of its second result. Negative eigenvalues of ``AᵀA`` are rounding; clip them at 0
    before taking square roots. Do not call ``np.linalg.svd`` (or any other SVD routine).

    Examples
    --------
    >>> U, s, Vt = svd_via_eigh(np.array([[2.0, 2.0], [-1.0, 2.0]]))
    >>> s
    array([3., 2.])
    >>> np.allclose(U @ np.diag(s) @ Vt, [[2.0, 2.0], [-1.0, 2.0]])
    True
    """
    # TODO: eigh of A.T @ A, largest first, keep k = min(m, n); s = sqrt(clipped eigenvalues);
    #       raise ValueError below the tolerance; U = A @ V / s; return U, s, V.T
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[2.0, 2.0], [-1.0, 2.0]])
    U, s, Vt = svd_via_eigh(A)
    print("s =", s, "(np.linalg.svd:", np.linalg.svd(A, compute_uv=False), ")")
    print("U Σ Vᵀ == A:", np.allclose(U @ np.diag(s) @ Vt, A))
    W = np.array([[1.0, 0.0, 2.0, 1.0, 0.0], [0.0, 3.0, 1.0, 0.0, 1.0]])
    U, s, Vt = svd_via_eigh(W)
    print("wide 2 × 5: shapes", U.shape, s.shape, Vt.shape, " s =", s)
