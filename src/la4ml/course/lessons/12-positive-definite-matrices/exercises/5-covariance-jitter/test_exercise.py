"""Hidden tests of exercise 12.5 — covariance(X) and make_positive_definite(C, jitter, rtol), relative to C's scale."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps


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
        fail(f"Called {last_call()}; added is {show(added)}; expected a number (0.0 or the jitter added).")
    return np.asarray(C_pd, dtype=float), added


def _chol_succeeds(C):
    try:
        np.linalg.cholesky(C)
        return True
    except np.linalg.LinAlgError:
        return False


def _unchanged_by(submission, C):
    """Whether the learner's make_positive_definite leaves C unchanged (None if it raises)."""
    try:
        C_pd, _ = call(function(submission, "make_positive_definite"), np.array(C, dtype=float))
        return np.array_equal(np.asarray(C_pd, dtype=float), C)
    except Exception:  # noqa: BLE001 - a probe only; the real checks report errors
        return None


def _why_unchanged(submission, C):
    """Name the decision rule that left a singular C unchanged, by probing the learner's function on
    matrices where the three usual mistakes disagree."""
    lam = np.linalg.eigvalsh(C)
    if _unchanged_by(submission, np.diag([1.0, 0.0])):
        return ("You seem to test the LARGEST eigenvalue: your function also leaves diag(1, 0), whose eigenvalues "
                "are exactly 0 and 1, unchanged. np.linalg.eigvalsh sorts ascending, so the smallest is [0], not [-1].")
    if _unchanged_by(submission, _sepal_times(9.19)):
        return ("You seem to decide with np.linalg.cholesky: your function also leaves the singular covariance of "
                "sepal length and 9.19 × sepal length unchanged, on which np.linalg.cholesky succeeds (rounding "
                "leaves its last pivot positive) although its smallest eigenvalue is negative. Cholesky succeeding "
                "is not a test of definiteness to working precision: decide from the eigenvalues.")
    if abs(lam[0]) > 1e3 * len(C) * EPS * abs(lam[-1]):  # a genuine small eigenvalue, not rounding noise
        return (f"C's smallest eigenvalue {lam[0]:.3g} is {lam[0] / lam[-1]:.2g} times λ_max = {lam[-1]:.4g}: positive, "
                "but not above the tolerance rtol·λ_max. Compare it with rtol * λ_max using the rtol argument you "
                "are given (n·ε only when rtol is None), not with 0.")
    return (f"C's smallest eigenvalue is {lam[0]:.3g}: its sign is rounding, and it is only {lam[0] / lam[-1]:.2g} "
            f"times λ_max = {lam[-1]:.4g}. Compare it with rtol·λ_max (default n·ε), not with 0 or with a fixed "
            "number such as 1e-10.")


def _expect_jittered(submission, C, C_pd, added, jitter, because):
    n = C.shape[0]
    lam = np.linalg.eigvalsh(C)
    scale = np.abs(lam).max()
    delta = jitter * scale if scale > 0 else jitter
    D = C_pd - C  # what was added
    tiny = 1e-3 * delta
    if np.all(np.abs(D) <= tiny):
        fail(f"Called {last_call()}; returned C unchanged (added = {added:g}); expected C + {delta:.4g}·I, because "
             f"{because}. {_why_unchanged(submission, C)}")
    if np.allclose(D, D[0, 0], rtol=1e-6, atol=0) and n > 1:
        fail(f"Called {last_call()}; added {D[0, 0]:.4g} to EVERY entry of C; add it to the diagonal only "
             "(C + delta * np.eye(n)): that shifts every eigenvalue up by delta, while adding a constant to "
             "every entry leaves the matrix singular.")
    if np.allclose(D, jitter * np.eye(n), rtol=1e-6, atol=0) and not np.isclose(jitter, delta, rtol=1e-6):
        fail(f"Called {last_call()}; added jitter·I = {jitter:g}·I, an ABSOLUTE amount; expected jitter·λ_max·I = "
             f"{delta:.4g}·I, because the jitter is a fraction of C's largest eigenvalue ({scale:.4g}): that makes the "
             f"condition number about 1/jitter = {1 / jitter:.3g} in any units, where a fixed {jitter:g} would "
             "vanish in the rounding of a large covariance or swamp a small one.")
    expect_close(D, delta * np.eye(n), rtol=1e-9, atol=1e-12 * delta, what="C_pd - C",
                 because=f"{because}, so exactly δ·I with δ = jitter·λ_max = {jitter:g} × {scale:.6g} = {delta:.6g} must "
                         "be added (no more, no less, on the diagonal only)")
    expect(np.isclose(added, delta, rtol=1e-9), got=added, expected=delta,
           because="added must report the jitter δ = jitter·λ_max that was added")


