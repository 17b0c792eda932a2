"""Hidden tests of exercise 8.5 — newton_step(w, X, y, lam) and fit_newton(X, y, lam=1e-2, n_steps=10)."""

import importlib.util
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect, fail, function, last_call, show

INVERSES = ("numpy.linalg.inv", "numpy.linalg.pinv", "scipy.linalg.inv", "scipy.linalg.pinv", "scipy.linalg.pinvh",
            "torch.linalg.inv", "torch.inverse", "torch.linalg.pinv")


def _breast_cancer():
    """scikit-learn's breast-cancer data, standardized like StandardScaler, read from the CSV it ships
    (importing scikit-learn would cost seconds of the time limit). Same numbers as load_breast_cancer()."""
    folder = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    data = np.loadtxt(os.path.join(folder, "datasets", "data", "breast_cancer.csv"), delimiter=",", skiprows=1)
    X, y = data[:, :-1], data[:, -1]
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def _parts(w, X, y, lam, *, weighted=True, n_in_H=True, n_in_g=True, lam_in_H=True, lam_in_g=True, sign=1.0):
    """Gradient and Hessian of the regularized logistic loss, or of one of the usual mistakes."""
    n, d = X.shape
    with np.errstate(over="ignore"):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
    g = sign * X.T @ (p - y) / (n if n_in_g else 1) + (lam * w if lam_in_g else 0)
    s = p * (1 - p) if weighted else np.ones(n)
    H = X.T @ (s[:, None] * X) / (n if n_in_H else 1) + (lam * np.eye(d) if lam_in_H else 0)
    return g, H


def _step(w, X, y, lam, **mistake):
    direction = -1.0 if mistake.pop("plus", False) else 1.0
    g, H = _parts(w, X, y, lam, **mistake)
    return w - direction * np.linalg.solve(H, g)


MISTAKES = {
    "plus": ("you stepped w + Δ: Newton's step goes AGAINST the gradient, w - Δ with H Δ = g", {"plus": True}),
    "sign": ("your gradient has the wrong sign: it is X.T @ (p - y) / n + lam * w (p - y, not y - p)", {"sign": -1.0}),
    "weighted": ("your Hessian lacks the weights s = p (1 - p): it is X.T @ (s[:, None] * X) / n + lam * I, not "
                 "X.T @ X / n + lam * I (that is the Hessian of least squares, not of the logistic loss)",
                 {"weighted": False}),
    "n_in_H": ("your Hessian is not divided by n: the loss is a MEAN over samples, so H = X.T @ (s[:, None] * X) / n "
               "+ lam * I", {"n_in_H": False}),
    "n_in_g": ("your gradient is not divided by n: the loss is a MEAN over samples, so g = X.T @ (p - y) / n + lam * w",
               {"n_in_g": False}),
    "lam_in_H": ("your Hessian lacks the regularization: (lam/2) ‖w‖² adds lam * I to H", {"lam_in_H": False}),
    "lam_in_g": ("your gradient lacks the regularization: (lam/2) ‖w‖² adds lam * w to g", {"lam_in_g": False}),
}


def _check_step(submission, w, X, y, lam, because=""):
    w, X, y = (np.array(v, dtype=float) for v in (w, X, y))
    expected = _step(w, X, y, lam)
    with np.errstate(all="ignore"):
        got = call(function(submission, "newton_step"), w, X, y, lam)
    why = f" ({because})" if because else ""
    try:
        w_new = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected the new weights, an array of shape {w.shape}.")
    if w_new.shape != w.shape:
        fail(f"Called {last_call()}; returned an array of shape {w_new.shape}; expected {w.shape} (one weight per feature).")
    if np.allclose(w_new, expected, rtol=1e-9, atol=1e-12 * max(1.0, np.abs(expected).max())):
        return w_new
    named = []
    for message, mistake in MISTAKES.values():
        with np.errstate(all="ignore"):
            v = _step(w, X, y, lam, **dict(mistake))
        if np.all(np.isfinite(v)) and np.allclose(w_new, v, rtol=1e-9, atol=1e-12 * max(1.0, np.abs(v).max())):
            named.append(message)
    if named:  # at w = 0 a wrong-signed gradient and a w + Δ update give the same step: name both
        fail(f"Called {last_call()}; returned {show(w_new)}; expected {show(expected)}{why}: " + "; or ".join(named) + ".")
    g, _ = _parts(w, X, y, lam)
    if np.allclose(w_new, w - g, rtol=1e-9) or np.allclose(w_new, w - 0.1 * g, rtol=1e-9):
        fail(f"Called {last_call()}; returned {show(w_new)}, a gradient-descent step; expected the Newton step "
             f"{show(expected)}{why}: solve H Δ = g with the Hessian and return w - Δ.")
    fail(f"Called {last_call()}; returned {show(w_new)}; expected w - Δ = {show(expected)} with H Δ = g{why}.")


HAND_X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
HAND_Y = np.array([1.0, 0.0, 1.0])


def test_one_step_from_zero(submission):
    """one step from w = 0 on 3 samples, 2 features, lam = 0.1: w = (1.385281, -0.432900)"""
    _check_step(submission, np.zeros(2), HAND_X, HAND_Y, 0.1, "at w = 0 every p is 0.5, so s = 0.25")


def test_one_step_from_elsewhere(submission):
    """one step from w = (2, -1) on the same data, lam = 0.5 (p is no longer 0.5)"""
    _check_step(submission, np.array([2.0, -1.0]), HAND_X, HAND_Y, 0.5)


