"""Exercise 24.2 — One Gauss–Newton step, refusing a rank-deficient Jacobian.

Write ``gauss_newton_step(J, r, rtol=None)``: the least-squares solution ``p`` of ``J p = -r`` by
the SVD, raising ``np.linalg.LinAlgError`` when ``J`` has numerical rank below ``n``. Then run this
file to take one step on the lesson's two-point example.
"""

import numpy as np


def gauss_newton_step(J, r, rtol=None):
    """The Gauss–Newton step ``p = argmin ‖r + J p‖``.

    Parameters
    ----------
    J : ndarray of shape (m, n)
        The Jacobian at the current point, one row per residual.
    r : ndarray of shape (m,)
        The residuals at the current point.
    rtol : float, optional
        Relative rank tolerance: a singular value counts only if it is greater than
        ``rtol * σ_max``. Default ``max(m, n) * eps`` with ``eps = np.finfo(float).eps``.

    Returns
    -------
    p : ndarray of shape (n,)
        The step minimizing ``‖r + J p‖`` (equivalently ``JᵀJ p = −Jᵀr``).

    Raises
    ------
    numpy.linalg.LinAlgError
        If fewer than ``n`` singular values of ``J`` exceed ``rtol * σ_max`` (including ``m < n``
        and ``J = 0``): the Gauss–Newton step is not determined.

    Examples
    --------
    >>> J = np.array([[1.0, 0.0], [np.exp(-1), -2 * np.exp(-1)]])
    >>> r = np.array([0.0, 2 * np.exp(-1) - 1])
    >>> p = gauss_newton_step(J, r)
    >>> np.allclose(J @ p, -r)
    True
    """
    # TODO: take the thin SVD of J; count the singular values above rtol * s[0]; raise
    #       np.linalg.LinAlgError if that rank is below n; else return -Vt.T @ ((U.T @ r) / s).
    raise NotImplementedError


if __name__ == "__main__":
    t, y = np.array([0.0, 1.0]), np.array([2.0, 1.0])
    a, k = 2.0, 1.0
    r = a * np.exp(-k * t) - y
    J = np.column_stack([np.exp(-k * t), -a * t * np.exp(-k * t)])
    p = gauss_newton_step(J, r)
    print("step p =", p, " new (a, k) =", np.array([a, k]) + p)
    try:
        gauss_newton_step(np.column_stack([np.exp(-k * t), 0 * t]), r)
    except np.linalg.LinAlgError as err:
        print("at a = 0:", err)
