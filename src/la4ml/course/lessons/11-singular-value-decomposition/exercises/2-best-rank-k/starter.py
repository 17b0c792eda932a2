"""Exercise 11.2 — The best rank-k approximation and its Eckart–Young errors."""

import numpy as np


def best_rank_k(A, k):
    """Return the best rank-``k`` approximation of ``A`` and its predicted errors.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A real matrix. Do not modify it.
    k : int
        The rank to keep, ``0 <= k <= min(m, n)``.

    Returns
    -------
    A_k : ndarray of shape (m, n)
        ``σ_1 u_1 v_1ᵀ + … + σ_k u_k v_kᵀ`` (the zero matrix for ``k = 0``, ``A`` for ``k = min(m, n)``).
    spectral_error : float
        ``σ_{k+1}``, which equals ``‖A − A_k‖₂`` (0.0 when ``k = min(m, n)``).
    frobenius_error : float
        ``sqrt(σ_{k+1}² + … + σ_r²)``, which equals ``‖A − A_k‖_F``.

    Raises
    ------
    ValueError
        If ``k < 0`` or ``k > min(m, n)``.

    Examples
    --------
    >>> A_1, spec, frob = best_rank_k(np.diag([3.0, 2.0, 1.0]), 1)
    >>> A_1
    array([[3., 0., 0.],
           [0., 0., 0.],
           [0., 0., 0.]])
    >>> spec, round(frob, 6)
    (2.0, 2.236068)
    """
    # TODO: the thin SVD; keep k triplets (mind that s is 1-D); the errors from s[k:]
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X = load_digits().data                      # (1797, 64)
    for k in (1, 5, 10, 30):
        X_k, spec, frob = best_rank_k(X, k)
        print(f"k = {k:2d}: predicted {spec:8.3f} {frob:8.3f}   measured {np.linalg.norm(X - X_k, 2):8.3f} "
              f"{np.linalg.norm(X - X_k):8.3f}")
