"""Hidden tests of exercise 24.6 — covariance_from_fit(J, r) = s² (JᵀJ)⁻¹ with s² = ‖r‖²/(m − n)."""

import numpy as np
import scipy.optimize

from la4ml.course.grading import Feedback, call, fail, function, last_call, show


def _decay_fit(seed=0):
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    model = lambda t, a, k: a * np.exp(-k * t)  # noqa: E731
    popt, pcov = scipy.optimize.curve_fit(model, t, y, p0=(1.0, 0.5))
    a, k = popt
    J = np.column_stack([np.exp(-k * t), -a * t * np.exp(-k * t)])
    return J, model(t, a, k) - y, pcov


def _expected(J, r):
    m, n = J.shape
    return (r @ r / (m - n)) * np.linalg.inv(J.T @ J)


def _check(submission, J, r, what):
    J, r = np.array(J, dtype=float), np.array(r, dtype=float)
    J0, r0 = J.copy(), r.copy()
    got = call(function(submission, "covariance_from_fit"), J, r)
    if not (np.array_equal(J, J0) and np.array_equal(r, r0)):
        fail(f"Called {last_call()}; it modified J or r in place.")
    m, n = J.shape
    want = _expected(J0, r0)
    try:
        P = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an ndarray of shape ({n}, {n}).")
    if P.shape == (m, m) and m != n:
        fail(f"Called {last_call()} on {what}; the result has shape {P.shape} = (m, m); expected ({n}, {n}), one row and "
             "column per PARAMETER: that is (JᵀJ)⁻¹ = inv(J.T @ J), not inv(J @ J.T).")
    if P.shape != (n, n):
        fail(f"Called {last_call()} on {what}; the result has shape {P.shape}; expected ({n}, {n}).")
    if np.allclose(P, want, rtol=1e-8, atol=0):
        return
    rr = float(r0 @ r0)
    inv = np.linalg.inv(J0.T @ J0)
    diagnoses = [
        (0.5 * want, "exactly half the expected covariance: s² must be the FULL sum of squares ‖r‖² = r @ r over "
         "(m − n), not the cost ½‖r‖² (SciPy's res.cost is half the sum of squares)"),
        (rr / m * inv, f"s² = ‖r‖²/m; divide by the degrees of freedom m − n = {m} − {n}: the n fitted parameters "
         "used up n directions of the noise"),
        (inv, "(JᵀJ)⁻¹ without the residual variance s² = ‖r‖²/(m − n) (the covariance of absolute_sigma=True with "
         "σ = 1); multiply by s²"),
        ((rr / (m - n)) * (J0.T @ J0), "s² · JᵀJ, without the inverse: the covariance is s² (JᵀJ)⁻¹"),
        (np.sqrt(np.abs(want)), "the entrywise square root (standard errors are sqrt of the DIAGONAL, later); return "
         "the covariance matrix itself"),
    ]
    for value, why in diagnoses:
        if np.allclose(P, value, rtol=1e-8, atol=0):
            fail(f"Called {last_call()} on {what}; returned {show(P)}; expected {show(want)}: yours is {why}.")
    fail(f"Called {last_call()} on {what}; returned {show(P)}; expected s² (JᵀJ)⁻¹ = {show(want)} with "
         f"s² = ‖r‖²/(m − n) = {rr / (m - n):.6g}.")


def _check_raises(submission, J, r, because):
    try:
        got = call(function(submission, "covariance_from_fit"), np.array(J, dtype=float), np.array(r, dtype=float))
    except Feedback as fb:
        if "ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected ValueError, because {because}. Check m <= n first and raise ValueError yourself.")
    fail(f"Called {last_call()}; returned {show(got)}; expected ValueError, because {because}.")


def test_decay_fit(submission):
    """equals s²(JᵀJ)⁻¹ at the decay fit (40 residuals, 2 parameters) and curve_fit's pcov to 1e-4"""
    J, r, pcov = _decay_fit()
    _check(submission, J, r, "the decay fit")
    got = call(function(submission, "covariance_from_fit"), J, r)
    if not np.allclose(got, pcov, rtol=1e-4, atol=0):
        fail(f"Called {last_call()}; returned {show(got)}; scipy.optimize.curve_fit reports pcov = {show(pcov)}.")


def test_three_parameters(submission):
    """returns a 3 × 3 matrix for a 10 × 3 Jacobian"""
    rng = np.random.default_rng(1)
    _check(submission, rng.standard_normal((10, 3)), rng.standard_normal(10), "a random 10 × 3 Jacobian")


def test_one_degree_of_freedom(submission):
    """divides by m − n = 1 for a 3 × 2 Jacobian"""
    _check(submission, [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [0.1, -0.2, 0.1], "a 3 × 2 Jacobian (m − n = 1)")


def test_scales(submission):
    """is exact at scales 1e-6 and 1e6 of J and r (relative, no fixed thresholds)"""
    J, r, _ = _decay_fit(2)
    for s in (1e-6, 1e6):
        _check(submission, s * J, s * r, f"{s:g} × the decay fit's J and r")


def test_square_raises(submission):
    """raises ValueError when m == n (no degrees of freedom left)"""
    _check_raises(submission, np.eye(2), [0.1, 0.2], "m = n = 2 leaves m − n = 0 degrees of freedom to estimate s²")


def test_wide_raises(submission):
    """raises ValueError when m < n"""
    _check_raises(submission, [[1.0, 2.0, 3.0]], [0.5], "m = 1 < n = 3")
