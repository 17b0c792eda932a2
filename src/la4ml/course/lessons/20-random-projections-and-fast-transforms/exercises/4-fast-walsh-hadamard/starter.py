"""Exercise 20.4 — The fast Walsh–Hadamard transform, from scratch.

Write ``fwht(x, normalized=False)``: ``H_n x`` by ``log2(n)`` passes of sums and differences.
"""

import numpy as np


def fwht(x, normalized=False):
    """The Walsh–Hadamard transform of ``x`` (of every row of ``x`` if it is 2-D), in O(n log n).

    Parameters
    ----------
    x : array_like of shape (n,) or (n_rows, n)
        Real values; ``n`` must be a power of two. Do not modify it.
    normalized : bool, default False
        Divide by ``sqrt(n)``, making the transform orthogonal.

    Returns
    -------
    y : ndarray of float, the shape of ``x``
        ``scipy.linalg.hadamard(n) @ x`` (row by row: ``x @ H``), divided by ``sqrt(n)`` if
        ``normalized``.

    Raises
    ------
    ValueError
        If ``n`` is not a power of two.

    Examples
    --------
    >>> fwht([1, 2, 3, 4])
    array([10., -2., -4.,  0.])
    >>> fwht([1, 2, 3, 4], normalized=True)
    array([ 5., -1., -2.,  0.])
    """
    # TODO: copy x to a float array, check n, then for h = 1, 2, 4, ... replace each pair of
    #       blocks (a, b) of length h by (a + b, a - b); normalize at the end if asked.
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.linalg

    x = np.array([1.0, 2.0, 3.0, 4.0])
    print(fwht(x), scipy.linalg.hadamard(4) @ x)
