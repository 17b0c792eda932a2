"""Hidden tests of exercise 23.5 — variance(x, method) by two passes and by Welford, exact at a mean of 1e8."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("numpy.var", "numpy.std", "numpy.nanvar", "numpy.cov", "statistics.pvariance", "statistics.variance",
           "torch.var", "scipy.stats.tvar")


def _var(submission, x, *args):
    x = np.array(x, dtype=float)
    x0 = x.copy()
    with blocked(*LIBRARY, reason="compute the variance yourself"):
        try:
            got = call(function(submission, "variance"), x, *args)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the variance from scratch (sums, a loop); use np.var only to compare.")
            raise
    if not np.array_equal(x, x0):
        fail(f"Called {last_call()}; it changed its input x (e.g. x -= mean); work on a new array.")
    try:
        return float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number.")


def _diagnose(x, got, ref):
    n = len(x)
    naive = np.mean(x * x) - np.mean(x) ** 2
    if n > 1 and np.isclose(got, ref * n / (n - 1), rtol=1e-9):
        return f"yours is np.var(x, ddof=1) (divided by n - 1 = {n - 1}); divide by n = {n} (ddof = 0, like np.var)."
    if np.isclose(got, naive, rtol=1e-12, atol=0) and not np.isclose(got, ref, rtol=1e-6):
        return ("yours equals the one-pass formula mean(x²) - mean(x)², which cancels catastrophically: both terms are "
                f"about {np.mean(x) ** 2:.3g} and differ by the variance. Subtract the mean BEFORE squaring.")
    mean, m2 = 0.0, 0.0
    for k, value in enumerate(x, start=1):
        delta = value - mean
        mean += delta / k
        m2 += delta * delta
    if np.isclose(got, m2 / n, rtol=1e-9) and not np.isclose(m2 / n, ref, rtol=1e-9):
        return ("yours matches Welford's update with m2 += delta * delta: both factors use the OLD mean. The second "
                "factor is the deviation from the NEW mean, m2 += delta * (value - mean) after updating mean.")
    x32 = x.astype(np.float32)
    if np.isclose(got, float(np.var(x32)), rtol=1e-6) and not np.isclose(got, ref, rtol=1e-6):
        return "yours matches a float32 computation: keep the data in float64 (np.asarray(x, dtype=float))."
    if np.isclose(got, ref * n, rtol=1e-9):
        return f"yours is {n} times too large: the SUM of squared deviations; divide by n."
    if ref > 0 and np.isclose(got, np.sqrt(ref), rtol=1e-9):
        return "yours is the standard deviation; the variance is its square."
    return "the variance is the mean of (x - mean(x))²."


def _check(submission, x, method, because, *, rtol=1e-9):
    x = np.array(x, dtype=float)
    got = _var(submission, x) if method is None else _var(submission, x, method)
    ref = float(np.var(x))
    spread = np.var(x - np.mean(x))
    atol = 64 * len(x) * EPS * spread  # the accuracy of two passes, relative to the spread (never to mean²)
    if not np.isclose(got, ref, rtol=rtol, atol=atol):
        extra = ""
        if method == "welford" and _diagnose(x, got, ref).startswith("the variance is"):
            extra = (" In Welford's loop, check the running mean (mean += delta / k, with k counting the values from 1) "
                     "and the update m2 += delta * (value - mean) with the NEW mean; divide m2 by n at the end.")
        fail(f"Called {last_call()}; returned {got!r}; expected {ref!r}, because {because}. {_diagnose(x, got, ref)}{extra}")


def _readings(mean, n=2000, seed=0):
    return mean + np.random.default_rng(seed).standard_normal(n)


def test_by_hand_default(submission):
    """variance([2, 4, 4, 4, 5, 5, 7, 9]) is 4 with the default method (population variance, ddof = 0)"""
    _check(submission, [2.0, 4, 4, 4, 5, 5, 7, 9], None, "the mean is 5 and the squared deviations 9, 1, 1, 1, 0, 0, "
           "4, 16 add up to 32; 32 / 8 = 4")


def test_by_hand_welford(submission):
    """variance([2, 4, 4, 4, 5, 5, 7, 9], "welford") is 4"""
    _check(submission, [2.0, 4, 4, 4, 5, 5, 7, 9], "welford", "32 / 8 = 4, the same as two passes")


def test_large_mean_two_pass(submission):
    """two-pass at mean 1e8: 2000 readings with spread 1 give np.var's answer to 1e-6 (the one-pass formula gives noise)"""
    _check(submission, _readings(1e8), "two-pass", "the readings have variance about 1 around a mean of 1e8",
           rtol=1e-6)


