"""la4ml.calculus against PyTorch's autograd (float64), on functions written twice: NumPy and torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.autograd.functional import hessian as torch_hessian
from torch.autograd.functional import jacobian as torch_jacobian

from la4ml.calculus import default_step, gradient_check, numerical_gradient, numerical_hessian, numerical_jacobian
from la4ml.errors import (DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, OutOfRangeError,
                          ShapeError)

EPS = np.finfo(np.float64).eps
EPS32 = float(np.finfo(np.float32).eps)


def _problem(seed: int, m: int = 3, n: int = 4):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((m, n)), rng.standard_normal(n), rng.standard_normal(m)


# Each case: (name, NumPy f, torch f, x); the functions of the lesson's table and two nonlinear ones.
def _cases(seed: int = 0):
    A, x, b = _problem(seed)
    S = np.random.default_rng(seed + 1).standard_normal((4, 4))  # nonsymmetric on purpose
    W = np.random.default_rng(seed + 2).standard_normal((4, 2))
    X = np.random.default_rng(seed + 3).standard_normal((5, 4))
    Y = np.random.default_rng(seed + 4).standard_normal((5, 2))
    t = torch.from_numpy
    return [
        ("a^T x", lambda v: b @ A @ v, lambda v: t(b) @ t(A) @ v, x),
        ("x^T S x (S nonsymmetric)", lambda v: v @ S @ v, lambda v: v @ t(S) @ v, x),
        ("||Ax - b||^2", lambda v: np.sum((A @ v - b) ** 2), lambda v: torch.sum((t(A) @ v - t(b)) ** 2), x),
        ("tr(S W W^T)", lambda w: np.trace(S @ w @ w.T), lambda w: torch.trace(t(S) @ w @ w.T), W),
        ("||XW - Y||_F^2", lambda w: np.sum((X @ w - Y) ** 2), lambda w: torch.sum((t(X) @ w - t(Y)) ** 2), W),
        ("sum sin(x) exp(x)", lambda v: np.sum(np.sin(v) * np.exp(v)), lambda v: torch.sum(torch.sin(v) * torch.exp(v)), x),
        ("logsumexp(Ax)", lambda v: np.log(np.sum(np.exp(A @ v))), lambda v: torch.logsumexp(t(A) @ v, 0), x),
    ]


def _torch_grad(tf, x):
    return torch_jacobian(tf, torch.from_numpy(np.array(x, dtype=np.float64))).numpy()


@pytest.mark.parametrize("name, f, tf, x", _cases(), ids=[c[0] for c in _cases()])
def test_gradient_matches_autograd(name, f, tf, x):
    """central differences agree with autograd to about eps^(2/3) relative (the step balances both errors)"""
    fd = numerical_gradient(f, x)
    exact = _torch_grad(tf, x)
    assert fd.shape == x.shape == exact.shape
    scale = max(1.0, abs(float(f(x)))) / max(1.0, np.abs(x).max())
    assert np.abs(fd - exact).max() <= 20 * EPS ** (2 / 3) * max(scale, np.abs(exact).max()), name
    assert gradient_check(f, exact, x) < 1e-8


@pytest.mark.parametrize("name, f, tf, x", _cases(), ids=[c[0] for c in _cases()])
def test_hessian_matches_autograd_and_is_symmetric(name, f, tf, x):
    """the symmetrized second differences agree with torch's Hessian, in torch's layout x.shape + x.shape"""
    H = numerical_hessian(f, x)
    exact = torch_hessian(tf, torch.from_numpy(np.array(x, dtype=np.float64))).numpy()
    assert H.shape == x.shape + x.shape == exact.shape
    n = x.size
    flat = H.reshape(n, n)
    assert (flat == flat.T).all()
    # second differences lose about half the digits: error ~ eps^(1/2) · |f| at the default eps^(1/4) step
    scale = max(1.0, abs(float(f(x))), np.abs(exact).max())
    assert np.abs(H - exact).max() <= 100 * EPS ** 0.5 * scale, name


def test_jacobian_layout_is_rows_per_output_columns_per_input():
    """for f: R^4 -> R^3 the Jacobian is (3, 4) — torch.autograd.functional's layout — and equals A for Ax"""
    A, x, _ = _problem(0)
    J = numerical_jacobian(lambda v: A @ v, x)
    assert J.shape == (3, 4)
    np.testing.assert_allclose(J, A, rtol=0, atol=10 * EPS ** (2 / 3) * np.abs(A).max())
    f = lambda v: np.tanh(A @ v) * v[0]  # noqa: E731
    tf = lambda v: torch.tanh(torch.from_numpy(A) @ v) * v[0]  # noqa: E731
    exact = torch_jacobian(tf, torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(numerical_jacobian(f, x), exact, rtol=0, atol=1e-9)


def test_jacobian_of_matrix_input_and_output_has_torchs_shape():
    """f: R^(4x2) -> R^(5x2), f(W) = XW: the Jacobian has shape (5, 2, 4, 2), like torch's"""
    rng = np.random.default_rng(3)
    X, W = rng.standard_normal((5, 4)), rng.standard_normal((4, 2))
    J = numerical_jacobian(lambda w: X @ w, W)
    exact = torch_jacobian(lambda w: torch.from_numpy(X) @ w, torch.from_numpy(W)).numpy()
    assert J.shape == exact.shape == (5, 2, 4, 2)
    np.testing.assert_allclose(J, exact, rtol=0, atol=1e-9)


def test_scalar_point_and_scalar_output():
    """x a 0-d array: the gradient is 0-d too; f(x) = x³ at 2 gives 12"""
    g = numerical_gradient(lambda v: v ** 3, np.float64(2.0))
    assert g.shape == () and abs(float(g) - 12.0) < 1e-8
    assert numerical_jacobian(lambda v: v ** 3, 2.0).shape == ()


def test_float32_uses_float32_steps_and_is_accurate_to_float32():
    """a float32 point is differenced with eps32^(1/3) ≈ 4.9e-3 steps: error ~ eps32^(2/3), not eps64's"""
    x32 = np.array([0.5, -1.5, 2.0], dtype=np.float32)
    assert default_step(x32).dtype == np.float32
    np.testing.assert_allclose(default_step(x32), EPS32 ** (1 / 3) * np.array([1.0, 1.5, 2.0]), rtol=1e-6)
    f = lambda v: np.sum(np.sin(v).astype(np.float32) * v)  # noqa: E731
    exact = np.sin(x32.astype(np.float64)) + x32 * np.cos(x32.astype(np.float64))
    err = np.abs(numerical_gradient(f, x32) - exact).max()
    assert err < 20 * EPS32 ** (2 / 3)
    # the float64 step (6e-6) on the same float32 function is rounding-dominated: much worse
    err_small_step = np.abs(numerical_gradient(f, x32, h=6e-6) - exact).max()
    assert err_small_step > 10 * err


def test_the_default_step_beats_a_tiny_one_and_a_huge_one():
    """h = 1e-12 is noise-dominated, h = 1e-1 truncation-dominated; the default is best of the three"""
    x = np.array([0.3, -1.2, 2.0])
    f = lambda v: float(np.sum(np.sin(v) * np.exp(v)))  # noqa: E731
    exact = np.exp(x) * (np.sin(x) + np.cos(x))
    errors = {h: np.abs(numerical_gradient(f, x, h=h) - exact).max() for h in (1e-12, 1e-1)}
    best = np.abs(numerical_gradient(f, x) - exact).max()
    assert best < 1e-9 and errors[1e-12] > 100 * best and errors[1e-1] > 100 * best


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_steps_scale_with_x(scale):
    """the default step is relative to |x| (at least 1): f(x) = sum x² has gradient 2x at every scale"""
    x = scale * np.array([1.0, -2.0, 3.0])
    g = numerical_gradient(lambda v: float(np.sum(v ** 2)), x)
    np.testing.assert_allclose(g, 2 * x, rtol=1e-8, atol=1e-8 * max(1.0, scale))


def test_x_is_never_modified_and_f_gets_copies():
    """the caller's x is untouched, and an f that writes into its argument cannot corrupt the next point"""
    x = np.array([1.0, 2.0, 3.0])
    keep = x.copy()

    def vandal(v):
        value = float(np.sum(v ** 2))
        v[:] = 0.0
        return value

    np.testing.assert_allclose(numerical_gradient(vandal, x), 2 * keep, rtol=1e-8)
    np.testing.assert_allclose(numerical_hessian(vandal, x), 2 * np.eye(3), atol=1e-5)
    assert (x == keep).all()


def test_a_torch_valued_f_is_accepted():
    """f may return a 0-d tensor (a torch loss): it is read as a float"""
    g = numerical_gradient(lambda v: torch.tensor(v).pow(2).sum(), np.array([1.0, -3.0]))
    np.testing.assert_allclose(g, [2.0, -6.0], rtol=1e-8)


def test_gradient_check_catches_the_classic_mistakes():
    """2Sx for a nonsymmetric S, a transposed tr(SW) gradient, a missing factor 2: errors of order 1"""
    rng = np.random.default_rng(7)
    S, x, W = rng.standard_normal((4, 4)), rng.standard_normal(4), rng.standard_normal((4, 4))
    quad = lambda v: v @ S @ v  # noqa: E731
    assert gradient_check(quad, lambda v: (S + S.T) @ v, x) < 1e-9
    assert gradient_check(quad, lambda v: 2 * S @ v, x) > 0.1
    trace = lambda w: np.trace(S @ w)  # noqa: E731  (∂/∂W tr(SW) = Sᵀ)
    assert gradient_check(trace, S.T, W) < 1e-9
    assert gradient_check(trace, S, W) > 0.1
    ls = lambda v: float(np.sum((S @ v - 1.0) ** 2))  # noqa: E731
    assert gradient_check(ls, lambda v: S.T @ (S @ v - 1.0), x) > 0.3  # the missing 2


def test_gradient_check_at_a_minimum_uses_the_floor():
    """both gradients ~0 at the minimum: the error is measured against the noise floor, not 0/0"""
    f = lambda v: float(np.sum((v - 1.0) ** 2))  # noqa: E731
    assert gradient_check(f, np.zeros(3), np.ones(3)) < 1e-3  # below the noise floor of the differences
    assert gradient_check(f, np.full(3, 1e-3), np.ones(3)) > 1.0  # a wrong nonzero gradient still fails
    with pytest.raises(NonFiniteError, match="grad must be finite"):
        gradient_check(f, np.full(3, np.nan), np.ones(3))


def test_gradient_check_rejects_a_transposed_nonsquare_gradient():
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    W = rng.standard_normal((3, 2))
    f = lambda w: float(np.sum((X @ w - Y) ** 2))  # noqa: E731
    grad = 2 * X.T @ (X @ W - Y)
    assert gradient_check(f, grad, W) < 1e-8
    with pytest.raises(ShapeError, match="shape of x"):
        gradient_check(f, grad.T, W)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), m=st.integers(1, 5), n=st.integers(1, 5))
