"""Hidden tests of exercise 14.3 — add_bias_column(X), normal_equation_weights(X, y), lstsq_weights(X, y)."""

import numpy as np
import pytest

from la4ml.course.grading import Feedback, blocked, call, counting, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("numpy.linalg.lstsq", "scipy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.pinv",
           "sklearn.linear_model.LinearRegression.fit")


def _starter_data():
    rng = np.random.default_rng(42)
    X = rng.uniform(0, 10, size=(50, 2))
    return X, 5 + X @ np.array([2.0, -3.0]) + rng.standard_normal(50)


def _design(X):
    return np.column_stack([np.ones(len(X)), X])


# -------------------------------------------------------------------------------------------- add_bias_column


def _bias(submission, X):
    X = np.array(X, dtype=float)
    got = call(function(submission, "add_bias_column"), X)
    expected = _design(X)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__}; expected a NumPy array of shape {expected.shape}.")
    if got.shape == expected.T.shape and got.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {expected.shape}: one ROW per sample. "
             "You stacked the ones and the features as rows (np.vstack, or X.T): use np.column_stack([ones, X]).")
    if got.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {expected.shape} = (n_samples, "
             "n_features + 1).")
    if np.array_equal(got, expected):
        return got
    if np.array_equal(got, np.column_stack([X, np.ones(len(X))])):
        fail(f"Called {last_call()}; the column of ones is the LAST column; put it first, so that weights[0] is the "
             "intercept b.")
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: a column of ones, then X unchanged.")


def test_bias_column_starter(submission):
    """add_bias_column on the 50 × 2 starter data: shape (50, 3), ones first, then the two features"""
    _bias(submission, _starter_data()[0])


def test_bias_column_shapes(submission):
    """add_bias_column on a 3 × 4 (fewer samples than features) and a 6 × 1 matrix"""
    rng = np.random.default_rng(1)
    _bias(submission, rng.standard_normal((3, 4)))
    _bias(submission, rng.standard_normal((6, 1)))


# ----------------------------------------------------------------------------------- normal_equation_weights


def _normal(submission, X, y, kappa=None):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    A = _design(X)
    expected = np.linalg.lstsq(A, y, rcond=None)[0]
    got = call(function(submission, "normal_equation_weights"), X, y)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected an array of "
             f"{A.shape[1]} weights.")
    if got.shape == (X.shape[1],):
        fail(f"Called {last_call()}; returned {X.shape[1]} weights; expected {A.shape[1]}: [b, w1, …, wd]. Without the "
             "column of ones the model has no intercept and is forced through the origin.")
    if got.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {expected.shape}.")
    if kappa is None:
        kappa = np.linalg.cond(A)
    tol = 100 * kappa ** 2 * EPS  # the normal equations square the condition number
    if np.allclose(got, expected, rtol=tol, atol=tol * np.abs(expected).max()):
        return got
    if np.allclose(np.roll(got, -1), expected, rtol=tol, atol=tol * np.abs(expected).max()):
        fail(f"Called {last_call()}; returned {show(got)}: the intercept is last; expected {show(expected)}, "
             "the intercept first.")
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}, the solution of (AᵀA) w = Aᵀy "
         "with A = [1 X].")


def test_normal_by_hand(submission):
    """the three points (0, 1), (1, 3), (2, 2) as a 3 × 1 X: weights [1.5, 0.5]"""
    _normal(submission, [[0.0], [1.0], [2.0]], [1.0, 3.0, 2.0])


def test_normal_starter(submission):
    """the 50 samples of the starter: [b, w1, w2] equals lstsq's, within the κ² accuracy of the normal equations"""
    _normal(submission, *_starter_data())


def test_normal_four_features(submission):
    """four features with means far from zero: five weights, intercept first"""
    rng = np.random.default_rng(2)
    X = rng.normal(10, 2, size=(40, 4))
    _normal(submission, X, 1 + X @ np.array([0.5, -1.0, 2.0, 0.0]) + rng.standard_normal(40))


@pytest.mark.parametrize("scale", [1e-11, 1e-6, 1e6, 1e11])
def test_normal_feature_units(submission, scale):
    """features in tiny (×1e-11, ×1e-6) or huge (×1e6, ×1e11) units: κ(A) up to 2e12, yet well posed, so no error, and the weights scale by 1/scale"""
    X, y = _starter_data()
    # Rescaling columns changes κ(A) but not the accuracy of the normal equations (elimination is
    # insensitive to column scaling), so the tolerance is that of the unscaled design.
    _normal_or_explain(submission, scale * X, y, scale, kappa=np.linalg.cond(_design(X)))


