"""Hidden tests of exercise 4.1 — dot_and_angle(u, v) from scratch."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, fail, function, guard_no_dot, last_call, show
from la4ml.vectors import angle_between


def _run(submission, u, v):
    u, v = np.array(u, dtype=float), np.array(v, dtype=float)
    try:
        got = call(function(submission, "dot_and_angle"), u, v)
    except Feedback as fb:
        if "math domain error" in str(fb):
            side = "below -1 (the vectors point in OPPOSITE directions)" if float(np.dot(u, v)) < 0 else "above 1 (the vectors are parallel)"
            fail(f"{fb}\nmath.acos was given a cosine just {side}: rounding makes it like ±1.0000000000000002. "
                 "Clip it at BOTH ends first: cos = max(-1.0, min(1.0, cos)).")
        raise
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (dot, angle) of two numbers.")
    try:
        dot, angle = float(got[0]), float(got[1])
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two numbers: return dot, angle (floats).")
    return dot, angle


def _angle_deg(cos):
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _wrong_angle_hint(u, v, angle):
    """Name the mistake behind a wrong angle, from the angles the usual mistakes give."""
    dot, nu, nv = float(np.dot(u, v)), float(np.linalg.norm(u)), float(np.linalg.norm(v))
    near = lambda cos: math.isclose(angle, _angle_deg(cos), abs_tol=1e-6)  # noqa: E731
    if dot < 0 and near(abs(dot) / (nu * nv)):
        return ("the angle is acute, but u·v < 0 means an OBTUSE angle: do not take the absolute value of the dot "
                "product (or of the cosine)")
    if dot < 0 and math.isclose(angle, 90.0, abs_tol=1e-6):
        return "a negative cosine was clipped to 0: clip to [-1, 1], not [0, 1] (cosines of obtuse angles are negative)"
    if near(dot / (np.abs(u).sum() * np.abs(v).sum())):
        return "the lengths are sums of absolute values; the length in cos θ = u·v / (‖u‖ ‖v‖) is ‖u‖ = sqrt(u·u)"
    if near(dot / ((nu * nv) ** 2)):
        return "you divided by u·u · v·v: the length ‖u‖ is the SQUARE ROOT of u·u"
    if near(dot / nu**2) or near(dot / nv**2):
        return "you divided by the length of one vector twice: divide by ‖u‖ ‖v‖, the lengths of BOTH vectors"
    return None


def _check(submission, u, v, atol_deg=1e-6):
    u, v = np.array(u, dtype=float), np.array(v, dtype=float)
    dot, angle = _run(submission, u, v)
    true_dot, true_angle = float(np.dot(u, v)), angle_between(u, v)
    scale = float(np.linalg.norm(u) * np.linalg.norm(v))  # |u·v| <= ‖u‖ ‖v‖: the dot product's own scale
    if not math.isclose(dot, true_dot, rel_tol=1e-9, abs_tol=1e-12 * scale):
        if math.isclose(dot, true_angle, rel_tol=1e-6) and math.isclose(angle, true_dot, rel_tol=1e-9, abs_tol=1e-12 * scale):
            fail(f"Called {last_call()}; returned ({dot:.6g}, {angle:.6g}): the angle first and the dot product second; "
                 "return them in the order (dot, angle).")
        if np.allclose(dot, u * v):
            fail(f"Called {last_call()}; the dot product is {dot!r}; expected {true_dot:.10g}: add up the products.")
        fail(f"Called {last_call()}; the dot product is {dot:.10g}; expected {true_dot:.10g}, the sum of u[i] * v[i].")
    if math.isnan(angle):
        fail(f"Called {last_call()}; the angle is NaN; expected {true_angle:.6g} degrees. Rounding pushed the cosine "
             "just outside [-1, 1] (for example to 1.0000000000000002), where arccos is undefined: clip it first, "
             "cos = max(-1.0, min(1.0, cos)) or np.clip(cos, -1, 1).")
    if not math.isclose(angle, true_angle, abs_tol=atol_deg):
        if math.isclose(angle, math.radians(true_angle), abs_tol=1e-6):
            fail(f"Called {last_call()}; the angle is {angle:.6g}; expected {true_angle:.6g} degrees. You returned "
                 "radians: convert with math.degrees (or np.degrees).")
        cos = true_dot / (np.linalg.norm(u) * np.linalg.norm(v))
        if math.isclose(angle, cos, abs_tol=1e-6):
            fail(f"Called {last_call()}; the angle is {angle:.6g}, the cosine itself; expected the angle, "
                 f"arccos(cos) = {true_angle:.6g} degrees.")
        hint = _wrong_angle_hint(u, v, angle)
        if hint:
            fail(f"Called {last_call()}; the angle is {angle:.10g} degrees; expected {true_angle:.10g}: {hint}.")
        fail(f"Called {last_call()}; the angle is {angle:.10g} degrees; expected {true_angle:.10g}, "
             "from cos θ = u·v / (‖u‖ ‖v‖).")


def test_hand_example(submission):
    """(3, 1) and (1, 2): dot product 5, angle 45 degrees"""
    _check(submission, [3.0, 1.0], [1.0, 2.0])


def test_perpendicular_and_opposite(submission):
    """perpendicular vectors give dot 0 and 90 degrees; opposite ones give 180 degrees"""
    _check(submission, [3.0, 1.0], [-2.0, 6.0])
    _check(submission, [1.0, 2.0, -1.0], [-2.0, -4.0, 2.0])


def test_parallel_rounding(submission):
    """parallel and antiparallel vectors (cosine rounding to just outside [-1, 1]) give 0 and 180 degrees, not NaN"""
    rng = np.random.default_rng(0)
    cases = [np.array([0.1, -0.5, 0.4])] + [np.round(rng.standard_normal(3), 1) for _ in range(40)]
    for u in cases:
        if not np.any(u):
            continue
        for factor in (3.0, -3.0, 7.0):
            _check(submission, u, factor * u, atol_deg=1e-5)


def test_tiny_and_huge_vectors(submission):
    """vectors of length 1e-9 and 1e9 give the same 45 degrees as (3, 1) and (1, 2): lengths are not compared with a fixed threshold"""
    for su, sv in ((1e-9, 1e-9), (1e9, 1e9), (1e-9, 1e9)):
        u, v = su * np.array([3.0, 1.0]), sv * np.array([1.0, 2.0])
        try:
            _check(submission, u, v)
        except Feedback as fb:
            if "raised ValueError" in str(fb):
                fail(f"{fb}\nThese vectors are not zero, only {'short' if min(su, sv) < 1 else 'long'}: a vector has no "
                     "direction only when it is exactly zero. Test the length with == 0, not against a fixed small "
                     "number such as 1e-8, which depends on the units.")
            raise


def test_high_dimension(submission):
    """works for vectors of length 64 (two flattened 8 × 8 images)"""
    rng = np.random.default_rng(1)
    _check(submission, rng.random(64), rng.random(64))


def _expect_value_error(submission, u, v, because):
    f = function(submission, "dot_and_angle")
    try:
        with np.errstate(all="ignore"):
            got = call(f, np.array(u, dtype=float), np.array(v, dtype=float))
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError with a clear message, because {because}.")
    fail(f"Called {last_call()}; returned {show(got)}; expected a ValueError, because {because}.")


def test_zero_vector(submission):
    """raises ValueError for a zero vector (it has no direction)"""
    _expect_value_error(submission, [0.0, 0.0], [1.0, 2.0], "the zero vector has no direction: its cosine is 0/0")
    _expect_value_error(submission, [1.0, 2.0], [0.0, 0.0], "the zero vector has no direction: its cosine is 0/0")


def test_length_mismatch(submission):
    """raises ValueError for vectors of different lengths"""
    _expect_value_error(submission, [1.0, 2.0, 3.0], [1.0, 2.0],
                        "u has 3 entries and v has 2: the dot product pairs entries one to one (zip would silently drop one)")


def test_from_scratch(submission):
    """computes the dot product from the entries (np.dot, np.inner, np.vdot and @ are blocked)"""
    f = function(submission, "dot_and_angle")
    u, v = guard_no_dot([3.0, 1.0], [1.0, 2.0])
    try:
        got = call(f, u, v)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nBuild the dot product from the entries: sum(a * b for a, b in zip(u, v)) or np.sum(u * v). "
                 "Use np.dot afterwards, to compare.")
        raise
    if not (isinstance(got, tuple) and len(got) == 2 and math.isclose(float(got[0]), 5.0)
            and math.isclose(float(got[1]), 45.0, abs_tol=1e-6)):
        fail(f"Called {last_call()}; returned {show(got)}; expected (5.0, 45.0).")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_property_random(submission, n, seed):
    """on random vectors of length 1 to 6, matches np.dot and la4ml.vectors.angle_between"""
    rng = np.random.default_rng(seed)
    u, v = rng.standard_normal(n), rng.standard_normal(n)
    _check(submission, u, v, atol_deg=1e-5)
