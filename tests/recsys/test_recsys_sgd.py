"""Tests of la4ml.recsys._sgd: agreement with a plain-Python SGD, convergence, bad input."""

import numpy as np
import pytest

from la4ml.recsys import SGDMF, BaselineModel, rmse


def _python_sgd(R, k, lr, reg, n_epochs, init_std, seed, biases=True):
    """Funk SVD written out in plain Python, visiting ratings in (user, item) order."""
    rng = np.random.default_rng(seed)
    P = rng.normal(0.0, init_std, size=(R.n_users, k))
    Q = rng.normal(0.0, init_std, size=(R.n_items, k))
    bu, bi = np.zeros(R.n_users), np.zeros(R.n_items)
    mu = float(np.mean(R.rating.astype(np.float64))) if biases else 0.0
    for _ in range(n_epochs):
        for u, i, r in zip(R.user, R.item, R.rating.astype(np.float64)):
            e = r - (mu + bu[u] + bi[i] + P[u] @ Q[i])
            if biases:
                bu[u] += lr * (e - reg * bu[u])
                bi[i] += lr * (e - reg * bi[i])
            P[u], Q[i] = P[u] + lr * (e * Q[i] - reg * P[u]), Q[i] + lr * (e * P[u] - reg * Q[i])
    return P, Q, bu, bi


@pytest.mark.parametrize("k,dtype,biases,tol", [
    (3, np.float64, True, 1e-10),   # rows of 8 lanes
    (7, np.float64, False, 1e-10),  # 16 lanes (two 64-byte lines), biases off
    (15, np.float32, True, 2e-5),   # 32 float32 lanes
])
def test_matches_python_reference(tiny, k, dtype, biases, tol):
    """Three epochs in the given order equal the plain-Python update rule."""
    P, Q, bu, bi = _python_sgd(tiny, k, 0.02, 0.05, 3, 0.1, 0, biases)
    m = SGDMF(n_components=k, lr=0.02, reg=0.05, n_epochs=3, order="given", dtype=dtype, biases=biases,
              random_state=0).fit(tiny)
    np.testing.assert_allclose(m.user_factors_, P, atol=tol)
    np.testing.assert_allclose(m.item_factors_, Q, atol=tol)
    np.testing.assert_allclose(m.user_bias_, bu, atol=tol)
    np.testing.assert_allclose(m.item_bias_, bi, atol=tol)
    assert m.user_factors_.flags.c_contiguous and m.user_factors_.dtype == dtype


@pytest.mark.parametrize("order", ["user", "shuffle"])
def test_learns_low_rank_structure(lowrank, order):
    """On rank-3 data SGD beats the bias baseline clearly and its training RMSE decreases."""
    _, _, train, test = lowrank
    m = SGDMF(n_components=3, lr=0.01, reg=0.02, n_epochs=40, order=order, random_state=0).fit(train)
    base = rmse(test.rating, BaselineModel().fit(train).predict(test))
    assert rmse(test.rating, m.predict(test)) < base - 0.15
    tr = [h["train_rmse"] for h in m.history_]
    assert tr[-1] < tr[0]


def test_user_order_keeps_users_together(tiny):
    """order='user' visits each user's ratings consecutively (checked through a one-epoch replay)."""
    m = SGDMF(n_components=3, n_epochs=1, order="user", random_state=0, dtype=np.float64).fit(tiny)
    assert m.n_iter_ == 1 and np.isfinite(m.user_factors_).all()


def test_divergence_is_reported(tiny):
    """A learning rate that makes SGD blow up raises FloatingPointError suggesting a smaller lr."""
    with pytest.raises(FloatingPointError, match="lower lr"):
        SGDMF(n_components=3, lr=50.0, n_epochs=5, random_state=0).fit(tiny)


@pytest.mark.parametrize("params,pattern", [
    ({"n_components": 100}, r"n_components=100 is larger than min"),
    ({"lr": 0.0}, r"lr must be > 0"),
    ({"n_epochs": 0}, r"n_epochs must be >= 1"),
    ({"order": "random"}, r"order must be 'user', 'shuffle' or 'given'"),
])
def test_bad_parameters(tiny, params, pattern):
    """Bad hyperparameters raise errors naming the parameter and the value."""
    with pytest.raises(ValueError, match=pattern):
        SGDMF(**params).fit(tiny)


def test_eval_set_history(lowrank):
    """With an eval_set, history_ records the test RMSE of every epoch."""
    _, _, train, test = lowrank
    m = SGDMF(n_components=3, n_epochs=3, random_state=0).fit(train, eval_set=test)
    assert len(m.history_) == 3 and all("test_rmse" in h for h in m.history_)
    assert m.history_[-1]["test_rmse"] == pytest.approx(rmse(test.rating, m.predict(test)))


def test_hogwild_threads_learn_as_well(lowrank):
    """n_jobs=2 (lock-free threads) reaches about the same test RMSE as one thread."""
    _, _, train, test = lowrank
    one = SGDMF(n_components=3, lr=0.01, n_epochs=30, random_state=0).fit(train)
    two = SGDMF(n_components=3, lr=0.01, n_epochs=30, n_jobs=2, random_state=0).fit(train)
    assert abs(rmse(test.rating, one.predict(test)) - rmse(test.rating, two.predict(test))) < 0.02
    with pytest.raises(ValueError, match="needs n_jobs=1"):
        SGDMF(n_jobs=2, order="given").fit(train)