def _normal_or_explain(submission, X, y, scale, kappa=None):
    try:
        _normal(submission, X, y, kappa)
    except Feedback as fb:
        if "LinAlgError" in str(fb):
            fail(f"{fb}\nThese features are independent, only measured in other units (×{scale:g}): the rank test must "
                 "be RELATIVE to the size of A. np.linalg.matrix_rank(A) compares the singular values with "
                 "max(m, n)·eps·σ_max; a fixed threshold on det(AᵀA), on the singular values or on κ(A) is not "
                 "(units alone can make κ(A) large without making the features dependent).")
        raise


def _expect_linalg_error(submission, X, y, why):
    f = function(submission, "normal_equation_weights")
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = f(X, y)
    except np.linalg.LinAlgError:
        return
    except NotImplementedError:
        fail("Called normal_equation_weights and it raised NotImplementedError: replace the `raise "
             "NotImplementedError` line of the starter with your code.")
    except Exception as exc:  # noqa: BLE001 - the learner's exception
        fail(f"Called normal_equation_weights(X={show(X)}, y={show(y)}) and it raised {type(exc).__name__}: {exc}; "
             f"expected np.linalg.LinAlgError, because {why}.")
    fail(f"Called normal_equation_weights(X={show(X)}, y={show(y)}); returned {show(got)}; expected "
         f"np.linalg.LinAlgError, because {why}. np.linalg.solve does not always notice (rounding turns the zero "
         "pivot into a tiny number): test np.linalg.matrix_rank(A) < A.shape[1] first and raise.")


def test_duplicated_feature_raises(submission):
    """a feature that is 3 times another (computed in floating point): LinAlgError, not numbers"""
    X, y = _starter_data()
    X = np.column_stack([X[:, 0] * 0.1, X[:, 0] * 0.3, X[:, 1]])
    _expect_linalg_error(submission, X, y, "the second feature is 3 times the first, so AᵀA is singular (rounding "
                         "hides it from np.linalg.solve)")


def test_duplicated_feature_in_huge_units_raises(submission):
    """the same dependent features in huge units (×1e10): still LinAlgError — rounding leaves σ_min ≈ 1e-5, not 0"""
    X, y = _starter_data()
    X = 1e10 * np.column_stack([X[:, 0] * 0.1, X[:, 0] * 0.3, X[:, 1]])
    _expect_linalg_error(submission, X, y, "the second feature is still 3 times the first: in these units rounding "
                         "leaves the smallest singular value of A near 1e-5, far above any fixed threshold such as "
                         "1e-8 but far below max(m, n)·eps·σ_max, the relative one np.linalg.matrix_rank uses")


def test_constant_feature_raises(submission):
    """a constant feature (every value 0.7) is a multiple of the column of ones: LinAlgError"""
    X, y = _starter_data()
    X = np.column_stack([X, np.full(len(X), 0.7)])
    _expect_linalg_error(submission, X, y, "a constant feature is 0.7 times the column of ones: the intercept and its "
                         "weight cannot be told apart")


def test_too_few_samples_raises(submission):
    """2 samples for 3 weights (b, w1, w2): LinAlgError"""
    _expect_linalg_error(submission, [[1.0, 2.0], [3.0, 5.0]], [1.0, 2.0],
                         "3 weights cannot be fixed by 2 equations: the rank of A is at most 2")


def test_normal_from_scratch(submission):
    """uses the normal equations: still works when lstsq, pinv and scikit-learn are unavailable"""
    f = function(submission, "normal_equation_weights")
    X, y = _starter_data()
    with blocked(*LIBRARY, reason="solve (AᵀA) w = Aᵀy with np.linalg.solve"):
        try:
            got = call(f, X, y)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nnormal_equation_weights must solve the normal equations with np.linalg.solve; "
                     "np.linalg.lstsq belongs in lstsq_weights.")
            raise
    if not (isinstance(got, np.ndarray) and got.shape == (3,)):
        fail(f"Called {last_call()}; returned {show(got)}; expected 3 weights.")


# ----------------------------------------------------------------------------------------------- lstsq_weights


