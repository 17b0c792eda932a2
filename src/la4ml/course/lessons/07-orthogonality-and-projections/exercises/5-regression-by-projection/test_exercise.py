"""Hidden tests of exercise 7.5 — fit_by_projection(X, y, tol=1e-10) -> (y_hat, residual, r2)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes

X_D, Y_D = load_diabetes(return_X_y=True)  # (442, 10), (442,)
LIBRARY = ("numpy.linalg.lstsq", "scipy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.pinv",
           "sklearn.linear_model.LinearRegression.fit", "sklearn.linear_model.Ridge.fit",
           "la4ml.spaces.projection_matrix")


def _reference(X, y, tol=1e-10):
    A = np.column_stack([np.ones(len(X)), X])
    U, s, _ = np.linalg.svd(A, full_matrices=False)
    Q = U[:, s > tol * s[0]]
    y_hat = Q @ (Q.T @ y)
    sst = np.sum((y - y.mean()) ** 2)
    return y_hat, y - y_hat, (1.0 - (y - y_hat) @ (y - y_hat) / sst if sst > 0 else 1.0)


def _fit(submission, X, y, **kwargs):
    f = function(submission, "fit_by_projection")
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    try:
        got = call(f, X, y, **kwargs)
    except Feedback as fb:
        if "LinAlgError" in str(fb) or "Singular matrix" in str(fb):
            fail(f"{fb}\nThe design matrix [1, X] has dependent columns here, so AᵀA is singular and cannot be "
                 "inverted; the projection onto its column space is still well defined. Use an orthonormal basis "
                 "from the SVD.")
        raise
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a triple (y_hat, residual, r2).")
    n = len(y)
    out = []
    for value, name in zip(got[:2], ("y_hat", "residual")):
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(value)}, not an array of numbers.")
        if arr.shape != (n,):
            fail(f"Called {last_call()}; {name} has shape {arr.shape}; expected ({n},), one value per sample.")
        out.append(arr)
    try:
        r2 = float(got[2])
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; r2 is {show(got[2])}; expected a number.")
    return out[0], out[1], r2


def _diagnose_y_hat(X, y, y_hat):
    A = np.column_stack([np.ones(len(X)), X])
    with np.errstate(all="ignore"):
        U, s, _ = np.linalg.svd(X, full_matrices=False)
        Qx = U[:, s > 1e-10 * s[0]] if s.size and s[0] > 0 else U[:, :0]
        candidates = [
            (Qx @ (Qx.T @ y), "this is the fit WITHOUT an intercept: put a column of ones in front of X, "
                              "A = np.column_stack([np.ones(len(X)), X])"),
            (A @ (A.T @ y), "A Aᵀ y is not a projection: the columns of A are not orthonormal. Use an orthonormal "
                            "basis Q of the column space and return Q (Qᵀ y)"),
            (np.linalg.qr(A)[0] @ (np.linalg.qr(A)[0].T @ y),
             "np.linalg.qr's Q has a column for every column of A, even a dependent one, so it spans a bigger space "
             "than the column space; take the basis from the SVD and keep only singular values > tol * s[0]"),
        ]
    for candidate, why in candidates:
        if np.all(np.isfinite(candidate)) and np.allclose(y_hat, candidate, rtol=1e-6, atol=1e-6 * np.abs(y).max()):
            return why
    U, s, _ = np.linalg.svd(A, full_matrices=False)
    Q = U[:, s > 1e-10 * s[0]]
    outside = y_hat - Q @ (Q.T @ y_hat)  # the part of y_hat that no combination of the columns can produce
    if np.linalg.norm(outside) > 1e-6 * max(np.linalg.norm(y), 1e-300):
        return (f"your y_hat is not in the column space of [1, X] (a part of length {np.linalg.norm(outside):.3g} "
                "sticks out of it): your basis has directions that are not combinations of the columns. With "
                "dependent or nearly dependent columns, np.linalg.qr (or keeping every singular vector) adds such "
                "directions; keep only the singular vectors with s > tol * s[0]")
    return ("your y_hat lies in the column space but is not the closest point to y: the residual must be "
            "perpendicular to every column")


def _check(submission, X, y, *, why="", rel=1e-8, **kwargs):
    """``rel``: the accuracy asked of y_hat, relative to max|y| (looser when a kept direction is nearly dependent)."""
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    y_hat, residual, r2 = _fit(submission, X, y, **kwargs)
    e_hat, e_res, e_r2 = _reference(X, y, **kwargs)
    scale = max(np.abs(y).max(), 1e-300)
    atol = rel * scale
    if not np.allclose(y_hat, e_hat, rtol=rel, atol=atol):
        mistake = _diagnose_y_hat(X, y, y_hat)
        i = int(np.argmax(np.abs(y_hat - e_hat)))
        fail(f"Called {last_call()}; y_hat[{i}] = {y_hat[i]:.8g}, expected {e_hat[i]:.8g}{why}"
             + (f": {mistake}." if mistake else ": y_hat must be the projection of y onto the column space of [1, X]."))
    if not np.allclose(residual, e_res, rtol=rel, atol=atol):
        if np.allclose(residual, -e_res, rtol=rel, atol=atol):
            fail(f"Called {last_call()}; the residual has the wrong sign: it is y - y_hat, not y_hat - y.")
        fail(f"Called {last_call()}; residual = {show(residual)}; expected y - y_hat = {show(e_res)}.")
    if not np.isclose(r2, e_r2, rtol=rel, atol=rel):
        sse = e_res @ e_res
        hint = ""
        if np.isfinite(r2) and y @ y > 0 and np.isclose(r2, 1 - sse / (y @ y), rtol=1e-9):
            hint = " You divided by ‖y‖²; R² compares with the spread around the mean, ‖y − ȳ‖²."
        elif np.isfinite(r2) and y @ y > 0 and np.isclose(r2, (e_hat @ e_hat) / (y @ y), rtol=1e-9):
            hint = " ‖ŷ‖²/‖y‖² is not R²: use 1 − ‖residual‖² / ‖y − ȳ‖²."
        elif not np.isfinite(r2):
            hint = " y is constant here, so ‖y − ȳ‖² = 0: return 1.0 instead of dividing by zero."
        fail(f"Called {last_call()}; r2 = {r2:.10g}; expected {e_r2:.10g} = 1 − ‖residual‖² / ‖y − ȳ‖².{hint}")
    return y_hat, residual, r2


def test_hand_example(submission):
    """x = (0, 1, 2), y = (1, 2, 4): y_hat = (5, 14, 23)/6, residual = (1, −2, 1)/6, r2 = 27/28"""
    _check(submission, [[0.0], [1.0], [2.0]], [1.0, 2.0, 4.0])


def test_diabetes_matches_linear_regression(submission):
    """on the diabetes data: y_hat and r2 equal scikit-learn's LinearRegression (R² ≈ 0.5177)"""
    y_hat, _, r2 = _check(submission, X_D, Y_D)
    reg = LinearRegression().fit(X_D, Y_D)
    if not (np.allclose(y_hat, reg.predict(X_D), atol=1e-8) and np.isclose(r2, reg.score(X_D, Y_D), rtol=1e-10)):
        fail(f"Called {last_call()}; the fit differs from LinearRegression (R² {r2:.10g} vs {reg.score(X_D, Y_D):.10g}).")


