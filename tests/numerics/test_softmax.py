"""Tests of la4ml.numerics logsumexp, softmax, log_softmax and cross_entropy against SciPy and PyTorch."""

import warnings

import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from la4ml.errors import DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.numerics import cross_entropy, log_softmax, logsumexp, softmax

EPS = np.finfo(float).eps
RNG = np.random.default_rng(23)


def _naive_softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


logit_arrays = arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)),
                      elements=st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False))


@settings(max_examples=50, deadline=None)
@given(X=logit_arrays)
@example(X=np.array([[1000.0, 1000.0]]))
@example(X=np.array([[-1e4, 1e4, 0.0]]))
def test_agrees_with_scipy_and_torch(X):
    """logsumexp, softmax and log_softmax equal SciPy's and PyTorch's to a few eps times the logits' size, for logits up to 1e4."""
    T = torch.from_numpy(X)
    lse = logsumexp(X, axis=1)
    tol = 8 * EPS * (1 + np.abs(X).max())  # the subtraction x - m is exact to eps·|x|
    np.testing.assert_allclose(lse, scipy.special.logsumexp(X, axis=1), rtol=0, atol=tol)
    np.testing.assert_allclose(lse, torch.logsumexp(T, dim=1).numpy(), rtol=0, atol=tol)
    ls = log_softmax(X)
    np.testing.assert_allclose(ls, scipy.special.log_softmax(X, axis=-1), rtol=0, atol=tol)
    np.testing.assert_allclose(ls, torch.log_softmax(T, dim=-1).numpy(), rtol=0, atol=tol)
    p = softmax(X)
    np.testing.assert_allclose(p, scipy.special.softmax(X, axis=-1), rtol=8 * EPS * (1 + np.abs(X).max()), atol=1e-300)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=X.shape[1] * 2 * EPS)
    assert np.all(np.isfinite(lse)) and np.all(np.isfinite(ls)) and np.all((p >= 0) & (p <= 1))


