"""Exercise 5.2 — The Gram matrix and the volume it measures.

Write ``gram_volume(V)``: the Gram matrix of the columns of ``V`` and the volume they span.
"""

import numpy as np


def gram_volume(V):
    """Return the Gram matrix of the columns of ``V`` and the volume they span.

    Parameters
    ----------
    V : ndarray of shape (n, k)
        The k vectors are the columns, each of length n.

    Returns
    -------
    G : ndarray of shape (k, k)
        ``G[i, j] = V[:, i] @ V[:, j]``.
    volume : float
        ``sqrt(det G)``, the k-dimensional volume of the box the k vectors span (an area for
        k = 2, a length for k = 1). 0.0 for dependent vectors, even when rounding makes
        ``det G`` come out slightly negative.

    Examples
    --------
    >>> G, volume = gram_volume(np.array([[2.0, 1.0], [0.0, 3.0]]))  # columns (2, 0) and (1, 3)
    >>> G
    array([[ 4.,  2.],
           [ 2., 10.]])
    >>> round(volume, 12)
    6.0
    """
    # TODO: build G from the columns of V (which product of V and its transpose is k × k?),
    #       then the volume from its determinant, guarding against a tiny negative determinant.
    raise NotImplementedError


if __name__ == "__main__":
    V = np.array([[2.0, 1.0], [0.0, 3.0]])
    G, volume = gram_volume(V)
    print("G =\n", G, "\narea =", volume)
    rng = np.random.default_rng(3)
    P = rng.standard_normal((3, 2))
    D = np.column_stack([P, P @ rng.standard_normal(2)])  # dependent: column 2 mixes columns 0 and 1
    print("det(DᵀD) by NumPy:", np.linalg.det(D.T @ D), " volume:", gram_volume(D)[1])
