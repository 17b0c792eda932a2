"""Hidden tests of exercise 25.5 — logistic_gradient(X, y, w) = Xᵀ(σ(Xw) − y)/n."""

from functools import lru_cache

import numpy as np
import pytest
from scipy.special import expit

from la4ml.calculus import gradient_check
from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_breast_cancer


@lru_cache(maxsize=1)
def _cancer():
    data = load_breast_cancer()
    X = (data.data - data.data.mean(0)) / data.data.std(0)
    return np.column_stack([X, np.ones(len(X))]), data.target.astype(float)


def _run(submission, X, y, w, what):
    X, y, w = (np.array(a, dtype=float) for a in (X, y, w))
    before = [a.copy() for a in (X, y, w)]
    got = call(function(submission, "logistic_gradient"), X, y, w)
    if any(not np.array_equal(a, b) for a, b in zip((X, y, w), before)):
        fail(f"Called {last_call()}; it modified one of its inputs.")
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an ndarray of shape ({X.shape[1]},).")
    n, d = X.shape
    if g.shape != (d,):
        fail(f"Called {last_call()} on {what}; returned shape {g.shape}; expected ({d},): one entry per weight "
             f"(X has {d} columns). Use X.T @ (p - y), not X @ ... .")
    if not np.all(np.isfinite(g)):
        fail(f"Called {last_call()} on {what} (scores up to |Xw| = {np.abs(X @ w).max():.0f}); the gradient "
             f"{show(g)} is not finite: the sigmoid overflowed. exp(z) / (1 + exp(z)) is inf / inf = nan at z = 1000; "
             "use scipy.special.expit(z).")
    p = expit(X @ w)
    want = X.T @ (p - y) / n
    scale = np.abs(X).max() + 1e-300
    tol = 10 * n * np.finfo(float).eps * scale
    if np.abs(g - want).max() > tol:
        wrong = [(-want, "the NEGATIVE gradient Xᵀ(y − p)/n: the loss grows when p moves away from y, so the gradient "
                  "is Xᵀ(p − y)/n"),
                 (want * n, f"the SUM over samples: divide by n = {n}, the number of samples (the loss is a mean)"),
                 (want * n / d, f"a division by d = {d}, the number of features; the mean is over the n = {n} samples"),
                 (X.T @ (expit(-(X @ w)) - y) / n, "σ(−Xw) in place of σ(Xw): the probability of label 1 is "
                  "expit(X @ w) = 1 / (1 + exp(−Xw))"),
                 (want * n / (n - 1), f"a division by n − 1 = {n - 1}: the mean loss divides by n = {n}"),
                 (X.T @ (p * (1 - p) - y) / n, "σ'(z) = σ(z)(1 − σ(z)) in place of σ(z): the derivative of "
                  "log(1 + e^z) is σ(z) itself"),
                 (X.T @ (X @ w - y) / n, "the least-squares gradient Xᵀ(Xw − y)/n: pass the scores through the "
                  "sigmoid, p = expit(X @ w)")]
        for cand, why in wrong:
            if np.abs(g - cand).max() <= tol * max(1.0, n):
                fail(f"Called {last_call()} on {what}; returned {show(g)}, expected Xᵀ(σ(Xw) − y)/n = {show(want)}; "
                     f"you computed {why}.")
        fail(f"Called {last_call()} on {what}; returned {show(g)}, expected Xᵀ(σ(Xw) − y)/n = {show(want)} "
             f"(largest difference {np.abs(g - want).max():.1e}).")
    return g


def test_breast_cancer_at_zero(submission):
    """on the breast-cancer data (569 × 31) at w = 0: equals Xᵀ(½ − y)/n"""
    X, y = (a.copy() for a in _cancer())
    _run(submission, X, y, np.zeros(X.shape[1]), "the breast-cancer data at w = 0")


def test_breast_cancer_gradient_check(submission):
    """on the breast-cancer data at a random w: passes gradient_check against the loss to 1e-8"""
    X, y = (a.copy() for a in _cancer())
    w = np.random.default_rng(0).standard_normal(X.shape[1]) * 0.1
    g = _run(submission, X, y, w, "the breast-cancer data at a random w")
    loss = lambda v: np.mean(np.logaddexp(0.0, X @ v) - y * (X @ v))  # noqa: E731
    err = gradient_check(loss, g, w)
    if err > 1e-8:
        fail(f"Called {last_call()}; gradient_check against central differences of the mean loss gives {err:.1e}.")


def test_tall_and_wide(submission):
    """non-square X: 7 samples × 3 features and 2 samples × 5 features"""
    rng = np.random.default_rng(1)
    for n, d in ((7, 3), (2, 5)):
        _run(submission, rng.standard_normal((n, d)), rng.integers(0, 2, n), rng.standard_normal(d), f"X of shape ({n}, {d})")


@pytest.mark.parametrize("big", [1000.0, -1000.0])
def test_huge_scores_stay_finite(submission, big):
    """stays finite (and exact) for scores of ±1000"""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    w = np.array([big, big / 2])
    _run(submission, X, np.array([1.0, 0.0, 1.0]), w, f"w = ({big:g}, {big / 2:g})")


def test_perfect_predictions_give_zero(submission):
    """labels predicted with certainty (scores ±50 on the right side): gradient ≈ 0"""
    X = np.array([[1.0], [-1.0], [2.0]])
    _run(submission, X, np.array([1.0, 0.0, 1.0]), np.array([50.0]), "certain, correct predictions")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_features(submission, scale):
    """correct when the features are scaled by 1e-6 or 1e6"""
    rng = np.random.default_rng(2)
    X = scale * rng.standard_normal((6, 3))
    _run(submission, X, rng.integers(0, 2, 6), rng.standard_normal(3) / scale, f"features scaled by {scale:g}")