def _expect_unchanged(submission, C, C_pd, added, because):
    if added == 0.0 and np.array_equal(C_pd, C):
        return
    lam = np.linalg.eigvalsh(C)
    hint = ""
    if not np.array_equal(C_pd, C) and 0 < lam[0] < 1e-10 and lam[0] > 1e3 * len(C) * EPS * lam[-1]:
        hint = (f" Its eigenvalues {show(lam)} are small only because of the units: relative to λ_max the smallest is "
                f"{lam[0] / lam[-1]:.3g}, far above rtol = n·ε. An absolute threshold such as 1e-10 jitters every "
                "matrix in small units.")
    fail(f"Called {last_call()}; returned added = {added:g} and a C_pd that differs from C by up to "
         f"{np.abs(C_pd - C).max():.3g}; expected C unchanged and added = 0.0, because {because}.{hint}")


def _iris():
    """The 150 × 4 Iris measurements (cm): the CSV bundled with scikit-learn, read without importing scikit-learn
    (which would cost a second of the time limit). Same numbers as load_iris().data."""
    import importlib.util
    import os

    folder = importlib.util.find_spec("sklearn").submodule_search_locations[0]
    return np.loadtxt(os.path.join(folder, "datasets", "data", "iris.csv"), delimiter=",", skiprows=1)[:, :4]


def _iris_petals():
    data = _iris()
    return data[:, 2], data[:, 3]


def _sepal_times(k):
    """Covariance of sepal length and k × sepal length: singular; for k = 9.19 np.linalg.cholesky succeeds on it
    while its smallest computed eigenvalue is negative."""
    sepal = _iris()[:, 0]
    return np.cov(np.column_stack([sepal, k * sepal]), rowvar=False)


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
    _expect_unchanged(submission, C, C_pd, added,
                      f"C's eigenvalues {show(np.linalg.eigvalsh(C))} are all > rtol·λ_max: no jitter is needed, and "
                      "adding one anyway would change the data's covariance for nothing")


def test_duplicated_feature_gets_jitter(submission):
    """adds 1e-6·λ_max·I to the singular covariance of petal length in cm and in mm (a duplicated feature)"""
    length, _ = _iris_petals()
    C = np.cov(np.column_stack([length, 10 * length]), rowvar=False)
    C_pd, added = _make_pd(submission, C)
    lam = np.linalg.eigvalsh(C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     f"the second feature is 10 × the first, so C is singular: its smallest eigenvalue is 0 up to "
                     f"rounding ({lam[0]:.2g}, next to λ_max = {lam[-1]:.4g}), not > rtol·λ_max = {2 * EPS * lam[-1]:.2g}")
    kappa = np.linalg.cond(C_pd)
    expect(np.isclose(kappa, 1 + 1e6, rtol=1e-3), got=f"condition number {kappa:.4g}", expected="about 1e6 = 1/jitter",
           because="after adding δ = jitter·λ_max the smallest eigenvalue is δ, so C_pd is positive definite with "
                   "condition number (λ_max + δ)/δ ≈ 1/jitter")


def test_exact_copy_and_custom_jitter(submission):
    """uses the jitter argument: an exact copy of a feature with jitter=1e-3 gets exactly 1e-3·λ_max·I"""
    length, _ = _iris_petals()
    C = np.cov(np.column_stack([length, length]), rowvar=False)
    C_pd, added = _make_pd(submission, C, jitter=1e-3)
    _expect_jittered(submission, C, C_pd, added, 1e-3,
                     "the two features are identical, so C = [[v, v], [v, v]] has eigenvalues exactly 0 and 2v")


