"""Hidden tests of exercise 14.1 — fit_line(x, y) by the normal equations, and plot_fit(x, y) (graded on its data)."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import (Feedback, blocked, call, close_figures, counting, expect_figure, fail, function,
                                  is_instance, last_call, show)

EPS = np.finfo(float).eps
LIBRARY = ("numpy.linalg.lstsq", "scipy.linalg.lstsq", "numpy.polyfit", "numpy.polynomial.polynomial.polyfit",
           "numpy.linalg.pinv", "scipy.linalg.pinv", "sklearn.linear_model.LinearRegression.fit",
           "scipy.stats.linregress")


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _starter_data():
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    return x, 4 + 3 * x + rng.standard_normal(30)


def _reference(x, y):
    X = np.column_stack([np.ones(len(x)), x])
    return np.linalg.lstsq(X, y, rcond=None)[0], np.linalg.cond(X)


def _fit(submission, x, y):
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    expected, kappa = _reference(x, y)
    got = call(function(submission, "fit_line"), x, y)
    if isinstance(got, tuple) and len(got) == 4:
        fail(f"Called {last_call()}; returned a tuple of 4 things (x, residuals, rank, s) — the whole result of "
             "np.linalg.lstsq, which this exercise does not use; solve the normal equations with np.linalg.solve.")
    single = isinstance(got, (int, float, np.number)) and not isinstance(got, bool)
    if not single and not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected a NumPy array [b, w].")
    if single or got.shape in ((), (1,)):
        fail(f"Called {last_call()}; returned one number ({show(got)}); expected the array [b, w] of the intercept "
             f"and the slope, {show(expected)}. One number is the slope of a line through the origin: the design needs a "
             "column of ones for the intercept, X = np.column_stack([np.ones(len(x)), x]).")
    if got.shape != (2,):
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected (2,): [b, w], the intercept and the "
             "slope" + (" — a 2-D result usually means y was made a column; keep x and y 1-D." if got.ndim == 2 else "."))
    tol = 100 * kappa**2 * EPS  # the normal equations lose about κ² of accuracy
    scale = np.abs(expected).max()
    if np.allclose(got, expected, rtol=tol, atol=tol * scale):
        return got
    if np.allclose(got[::-1], expected, rtol=tol, atol=tol * scale):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: the same numbers in the other "
             "order. Return [b, w], the intercept first — the column of ones is the FIRST column of X.")
    through_origin = (x @ y) / (x @ x) if x @ x > 0 else np.nan
    if np.isclose(got[-1], through_origin, rtol=1e-8) or np.isclose(got[0], through_origin, rtol=1e-8):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}. Your slope {through_origin:.6g} "
             "is the slope of the best line THROUGH THE ORIGIN: the column of ones (the bias) is missing from X, so "
             "the intercept is forced to 0.")
    fail(f"Called {last_call()}; returned {show(got)}; expected [b, w] = {show(expected)}, the solution of "
         "(XᵀX) θ = Xᵀy with X = [1 x].")


def test_worked_example(submission):
    """the three points (0, 1), (1, 3), (2, 2): b = 1.5, w = 0.5, as the lesson's worked example"""
    got = _fit(submission, [0.0, 1.0, 2.0], [1.0, 3.0, 2.0])
    if got.dtype != np.float64:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected float64.")


def test_thirty_samples(submission):
    """the starter's 30 samples of y = 4 + 3x + noise: [b, w] equals np.polyfit's, intercept first"""
    _fit(submission, *_starter_data())


def test_intercept_far_from_zero(submission):
    """y = 100 - 0.5x + noise on x in [10, 20]: a large intercept that a fit through the origin would miss"""
    rng = np.random.default_rng(1)
    x = rng.uniform(10, 20, 25)
    _fit(submission, x, 100 - 0.5 * x + rng.standard_normal(25))


def test_exact_line_through_two_points(submission):
    """two points (1, 2) and (3, 8) give exactly y = -1 + 3x; repeated x values are fine when two are distinct"""
    _fit(submission, [1.0, 3.0], [2.0, 8.0])
    _fit(submission, [1.0, 1.0, 1.0, 3.0], [1.0, 2.0, 3.0, 8.0])


@pytest.mark.parametrize("x_scale, y_scale", [(1e-3, 1.0), (1e3, 1.0), (1.0, 1e6), (1.0, 1e-6)])
def test_scales(submission, x_scale, y_scale):
    """x scaled by 1e-3 and 1e3, y by 1e6 and 1e-6: the same line in other units (intercept ∝ y, slope ∝ y/x)"""
    x, y = _starter_data()
    _fit(submission, x_scale * x, y_scale * y)


