"""Tests of la4ml.numerics.variance: two-pass, Welford and the naive one-pass formula against np.var."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from la4ml.errors import DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, NumericOverflowError, OutOfRangeError
from la4ml.numerics import VARIANCE_METHODS, variance

EPS = np.finfo(float).eps


@settings(max_examples=50, deadline=None)
@given(x=arrays(np.float64, st.integers(1, 40), elements=st.floats(-1e6, 1e6, allow_nan=False)),
       ddof=st.integers(0, 1))
@example(x=np.array([1e6, -1e6, 1e6]), ddof=0)
def test_stable_methods_match_numpy(x, ddof):
    """two-pass and Welford equal np.var(x, ddof) to 4·n·eps·(mean of x² + var), a bound relative to the data's scale."""
    if ddof >= len(x):
        return
    ref = np.var(x, ddof=ddof)
    tol = 4 * len(x) * EPS * (np.mean(x * x) + ref)  # rounding of the squares of the deviations
    for method in ("two-pass", "welford"):
        assert variance(x, method, ddof=ddof) == pytest.approx(ref, rel=0, abs=tol)
    assert variance(x, "naive", ddof=ddof) == pytest.approx(ref, rel=0, abs=4 * tol)  # fine when mean² is not >> var


def test_default_is_two_pass_with_ddof_zero():
    """The defaults are method='two-pass' and ddof=0 (np.var's), and the result is a Python float."""
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert variance(x) == 1.25 and isinstance(variance(x), float)
    assert variance(x, ddof=1) == pytest.approx(5 / 3, rel=EPS)
    assert VARIANCE_METHODS == ("two-pass", "welford", "naive")


@pytest.mark.parametrize("mean", [1e8, 1e9])
def test_large_mean_cancellation(mean):
    """At mean 1e8 the naive formula loses every digit of a variance of 1; two-pass and Welford keep it to 1e-6."""
    rng = np.random.default_rng(0)
    z = rng.standard_normal(10_000)
    x = mean + z
    ref = np.var(x)  # np.var is two-pass: exact to n·eps·var
    exact = np.var(x - mean)  # the offset is exact in float64 for these means, so this is the true variance
    assert variance(x) == pytest.approx(exact, rel=1e-6)
    assert variance(x, "welford") == pytest.approx(exact, rel=1e-6)
    assert ref == pytest.approx(exact, rel=1e-6)
    assert abs(variance(x, "naive") - exact) > 0.1 * exact  # wrong in the first digit (or negative)


def test_scale_invariance_and_overflow():
    """var(c·x) = c²·var(x) from 1e-150 to 1e150 for every method; a variance beyond float range raises."""
    x = np.array([1.0, 2.0, 4.0, 8.0])
    for c in (1e-150, 1e-6, 1e6, 1e150):
        for method in VARIANCE_METHODS:
            assert variance(c * x, method) == pytest.approx(c * c * np.var(x), rel=16 * EPS)
    with pytest.raises(NumericOverflowError):
        variance(np.array([-1e300, 1e300]))


def test_float32_computed_in_float32():
    """float32 input is computed in float32: two-pass keeps the variance at mean 1e4, naive loses it."""
    x = (1e4 + np.array([-1.0, 1.0] * 50)).astype(np.float32)
    assert variance(x) == pytest.approx(1.0, rel=1e-5)
    assert variance(x, "welford") == pytest.approx(1.0, rel=1e-3)
    assert abs(variance(x, "naive") - 1.0) > 1e-2


def test_single_value_and_constant():
    """One value has variance 0 (ddof=0); a constant sample has variance exactly 0 for the stable methods."""
    assert variance([5.0]) == 0.0
    for method in ("two-pass", "welford"):
        assert variance(np.full(7, 1e8 + 0.5), method) == 0.0


@pytest.mark.parametrize("kwargs, exc, words", [
    ({"method": "one-pass"}, InvalidParameterError, "welford"),
    ({"ddof": 4}, OutOfRangeError, "ddof"),
    ({"ddof": -1}, OutOfRangeError, "ddof"),
    ({"ddof": 0.5}, DTypeError, "ddof"),
])
def test_bad_parameters(kwargs, exc, words):
    """Unknown method, ddof >= n, negative or fractional ddof are refused, naming the parameter."""
    with pytest.raises(exc, match=words):
        variance(np.arange(4.0), **kwargs)


@pytest.mark.parametrize("bad, exc", [(np.array([]), EmptyInputError), (np.array([1.0, np.nan]), NonFiniteError),
                                      (np.zeros((2, 2)), ValueError), (np.array(["a"]), DTypeError)])
def test_bad_x(bad, exc):
    """Empty, NaN, 2-D and non-numeric x are refused."""
    with pytest.raises(exc):
        variance(bad)
