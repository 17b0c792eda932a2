"""Exercise 3.1 — The matrix product four ways, from scratch.

Write ``matmul(A, B, view)``, computing ``A @ B`` by the entry, column, row or outer-product view,
then compare every view with NumPy's ``A @ B`` on a rectangular example.
"""

import numpy as np


def matmul(A, B, view="entries"):
    """Return the product ``A @ B``, computed by the chosen view of a matrix product.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    B : ndarray of shape (n, p)
    view : {"entries", "columns", "rows", "outer"}, default "entries"
        - ``"entries"``: ``C[i, j] = A[i, :] @ B[:, j]`` (a dot product per entry);
        - ``"columns"``: ``C[:, j] = A @ B[:, j]`` (a matrix-vector product per column);
        - ``"rows"``: ``C[i, :] = A[i, :] @ B`` (a vector-matrix product per row);
        - ``"outer"``: ``C = sum over k of np.outer(A[:, k], B[k, :])`` (a rank-1 layer per k).

    Returns
    -------
    C : ndarray of shape (m, p)
        Equal to ``A @ B`` up to rounding.

    Raises
    ------
    ValueError
        If ``A.shape[1] != B.shape[0]`` (say both shapes in the message), or if ``view`` is
        not one of the four names.

    Notes
    -----
    Never multiply the two whole matrices with ``@``, ``np.dot``, ``np.matmul`` or ``np.einsum``
    inside this function: that is the product you are building.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]]); B = np.array([[5.0, 6.0], [7.0, 8.0]])
    >>> matmul(A, B, "outer")
    array([[19., 22.],
           [43., 50.]])
    """
    # TODO: check the shapes and the view name first (raise ValueError), then build C with a
    #       loop that follows the chosen view.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    for view in ("entries", "columns", "rows", "outer"):
        print(view, np.allclose(matmul(A, B, view), A @ B))
