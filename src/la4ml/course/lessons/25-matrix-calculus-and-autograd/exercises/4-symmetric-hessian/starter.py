"""Exercise 25.4 — A Hessian from a gradient, by central differences, symmetrized.

Write ``symmetric_hessian(grad, x)``: central differences of the gradient function ``grad`` with
the step ``eps ** (1/3) * max(1, |x_j|)``, symmetrized. Then run this file to check it on a
logistic loss.
"""

import numpy as np


def symmetric_hessian(grad, x):
    """The Hessian ``H[i, j] ≈ ∂²f/∂x_i∂x_j`` from the gradient ``grad`` of ``f``, symmetrized.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` takes an ndarray of shape (n,) and returns the gradient of ``f``, shape (n,).
    x : ndarray of shape (n,)
        The point (floats). Must not be modified.

    Returns
    -------
    H : ndarray of shape (n, n)
        ``½(J + Jᵀ)`` where column ``j`` of ``J`` is ``(grad(x + h_j e_j) - grad(x - h_j e_j)) / (2 h_j)``
        and ``h_j = eps ** (1/3) * max(1, |x_j|)``; exactly symmetric.

    Examples
    --------
    >>> A = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> H = symmetric_hessian(lambda v: (A + A.T) @ v, np.array([1.0, -2.0]))   # f = xᵀAx
    >>> np.allclose(H, A + A.T, rtol=1e-9), bool((H == H.T).all())
    (True, True)
    """
    # TODO: fill column j of an (n, n) array with the central difference of grad along x_j
    #       (perturb copies of x), then return the symmetric part ½(H + Hᵀ).
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((50, 3)), rng.integers(0, 2, 50)
    sigmoid = lambda z: 1 / (1 + np.exp(-z))
    grad = lambda w: X.T @ (sigmoid(X @ w) - y) / len(y)
    w = np.array([0.5, -1.0, 0.2])
    p = sigmoid(X @ w)
    H_exact = X.T @ (X * (p * (1 - p))[:, None]) / len(y)
    H = symmetric_hessian(grad, w)
    print("H =\n", H)
    print("max |H - H_exact| =", np.abs(H - H_exact).max(), "  symmetric:", bool((H == H.T).all()))
