"""Exercise 21.2 — Jacobi-preconditioned conjugate gradients.

Write ``jacobi_pcg(A, b, x0=None, rtol=1e-8, maxiter=None)`` returning ``(x, info)``.
"""

import numpy as np


def jacobi_pcg(A, b, x0=None, rtol=1e-8, maxiter=None):
    """Solve SPD ``A x = b`` by CG preconditioned with ``M = diag(A)⁻¹``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric positive definite, with a nonzero diagonal.
    b : ndarray of shape (n,)
        Right-hand side.
    x0 : ndarray of shape (n,), optional
        Starting guess (zeros when None). Must not be modified.
    rtol : float
        Stop (``info = 0``) at the start of an iteration when ``‖r‖ < rtol * ‖b‖``, with the
        plain residual ``r = b − A x``.
    maxiter : int, optional
        Maximum number of iterations, ``10 * n`` when None.

    Returns
    -------
    x : ndarray of shape (n,)
    info : int
        ``0`` converged, ``maxiter`` not converged, ``-1`` when ``p @ A @ p <= 0``.

    Raises
    ------
    ValueError
        If a diagonal entry of ``A`` is zero (message names its index).

    Notes
    -----
    With ``d = np.diag(A)``, ``r = b − A x``, ``z = r / d``, ``p = z``, each iteration is::

        alpha = (r @ z) / (p @ A @ p)
        x = x + alpha * p;  r_new = r − alpha * (A @ p);  z_new = r_new / d
        beta = (r_new @ z_new) / (r @ z);  p = z_new + beta * p

    A zero ``b`` returns zeros and ``info = 0`` at once.

    Examples
    --------
    >>> A = np.array([[4.0, 1.0], [1.0, 3.0]])
    >>> x, info = jacobi_pcg(A, np.array([1.0, 2.0]))
    >>> info, np.allclose(x, np.linalg.solve(A, [1.0, 2.0]))
    (0, True)
    """
    # TODO: d = np.diag(A) (raise ValueError on a zero), then CG with z = r / d in place of r
    #       in rᵀz, in beta, and in the new direction p = z + beta * p.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    print(jacobi_pcg(A, np.array([1.0, 2.0])))
