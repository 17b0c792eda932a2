"""Hidden tests of exercise 23.4 — digits_lost(kappa) and the figure plot_digits_lost(kappas, rel_errors), graded on content."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_close, fail, function, is_instance, last_call, show, type_name

EPS = np.finfo(float).eps
KAPPAS = np.array([1.0, 10.0, 1e3, 1e6, 1e9, 1e12])
ERRORS = np.array([3 * EPS, 50 * EPS, 1e-14, 2e-11, 4e-8, 1e-4])


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def test_digits_lost_values(submission):
    """digits_lost is log10 κ: 0, 1, 8 for κ = 1, 10, 1e8 (decimal digits, not ln)"""
    f = function(submission, "digits_lost")
    for kappa, expected in ((1.0, 0.0), (10.0, 1.0), (1e8, 8.0)):
        got = call(f, kappa)
        if got is not None and np.isclose(float(got), np.log(kappa), rtol=1e-12) and kappa != 1:
            fail(f"Called {last_call()}; returned {float(got):.6g}; expected {expected}: you used the natural log "
                 "(np.log). Digits are decimal: log10(κ), and ln overstates the loss by a factor ln 10 ≈ 2.3.")
        expect_close(got, expected, rtol=1e-12, atol=1e-12, because="one digit is lost per factor of ten in κ")


def test_digits_lost_array(submission):
    """digits_lost works elementwise on an array: [1e2, 1e16] gives [2, 16]"""
    got = call(function(submission, "digits_lost"), np.array([1e2, 1e16]))
    expect_close(got, [2.0, 16.0], rtol=1e-12, because="log10 elementwise")


def _figure(submission, kappas=KAPPAS, errors=ERRORS):
    got = call(function(submission, "plot_digits_lost"), np.array(kappas), np.array(errors))
    if not is_instance(got, "matplotlib.figure.Figure"):
        fail(f"Called {last_call()}; returned a {type_name(got).rsplit('.', 1)[-1]}; expected the matplotlib Figure "
             "(fig, ax = plt.subplots(); ...; return fig).")
    width, height = (float(v) for v in got.get_size_inches())
    if not (width > 0 and height > 0):
        fail(f"Called {last_call()}; the figure is {width:g} × {height:g} inches: it has no area to draw in. Use a "
             "positive figsize, or the default.")
    if len(got.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(got.axes)} axes; expected one, with the points and the line.")
    return got.axes[0]


def _scatter_points(ax):
    cols = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    if len(cols) != 1:
        fail(f"Called {last_call()}; the axes holds {len(cols)} scatter collections; expected exactly one "
             "ax.scatter of the measured points.")
    sizes = np.asarray(cols[0].get_sizes(), dtype=float)
    if sizes.size and not np.all(sizes > 0):
        fail(f"Called {last_call()}; the scatter's marker sizes are {show(sizes)}: points of size 0 are invisible. "
             "Leave s at its default or give a positive size.")
    return np.asarray(cols[0].get_offsets(), dtype=float)


def test_scatter_measured_points(submission):
    """the points are (log10 κ, log10(error / eps)), one per solve"""
    ax = _figure(submission)
    pts = _scatter_points(ax)
    x_exp, y_exp = np.log10(KAPPAS), np.log10(ERRORS / EPS)
    if pts.shape != (len(KAPPAS), 2):
        fail(f"Called {last_call()}; the scatter has {len(pts)} points; expected {len(KAPPAS)}, one per solve.")
    x, y = pts[:, 0], pts[:, 1]
    if np.allclose(x, y_exp) and np.allclose(y, x_exp):
        fail(f"Called {last_call()}; the axes are swapped: x must be log10 κ and y the measured digits lost.")
    if np.allclose(x, np.log(KAPPAS)):
        fail(f"Called {last_call()}; the points' x values are {show(x)} = ln κ; expected log10 κ = {show(x_exp)}.")
    expect_close(x, x_exp, rtol=1e-9, atol=1e-12, what="the points' x values", because="x is digits_lost(κ) = log10 κ")
    if np.allclose(y, np.log10(ERRORS)):
        fail(f"Called {last_call()}; the points' y values are log10(error) = {show(y)}; divide the error by eps "
             "first: the digits LOST are log10(error / eps), so an error of one eps has lost 0 digits.")
    if np.allclose(y, -np.log10(ERRORS)):
        fail(f"Called {last_call()}; the points' y values are -log10(error) = {show(y)}: the digits that are CORRECT. "
             "Plot the digits lost, log10(error / eps).")
    if np.allclose(y, np.log10(ERRORS / np.finfo(np.float32).eps)):
        fail(f"Called {last_call()}; the points' y values are {show(y)} = log10(error / eps) with float32's eps; "
             "the solves are in float64: eps = np.finfo(float).eps ≈ 2.2e-16.")
    if np.allclose(y, np.log(ERRORS / EPS)):
        fail(f"Called {last_call()}; the points' y values are ln(error / eps); use log10: digits are decimal.")
    expect_close(y, y_exp, rtol=1e-9, atol=1e-9, what="the points' y values",
                 because="the measured loss is log10(error / eps)")


def test_prediction_line(submission):
    """the line is y = x from x = 0 to the largest log10 κ (12 here)"""
    ax = _figure(submission)
    lines = [ln for ln in ax.lines if len(np.asarray(ln.get_xydata())) >= 2]
    if len(lines) != 1:
        fail(f"Called {last_call()}; the axes holds {len(lines)} lines; expected one, the prediction y = x "
             "(ax.plot(line, line) with line = [0, max log10 κ]).")
    xy = np.asarray(lines[0].get_xydata(), dtype=float)
    if not np.allclose(xy[:, 1], xy[:, 0], atol=1e-9):
        if np.allclose(xy[:, 1], np.log(10) * xy[:, 0]) or np.allclose(xy[:, 1], xy[:, 0] / np.log(10)):
            fail(f"Called {last_call()}; the line is {show(xy)}: a mix of ln and log10. The prediction is y = x "
                 "with both in log10.")
        fail(f"Called {last_call()}; the line's points are {show(xy)}; expected y = x (the prediction: digits lost = log10 κ).")
    lo, hi = xy[:, 0].min(), xy[:, 0].max()
    if not (np.isclose(lo, 0, atol=1e-9) and np.isclose(hi, 12.0, rtol=1e-9)):
        fail(f"Called {last_call()}; the line runs over x in [{lo:.4g}, {hi:.4g}]; expected [0, 12]: from 0 to the "
             "largest log10 κ (κ = 1e12).")


def test_labels(submission):
    """the x-label names κ and the y-label says "digits lost\""""
    ax = _figure(submission)
    xl, yl = ax.get_xlabel(), ax.get_ylabel()
    if "κ" not in xl and "kappa" not in xl.lower():
        fail(f"Called {last_call()}; the x-label is {xl!r}; expected one naming κ, e.g. 'log10 κ(A)'.")
    if "digits lost" not in yl.lower():
        fail(f"Called {last_call()}; the y-label is {yl!r}; expected one containing 'digits lost'.")


def test_other_data(submission):
    """with three solves for κ from 2 to 1e4, the points and the line (from x = 0 to 4) follow the data given"""
    kappas, errors = np.array([2.0, 1e2, 1e4]), np.array([EPS, 1e-15, 1e-13])
    ax = _figure(submission, kappas, errors)
    pts = _scatter_points(ax)
    expect_close(pts, np.column_stack([np.log10(kappas), np.log10(errors / EPS)]), rtol=1e-9, atol=1e-9,
                 what="the scatter points")
    xy = np.asarray([ln for ln in ax.lines if len(np.asarray(ln.get_xydata())) >= 2][0].get_xydata(), dtype=float)
    if not np.isclose(xy[:, 0].max(), 4.0, rtol=1e-9):
        fail(f"Called {last_call()}; the line ends at x = {xy[:, 0].max():.4g}; expected 4 = log10 of the largest κ.")
    if not np.isclose(xy[:, 0].min(), 0.0, atol=1e-9):
        fail(f"Called {last_call()}; the line starts at x = {xy[:, 0].min():.4g}; expected 0 (κ = 1, nothing lost), "
             "not the smallest log10 κ of the data (here log10 2 = 0.301).")
