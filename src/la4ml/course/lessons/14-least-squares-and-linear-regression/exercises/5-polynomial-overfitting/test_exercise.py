"""Hidden tests of exercise 14.5 — polynomial_design(x, degree), mse_by_degree(...) and plot_mse_by_degree(...)."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _starter_data():
    rng = np.random.default_rng(4)
    x_train = np.linspace(0.0, 1.0, 10)
    y_train = np.sin(2 * np.pi * x_train) + 0.3 * rng.standard_normal(10)
    x_test = rng.uniform(0.0, 1.0, 100)
    y_test = np.sin(2 * np.pi * x_test) + 0.3 * rng.standard_normal(100)
    return x_train, y_train, x_test, y_test


def _design(x, d):
    return x[:, None] ** np.arange(d + 1)


def reference(x_train, y_train, x_test, y_test, degrees, *, on_test=False, normal=False):
    train, test = [], []
    for d in degrees:
        Xtr, Xte = _design(x_train, d), _design(x_test, d)
        if normal:
            w = np.linalg.solve(Xtr.T @ Xtr, Xtr.T @ y_train)
        else:
            w = np.linalg.lstsq(Xte, y_test, rcond=None)[0] if on_test else np.linalg.lstsq(Xtr, y_train, rcond=None)[0]
        train.append(np.mean((Xtr @ w - y_train) ** 2))
        test.append(np.mean((Xte @ w - y_test) ** 2))
    return np.array(train), np.array(test)


# ------------------------------------------------------------------------------------------- polynomial_design


def _design_check(submission, x, degree):
    x = np.array(x, dtype=float)
    got = call(function(submission, "polynomial_design"), x, degree)
    expected = _design(x, degree)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__}; expected an array of shape {expected.shape}.")
    if got.shape == (len(x), degree + 2):
        fail(f"Called {last_call()}; the result has {degree + 2} columns; expected {degree + 1}: the column of ones "
             "appears twice (the bias twice). Columns 1, x, …, x^degree — the power 0 already is the ones.")
    if got.shape == (len(x), degree):
        fail(f"Called {last_call()}; the result has {degree} columns; expected {degree + 1}: the column of ones "
             "(x⁰) is missing.")
    if got.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {expected.shape} = (n_samples, "
             "degree + 1).")
    if np.allclose(got, expected, rtol=1e-12, atol=0):
        return
    if np.allclose(got, expected[:, ::-1], rtol=1e-12, atol=0):
        fail(f"Called {last_call()}; the columns are in DECREASING powers (np.vander's default); expected "
             "1, x, x², …: np.vander(x, degree + 1, increasing=True) or x[:, None] ** np.arange(degree + 1).")
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}.")


def test_design_by_hand(submission):
    """polynomial_design([2, 3], 2) = [[1, 2, 4], [1, 3, 9]]"""
    _design_check(submission, [2.0, 3.0], 2)


@pytest.mark.parametrize("degree", [0, 1, 5, 9])
def test_design_degrees(submission, degree):
    """degrees 0 (the ones column alone), 1, 5 and 9 on the ten training points and on points in [-2, 2]"""
    _design_check(submission, _starter_data()[0], degree)
    _design_check(submission, np.linspace(-2.0, 2.0, 7), degree)


# ---------------------------------------------------------------------------------------------- mse_by_degree


def _mse(submission, x_train, y_train, x_test, y_test, degrees=None):
    f = function(submission, "mse_by_degree")
    args = [np.array(a, dtype=float) for a in (x_train, y_train, x_test, y_test)]
    got = call(f, *args) if degrees is None else call(f, *args, degrees)
    degs = (1, 2, 3, 4, 5) if degrees is None else degrees
    exp_train, exp_test = reference(*args, degs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (train_mse, test_mse).")
    try:
        train, test = (np.asarray(v, dtype=float) for v in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; train_mse and test_mse must be arrays of numbers; got {show(got)}.")
    if train.shape != exp_train.shape or test.shape != exp_test.shape:
        fail(f"Called {last_call()}; the arrays have shapes {train.shape} and {test.shape}; expected one MSE per degree, "
             f"shape {exp_train.shape}" + (" (degrees defaults to (1, 2, 3, 4, 5))." if degrees is None else "."))
    var = float(np.var(args[1]))
    ok_train = np.allclose(train, exp_train, rtol=1e-6, atol=1e-12 * var)
    ok_test = np.allclose(test, exp_test, rtol=1e-6, atol=1e-12 * var)
    if ok_train and ok_test:
        return train, test
    if ok_train and np.allclose(test, exp_train, rtol=1e-6, atol=1e-12 * var):
        fail(f"Called {last_call()}; test_mse equals train_mse ({show(test)}): the test MSE was computed on the "
             "TRAINING points. Evaluate the same weights on polynomial_design(x_test, d) against y_test.")
    on_test = reference(*args, degs, on_test=True)
    if np.allclose(test, on_test[1], rtol=1e-6, atol=1e-12 * var):
        fail(f"Called {last_call()}; the weights were fitted on the TEST points (test_mse = {show(test)} is the best "
             "possible on them); fit on x_train, y_train only and use the test points to evaluate.")
    n_train, n_test = len(args[0]), len(args[2])
    if np.allclose(train, n_train * exp_train, rtol=1e-6) or np.allclose(test, n_test * exp_test, rtol=1e-6):
        fail(f"Called {last_call()}; these are SUMS of squared errors (SSE); expected their means, the MSE "
             f"(train {show(exp_train)}, test {show(exp_test)}).")
    if np.allclose(train, np.sqrt(exp_train), rtol=1e-6):
        fail(f"Called {last_call()}; these are root mean squared errors; expected the MSE itself.")
    with np.errstate(all="ignore"):
        try:
            normal = reference(*args, degs, normal=True)
        except np.linalg.LinAlgError:
            normal = None
    if normal is not None and np.allclose(train, normal[0], rtol=1e-6) and not ok_train:
        fail(f"Called {last_call()}; train_mse = {show(train)} looks like the normal equations' answer; expected "
             f"{show(exp_train)}. At high degree XᵀX squares an already large condition number and the fit loses "
             "its digits: use np.linalg.lstsq(X, y, rcond=None).")
    which, got_v, exp_v = ("train_mse", train, exp_train) if not ok_train else ("test_mse", test, exp_test)
    k = int(np.argmax(~np.isclose(got_v, exp_v, rtol=1e-6, atol=1e-12 * var)))
    fail(f"Called {last_call()}; {which}[{k}] (degree {degs[k]}) = {got_v[k]:.10g}; expected {exp_v[k]:.10g} "
         f"({which} should be {show(exp_v)}).")


def test_starter_defaults(submission):
    """the starter's data with the default degrees (1, 2, 3, 4, 5): one training and one test MSE per degree"""
    _mse(submission, *_starter_data())