def test_logits_of_1000_naive_overflows_ours_does_not():
    """At logits of 1000 the naive formulas give inf/nan with an overflow warning; ours give the exact answer and no warning."""
    x = np.array([1000.0, 1001.0, 1002.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive = _naive_softmax(x)
    assert np.isnan(naive).all() and any(issubclass(w.category, RuntimeWarning) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any overflow warning fails the test
        p = softmax(x)
        lse = logsumexp(x)
    np.testing.assert_allclose(p, softmax(x - 1000), rtol=2 * EPS)  # shift invariance
    assert lse == pytest.approx(1002 + np.log1p(np.exp(-1) + np.exp(-2)), rel=2 * EPS)


def test_log_softmax_does_not_underflow():
    """log_softmax of a class 800 below the best is -800, where log(softmax) is -inf."""
    x = np.array([[0.0, -800.0]])
    with np.errstate(divide="ignore"):
        assert np.log(softmax(x))[0, 1] == -np.inf
    assert log_softmax(x)[0, 1] == pytest.approx(-800.0, rel=EPS)


def test_axis_semantics():
    """axis chooses the class axis: the default -1 normalizes each row; logsumexp's default None reduces everything."""
    X = RNG.standard_normal((3, 4))
    np.testing.assert_allclose(softmax(X).sum(axis=1), 1.0, rtol=4 * EPS)
    np.testing.assert_allclose(softmax(X, axis=0).sum(axis=0), 1.0, rtol=4 * EPS)
    np.testing.assert_allclose(softmax(X, axis=0), scipy.special.softmax(X, axis=0), rtol=4 * EPS)
    assert np.ndim(logsumexp(X)) == 0
    assert logsumexp(X) == pytest.approx(scipy.special.logsumexp(X), rel=4 * EPS)
    assert logsumexp(X, axis=0, keepdims=True).shape == (1, 4)
    np.testing.assert_allclose(logsumexp(X, axis=-1), scipy.special.logsumexp(X, axis=-1), rtol=4 * EPS)
    X3 = RNG.standard_normal((2, 3, 4))
    np.testing.assert_allclose(log_softmax(X3, axis=1), scipy.special.log_softmax(X3, axis=1), rtol=0, atol=8 * EPS)


def test_float32_kept_and_stable():
    """float32 logits stay float32 and do not overflow at 100 (naive float32 exp overflows above 88.7)."""
    x = np.array([100.0, 60.0], dtype=np.float32)
    assert softmax(x).dtype == np.float32 and log_softmax(x).dtype == np.float32
    assert np.asarray(logsumexp(x)).dtype == np.float32
    np.testing.assert_allclose(softmax(x), [1 / (1 + np.exp(-40.0)), np.exp(-40.0)], rtol=4 * np.finfo(np.float32).eps)


def test_minus_inf_is_a_mask():
    """-inf logits get probability 0; a slice of only -inf is refused with a message that names it."""
    x = np.array([[0.0, -np.inf, 0.0]])
    np.testing.assert_array_equal(softmax(x), [[0.5, 0.0, 0.5]])
    assert log_softmax(x)[0, 1] == -np.inf
    assert logsumexp(np.array([-np.inf, -np.inf])) == -np.inf
    with pytest.raises(InvalidParameterError, match="-inf"):
        softmax(np.array([[0.0, 1.0], [-np.inf, -np.inf]]))
    with pytest.raises(InvalidParameterError, match=r"index \(1, 0\)"):
        log_softmax(np.array([[0.0, 1.0], [-np.inf, -np.inf]]))


def _data(n=40, k=5, scale=1.0):
    Z = scale * RNG.standard_normal((n, k))
    y = RNG.integers(0, k, n)
    return Z, y


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e3, 1e6])
def test_cross_entropy_equals_torch_and_scipy(scale):
    """cross_entropy is the mean over samples, equal to torch's and to -mean(scipy log_softmax[i, y_i]) at scales 1e-6 to 1e6."""
    Z, y = _data(scale=scale)
    got = cross_entropy(Z, y)
    assert isinstance(got, float)
    ref_t = torch.nn.functional.cross_entropy(torch.from_numpy(Z), torch.from_numpy(y)).item()
    ref_s = -scipy.special.log_softmax(Z, axis=1)[np.arange(len(y)), y].mean()
    tol = 16 * EPS * (1 + np.abs(Z).max())
    assert got == pytest.approx(ref_t, rel=0, abs=tol) and got == pytest.approx(ref_s, rel=0, abs=tol)


def test_cross_entropy_by_hand():
    """Two samples, one right with certainty and one wrong by 1000: the mean loss is 500, not inf and not a sum of 1000."""
    assert cross_entropy(np.array([[1000.0, 0.0], [0.0, 1000.0]]), np.array([0, 0])) == 500.0
    assert cross_entropy(np.zeros((3, 4)), [0, 1, 3]) == pytest.approx(np.log(4), rel=EPS)
    assert cross_entropy(np.array([[2.0, 1.0]]), np.array([1.0])) == pytest.approx(np.log1p(np.e), rel=2 * EPS)


@pytest.mark.parametrize("bad, exc, words", [
    (np.array([0, 5]), OutOfRangeError, "in \\[0, 2\\]"),
    (np.array([0, -1]), OutOfRangeError, "-1"),
    (np.array([0, 0.5]), DTypeError, "whole numbers"),
    (np.array([0, 1, 2]), ShapeError, "one label per row"),
])
def test_cross_entropy_bad_labels(bad, exc, words):
    """Labels out of range, fractional or of the wrong length are refused, naming y and the fix."""
    with pytest.raises(exc, match=words):
        cross_entropy(np.zeros((2, 3)), bad)


@pytest.mark.parametrize("fn", [logsumexp, softmax, log_softmax])
@pytest.mark.parametrize("bad, exc", [
    (np.array([]), EmptyInputError), (np.array([1.0, np.nan]), NonFiniteError),
    (np.array([np.inf, 0.0]), NonFiniteError), (np.array(["a"]), DTypeError), (np.array([1 + 1j]), DTypeError),
])
def test_bad_logits(fn, bad, exc):
    """Empty, NaN, +inf, string and complex input raise la4ml errors that subclass ValueError/TypeError."""
    with pytest.raises(exc):
        fn(bad)


def test_bad_axis_and_shape():
    """An axis out of range or not an int, and 1-D logits for cross_entropy, are refused with the fix."""
    with pytest.raises(OutOfRangeError, match="axis=-1"):
        softmax(np.zeros((2, 3)), axis=2)
    with pytest.raises(DTypeError, match="axis"):
        log_softmax(np.zeros(3), axis=None)
    with pytest.raises(DTypeError, match="axis"):
        logsumexp(np.zeros(3), axis=1.0)
    with pytest.raises(ShapeError, match="reshape"):
        cross_entropy(np.zeros(3), [0])
    with pytest.raises(ValueError):  # la4ml errors keep users' except clauses working
        softmax(np.zeros((2, 3)), axis=-3)


def test_inputs_not_modified():
    """No function writes into the caller's array."""
    X = RNG.standard_normal((4, 3)) * 1000
    X0 = X.copy()
    softmax(X), log_softmax(X), logsumexp(X, axis=1), cross_entropy(X, [0, 1, 2, 0])
    np.testing.assert_array_equal(X, X0)


def test_extreme_spread_no_warning():
    """Logits ±1e308 (their difference overflows) give softmax [1, 0] and logsumexp 1e308, with no warning."""
    x = np.array([1e308, -1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(softmax(x), [1.0, 0.0])
        assert logsumexp(x) == 1e308
        assert log_softmax(x)[0] == 0.0 and log_softmax(x)[1] == -np.inf  # -2e308 is beyond the float range


# ---- fuzz findings (issue #9) ----
@pytest.mark.parametrize("keepdims", [np.ones(2), None, 1, "yes"])
def test_logsumexp_keepdims_must_be_a_bool(keepdims):
    with pytest.raises(DTypeError, match="keepdims must be True or False"):
        logsumexp(np.array([1.0, 2.0]), keepdims=keepdims)


def test_logsumexp_keepdims_numpy_bool_is_a_bool():
    assert logsumexp(np.array([1.0, 2.0]), keepdims=np.True_).shape == (1,)


def test_cross_entropy_of_logits_near_the_largest_float():
    """Mean of losses near 1e308: averaged in units of the largest one (no overflow warning, finite answer);
    a single loss beyond the float range is a NumericOverflowError naming the sample and the fix."""
    from la4ml.errors import NumericOverflowError

    Z = np.array([[1.0, 2.0, 0.5], [0.0, 1.0, -1.0], [2.0, -1.0, 1.0]])
    y = np.array([0, 2, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        big = cross_entropy(Z * 1e307, y)  # losses 1e307, 2e307, 3e307 (and their sum) are representable...
        np.testing.assert_allclose(big, 2e307, rtol=1e-12)
        huge = cross_entropy(Z * (1.7e308 / 3), y)  # ...but the sum of 1.7e308/3 * (1 + 2 + 3) is not
        np.testing.assert_allclose(huge, 1.7e308 / 3 * 2, rtol=1e-12)
        with pytest.raises(NumericOverflowError, match=r"loss of sample 2 .*logits / 1e300"):
            cross_entropy(Z * (-1.7e308 / 2), np.array([0, 1, 0]))


def test_cross_entropy_of_a_masked_true_class_is_still_inf():
    """A true class masked with -inf costs inf, as before (not an overflow error: nothing overflowed)."""
    assert cross_entropy(np.array([[0.0, -np.inf]]), np.array([1])) == np.inf


def test_log_softmax_documented_infinities():
    """The fuzzer's allow-list: -inf for a -inf logit (a masked class) and where the true value is below -1.8e308."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert log_softmax(np.array([0.0, -np.inf]))[1] == -np.inf
        out = log_softmax(np.array([1.7e308, 0.0, -1.7e308]))
    np.testing.assert_array_equal(out, [0.0, -1.7e308, -np.inf])
