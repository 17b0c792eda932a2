"""Hidden tests of exercise 24.4 — fit_decay_rate(t, y, p0=(1.0, 1.0)) returns (k_hat, k_se) from curve_fit."""

import numpy as np
import scipy.optimize

from la4ml.course.grading import call, fail, function, last_call, show


def decay(t, a, k):
    return a * np.exp(-k * t)


def _data(seed, sigma=0.05, a=2.0, k=1.4, m=40):
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 3.0, m)
    return t, a * np.exp(-k * t) + sigma * rng.standard_normal(m)


def _check(submission, t, y, what, **kwargs):
    t, y = np.array(t, dtype=float), np.array(y, dtype=float)
    t0, y0 = t.copy(), y.copy()
    with np.errstate(all="ignore"):
        got = call(function(submission, "fit_decay_rate"), t, y, **kwargs)
    if not (np.array_equal(t, t0) and np.array_equal(y, y0)):
        fail(f"Called {last_call()}; it modified t or y in place. Fit a model to them without changing them.")
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (k_hat, k_se).")
    try:
        k_hat, k_se = (float(np.asarray(v, dtype=float).item()) for v in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two numbers (k_hat, k_se), not arrays.")
    p0 = kwargs.get("p0", (1.0, 1.0))
    popt, pcov = scipy.optimize.curve_fit(decay, t0, y0, p0=p0)
    k_ref, se_ref = popt[1], np.sqrt(pcov[1, 1])
    head = f"Called {last_call()} on {what}; returned (k_hat, k_se) = ({k_hat:.8g}, {k_se:.8g})"
    if not np.isclose(k_hat, k_ref, rtol=1e-6, atol=0):
        if np.isclose(k_hat, popt[0], rtol=1e-6, atol=0):
            fail(f"{head}; k_hat is the fitted AMPLITUDE a = {popt[0]:.6g}, not the rate k = {k_ref:.6g}: "
                 "popt = (a, k) in the order of the model's parameters, so the rate is popt[1].")
        pos = y0 > 0
        if pos.sum() >= 2:
            slope = np.polyfit(t0[pos], np.log(y0[pos]), 1)[0]
            if np.isclose(k_hat, -slope, rtol=1e-3, atol=0) or not np.isfinite(k_hat):
                fail(f"{head}; expected k_hat = {k_ref:.8g} (nonlinear least squares). Your rate looks like a straight-"
                     "line fit to log(y): the noise is added to y, not to log(y), so that fit is biased (and log of a "
                     "value ≤ 0 is undefined). Fit a·exp(-k t) to y itself with scipy.optimize.curve_fit.")
        if "p0" in kwargs:
            popt1, _ = scipy.optimize.curve_fit(decay, t0, y0, p0=(1.0, 1.0))
            if np.isclose(k_hat, popt1[1], rtol=1e-6, atol=0):
                fail(f"{head}; expected k_hat = {k_ref:.8g}. Yours is what a fit from (1.0, 1.0) finds: the p0 = {p0} you "
                     "were given was ignored. Pass it on: curve_fit(model, t, y, p0=p0). A start far from the answer "
                     "(k = 1 per second when the rate is 1e-3) leaves the fit stuck where the model is flat.")
        fail(f"{head}; expected k_hat = {k_ref:.8g}, the rate scipy.optimize.curve_fit(a·exp(-k t), t, y, p0={p0}) finds.")
    if np.isclose(k_se, se_ref, rtol=1e-4, atol=0):
        return k_hat, k_se
    J = np.column_stack([np.exp(-popt[1] * t0), -popt[0] * t0 * np.exp(-popt[1] * t0)])
    unscaled = np.linalg.inv(J.T @ J)
    diagnoses = [
        (pcov[1, 1], "the VARIANCE pcov[1, 1]; the standard error is its square root, np.sqrt(pcov[1, 1])"),
        (np.sqrt(pcov[0, 0]), "the standard error of the amplitude a, sqrt(pcov[0, 0]); the rate is index 1"),
        (np.sqrt(unscaled[1, 1]), "sqrt of (JᵀJ)⁻¹[1, 1] without the residual variance s² — what absolute_sigma=True "
         "gives when no sigma is passed; keep the default absolute_sigma=False, which scales by s² = ‖r‖²/(m − 2)"),
        (np.sqrt(pcov[1, 1] * (len(t0) - 2) / len(t0)), "scaled with ‖r‖²/m; the residual variance divides by the "
         "degrees of freedom m − 2 (curve_fit does that for you)"),
    ]
    for value, why in diagnoses:
        if np.isclose(k_se, value, rtol=1e-4, atol=0):
            fail(f"{head}; expected k_se = {se_ref:.8g}; yours is {why}.")
    fail(f"{head}; expected k_se = {se_ref:.8g} = sqrt(pcov[1, 1]) from curve_fit.")


def test_seeded_decay_data(submission):
    """matches curve_fit's rate and standard error on 40 measurements with true rate 1.4 (seed 0)"""
    t, y = _data(0)
    _check(submission, t, y, "the seeded decay data (true k = 1.4, σ = 0.05)")


def test_negative_measurements(submission):
    """works when noise makes some late measurements negative (σ = 0.2)"""
    t, y = _data(3, sigma=0.2)
    assert (y <= 0).any()
    _check(submission, t, y, f"data with {(y <= 0).sum()} measurements ≤ 0")


def test_default_p0(submission):
    """starts from the default p0 = (1.0, 1.0)"""
    t, y = _data(1)
    _check(submission, t, y, "seed 1, default p0")


def test_explicit_p0_and_large_units(submission):
    """uses the p0 it is given: concentrations in ng/L (× 1e6) fitted from p0 = (1e6, 0.5)"""
    t, y = _data(2)
    _check(submission, t, 1e6 * y, "the data × 1e6", p0=(1e6, 0.5))


def test_small_units(submission):
    """works for concentrations of size 1e-6 from p0 = (1e-6, 1.0)"""
    t, y = _data(4)
    _check(submission, t, 1e-6 * y, "the data × 1e-6", p0=(1e-6, 1.0))


def test_truth_within_three_standard_errors(submission):
    """recovers the true rate 1.4 within 3 standard errors on five seeded data sets"""
    for seed in range(10, 15):
        t, y = _data(seed)
        k_hat, k_se = _check(submission, t, y, f"seed {seed}")
        if abs(k_hat - 1.4) > 3 * k_se:
            fail(f"Called {last_call()}; k_hat = {k_hat:.4f} is {abs(k_hat - 1.4) / k_se:.1f} standard errors from the "
                 "true rate 1.4.")


def test_p0_matters_for_time_in_seconds(submission):
    """starts from the given p0: times in seconds (rate 1.4e-3 per second) from p0 = (1.0, 1e-3)"""
    rng = np.random.default_rng(5)
    t = np.linspace(0.0, 3000.0, 40)
    y = 2.0 * np.exp(-1.4e-3 * t) + 0.05 * rng.standard_normal(t.size)
    k_hat, _ = _check(submission, t, y, "times in seconds with p0 = (1.0, 1e-3)", p0=(1.0, 1e-3))