def test_cholesky_success_is_not_the_test(submission):
    """jitters the covariance of sepal length and 9.19 × sepal length, although np.linalg.cholesky succeeds on it"""
    C = _sepal_times(9.19)
    lam = np.linalg.eigvalsh(C)
    assert _chol_succeeds(C) and lam[0] <= 0  # what makes this matrix a test of the Cholesky mistake
    C_pd, added = _make_pd(submission, C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     f"C is singular (the features are proportional): its smallest eigenvalue is {lam[0]:.2g}, "
                     "although np.linalg.cholesky succeeds on it")


def test_positive_rounding_is_not_positive(submission):
    """jitters the covariance of petal length and 6.02 × petal length, whose zero eigenvalue rounds to +4.4e-16"""
    length, _ = _iris_petals()
    C = np.cov(np.column_stack([length, 6.02 * length]), rowvar=False)
    lam = np.linalg.eigvalsh(C)
    C_pd, added = _make_pd(submission, C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     f"C is singular (the features are proportional); rounding makes its zero eigenvalue {lam[0]:.2g}, "
                     f"positive but far below rtol·λ_max = {2 * EPS * lam[-1]:.2g}")


def test_large_scale_singular(submission):
    """jitters 1e7 · B Bᵀ (rank 2 of 3) by 1e-6·λ_max, although rounding puts its zero eigenvalue at +7e-10"""
    B = np.array([[0.3, 0.8], [0.3, -1.3], [0.9, 0.4]])
    C = 1e7 * (B @ B.T)
    lam = np.linalg.eigvalsh(C)
    C_pd, added = _make_pd(submission, C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     f"C has rank 2: its smallest eigenvalue is 0 in exact arithmetic and {lam[0]:.2g} after rounding, "
                     f"above a fixed threshold such as 1e-10 but only {lam[0] / lam[-1]:.2g} times λ_max")


def test_small_units_healthy(submission):
    """leaves the covariance of petal length and width measured in km (entries near 1e-10) unchanged"""
    length, width = _iris_petals()
    C = np.cov(1e-5 * np.column_stack([length, width]), rowvar=False)
    C_pd, added = _make_pd(submission, C)
    _expect_unchanged(submission, C, C_pd, added,
                      "it is the healthy petal covariance in other units (×1e-10): positive definiteness cannot depend "
                      "on the units, so the test must be relative, λ_min > rtol·λ_max")


def test_small_units_singular(submission):
    """jitters the cm/mm covariance measured in km by 1e-6·λ_max ≈ 3e-14, not by an absolute 1e-6"""
    length, _ = _iris_petals()
    C = np.cov(1e-5 * np.column_stack([length, 10 * length]), rowvar=False)
    C_pd, added = _make_pd(submission, C)
    lam = np.linalg.eigvalsh(C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     f"C is the singular cm/mm covariance in km: λ_max = {lam[-1]:.3g}, and a jitter of 1e-6 itself "
                     f"would be {1e-6 / lam[-1]:.0f} times λ_max and swamp the data's covariance")


def test_small_but_positive_eigenvalue(submission):
    """leaves diag(1, 1e-8) unchanged: its smallest eigenvalue 1e-8 is above rtol·λ_max = 2ε"""
    C = np.diag([1.0, 1e-8])
    C_pd, added = _make_pd(submission, C)
    _expect_unchanged(submission, C, C_pd, added,
                      "its eigenvalues 1 and 1e-8: 1e-8 > rtol·λ_max = 2ε ≈ 4.4e-16; use the rtol argument, not a bigger "
                      "threshold of your own")


def test_rtol_argument(submission):
    """uses the rtol argument: diag(1, 1e-8) with rtol=1e-6 gets the jitter 1e-6·λ_max"""
    C = np.diag([1.0, 1e-8])
    C_pd, added = _make_pd(submission, C, rtol=1e-6)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     "with rtol=1e-6 the eigenvalue 1e-8 is not > rtol·λ_max = 1e-6")


