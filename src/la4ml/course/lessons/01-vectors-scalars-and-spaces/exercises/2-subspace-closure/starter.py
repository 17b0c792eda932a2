"""Exercise 1.2 — Is it a subspace? Test the closure rules on a sample.

Write ``closure_checks(contains, points, scalars)``. Then run this file to test two planes in R³.
"""

import numpy as np


def closure_checks(contains, points, scalars):
    """Test the three subspace rules on sample points of a set.

    Parameters
    ----------
    contains : callable
        ``contains(x)`` returns True when the vector ``x`` (shape ``(n,)``) is in the set.
    points : ndarray of shape (m, n)
        Sample vectors that belong to the set, one per row.
    scalars : sequence of float
        The numbers to scale by.

    Returns
    -------
    (contains_zero, closed_under_addition, closed_under_scaling) : tuple of three bool
        ``contains_zero``: the zero vector of length n is in the set.
        ``closed_under_addition``: ``p + q`` is in the set for **every** pair of rows ``p, q``.
        ``closed_under_scaling``: ``c * p`` is in the set for **every** row ``p`` and scalar ``c``.

    Examples
    --------
    >>> plane = lambda x: abs(x.sum()) < 1e-9          # x + y + z = 0
    >>> P = np.array([[1.0, -1.0, 0.0], [2.0, 0.5, -2.5]])
    >>> closure_checks(plane, P, [-2.0, 0.5, 3.0])
    (True, True, True)
    """
    points = np.asarray(points, dtype=float)
    # TODO: test contains() on the zero vector; on p + q for every pair of rows; on c * p for every
    #       row and scalar. Each answer is True only if EVERY test passes. Return the three bools.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A = rng.standard_normal((5, 3))
    through_origin = A - A.mean(axis=1, keepdims=True)  # rows with x + y + z = 0
    shifted = through_origin + 1 / 3  # rows with x + y + z = 1
    scalars = [-2.0, 0.0, 0.5, 3.0]
    print("x+y+z=0:", closure_checks(lambda x: abs(x.sum()) < 1e-9, through_origin, scalars))
    print("x+y+z=1:", closure_checks(lambda x: abs(x.sum() - 1) < 1e-9, shifted, scalars))
