"""Hidden tests of exercise 8.6 — hilbert_errors(sizes) and plot_error_vs_condition(kappas, errors).

The errors of an ill-conditioned solve are rounding noise, and the last bits of a BLAS result can
depend on memory alignment, so the checks never compare the learner's noise with the test's own:
the errors are recomputed from the solutions the learner returns, the solutions are judged by their
backward error, and κ is compared with a tolerance that grows with κ (σ_min is only known to about
eps·σ_max). The figure is checked on data the test passes in.
"""

import numpy as np
import pytest
import scipy.linalg

from la4ml.course.grading import (Feedback, blocked, call, close_figures, expect_figure, fail, function, last_call,
                                  show)

EPS = np.finfo(float).eps
DEFAULT_SIZES = list(range(2, 13))
K_DEMO = np.array([1e1, 1e3, 1e5, 1e7, 1e9])
E_DEMO = np.array([1e-15, 3e-14, 2e-12, 5e-10, 4e-8])


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _measure(submission, *args):
    sizes = list(args[0]) if args else DEFAULT_SIZES
    got = call(function(submission, "hilbert_errors"), *args)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected the triple (kappas, errors, solutions).")
    kappas, errors, solutions = got
    m = len(sizes)
    arrays = []
    for name, v in (("kappas", kappas), ("errors", errors)):
        try:
            a = np.asarray(v, dtype=float)
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(v)}; expected an array of {m} numbers.")
        if a.shape != (m,):
            fail(f"Called {last_call()}; {name} has shape {a.shape}; expected ({m},), one value per size in {sizes}.")
        arrays.append(a)
    if not isinstance(solutions, (list, tuple)) or len(solutions) != m:
        fail(f"Called {last_call()}; solutions is {show(solutions)}; expected a list of {m} arrays, the x̂ of each size.")
    sols = []
    for n, s in zip(sizes, solutions):
        s = np.asarray(s, dtype=float)
        if s.shape != (n,):
            fail(f"Called {last_call()}; the solution for n = {n} has shape {s.shape}; expected ({n},).")
        sols.append(s)
    return sizes, arrays[0], arrays[1], sols


def _check(submission, *args):
    sizes, kappas, errors, sols = _measure(submission, *args)
    for i, (n, k, e, x_hat) in enumerate(zip(sizes, kappas, errors, sols)):
        H = scipy.linalg.hilbert(n)
        k_ref = np.linalg.cond(H)
        if not np.isclose(k, k_ref, rtol=max(1e-9, 100 * n * EPS * k_ref)):
            hint = ""
            for name, value in [("the Frobenius norm", np.linalg.cond(H, "fro")),
                                ("the 1-norm (equal to the infinity norm for the symmetric H)", np.linalg.cond(H, 1))]:
                if np.isclose(k, value, rtol=1e-9, atol=0):
                    hint = (f" That is κ in {name}; the 2-norm κ = σ_max / σ_min is np.linalg.cond(H) with no second "
                            "argument (np.linalg.norm(H) alone is the Frobenius norm).")
                    break
            if np.isclose(k, 1 / k_ref, rtol=1e-6, atol=0):
                hint = " That is σ_min / σ_max, upside down."
            fail(f"Called {last_call()}; kappas[{i}] (n = {n}) is {k:.8g}; expected np.linalg.cond(H) = {k_ref:.8g}, "
                 f"the 2-norm condition number.{hint}")
        b = H @ np.ones(n)
        eta = np.linalg.norm(b - H @ x_hat) / (np.linalg.norm(H, 2) * np.linalg.norm(x_hat))
        if not eta <= 20 * n * EPS:
            fail(f"Called {last_call()}; the solution for n = {n} has backward error ‖b − H x̂‖ / (‖H‖ ‖x̂‖) = {eta:.2e}, "
                 f"far above rounding level ({EPS:.1e}): it does not come from np.linalg.solve(H, H @ np.ones(n)). "
                 "Solving with np.linalg.inv(H) @ b gives such residuals, growing with κ; b must be H @ np.ones(n).")
        rel = np.linalg.norm(x_hat - 1) / np.sqrt(n)
        if not np.isclose(e, rel, rtol=1e-9, atol=0):
            hint = ""
            if np.isclose(e, np.linalg.norm(x_hat - 1), rtol=1e-9, atol=0) and n > 1:
                hint = f" That is the absolute error ‖x̂ − x‖; divide by ‖x‖ = √{n} for the RELATIVE error."
            elif np.isclose(e, np.abs(x_hat - 1).max(), rtol=1e-9, atol=0):
                hint = " That is the largest |x̂_i − 1| (the infinity norm); use 2-norms, np.linalg.norm."
            fail(f"Called {last_call()}; errors[{i}] (n = {n}) is {e:.6g}; for the solution you returned, "
                 f"‖x̂ − x‖ / ‖x‖ = {rel:.6g} (2-norms, x = np.ones(n)).{hint}")


def test_small_sizes(submission):
    """for sizes [3, 5, 8]: κ = np.linalg.cond(H), solutions from np.linalg.solve, relative 2-norm errors"""
    _check(submission, [3, 5, 8])


def test_default_sizes(submission):
    """with the default sizes 2 to 12: eleven values each, the last κ about 1e16"""
    _check(submission)


def test_one_size(submission):
    """for sizes [4]: one value each (and the 4 × 4 Hilbert matrix, κ ≈ 1.55e4)"""
    _check(submission, [4])


