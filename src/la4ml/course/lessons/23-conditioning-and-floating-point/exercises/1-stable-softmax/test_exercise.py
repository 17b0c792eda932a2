"""Hidden tests of exercise 23.1 — row-wise softmax(Z) and log_softmax(Z), stable for logits of ±1000 and beyond."""

import numpy as np
import scipy.special
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("scipy.special.softmax", "scipy.special.log_softmax", "scipy.special.logsumexp",
           "torch.softmax", "torch.log_softmax", "torch.logsumexp", "torch.nn.functional.softmax",
           "torch.nn.functional.log_softmax")


def _get(submission, name, Z):
    Z = np.array(Z, dtype=float)
    Z0 = Z.copy()
    with blocked(*LIBRARY, reason="build it from np.exp, np.log and np.max"):
        try:
            got = call(function(submission, name), Z)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for {name} from scratch with NumPy; use SciPy only to compare, outside it.")
            raise
    if not np.array_equal(Z, Z0):
        fail(f"Called {last_call()}; it changed its input Z (in place, e.g. Z -= Z.max(...)); work on a new array "
             "(Z - Z.max(axis=1, keepdims=True)) so the caller's logits stay as they were.")
    if got is None:
        fail(f"Called {last_call()}; returned None. Did you forget `return`?")
    arr = np.asarray(got, dtype=float)
    if arr.shape != Z.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {Z.shape}, the shape of Z (one "
             "probability per logit). Use keepdims=True in the row max and the row sum so they broadcast.")
    return arr


def _diagnose_softmax(Z, P):
    """Name the mistake behind a wrong softmax P of Z."""
    ref = scipy.special.softmax(Z, axis=1)
    if np.isnan(P).any():
        big = np.abs(Z).max()
        return (f"it contains nan. With logits as large as {big:g}, exp overflows to inf (above 709.78) or underflows "
                "to 0 (below -745), giving inf/inf or 0/0. Subtract each row's LARGEST logit before exponentiating: "
                "every exponent is then <= 0 and the largest term is exp(0) = 1.")
    if np.allclose(P.sum(axis=0), 1, rtol=1e-9) and not np.allclose(P.sum(axis=1), 1, rtol=1e-9):
        return "its COLUMNS sum to 1: you normalized over axis=0 (the samples). Each ROW is a sample: use axis=1."
    if not np.allclose(P.sum(axis=1), 1, rtol=1e-9) and np.isclose(P.sum(), 1, rtol=1e-9):
        return "all its entries together sum to 1: normalize each row separately (sum(axis=1, keepdims=True))."
    return "it is not exp(Z[i, j]) / Σ_k exp(Z[i, k]) row by row."


def _check_softmax(submission, Z, because):
    Z = np.array(Z, dtype=float)
    P = _get(submission, "softmax", Z)
    ref = scipy.special.softmax(Z, axis=1)
    if not np.allclose(P, ref, rtol=16 * EPS * (1 + np.abs(Z).max()), atol=1e-300):
        fail(f"Called {last_call()}; returned {show(P)}; expected {show(ref)} ({because}); {_diagnose_softmax(Z, P)}")


def _check_log_softmax(submission, Z, because):
    Z = np.array(Z, dtype=float)
    L = _get(submission, "log_softmax", Z)
    ref = scipy.special.log_softmax(Z, axis=1)
    tol = 16 * EPS * (1 + np.abs(Z).max())
    if np.allclose(L, ref, rtol=0, atol=tol):
        return
    if np.isneginf(L).any() and np.isfinite(ref).all():
        fail(f"Called {last_call()}; returned {show(L)} with -inf; expected {show(ref)} ({because}). A -inf is "
             "log(0): you computed the log of a probability that underflowed (np.log(softmax(Z)), or exp of a "
             "very negative number). Compute Z - logsumexp(Z) instead, never forming the tiny probability.")
    if np.isnan(L).any() or np.isposinf(L).any():
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(ref)} ({because}). exp overflowed: "
             "compute the log-sum-exp as m + log(sum(exp(Z - m))) with m the row maximum.")
    shift = L - ref
    if np.allclose(shift, shift[:, :1], atol=tol) and not np.allclose(shift, 0, atol=tol):
        m = Z.max(axis=1, keepdims=True)
        hint = (" The shift equals each row's maximum: you subtracted log Σ exp(Z - m) but forgot to add m back "
                "(logsumexp(Z) = m + log Σ exp(Z - m))." if np.allclose(shift, m, atol=tol) else
                " Each row is off by a constant: log_softmax is Z minus the FULL log-sum-exp of the row.")
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(ref)} ({because}); every row of yours is "
             f"shifted by {show(shift[:, 0])}.{hint}")
    fail(f"Called {last_call()}; returned {show(L)}; expected {show(ref)} ({because}): log_softmax(Z)[i, j] = "
         "Z[i, j] - log Σ_k exp(Z[i, k]), row by row.")




