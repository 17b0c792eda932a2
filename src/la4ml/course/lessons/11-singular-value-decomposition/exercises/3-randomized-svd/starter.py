"""Exercise 11.3 — Randomized SVD from scratch, with power iterations."""

import numpy as np


def randomized_svd(A, k, n_oversamples=10, n_iter=2, seed=0):
    """Return approximations of the ``k`` largest singular triplets of ``A`` by randomized SVD.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A real matrix. Do not modify it.
    k : int
        How many singular triplets, ``1 <= k <= min(m, n)``.
    n_oversamples : int, default 10
        Extra random directions: the sketch has ``l = k + n_oversamples`` columns.
    n_iter : int, default 2
        Power iterations, each a product with ``Aᵀ`` and one with ``A``, re-orthonormalized by QR.
    seed : int, default 0
        Seed of the test matrix: ``Omega = np.random.default_rng(seed).standard_normal((n, l))``.

    Returns
    -------
    U : ndarray of shape (m, k)
        Approximate left singular vectors (orthonormal columns).
    s : ndarray of shape (k,)
        Approximate singular values, largest first.
    Vt : ndarray of shape (k, n)
        Approximate right singular vectors (orthonormal rows).

    Raises
    ------
    ValueError
        If ``k < 1`` or ``k > min(m, n)``.

    Notes
    -----
    ``Q = qr(A Ω)``; then ``n_iter`` times ``Q = qr(Aᵀ Q)``, ``Q = qr(A Q)``; then ``B = Qᵀ A``,
    ``B = Û Σ Vᵀ`` and ``U = Q Û``. ``np.linalg.qr(Y)`` returns ``(Q, R)`` with ``Q`` of shape
    ``(m, min(m, l))``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> A = rng.standard_normal((50, 4)) @ rng.standard_normal((4, 30))      # rank 4
    >>> U, s, Vt = randomized_svd(A, 3)
    >>> np.allclose(s, np.linalg.svd(A, compute_uv=False)[:3])             # rank 4 <= 3 + 10: exact
    True
    """
    # TODO: Omega from the seed; Q = qr(A @ Omega); n_iter re-orthonormalized power iterations;
    #       B = Q.T @ A; the SVD of B; U = Q @ U_hat; return the first k of each
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    Uq, _ = np.linalg.qr(rng.standard_normal((300, 100)))
    Vq, _ = np.linalg.qr(rng.standard_normal((200, 100)))
    s_true = 0.97 ** np.arange(100)                         # a slowly decaying spectrum
    A = (Uq * s_true) @ Vq.T
    for q in (0, 1, 2):
        U, s, Vt = randomized_svd(A, 10, n_iter=q)
        print(f"n_iter = {q}: largest relative error of σ₁..σ₁₀ = {np.max(np.abs(s - s_true[:10]) / s_true[:10]):.2e}")
