"""Hidden tests of exercise 19.5 — kernel_ridge_fit(K, y, alpha=1.0) and kernel_ridge_predict(K_test, dual_coef)."""

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, expect_close, expect_shape, fail, function, last_call, show

EPS = np.finfo(float).eps
INVERSES = ("numpy.linalg.inv", "numpy.linalg.pinv", "scipy.linalg.inv", "scipy.linalg.pinv")


def _rbf(A, B, gamma=1.0):
    return np.exp(-gamma * ((A[:, None] - B[None]) ** 2).sum(-1))


def _fit(submission, K, y, **kw):
    f = function(submission, "kernel_ridge_fit")
    try:
        with blocked(*INVERSES, reason="solve the system instead of inverting"):
            return call(f, K, y, **kw)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nDo not form (K + αI)⁻¹: solve (K + αI) c = y with scipy.linalg.cho_factor/cho_solve "
                 "(K + αI is symmetric positive definite) or np.linalg.solve. An inverse costs several times as much "
                 "and loses accuracy.")
        raise


def _check_fit(submission, K, y, alpha=None, rtol=1e-9):
    kw = {} if alpha is None else {"alpha": alpha}
    a = 1.0 if alpha is None else alpha
    n = len(K)
    got = _fit(submission, K, y, **kw)
    c = expect_shape(got, y.shape, what="dual_coef")
    want = np.linalg.solve(K + a * np.eye(n), y)
    scale = np.abs(want).max()
    if np.allclose(c, want, rtol=rtol, atol=rtol * scale):
        return c
    default = "" if alpha is not None else " (alpha was not passed: its default is 1.0)"
    wrong = [
        (K + a, "(K + α) c = y: α was added to EVERY entry of K, not only to the diagonal. The penalty α‖β‖² becomes "
                "α times the identity: use K + alpha * np.eye(n)"),
        (K + a * n * np.eye(n), f"(K + α·n·I) c = y: α was multiplied by n = {n}. scikit-learn's (and this task's) "
                                "system is (K + αI) c = y, α not scaled by the number of samples"),
        (K + a / n * np.eye(n), f"(K + (α/n)·I) c = y: α was divided by n = {n}; the system is (K + αI) c = y"),
        (K, "K c = y: α is missing from the diagonal"),
    ]
    for M, why in wrong:
        try:
            cand = np.linalg.lstsq(M, y, rcond=None)[0]
        except np.linalg.LinAlgError:
            continue
        if np.allclose(c, cand, rtol=1e-6, atol=1e-6 * np.abs(cand).max()) and not np.allclose(cand, want, rtol=1e-6):
            fail(f"Called {last_call()}; returned {show(c)}, which solves {why}{default}. Expected {show(want)}.")
    expect_close(c, want, rtol=rtol, atol=rtol * scale, what="dual_coef",
                 because=f"it must solve (K + αI) c = y with α = {a:g}{default}")
    return c


def test_hand_example(submission):
    """K = [[1, 0.5], [0.5, 1]], y = (2, 4), alpha = 1: (K + I) c = y gives c = (8/15, 28/15)"""
    K = np.array([[1.0, 0.5], [0.5, 1.0]])
    _check_fit(submission, K, np.array([2.0, 4.0]), alpha=1.0)


def test_default_alpha(submission):
    """kernel_ridge_fit(K, y) without alpha uses alpha = 1.0"""
    Z = np.random.default_rng(1).standard_normal((5, 2))
    _check_fit(submission, _rbf(Z, Z), np.arange(5.0))


def test_singular_kernel_small_alpha(submission):
    """a linear kernel of 8 samples with 2 features (rank 2, singular) with alpha = 1e-3"""
    Z = np.random.default_rng(2).standard_normal((8, 2))
    y = np.sin(np.arange(8.0))
    _check_fit(submission, Z @ Z.T, y, alpha=1e-3, rtol=1e-7)


def test_scales(submission):
    """K and alpha at 1e-6 and at 1e6 (the same system, rescaled): dual_coef scales by 1/scale"""
    Z = np.random.default_rng(3).standard_normal((6, 3))
    K0, y = _rbf(Z, Z, 0.5), np.cos(np.arange(6.0))
    for s in (1e-6, 1e6):
        _check_fit(submission, s * K0, y, alpha=0.1 * s)


def test_several_targets(submission):
    """y with 3 columns (n = 7): dual_coef has shape (7, 3), one column per target"""
    rng = np.random.default_rng(4)
    Z = rng.standard_normal((7, 2))
    _check_fit(submission, _rbf(Z, Z), rng.standard_normal((7, 3)), alpha=0.5)


def test_predict_non_square(submission):
    """kernel_ridge_predict: 3 test points against 5 training points gives 3 predictions K_test @ c"""
    rng = np.random.default_rng(5)
    K_test, c = rng.standard_normal((3, 5)), rng.standard_normal(5)
    got = call(function(submission, "kernel_ridge_predict"), K_test, c)
    if np.shape(got) == (5,):
        fail(f"Called {last_call()}; returned 5 values; expected 3 predictions (one per test point, the rows of K_test): "
             "K_test @ dual_coef, not K_test.T @ dual_coef.")
    expect_close(got, K_test @ c, rtol=1e-12, atol=1e-14, what="y_hat",
                 because="ŷ_a = Σ_i c_i k(t_a, x_i) = (K_test @ dual_coef)[a]")


def test_predict_several_targets(submission):
    """kernel_ridge_predict with dual_coef of shape (5, 2): predictions of shape (4, 2)"""
    rng = np.random.default_rng(6)
    K_test, C = rng.standard_normal((4, 5)), rng.standard_normal((5, 2))
    got = call(function(submission, "kernel_ridge_predict"), K_test, C)
    expect_close(got, K_test @ C, rtol=1e-12, atol=1e-14, what="y_hat", because="one column of predictions per target")


def test_end_to_end_equals_sklearn(submission):
    """fit on 40 noisy samples of sin, predict 10 new ones: what KernelRidge(kernel='precomputed') predicts"""
    import scipy.linalg
    rng = np.random.default_rng(7)
    x = np.sort(rng.uniform(-3, 3, 40))[:, None]
    y = np.sin(x[:, 0]) + 0.1 * rng.standard_normal(40)
    t = np.linspace(-3, 3, 10)[:, None]
    K, K_test = _rbf(x, x, 2.0), _rbf(t, x, 2.0)
    c = _check_fit(submission, K, y, alpha=0.05)
    got = call(function(submission, "kernel_ridge_predict"), K_test, c)
    # scikit-learn's KernelRidge(alpha=0.05, kernel="precomputed") computes exactly this (LAPACK posv)
    want = K_test @ scipy.linalg.solve(K + 0.05 * np.eye(40), y, assume_a="pos")
    expect_close(got, want, rtol=1e-8, atol=1e-10, what="the predictions",
                 because="scikit-learn's KernelRidge(alpha=0.05, kernel='precomputed') predicts K_test (K + 0.05 I)⁻¹ y")