def test_eigenvalue_exactly_at_tolerance(submission):
    """with rtol=5e-4, diag(2, 1e-3) is exactly at the tolerance and gets the jitter; diag(2, 1.1e-3) does not"""
    C = np.diag([2.0, 1e-3])
    C_pd, added = _make_pd(submission, C, rtol=5e-4)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     "rtol·λ_max = 5e-4 · 2 = 1e-3 exactly, and the smallest eigenvalue must be GREATER than that "
                     "(> , not >=) to leave C alone; the tolerance multiplies the LARGEST eigenvalue, 2")
    C = np.diag([2.0, 1.1e-3])
    C_pd, added = _make_pd(submission, C, rtol=5e-4)
    _expect_unchanged(submission, C, C_pd, added, "1.1e-3 > rtol·λ_max = 5e-4 · 2 = 1e-3")


def test_default_rtol_is_n_eps(submission):
    """the default rtol is n·ε: for n = 10 an eigenvalue of 5ε next to 1 needs the jitter, one of 20ε does not"""
    C = np.diag([1.0] * 9 + [5 * EPS])
    C_pd, added = _make_pd(submission, C)
    _expect_jittered(submission, C, C_pd, added, 1e-6,
                     "the default rtol is n·ε = 10ε for this 10 × 10 matrix, and 5ε is not above it "
                     "(rtol = len(C) * np.finfo(float).eps when rtol is None)")
    C = np.diag([1.0] * 9 + [20 * EPS])
    C_pd, added = _make_pd(submission, C)
    _expect_unchanged(submission, C, C_pd, added, "20ε > n·ε·λ_max = 10ε: positive to working precision")


def test_constant_features(submission):
    """constant features give the zero covariance; with no scale of its own it gets jitter·I itself"""
    C = np.cov(np.column_stack([np.full(10, 3.0), np.full(10, -1.0)]), rowvar=False)
    assert np.array_equal(C, np.zeros((2, 2)))
    C_pd, added = _make_pd(submission, C)
    if np.array_equal(C_pd, C):
        fail(f"Called {last_call()}; returned the zero matrix unchanged (added = {added:g}); expected 1e-6·I: every "
             "eigenvalue is 0, so λ_max = 0 and jitter·λ_max would add nothing. With no scale of its own, add jitter "
             "itself (the task's δ = jitter when every eigenvalue is 0).")
    expect_close(C_pd, 1e-6 * np.eye(2), rtol=1e-9, atol=0, what="C_pd",
                 because="every eigenvalue of the zero matrix is 0, so δ = jitter = 1e-6 is added to its diagonal")
    expect(np.isclose(added, 1e-6), got=added, expected=1e-6, because="added reports δ = jitter")


@st.composite
def datasets(draw):
    """Gaussian data with 2-4 features and 8-40 samples, in units from 1e-4 to 1e4; optionally one feature a
    multiple of another."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    d = draw(st.integers(2, 4))
    n = draw(st.integers(8, 40))
    X = rng.standard_normal((n, d)) * rng.uniform(0.5, 5, d) + rng.uniform(-10, 10, d)
    X *= 10.0 ** draw(st.integers(-4, 4))
    duplicated = draw(st.booleans())
    if duplicated:
        X[:, -1] = draw(st.sampled_from([1.0, 2.54, 10.0, -3.0])) * X[:, 0]
    return X, duplicated


@settings(max_examples=25, deadline=None)
@given(case=datasets())
def test_property_random_datasets(submission, case):
    """on random datasets in any units, covariance matches np.cov and exactly those with a duplicated feature get the jitter"""
    X, duplicated = case
    _cov(submission, X)
    C = np.cov(X, rowvar=False)
    C_pd, added = _make_pd(submission, C)
    if duplicated:
        _expect_jittered(submission, C, C_pd, added, 1e-6, "the last feature is a multiple of the first, so C is singular")
    else:
        _expect_unchanged(submission, C, C_pd, added,
                          f"this C is positive definite (smallest eigenvalue {np.linalg.eigvalsh(C)[0]:.3g}, "
                          f"{np.linalg.eigvalsh(C)[0] / np.linalg.eigvalsh(C)[-1]:.2g} times the largest)")
