"""Hidden tests of exercise 24.5 — plot_multistart(t, y, omega_starts); graded on the figure's content."""

import numpy as np
import pytest
from scipy.optimize import least_squares

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _data(seed, omega, amp=1.5, m=80):
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 10.0, m)
    return t, amp * np.sin(omega * t) + 0.1 * rng.standard_normal(m)


def _fits(t, y, starts):
    return [least_squares(lambda x: x[0] * np.sin(x[1] * t) - y, [1.0, w0], method="lm") for w0 in starts]


def _draw(submission, t, y, starts):
    got = call(function(submission, "plot_multistart"), t, y, starts)
    fig = expect_figure(got)
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected exactly one (fig, ax = plt.subplots()).")
    return fig.axes[0]


def _marker_line(ax, k):
    lines = [ln for ln in ax.lines if len(ln.get_xydata()) == k and ln.get_marker() not in (None, "None", "", " ")]
    if len(lines) != 1:
        kinds = [(len(ln.get_xydata()), ln.get_marker()) for ln in ax.lines]
        fail(f"Called {last_call()}; expected exactly one line of markers with {k} points (one per start) — "
             f"ax.plot(omega_starts, costs, 'o'); the axes' lines have (points, marker) = {kinds}. One point per "
             "start, drawn as a single line, not one plot call per start.")
    return lines[0].get_xydata()


def _check_markers(submission, t, y, starts, what):
    ax = _draw(submission, t, y, starts)
    fits = _fits(t, y, starts)
    costs = np.array([r.cost for r in fits])
    xy = _marker_line(ax, len(starts))
    if not np.allclose(xy[:, 0], starts, rtol=1e-12, atol=0):
        if np.allclose(xy[:, 1], starts, rtol=1e-12, atol=0):
            fail(f"Called {last_call()} on {what}; the starts are on the y-axis: plot the starts on x and the costs on y.")
        fail(f"Called {last_call()} on {what}; the markers' x values are {show(xy[:, 0])}; expected the starting "
             f"frequencies {show(starts)}, in their order.")
    got = xy[:, 1]
    if np.allclose(got, costs, rtol=1e-6, atol=1e-12 * costs.max()):
        return ax, costs
    diagnoses = [
        (2 * costs, "twice SciPy's cost: the sum of squares ‖r‖², without the ½. res.cost is already ½‖r‖²"),
        (np.array([r.x[1] for r in fits]), "the FITTED frequencies ω, not the final costs"),
        (np.array([0.5 * np.sum((np.sin(w0 * t) - y) ** 2) for w0 in starts]),
         "the costs at the STARTING points (1, w0), before any fitting"),
        (np.sqrt(2 * costs), "the residual norms ‖r‖, not the costs ½‖r‖²"),
    ]
    for value, why in diagnoses:
        if np.allclose(got, value, rtol=1e-6, atol=0):
            fail(f"Called {last_call()} on {what}; the markers' heights are {show(got)}: {why}. Expected {show(costs)}.")
    fail(f"Called {last_call()} on {what}; the markers' heights are {show(got)}; expected the final costs {show(costs)} "
         "(res.cost of least_squares(residual, [1.0, w0], method='lm') for each start).")


def test_markers_are_final_costs(submission):
    """plots one marker per start at (w0, final cost ½‖r‖²), 13 starts, true ω = 2"""
    t, y = _data(1, 2.0)
    _check_markers(submission, t, y, np.arange(0.5, 3.51, 0.25), "the lesson's sine data")


def test_other_data(submission):
    """plots the final costs for another data set (true ω = 1.2) and 6 unevenly spaced starts"""
    t, y = _data(7, 1.2)
    _check_markers(submission, t, y, np.array([0.4, 0.9, 1.1, 1.7, 2.6, 3.3]), "data with true ω = 1.2")


def test_horizontal_line_at_best(submission):
    """draws a horizontal line at the lowest final cost"""
    t, y = _data(1, 2.0)
    starts = np.arange(0.5, 3.51, 0.25)
    ax, costs = _check_markers(submission, t, y, starts, "the lesson's sine data")
    flat = [ln.get_ydata() for ln in ax.lines if len(ln.get_ydata()) == 2 and np.ptp(ln.get_ydata()) == 0]
    if not flat:
        fail(f"Called {last_call()}; no horizontal line found; add ax.axhline(min(costs)) at the best cost.")
    levels = [float(v[0]) for v in flat]
    if not any(np.isclose(v, costs.min(), rtol=1e-6, atol=0) for v in levels):
        hint = " (that is the LARGEST cost: use min)" if any(np.isclose(v, costs.max(), rtol=1e-6) for v in levels) else ""
        fail(f"Called {last_call()}; the horizontal line is at {levels}{hint}; expected the lowest final cost "
             f"{costs.min():.6g}.")


def test_axis_labels(submission):
    """labels the x-axis with the start and the y-axis with the cost"""
    t, y = _data(1, 2.0)
    ax = _draw(submission, t, y, np.array([1.0, 2.0, 3.0]))
    xl, yl = ax.get_xlabel(), ax.get_ylabel()
    if "start" not in xl.lower():
        fail(f"Called {last_call()}; the x label is {xl!r}; it should say that x is the starting frequency (contain "
             "'start').")
    if "cost" not in yl.lower():
        fail(f"Called {last_call()}; the y label is {yl!r}; it should say that y is the final cost (contain 'cost').")
