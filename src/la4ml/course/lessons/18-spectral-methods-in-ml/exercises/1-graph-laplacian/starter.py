"""Exercise 18.1 — The graph Laplacian, unnormalized and normalized, from scratch.

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
    # TODO: d = the row sums of A. Unnormalized: np.diag(d) - A. Normalized: divide entry (i, j)
    #       of A by sqrt(d_i) * sqrt(d_j) (use 1 in place of sqrt(0) for isolated nodes), negate,
    #       and put 1 on the diagonal — 0 for isolated nodes.
    raise NotImplementedError


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
