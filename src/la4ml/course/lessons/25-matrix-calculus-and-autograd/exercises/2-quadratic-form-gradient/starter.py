"""Exercise 25.2 — The gradient and Hessian of xᵀAx for a nonsymmetric A.

Write ``quadratic_form_gradient(A, x)`` returning ``(g, H)``, the gradient and the Hessian of
``f(x) = x @ A @ x``. Then run this file to compare ``g`` with central differences.
"""

import numpy as np


def quadratic_form_gradient(A, x):
    """Gradient and Hessian of the quadratic form ``f(x) = xᵀAx``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix, not necessarily symmetric.
    x : ndarray of shape (n,)
        The point.

    Returns
    -------
    g : ndarray of shape (n,)
        The gradient of ``f`` at ``x``.
    H : ndarray of shape (n, n)
        The Hessian of ``f`` (the same at every ``x``), symmetric.

    Raises
    ------
    ValueError
        If ``A`` is not square or does not match ``x``'s length; the message gives both shapes.

    Examples
    --------
    >>> g, H = quadratic_form_gradient(np.array([[2.0, 1.0], [0.0, 3.0]]), np.array([1.0, -2.0]))
    >>> g
    array([  2., -11.])
    >>> H
    array([[4., 1.],
           [1., 6.]])
    """
    # TODO: check the shapes; then expand (x + d)ᵀA(x + d) and keep the terms linear in d.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    x = np.array([1.0, -2.0])
    g, H = quadratic_form_gradient(A, x)
    h = np.finfo(float).eps ** (1 / 3)
    g_fd = np.array([((x + h * e) @ A @ (x + h * e) - (x - h * e) @ A @ (x - h * e)) / (2 * h) for e in np.eye(2)])
    print("g =", g, "  central differences:", g_fd)
    print("H =\n", H)
