"""Exercise 10.2 — Power iteration from scratch, with a stopping rule relative to ‖A‖.

Write ``power_iteration(A, x0, tol, maxiter)`` and ``eigvec_distance(u, v)``, then compare your
dominant eigenvector with ``np.linalg.eigh``'s on the karate club's adjacency matrix.
"""

import numpy as np


def power_iteration(A, x0, tol=1e-10, maxiter=1000):
    """The eigenvalue of largest magnitude of ``A`` and its eigenvector, by power iteration.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A real square matrix whose eigenvalue of largest magnitude is real and strictly larger
        in magnitude than the others.
    x0 : ndarray of shape (n,)
        A nonzero start vector. Do not modify it.
    tol : float, default 1e-10
        Relative tolerance: stop at the first step where ``‖A x - λ x‖ <= tol * ‖A‖_F``.
    maxiter : int, default 1000
        The most steps (products with ``A``).

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``λ = x @ A @ x`` of the returned unit vector ``x``.
    eigenvector : ndarray of shape (n,)
        ``x``, of unit length.
    n_iter : int
        The step ``k`` at which the test passed (1 if ``x0`` is already an eigenvector), or
        ``maxiter`` if it never did.

    Notes
    -----
    ``x = x0 / ‖x0‖``; then for ``k = 1, 2, ..., maxiter``: ``y = A @ x``; ``λ = x @ y``;
    if ``‖y - λ x‖ <= tol * np.linalg.norm(A)``: return ``(λ, x, k)``; else ``x = y / ‖y‖``.

    Do not call ``np.linalg.eig``, ``eigh``, ``eigvals`` or ``eigvalsh`` (or SciPy's).

    Examples
    --------
    >>> lam, v, n_iter = power_iteration(np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([1.0, 0.0]))
    >>> round(lam, 10), v.round(6), n_iter
    (3.0, array([0.707107, 0.707107]), 22)
    """
    # TODO: normalize x0 into a new array, then loop k = 1..maxiter: y = A @ x, λ = x @ y,
    #       residual = ‖y - λx‖; return (λ, x, k) when residual <= tol * np.linalg.norm(A);
    #       else x = y / ‖y‖. After the loop, return the last (λ, x, maxiter).
    raise NotImplementedError


def eigvec_distance(u, v):
    """How far apart the directions of ``u`` and ``v`` are, ignoring sign.

    Parameters
    ----------
    u, v : ndarray of shape (n,)
        Nonzero vectors (any length).

    Returns
    -------
    distance : float
        ``min(‖û - v̂‖, ‖û + v̂‖)`` with ``û = u / ‖u‖`` and ``v̂ = v / ‖v‖``: 0 when ``u`` and
        ``v`` are parallel (same or opposite sign), ``√2`` when they are perpendicular.

    Raises
    ------
    ValueError
        If ``u`` or ``v`` is the zero vector (it has no direction).

    Examples
    --------
    >>> eigvec_distance(np.array([1.0, 0.0]), np.array([-3.0, 0.0]))
    0.0
    """
    # TODO: normalize both (raise ValueError for a zero norm), return the smaller of the two distances.
    raise NotImplementedError


if __name__ == "__main__":
    import networkx as nx

    A = nx.to_numpy_array(nx.karate_club_graph(), weight=None)
    lam, v, n_iter = power_iteration(A, np.ones(len(A)))
    w, Q = np.linalg.eigh(A)
    print(f"power iteration: λ = {lam:.12f} after {n_iter} steps; eigh: {w[-1]:.12f}")
    print("distance to eigh's eigenvector (up to sign):", eigvec_distance(v, Q[:, -1]))
