"""Tests of la4ml.linear_model._gradients: mse_gradient against NumPy, autograd and finite differences."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.errors import DTypeError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.linear_model._gradients import mse_gradient, numerical_gradient

EPS = np.finfo(float).eps


def _problem(seed, n=9, p=3, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, p)), scale * rng.standard_normal(n), scale * rng.standard_normal(p)


def _tol(X, y, w):
    """Rounding bound of (2/n) Xᵀ(Xw - y), entry by entry: a few eps times the sums of absolute values."""
    return 8 * EPS * X.shape[0] * (2 / X.shape[0]) * (np.abs(X.T) @ (np.abs(X) @ np.abs(w) + np.abs(y)))


def test_by_hand():
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(mse_gradient(X, [1.0, 3.0, 2.0], [0.0, 0.0]), [-4.0, -14 / 3], rtol=4 * EPS)


@pytest.mark.parametrize("shape", [(9, 3), (3, 9), (4, 4), (1, 1), (50, 1)])
def test_matches_formula_every_shape(shape):
    X, y, w = _problem(0, *shape)
    expected = 2 / shape[0] * X.T @ (X @ w - y)
    got = mse_gradient(X, y, w)
    assert got.shape == (shape[1],)
    assert np.all(np.abs(got - expected) <= _tol(X, y, w))


def test_square_not_transposed():
    """On a square non-symmetric X, A instead of Aᵀ gives a different vector: we use Aᵀ."""
    X, y, w = _problem(1, 4, 4)
    wrong = 2 / 4 * X @ (X @ w - y)
    assert not np.allclose(mse_gradient(X, y, w), wrong)


def test_matches_autograd():
    X, y, w = _problem(2, 20, 4)
    wt = torch.tensor(w, requires_grad=True)
    torch.mean((torch.tensor(X) @ wt - torch.tensor(y)) ** 2).backward()
    assert np.all(np.abs(mse_gradient(X, y, w) - wt.grad.numpy()) <= _tol(X, y, w))


def test_zero_at_least_squares():
    X, y, _ = _problem(3, 30, 4)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.linalg.norm(mse_gradient(X, y, w)) <= 100 * EPS * np.linalg.cond(X) * np.linalg.norm(X) * np.linalg.norm(y)


def test_rank_deficient_design():
    """A duplicated column: the gradient still follows the formula, and equal columns get equal entries."""
    X, y, w = _problem(4, 10, 2)
    X = np.column_stack([X, X[:, 0]])
    w = np.append(w, 0.3)
    g = mse_gradient(X, y, w)
    assert g[0] == g[2]
    assert np.all(np.abs(g - 2 / 10 * X.T @ (X @ w - y)) <= _tol(X, y, w))


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(scale):
    """y and w scaled by 1e±6: the gradient scales by the same factor to relative rounding."""
    X, y, w = _problem(5)
    base = mse_gradient(X, y, w)
    np.testing.assert_allclose(mse_gradient(X, scale * y, scale * w), scale * base, rtol=64 * EPS, atol=0)


def test_inputs_not_modified_and_lists_accepted():
    X, y, w = _problem(6)
    copies = X.copy(), y.copy(), w.copy()
    got = mse_gradient(X.tolist(), y.tolist(), w.tolist())
    mse_gradient(X, y, w)
    assert all(np.array_equal(a, b) for a, b in zip((X, y, w), copies))
    np.testing.assert_array_equal(got, mse_gradient(X, y, w))


@pytest.mark.parametrize("args, error, words", [
    ((np.ones((3, 2)), np.ones(4), np.ones(2)), ShapeError, "y must have one entry per row of X (3)"),
    ((np.ones((3, 2)), np.ones(3), np.ones(3)), ShapeError, "w must have one entry per column of X (2)"),
    ((np.ones(3), np.ones(3), np.ones(1)), ShapeError, "X must be a 2-D matrix"),
    ((np.ones((3, 2)), [1.0, np.nan, 2.0], np.ones(2)), NonFiniteError, "y must contain only finite"),
    ((np.ones((3, 2)), np.ones(3), ["a", "b"]), DTypeError, "w must hold numbers"),
])
def test_errors_name_the_parameter(args, error, words):
    with pytest.raises(error, match=None) as info:
        mse_gradient(*args)
    assert words in str(info.value)


# ---------------------------------------------------------------------------------- numerical_gradient


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12), p=st.integers(1, 5))
def test_numerical_matches_mse_gradient(seed, n, p):
    """Central differences of a quadratic are exact up to rounding: relative error ~ eps^(2/3)."""
    X, y, w = _problem(seed, n, p)
    g = mse_gradient(X, y, w)
    fd = numerical_gradient(lambda v: np.mean((X @ v - y) ** 2), w)
    f_scale = np.mean((np.abs(X) @ (np.abs(w) + 1) + np.abs(y)) ** 2)
    assert np.all(np.abs(fd - g) <= 10 * EPS ** (2 / 3) * f_scale)


def test_numerical_non_quadratic():
    """On sin·exp the default step gives about 2/3 of the digits (eps^(2/3) ≈ 4e-11)."""
    x = np.array([0.3, -1.2, 2.0])
    f = lambda v: float(np.sum(np.sin(v) * np.exp(v)))  # noqa: E731
    exact = np.exp(x) * (np.sin(x) + np.cos(x))
    np.testing.assert_allclose(numerical_gradient(f, x), exact, rtol=0, atol=1e-9)


def test_numerical_given_step_and_large_x():
    """At x of size 1e6 the default step grows with |x_j| (a fixed 6e-6 would lose every digit of the
    small entry to the rounding of f ≈ 1e12); the error is then about eps·|f|/h ≈ 4e-5 absolute."""
    x = np.array([1e6, 1e6])
    f = lambda v: float(v[0] ** 2 + 5 * v[1])  # noqa: E731
    np.testing.assert_allclose(numerical_gradient(f, x), [2e6, 5.0], rtol=0, atol=1e-3)
    np.testing.assert_allclose(numerical_gradient(f, [1.0, 2.0], h=0.5), [2.0, 5.0], rtol=4 * EPS)


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(f=3, x=[1.0]), DTypeError, "f must be a callable"),
    (dict(f=lambda v: v, x=[1.0, 2.0]), DTypeError, "f must return one real number"),
    (dict(f=lambda v: "loss", x=[1.0]), DTypeError, "f must return one real number"),
    (dict(f=lambda v: 0.0, x=[1.0], h=0.0), OutOfRangeError, "h must be > 0"),
    (dict(f=lambda v: 0.0, x=[[1.0, 2.0], [3.0, 4.0]]), ShapeError, "x must be a 1-D vector"),
])
def test_numerical_errors(kwargs, error, words):
    with pytest.raises(error) as info:
        numerical_gradient(**kwargs)
    assert words in str(info.value)
