"""Hidden tests of exercise 22.5 — fit_polynomial_qr(x, y, degree) and training_mse_by_degree(x, y, max_degree)."""

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes

EPS = np.finfo(float).eps
BLOCKED = ("numpy.linalg.lstsq", "scipy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.pinv", "numpy.polyfit",
           "numpy.polynomial.polynomial.polyfit", "numpy.linalg.inv", "scipy.linalg.inv",
           "sklearn.linear_model.LinearRegression.fit", "la4ml.factorizations.lstsq_qr")
X_DIAB, Y_DIAB = load_diabetes(return_X_y=True)
BMI = X_DIAB[:, 2]


def _reference(x, y, degree):
    return np.linalg.lstsq(np.vander(x, degree + 1, increasing=True), y, rcond=None)[0]


def _fit(submission, x, y, degree):
    f = function(submission, "fit_polynomial_qr")
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    try:
        with blocked(*BLOCKED, reason="solve by QR: np.linalg.qr and scipy.linalg.solve_triangular"):
            got = call(f, x, y, degree)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nThe exercise is to solve least squares by QR yourself: Q, R = np.linalg.qr(V), then "
                 "scipy.linalg.solve_triangular(R, Q.T @ y).")
        raise
    coef = np.asarray(got, dtype=float)
    if coef.shape != (degree + 1,):
        fail(f"Called {last_call()}; returned shape {coef.shape}; expected ({degree + 1},), one coefficient per power "
             f"0, 1, ..., {degree}.")
    return x, y, coef


def _check_fit(submission, x, y, degree, because=""):
    x, y, coef = _fit(submission, x, y, degree)
    ref = _reference(x, y, degree)
    V = np.vander(x, degree + 1, increasing=True)
    kappa = np.linalg.cond(V)
    r = y - V @ ref
    rel_res = np.linalg.norm(r) / (np.linalg.norm(V, 2) * max(np.linalg.norm(ref), np.finfo(float).tiny))
    tol = 10 * len(x) * EPS * (kappa + kappa**2 * rel_res)
    err = np.linalg.norm(coef - ref) / max(np.linalg.norm(ref), np.finfo(float).tiny)
    if err > tol:
        if degree > 0 and np.linalg.norm(coef[::-1] - ref) <= tol * np.linalg.norm(ref) * 10:
            fail(f"Called {last_call()}; returned {show(coef)}; expected {show(ref)}: the same numbers in reverse order. "
                 "np.vander's default puts the highest power first; use increasing=True so coef[k] multiplies x**k.")
        ne = np.linalg.solve(V.T @ V, V.T @ y)
        ne_err = np.linalg.norm(ne - ref) / np.linalg.norm(ref)
        hint = ""
        if kappa > 1e5 and err > 100 * tol and err < 100 * max(ne_err, tol):
            hint = (f" κ(V) = {kappa:.1e}: your error, {err:.1e}, is the size of the normal equations' ({ne_err:.1e}): "
                    "VᵀV has condition number κ², so they lose twice the digits. Solve R c = Qᵀ y instead.")
        fail(f"Called {last_call()}; returned {show(coef)}; expected {show(ref)} (the least-squares coefficients), "
             f"relative error {err:.1e} > {tol:.1e} (10·n·eps·κ for κ(V) = {kappa:.2g}).{hint} {because}")
    return coef


def test_line_through_three_points(submission):
    """degree 1 through (0, 1), (1, 2), (2, 4): coefficients (5/6, 1.5), constant term first"""
    coef = _check_fit(submission, [0.0, 1.0, 2.0], [1.0, 2.0, 4.0], 1)
    expect_close(coef, [5 / 6, 1.5], rtol=0, atol=100 * EPS, what="coef")


def test_diabetes_cubic(submission):
    """cubic fit of the diabetes target on BMI equals the least-squares coefficients"""
    _check_fit(submission, BMI, Y_DIAB, 3)


def test_diabetes_degree_8(submission):
    """degree 8 on BMI (κ(V) ≈ 4e9): still the least-squares coefficients to κ·eps"""
    _check_fit(submission, BMI, Y_DIAB, 8)


def test_exact_polynomial_ill_conditioned(submission):
    """exact data from a degree-9 polynomial on 50 points of [0, 1] (κ ≈ 3.6e6): coefficients to about 10 digits"""
    x = np.linspace(0.0, 1.0, 50)
    _check_fit(submission, x, np.vander(x, 10, increasing=True) @ np.ones(10), 9)


