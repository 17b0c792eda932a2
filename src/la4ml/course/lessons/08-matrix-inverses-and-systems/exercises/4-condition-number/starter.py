"""Exercise 8.4 — The condition number, and the amplification it bounds.

Write ``condition_number(A, p=2)`` from the singular values (p = 2) or the norms of A and its
inverse, and ``amplification(A, b, db)``, the factor by which a relative change of b is magnified
in the solution of A x = b. Check that amplification never exceeds the 2-norm condition number.
"""

import numpy as np


def condition_number(A, p=2):
    """The condition number ``κ_p(A) = ‖A‖_p ‖A⁻¹‖_p`` of a square matrix.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix.
    p : {2, 1, np.inf, "fro"}, default 2
        Which norm: the 2-norm (largest singular value), the 1-norm (largest column sum of
        absolute values), the infinity norm (largest row sum) or the Frobenius norm.

    Returns
    -------
    kappa : float
        ``κ_p(A) >= 1`` (for ``p = 2``); ``np.inf`` if ``A`` is singular. Equal to
        ``np.linalg.cond(A, p)``.

    Notes
    -----
    For ``p = 2``, ``‖A‖₂ = σ_max`` and ``‖A⁻¹‖₂ = 1 / σ_min``, so ``κ₂ = σ_max / σ_min`` from
    ``np.linalg.svd(A, compute_uv=False)`` — and ``np.inf`` when ``σ_min == 0``. For the other
    norms use ``np.linalg.norm(A, p) * np.linalg.norm(np.linalg.inv(A), p)``, and ``np.inf`` when
    ``np.linalg.inv`` raises ``np.linalg.LinAlgError``. Careful: ``np.linalg.norm(A)`` without
    ``ord`` is the Frobenius norm, not the 2-norm. Do not call ``np.linalg.cond``.

    Examples
    --------
    >>> round(float(condition_number(np.array([[2.0, 0.0], [0.0, 0.5]]))), 12)
    4.0
    """
    # TODO: p == 2 -> singular values; otherwise norms of A and inv(A); singular -> np.inf
    raise NotImplementedError


def amplification(A, b, db):
    """How much a relative change in ``b`` is amplified in the solution of ``A x = b``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        An invertible matrix.
    b : ndarray of shape (n,)
        The right-hand side (not zero).
    db : ndarray of shape (n,)
        The change of the right-hand side.

    Returns
    -------
    ratio : float
        ``(‖dx‖ / ‖x‖) / (‖db‖ / ‖b‖)`` with ``A x = b``, ``A dx = db`` and 2-norms; ``0.0`` if
        ``db`` is zero. At most ``κ₂(A)``, with equality in the worst case.

    Raises
    ------
    ValueError
        If ``b`` is zero (then ``x = 0`` and no relative change is defined).

    Examples
    --------
    >>> A = np.array([[2.0, 0.0], [0.0, 0.5]])
    >>> round(float(amplification(A, np.array([1.0, 0.0]), np.array([0.0, 1e-3]))), 9)
    4.0
    """
    # TODO: x = np.linalg.solve(A, b), dx = np.linalg.solve(A, db), then the ratio of relative changes
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1.0, 1.0], [1.0, 1.0001]])
    b = np.array([2.0, 2.0001])
    db = np.array([0.0, 1e-4])
    print("κ₂ =", condition_number(A), "  np.linalg.cond:", np.linalg.cond(A))
    print("κ₁ =", condition_number(A, 1), "  κ_F =", condition_number(A, "fro"))
    print("amplification:", amplification(A, b, db))
