"""Tests of la4ml.recsys._als: agreement with a dense reference, recovery, both solvers, bad input."""

import numpy as np
import pytest

from la4ml.recsys import ALS, BaselineModel, ColdStartWarning, Ratings, UnknownIdError, rmse


def _start(R, k, seed):
    """The initial item factors ALS draws (unit-norm Gaussian rows)."""
    Y = np.random.default_rng(seed).standard_normal((R.n_items, k))
    return Y / np.linalg.norm(Y, axis=1, keepdims=True)


@pytest.mark.parametrize("biases", [False, True])
@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("solver,dtype,atol", [("numba", np.float32, 2e-5), ("torch", np.float64, 1e-9)])
def test_matches_dense_reference(tiny, dense_als, biases, weighted, solver, dtype, atol):
    """Three iterations equal textbook ALS (np.linalg.solve per row on the dense masked matrix):
    to float32 rounding on the numba path (float32 storage), to 1e-9 on the torch path in float64.
    The fixture's reference subtracts the mean only with biases, hence ``center=biases``; the
    other combinations are in test_recsys_als_reference.py."""
    k, reg = 3, 0.1
    X, Y, bu, bi, mu = dense_als(tiny, k, reg, 3, biases, weighted, _start(tiny, k, 0))
    kw = {"device": "cpu"} if solver == "torch" else {}
    m = ALS(n_components=k, reg=reg, max_iter=3, biases=biases, center=biases, weighted=weighted, dtype=dtype,
            solver=solver, random_state=0, **kw).fit(tiny)
    np.testing.assert_allclose(m.user_factors_, X, atol=atol)
    np.testing.assert_allclose(m.item_factors_, Y, atol=atol)
    if biases:
        np.testing.assert_allclose(m.user_bias_, bu, atol=atol)
        np.testing.assert_allclose(m.item_bias_, bi, atol=atol)
        assert m.mean_ == pytest.approx(mu)


def test_generic_kernel_for_large_rank(tiny, dense_als):
    """A rank beyond the unrolled kernels (k = 24 > 23) uses the generic loop and still matches."""
    k = 24
    X, Y, *_ = dense_als(tiny, k, 0.1, 2, True, True, _start(tiny, k, 1))
    m = ALS(n_components=k, reg=0.1, max_iter=2, random_state=1).fit(tiny)
    np.testing.assert_allclose(m.item_factors_, Y, atol=1e-4)


def test_float32_close_to_float64(lowrank):
    """float32 storage (numba path) and float64 (torch path) give test RMSEs within 1e-4."""
    _, _, train, test = lowrank
    r32 = rmse(test.rating, ALS(n_components=3, max_iter=8, random_state=0).fit(train).predict(test))
    r64 = rmse(test.rating, ALS(n_components=3, max_iter=8, dtype=np.float64, device="cpu",
                                random_state=0).fit(train).predict(test))
    assert abs(r32 - r64) < 1e-4


def test_recovers_low_rank_truth(lowrank):
    """On rank-3 data with noise 0.3, held-out RMSE is within 15% of the noise floor; loss decreases."""
    R, truth, train, test = lowrank
    m = ALS(n_components=3, reg=0.02, max_iter=15, random_state=0).fit(train, eval_set=test)
    err = rmse(test.rating, m.predict(test))
    assert err < 0.3 * 1.15
    assert err < rmse(test.rating, BaselineModel().fit(train).predict(test)) - 0.2
    loss = [h["loss"] for h in m.history_]
    assert all(b <= a * (1 + 1e-9) for a, b in zip(loss, loss[1:]))
    assert m.history_[-1]["test_rmse"] == pytest.approx(err, abs=1e-6)


def test_sklearn_contract(tiny):
    """fit returns self; fitted attributes end in _; parameters are stored untouched."""
    est = ALS(n_components=3, max_iter=2, random_state=0)
    assert est.fit(tiny) is est
    assert est.user_factors_.shape == (tiny.n_users, 3) and est.item_factors_.shape == (tiny.n_items, 3)
    assert est.n_iter_ == 2 and len(est.history_) == 2
    assert est.n_components == 3 and est.max_iter == 2 and est.random_state == 0


def test_recommend_excludes_seen_and_sorts(tiny):
    """recommend returns unseen items, best first, equal to a brute-force argsort of the scores."""
    m = ALS(n_components=3, max_iter=3, random_state=0).fit(tiny)
    u = 5
    items, scores = m.recommend(u, n=5, return_scores=True)
    seen = set(tiny.item[tiny.indptr[u]:tiny.indptr[u + 1]].tolist())
    assert not seen & set(items.tolist())
    assert np.all(np.diff(scores) <= 0)
    all_scores = m.predict(np.full(tiny.n_items, u), np.arange(tiny.n_items), clip=False)
    cand = [i for i in np.argsort(-all_scores, kind="stable") if i not in seen][:5]
    np.testing.assert_array_equal(items, cand)
    assert len(m.recommend(u, n=100, exclude_seen=False)) == tiny.n_items


def test_cold_start_falls_back_with_warning():
    """Unknown users/items get the baseline and a ColdStartWarning; unknown='error' raises."""
    R = Ratings.from_raw(["a", "a", "b", "b", "c"], ["x", "y", "x", "z", "y"], [5, 3, 4, 1, 2])
    m = ALS(n_components=3, max_iter=2, random_state=0).fit(R)
    with pytest.warns(ColdStartWarning, match=r"1 unknown user\(s\) \(first: 'zed'\)"):
        y = m.predict(["zed", "a"], ["x", "x"])
    b = m.baseline_
    assert y[0] == pytest.approx(b["mean"] + b["item_bias"][R.item_index("x")])
    with pytest.warns(ColdStartWarning, match="never seen"):
        rec = m.recommend("zed", n=2)
    assert len(rec) == 2
    strict = ALS(n_components=3, max_iter=2, random_state=0, unknown="error").fit(R)
    with pytest.raises(UnknownIdError, match="user id 'zed' was never seen"):
        strict.recommend("zed")
    with pytest.raises(UnknownIdError, match="unknown item"):
        strict.predict(["a"], ["nope"])


@pytest.mark.parametrize("params,pattern", [
    ({"n_components": 50}, r"n_components=50 is larger than min\(n_users, n_items\)"),
    ({"reg": 0.0}, r"reg must be > 0"),
    ({"max_iter": 0}, r"max_iter must be >= 1"),
    ({"solver": "magic"}, r"solver must be 'auto', 'numba' or 'torch'"),
    ({"solver": "numba", "device": "cuda"}, r"solver='numba' runs on the CPU only"),
    ({"dtype": np.int32}, r"dtype must be numpy.float32 or numpy.float64"),
    ({"unknown": "maybe"}, r"unknown must be one of"),
])
def test_bad_parameters(tiny, params, pattern):
    """Bad hyperparameters raise errors naming the parameter, the value and the fix."""
    with pytest.raises((ValueError, TypeError), match=pattern):
        ALS(**params).fit(tiny)


def test_bad_input_data():
    """fit rejects things that are not ratings, with a hint to build a Ratings."""
    with pytest.raises(TypeError, match="Ratings"):
        ALS().fit("ratings.csv")


def test_verbose_progress(tiny, capsys):
    """verbose=True shows a progress bar with the loss and RMSE and records them in history_."""
    m = ALS(n_components=3, max_iter=3, verbose=True, random_state=0).fit(tiny)
    err = capsys.readouterr().err
    assert "ALS" in err and "train_rmse" in err
    assert {"loss", "train_rmse"} <= set(m.history_[-1])