def test_residual_perpendicular_to_columns(submission):
    """on the diabetes data: the residual is perpendicular to every column of [1, X] (so it sums to zero)"""
    _, residual, _ = _check(submission, X_D, Y_D)
    A = np.column_stack([np.ones(len(X_D)), X_D])
    dots = A.T @ residual
    limit = 100 * len(Y_D) * np.finfo(float).eps * np.linalg.norm(A, axis=0) * np.linalg.norm(Y_D)
    if np.any(np.abs(dots) > limit):
        j = int(np.argmax(np.abs(dots) / limit))
        fail(f"Called {last_call()}; column {j} of [1, X] has dot product {dots[j]:.3g} with the residual; it must be "
             "0 up to rounding: the residual of a projection is perpendicular to the whole column space.")


def test_duplicated_feature(submission):
    """a duplicated feature (bmi twice) changes nothing: the same y_hat, residual and r2 as without it"""
    X_dup = np.column_stack([X_D, 2 * X_D[:, 2]])
    _check(submission, X_dup, Y_D, why=" (the duplicated column adds no direction, so the fit must not change)")


def test_feature_that_is_a_sum(submission):
    """a feature equal to the sum of two others (a hidden dependence) is handled like a duplicate"""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    y = X[:, :3] @ np.array([1.0, -2.0, 0.5]) + 4.0 + 0.1 * rng.standard_normal(30)
    _check(submission, X, y)