def test_softmax_by_hand(submission):
    """softmax([[0, 0], [0, log 3]]) is [[0.5, 0.5], [0.25, 0.75]]"""
    _check_softmax(submission, [[0.0, 0.0], [0.0, np.log(3.0)]], "equal logits share the probability; a logit "
                   "larger by log 3 is 3 times as likely")


def test_softmax_logits_1000(submission):
    """softmax of the logits [1000, 1001, 1002] is finite: [0.090, 0.245, 0.665], not nan"""
    _check_softmax(submission, [[1000.0, 1001.0, 1002.0]], "softmax only depends on differences of logits, so it "
                   "equals softmax([0, 1, 2])")


def test_softmax_logits_minus_1000(submission):
    """softmax of [-1000, -1001] equals softmax of [0, -1], not 0/0 = nan"""
    _check_softmax(submission, [[-1000.0, -1001.0]], "exp(-1000) underflows to 0 in float64, but the probabilities "
                   "only depend on the difference of the logits")


def test_softmax_rows_at_different_scales(submission):
    """each row is normalized with its own maximum: rows [1000, 999, 0] and [0, 1, 2] of a 2 × 3 batch"""
    _check_softmax(submission, [[1000.0, 999.0, 0.0], [0.0, 1.0, 2.0]], "each row is one sample's distribution, "
                   "normalized with its own maximum (axis=1, keepdims=True)")


def test_softmax_wide_spread(submission):
    """a row spread from -800 to 800 gives [0, ~0, 1] without overflow (subtracting the mean or min is not enough)"""
    _check_softmax(submission, [[-800.0, 0.0, 800.0]], "after subtracting the row MAXIMUM the exponents are -1600, "
                   "-800 and 0; subtracting the minimum or the mean still leaves exp(1600) or exp(800), which overflow")


def test_softmax_tall_batch(submission):
    """works on a tall batch (5 samples × 3 classes) and a wide one (2 × 7), row by row"""
    rng = np.random.default_rng(1)
    _check_softmax(submission, 30 * rng.standard_normal((5, 3)), "one distribution per row")
    _check_softmax(submission, 30 * rng.standard_normal((2, 7)), "one distribution per row")


def test_softmax_single_class(submission):
    """a single class gets probability 1 whatever its logit: [[5], [-2000]] gives [[1], [1]]"""
    _check_softmax(submission, [[5.0], [-2000.0]], "with one class the only probability is 1")


def test_log_softmax_by_hand(submission):
    """log_softmax([[0, 0]]) is [[-log 2, -log 2]]"""
    _check_log_softmax(submission, [[0.0, 0.0]], "two equal logits: each probability is 1/2")


def test_log_softmax_no_underflow(submission):
    """log_softmax([[0, -800]]) is [[0, -800]] (to rounding), not -inf"""
    _check_log_softmax(submission, [[0.0, -800.0]], "the second class is 800 below the first: its log-probability is "
                       "-800 - log(1 + e^-800) = -800")


def test_log_softmax_large_logits(submission):
    """log_softmax of [[1000, 1001, 1002], [0, 1, 2]] is the same in both rows, log_softmax([0, 1, 2])"""
    _check_log_softmax(submission, [[1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0]], "log-probabilities depend only on "
                       "differences of logits")


def test_log_softmax_shift(submission):
    """log_softmax of a row whose maximum is 50: [[50, 48, -30]]"""
    _check_log_softmax(submission, [[50.0, 48.0, -30.0]], "the largest class has log-probability -log(1 + e^-2 + "
                       "e^-80) ≈ -0.127, not 50 - 0.127")


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 5), k=st.integers(1, 6), scale=st.sampled_from([1e-6, 1.0, 1e2, 1e4]))
@example(seed=0, n=3, k=4, scale=1e4)
def test_property_matches_scipy(submission, seed, n, k, scale):
    """on random logits of scale 1e-6 to 1e4, softmax and log_softmax equal SciPy's (axis=1)"""
    Z = scale * np.random.default_rng(seed).standard_normal((n, k))
    _check_softmax(submission, Z, "scipy.special.softmax(Z, axis=1)")
    _check_log_softmax(submission, Z, "scipy.special.log_softmax(Z, axis=1)")
