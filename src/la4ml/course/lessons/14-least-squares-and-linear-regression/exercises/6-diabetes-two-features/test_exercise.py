"""Hidden tests of exercise 14.6 — fit_two_features(features, test_size, random_state) on the diabetes data."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes, train_test_split

DATA = load_diabetes()
NAMES = list(DATA.feature_names)


def _fit(X, y):
    """LinearRegression's answer (center, least squares, intercept ȳ - x̄ᵀβ) without importing the estimator."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    coef = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    return coef, float(y_mean - x_mean @ coef)


def reference(features=("bmi", "s5"), test_size=0.2, random_state=0):
    X = DATA.data[:, [NAMES.index(f) for f in features]]
    X_tr, X_te, y_tr, y_te = train_test_split(X, DATA.target, test_size=test_size, random_state=random_state)
    coef, b = _fit(X_tr, y_tr)
    return {"coef": coef, "intercept": b, "test_mse": float(np.mean((X_te @ coef + b - y_te) ** 2)),
            "train_mse": float(np.mean((X_tr @ coef + b - y_tr) ** 2)), "n_test": len(y_te), "X": X,
            "split": (X_tr, X_te, y_tr, y_te)}


def _run(submission, **kwargs):
    got = call(function(submission, "fit_two_features"), **kwargs)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a triple (coef, intercept, test_mse).")
    coef, intercept, test_mse = got
    ref = reference(**kwargs)
    if not isinstance(coef, np.ndarray) or coef.shape != (2,):
        fail(f"Called {last_call()}; coef is {show(coef)}; expected an array of the two weights, shape (2,).")
    for name, value in (("intercept", intercept), ("test_mse", test_mse)):
        if isinstance(value, np.ndarray) or not isinstance(value, (float, np.floating)):
            fail(f"Called {last_call()}; {name} is {show(value)} (a {type(value).__name__}); expected a float.")
    if not np.allclose(coef, ref["coef"], rtol=1e-8):
        again = function(submission, "fit_two_features")(**kwargs)[0]
        if not np.allclose(np.asarray(again, dtype=float), coef, rtol=1e-12):
            fail(f"Called {last_call()} twice and got different coefficients, {show(coef)} and {show(again)}: the split "
                 "is not seeded. Pass random_state=random_state on to train_test_split, so the same arguments give the "
                 "same split — and the same numbers — on every run.")
        _explain_coef(coef, intercept, ref, kwargs)
    if not np.isclose(intercept, ref["intercept"], rtol=1e-8):
        fail(f"Called {last_call()}; intercept = {float(intercept):.10g}; expected {ref['intercept']:.10g} "
             "(model.intercept_ of the model fitted on the training part).")
    if not np.isclose(test_mse, ref["test_mse"], rtol=1e-8):
        _explain_mse(float(test_mse), ref)
    return coef, intercept, test_mse


def _explain_coef(coef, intercept, ref, kwargs):
    exp = ref["coef"]
    if np.allclose(coef[::-1], exp, rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} has the weights in the other order; expected {show(exp)}, in "
             f"the order of features {tuple(kwargs.get('features', ('bmi', 's5')))}: select the columns in that order.")
    full, _ = _fit(ref["X"], DATA.target)
    if np.allclose(coef, full, rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} comes from a fit on ALL 442 patients; expected {show(exp)}, "
             "fitted on the training part only — the test patients must stay unseen.")
    X_tr, X_te, y_tr, y_te = ref["split"]
    if np.allclose(coef, _fit(X_te, y_te)[0], rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} was fitted on the TEST part; fit on the training part "
             "(train_test_split returns X_train, X_test, y_train, y_test in that order).")
    seed = kwargs.get("random_state", 0)
    size = kwargs.get("test_size", 0.2)
    features = kwargs.get("features", ("bmi", "s5"))
    if seed != 0 and np.allclose(coef, reference(features, size, 0)["coef"], rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} is the fit for random_state=0, not {seed}: pass "
             "random_state=random_state on to train_test_split.")
    if size != 0.2 and np.allclose(coef, reference(features, 0.2, seed)["coef"], rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} is the fit for test_size=0.2, not {size}: pass "
             "test_size=test_size on to train_test_split.")
    if features != ("bmi", "s5") and np.allclose(coef, reference(("bmi", "s5"), size, seed)["coef"], rtol=1e-8):
        fail(f"Called {last_call()}; coef = {show(coef)} is the fit for ('bmi', 's5'), not {features}: look the columns "
             "up by the names given, [feature_names.index(f) for f in features].")
    fail(f"Called {last_call()}; coef = {show(coef)}; expected {show(exp)}. Check the columns (by name, in order), "
         "the split (test_size and random_state passed on) and that the fit uses the training part.")


def _explain_mse(got, ref):
    exp = ref["test_mse"]
    for what, value in (("the TRAINING MSE: evaluate on X_test, y_test", ref["train_mse"]),
                        ("the SUM of squared errors on the test part, not their mean", exp * ref["n_test"]),
                        ("the root mean squared error; expected the MSE itself", np.sqrt(exp))):
        if np.isclose(got, value, rtol=1e-8):
            fail(f"Called {last_call()}; test_mse = {got:.10g} is {what} (expected {exp:.10g}).")
    fail(f"Called {last_call()}; test_mse = {got:.10g}; expected {exp:.10g}, the mean of (model.predict(X_test) - "
         "y_test)².")


def test_defaults(submission):
    """fit_two_features() with its defaults: bmi and s5, 20% test, seed 0 — coef, intercept and test MSE"""
    _run(submission)


def test_other_seeds(submission):
    """random_state = 1 and 42 give other splits, and the results of those splits"""
    _run(submission, random_state=1)
    _run(submission, random_state=42)


def test_other_test_size(submission):
    """test_size = 0.35: more patients held out"""
    _run(submission, test_size=0.35, random_state=3)


@pytest.mark.parametrize("features", [("s5", "bmi"), ("age", "sex"), ("bp", "s3")])
def test_other_features(submission, features):
    """other pairs, and bmi/s5 in the reverse order: the weights follow the order of the names"""
    _run(submission, features=features)


def test_features_as_list(submission):
    """features given as a list ['bp', 's6'] work too"""
    _run(submission, features=["bp", "s6"], random_state=5)


def test_seed_is_reproducible(submission):
    """two calls with the same arguments return the same test MSE (the split is seeded)"""
    a = _run(submission, random_state=7)[2]
    b = _run(submission, random_state=7)[2]
    if a != b:
        fail(f"fit_two_features(random_state=7) returned test MSE {a} and then {b}: the split is not seeded.")
