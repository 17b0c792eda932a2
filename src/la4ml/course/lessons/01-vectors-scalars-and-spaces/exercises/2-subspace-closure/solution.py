"""Exercise 1.2 — Is it a subspace? Test the closure rules on a sample (reference solution)."""

import numpy as np


def closure_checks(contains, points, scalars):
    """Return ``(contains_zero, closed_under_addition, closed_under_scaling)`` tested on the sample."""
    points = np.asarray(points, dtype=float)
    n = points.shape[1]
    contains_zero = bool(contains(np.zeros(n)))
    closed_add = all(bool(contains(p + q)) for p in points for q in points)  # every pair, p = q included
    closed_scale = all(bool(contains(c * p)) for p in points for c in scalars)
    return contains_zero, closed_add, closed_scale


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A = rng.standard_normal((5, 3))
    through_origin = A - A.mean(axis=1, keepdims=True)  # rows with x + y + z = 0
    shifted = through_origin + 1 / 3  # rows with x + y + z = 1
    scalars = [-2.0, 0.0, 0.5, 3.0]
    print("x+y+z=0:", closure_checks(lambda x: abs(x.sum()) < 1e-9, through_origin, scalars))
    print("x+y+z=1:", closure_checks(lambda x: abs(x.sum() - 1) < 1e-9, shifted, scalars))
