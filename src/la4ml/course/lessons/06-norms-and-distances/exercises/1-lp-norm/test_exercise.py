"""Hidden tests of exercise 6.1 — lp_norm(x, p=2), from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

X = np.array([3.0, -4.0])  # L1 7, L2 5, L3 91**(1/3), L∞ 4


def _norms(x):
    a = np.abs(x)
    return {"L1": a.sum(), "L2": np.sqrt((a**2).sum()), "squared L2": (a**2).sum(), "L∞": a.max(),
            "signed sum": x.sum(), "signed max": x.max()}


def _check(submission, x, p):
    x = np.array(x, dtype=float)
    got = call(function(submission, "lp_norm"), x, p)
    try:
        val = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a single number (a float).")
    expected = float(np.linalg.norm(x, p))
    if np.isclose(val, expected, rtol=1e-9, atol=1e-12):
        return
    name = {1: "L1", 2: "L2", np.inf: "L∞"}.get(p, f"L{p:g}")
    others = {k: v for k, v in _norms(x).items() if k != name and not np.isclose(v, expected)}
    for k, v in others.items():
        if np.isclose(val, v, rtol=1e-9):
            if {k, name} == {"L1", "L2"}:
                fail(f"Called {last_call()}; returned {val:.10g}, the {k} norm; expected the {name} norm {expected:.10g}. "
                     "L1 and L2 are swapped: L1 is the sum of absolute values, L2 the square root of the sum of squares.")
            if k == "squared L2":
                fail(f"Called {last_call()}; returned {val:.10g} = Σ xᵢ², the SQUARED L2 norm; expected {expected:.10g}: "
                     "take the p-th root (here the square root) of the sum.")
            if k.startswith("signed"):
                fail(f"Called {last_call()}; returned {val:.10g}; expected {expected:.10g}: take absolute values first "
                     f"(np.abs), or the negative entries of {show(x)} cancel the positive ones.")
            fail(f"Called {last_call()}; returned {val:.10g}, the {k} norm; expected the {name} norm {expected:.10g}.")
    if np.isnan(val):
        fail(f"Called {last_call()}; returned nan; expected {expected:.10g}. A negative entry raised to the power p "
             "gives a negative (or complex) result: take np.abs(x) before raising to the power p"
             + (", and handle p = np.inf with np.max(np.abs(x))." if p == np.inf else "."))
    expect_close(val, expected, rtol=1e-9, atol=1e-12,
                 because=f"the {name} norm of {show(x)} is (Σ|xᵢ|^p)^(1/p)" if p != np.inf else "the L∞ norm is max |xᵢ|")


def test_l1(submission):
    """L1 norm of (3, −4) is 7 (the sum of absolute values)"""
    _check(submission, X, 1)


def test_l2(submission):
    """L2 norm of (3, −4) is 5 (the square root of the sum of squares)"""
    _check(submission, X, 2)


def test_default_is_l2(submission):
    """p defaults to 2"""
    got = call(function(submission, "lp_norm"), X.copy())
    expect_close(got, 5.0, because="the default p = 2 is the Euclidean length")


def test_linf(submission):
    """L∞ norm of (3, −4) is 4 (the largest ABSOLUTE value)"""
    _check(submission, X, np.inf)


def test_l3_odd_power(submission):
    """L3 norm of (3, −4) is 91^(1/3) ≈ 4.498 (absolute values before an odd power)"""
    _check(submission, X, 3)


def test_fractional_p(submission):
    """L1.5 norm of (1, −2, 0.5, 0) matches NumPy"""
    _check(submission, [1.0, -2.0, 0.5, 0.0], 1.5)


def test_zero_vector(submission):
    """every norm of the zero vector is 0"""
    for p in (1, 2, 3, np.inf):
        _check(submission, np.zeros(3), p)


def test_from_scratch(submission):
    """computes the norm itself: still works when np.linalg.norm, scipy.linalg.norm and torch.linalg.norm are blocked"""
    library = ("numpy.linalg.norm", "scipy.linalg.norm", "torch.linalg.norm", "torch.linalg.vector_norm", "torch.norm")
    with blocked(*library, reason="the norm must come from its formula"):
        try:
            got = call(function(submission, "lp_norm"), X.copy(), 3)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to compute the norm from its formula; use np.linalg.norm only to compare, "
                     "outside lp_norm.")
            raise
    expect_close(got, 91 ** (1 / 3), rtol=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    x=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=8),
    p=st.sampled_from([1, 1.5, 2, 3, 4.5, np.inf]),
)
def test_property_matches_numpy(submission, x, p):
    """on random vectors and p in {1, 1.5, 2, 3, 4.5, ∞}, matches np.linalg.norm(x, p)"""
    _check(submission, x, p)
