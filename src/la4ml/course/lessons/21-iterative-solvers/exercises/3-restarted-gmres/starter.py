"""Exercise 21.3 — Restarted GMRES(m) from scratch.

Write ``gmres_restarted(A, b, restart=20, rtol=1e-8, maxiter=None)`` returning ``(x, info)``.
"""

import numpy as np


def gmres_restarted(A, b, restart=20, rtol=1e-8, maxiter=None):
    """Solve ``A x = b`` (any nonsingular square ``A``) by GMRES restarted every ``restart`` steps.

    Parameters
    ----------
    A : ndarray of shape (n, n)
    b : ndarray of shape (n,)
    restart : int
        Arnoldi steps per cycle (``k = min(restart, n)``); the basis holds at most ``k + 1`` vectors.
    rtol : float
        Converged when ``‖b − A x‖ < rtol * ‖b‖``.
    maxiter : int, optional
        Number of restart cycles, ``10 * n`` when None.

    Returns
    -------
    x : ndarray of shape (n,)
    info : int
        ``0`` converged, ``maxiter`` not converged.

    Notes
    -----
    One cycle, from the current ``x``::

        r = b - A @ x;  beta = ||r||;  stop with info 0 if beta < rtol * ||b||
        V[:, 0] = r / beta
        for j in range(k):                      # Arnoldi, modified Gram-Schmidt
            w = A @ V[:, j]
            for i in range(j + 1):
                H[i, j] = V[:, i] @ w;  w = w - H[i, j] * V[:, i]
            H[j + 1, j] = ||w||
            if H[j + 1, j] <= n * eps * ||A @ V[:, j]||: keep j + 1 columns and stop the cycle
            V[:, j + 1] = w / H[j + 1, j]
        y = least-squares solution of H[:j+2, :j+1] y = beta * e1
        x = x + V[:, :j+1] @ y

    Examples
    --------
    >>> A = np.array([[3.0, 1.0], [-1.0, 2.0]])
    >>> x, info = gmres_restarted(A, np.array([1.0, 0.0]))
    >>> info, np.allclose(A @ x, [1.0, 0.0])
    (0, True)
    """
    # TODO: loop over cycles; in each, build the Arnoldi basis V and Hessenberg H from r,
    #       solve the small least-squares problem, update x, and start the next cycle afresh.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[3.0, 1.0], [-1.0, 2.0]])
    print(gmres_restarted(A, np.array([1.0, 0.0])))
