"""Exercise 18.2 — Out- and in-degrees of a directed graph, and the out-degree Laplacian.

Write ``degrees(A)`` returning ``(out_degree, in_degree)`` and ``out_degree_laplacian(A)``
returning ``D_out - A`` (self-loops ignored), whose rows sum to zero.
"""

import numpy as np


def degrees(A):
    """Return the out-degrees and in-degrees of the directed graph with adjacency ``A``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Nonnegative weights; ``A[i, j]`` is the weight of the edge ``i -> j``. The diagonal
        (self-loops) is ignored. Do not modify ``A``.

    Returns
    -------
    out_degree : ndarray of shape (n,)
        ``out_degree[i]`` = total weight of the edges leaving ``i`` (self-loop excluded).
    in_degree : ndarray of shape (n,)
        ``in_degree[j]`` = total weight of the edges entering ``j`` (self-loop excluded).

    Examples
    --------
    >>> A = np.array([[0.0, 1.0, 1.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])  # 0→1, 0→2, 1→2, 2→0
    >>> degrees(A)
    (array([2., 1., 1.]), array([1., 1., 2.]))
    """
    # TODO: copy A, zero its diagonal, then sum the edges leaving each node (along a row) and
    #       entering each node (down a column). Return a tuple (out_degree, in_degree).
    raise NotImplementedError


def out_degree_laplacian(A):
    """Return ``L = D_out - A`` (self-loops removed) for the directed graph with adjacency ``A``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Nonnegative weights, ``A[i, j]`` for the edge ``i -> j``; the diagonal is ignored.
        Do not modify ``A``.

    Returns
    -------
    L : ndarray of shape (n, n)
        ``L[i, i] = out_degree[i]``, ``L[i, j] = -A[i, j]`` for ``i != j``; ``L @ ones == 0``.
        Equal to ``scipy.sparse.csgraph.laplacian(A, use_out_degree=True)``.

    Examples
    --------
    >>> A = np.array([[0.0, 1.0, 1.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    >>> out_degree_laplacian(A)
    array([[ 2., -1., -1.],
           [ 0.,  1., -1.],
           [-1.,  0.,  1.]])
    """
    # TODO: B = A without its diagonal; return np.diag(out-degrees) - B.
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.sparse.csgraph as csgraph

    A = np.array([[0.0, 1.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0]])  # 0→1, 0→2, 1→2, 2→0, a loop at 1
    out_degree, in_degree = degrees(A)
    print("out-degrees:", out_degree, " in-degrees:", in_degree)
    L = out_degree_laplacian(A)
    print(L)
    print("row sums:", L.sum(axis=1))
    print("equal to SciPy's:", np.allclose(L, csgraph.laplacian(A, use_out_degree=True)))