def test_training_error_never_rises(submission):
    """degrees 1 to 6: the training MSE never increases with the degree (each model contains the previous one)"""
    train, _ = _mse(submission, *_starter_data(), degrees=(1, 2, 3, 4, 5, 6))
    if np.any(np.diff(train) > 1e-12 * train[0]):
        fail(f"Called {last_call()}; the training MSE rises somewhere: {show(train)}.")


def test_degree_nine_interpolates(submission):
    """degrees (0, 9): the constant model, and a degree-9 polynomial that passes through the 10 points (training MSE ≈ 0)"""
    x_train, y_train, x_test, y_test = _starter_data()
    train, _ = _mse(submission, x_train, y_train, x_test, y_test, degrees=(0, 9))
    if not train[1] <= 1e-12 * np.var(y_train):
        fail(f"Called {last_call()}; the degree-9 training MSE is {train[1]:.3g}; with 10 coefficients for 10 points it "
             f"should be zero up to rounding (below 1e-12 × the variance of y, {1e-12 * np.var(y_train):.1g}). The "
             "normal equations cannot get there (κ(XᵀX) ≈ 1e14): use np.linalg.lstsq.")


def test_repeated_points(submission):
    """training points with repeats (6 distinct x for degree 7): lstsq's minimum-norm fit, no error"""
    rng = np.random.default_rng(7)
    x_train = np.repeat(np.linspace(-1.0, 1.0, 6), 2)
    y_train = x_train**3 - x_train + 0.1 * rng.standard_normal(12)
    x_test = rng.uniform(-1, 1, 30)
    _mse(submission, x_train, y_train, x_test, x_test**3 - x_test, degrees=(3, 7))


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """targets scaled by 1e-6 and 1e6: every MSE scales by the square (the checks are relative)"""
    x_train, y_train, x_test, y_test = _starter_data()
    _mse(submission, x_train, scale * y_train, x_test, scale * y_test, degrees=(1, 3, 5))


def test_other_data(submission):
    """15 training points on [-2, 2] of a cubic, 40 test points, degrees (2, 3, 8)"""
    rng = np.random.default_rng(8)
    x_train = np.sort(rng.uniform(-2, 2, 15))
    x_test = rng.uniform(-2, 2, 40)
    f = lambda x: 0.5 * x**3 - x + 1
    _mse(submission, x_train, f(x_train) + rng.standard_normal(15), x_test, f(x_test) + rng.standard_normal(40),
         degrees=(2, 3, 8))


# ------------------------------------------------------------------------------------------------- the figure


def _plot(submission, degrees, train, test):
    got = call(function(submission, "plot_mse_by_degree"), list(degrees), np.array(train), np.array(test))
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one holding both curves.")
    return fig.axes[0]


def test_plot_two_curves(submission):
    """plot_mse_by_degree: two lines over the degrees, one with the training MSEs ('train' in its label), one with the test MSEs ('test')"""
    degrees, train, test = (1, 2, 3, 4, 5), np.array([0.5, 0.4, 0.05, 0.04, 0.03]), np.array([0.3, 0.3, 0.13, 0.14, 0.2])
    ax = _plot(submission, degrees, train, test)
    lines = list(ax.lines)
    if len(lines) != 2:
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s); expected 2, training and test MSE.")
    for word, values in (("train", train), ("test", test)):
        mine = [ln for ln in lines if word in ln.get_label().lower()]
        if len(mine) != 1:
            fail(f"Called {last_call()}; expected exactly one line whose label contains {word!r}; the labels are "
                 f"{[ln.get_label() for ln in lines]}.")
        xy = np.asarray(mine[0].get_xydata(), dtype=float)
        if not (np.array_equal(xy[:, 0], degrees) and np.allclose(xy[:, 1], values, rtol=1e-12)):
            fail(f"Called {last_call()}; the {word!r} line holds the points {show(xy)}; expected x = the degrees "
                 f"{list(degrees)} and y = {show(values)}.")
        if mine[0].get_marker() in (None, "None", "", " "):
            fail(f"Called {last_call()}; the {word!r} line has no markers; mark each degree (e.g. 'o-').")


def test_plot_scale_and_labels(submission):
    """the y axis is log-scale (the MSEs span orders of magnitude), both axes are labelled, and there is a legend"""
    ax = _plot(submission, (1, 2, 3), np.array([1.0, 1e-2, 1e-4]), np.array([1.0, 0.5, 2.0]))
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y axis is {ax.get_yscale()!r}; expected 'log' (ax.set_yscale('log')).")
    missing = [k for k, v in {"x": ax.get_xlabel(), "y": ax.get_ylabel()}.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty.")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend().")
