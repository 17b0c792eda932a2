"""Hidden tests of exercise 4.4 — project_onto(x, u): scalar and vector projection."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, expect_close, fail, function, last_call, show


def _run(submission, x, u):
    x, u = np.array(x, dtype=float), np.array(u, dtype=float)
    got = call(function(submission, "project_onto"), x, u)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (scalar, vector).")
    try:
        scalar = float(got[0])
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; the first value is {show(got[0])}; expected one number, the scalar projection "
             "x·u / ‖u‖ (did you return (vector, scalar)?).")
    try:
        vector = np.asarray(got[1], dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; the second value is {show(got[1])}; expected the vector projection, an array.")
    if vector.shape != x.shape:
        fail(f"Called {last_call()}; the vector projection has shape {vector.shape}; expected {x.shape}, like x and u.")
    return scalar, vector


def _check(submission, x, u):
    x, u = np.array(x, dtype=float), np.array(u, dtype=float)
    scalar, vector = _run(submission, x, u)
    xu, uu = x @ u, u @ u
    true_scalar, true_vector = xu / np.sqrt(uu), (xu / uu) * u
    atol = 1e-12 * np.sqrt(x @ x)  # |scalar| and ‖vector‖ are at most ‖x‖: tolerances in x's units
    if not np.isclose(scalar, true_scalar, rtol=1e-9, atol=atol):
        if np.isclose(scalar, abs(true_scalar), rtol=1e-9) and true_scalar < 0:
            fail(f"Called {last_call()}; the scalar projection is {scalar:.6g}; expected {true_scalar:.6g}. It is "
                 "SIGNED: the angle between x and u is more than 90 degrees, so the shadow falls on the negative side.")
        if np.isclose(scalar, xu / np.sqrt(x @ x), rtol=1e-9):
            fail(f"Called {last_call()}; the scalar projection is {scalar:.6g} = x·u / ‖x‖; expected x·u / ‖u‖ = "
                 f"{true_scalar:.6g} (divide by the length of the vector you project ONTO).")
        if np.isclose(scalar, xu / uu, rtol=1e-9):
            fail(f"Called {last_call()}; the scalar projection is {scalar:.6g} = x·u / u·u, the coefficient of u; the "
                 f"signed LENGTH of the shadow is x·u / ‖u‖ = {true_scalar:.6g}.")
        if np.isclose(scalar, xu * np.sqrt(uu), rtol=1e-9):
            fail(f"Called {last_call()}; the scalar projection is {scalar:.6g} = (x·u) ‖u‖; expected x·u / ‖u‖ = "
                 f"{true_scalar:.6g}: DIVIDE by the length of u (u / ‖u‖ is the unit vector).")
        fail(f"Called {last_call()}; the scalar projection is {scalar:.10g}; expected x·u / ‖u‖ = {true_scalar:.10g}.")
    if not np.allclose(vector, true_vector, rtol=1e-9, atol=atol):
        if np.allclose(vector, (xu / np.sqrt(uu)) * u, rtol=1e-9):
            fail(f"Called {last_call()}; the vector projection is {show(vector)}, ‖u‖ times too long; expected "
                 f"{show(true_vector)}. Divide x·u by u·u = ‖u‖², not by ‖u‖: one ‖u‖ makes the length, the other "
                 "makes u a unit vector.")
        if x @ x > 0 and np.allclose(vector, (xu / (x @ x)) * x, rtol=1e-9):
            fail(f"Called {last_call()}; returned the projection of u onto x; expected the projection of x onto u, "
                 f"{show(true_vector)} (a multiple of u).")
        if np.allclose(vector, (xu / uu) * x, rtol=1e-9, atol=atol):
            fail(f"Called {last_call()}; the vector projection is {show(vector)}, a multiple of x; expected "
                 f"{show(true_vector)}: the shadow lies on the line through u, so it is (x·u / u·u) times u.")
        expect_close(vector, true_vector, rtol=1e-9, atol=atol, what="the vector projection",
                     because="it is (x·u / u·u) u")
    residual = x - vector
    if abs(residual @ u) > 1e-8 * max(1.0, np.sqrt(x @ x) * np.sqrt(uu)):
        fail(f"Called {last_call()}; the residual x - vector is not perpendicular to u (dot product {residual @ u:.3g}).")
    return scalar, vector


def test_hand_example(submission):
    """x = (3, 1) onto u = (1, 2): scalar √5, vector (1, 2)"""
    _check(submission, [3.0, 1.0], [1.0, 2.0])


def test_long_u(submission):
    """the result does not depend on the length of u: (2, 3) onto (4, 0) gives scalar 2, vector (2, 0)"""
    _check(submission, [2.0, 3.0], [4.0, 0.0])
    _check(submission, [2.0, 3.0], [0.5, 0.0])


def test_obtuse(submission):
    """an obtuse angle gives a NEGATIVE scalar projection: (-3, 1) onto (1, 0) gives -3"""
    _check(submission, [-3.0, 1.0], [1.0, 0.0])
    _check(submission, [1.0, -2.0, 0.5], [2.0, 2.0, 1.0])


def test_tiny_and_huge_u(submission):
    """u of length 1e-9 or 1e9 spans the same line: (3, 1) onto 1e-9·(1, 2) and onto 1e9·(1, 2) both give √5 and (1, 2)"""
    for scale in (1e-9, 1e9):
        try:
            _check(submission, [3.0, 1.0], scale * np.array([1.0, 2.0]))
        except Feedback as fb:
            if "raised ValueError" in str(fb):
                fail(f"{fb}\nu = {scale:g}·(1, 2) is not the zero vector: it spans the same line as (1, 2). Raise only "
                     "when u·u == 0 exactly, not when the length is below a fixed threshold (that depends on units).")
            raise
    _check(submission, [3e6, -1e6, 2e6], [1e-6, 2e-6, 2e-6])  # x in millions, u in millionths


def test_perpendicular(submission):
    """a vector perpendicular to u projects to zero"""
    _check(submission, [2.0, -1.0], [1.0, 2.0])


def test_zero_u(submission):
    """raises ValueError when u is the zero vector"""
    f = function(submission, "project_onto")
    try:
        with np.errstate(all="ignore"):
            got = call(f, np.array([1.0, 2.0]), np.zeros(2))
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError with a clear message: the zero vector spans no line (u·u = 0).")
    fail(f"Called {last_call()}; returned {show(got)}; expected a ValueError, because the zero vector spans no line "
         "to project on (u·u = 0).")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1))
def test_property_projection(submission, n, seed):
    """on random x and u: vector is a multiple of u, the residual is perpendicular to u, and projecting twice changes nothing"""
    rng = np.random.default_rng(seed)
    x, u = rng.standard_normal(n) * 3, rng.standard_normal(n) * rng.uniform(0.1, 10)
    scalar, vector = _check(submission, x, u)
    s2, v2 = _run(submission, vector, u)
    expect_close(v2, vector, rtol=1e-9, atol=1e-9, what="the projection of the projection",
                 because="a vector already on the line is its own projection")
