"""Hidden tests of exercise 9.4 — min_norm_fit, unseen_fraction and blind_spot_curve on digits."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, fail, function, last_call, show
from la4ml.course.testdata import load_digits

EPS = np.finfo(float).eps
_X, _LABELS = load_digits(return_X_y=True)
DIGITS = _X / 16.0


def _orthonormal(rows, cols, seed):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((rows, cols)))
    return Q


def _with_singular_values(m, n, s, seed=0):
    return _orthonormal(m, len(s), seed) @ np.diag(s) @ _orthonormal(n, len(s), seed + 1).T


def _svd_parts(X, rtol=None):
    U, s, Vh = np.linalg.svd(X, full_matrices=True)
    cut = (max(X.shape) * EPS if rtol is None else rtol) * s.max()
    r = int(np.count_nonzero(s > cut))
    return U, s, Vh, r


def _ref_fit(X, y, rtol=None):
    U, s, Vh, r = _svd_parts(X, rtol)
    coef = U[:, :r].T @ y
    coef = coef / (s[:r] if y.ndim == 1 else s[:r, None])
    return Vh[:r].T @ coef


def _ref_unseen(X_train, X_test, rtol=None):
    _, _, Vh, r = _svd_parts(X_train, rtol)
    unseen = np.linalg.norm(X_test @ Vh[r:].T, axis=1)
    total = np.linalg.norm(X_test, axis=1)
    return np.divide(unseen, total, out=np.zeros_like(total), where=total > 0)


def _array(got, what):
    if got is None:
        fail(f"Called {last_call()}; returned None. Did you forget to `return` {what}?")
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected {what} as an array of numbers.")


# ------------------------------------------------------------------ min_norm_fit


def _check_fit(submission, X, y, because, rtol="default", tol=1e-8):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    f = function(submission, "min_norm_fit")
    try:
        with np.errstate(all="ignore"):
            got = call(f, X, y) if rtol == "default" else call(f, X, y, rtol=rtol)
    except Feedback as fb:
        if "LinAlgError" in str(fb) or "Singular" in str(fb) or "singular" in str(fb):
            fail(f"{fb}\nThe system has no unique solution here ({because}): XᵀX (or XXᵀ) is singular, so "
                 "np.linalg.solve / inv cannot be used. Build the minimum-norm solution from the SVD, or use "
                 "np.linalg.lstsq(X, y, rcond=rtol).")
        raise
    w = _array(got, "the weights w")
    rtol_value = None if rtol == "default" else rtol
    ref = _ref_fit(X, y, rtol_value)
    if w.shape != ref.shape:
        fail(f"Called {last_call()}; w has shape {w.shape}; expected {ref.shape} (one weight per feature"
             f"{', per target' if y.ndim == 2 else ''}).")
    if not np.all(np.isfinite(w)):
        fail(f"Called {last_call()}; w contains inf or NaN: a singular value that is 0 was inverted. ({because}.)")
    scale = max(np.abs(ref).max(), 1e-300)
    if np.allclose(w, ref, rtol=tol, atol=tol * scale):
        return w
    _, s, Vh, r = _svd_parts(X, rtol_value)
    N = Vh[r:].T
    resid_w, resid_ref = np.linalg.norm(X @ w - y), np.linalg.norm(X @ ref - y)
    null_part = np.linalg.norm(N.T @ w)
    if np.abs(w).max() > 1e6 * scale:
        fail(f"Called {last_call()}; w has entries as large as {np.abs(w).max():.2e} (the minimum-norm solution has none "
             f"above {scale:.3g}): a singular value that is rounding noise (the smallest is {s[min(X.shape) - 1]:.1e}) was "
             "inverted. Keep only those greater than rtol · σ_max (default max(m, n) · eps · σ_max; with lstsq, "
             "rcond=None, not rcond=0). " + f"({because}.)")
    if resid_w <= resid_ref * (1 + 1e-6) + 1e-9 * np.linalg.norm(y) and null_part > tol * max(np.linalg.norm(ref), 1e-300):
        fail(f"Called {last_call()}; your w fits as well as the minimum-norm solution (residual {resid_w:.3g}) but is "
             f"longer: ‖w‖ = {np.linalg.norm(w):.6g} vs ‖w⁺‖ = {np.linalg.norm(ref):.6g}, because it has a part of length "
             f"{null_part:.3g} in the null space of X, which X cannot see. The minimum-norm solution has none: build it "
             f"from the SVD (V_r Σ_r⁻¹ U_rᵀ y) or with np.linalg.lstsq. If you did use the SVD, you inverted a singular "
             f"value below the cut-off (the smallest is {s[min(X.shape) - 1]:.1e}): that also adds such a part. "
             f"({because}.)")
    fail(f"Called {last_call()}; w = {show(w)}; expected the minimum-norm least-squares solution {show(ref)} "
         f"(your residual ‖Xw − y‖ = {resid_w:.4g}, the least-squares residual is {resid_ref:.4g}). ({because}.)")


def test_fit_by_hand(submission):
    """min_norm_fit([[1, 1]], [2]) is (1, 1), the shortest solution of x1 + x2 = 2"""
    _check_fit(submission, [[1.0, 1.0]], [2.0], "(2, 0) and (0, 2) solve it too, but (1, 1) is shortest")


def test_fit_ten_digits_one_hot(submission):
    """ten digits images (10 × 64) with one-hot targets: the 64 × 10 minimum-norm interpolating weights"""
    X = DIGITS[:10]
    _check_fit(submission, X, np.eye(10)[_LABELS[:10]], "10 equations in 64 unknowns per class: a 54-dimensional "
               "family of exact fits, of which the minimum-norm one is unique")


def test_fit_repeated_sample(submission):
    """eleven digits images where the last repeats the first (rank 10): XXᵀ is singular, the fit still exists"""
    X = np.vstack([DIGITS[:10], DIGITS[:1]])
    y = np.append(_LABELS[:10], _LABELS[0]).astype(float)
    _check_fit(submission, X, y, "two equal rows make X Xᵀ singular; the minimum-norm fit is unaffected")


def test_fit_duplicated_feature_overdetermined(submission):
    """30 samples, 4 features where feature 4 = feature 1 + feature 2, and y not in the column space"""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    y = rng.standard_normal(30)
    _check_fit(submission, X, y, "XᵀX is singular (rank 3), and the least-squares minimizers differ by multiples of "
               "(1, 1, 0, -1)")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_fit_scale(submission, scale):
    """the duplicated-feature fit with X multiplied by 1e-6 or 1e6 is the same fit divided by the scale"""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    y = rng.standard_normal(30)
    _check_fit(submission, scale * X, y, f"multiplying X by {scale:g} divides w by {scale:g}: the cut-off must scale "
               "with σ_max")


def test_fit_rtol(submission):
    """rtol=1e-4 on singular values (1, 1e-2, 1e-6): the 1e-6 direction is dropped"""
    X = _with_singular_values(8, 5, [1.0, 1e-2, 1e-6], seed=11)
    y = np.random.default_rng(1).standard_normal(8)
    _check_fit(submission, X, y, "with rtol=1e-4 the singular value 1e-6 counts as 0", rtol=1e-4)
    _check_fit(submission, X, y, "with the default cut-off all three singular values count", tol=1e-6)


def test_fit_default_cutoff_uses_max_of_m_and_n(submission):
    """a 2 × 50 X with σ_2 = 10·eps·σ_max: below the default cut-off max(2, 50)·eps·σ_max, so it is not inverted"""
    rng = np.random.default_rng(5)
    X = _with_singular_values(2, 50, [1.0, 10 * EPS], seed=5)
    _check_fit(submission, X, rng.standard_normal(2), "σ_2 ≈ 2.2e-15 is rounding level for a matrix with 50 "
               "columns: the default cut-off is max(m, n) · eps · σ_max ≈ 1.1e-14, not min(m, n) · eps · σ_max")


# ------------------------------------------------------------------ unseen_fraction


def _check_unseen(submission, X_train, X_test, because, rtol="default", tol=1e-8):
    X_train, X_test = np.array(X_train, dtype=float), np.array(X_test, dtype=float)
    f = function(submission, "unseen_fraction")
    try:
        with np.errstate(all="ignore"):
            got = call(f, X_train, X_test) if rtol == "default" else call(f, X_train, X_test, rtol=rtol)
    except Feedback as fb:
        if "shapes" in str(fb) or "mismatch" in str(fb) or "aligned" in str(fb):
            fail(f"{fb}\nThe null space of X_train ({X_train.shape[0]} × {X_train.shape[1]}) is a set of vectors with "
                 f"{X_train.shape[1]} entries, one per feature — the last rows of Vh, not the last columns of U "
                 "(those belong to the left null space, with one entry per sample).")
        raise
    frac = _array(got, "the fractions").ravel() if got is not None else _array(got, "the fractions")
    ref = _ref_unseen(X_train, X_test, None if rtol == "default" else rtol)
    if frac.shape != ref.shape:
        fail(f"Called {last_call()}; returned {frac.shape[0] if frac.ndim else 'a scalar'} values; expected one per test "
             f"row, {ref.shape[0]}.")
    if not np.all(np.isfinite(frac)):
        i = int(np.flatnonzero(~np.isfinite(frac))[0])
        fail(f"Called {last_call()}; fraction[{i}] = {frac[i]}; test row {i} is "
             f"{'all zero' if not np.any(X_test[i]) else show(X_test[i])}: return 0.0 for an all-zero row instead of 0/0.")
    if np.allclose(frac, ref, rtol=0, atol=tol):
        return frac
    i = int(np.argmax(np.abs(frac - ref)))
    hint = ""
    if np.allclose(frac, np.sqrt(np.clip(1 - ref**2, 0, None)) * (np.linalg.norm(X_test, axis=1) > 0), atol=1e-6):
        hint = (" You measured the part in the ROW space (what the model can see); the unseen part is the one in the "
                "null space, the last n - r rows of Vh.")
    elif np.allclose(frac, ref**2, atol=1e-6):
        hint = " You returned the squared fraction ‖P_N x‖² / ‖x‖²; take the ratio of the lengths themselves."
    elif np.allclose(frac, 0) and not np.allclose(ref, 0):
        hint = (" You found no null space at all: with full_matrices=False, Vh of a wide X_train has only "
                "n_samples rows and the null space is lost. Use np.linalg.svd(X_train, full_matrices=True).")
    fail(f"Called {last_call()}; fraction[{i}] = {frac[i]:.6g}, expected {ref[i]:.6g} (‖P_N x‖ / ‖x‖ for test row {i})"
         f".{hint} ({because}.)")


def test_unseen_by_hand(submission):
    """X_train = [[1, 0, 0]]: the test rows (1, 0, 0), (0, 2, 0), (1, 1, 0), (3, 0, 4), 0 have fractions 0, 1, 1/√2, 0.8, 0"""
    X_test = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [1.0, 1.0, 0.0], [3.0, 0.0, 4.0], [0.0, 0.0, 0.0]])
    _check_unseen(submission, [[1.0, 0.0, 0.0]], X_test, "the training data only vary along the first axis: the null "
                  "space is spanned by the second and third axes")


def test_unseen_ten_digits(submission):
    """training on 10 digits images (a 54-dimensional null space), 200 test images: the unseen fraction of each"""
    _check_unseen(submission, DIGITS[:10], DIGITS[1000:1200], "X_train is 10 × 64 of rank 10: its null space has "
                  "dimension 54")


def test_unseen_many_digits_is_blank_pixels(submission):
    """training on 300 digits images: the unseen directions are pixels blank in all of them, so test fractions are tiny"""
    _check_unseen(submission, DIGITS[:300], DIGITS[1000:1100], "X_train is 300 × 64: its null space is spanned by the "
                  "few pixels that are blank in every training image, which are nearly always blank in test images too")


def test_unseen_tall_rank_deficient(submission):
    """a tall 12 × 4 training matrix whose fourth feature is the sum of the first two (null space: one direction)"""
    rng = np.random.default_rng(5)
    X = rng.standard_normal((12, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    X_test = rng.standard_normal((6, 4))
    _check_unseen(submission, X, X_test, "the null space is the line through (1, 1, 0, -1)")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_unseen_scale(submission, scale):
    """the 12 × 4 rank-3 training matrix times 1e-6 or 1e6 has the same null space and the same fractions"""
    rng = np.random.default_rng(5)
    X = rng.standard_normal((12, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])
    X_test = rng.standard_normal((6, 4))
    _check_unseen(submission, scale * X, X_test, f"multiplying X_train by {scale:g} does not change its null space")


def test_unseen_rtol(submission):
    """rtol=1e-4 on a 3 × 5 training matrix with singular values (1, 1e-2, 1e-6): the null space has dimension 3"""
    X = _with_singular_values(3, 5, [1.0, 1e-2, 1e-6], seed=2)
    X_test = np.random.default_rng(0).standard_normal((4, 5))
    _check_unseen(submission, X, X_test, "the singular value 1e-6 is below 1e-4 · σ_max and counts as 0", rtol=1e-4)


def test_unseen_default_cutoff_uses_max_of_m_and_n(submission):
    """a 2 × 50 X_train with σ_2 = 10·eps·σ_max: the default cut-off max(2, 50)·eps·σ_max leaves a 49-dimensional null space"""
    X = _with_singular_values(2, 50, [1.0, 10 * EPS], seed=5)
    X_test = np.vstack([X[1], np.random.default_rng(2).standard_normal((3, 50))])
    _check_unseen(submission, X, X_test, "σ_2 ≈ 2.2e-15 is below max(m, n) · eps · σ_max ≈ 1.1e-14, so the second row "
                  "direction counts as unseen (min(m, n) · eps would keep it)")


@settings(max_examples=15, deadline=None)
@given(n_train=st.integers(1, 80), start=st.integers(1000, 1700))
def test_unseen_property_digits(submission, n_train, start):
    """for random training sizes 1-80 and random test images, the fractions match ‖P_N x‖ / ‖x‖ and lie in [0, 1]"""
    frac = _check_unseen(submission, DIGITS[:n_train], DIGITS[start:start + 20], f"X_train is {n_train} × 64")
    assert np.all((frac >= -1e-12) & (frac <= 1 + 1e-12))


# ------------------------------------------------------------------ blind_spot_curve


def _ref_curve(X, labels, n_values, n_test=797):
    Y = np.eye(labels.max() + 1)[labels]
    rows = []
    for n in n_values:
        W = _ref_fit(X[:n], Y[:n])
        acc = float(np.mean(np.argmax(X[-n_test:] @ W, axis=1) == labels[-n_test:]))
        rows.append([n, float(_ref_unseen(X[:n], X[-n_test:]).mean()), acc])
    return np.array(rows)


def _check_curve(submission, X, labels, n_values, because, **kwargs):
    f = function(submission, "blind_spot_curve")
    got = call(f, X.copy(), labels.copy(), list(n_values), **kwargs)
    curve = _array(got, "the curve")
    ref = _ref_curve(X, labels, n_values, **kwargs)
    if curve.shape != ref.shape:
        fail(f"Called {last_call()}; the curve has shape {curve.shape}; expected {ref.shape}: one row "
             "[n, mean unseen fraction, test accuracy] per training size.")
    n_test = kwargs.get("n_test", 797)
    names = ["n", "mean unseen fraction", "test accuracy"]
    tols = [0, 1e-8, 1.5 / n_test]  # one test image may flip on a near tie
    for k, (row, want) in enumerate(zip(curve, ref)):
        for j in range(3):
            if abs(row[j] - want[j]) > tols[j]:
                hint = ""
                if j == 2:
                    hint = (" Predict the class with the LARGEST score x @ W (argmax along axis 1), with W = "
                            "min_norm_fit(X[:n], one_hot[:n]), on the LAST n_test rows.")
                if j == 1:
                    hint = " Average unseen_fraction(X[:n], X[-n_test:]) over the test rows (train on the FIRST n rows)."
                fail(f"Called {last_call()}; row {k} (n = {int(want[0])}) has {names[j]} {row[j]:.6g}, expected "
                     f"{want[j]:.6g}.{hint} ({because}.)")
    return curve


def test_curve_digits(submission):
    """digits (pixels / 16), n = 10, 30, 100, 300: the unseen fraction falls below 0.1% and the accuracy rises"""
    curve = _check_curve(submission, DIGITS, _LABELS, [10, 30, 100, 300], "training on the first n images, "
                         "testing on the last 797")
    unseen, accuracy = curve[:, 1], curve[:, 2]
    if not (np.all(np.diff(unseen) < 0) and unseen[-1] < 1e-3 and accuracy[-1] > accuracy[0]):
        fail(f"Called {last_call()}; the unseen fractions {show(unseen)} should fall with n to below 0.001 and the "
             f"accuracy {show(accuracy)} rise from n = 10 to n = 300.")


def test_curve_other_test_size(submission):
    """n_test=297 tests on the last 297 images; the n values are used as given"""
    _check_curve(submission, DIGITS, _LABELS, [50, 20], "n_test=297 means X[-297:]", n_test=297)


def test_curve_three_classes(submission):
    """a small three-class data set (labels 0, 1, 2): one-hot targets with three columns"""
    rng = np.random.default_rng(8)
    centers = rng.standard_normal((3, 6)) * 3
    labels = rng.integers(0, 3, 120)
    X = centers[labels] + rng.standard_normal((120, 6))
    _check_curve(submission, X, labels, [4, 10, 60], "three Gaussian blobs in 6 dimensions", n_test=40)