def test_solves_not_inverts(submission):
    """solves each system: still works when np.linalg.inv and the other inverses are unavailable"""
    f = function(submission, "hilbert_errors")
    with blocked("numpy.linalg.inv", "numpy.linalg.pinv", "scipy.linalg.inv", "scipy.linalg.pinv", "scipy.linalg.invhilbert",
                 reason="solve H x = b with np.linalg.solve"):
        try:
            call(f, [3, 4])
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThe experiment measures np.linalg.solve; np.linalg.inv(H) @ b is a different (and less "
                     "accurate) method.")
            raise


def _draw(submission, kappas=K_DEMO, errors=E_DEMO):
    fig = call(function(submission, "plot_error_vs_condition"), kappas.copy(), errors.copy())
    fig = expect_figure(fig, hint="return fig, the Figure of fig, ax = plt.subplots()")
    if not fig.axes:
        fail(f"Called {last_call()}; the figure has no axes; draw with fig, ax = plt.subplots() and ax.loglog(...).")
    return fig, fig.axes[0]


def _find_line(ax, x, y):
    for ln in ax.lines:
        xy = np.asarray(ln.get_xydata(), dtype=float)
        if xy.shape == (len(x), 2) and np.allclose(xy[:, 0], x, rtol=1e-12, atol=0) and np.allclose(xy[:, 1], y, rtol=1e-12, atol=0):
            return ln
    return None


def test_log_scales(submission):
    """both axes are logarithmic (errors and condition numbers span many orders of magnitude)"""
    fig, ax = _draw(submission)
    scales = (ax.get_xscale(), ax.get_yscale())
    if scales != ("log", "log"):
        fail(f"Called {last_call()}; the axes have x scale {scales[0]!r} and y scale {scales[1]!r}; expected 'log' for "
             "both (ax.loglog(...), or ax.set_xscale('log') and ax.set_yscale('log')): on the Hilbert matrices κ runs "
             "from 19 to 1e16 and the errors from 1e-16 to 0.3, and only log scales show the line error ≈ κ·eps.")


def test_measured_line(submission):
    """plots the errors against the condition numbers it is given (x = kappas, y = errors), with markers"""
    fig, ax = _draw(submission)
    line = _find_line(ax, K_DEMO, E_DEMO)
    if line is None:
        if _find_line(ax, E_DEMO, K_DEMO) is not None:
            fail(f"Called {last_call()}; the measured line has the errors on the x axis and κ on the y axis; plot "
                 "ax.loglog(kappas, errors, ...): κ is what varies, the error is what is observed.")
        if _find_line(ax, np.arange(len(K_DEMO)), E_DEMO) is not None:
            fail(f"Called {last_call()}; the errors are plotted against their index; plot them against kappas.")
        fail(f"Called {last_call()}; no line of the axes has x = kappas and y = errors (the lines have "
             f"{[len(ln.get_xydata()) for ln in ax.lines]} points); draw it with ax.loglog(kappas, errors, 'o-').")
    if line.get_marker() in (None, "None", "", " "):
        fail(f"Called {last_call()}; the measured line has no markers; use a format such as 'o-' so each size shows.")


def test_reference_line(submission):
    """plots the reference line κ·eps against κ"""
    fig, ax = _draw(submission)
    if _find_line(ax, K_DEMO, K_DEMO * EPS) is None:
        hint = ""
        if _find_line(ax, K_DEMO, K_DEMO) is not None:
            hint = " You plotted κ itself; multiply by eps = np.finfo(float).eps."
        elif _find_line(ax, K_DEMO, K_DEMO * EPS / 2) is not None:
            hint = " You used eps / 2 (the unit roundoff); use eps = np.finfo(float).eps."
        elif _find_line(ax, K_DEMO, np.full_like(K_DEMO, EPS)) is not None:
            hint = " You drew the horizontal line y = eps; the reference grows with κ: y = κ·eps."
        fail(f"Called {last_call()}; no line has x = kappas and y = kappas * eps (eps = {EPS:.3g}).{hint}")


def test_labels_and_legend(submission):
    """labels the axes ("condition number", "relative error") and has a legend naming both lines"""
    fig, ax = _draw(submission)
    if "condition" not in ax.get_xlabel().lower():
        fail(f"Called {last_call()}; the x label is {ax.get_xlabel()!r}; expected it to say \"condition number\".")
    if "error" not in ax.get_ylabel().lower():
        fail(f"Called {last_call()}; the y label is {ax.get_ylabel()!r}; expected it to say \"relative error\".")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes have no legend; give each line a label=... and call ax.legend().")
    texts = [t.get_text().strip() for t in legend.get_texts()]
    if len([t for t in texts if t]) < 2:
        fail(f"Called {last_call()}; the legend shows {texts}; expected an entry for the measured errors and one for κ·eps.")


def test_plot_of_real_measurements(submission):
    """draws the Hilbert measurements themselves: both lines follow the kappas and errors passed in"""
    kappas, errors = np.array([19.28, 524.1, 1.551e4, 4.766e5]), np.array([5.7e-16, 8.0e-15, 4.1e-14, 1.7e-12])
    fig, ax = _draw(submission, kappas, errors)
    if _find_line(ax, kappas, errors) is None or _find_line(ax, kappas, kappas * EPS) is None:
        fail(f"Called {last_call()}; the lines do not follow the arrays passed in: plot the kappas and errors given "
             "as arguments (not fixed or recomputed values), and kappas * eps.")
