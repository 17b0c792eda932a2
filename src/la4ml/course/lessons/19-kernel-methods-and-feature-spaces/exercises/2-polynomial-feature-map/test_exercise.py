"""Hidden tests of exercise 19.2 — poly_kernel(X, Y=None, degree=2, coef0=1.0) and poly2_features(X, coef0=1.0)."""

import numpy as np

from la4ml.course.grading import call, expect_close, expect_shape, fail, function, last_call, show

EPS = np.finfo(float).eps


def _phi(X, c):
    n, d = X.shape
    i, j = np.triu_indices(d, 1)
    return np.hstack([np.full((n, 1), float(c)), np.sqrt(2 * c) * X, X**2, np.sqrt(2) * X[:, i] * X[:, j]])


def _kernel(submission, X, Y=None, **kw):
    f = function(submission, "poly_kernel")
    got = call(f, X, **kw) if Y is None else call(f, X, Y, **kw)
    Yr = X if Y is None else Y
    K = expect_shape(got, (len(X), len(Yr)), what="K")
    deg, c = kw.get("degree", 2), kw.get("coef0", 1.0)
    want = (X @ Yr.T + c) ** deg
    if np.allclose(K, want, rtol=1e-12, atol=0):
        return
    if c != 0 and np.allclose(K, (X @ Yr.T) ** deg, rtol=1e-12, atol=0):
        default = "" if "coef0" in kw else " (coef0 was not passed: its default must be 1.0)"
        fail(f"Called {last_call()}; returned {show(K)} = (X Yᵀ)^{deg}: the constant coef0 = {c:g} is missing{default}. Expected "
             f"(X Yᵀ + coef0)^{deg} = {show(want)}; without coef0 the kernel loses every lower-degree term (the "
             "constant and the linear features).")
    if np.allclose(K, (X @ Yr.T) ** deg + c, rtol=1e-12, atol=0):
        fail(f"Called {last_call()}; returned (X Yᵀ)^{deg} + coef0; expected (X Yᵀ + coef0)^{deg} = {show(want)}: add "
             "coef0 inside the power.")
    if K.shape[0] == K.shape[1] and np.allclose(K, want.T, rtol=1e-12, atol=0) and not np.allclose(want, want.T):
        fail(f"Called {last_call()}; returned the transpose of the expected {show(want)}: rows follow X, columns Y.")
    expect_close(K, want, rtol=1e-12, atol=0, what="K", because=f"K[i, j] = (X[i] @ Y[j] + {c:g})^{deg}")