def test_least_squares_gradient_and_hessian_property(seed, m, n):
    """‖Ax − b‖²: gradient 2Aᵀ(Ax − b), Hessian 2AᵀA, for random shapes"""
    rng = np.random.default_rng(seed)
    A, x, b = rng.standard_normal((m, n)), rng.standard_normal(n), rng.standard_normal(m)
    f = lambda v: float(np.sum((A @ v - b) ** 2))  # noqa: E731
    scale = max(1.0, f(x), float(np.abs(A).max()) ** 2)
    g = numerical_gradient(f, x)
    assert np.abs(g - 2 * A.T @ (A @ x - b)).max() <= 50 * EPS ** (2 / 3) * scale
    H = numerical_hessian(f, x)
    assert np.abs(H - 2 * A.T @ A).max() <= 200 * EPS ** 0.5 * scale


@pytest.mark.parametrize("call, error, words", [
    (lambda: numerical_gradient(3, [1.0]), DTypeError, "f must be a callable"),
    (lambda: numerical_gradient(lambda v: v, [1.0, 2.0]), DTypeError, "use numerical_jacobian"),
    (lambda: numerical_gradient(lambda v: "loss", [1.0]), DTypeError, "one real number"),
    (lambda: numerical_gradient(lambda v: 1j, [1.0]), DTypeError, "real"),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0], h=0.0), OutOfRangeError, "h must be > 0"),
    (lambda: numerical_gradient(lambda v: 0.0, []), EmptyInputError, "x must not be empty"),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0, np.nan]), NonFiniteError, "x must be finite"),
    (lambda: numerical_gradient(lambda v: float("nan") if v[0] < 0 else v[0], [0.0]), NonFiniteError, "not finite near x"),
    (lambda: numerical_gradient(lambda v: 0.0, ["a"]), DTypeError, "x must hold numbers"),
    (lambda: numerical_jacobian(lambda v: v[: int(v[0] > 1) + 1], [1.0, 2.0]), ShapeError, "same shape"),
    (lambda: numerical_hessian(lambda v: v, [1.0, 2.0]), DTypeError, "use numerical_jacobian"),
    (lambda: gradient_check(lambda v: 0.0, [1.0], [1.0], floor=-1.0), OutOfRangeError, "floor must be > 0"),
    (lambda: default_step([1.0], order=3), InvalidParameterError, "order must be 1"),
    (lambda: default_step([1.0], order=1.0), InvalidParameterError, "order must be 1"),
    (lambda: numerical_gradient(lambda: 0.0, [1.0]), DTypeError, "one positional argument"),
    (lambda: numerical_gradient(lambda v: v[0] + 1j, [1.0]), DTypeError, "real"),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0], h=1e308), OutOfRangeError, "too large"),
    (lambda: numerical_gradient(lambda v: 0.0, [1.0], h=1e-320), OutOfRangeError, "too small"),
    (lambda: numerical_hessian(lambda v: 0.0, [1.0], h=1e-200), OutOfRangeError, "too small"),
])
def test_errors_name_the_parameter_and_the_fix(call, error, words):
    with pytest.raises(error, match=words):
        call()
