"""Tests of la4ml.recsys._baseline: mean/bias baselines and the SVD of the imputed matrix."""

import numpy as np
import pytest

from la4ml.recsys import BaselineModel, ImputedSVD, Ratings, rmse


@pytest.fixture
def small():
    return Ratings([0, 0, 1, 1, 2], [0, 1, 0, 2, 1], [5.0, 3.0, 4.0, 1.0, 2.0], rating_scale=(1, 5))


def test_global_user_item_hand_values(small):
    """Global mean; damped user and item means: sum of residuals / (reg + count)."""
    mu = 15 / 5
    m = BaselineModel(kind="global").fit(small)
    assert m.predict([2], [2])[0] == pytest.approx(mu)
    m = BaselineModel(kind="user", reg=1.0).fit(small)
    assert m.predict([0], [2])[0] == pytest.approx(mu + (5 + 3 - 2 * mu) / 3)
    m = BaselineModel(kind="item", reg=0.0).fit(small)
    assert m.predict([1], [1])[0] == pytest.approx((3 + 2) / 2)


def test_user_item_baseline_beats_global(lowrank):
    """On StreamRec data (which has biases) the user+item baseline beats the global mean."""
    _, _, train, test = lowrank
    g = rmse(test.rating, BaselineModel(kind="global").fit(train).predict(test))
    ui = rmse(test.rating, BaselineModel().fit(train).predict(test))
    assert ui < g - 0.05


def test_bad_kind(small):
    """An unknown kind is rejected, naming the choices."""
    with pytest.raises(ValueError, match="kind must be one of"):
        BaselineModel(kind="median").fit(small)


@pytest.mark.parametrize("fill", ["item_mean", "user_mean", "global_mean", "zero"])
@pytest.mark.parametrize("solver", ["dense", "arpack"])
def test_imputed_svd_equals_numpy(tiny, fill, solver):
    """ImputedSVD reconstructs exactly the rank-k truncation of numpy.linalg.svd of the filled matrix."""
    D = tiny.to_dense()
    miss = np.isnan(D)
    if fill == "item_mean":
        F = np.broadcast_to(np.nanmean(D, axis=0), D.shape)
    elif fill == "user_mean":
        F = np.broadcast_to(np.nanmean(D, axis=1)[:, None], D.shape)
    elif fill == "global_mean":
        F = np.full(D.shape, np.nanmean(D))
    else:
        F = np.zeros(D.shape)
    M = np.where(miss, F, D)
    U, s, Vt = np.linalg.svd(M)
    k = 4
    want = (U[:, :k] * s[:k]) @ Vt[:k]
    m = ImputedSVD(n_components=k, fill=fill, solver=solver, random_state=0).fit(tiny)
    np.testing.assert_allclose(m.s_, s[:k], rtol=1e-8)
    np.testing.assert_allclose((m.U_ * m.s_) @ m.Vt_, want, atol=1e-8)
    u, i = np.nonzero(np.ones(D.shape, bool))
    np.testing.assert_allclose(m.predict(u, i, clip=False), want[u, i], atol=1e-8)


def test_imputed_svd_is_shrunk_toward_fill(lowrank):
    """The lesson point: at low density, imputation pulls predictions toward the fill (smaller spread)."""
    _, _, train, test = lowrank
    y_hat = ImputedSVD(n_components=3, random_state=0).fit(train).predict(test)
    assert np.std(y_hat) < np.std(test.rating)


def test_imputed_svd_rank_too_large(small):
    """n_components larger than min(n_users, n_items) raises with the limit and the fix."""
    with pytest.raises(ValueError, match=r"n_components=5 is larger than min\(n_users, n_items\) = min\(3, 3\) = 3"):
        ImputedSVD(n_components=5).fit(small)


# edges found by fuzzing (issue #9) -----------------------------------------------------------------


@pytest.mark.parametrize("user", [[0, 1], np.array([0, 1]), np.zeros(0), (0,)])
def test_recommend_takes_one_user(small, user):
    """recommend([0, 1]) failed on NumPy's 'truth value of an array is ambiguous': now DTypeError saying how."""
    from la4ml.errors import DTypeError

    model = BaselineModel().fit(small)
    with pytest.raises(DTypeError, match=r"user must be one raw user id, got .* recommend works one user at a time"):
        model.recommend(user)


@pytest.mark.parametrize("n", [0, -1, 1.5, float("nan"), "3", None, True])
def test_recommend_checks_n(small, n):
    from la4ml.errors import DTypeError, OutOfRangeError

    model = BaselineModel().fit(small)
    with pytest.raises((DTypeError, OutOfRangeError), match=r"\bn must be"):
        model.recommend(0, n)


def test_predict_with_none_ids_and_ragged_lists(small):
    """A None among the ids made the unknown-id message fail (AttributeError: .item); a ragged list is a ShapeError."""
    from la4ml.errors import ShapeError

    model = BaselineModel(unknown="ignore").fit(small)
    y = model.predict(np.array([None, 0], dtype=object), np.array([0, 1]))
    assert np.all(np.isfinite(y))
    with pytest.raises(ShapeError, match="users must be a flat sequence of raw ids"):
        model.predict([[0], [0, 1]], [0, 1])


@pytest.mark.parametrize("n_jobs", [10**12, 2**62])
def test_huge_n_jobs_is_refused(small, n_jobs):
    """SGDMF(n_jobs=10**12) ran out of memory building a work slice per thread (bare MemoryError)."""
    from la4ml.errors import OutOfRangeError
    from la4ml.recsys import SGDMF

    with pytest.raises(OutOfRangeError, match=r"n_jobs=\d+ asks for more threads than this machine can use"):
        SGDMF(n_components=1, n_epochs=1, n_jobs=n_jobs).fit(small)


def test_n_iter_has_a_ceiling(small):
    """n_iter=10**30 never finished: the ceiling (1000) is named in the error."""
    from la4ml.errors import OutOfRangeError

    with pytest.raises(OutOfRangeError, match="n_iter must be <= 1000"):
        BaselineModel(n_iter=10**30).fit(small)