def _features(submission, X, **kw):
    f = function(submission, "poly2_features")
    got = call(f, X, **kw)
    n, d = X.shape
    width = 1 + d + d * (d + 1) // 2
    c = kw.get("coef0", 1.0)
    try:
        Phi = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape ({n}, {width}).")
    if d > 1 and Phi.ndim == 2 and Phi.shape[0] == n and Phi.shape[1] == 1 + d + d * d:
        fail(f"Called {last_call()}; Phi has {Phi.shape[1]} columns: all d² products x_i x_j (both orders). Expected "
             f"{width} = 1 + d + d(d+1)/2: the squares x_i² once and each pair i < j once, scaled by √2.")
    Phi = expect_shape(Phi, (n, width), what="Phi")
    K = (X @ X.T + c) ** 2
    G = Phi @ Phi.T
    if not np.allclose(G, K, rtol=1e-10, atol=1e-12 * np.abs(K).max()):
        want = _phi(X, c)
        if "coef0" not in kw and np.allclose(G, (X @ X.T) ** 2, rtol=1e-10, atol=1e-12 * np.abs(K).max()):
            fail(f"Called {last_call()}; Phi @ Phi.T = (X Xᵀ)²: coef0 was not passed and its default must be 1.0, so "
                 "Phi @ Phi.T must be (X Xᵀ + 1)²; with coef0 = 0 the constant and linear features vanish.")
        lin = Phi[:, 1:1 + d]
        cross = Phi[:, 1 + 2 * d:]
        if d > 1 and np.allclose(np.abs(cross), np.abs(want[:, 1 + 2 * d:]) / np.sqrt(2)):
            fail(f"Called {last_call()}; Phi @ Phi.T ≠ (X Xᵀ + c)²: the cross features are x_i·x_j without the √2. Each "
                 "cross term x_i x_j y_i y_j appears twice in (xᵀy)², so its feature is √2·x_i·x_j.")
        if c not in (0.0, 1.0) and np.allclose(np.abs(lin), np.sqrt(2) * np.abs(X)):
            fail(f"Called {last_call()}; with coef0 = {c:g} the linear features are √2·x_i; expected √(2·coef0)·x_i = "
                 f"{np.sqrt(2 * c):.6g}·x_i, because 2c·xᵀy = Σ (√(2c) x_i)(√(2c) y_i).")
        if c not in (0.0, 1.0) and np.allclose(np.abs(Phi[:, 0]), np.sqrt(c)):
            fail(f"Called {last_call()}; the constant feature is √coef0 = {np.sqrt(c):.6g}; expected coef0 = {c:g}, "
                 "because the constant term of (xᵀy + c)² is c² = c·c.")
        expect_close(G, K, rtol=1e-10, atol=1e-12 * np.abs(K).max(), what="Phi @ Phi.T",
                     because=f"the feature map must reproduce the kernel (xᵀy + {c:g})²")
    want = _phi(X, c)
    if not np.allclose(Phi, want, rtol=1e-12, atol=1e-15 * max(np.abs(want).max(), 1.0)):
        fail(f"Called {last_call()}; Phi @ Phi.T is right but the columns are not in the order asked: expected "
             f"{show(want)}, got {show(Phi)} (constant; √(2c)·x_i; x_i²; √2·x_i·x_j for i < j in np.triu_indices order).")
    return Phi


def test_hand_example(submission):
    """x = (2,), y = (3,): poly_kernel gives 49 and φ(2) = (1, 2√2, 4)"""
    _kernel(submission, np.array([[2.0]]), np.array([[3.0]]))
    _features(submission, np.array([[2.0]]))


def test_kernel_defaults_and_non_square(submission):
    """poly_kernel(X) with the defaults degree=2, coef0=1, and X (4 × 3) against Y (2 × 3)"""
    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((4, 3)), rng.standard_normal((2, 3))
    _kernel(submission, X)
    _kernel(submission, X, Y)


def test_kernel_degree_and_coef0(submission):
    """poly_kernel with degree=3, coef0=0.5 and with degree=1, coef0=2"""
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((3, 2)), rng.standard_normal((5, 2))
    _kernel(submission, X, Y, degree=3, coef0=0.5)
    _kernel(submission, X, Y, degree=1, coef0=2.0)


def test_kernel_degree_four(submission):
    """poly_kernel(X, degree=4, coef0=1.5) on 6 samples with 4 features (a symmetric 6 × 6 matrix)"""
    _kernel(submission, np.random.default_rng(5).standard_normal((6, 4)), degree=4, coef0=1.5)


def test_features_default_coef0(submission):
    """poly2_features(X) for 5 samples with 3 features: 10 columns, Phi Phiᵀ = (XXᵀ + 1)²"""
    _features(submission, np.random.default_rng(6).standard_normal((5, 3)))


def test_features_coef0_two(submission):
    """poly2_features(X, coef0=2): the linear features are scaled by √(2·2) = 2, the constant is 2"""
    _features(submission, np.random.default_rng(7).standard_normal((4, 2)), coef0=2.0)


def test_features_coef0_zero(submission):
    """poly2_features(X, coef0=0): constant and linear columns are zero, Phi Phiᵀ = (XXᵀ)²"""
    _features(submission, np.random.default_rng(8).standard_normal((3, 4)), coef0=0.0)


def test_features_scales(submission):
    """features at scales 1e-3 and 1e3 (and a single sample with 5 features)"""
    rng = np.random.default_rng(9)
    _features(submission, 1e-3 * rng.standard_normal((3, 2)), coef0=1e-6)
    _features(submission, 1e3 * rng.standard_normal((3, 2)), coef0=1e6)
    _features(submission, rng.standard_normal((1, 5)))