def _expect_value_error(submission, x, why):
    f = function(submission, "fit_line")
    x = np.array(x, dtype=float)
    y = np.arange(len(x), dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = f(x, y)
    except ValueError:
        return
    except NotImplementedError:
        fail("Called fit_line and it raised NotImplementedError: replace the `raise NotImplementedError` line of the "
             "starter with your code.")
    except Exception as exc:  # noqa: BLE001 - any other exception is the learner's
        fail(f"Called fit_line(x={show(x)}, y={show(y)}) and it raised {type(exc).__name__}: {exc}; expected a "
             f"ValueError, because {why}.")
    fail(f"Called fit_line(x={show(x)}, y={show(y)}); returned {show(got)}; expected a ValueError, because {why}. "
         "Check np.unique(x).size >= 2 before solving: rounding can keep np.linalg.solve from noticing that XᵀX is "
         "singular, and then it returns numbers that mean nothing.")


def test_one_distinct_value_raises(submission):
    """x = [0.1, 0.1, 0.1, 0.1, 0.1] (one distinct value): ValueError, although rounding hides the singular XᵀX"""
    _expect_value_error(submission, [0.1] * 5, "all x are equal, so XᵀX = [[5, 0.5], [0.5, 0.05]] is singular and "
                        "every line through (0.1, mean(y)) fits equally well")


def test_single_point_raises(submission):
    """a single point, and three equal x = 2: ValueError"""
    _expect_value_error(submission, [3.0], "one point does not determine a line")
    _expect_value_error(submission, [2.0, 2.0, 2.0], "all x are equal, so XᵀX is singular")


def test_from_scratch(submission):
    """solves the normal equations itself: still works when lstsq, polyfit, pinv and scikit-learn are unavailable"""
    f = function(submission, "fit_line")
    x, y = _starter_data()
    with blocked(*LIBRARY, reason="solve the normal equations (XᵀX) θ = Xᵀy yourself"):
        try:
            got = call(f, x, y)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the normal equations: build X = [1 x] and call "
                     "np.linalg.solve(X.T @ X, X.T @ y); compare with np.polyfit only outside fit_line.")
            raise
    expected, _ = _reference(x, y)
    if not (isinstance(got, np.ndarray) and got.shape == (2,) and np.allclose(got, expected, rtol=1e-9)):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}.")


def test_solve_not_inverse(submission):
    """solves (XᵀX) θ = Xᵀy with np.linalg.solve, as the task asks, without forming the inverse of XᵀX"""
    x, y = _starter_data()
    with counting("numpy.linalg.inv", "scipy.linalg.inv") as c:
        call(function(submission, "fit_line"), x, y)
    if c.n:
        fail("fit_line computed an explicit inverse (np.linalg.inv): np.linalg.solve(X.T @ X, X.T @ y) factors "
             "XᵀX once and solves, which is cheaper and more accurate than inv(XᵀX) @ (Xᵀy).")


