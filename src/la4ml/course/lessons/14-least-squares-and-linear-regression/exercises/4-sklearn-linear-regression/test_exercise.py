"""Hidden tests of exercise 14.4 — sklearn_weights_and_mse(X, y) and training_mse(X, y, weights)."""

import numpy as np
import pytest

from la4ml.course.grading import call, counting, fail, function, last_call, show


def _starter_data():
    rng = np.random.default_rng(42)
    X = rng.uniform(0, 10, size=(50, 2))
    return X, 5 + X @ np.array([2.0, -3.0]) + rng.standard_normal(50)


def _other_data(n=35, d=4, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(2.0, 3.0, size=(n, d))
    return X, -7 + X @ rng.standard_normal(d) + 0.5 * rng.standard_normal(n)


def _expected(X, y):
    """What LinearRegression computes: center, minimum-norm least squares for the slopes, intercept ȳ - x̄ᵀβ."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    coef = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    w = np.concatenate([[y_mean - x_mean @ coef], coef])
    return w, float(np.mean((y - w[0] - X @ coef) ** 2))


def _check_mse_value(got, expected, n, what="mse"):
    if isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; {what} is an array {show(got)}; expected one float.")
    if not isinstance(got, (float, np.floating)):
        fail(f"Called {last_call()}; {what} is a {type(got).__name__} ({show(got)}); expected a float.")
    if np.isclose(got, expected, rtol=1e-9, atol=0):
        return
    for mistake, value in (("the SUM of squared errors (SSE), n times the mean", n * expected),
                           ("the ROOT mean squared error (RMSE)", np.sqrt(expected)),
                           ("the sum of squared errors divided by n - 1", n * expected / (n - 1)),
                           ("half the mean squared error", expected / 2)):
        if np.isclose(got, value, rtol=1e-9):
            fail(f"Called {last_call()}; {what} = {float(got):.10g} is {mistake}; expected the mean squared error "
                 f"{expected:.10g}.")
    fail(f"Called {last_call()}; {what} = {float(got):.10g}; expected the mean squared error {expected:.10g}.")


def _sk(submission, X, y):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    exp_w, exp_mse = _expected(X, y)
    got = call(function(submission, "sklearn_weights_and_mse"), X, y)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (weights, mse).")
    w, mse = got
    d = X.shape[1]
    if not isinstance(w, np.ndarray):
        fail(f"Called {last_call()}; weights is a {type(w).__name__} ({show(w)}); expected a NumPy array.")
    if w.shape == (d,):
        fail(f"Called {last_call()}; weights has {d} entries, coef_ alone; expected {d + 1}: "
             "[intercept_, coef_...]. LinearRegression keeps the intercept apart, in model.intercept_.")
    if w.shape == (d + 2,):
        fail(f"Called {last_call()}; weights has {d + 2} entries; expected {d + 1}. You added a column of ones AND "
             "LinearRegression fitted its own intercept: the bias is in the model twice (the ones column gets weight "
             "0). Pass X itself.")
    if w.shape != exp_w.shape:
        fail(f"Called {last_call()}; weights has shape {w.shape}; expected {exp_w.shape}.")
    if not np.allclose(w, exp_w, rtol=1e-9, atol=1e-12 * np.abs(exp_w).max()):
        if np.allclose(np.roll(w, 1), exp_w, rtol=1e-9):
            fail(f"Called {last_call()}; weights = {show(w)} has the intercept LAST; expected {show(exp_w)}, the "
                 "intercept first.")
        fail(f"Called {last_call()}; weights = {show(w)}; expected {show(exp_w)} = [intercept_, coef_...] of "
             "LinearRegression().fit(X, y).")
    _check_mse_value(mse, exp_mse, len(y))
    return w, mse


def test_starter_data(submission):
    """the 50 samples of 14.3: weights [b, w1, w2] and the training MSE of LinearRegression"""
    _sk(submission, *_starter_data())


def test_four_features(submission):
    """four features with a negative intercept: five weights and the MSE"""
    _sk(submission, *_other_data())


def test_one_feature(submission):
    """a single feature (X of shape (20, 1)): two weights"""
    X, y = _other_data(n=20, d=1, seed=4)
    _sk(submission, X, y)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: the weights scale by it, the MSE by its square (no fixed tolerance survives both)"""
    X, y = _starter_data()
    _sk(submission, X, scale * y)


def test_dependent_features(submission):
    """a duplicated feature: scikit-learn's minimum-norm weights (the copies share the weight)"""
    X, y = _starter_data()
    _sk(submission, np.column_stack([X, X[:, 1]]), y)


def test_uses_linear_regression(submission):
    """fits with scikit-learn's LinearRegression, as the task asks"""
    with counting("sklearn.linear_model.LinearRegression.fit") as c:
        _sk(submission, *_starter_data())
    if c.n == 0:
        fail("sklearn_weights_and_mse never called LinearRegression().fit: this exercise is about reading "
             "scikit-learn's intercept_ and coef_.")


# ------------------------------------------------------------------------------------------------ training_mse


def _tm(submission, X, y, weights):
    X, y, weights = (np.array(a, dtype=float) for a in (X, y, weights))
    expected = float(np.mean((weights[0] + X @ weights[1:] - y) ** 2))
    got = call(function(submission, "training_mse"), X, y, weights)
    if isinstance(got, (float, np.floating)) and not np.isclose(got, expected, rtol=1e-9):
        for mistake, w in (("without the intercept weights[0]", np.concatenate([[0.0], weights[1:]])),
                           ("with the intercept taken as the LAST weight", np.roll(weights, 1))):
            if np.isclose(got, float(np.mean((w[0] + X @ w[1:] - y) ** 2)), rtol=1e-9):
                fail(f"Called {last_call()}; returned {float(got):.10g}, the MSE {mistake}; expected {expected:.10g}: "
                     "the predictions are weights[0] + X @ weights[1:].")
    _check_mse_value(got, expected, len(y), what="the result")
    return got


def test_training_mse_by_hand(submission):
    """X = [[0], [1]], y = [1, 3], weights [1, 1]: predictions 1 and 2, MSE (0 + 1) / 2 = 0.5"""
    _tm(submission, [[0.0], [1.0]], [1.0, 3.0], [1.0, 1.0])


def test_training_mse_arbitrary_weights(submission):
    """any weights, not only the optimal ones: [1, 2, 3] and [-4, 0.5, 0] on the starter data"""
    X, y = _starter_data()
    _tm(submission, X, y, [1.0, 2.0, 3.0])
    _tm(submission, X, y, [-4.0, 0.5, 0.0])


def test_training_mse_equals_sklearn(submission):
    """training_mse of the normal-equation weights equals scikit-learn's MSE on the same data (the comparison of the task)"""
    X, y = _other_data()
    A = np.column_stack([np.ones(len(X)), X])
    w_normal = np.linalg.solve(A.T @ A, A.T @ y)
    got = _tm(submission, X, y, w_normal)
    _, exp_mse = _expected(X, y)
    if not np.isclose(got, exp_mse, rtol=1e-9):
        fail(f"training_mse of the normal-equation weights is {float(got):.10g}; scikit-learn's MSE is {exp_mse:.10g}.")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_training_mse_scale(submission, scale):
    """targets and weights scaled by 1e-6 and 1e6: the MSE scales by the square"""
    X, y = _starter_data()
    _tm(submission, X, scale * y, scale * np.array([1.0, 2.0, -3.0]))
