"""Exercise 9.3 — The pseudo-inverse from the SVD, with a cut-off.

Write ``pseudo_inverse(A, rtol=None)``: ``A⁺ = V_r diag(1 / σ_1, ..., 1 / σ_r) U_rᵀ``, keeping only
the singular values greater than ``rtol * σ_max``. Compare with ``np.linalg.pinv(A, rtol=None)``
afterwards.
"""

import numpy as np


def pseudo_inverse(A, rtol=None):
    """Return the Moore–Penrose pseudo-inverse of ``A``, computed from its SVD.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A matrix of floats (any shape, any rank).
    rtol : float or None, default None
        Singular values greater than ``rtol * σ_max`` are inverted; all others are treated as
        exactly 0. ``None`` means ``max(m, n) * np.finfo(float).eps``.

    Returns
    -------
    A_pinv : ndarray of shape (n, m)
        ``V_r diag(1 / σ_i) U_rᵀ`` over the kept singular values. It satisfies the Penrose
        conditions ``A A⁺ A = A``, ``A⁺ A A⁺ = A⁺``, ``(A A⁺)ᵀ = A A⁺`` and ``(A⁺ A)ᵀ = A⁺ A``,
        and ``A⁺ b`` is the shortest least-squares solution of ``A x = b``.

    Notes
    -----
    Inverting a singular value that is rounding noise (1e-16 · σ_max) puts entries of order
    1e16 into the result. Do not call ``np.linalg.pinv``, ``scipy.linalg.pinv`` or ``lstsq``.

    Examples
    --------
    >>> pseudo_inverse(np.array([[1.0, 1.0]]))
    array([[0.5],
           [0.5]])
    >>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    >>> np.allclose(pseudo_inverse(A), np.linalg.pinv(A, rtol=None))
    True
    """
    # TODO: U, s, Vh = np.linalg.svd(A, full_matrices=False); keep the singular values above the
    #       cut-off; divide the matching rows of Vh (transposed) by them and multiply by the
    #       matching columns of U, transposed.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    P = pseudo_inverse(A)
    print("matches np.linalg.pinv(A, rtol=None):", np.allclose(P, np.linalg.pinv(A, rtol=None)))
    print("A A⁺ A = A:", np.allclose(A @ P @ A, A), "  A⁺ A A⁺ = A⁺:", np.allclose(P @ A @ P, P))
    b = np.array([1.0, 2.0, 4.0])
    x = P @ b
    print("x = A⁺ b =", x, "  residual |Ax - b| =", np.linalg.norm(A @ x - b))
