"""Exercise 18.1 — The graph Laplacian, unnormalized and normalized, from scratch (reference solution).

Write ``graph_laplacian(A, normed=False)``: ``D - A``, or ``I - D^{-1/2} A D^{-1/2}`` with an
isolated node's row and column left at zero. Compare with ``scipy.sparse.csgraph.laplacian``
afterwards.
"""

import numpy as np


def graph_laplacian(A, normed=False):
    """Return the Laplacian of the undirected graph with adjacency matrix ``A``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric, nonnegative weights with a zero diagonal: ``A[i, j]`` is the weight of the
        edge between ``i`` and ``j`` (0 if there is none). Do not modify it.
    normed : bool, default=False
        If False, return ``L = D - A``. If True, return the symmetric normalized Laplacian
        ``I - D^{-1/2} A D^{-1/2}``.

    Returns
    -------
    L : ndarray of shape (n, n)
        Float array. Unnormalized: ``L[i, i] = d_i`` (the degree, the sum of row ``i``) and
        ``L[i, j] = -A[i, j]``. Normalized: ``L[i, i] = 1`` and ``L[i, j] = -A[i, j] / sqrt(d_i d_j)``,
        except that an isolated node (``d_i = 0``) has an all-zero row and column, its diagonal
        entry included (SciPy's convention) — never NaN.

    Examples
    --------
    >>> A = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])  # an edge and an isolated node
    >>> graph_laplacian(A)
    array([[ 1., -1.,  0.],
           [-1.,  1.,  0.],
           [ 0.,  0.,  0.]])
    >>> graph_laplacian(A, normed=True)
    array([[ 1., -1.,  0.],
           [-1.,  1.,  0.],
           [ 0.,  0.,  0.]])
    """
    A = np.asarray(A, dtype=float)
    d = A.sum(axis=1)  # degrees (row sums; A is symmetric, so column sums are the same)
    if not normed:
        return np.diag(d) - A
    isolated = d == 0
    s = np.where(isolated, 1.0, np.sqrt(d))  # sqrt(d_i), or 1 where there is nothing to scale
    # I - D^{-1/2} A D^{-1/2}, with a 0 on the diagonal of an isolated node (a new array: A is untouched)
    return np.diag(np.where(isolated, 0.0, 1.0)) - A / np.outer(s, s)


if __name__ == "__main__":
    import scipy.sparse.csgraph as csgraph

    A = np.zeros((6, 6))
    for i, j in [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)]:
        A[i, j] = A[j, i] = 1.0
    np.set_printoptions(precision=4, suppress=True)
    for normed in (False, True):
        L = graph_laplacian(A, normed=normed)
        print(f"normed={normed}:\n{L}")
        print("equal to scipy.sparse.csgraph.laplacian:", np.allclose(L, csgraph.laplacian(A, normed=normed)))