@st.composite
def line_data(draw):
    n = draw(st.integers(2, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.uniform(-5, 5, n) * draw(st.sampled_from([1e-3, 1.0, 1e3])) + draw(st.sampled_from([0.0, 10.0]))
    if np.unique(x).size < 2:
        x[0] += 1.0
    y = draw(st.floats(-10, 10)) + draw(st.floats(-10, 10)) * x + rng.standard_normal(n)
    return x, y


@settings(max_examples=30, deadline=None)
@given(line_data())
@example((np.array([-1.0, 1.0]), np.array([0.0, 0.0])))
def test_property_matches_lstsq(submission, data):
    """random data (2 to 40 points, x at scales 1e-3 to 1e3, with offsets): [b, w] equals lstsq on [1 x]"""
    _fit(submission, *data)


# ---------------------------------------------------------------------------------------------- the figure


def _plot(submission, x, y):
    got = call(function(submission, "plot_fit"), np.array(x, dtype=float), np.array(y, dtype=float))
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    axes = list(fig.axes)
    if len(axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected exactly one (fig, ax = plt.subplots()).")
    return axes[0]


def _check_scatter(ax, x, y):
    scatters = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    if len(scatters) != 1:
        lines_with_markers = [ln for ln in ax.lines if ln.get_marker() not in ("None", None, "", " ")]
        extra = (" Your data seem to be drawn with ax.plot(..., 'o'); use ax.scatter(x, y)." if lines_with_markers
                 else "")
        fail(f"Called {last_call()}; the axes holds {len(scatters)} scatter plot(s); expected exactly one, "
             f"ax.scatter(x, y) with all the data points.{extra}")
    pts = np.asarray(scatters[0].get_offsets(), dtype=float)
    data = np.column_stack([x, y])
    if pts.shape != data.shape:
        fail(f"Called {last_call()}; the scatter has {len(pts)} points; expected the {len(data)} data points.")
    if not np.allclose(pts[np.lexsort(pts.T[::-1])], data[np.lexsort(data.T[::-1])], rtol=1e-12, atol=0):
        if np.allclose(np.sort(pts[:, 0]), np.sort(y)) and np.allclose(np.sort(pts[:, 1]), np.sort(x)):
            fail(f"Called {last_call()}; the scatter has x and y swapped: plot ax.scatter(x, y), feature on the "
                 "horizontal axis.")
        fail(f"Called {last_call()}; the scatter's points are not the data (x[i], y[i]); draw ax.scatter(x, y).")


def _check_line(ax, x, y):
    lines = list(ax.lines)
    if len(lines) != 1:
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s) (ax.plot); expected exactly one: the fitted "
             "line. Draw the data with ax.scatter, not ax.plot.")
    xy = np.asarray(lines[0].get_xydata(), dtype=float)
    (b, w), _ = _reference(x, y)
    lx, ly = xy[:, 0], xy[:, 1]
    span = x.max() - x.min()
    if not (np.isclose(lx.min(), x.min(), rtol=0, atol=1e-9 * span) and np.isclose(lx.max(), x.max(), rtol=0,
                                                                                   atol=1e-9 * span)):
        fail(f"Called {last_call()}; the line runs over x from {lx.min():.6g} to {lx.max():.6g}; expected from "
             f"x.min() = {x.min():.6g} to x.max() = {x.max():.6g}, the range of the data.")
    on_fit = np.isclose(ly, b + w * lx, rtol=1e-9, atol=1e-9 * np.abs(y).max())
    if not on_fit.all():
        i = int(np.argmax(~on_fit))
        hint = ""
        if len(lx) == len(x) and np.allclose(np.sort(ly), np.sort(y)):
            hint = " The line passes through the data points themselves: plot b + w·x, not y."
        elif np.allclose(ly, (x @ y) / (x @ x) * lx, rtol=1e-9):
            hint = " It is the best line through the origin: the intercept is missing."
        fail(f"Called {last_call()}; the line's point ({lx[i]:.6g}, {ly[i]:.6g}) is not on the fitted line "
             f"y = {b:.6g} + {w:.6g}·x (which gives {b + w * lx[i]:.6g} there).{hint}")


def test_plot_scatter_is_the_data(submission):
    """plot_fit: one axes with one scatter holding exactly the 30 data points (x[i], y[i])"""
    x, y = _starter_data()
    _check_scatter(_plot(submission, x, y), x, y)


def test_plot_line_is_the_fit(submission):
    """plot_fit: exactly one line, on y = b + w·x, running from x.min() to x.max()"""
    x, y = _starter_data()
    _check_line(_plot(submission, x, y), x, y)


def test_plot_other_data(submission):
    """plot_fit on other data (a falling line with a large intercept): scatter and line follow the data"""
    rng = np.random.default_rng(2)
    x = rng.uniform(10, 20, 12)
    y = 100 - 0.5 * x + rng.standard_normal(12)
    ax = _plot(submission, x, y)
    _check_scatter(ax, x, y)
    _check_line(ax, x, y)


def test_plot_labels_and_legend(submission):
    """plot_fit: both axes labelled and a legend with an entry for the data and one for the line"""
    ax = _plot(submission, *_starter_data())
    missing = [k for k, v in {"x": ax.get_xlabel(), "y": ax.get_ylabel()}.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty; set them with ax.set_xlabel "
             "and ax.set_ylabel.")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes has no legend; give the scatter and the line a label= and call ax.legend().")
    texts = [t.get_text() for t in legend.get_texts()]
    if len(texts) < 2 or any(not t.strip() or t.startswith("_") for t in texts):
        fail(f"Called {last_call()}; the legend shows {texts}; expected an entry for the data and one for the fitted "
             "line (label= on both).")
