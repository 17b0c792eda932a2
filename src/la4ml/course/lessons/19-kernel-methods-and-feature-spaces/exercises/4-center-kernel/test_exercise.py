"""Hidden tests of exercise 19.4 — center_kernel(K) and center_test_kernel(K_test, K_train)."""

import numpy as np

from la4ml.course.grading import call, expect_close, expect_shape, fail, function, last_call, show

EPS = np.finfo(float).eps


def _data(seed, n=6, m=3, d=2, offset=3.0, scale=1.0):
    rng = np.random.default_rng(seed)
    X = scale * (rng.standard_normal((n, d)) + offset)
    T = scale * (rng.standard_normal((m, d)) - offset)      # test points elsewhere: their mean differs
    return X, T


def _check_train(submission, K, want, tol):
    got = call(function(submission, "center_kernel"), K)
    Kc = expect_shape(got, K.shape, what="the centered K")
    if np.allclose(Kc, want, rtol=0, atol=tol):
        return
    row = K - K.mean(axis=1, keepdims=True)
    col = K - K.mean(axis=0, keepdims=True)
    cases = [
        (row, "K minus its row means only: that centers one side of each inner product. The result is not symmetric "
              "and its columns do not sum to zero; subtract the column means too and add back the grand mean"),
        (col, "K minus its column means only: subtract the row means too and add back the grand mean"),
        (K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True),
         "row and column means subtracted but the grand mean not added back: φ̄ᵀφ̄ was subtracted twice"),
        (K - K.mean(), "K minus its grand mean: that is not centering the features; subtract row and column means, "
                       "then add the grand mean back"),
        (want * len(K) / (len(K) - 1), "centered, then scaled by n/(n-1)? Centering only subtracts means"),
    ]
    for cand, why in cases:
        if np.allclose(Kc, cand, rtol=0, atol=tol):
            fail(f"Called {last_call()}; returned {show(Kc)}: {why}. Expected {show(want)}.")
    expect_close(Kc, want, rtol=0, atol=tol, what="the centered K",
                 because="(φ_i - φ̄)ᵀ(φ_j - φ̄) = K_ij - row mean_i - column mean_j + grand mean")


def test_linear_kernel_equals_centered_data(submission):
    """center_kernel(X Xᵀ) equals Xc Xcᵀ for 6 points far from the origin"""
    X, _ = _data(0)
    Xc = X - X.mean(axis=0)
    K = X @ X.T
    _check_train(submission, K, Xc @ Xc.T, 100 * EPS * np.abs(K).max())


def test_rbf_kernel_equals_kernel_centerer(submission):
    """an RBF kernel of 7 points: equals H K H with H = I - 11ᵀ/n (what KernelCenterer().fit_transform(K) returns)"""
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((7, 3))
    K = np.exp(-0.5 * ((Z[:, None] - Z[None]) ** 2).sum(-1))
    H = np.eye(7) - np.ones((7, 7)) / 7
    _check_train(submission, K, H @ K @ H, 100 * EPS)


def test_scales(submission):
    """data at scales 1e-6 and 1e6 (kernels near 1e-12 and 1e12): the same relative answer"""
    for scale in (1e-6, 1e6):
        X, _ = _data(2, scale=scale)
        Xc = X - X.mean(axis=0)
        K = X @ X.T
        _check_train(submission, K, Xc @ Xc.T, 100 * EPS * np.abs(K).max())


def test_one_point_and_constant_kernel(submission):
    """a single training point centers to [[0]], and a constant kernel to the zero matrix"""
    _check_train(submission, np.array([[4.0]]), np.zeros((1, 1)), 0.0)
    _check_train(submission, np.full((3, 3), 2.5), np.zeros((3, 3)), 0.0)


def _check_test(submission, K_test, K_train, want, tol):
    got = call(function(submission, "center_test_kernel"), K_test, K_train)
    Kc = expect_shape(got, K_test.shape, what="the centered K_test")
    if np.allclose(Kc, want, rtol=0, atol=tol):
        return
    own = K_test - K_test.mean(axis=1, keepdims=True) - K_test.mean(axis=0, keepdims=True) + K_test.mean()
    if np.allclose(Kc, own, rtol=0, atol=tol):
        fail(f"Called {last_call()}; returned {show(Kc)}, which is K_test centered with its own column and grand means. "
             "Those average over the TEST points; the mean feature φ̄ is the training mean: use K_train.mean(axis=0) "
             f"and K_train.mean(). Expected {show(want)}.")
    swapped = K_test - K_train.mean(axis=1, keepdims=True).T - K_test.mean(axis=0, keepdims=True) + K_train.mean()
    if swapped.shape == Kc.shape and np.allclose(Kc, swapped, rtol=0, atol=tol):
        fail(f"Called {last_call()}; the row and column terms are swapped: φ(t_a)ᵀφ̄ is the mean of ROW a of K_test, "
             f"φ̄ᵀφ(x_i) the mean of column i of K_train. Expected {show(want)}.")
    expect_close(Kc, want, rtol=0, atol=tol, what="the centered K_test",
                 because="(φ(t_a) - φ̄)ᵀ(φ(x_i) - φ̄) with φ̄ the mean of the training features")


def test_test_kernel_linear(submission):
    """center_test_kernel(T Xᵀ, X Xᵀ) equals (T - x̄)(X - x̄)ᵀ with the training mean x̄"""
    X, T = _data(3)
    mu = X.mean(axis=0)
    K_test, K = T @ X.T, X @ X.T
    _check_test(submission, K_test, K, (T - mu) @ (X - mu).T, 100 * EPS * np.abs(K_test).max())


def test_test_kernel_equals_kernel_centerer(submission):
    """RBF kernels, 4 test points against 7 training points: equals KernelCenterer().fit(K).transform(K_test)"""
    rng = np.random.default_rng(4)
    Z, W = rng.standard_normal((7, 2)), rng.standard_normal((4, 2)) + 1.0
    k = lambda A, B: np.exp(-((A[:, None] - B[None]) ** 2).sum(-1))  # noqa: E731
    K, K_test = k(Z, Z), k(W, Z)
    # KernelCenterer's transform: (K_test - 1_m K̄_cols)(I - 11ᵀ/n), i.e. (K_test - 1_m mean_rows(K)) H
    H = np.eye(7) - np.ones((7, 7)) / 7
    want = (K_test - np.ones((4, 7)) @ K / 7) @ H
    _check_test(submission, K_test, K, want, 100 * EPS)


def test_single_test_point_at_scale(submission):
    """one test point at scale 1e6: not centered to zero (its own mean is not the training mean)"""
    X, T = _data(5, m=1, scale=1e6)
    mu = X.mean(axis=0)
    K_test, K = T @ X.T, X @ X.T
    _check_test(submission, K_test, K, (T - mu) @ (X - mu).T, 100 * EPS * np.abs(K).max())
