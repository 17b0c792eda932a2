"""Exercise 1.1 — A linear combination, from scratch.

Write ``linear_combination(coeffs, vectors)``: scale each row of ``vectors`` by its coefficient and
add them up. Then run this file to compare with NumPy's ``coeffs @ vectors``.
"""

import numpy as np


def linear_combination(coeffs, vectors):
    """Return ``coeffs[0] * vectors[0] + ... + coeffs[k-1] * vectors[k-1]``.

    Parameters
    ----------
    coeffs : array_like of shape (k,)
        One number per vector.
    vectors : array_like of shape (k, n)
        The vectors, one per **row**.

    Returns
    -------
    ndarray of shape (n,)
        The linear combination, a single vector as long as each row.

    Raises
    ------
    ValueError
        If ``len(coeffs)`` differs from the number of rows of ``vectors``; the message says both.

    Examples
    --------
    >>> linear_combination([2.0, -1.0], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    array([ 2., -1.,  1.])
    """
    coeffs = np.asarray(coeffs, dtype=float)
    vectors = np.asarray(vectors, dtype=float)
    # TODO: check that there is one coefficient per row; then start from np.zeros(n) and, in a loop,
    #       add coeffs[i] * vectors[i] to it. Return the total.
    raise NotImplementedError


if __name__ == "__main__":
    coeffs = np.array([2.0, -1.0, 0.5])
    V = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [2.0, 2.0, 0.0]])
    mine = linear_combination(coeffs, V)
    print("from scratch:", mine)
    print("coeffs @ V:  ", coeffs @ V, "-> same:", np.allclose(mine, coeffs @ V))
