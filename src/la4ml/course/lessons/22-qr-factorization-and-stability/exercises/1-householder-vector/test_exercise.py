"""Hidden tests of exercise 22.1 — householder_vector(x) -> (v, alpha), the stable sign, from scratch."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
BLOCKED = ("la4ml.factorizations.householder_vector", "la4ml.factorizations._qr.householder_vector",
           "numpy.linalg.qr", "scipy.linalg.qr")


def _run(submission, x):
    f = function(submission, "householder_vector")
    x = np.array(x, dtype=float)
    try:
        with blocked(*BLOCKED, reason="build the reflector yourself from x and its norm"):
            got = call(f, x)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nBuild u = x + sign(x[0])·‖x‖·e₁ yourself (np.linalg.norm is fine); the point is to choose "
                 "the sign, which a library call would hide.")
        raise
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (v, alpha).")
    v, alpha = got
    try:
        v = np.asarray(v, dtype=float)
        alpha = float(alpha)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected v an array of shape {x.shape} and alpha a number.")
    if v.shape != x.shape:
        fail(f"Called {last_call()}; v has shape {v.shape}; expected {x.shape}, the shape of x.")
    if not np.all(np.isfinite(v)) or not np.isfinite(alpha):
        fail(f"Called {last_call()}; returned v = {show(v)}, alpha = {alpha}: NaN or infinity. "
             + ("For x = 0 return (e₁, 0.0) before dividing by a zero norm." if not x.any() else
                "With the stable sign ‖u‖ ≥ ‖x‖ > 0, so nothing divides by zero: check np.sign(0) (it is 0, not 1)."))
    return x, v, alpha


def _check(submission, x, because=""):
    x, v, alpha = _run(submission, x)
    norm_x = np.linalg.norm(x)
    s = 1.0 if x[0] >= 0 else -1.0
    want_alpha = -s * norm_x
    if abs(np.linalg.norm(v) - 1) > 10 * EPS * len(x):
        fail(f"Called {last_call()}; returned v = {show(v)} of length {np.linalg.norm(v):.6g}; expected a unit vector: "
             "H = I - 2vvᵀ is a reflection only when ‖v‖ = 1. Divide u by its norm.")
    Hx = x - 2 * v * (v @ x)
    below = np.linalg.norm(Hx[1:])
    if below > 10 * len(x) * EPS * norm_x:
        cancel = x[0] - norm_x if x[0] > 0 else x[0] + norm_x
        if abs(v[0]) < 1e-3 and abs(cancel) < 1e-6 * norm_x:
            fail(f"Called {last_call()}; returned v = {show(v)}; then H @ x = {show(Hx)} has entries of size "
                 f"{below:.2g} below the first, not zeros. x is close to the first axis, and your u₁ was computed as "
                 f"x₀ {'-' if x[0] > 0 else '+'} ‖x‖, two nearly equal numbers subtracted: all digits cancel. "
                 "Use the sign of x₀: u₁ = x₀ + sign(x₀)·‖x‖, a sum of numbers of the same sign. " + because)
        fail(f"Called {last_call()}; returned v = {show(v)}, alpha = {alpha:.6g}; then H @ x = x - 2v(v·x) = {show(Hx)}, "
             f"which is not a multiple of e₁ (its entries below the first have norm {below:.3g}). Expected "
             f"v ∝ x + sign(x₀)‖x‖e₁. " + because)
    if abs(alpha - want_alpha) > 10 * EPS * norm_x or abs(Hx[0] - alpha) > 10 * len(x) * EPS * max(norm_x, abs(alpha)):
        if abs(alpha + want_alpha) <= 10 * EPS * norm_x and norm_x > 0:
            fail(f"Called {last_call()}; returned alpha = {alpha:.6g}; expected {want_alpha:.6g} = -sign(x₀)·‖x‖: "
                 f"the reflector built from the stable u sends x to {Hx[0]:.6g}·e₁, the opposite sign of x₀. "
                 "alpha has the wrong sign.")
        fail(f"Called {last_call()}; returned alpha = {alpha:.6g}; expected -sign(x₀)·‖x‖ = {want_alpha:.6g}, the first "
             f"entry of H @ x (which is {Hx[0]:.6g} for your v). " + because)
    return v, alpha


def test_worked_example(submission):
    """x = (3, 4) gives alpha = -5 and H x = (-5, 0), with v ∝ (8, 4)"""
    v, alpha = _check(submission, [3.0, 4.0])
    if not np.allclose(np.abs(v), np.array([8.0, 4.0]) / np.sqrt(80), rtol=0, atol=10 * EPS):
        fail(f"Called {last_call()}; returned v = {show(v)}; expected ±(8, 4)/√80 = ±(0.894, 0.447).")


def test_close_to_e1(submission):
    """x = (1, 1e-9, -2e-9), close to e₁: H x is (-‖x‖, 0, 0) to rounding (no cancellation in u₁)"""
    _check(submission, [1.0, 1e-9, -2e-9])


def test_close_to_minus_e1(submission):
    """x = (-1, 1e-9, 2e-9), close to -e₁: the sign of u₁'s correction follows x₀ (alpha = +‖x‖)"""
    _check(submission, [-1.0, 1e-9, 2e-9], "For x₀ < 0 the stable choice subtracts: u₁ = x₀ - ‖x‖.")