def test_degree_zero(submission):
    """degree 0 returns [mean(y)]"""
    coef = _check_fit(submission, BMI[:40], Y_DIAB[:40], 0)
    expect_close(coef, [np.mean(Y_DIAB[:40])], rtol=1e-12, what="coef")


def test_scales(submission):
    """y · 1e6 and y · 1e-6 scale the coefficients by the same factor (relative accuracy)"""
    for s in (1e6, 1e-6):
        _check_fit(submission, BMI, s * Y_DIAB, 4)


def test_interpolation_degree(submission):
    """degree = n_samples - 1 interpolates 5 points exactly; degree = n_samples raises ValueError"""
    x = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    _check_fit(submission, x, x**4 - x, 4)
    f = function(submission, "fit_polynomial_qr")
    try:
        got = f(x, x**4 - x, 5)
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001
        fail(f"fit_polynomial_qr(x of 5 samples, y, degree=5) raised {type(exc).__name__}: {exc}; expected ValueError: "
             "6 coefficients cannot be determined from 5 points.")
    fail(f"fit_polynomial_qr(x of 5 samples, y, degree=5) returned {show(got)}; expected ValueError: 6 coefficients "
         "cannot be determined from 5 points (test degree + 1 > len(x) first).")


def test_does_not_modify_inputs(submission):
    """x and y are left unchanged"""
    f = function(submission, "fit_polynomial_qr")
    x, y = BMI[:30].copy(), Y_DIAB[:30].copy()
    call(f, x, y, 2)
    if not (np.array_equal(x, BMI[:30]) and np.array_equal(y, Y_DIAB[:30])):
        fail(f"Called {last_call()}; afterwards x or y had changed; expected both unchanged.")


def _mse_ref(x, y, max_degree):
    out = []
    for d in range(max_degree + 1):
        V = np.vander(x, d + 1, increasing=True)
        out.append(np.mean((V @ _reference(x, y, d) - y) ** 2))
    return np.array(out)


def _mse(submission, x, y, max_degree):
    f = function(submission, "training_mse_by_degree")
    with blocked(*BLOCKED, reason="use your fit_polynomial_qr"):
        got = call(f, np.array(x, dtype=float), np.array(y, dtype=float), max_degree)
    mse = np.asarray(got, dtype=float)
    if mse.shape != (max_degree + 1,):
        fail(f"Called {last_call()}; returned shape {mse.shape}; expected ({max_degree + 1},): one MSE for each degree "
             f"0, 1, ..., {max_degree} (degree 0 and max_degree included).")
    ref = _mse_ref(np.asarray(x, dtype=float), np.asarray(y, dtype=float), max_degree)
    if not np.allclose(mse, ref, rtol=1e-9, atol=0):
        n = len(x)
        if np.allclose(mse, ref * n, rtol=1e-9):
            fail(f"Called {last_call()}; returned {show(mse)}; expected {show(ref)}: yours are {n} times too large. "
                 "The mean squared error divides the sum of squares by the number of samples (np.mean).")
        if np.allclose(mse, np.sqrt(ref), rtol=1e-9):
            fail(f"Called {last_call()}; returned {show(mse)}; expected {show(ref)}: you returned the root mean squared "
                 "error; the task asks for the mean squared error (no square root).")
        if np.allclose(mse[:-1], ref[1:], rtol=1e-9) or np.allclose(mse[1:], ref[:-1], rtol=1e-9):
            fail(f"Called {last_call()}; returned {show(mse)}; expected {show(ref)}: shifted by one degree. mse[d] "
                 "belongs to degree d, from 0 (the constant fit) to max_degree.")
        expect_close(mse, ref, rtol=1e-9, atol=0, what="the MSEs",
                     because="mse[d] is np.mean((V_d @ coef_d - y) ** 2) with the least-squares coef_d of degree d")
    return mse


def test_mse_diabetes(submission):
    """training MSE of degrees 0..8 on BMI: the right values, non-increasing (nested models)"""
    mse = _mse(submission, BMI, Y_DIAB, 8)
    if np.any(np.diff(mse) > 1e-9 * mse[0]):
        fail(f"Called {last_call()}; returned {show(mse)}, which goes up somewhere; a higher degree contains every "
             "lower-degree polynomial, so its training MSE cannot be larger.")


def test_mse_degree_zero_is_variance(submission):
    """with max_degree = 0 the result is [np.var(y)] (the constant fit is the mean)"""
    mse = _mse(submission, BMI[:50], Y_DIAB[:50], 0)
    expect_close(mse, [np.var(Y_DIAB[:50])], rtol=1e-12, what="mse")