def test_more_features_than_samples(submission):
    """5 samples, 8 features: the column space is all of R^5, so y_hat = y, residual = 0 and r2 = 1"""
    rng = np.random.default_rng(4)
    _check(submission, rng.standard_normal((5, 8)), rng.standard_normal(5))


def test_constant_target(submission):
    """a constant y is fitted perfectly: y_hat = y, residual = 0 and r2 = 1.0 (not 0/0)"""
    with np.errstate(all="ignore"):
        _check(submission, np.random.default_rng(5).standard_normal((6, 2)), np.full(6, 3.0))


def test_scale_of_y(submission):
    """y scaled by 1e-6 or 1e6 scales y_hat and the residual and leaves r2 unchanged"""
    X, y = X_D[:60], Y_D[:60]
    for s in (1e-6, 1e6):
        _check(submission, X, s * y)


def test_tol_is_relative_and_used(submission):
    """a copied feature plus noise: 1e-8 times smaller is kept and 1e-12 times smaller is dropped (default tol), also
    for features in the hundreds of millions (tol is relative to the largest singular value); tol=1e-6 drops 1e-8"""
    rng = np.random.default_rng(6)
    X = rng.standard_normal((40, 2))
    noise = rng.standard_normal(40)
    y = rng.standard_normal(40)
    for level, kept in ((1e-8, True), (1e-12, False)):
        Xn = np.column_stack([X, X[:, 0] + level * noise])
        note = (f" (the third feature is the first plus noise {level:g} times smaller: "
                + ("above tol = 1e-10, a real direction)" if kept else "below tol = 1e-10, nothing new)"))
        for scale in (1.0, 1e8):
            _check(submission, scale * Xn, y, rel=1e-6, why=note if scale == 1 else note[:-1]
                   + ", even with features of size 1e8: compare with tol * s[0], not with tol)")
    Xn = np.column_stack([X, X[:, 0] + 1e-8 * noise])
    _check(submission, Xn, y, tol=1e-6, why=" (with tol=1e-6, noise 1e-8 times smaller counts as nothing)")


def test_not_a_solver(submission):
    """projects with an orthonormal basis: works with lstsq, pinv and scikit-learn's fit unavailable"""
    f = function(submission, "fit_by_projection")
    with blocked(*LIBRARY, reason="project y with an orthonormal basis of the column space"):
        try:
            call(f, X_D[:50], Y_D[:50])
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the projection itself: an orthonormal basis Q of the column "
                     "space of [1, X] (from np.linalg.svd) and y_hat = Q (Qᵀ y).")
            raise


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 12), d=st.integers(1, 6), r=st.integers(0, 6), seed=st.integers(0, 2**32 - 1))
def test_property_random_designs(submission, n, d, r, seed):
    """on random designs (2–12 samples, 1–6 features, some dependent): the projection, its residual and r2"""
    rng = np.random.default_rng(seed)
    r = min(r, d)
    X = rng.standard_normal((n, r)) @ rng.standard_normal((r, d)) if r else np.zeros((n, d))
    _check(submission, X, rng.standard_normal(n))
