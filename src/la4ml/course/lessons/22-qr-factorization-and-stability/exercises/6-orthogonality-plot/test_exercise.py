"""Hidden tests of exercise 22.6 — plot_orthogonality_loss(matrices); graded on the figure's content."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show
from la4ml.factorizations import qr

EPS = np.finfo(float).eps
METHODS = ("cgs", "mgs", "householder")
LABELS = [*METHODS, "kappa*eps", "kappa^2*eps"]


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _matrices(exponents, m=40, n=8, seed=0):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return [U @ np.diag(np.logspace(0, -e, n)) @ V.T for e in exponents]


def _expected(matrices):
    kappas = np.array([np.linalg.cond(A) for A in matrices])
    losses = {}
    for method in METHODS:
        vals = []
        for A in matrices:
            Q, _ = qr(A, method=method)
            vals.append(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2))
        losses[method] = np.array(vals)
    return kappas, losses


def _draw(submission, matrices):
    f = function(submission, "plot_orthogonality_loss")
    fig = expect_figure(call(f, [np.array(A) for A in matrices]))
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one (fig, ax = plt.subplots()).")
    ax = fig.axes[0]
    lines = list(ax.lines)
    labels = [ln.get_label() for ln in lines]
    if labels != LABELS:
        fail(f"Called {last_call()}; the axes has lines labelled {labels}; expected exactly {LABELS}, in that order "
             "(label=method for the three methods, then the two reference lines).")
    return fig, ax, lines


def _xy(line):
    data = np.asarray(line.get_xydata(), dtype=float)
    return data[:, 0], data[:, 1]


def test_lines_labels_and_order(submission):
    """five lines labelled cgs, mgs, householder, kappa*eps, kappa^2*eps, in that order"""
    _draw(submission, _matrices([1, 3, 5]))


def test_log_log_axes_and_labels(submission):
    """both axes logarithmic; x label mentions the condition number, y label the orthogonality; a legend"""
    fig, ax, _ = _draw(submission, _matrices([1, 3, 5]))
    if ax.get_xscale() != "log" or ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the axes scales are x: {ax.get_xscale()}, y: {ax.get_yscale()}; expected both "
             "'log' (ax.loglog, or ax.set_xscale('log') and ax.set_yscale('log')): the losses span 1e-16 to 1e-1 and "
             "a power law is a straight line only on log-log axes.")
    if "condition number" not in ax.get_xlabel().lower():
        fail(f"Called {last_call()}; the x label is {ax.get_xlabel()!r}; expected text containing 'condition number'.")
    if "orthogonality" not in ax.get_ylabel().lower():
        fail(f"Called {last_call()}; the y label is {ax.get_ylabel()!r}; expected text containing 'orthogonality'.")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; the axes has no legend; add ax.legend() so the five lines can be told apart.")


def test_kappas_on_x(submission):
    """every line has the condition numbers np.linalg.cond(A) on x, in the order of the matrices"""
    matrices = _matrices([6, 2, 4, 1])  # deliberately not sorted
    kappas, _ = _expected(matrices)
    _, _, lines = _draw(submission, matrices)
    for ln in lines:
        x, y = _xy(ln)
        if x.shape != kappas.shape or not np.allclose(x, kappas, rtol=1e-9):
            swapped = x.shape == kappas.shape and np.all(x < 1) and np.all(y > 1)
            hint = " x and y look swapped: κ goes on x, the loss on y." if swapped else ""
            if x.shape == kappas.shape and np.allclose(np.sort(x), np.sort(kappas), rtol=1e-9):
                hint = " They are the right values in another order: keep the order of the matrices given."
            fail(f"Called {last_call()}; line {ln.get_label()!r} has x = {show(x)}; expected the condition numbers "
                 f"{show(kappas)} (np.linalg.cond(A) for each A, in order).{hint}")


def test_losses_on_y(submission):
    """each method's line has ‖QᵀQ − I‖₂ of la4ml.factorizations.qr(A, method) on y"""
    matrices = _matrices([1, 3, 5, 7])
    kappas, losses = _expected(matrices)
    _, _, lines = _draw(submission, matrices)
    for ln, method in zip(lines[:3], METHODS):
        _, y = _xy(ln)
        want = losses[method]
        if y.shape == want.shape and np.allclose(y, want, rtol=1e-6):
            continue
        fro = []
        for A in matrices:
            Q, _ = qr(A, method=method)
            fro.append(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))
        if y.shape == want.shape and np.allclose(y, fro, rtol=1e-6):
            fail(f"Called {last_call()}; the {method!r} line has y = {show(y)}; expected {show(want)}: you used the "
                 "Frobenius norm; the task asks for the 2-norm, np.linalg.norm(Q.T @ Q - I, 2), the norm of the bounds.")
        if y.shape == want.shape and np.allclose(y, 1.0, rtol=1e-6):
            fail(f"Called {last_call()}; the {method!r} line has y = {show(y)}, all 1; expected {show(want)}: that is "
                 "‖QQᵀ - I‖, the m × m projector minus I. Measure QᵀQ - I (n × n, Q.T @ Q).")
        other = [m for m in METHODS if y.shape == losses[m].shape and np.allclose(y, losses[m], rtol=1e-6)]
        hint = f" These are the losses of {other[0]!r}: check method= and the order of the lines." if other else ""
        fail(f"Called {last_call()}; the {method!r} line has y = {show(y)}; expected ‖QᵀQ - I‖₂ = {show(want)}.{hint}")


def test_reference_lines(submission):
    """the reference lines are κ·eps and κ²·eps at the same κ values"""
    matrices = _matrices([2, 4, 8])
    kappas, _ = _expected(matrices)
    _, _, lines = _draw(submission, matrices)
    for ln, want, name in ((lines[3], kappas * EPS, "κ·eps"), (lines[4], kappas**2 * EPS, "κ²·eps")):
        _, y = _xy(ln)
        if y.shape != want.shape or not np.allclose(y, want, rtol=1e-9):
            fail(f"Called {last_call()}; the line {ln.get_label()!r} has y = {show(y)}; expected {name} = {show(want)} "
                 "with eps = np.finfo(float).eps (2.2e-16) and κ = np.linalg.cond(A).")


def test_laws_visible(submission):
    """on κ from 1e1 to 1e8 the plotted Householder loss stays below 1e-13 and CGS's exceeds MGS's at κ = 1e8"""
    matrices = _matrices([1, 4, 8], m=50, n=10, seed=1)
    _, _, lines = _draw(submission, matrices)
    _, cgs = _xy(lines[0])
    _, mgs = _xy(lines[1])
    _, hh = _xy(lines[2])
    if not (np.all(hh < 1e-13) and cgs[-1] > mgs[-1]):
        fail(f"Called {last_call()}; plotted losses cgs {show(cgs)}, mgs {show(mgs)}, householder {show(hh)}; "
             "expected Householder at rounding level and CGS above MGS at κ = 1e8: check method= for each line.")
