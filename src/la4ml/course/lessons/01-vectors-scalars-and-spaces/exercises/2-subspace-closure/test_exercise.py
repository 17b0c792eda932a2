"""Hidden tests of exercise 1.2 — closure_checks(contains, points, scalars)."""

import numpy as np
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show

# Shrinking a failing example costs seconds per test; the seeded strategies keep examples small anyway.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]

SCALARS = [-2.0, -1.0, 0.0, 0.5, 3.0]
NAMES = ("contains_zero", "closed_under_addition", "closed_under_scaling")


def plane_through_origin(x):
    return abs(x.sum()) < 1e-9


def plane_shifted(x):
    return abs(x.sum() - 1.0) < 1e-9


def two_axes(x):
    return abs(x[0]) < 1e-12 or abs(x[1]) < 1e-12


def first_quadrant(x):
    return bool(np.all(x >= 0))


def integer_grid(x):
    return bool(np.allclose(x, np.round(x)))


def _run(submission, contains, points, scalars=SCALARS):
    f = function(submission, "closure_checks")
    got = call(f, contains, np.array(points, dtype=float), list(scalars))
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of three bools "
             "(contains_zero, closed_under_addition, closed_under_scaling).")
    for name, g in zip(NAMES, got):
        if not isinstance(g, (bool, np.bool_)):
            fail(f"Called {last_call()}; {name} is {show(g)}, a {type(g).__name__}; expected True or False.")
    return tuple(bool(g) for g in got)


def _expect(submission, contains, points, expected, why, scalars=SCALARS):
    got = _run(submission, contains, points, scalars)
    for name, g, e, w in zip(NAMES, got, expected, why):
        if g != e:
            fail(f"Called {last_call()}; returned {got}; {name} should be {e}, because {w}.")


def test_plane_through_origin(submission):
    """the plane x + y + z = 0 in R³ passes all three rules"""
    P = [[1.0, -1.0, 0.0], [2.0, 0.5, -2.5], [-3.0, 1.0, 2.0]]
    _expect(submission, plane_through_origin, P, (True, True, True), (
        "0 + 0 + 0 = 0: ask contains(np.zeros(n)) itself (the zero vector need not be among the sample points)", "if p and q have coordinates summing to 0, so does p + q",
        "if p's coordinates sum to 0, so do those of c·p for every c"))


def test_plane_missing_origin(submission):
    """the plane x + y + z = 1 fails all three rules"""
    P = [[1.0, 0.0, 0.0], [0.5, 0.25, 0.25], [2.0, -2.0, 1.0]]
    _expect(submission, plane_shifted, P, (False, False, False), (
        "the zero vector's coordinates sum to 0, not 1: test contains(np.zeros(n)) itself",
        "p + q has coordinates summing to 1 + 1 = 2",
        "c·p has coordinates summing to c, which is 1 only for c = 1 (and the scalars include -2, 0, 3)"))


def test_union_of_axes(submission):
    """the union of the two axes of R² is closed under scaling but NOT under addition"""
    P = [[1.0, 0.0], [0.0, 1.0], [-2.0, 0.0]]
    _expect(submission, two_axes, P, (True, False, True), (
        "(0, 0) lies on both axes",
        "(1, 0) + (0, 1) = (1, 1) lies on neither axis: test p + q for every PAIR of points (not only p + p), "
        "and require ALL of them to pass (all, not any)",
        "a multiple of a point on an axis stays on that axis"))


def test_first_quadrant(submission):
    """the first quadrant is closed under addition but NOT under scaling by a negative number"""
    P = [[1.0, 2.0], [3.0, 0.0], [0.5, 0.5]]
    _expect(submission, first_quadrant, P, (True, True, False), (
        "(0, 0) has no negative entry",
        "adding two vectors with nonnegative entries keeps them nonnegative",
        "-1·(1, 2) = (-1, -2) leaves the quadrant: closure needs EVERY scalar to work (use all, not any)"))


def test_integer_grid(submission):
    """the integer vectors of R² are closed under addition but not under scaling by 0.5"""
    P = [[1.0, 3.0], [-2.0, 5.0]]
    _expect(submission, integer_grid, P, (True, True, False), (
        "(0, 0) has integer entries", "integer + integer is an integer", "0.5·(1, 3) = (0.5, 1.5) is not integer"))


