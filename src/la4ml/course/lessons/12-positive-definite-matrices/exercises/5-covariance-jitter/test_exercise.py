"""Hidden tests of exercise 12.5 — covariance(X) and make_positive_definite(C, jitter, tol) on Iris data."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, expect_close, fail, function, last_call, show


def _iris_petals():
    """Petal length and width (cm) of the 150 Iris flowers: the CSV bundled with scikit-learn, read without
    importing scikit-learn (which would cost a second of the time limit). Same numbers as load_iris()."""
    import importlib.util
    import os

    folder = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    data = np.loadtxt(os.path.join(folder, "datasets", "data", "iris.csv"), delimiter=",", skiprows=1)
    return data[:, 2], data[:, 3]


def _cov(submission, X):
    X = np.asarray(X, dtype=float)
    got = call(function(submission, "covariance"), X)
    n, d = X.shape
    expected = np.cov(X, rowvar=False).reshape(d, d)
    arr = np.asarray(got, dtype=float) if got is not None else None
    if arr is None:
        fail(f"Called {last_call()}; returned None; expected the {d} × {d} covariance matrix. Did you forget `return`?")
    if arr.shape == (n, n) and n != d:
        fail(f"Called {last_call()}; the result has shape {(n, n)}: one row and column per SAMPLE. Expected ({d}, {d}), "
             "one per feature. np.cov treats rows as variables unless you pass rowvar=False; by hand, use Xc.T @ Xc.")
    if arr.shape != (d, d):
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected ({d}, {d}) (n_features × n_features).")
    if np.allclose(arr, expected * (n - 1) / n, rtol=1e-9) and not np.allclose(arr, expected, rtol=1e-9):
        fail(f"Called {last_call()}; the result is the covariance times (n - 1)/n = {n - 1}/{n}: divide by "
             f"n_samples - 1 = {n - 1} (the unbiased sample covariance, as np.cov does), not by n = {n}.")
    Xu = X.T @ X
    if np.allclose(arr, Xu / (n - 1), rtol=1e-9) or np.allclose(arr, Xu / n, rtol=1e-9):
        fail(f"Called {last_call()}; the result is Xᵀ X / (n - 1) without centering: subtract each column's mean "
             "first (Xc = X - X.mean(axis=0)).")
    expect_close(arr, expected, rtol=1e-9, atol=1e-12, because="it must equal np.cov(X, rowvar=False)")
    return arr


def _make_pd(submission, C, **kwargs):
    C = np.asarray(C, dtype=float)
    got = call(function(submission, "make_positive_definite"), C, **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (C_pd, added).")
    C_pd, added = got
    if C_pd is None or np.shape(C_pd) != C.shape:
        fail(f"Called {last_call()}; C_pd is {show(C_pd)}; expected an array of shape {C.shape}.")
    try:
        added = float(added)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; added is {show(added)}; expected a number (0.0 or the jitter).")
    return np.asarray(C_pd, dtype=float), added


def _expect_jittered(C, C_pd, added, jitter, because):
    n = C.shape[0]
    D = C_pd - C  # what was added
    tiny = 1e-3 * jitter
    if np.all(np.abs(D) <= tiny):
        fail(f"Called {last_call()}; returned C unchanged (added = {added:g}); expected C + {jitter:g}·I, because "
             f"{because}. Compare the smallest eigenvalue with tol (> tol), not with 0.")
    if np.allclose(D, jitter, rtol=0, atol=tiny):
        fail(f"Called {last_call()}; added {jitter:g} to EVERY entry of C; add it to the diagonal only "
             f"(C + jitter * np.eye(n)): that shifts every eigenvalue up by jitter, while adding a constant to "
             "every entry leaves the matrix singular.")
    expect_close(D, jitter * np.eye(n), rtol=0, atol=tiny, what="C_pd - C",
                 because=f"{because}, so exactly jitter·I = {jitter:g}·I must be added (no more, no less)")
    expect(np.isclose(added, jitter), got=added, expected=jitter, because="added must report the jitter used")


def test_covariance_by_hand(submission):
    """covariance of the 3 samples (1, 2), (2, 4), (3, 7) is [[1, 2.5], [2.5, 6.33]]"""
    _cov(submission, [[1.0, 2.0], [2.0, 4.0], [3.0, 7.0]])


def test_covariance_iris(submission):
    """covariance of Iris petal length and width (150 samples) equals np.cov(X, rowvar=False)"""
    length, width = _iris_petals()
    _cov(submission, np.column_stack([length, width]))


def test_healthy_covariance_unchanged(submission):
    """leaves the positive definite covariance of petal length and width unchanged, with added = 0"""
    length, width = _iris_petals()
    C = np.cov(np.column_stack([length, width]), rowvar=False)
    C_pd, added = _make_pd(submission, C)
    expect(added == 0.0 and np.array_equal(C_pd, C), got=(C_pd, added), expected=(C, 0.0),
           because=f"C's eigenvalues {show(np.linalg.eigvalsh(C))} are all > tol: no jitter is needed, and adding "
                   "one anyway would change the data's covariance for nothing")


def test_duplicated_feature_gets_jitter(submission):
    """adds 1e-6·I to the singular covariance of petal length in cm and in mm (a duplicated feature)"""
    length, _ = _iris_petals()
    C = np.cov(np.column_stack([length, 10 * length]), rowvar=False)
    C_pd, added = _make_pd(submission, C)
    lam = np.linalg.eigvalsh(C)
    _expect_jittered(C, C_pd, added, 1e-6,
                     f"the second feature is 10 × the first, so C is singular: its smallest eigenvalue is 0 up to "
                     f"rounding ({lam[0]:.2g}), not > tol = 1e-10")
    expect(np.linalg.eigvalsh(C_pd)[0] > 0, got=np.linalg.eigvalsh(C_pd), expected="all eigenvalues > 0",
           because="after the jitter C_pd must be positive definite")


def test_exact_copy_and_custom_jitter(submission):
    """uses the jitter argument: an exact copy of a feature with jitter=1e-3 gets exactly 1e-3·I"""
    length, _ = _iris_petals()
    C = np.cov(np.column_stack([length, length]), rowvar=False)
    C_pd, added = _make_pd(submission, C, jitter=1e-3)
    _expect_jittered(C, C_pd, added, 1e-3, "the two features are identical, so C has eigenvalue 0")


def test_small_but_positive_eigenvalue(submission):
    """leaves diag(1, 1e-8) unchanged: its smallest eigenvalue 1e-8 is above tol = 1e-10"""
    C = np.diag([1.0, 1e-8])
    C_pd, added = _make_pd(submission, C)
    expect(added == 0.0 and np.array_equal(C_pd, C), got=(C_pd, added), expected=(C, 0.0),
           because="its eigenvalues 1 and 1e-8 are > tol = 1e-10; use the tol argument, not a bigger threshold")


def test_tol_argument(submission):
    """uses the tol argument: diag(1, 1e-8) with tol=1e-6 gets the jitter"""
    C = np.diag([1.0, 1e-8])
    C_pd, added = _make_pd(submission, C, tol=1e-6)
    _expect_jittered(C, C_pd, added, 1e-6, "with tol=1e-6 the eigenvalue 1e-8 does not count as positive")


@st.composite
def datasets(draw):
    """Gaussian data with 2-4 features and 8-40 samples; optionally one feature a multiple of another."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    d = draw(st.integers(2, 4))
    n = draw(st.integers(8, 40))
    X = rng.standard_normal((n, d)) * rng.uniform(0.5, 5, d) + rng.uniform(-10, 10, d)
    duplicated = draw(st.booleans())
    if duplicated:
        X[:, -1] = draw(st.sampled_from([1.0, 2.54, 10.0, -3.0])) * X[:, 0]
    return X, duplicated


@settings(max_examples=25, deadline=None)
@given(case=datasets())
def test_property_random_datasets(submission, case):
    """on random datasets, covariance matches np.cov and exactly those with a duplicated feature get the jitter"""
    X, duplicated = case
    C = _cov(submission, X)
    C = np.cov(X, rowvar=False)
    C_pd, added = _make_pd(submission, C)
    if duplicated:
        _expect_jittered(C, C_pd, added, 1e-6, "the last feature is a multiple of the first, so C is singular")
    else:
        expect(added == 0.0 and np.array_equal(C_pd, C), got=added, expected=0.0,
               because=f"this C is positive definite (smallest eigenvalue {np.linalg.eigvalsh(C)[0]:.3g})")
