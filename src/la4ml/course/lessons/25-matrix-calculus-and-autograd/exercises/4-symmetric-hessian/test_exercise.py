"""Hidden tests of exercise 25.4 — symmetric_hessian(grad, x): central differences of grad, symmetrized."""

import numpy as np
import pytest

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _cols(grad, x, h, central=True):
    n = len(x)
    H = np.empty((n, n))
    for j, e in enumerate(np.eye(n)):
        H[:, j] = ((grad(x + h[j] * e) - grad(x - h[j] * e)) / (2 * h[j]) if central
                   else (grad(x + h[j] * e) - grad(x)) / h[j])
    return H


def _run(submission, grad, x, exact, what, rtol=1e-8):
    x = np.array(x, dtype=float)
    x0 = x.copy()
    with blocked("la4ml.calculus.numerical_hessian", "la4ml.calculus.numerical_jacobian",
                 "torch.autograd.functional.hessian", "torch.autograd.functional.jacobian",
                 reason="write the differences yourself"):
        try:
            got = call(function(submission, "symmetric_hessian"), grad, x)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the central differences of grad from scratch.")
            raise
    if not np.array_equal(x, x0):
        fail(f"Called {last_call()}; afterwards x was {show(x)} instead of {show(x0)}: perturb copies of x.")
    try:
        H = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an ndarray of shape {exact.shape}.")
    n = len(x)
    if H.shape != (n, n):
        fail(f"Called {last_call()} on {what}; the result has shape {H.shape}; expected ({n}, {n}).")
    h = EPS ** (1 / 3) * np.maximum(1.0, np.abs(x))
    raw = _cols(grad, x, h)
    scale = np.abs(exact).max()
    err = np.abs(H - exact).max() / scale
    if err > rtol:
        diagnoses = [(2 * exact, "H + Hᵀ without the ½: every entry is doubled; return 0.5 * (H + H.T)"),
                     (0.5 * exact, "half the Hessian: the central difference divides by 2 h_j, once")]
        for cand, why in diagnoses:
            if np.abs(H - cand).max() <= 1e-6 * np.abs(cand).max():
                fail(f"Called {last_call()} on {what}; H = {show(H)}, expected {show(exact)}; you returned {why}.")
        with np.errstate(all="ignore"):
            fwd = _cols(grad, x, h, central=False)
            tiny = _cols(grad, x, np.full(n, 1e-12))
        for cand, why in ((fwd, "FORWARD differences (grad(x + h e_j) - grad(x)) / h, whose error shrinks only like h; "
                           "use (grad(x + h e_j) - grad(x - h e_j)) / (2h)"),
                          (tiny, "a step of 1e-12, where the difference is mostly rounding noise; use "
                           "h_j = eps ** (1/3) * max(1, |x_j|)")):
            for c in (cand, 0.5 * (cand + cand.T)):
                if np.abs(H - c).max() <= 1e-7 * scale:
                    fail(f"Called {last_call()} on {what}; H = {show(H)}, expected {show(exact)} (relative error "
                         f"{err:.1e}, allowed {rtol:g}); it matches {why}.")
        fail(f"Called {last_call()} on {what}; H = {show(H)}, expected {show(exact)} (relative error {err:.1e}, "
             f"allowed {rtol:g}). Column j is (grad(x + h_j e_j) - grad(x - h_j e_j)) / (2 h_j), then symmetrize.")
    if not np.array_equal(H, H.T):
        k = np.unravel_index(np.argmax(np.abs(H - H.T)), H.shape)
        fail(f"Called {last_call()} on {what}; the result is not exactly symmetric: H[{k[0]}, {k[1]}] = {H[k]!r} but "
             f"H[{k[1]}, {k[0]}] = {H[k[1], k[0]]!r}. The differences are symmetric only up to rounding; return "
             "0.5 * (H + H.T) so that eigvalsh and Cholesky, which read one triangle, see the same matrix.")
    return H, raw


def _logistic(seed=0, n=40, d=3):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((n, d)), rng.integers(0, 2, n).astype(float)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    grad = lambda w: X.T @ (sig(X @ w) - y) / n  # noqa: E731

    def hess(w):
        p = sig(X @ w)
        return X.T @ (X * (p * (1 - p))[:, None]) / n
    return grad, hess