def _lstsq(submission, X, y):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    A = _design(X)
    expected = np.linalg.pinv(A) @ y
    exp_rss = float(np.sum((y - A @ expected) ** 2))
    f = function(submission, "lstsq_weights")
    try:
        got = call(f, X, y)
    except Feedback as fb:
        if "IndexError" in str(fb):
            fail(f"{fb}\nnp.linalg.lstsq returns an EMPTY residuals array when A is rank deficient (here rank "
                 f"{np.linalg.matrix_rank(A)} < {A.shape[1]}) or has no more rows than columns: compute the rss "
                 "yourself, float(np.sum((y - A @ weights) ** 2)).")
        raise
    if isinstance(got, tuple) and len(got) == 4:
        fail(f"Called {last_call()}; returned a tuple of 4 things — the whole result of np.linalg.lstsq, "
             "(solution, residuals, rank, singular_values); expected the pair (weights, rss): the solution is [0].")
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (weights, rss).")
    weights, rss = got
    if isinstance(weights, tuple):
        fail(f"Called {last_call()}; weights is a tuple of {len(weights)} things; expected the solution array alone: "
             "np.linalg.lstsq(A, y, rcond=None)[0].")
    if not isinstance(weights, np.ndarray) or weights.shape != expected.shape:
        fail(f"Called {last_call()}; weights is {show(weights)}; expected an array of shape {expected.shape}"
             + (" — the column of ones is missing." if np.shape(weights) == (X.shape[1],) else "."))
    scale = max(np.abs(expected).max(), 1e-300)
    if not np.allclose(weights, expected, rtol=1e-8, atol=1e-8 * scale):
        fail(f"Called {last_call()}; weights = {show(weights)}; expected {show(expected)}"
             + (", the minimum-norm solution (A is rank deficient)." if np.linalg.matrix_rank(A) < A.shape[1] else "."))
    if isinstance(rss, np.ndarray):
        fail(f"Called {last_call()}; rss is an array {show(rss)}; expected one float. NumPy's residuals is an array "
             "(of shape (1,), or EMPTY when A is rank deficient): compute float(np.sum((y - A @ weights) ** 2)).")
    if not isinstance(rss, (float, np.floating)):
        fail(f"Called {last_call()}; rss is a {type(rss).__name__}; expected a float.")
    y_scale = float(y @ y)
    if np.isclose(rss, exp_rss, rtol=1e-8, atol=1e-12 * y_scale):
        return weights, rss
    for what, value in (("its square root, ‖y - Aw‖", np.sqrt(exp_rss)), ("the MSE (divided by n)", exp_rss / len(y))):
        if np.isclose(rss, value, rtol=1e-8):
            fail(f"Called {last_call()}; rss = {float(rss):.10g} is {what}; expected the SUM of squared residuals "
                 f"{exp_rss:.10g}.")
    fail(f"Called {last_call()}; rss = {float(rss):.10g}; expected ‖y - Aw‖² = {exp_rss:.10g}.")


def test_lstsq_starter(submission):
    """lstsq_weights on the starter data: (weights, rss) with three weights and the rss as a float"""
    _lstsq(submission, *_starter_data())


def test_lstsq_agrees_with_normal_equations(submission):
    """on the starter data the two functions give the same weights (the problem is well conditioned)"""
    X, y = _starter_data()
    w_normal = _normal(submission, X, y)
    w_lstsq, _ = _lstsq(submission, X, y)
    if not np.allclose(w_normal, w_lstsq, rtol=1e-10):
        fail(f"normal_equation_weights gave {show(w_normal)} and lstsq_weights {show(w_lstsq)}; they should agree.")


def test_lstsq_rank_deficient(submission):
    """a duplicated feature: minimum-norm weights (the copies share the weight) and the rss, where NumPy's residuals is empty"""
    X, y = _starter_data()
    _lstsq(submission, np.column_stack([X, X[:, 0]]), y)


def test_lstsq_fewer_samples_than_weights(submission):
    """2 samples, 2 features: the line fits exactly, rss = 0 to rounding, minimum-norm weights"""
    _lstsq(submission, [[1.0, 2.0], [3.0, 5.0]], [1.0, 2.0])


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_lstsq_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: weights scale by it and the rss by its square"""
    X, y = _starter_data()
    _lstsq(submission, X, scale * y)


def test_lstsq_uses_numpy(submission):
    """lstsq_weights calls np.linalg.lstsq, as the task asks"""
    X, y = _starter_data()
    with counting("numpy.linalg.lstsq") as c:
        _lstsq(submission, X, y)
    if c.n == 0:
        fail("lstsq_weights never called np.linalg.lstsq; this part of the exercise is about reading its result.")
