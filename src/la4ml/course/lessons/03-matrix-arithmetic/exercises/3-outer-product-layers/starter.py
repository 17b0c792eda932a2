"""Exercise 3.3 — A product as a sum of rank-1 layers.

Write ``outer_product_terms(A, B)`` and ``partial_sum_ranks(A, B)``, then look at how the rank of
the partial sums grows.
"""

import numpy as np


def outer_product_terms(A, B):
    """Return the rank-1 layers of ``A @ B``, one per column of ``A``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    B : ndarray of shape (n, p)

    Returns
    -------
    terms : ndarray of shape (n, m, p)
        ``terms[k]`` is the outer product of column ``k`` of ``A`` with row ``k`` of ``B``;
        ``terms.sum(axis=0)`` equals ``A @ B``.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]]); B = np.array([[5.0, 6.0], [7.0, 8.0]])
    >>> outer_product_terms(A, B)
    array([[[ 5.,  6.],
            [15., 18.]],
    <BLANKLINE>
           [[14., 16.],
            [28., 32.]]])
    """
    # TODO: one np.outer per k, stacked along a new first axis.
    raise NotImplementedError


def partial_sum_ranks(A, B):
    """Return the ranks of the sums of the first 1, 2, ..., n layers of ``A @ B``.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    B : ndarray of shape (n, p)

    Returns
    -------
    list of int
        Element ``r`` is ``np.linalg.matrix_rank`` of ``terms[0] + ... + terms[r]``
        (``n`` numbers; the last is the rank of ``A @ B``).
    """
    # TODO: use outer_product_terms and np.cumsum along the first axis.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((5, 3)), rng.standard_normal((3, 4))
    terms = outer_product_terms(A, B)
    print("layers:", terms.shape, "sum equals A @ B:", np.allclose(terms.sum(axis=0), A @ B))
    print("ranks of the partial sums:", partial_sum_ranks(A, B))
    A[:, 1] = A[:, 0]                                     # two equal columns
    print("with two equal columns of A:", partial_sum_ranks(A, B))