def test_large_mean_welford(submission):
    """Welford at mean 1e8: the same 2000 readings, to 1e-6"""
    _check(submission, _readings(1e8), "welford", "the readings have variance about 1 around a mean of 1e8",
           rtol=1e-6)


def test_large_mean_default(submission):
    """the default method at mean 1e9 (readings around 1e9, spread 1), to 1e-5"""
    _check(submission, _readings(1e9, seed=1), None, "the readings have variance about 1 around a mean of 1e9",
           rtol=1e-5)


def test_tiny_scale(submission):
    """values of size 1e-6 (mean 3e-6, spread 1e-7): variance about 1e-14, exact to 1e-9 relative, both methods"""
    x = 1e-7 * np.random.default_rng(2).standard_normal(50) + 3e-6
    for method in ("two-pass", "welford"):
        _check(submission, x, method, "the variance must be relative to the data's scale: nothing here is small "
               "compared with the data themselves")


def test_constant_and_single(submission):
    """a constant sample (1e8 + 0.5 seven times) has variance exactly 0; a single value has variance 0"""
    for method in ("two-pass", "welford"):
        got = _var(submission, np.full(7, 1e8 + 0.5), method)
        if got != 0.0:
            fail(f"Called {last_call()}; returned {got!r}; expected exactly 0.0: every value equals the mean, so every "
                 "deviation is 0." + (" The one-pass formula gives rounding noise here." if got != 0 else ""))
        got = _var(submission, np.array([42.0]), method)
        if got != 0.0:
            fail(f"Called {last_call()}; returned {got!r}; expected 0.0 (one value, ddof = 0: no spread). "
                 "Dividing by n - 1 = 0 is the ddof = 1 formula.")


def test_welford_update(submission):
    """Welford on [1, 3] is 1 and on [0, 0, 6] is 8 (one factor from the old mean, one from the new)"""
    _check(submission, [1.0, 3.0], "welford", "the mean is 2 and both deviations are ±1")
    _check(submission, [0.0, 0.0, 6.0], "welford", "the mean is 2: (4 + 4 + 16) / 3 = 8; Welford's update "
           "m2 += delta * (value - new_mean), not delta², which gives 12")


def test_bad_method(submission):
    """an unknown method such as "naive" raises ValueError"""
    f = function(submission, "variance")
    try:
        got = f(np.array([1.0, 2.0]), "naive")
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001 - report what was raised
        fail(f"Called variance(x=[1., 2.], method='naive'); it raised {type(exc).__name__}; expected ValueError naming "
             "the allowed methods.")
    fail(f"Called variance(x=[1., 2.], method='naive'); returned {show(got)}; expected a ValueError: only 'two-pass' "
         "and 'welford' are allowed, and a typo must not silently pick one.")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 60), log_mean=st.integers(-3, 8),
       log_spread=st.integers(0, 3), method=st.sampled_from(["two-pass", "welford"]))
@example(seed=0, n=2, log_mean=8, log_spread=0, method="welford")
def test_property_matches_numpy(submission, seed, n, log_mean, log_spread, method):
    """on random samples with means 1e-3 to 1e8 and spreads 1 to 1e3, both methods equal np.var to 1e-6 relative"""
    x = 10.0**log_mean + 10.0**log_spread * np.random.default_rng(seed).standard_normal(n)
    _check(submission, x, method, "that is np.var(x)", rtol=1e-6)
