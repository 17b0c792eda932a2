"""Exercise 1.3 — Random vectors in high dimension are nearly orthogonal.

Write ``mean_abs_cosine(dims, n_vectors=100, random_state=0)``. Then run this file to see the mean
|cosine| shrink like 1/sqrt(d).
"""

import numpy as np


def mean_abs_cosine(dims, n_vectors=100, random_state=0):
    """Mean absolute cosine between random Gaussian vectors, for each dimension in ``dims``.

    Parameters
    ----------
    dims : sequence of int
        The dimensions to try, e.g. ``[2, 10, 100, 1000]``.
    n_vectors : int, default 100
        How many random vectors to draw in each dimension (at least 2).
    random_state : int, default 0
        Seed of ``np.random.default_rng``, created once for the whole experiment.

    Returns
    -------
    ndarray of shape (len(dims),)
        Entry ``i``: the mean of ``|cos(u, v)|`` over all pairs of *different* vectors ``u, v``
        drawn with standard normal entries in dimension ``dims[i]``.

    Notes
    -----
    A vector's cosine with itself is always 1: leave those pairs out. Cosines lie in [-1, 1]
    because each dot product is divided by both lengths.
    """
    rng = np.random.default_rng(random_state)
    # TODO: for each d: X = rng.standard_normal((n_vectors, d)); scale each row to length 1; the matrix
    #       of all cosines is then U @ U.T; average |cos| over the entries ABOVE the diagonal.
    raise NotImplementedError


if __name__ == "__main__":
    dims = [2, 10, 100, 1000, 10000]
    for d, m in zip(dims, mean_abs_cosine(dims)):
        print(f"d = {d:>5}: mean |cos| = {m:.4f}   1/sqrt(d) = {1 / np.sqrt(d):.4f}")