def test_every_scalar_and_every_pair(submission):
    """closure fails when only the FIRST or only the LAST scalar (or pair) leads out of the set"""
    P = [[1.0, 2.0], [3.0, 0.0]]
    for scalars in ([-1.0, 2.0, 3.0], [2.0, 3.0, -1.0]):
        _expect(submission, first_quadrant, P, (True, True, False), (
            "(0, 0) has no negative entry", "sums of nonnegative vectors stay nonnegative",
            f"-1 is among the scalars {scalars} and -1·(1, 2) leaves the quadrant: test EVERY scalar, the first and "
            "the last included"), scalars=scalars)
    for P in ([[0.0, 1.0], [1.0, 0.0], [2.0, 0.0]], [[1.0, 0.0], [2.0, 0.0], [0.0, 1.0]]):
        _expect(submission, two_axes, P, (True, False, True), (
            "(0, 0) lies on both axes", f"among the points {P}, (1, 0) + (0, 1) = (1, 1) lies on neither axis: test "
            "EVERY pair, the first and the last point included", "a multiple of a point on an axis stays on it"))


def test_zero_not_in_sample(submission):
    """decides contains_zero by calling contains on the zero vector (it is not among the sample points)"""
    seen = []

    def spy(x):
        seen.append(np.array(x, dtype=float).copy())
        return plane_through_origin(x)

    P = [[1.0, -1.0, 0.0], [0.0, 2.0, -2.0]]
    got = _run(submission, spy, P, [2.0])
    if not any(v.shape == (3,) and not v.any() for v in seen):
        fail(f"Called {last_call()}; returned {got}, but contains() was never asked about the zero vector "
             "np.zeros(3). Ask it directly: the zero vector may be in the set without being in the sample.")


def test_asks_about_every_pair(submission):
    """asks contains() about p + q for every pair of different sample points, and c·p for every point and scalar"""
    seen = []

    def spy(x):
        seen.append(np.array(x, dtype=float).copy())
        return plane_through_origin(x)

    P = np.array([[1.0, -1.0, 0.0], [0.0, 2.0, -2.0], [3.0, 0.0, -3.0], [-1.0, -1.0, 2.0]])
    scalars = [2.5, -4.0]
    got = _run(submission, spy, P, scalars)
    asked = np.array(seen) if seen else np.zeros((0, 3))

    def was_asked(v):
        return bool(len(asked)) and bool(np.any(np.all(np.isclose(asked, v), axis=1)))

    for i in range(len(P)):
        for j in range(i + 1, len(P)):
            if not was_asked(P[i] + P[j]):
                fail(f"Called {last_call()}; returned {got}, but contains() was never asked about p + q for rows {i} and "
                     f"{j}, {show(P[i] + P[j])}. Test the sum of EVERY pair of sample points: "
                     "all(contains(p + q) for p in points for q in points).")
        for c in scalars:
            if not was_asked(c * P[i]):
                fail(f"Called {last_call()}; returned {got}, but contains() was never asked about {c:g} × row {i}, "
                     f"{show(c * P[i])}. Test EVERY point with EVERY scalar.")


@settings(max_examples=20, deadline=None, phases=NO_SHRINK)
@given(n=st.integers(2, 5), m=st.integers(2, 5), seed=st.integers(0, 2**32 - 1), shift=st.sampled_from([0.0, 2.0]))
def test_property_hyperplanes(submission, n, m, seed, shift):
    """on random hyperplanes w·x = b: all three rules hold when b = 0 and all three fail when b ≠ 0"""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal(n)
    X = rng.standard_normal((m, n))
    X = X - np.outer((X @ w - shift) / (w @ w), w)  # rows with w·x = shift

    def contains(x):
        return abs(x @ w - shift) < 1e-8 * (1 + np.abs(x).sum() * np.abs(w).max())

    e = shift == 0.0
    _expect(submission, contains, X, (e, e, e), (f"w·0 = 0 {'=' if e else '≠'} {shift}",) * 1 + (
        f"w·(p + q) = {2 * shift}", "w·(c p) = c·b"))
