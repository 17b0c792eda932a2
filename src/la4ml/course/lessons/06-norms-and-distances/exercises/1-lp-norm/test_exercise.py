"""Hidden tests of exercise 6.1 — lp_norm(x, p=2), from scratch and safe from overflow and underflow."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

X = np.array([3.0, -4.0])  # L1 7, L2 5, L3 91**(1/3), L∞ 4


def _expected(x, p):
    """‖x‖_p computed as s·‖x/s‖_p (np.linalg.norm alone overflows for entries near 1e200)."""
    s = np.abs(x).max()
    return 0.0 if s == 0 else float(s * np.linalg.norm(x / s, p))


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
    expected = _expected(x, p)
    if np.isclose(val, expected, rtol=1e-9, atol=0):
        return
    s = np.abs(x).max()
    if np.isinf(val) and np.isfinite(expected):
        fail(f"Called {last_call()}; returned inf; expected {expected:.10g}, a perfectly ordinary float. Raising "
             f"{s:.3g} to the power {p:g} overflows: divide by s = max|xᵢ| = {s:.3g} first, so that every |xᵢ|/s is "
             "in [0, 1], and multiply the result back by s (‖x‖ₚ = s·‖x/s‖ₚ).")
    if val == 0 and expected > 0:
        fail(f"Called {last_call()}; returned 0.0; expected {expected:.10g}. Raising {s:.3g} to the power {p:g} "
             "underflows to 0: divide by s = max|xᵢ| first, so that the largest term is exactly 1, and multiply "
             "the result back by s (‖x‖ₚ = s·‖x/s‖ₚ).")
    name = {1: "L1", 2: "L2", np.inf: "L∞"}.get(p, f"L{p:g}")
    with np.errstate(all="ignore"):
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
    expect_close(val, expected, rtol=1e-9, atol=0,
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
    """every norm of the zero vector is 0 (no 0/0 from dividing by its largest entry)"""
    for p in (1, 2, 3, np.inf):
        _check(submission, np.zeros(3), p)


def test_no_overflow(submission):
    """(3e200, −4e200) has L1 norm 7e200, L2 5e200, L3 91^(1/3)·1e200, L∞ 4e200: no overflow to inf"""
    for p in (1, 2, 3, np.inf):
        _check(submission, 1e200 * X, p)


def test_no_underflow(submission):
    """(3e-200, −4e-200) has L2 norm 5e-200 and L3 norm 91^(1/3)·1e-200: no underflow to 0"""
    for p in (2, 3):
        _check(submission, 1e-200 * X, p)


def test_large_p(submission):
    """(10, −20, 30) with p = 400: 30^400 overflows, yet the norm is just above 30"""
    _check(submission, [10.0, -20.0, 30.0], 400)


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


@settings(max_examples=30, deadline=None)
@given(
    x=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=8),
    p=st.sampled_from([1, 1.5, 2, 3, 4.5, np.inf]),
    scale=st.sampled_from([1e-250, 1e-100, 1.0, 1e100, 1e250]),
)
def test_property_matches_numpy(submission, x, p, scale):
    """on random vectors at scales 1e-250 to 1e250 and p in {1, 1.5, 2, 3, 4.5, ∞}, matches s·‖x/s‖ₚ from NumPy"""
    _check(submission, scale * np.array(x), p)
