"""Exercise 20.4 — The fast Walsh–Hadamard transform, from scratch (reference solution)."""

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
    y = np.array(x, dtype=float)                  # a copy: x is never modified
    n = y.shape[-1]
    if n == 0 or n & (n - 1):
        raise ValueError(f"the length of x must be a power of two, got {n}; pad x with zeros")
    Y = y.reshape(-1, n)                          # (n_rows, n), a view of y
    h = 1
    while h < n:
        Z = Y.reshape(len(Y), n // (2 * h), 2, h)  # blocks of 2h: halves Z[:, :, 0] and Z[:, :, 1]
        a, b = Z[:, :, 0].copy(), Z[:, :, 1].copy()
        Z[:, :, 0] = a + b
        Z[:, :, 1] = a - b
        h *= 2
    if normalized:
        y /= np.sqrt(n)
    return y


if __name__ == "__main__":
    import scipy.linalg

    x = np.array([1.0, 2.0, 3.0, 4.0])
    print(fwht(x), scipy.linalg.hadamard(4) @ x)
