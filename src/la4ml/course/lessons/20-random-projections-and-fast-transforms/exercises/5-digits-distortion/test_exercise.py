"""Hidden tests of exercise 20.5 — distortion(X, Y) and distortion_by_dimension(X, ks, random_state=0) on Digits."""

import numpy as np
import pytest
from sklearn.random_projection import GaussianRandomProjection

from la4ml.course.grading import call, expect_close, fail, function, last_call, show
from la4ml.course.testdata import load_digits


def _pairs(X, Y):
    i, j = np.triu_indices(len(X), 1)
    dx = ((X[i] - X[j]) ** 2).sum(1)
    dy = ((Y[i] - Y[j]) ** 2).sum(1)
    keep = dx > 0
    return dx[keep], dy[keep]


def _ref(X, Y):
    dx, dy = _pairs(X, Y)
    return float(np.max(np.abs(dy / dx - 1)))


def _diagnose(X, Y, got):
    dx, dy = _pairs(X, Y)
    r = dy / dx
    cands = {
        "you measured PLAIN distances (the ratio ‖y_i − y_j‖ / ‖x_i − x_j‖); the lemma's eps is about SQUARED distances, "
        "whose ratio is the square of that one": np.max(np.abs(np.sqrt(r) - 1)),
        "you divided a squared projected distance by a PLAIN original distance (or the other way round): square both "
        "sides": max(np.max(np.abs(dy / np.sqrt(dx) - 1)), 0) if dx.size else 0,
        "…or the other way round: square both sides": np.max(np.abs(np.sqrt(dy) / dx - 1)),
        "you returned the largest ratio minus 1, max(ratio) − 1: a pair that SHRINKS is distorted too; take the largest "
        "|ratio − 1|": np.max(r) - 1,
        "you returned the MEAN of |ratio − 1|; the distortion is the worst pair, the max": np.mean(np.abs(r - 1)),
        "you returned the largest ratio itself; subtract 1 and take the absolute value": np.max(r),
        "you measured the inverse ratio (original over projected); divide the projected squared distance by the "
        "original one": np.max(np.abs(dx / dy - 1)),
    }
    for why, value in cands.items():
        if np.isclose(got, value, rtol=1e-9):
            return why
    return ""


def _call_distortion(submission, X, Y):
    f = function(submission, "distortion")
    got = call(f, X, Y)
    try:
        value = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number (a float).")
    if np.ndim(got) != 0:
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, the largest |ratio − 1|.")
    return value


def _check_distortion(submission, X, Y, rtol=1e-10):
    got = _call_distortion(submission, X, Y)
    want = _ref(X, Y)
    if not np.isfinite(got):
        fail(f"Called {last_call()}; returned {got}; expected {want:.6g}. A NaN or inf comes from dividing by a zero "
             "original distance: leave out the pairs i = j and pairs of identical points (keep only dx > 0).")
    if not np.isclose(got, want, rtol=rtol, atol=0):
        why = _diagnose(X, Y, got)
        fail(f"Called {last_call()}; returned {got:.6g}; expected {want:.6g} = max over pairs i < j of "
             "|‖y_i − y_j‖² / ‖x_i − x_j‖² − 1|" + (f": {why}." if why else "."))


def test_by_hand(submission):
    """two points 5 apart mapped 6 apart: distortion 36/25 − 1 = 0.44"""
    _check_distortion(submission, np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0], [6.0]]))


def test_shrinking_pair_counts(submission):
    """a pair that shrinks (ratio 0.25) is the worst one, though another pair stretches (ratio 1.44)"""
    X = np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 10.0]])
    Y = np.array([[0.0, 0.0], [3.6, 4.8], [0.0, 5.0]])
    _check_distortion(submission, X, Y)


def test_identity_is_zero(submission):
    """a projection that keeps every distance has distortion 0"""
    X = np.random.default_rng(0).standard_normal((6, 4))
    got = _call_distortion(submission, X, X.copy())
    if not abs(got) <= 8 * np.finfo(float).eps:
        fail(f"Called {last_call()} with Y = X; returned {got:.6g}; expected 0: every ratio is 1.")


def test_duplicate_points_skipped(submission):
    """two identical points (distance 0) are skipped, not divided by"""
    X = np.array([[1.0, 2.0], [1.0, 2.0], [4.0, 6.0], [0.0, 0.0]])
    Y = np.array([[1.0], [1.0], [6.0], [0.5]])
    with np.errstate(all="ignore"):
        _check_distortion(submission, X, Y)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """the same value for data at scale 1e-6 and 1e6 (a ratio has no units)"""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((8, 10))
    Y = X @ rng.standard_normal((10, 3)) / np.sqrt(3)
    _check_distortion(submission, scale * X, scale * Y, rtol=1e-9)


def test_random_projection_pairs(submission):
    """30 random points projected to 5 dimensions: the worst of 435 pairs"""
    rng = np.random.default_rng(2)
    X = rng.standard_normal((30, 50))
    Y = X @ rng.standard_normal((50, 5)) / np.sqrt(5)
    _check_distortion(submission, X, Y)


def _by_dim_ref(X, ks, random_state=0):
    return np.array([_ref(X, GaussianRandomProjection(n_components=k, random_state=random_state).fit_transform(X))
                     for k in ks])


def _check_by_dim(submission, X, ks, **kwargs):
    f = function(submission, "distortion_by_dimension")
    got = call(f, X, ks, **kwargs)
    want = _by_dim_ref(X, ks, **kwargs)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of {len(ks)} distortions.")
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__}; expected a NumPy array (np.array(...)).")
    if arr.shape != want.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {want.shape}, one distortion per k.")
    rs = kwargs.get("random_state", 0)
    for seed in {0, 42, None} - {rs}:
        if seed is not None and np.allclose(arr, _by_dim_ref(X, ks, seed), rtol=1e-9):
            fail(f"Called {last_call()}; returned {show(arr)}; expected {show(want)}: you used random_state={seed}; pass "
                 "the function's random_state to GaussianRandomProjection.")
    expect_close(arr, want, rtol=1e-9, atol=0, what="the distortions",
                 because="each is distortion(X, GaussianRandomProjection(n_components=k, random_state=random_state)"
                         ".fit_transform(X)), in the order of ks")


def test_digits(submission):
    """on the first 120 Digits images, ks = [8, 32, 64], the default random_state = 0"""
    X = load_digits().data[:120]
    _check_by_dim(submission, X, [8, 32, 64])


def test_random_state_used(submission):
    """random_state=7 is passed on to the projection"""
    X = load_digits().data[200:260]
    _check_by_dim(submission, X, [16, 4], random_state=7)