def test_logistic_loss(submission):
    """the Hessian of a logistic loss (3 weights) matches Xᵀ D X / n to 1e-8 and is exactly symmetric"""
    grad, hess = _logistic()
    w = np.array([0.5, -1.0, 0.2])
    _run(submission, grad, w, hess(w), "a logistic loss")


def test_exactly_symmetric_on_a_rough_gradient(submission):
    """exactly symmetric even where the raw differences are not (a 4-variable non-quadratic f)"""
    grad = lambda v: np.array([np.cos(v[0]) * v[1] + v[3] ** 2, np.sin(v[0]) + np.exp(v[1] * v[2]) * v[2],  # noqa: E731
                               np.exp(v[1] * v[2]) * v[1], 2 * v[0] * v[3]])
    x = np.array([0.3, 0.7, -0.4, 1.1])
    e = np.exp(x[1] * x[2])
    exact = np.array([[-np.sin(x[0]) * x[1], np.cos(x[0]), 0, 2 * x[3]],
                      [np.cos(x[0]), e * x[2] ** 2, e * (1 + x[1] * x[2]), 0],
                      [0, e * (1 + x[1] * x[2]), e * x[1] ** 2, 0],
                      [2 * x[3], 0, 0, 2 * x[0]]])
    H, raw = _run(submission, grad, x, exact, "f = sin(x0)·x1 + exp(x1·x2) + x0·x3²")
    assert not np.array_equal(raw, raw.T)  # the test is meaningful: the raw differences are asymmetric here


def test_quadratic_nonsymmetric_a(submission):
    """f = xᵀAx with A nonsymmetric: H = A + Aᵀ"""
    A = np.array([[2.0, 1.0, 0.0], [0.0, 3.0, -4.0], [5.0, 0.0, 1.0]])
    _run(submission, lambda v: (A + A.T) @ v, [1.0, -2.0, 0.5], A + A.T, "f = xᵀAx")


def test_one_variable(submission):
    """n = 1 gives a (1, 1) Hessian"""
    _run(submission, lambda v: np.array([4 * v[0] ** 3]), [0.5], np.array([[12 * 0.25]]), "f = x⁴")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_function(submission, scale):
    """accurate to 1e-8 relative when f is scaled by 1e-6 or 1e6"""
    grad, hess = _logistic(seed=1)
    w = np.array([0.1, 0.4, -0.3])
    _run(submission, lambda v: scale * grad(v), w, scale * hess(w), f"{scale:g} × a logistic loss")


def test_large_coordinates(submission):
    """uses a step relative to |x_j| (x of size 1e6)"""
    grad = lambda v: np.array([3 * (v[0] / 1e6) ** 2 / 1e6 + v[1] / 1e12, v[0] / 1e12])  # noqa: E731
    x = np.array([2e6, -1e6])
    exact = np.array([[6 * 2.0 / 1e12, 1e-12], [1e-12, 0.0]])
    _run(submission, grad, x, exact, "f = (x0/1e6)³ + x0·x1/1e12 at x of size 1e6", rtol=1e-6)


def test_exactly_the_task_step(submission):
    """equals ½(J + Jᵀ) for the task's central differences with h_j = eps^(1/3)·max(1, |x_j|), to 1e-13"""
    grad = lambda v: np.array([np.exp(2 * v[0]) * v[1], np.exp(2 * v[0]) / 2 + np.sin(3 * v[1])])  # noqa: E731
    x = np.array([0.4, -0.6])
    exact = np.array([[2 * np.exp(0.8) * x[1], np.exp(0.8)], [np.exp(0.8), 3 * np.cos(3 * x[1])]])
    H, raw = _run(submission, grad, x, exact, "f = exp(2·x0)·x1/2 − cos(3·x1)/3", rtol=1e-7)
    want = 0.5 * (raw + raw.T)
    assert not np.array_equal(raw, raw.T)  # so averaging and copying a triangle differ here
    err = np.abs(H - want).max() / np.abs(want).max()
    if err > 1e-13:
        fail(f"Called {last_call()}; returned {show(H)}; the task's symmetrized central differences are {show(want)} "
             f"(relative difference {err:.1e}, allowed 1e-13, a few hundred rounding errors): use exactly "
             "h_j = eps ** (1/3) * max(1, |x_j|), and symmetrize by averaging, 0.5 * (H + H.T) — copying one "
             "triangle onto the other is symmetric too, but throws half of the differences away.")
