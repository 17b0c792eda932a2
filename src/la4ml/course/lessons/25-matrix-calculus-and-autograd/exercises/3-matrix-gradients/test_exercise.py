"""Hidden tests of exercise 25.3 — matrix_gradients(A, X, Y, W) = (Aᵀ, 2Xᵀ(XW − Y))."""

import numpy as np
import pytest

from la4ml.calculus import numerical_gradient
from la4ml.course.grading import call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _data(m, q, k, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    return tuple(scale * rng.standard_normal(s) for s in [(k, q), (m, q), (m, k), (q, k)])


def _run(submission, A, X, Y, W, what):
    args = [np.array(a, dtype=float) for a in (A, X, Y, W)]
    before = [a.copy() for a in args]
    got = call(function(submission, "matrix_gradients"), *args)
    if any(not np.array_equal(a, b) for a, b in zip(args, before)):
        fail(f"Called {last_call()}; it modified one of its inputs. Return new arrays.")
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (G_trace, G_fit).")
    A, X, Y, W = before
    Gt, Gf = (np.asarray(v, dtype=float) for v in got)
    q, k = W.shape
    # G_trace
    if Gt.shape != W.shape:
        if Gt.shape == A.shape:
            fail(f"Called {last_call()} on {what}; G_trace has shape {Gt.shape}, the shape of A; a gradient with "
                 f"respect to W has W's shape {W.shape}. tr(AW) = Σ A[i, j] W[j, i], so the gradient is A.T, not A.")
        fail(f"Called {last_call()} on {what}; G_trace has shape {Gt.shape}; expected W's shape {W.shape}.")
    if not np.array_equal(Gt, A.T):
        if q == k and np.array_equal(Gt, A):
            fail(f"Called {last_call()} on {what} (square W); G_trace = {show(Gt)} is A itself; the gradient of tr(AW) "
                 f"with respect to W is A.T = {show(A.T)}: the coefficient of W[j, i] is A[i, j].")
        fail(f"Called {last_call()} on {what}; G_trace = {show(Gt)}, expected A.T = {show(A.T)}.")
    # G_fit
    R = X @ W - Y
    G = 2 * X.T @ R
    if Gf.shape != W.shape:
        if Gf.shape == (k, q):
            fail(f"Called {last_call()} on {what}; G_fit has shape {Gf.shape}, W's transpose; expected {W.shape}: "
                 "2 * X.T @ (X @ W - Y), not 2 * (X @ W - Y).T @ X.")
        fail(f"Called {last_call()} on {what}; G_fit has shape {Gf.shape}; expected W's shape {W.shape}.")
    scale = 2 * np.abs(X).max() * np.abs(R).max() * X.shape[0] + 1e-300
    tol = 10 * X.shape[0] * EPS * scale
    if np.abs(Gf - G).max() > tol:
        m = X.shape[0]
        wrong = [(G / 2, "Xᵀ(XW − Y): the factor 2 from the square is missing (the loss here has no ½)"),
                 (G / m, f"2Xᵀ(XW − Y)/m: the task's loss is a SUM of squares, not a mean — do not divide by m = {m}"),
                 (G / (m * k), "the gradient of the MEAN squared error; the task's loss is the sum"),
                 (-G, "the negative gradient 2Xᵀ(Y − XW): the residual is XW − Y"),
                 (2 * X.T @ X @ W, "2XᵀXW: the − 2XᵀY term is missing")]
        for cand, why in wrong:
            if np.abs(Gf - cand).max() <= tol:
                fail(f"Called {last_call()} on {what}; G_fit = {show(Gf)}, expected 2Xᵀ(XW − Y) = {show(G)}; you "
                     f"returned {why}.")
        fail(f"Called {last_call()} on {what}; G_fit = {show(Gf)}, expected 2Xᵀ(XW − Y) = {show(G)}.")
    return Gt, Gf


def test_non_square_shapes(submission):
    """W of shape (4, 2), A of shape (2, 4): both gradients have W's shape and the right values"""
    _run(submission, *_data(6, 4, 2), "m = 6, q = 4, k = 2")


def test_square_w(submission):
    """a square W (3 × 3), where A and A.T have the same shape"""
    _run(submission, *_data(5, 3, 3, seed=1), "a square W of shape (3, 3)")


def test_one_output_column(submission):
    """k = 1: one column of W (Part 14's regression gradient 2Xᵀ(Xw − y))"""
    _run(submission, *_data(7, 3, 1, seed=2), "k = 1")


def test_exact_fit_gives_zero(submission):
    """Y = XW exactly: the fit gradient is 0"""
    A, X, _, W = _data(5, 2, 3, seed=3)
    _run(submission, A, X, X @ W, W, "Y = XW")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scales(submission, scale):
    """correct to rounding with all matrices scaled by 1e-6 or 1e6"""
    _run(submission, *_data(6, 4, 2, seed=4, scale=scale), f"matrices scaled by {scale:g}")


def test_matches_central_differences(submission):
    """both gradients equal central differences of the two losses to 1e-8 relative"""
    A, X, Y, W = _data(8, 5, 3, seed=5)
    Gt, Gf = _run(submission, A, X, Y, W, "m = 8, q = 5, k = 3")
    for name, G, f in (("G_trace", Gt, lambda w: np.trace(A @ w)), ("G_fit", Gf, lambda w: np.sum((X @ w - Y) ** 2))):
        fd = numerical_gradient(f, W)
        err = np.linalg.norm(G - fd) / np.linalg.norm(fd)
        if err > 1e-8:
            fail(f"Called {last_call()}; {name} differs from central differences of its loss by {err:.1e} relative.")