def test_first_entry_zero(submission):
    """x = (0, 2) uses sign(0) = +1: alpha = -2 and H x = (-2, 0)"""
    _check(submission, [0.0, 2.0], "np.sign(0) is 0, not +1: write the sign as 1.0 if x[0] >= 0 else -1.0.")


def test_zero_vector(submission):
    """x = 0 returns (e₁, 0.0) without dividing by zero"""
    x, v, alpha = _run(submission, [0.0, 0.0, 0.0])
    if not (np.allclose(v, [1.0, 0.0, 0.0]) and alpha == 0.0):
        fail(f"Called {last_call()}; returned v = {show(v)}, alpha = {alpha}; expected (e₁, 0.0) = "
             "([1, 0, 0], 0.0): every reflector maps 0 to 0, and the task fixes e₁.")


def test_length_one(submission):
    """x = (5,) gives v = (±1,) and alpha = -5 (a 1 × 1 reflector is -1)"""
    _check(submission, [5.0])
    _check(submission, [-5.0])


def test_scale_invariance(submission):
    """1e-12 · (3, 4, 12) and 1e6 · (3, 4, 12) give the same v as (3, 4, 12) and alpha scaled (no absolute threshold)"""
    v1, a1 = _check(submission, [3.0, 4.0, 12.0])
    for scale in (1e-12, 1e6):
        x, v, alpha = _run(submission, scale * np.array([3.0, 4.0, 12.0]))
        if not np.allclose(v, v1, rtol=0, atol=10 * EPS) or abs(alpha - scale * a1) > 10 * EPS * scale * abs(a1):
            fail(f"Called {last_call()}; returned v = {show(v)}, alpha = {alpha:.6g}; expected v = {show(v1)} (the same "
                 f"as for (3, 4, 12)) and alpha = {scale * a1:.6g}: a vector in other units has the same reflector. "
                 "Test for x = 0 with ‖x‖ == 0, not with a fixed small threshold.")
        _check(submission, scale * np.array([3.0, 4.0, 12.0]))


def test_does_not_modify_x(submission):
    """x is left unchanged (build u in a copy)"""
    f = function(submission, "householder_vector")
    x = np.array([3.0, 4.0, 12.0])
    call(f, x)
    if not np.array_equal(x, [3.0, 4.0, 12.0]):
        fail(f"Called {last_call()}; afterwards x was {show(x)}; expected it unchanged, [3, 4, 12]. `u = x` does not "
             "copy: u[0] += ... then changes x too. Use u = x.copy() (or x.astype(float)).")


ENTRY = st.one_of(st.just(0.0), st.floats(1e-6, 100), st.floats(-100, -1e-6))  # squares never underflow


@given(arrays(np.float64, st.integers(2, 7), elements=ENTRY))
@settings(max_examples=30, deadline=None)
@example(np.array([2.0, 0.0, 0.0]))
@example(np.array([-2.0, 0.0]))
@example(np.array([1e-3, 1.0]))
def test_random_vectors(submission, x):
    """for random x, v is a unit vector and (I - 2vvᵀ)x = -sign(x₀)‖x‖e₁"""
    if not np.any(x):
        return
    _check(submission, x)
