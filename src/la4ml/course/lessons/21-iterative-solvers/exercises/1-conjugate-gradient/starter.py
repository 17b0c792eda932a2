"""Exercise 21.1 — Conjugate gradients from scratch, in SciPy's dialect.

Write ``conjugate_gradient(A, b, x0=None, rtol=1e-5, atol=0.0, maxiter=None)`` returning
``(x, info)`` with the same stopping rule and meaning of ``info`` as ``scipy.sparse.linalg.cg``.
"""

import numpy as np


def conjugate_gradient(A, b, x0=None, rtol=1e-5, atol=0.0, maxiter=None):
    """Solve ``A x = b`` for symmetric positive definite ``A`` by conjugate gradients.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric positive definite (only products ``A @ p`` are needed).
    b : ndarray of shape (n,)
        Right-hand side.
    x0 : ndarray of shape (n,), optional
        Starting guess; zeros when None. Must not be modified.
    rtol, atol : float
        Stop (``info = 0``) at the start of an iteration when
        ``np.linalg.norm(r) < max(rtol * np.linalg.norm(b), atol)``.
    maxiter : int, optional
        Maximum number of iterations, ``10 * n`` when None.

    Returns
    -------
    x : ndarray of shape (n,)
        The last iterate.
    info : int
        ``0`` converged; ``maxiter`` when the iterations ran out; ``-1`` when ``p @ A @ p <= 0``
        (``A`` is not positive definite).

    Notes
    -----
    With ``r = b - A x`` and ``p = r``, each iteration is::

        alpha = (r @ r) / (p @ A @ p)
        x = x + alpha * p
        r_new = r - alpha * (A @ p)
        beta = (r_new @ r_new) / (r @ r)
        p = r_new + beta * p

    A zero ``b`` returns ``(np.zeros(n), 0)`` at once.

    Examples
    --------
    >>> A = np.array([[4.0, 1.0], [1.0, 3.0]])
    >>> x, info = conjugate_gradient(A, np.array([1.0, 2.0]))
    >>> info, np.allclose(x, [1 / 11, 7 / 11])
    (0, True)
    """
    # TODO: copy x0 (or start from zeros), compute the tolerance max(rtol * ||b||, atol), then loop
    #       at most maxiter times: test ||r|| first, then the CG step (return -1 if p @ A p <= 0).
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    print(conjugate_gradient(A, np.array([1.0, 2.0])))
