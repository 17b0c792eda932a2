"""Exercise 25.3 — Gradients with respect to a weight matrix: tr(AW) and ‖XW − Y‖²_F.

Write ``matrix_gradients(A, X, Y, W)`` returning the gradients of ``tr(A @ W)`` and of
``np.sum((X @ W - Y) ** 2)`` with respect to ``W``. Then run this file to compare them with
``torch.autograd``.
"""

import numpy as np


def matrix_gradients(A, X, Y, W):
    """Gradients of ``tr(AW)`` and ``‖XW − Y‖²_F`` with respect to ``W``.

    Parameters
    ----------
    A : ndarray of shape (k, q)
    X : ndarray of shape (m, q)
    Y : ndarray of shape (m, k)
    W : ndarray of shape (q, k)

    Returns
    -------
    G_trace : ndarray of shape (q, k)
        The gradient of ``np.trace(A @ W)`` with respect to ``W``.
    G_fit : ndarray of shape (q, k)
        The gradient of ``np.sum((X @ W - Y) ** 2)`` with respect to ``W``.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0, 3.0]])                      # k = 1, q = 3
    >>> X, Y, W = np.eye(3), np.zeros((3, 1)), np.ones((3, 1))
    >>> G_trace, G_fit = matrix_gradients(A, X, Y, W)
    >>> G_trace.ravel(), G_fit.ravel()
    (array([1., 2., 3.]), array([2., 2., 2.]))
    """
    # TODO: write tr(AW) as a sum over entries to see which A entry multiplies W[j, i];
    #       expand ‖X(W + D) − Y‖²_F and keep the terms linear in D.
    raise NotImplementedError


if __name__ == "__main__":
    import torch

    rng = np.random.default_rng(0)
    m, q, k = 6, 4, 2
    A, X, Y, W = (rng.standard_normal(s) for s in [(k, q), (m, q), (m, k), (q, k)])
    G_trace, G_fit = matrix_gradients(A, X, Y, W)
    Wt = torch.tensor(W, requires_grad=True)
    torch.trace(torch.tensor(A) @ Wt).backward()
    print("tr(AW):     shape", G_trace.shape, " matches autograd:", np.allclose(G_trace, Wt.grad.numpy()))
    Wt.grad = None
    torch.sum((torch.tensor(X) @ Wt - torch.tensor(Y)) ** 2).backward()
    print("‖XW−Y‖²_F:  shape", G_fit.shape, " matches autograd:", np.allclose(G_fit, Wt.grad.numpy()))