def test_step_on_real_data(submission):
    """one step from w = 0 on the 569 × 30 standardized breast-cancer data, lam = 0.01"""
    X, y = _breast_cancer()
    _check_step(submission, np.zeros(30), X, y, 0.01, "scikit-learn's breast-cancer set")


def test_duplicated_feature(submission):
    """a duplicated feature (XᵀX singular) still gives a step, since lam * I makes H positive definite"""
    X, y = _breast_cancer()
    X = np.column_stack([X[:, :3], X[:, 0]])
    _check_step(submission, np.zeros(4), X, y, 1e-3, "columns 0 and 3 are equal: XᵀX is singular, H is not")


def test_solves_not_inverts(submission):
    """solves H Δ = g: still works when np.linalg.inv, pinv and their SciPy/PyTorch versions are unavailable"""
    f = function(submission, "newton_step")
    with blocked(*INVERSES, reason="solve H Δ = g instead of inverting H"):
        try:
            got = call(f, np.zeros(2), HAND_X, HAND_Y, 0.1)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nWrite np.linalg.solve(H, g), not np.linalg.inv(H) @ g: the solve costs a third as much and "
                     "its error does not grow with H's condition number the way the inverse's residual does.")
            raise
    expect(np.allclose(np.asarray(got, dtype=float), _step(np.zeros(2), HAND_X, HAND_Y, 0.1), rtol=1e-9), got=got,
           expected=_step(np.zeros(2), HAND_X, HAND_Y, 0.1), because="w - Δ with H Δ = g")


def _reference_fit(X, y, lam, n_steps):
    w = np.zeros(X.shape[1])
    norms = []
    for k in range(n_steps + 1):
        norms.append(np.linalg.norm(_parts(w, X, y, lam)[0]))
        if k < n_steps:
            w = _step(w, X, y, lam)
    return w, np.array(norms)


def _fit(submission, X, y, *args, because="", **kwargs):
    lam = args[0] if args else kwargs.get("lam", 1e-2)
    n_steps = args[1] if len(args) > 1 else kwargs.get("n_steps", 10)
    w_ref, norms_ref = _reference_fit(X, y, lam, n_steps)
    with np.errstate(all="ignore"):
        got = call(function(submission, "fit_newton"), X, y, *args, **kwargs)
    why = f" ({because})" if because else ""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected the pair (w, grad_norms).")
    w, norms = (np.asarray(v, dtype=float) for v in got)
    if norms.shape != (n_steps + 1,):
        fail(f"Called {last_call()}; grad_norms has shape {norms.shape}; expected ({n_steps + 1},): the gradient norm "
             f"at the start and after each of the {n_steps} steps{why}.")
    if not np.isclose(norms[0], norms_ref[0], rtol=1e-9):
        fail(f"Called {last_call()}; grad_norms[0] = {norms[0]:.10g}; expected ‖g(0)‖ = {norms_ref[0]:.10g}{why}: "
             "start from w = np.zeros(n_features) and record the norm of the gradient there, before the first step.")
    if w.shape != w_ref.shape or not np.allclose(w, w_ref, rtol=1e-7, atol=1e-9):
        fail(f"Called {last_call()}; the final w differs from the expected {show(w_ref)} (got {show(w)}){why}: take "
             f"exactly {n_steps} steps of newton_step from w = 0 with lam = {lam:g}.")
    scale = norms_ref[0]
    if not np.allclose(norms, norms_ref, rtol=1e-6, atol=1e-12 * scale):
        i = int(np.argmax(~np.isclose(norms, norms_ref, rtol=1e-6, atol=1e-12 * scale)))
        fail(f"Called {last_call()}; grad_norms[{i}] = {norms[i]:.6g}, expected {norms_ref[i]:.6g}{why}: grad_norms[k] "
             "is ‖g‖ (the 2-norm of the gradient, regularization included) at the weights after k steps.")
    return w, norms


def test_fit_defaults_on_breast_cancer(submission):
    """fit_newton(X, y) with its defaults (lam = 0.01, 10 steps) on breast cancer: 11 gradient norms, optimum reached"""
    X, y = _breast_cancer()
    w, norms = _fit(submission, X, y)
    if norms[-1] > 1e-12 * norms[0]:
        fail(f"Called {last_call()}; after 10 steps ‖g‖ = {norms[-1]:.3g}; Newton's method should have driven it to "
             "rounding level (below 1e-12 ‖g(0)‖).")


@pytest.mark.parametrize("lam, n_steps", [(0.1, 3), (1.0, 1), (0.01, 0)])
def test_fit_other_arguments(submission, lam, n_steps):
    """fit_newton honours lam and n_steps: (0.1, 3 steps), (1.0, 1 step), and 0 steps returns w = 0 with one norm"""
    X, y = _breast_cancer()
    _fit(submission, X[:, :5], y, lam=lam, n_steps=n_steps, because=f"lam = {lam:g}, n_steps = {n_steps}")


@settings(max_examples=20, deadline=None)
@given(n=st.integers(5, 40), d=st.integers(1, 5), lam=st.sampled_from([1e-3, 0.1, 10.0]), seed=st.integers(0, 2**32 - 1))
def test_property_random_steps(submission, n, d, lam, seed):
    """on random data (up to 40 samples, 5 features) a step from a random w equals w - H⁻¹g"""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = (rng.random(n) < 0.5).astype(float)
    _check_step(submission, rng.standard_normal(d), X, y, lam)
