"""GDRegressor: the gradient-descent recurrence (checked against PyTorch), the 2/L bound, stopping, shuffling."""

import warnings

import numpy as np
import pytest
import torch

from la4ml.errors import ConvergenceWarning, DTypeError, LearningRateWarning, OutOfRangeError
from la4ml.linear_model import GDRegressor, lstsq


def _data(n=40, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    X = scale * rng.standard_normal((n, 3))
    y = X / scale @ np.array([1.5, -2.0, 0.5]) + 4.0 + 0.3 * rng.standard_normal(n)
    return X, y


def _design(X):
    return np.column_stack([X, np.ones(len(X))])


def _hessian_max(X):
    A = _design(X)
    return np.linalg.eigvalsh(2 / len(X) * A.T @ A)[-1]


def _torch_run(X, y, lr, epochs, batch):
    """The same descent with torch.optim.SGD on nn.MSELoss, float64, batches in order."""
    model = torch.nn.Linear(X.shape[1], 1, dtype=torch.float64)
    torch.nn.init.zeros_(model.weight)
    torch.nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    Xt, yt = torch.tensor(X), torch.tensor(y)[:, None]
    for _ in range(epochs):
        for start in range(0, len(X), batch):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(Xt[start:start + batch]), yt[start:start + batch])
            loss.backward()
            opt.step()
    return model.weight.detach().numpy().ravel(), model.bias.item()


@pytest.mark.parametrize("batch_size", [None, 7, 1])
def test_trajectory_equals_torch_sgd(batch_size):
    """Five epochs, no shuffling: the weights equal torch.optim.SGD's on MSELoss (full batch, mini-batch of 7, SGD)."""
    X, y = _data(n=20)
    lr = 0.02
    gd = GDRegressor(learning_rate=lr, batch_size=batch_size, max_epochs=5, tol=None, shuffle=False).fit(X, y)
    w, b = _torch_run(X, y, lr, 5, batch_size or len(X))
    assert np.allclose(gd.coef_, w, rtol=1e-12, atol=1e-14) and np.isclose(gd.intercept_, b, rtol=1e-12)
    assert gd.n_iter_ == 5 and gd.loss_curve_.shape == (6,)


def test_loss_curve_is_the_full_training_mse():
    """loss_curve_[0] is mean(y²) (θ = 0) and the last entry is the MSE of the final weights."""
    X, y = _data()
    gd = GDRegressor(max_epochs=30, tol=None).fit(X, y)
    assert gd.loss_curve_[0] == pytest.approx(np.mean(y**2), rel=1e-14)
    assert gd.loss_curve_[-1] == pytest.approx(np.mean((gd.predict(X) - y) ** 2), rel=1e-12)
    assert len(gd.loss_curve_) == 31 and gd.n_iter_ == 30


def test_default_converges_to_least_squares():
    """Default step 1/L, default tol: the weights reach lstsq's within tol·‖g₀‖/μ (μ the smallest Hessian eigenvalue)."""
    X, y = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gd = GDRegressor().fit(X, y)
    A = _design(X)
    theta_star = lstsq(A, y)
    mu = np.linalg.eigvalsh(2 / len(X) * A.T @ A)[0]
    g0 = np.linalg.norm(2 / len(X) * A.T @ y)
    theta = np.append(gd.coef_, gd.intercept_)
    assert np.linalg.norm(theta - theta_star) <= gd.tol * g0 / mu
    assert gd.n_iter_ < gd.max_epochs
    assert gd.learning_rate_ == pytest.approx(1 / gd.lipschitz_, rel=1e-15)
    assert gd.lipschitz_ == pytest.approx(_hessian_max(X), rel=1e-12)


@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_badly_scaled_features_warn(scale):
    """Features at 1e-3 or 1e3 next to the intercept's column of ones: κ(H) ≈ 1e6, 1000 epochs are not enough, and it says so."""
    X, y = _data(scale=scale)
    A = _design(X)
    assert np.linalg.cond(A.T @ A) > 1e5
    with pytest.warns(ConvergenceWarning, match="scale the features"):
        GDRegressor().fit(X, y)


def test_full_batch_loss_decreases_monotonically_below_2_over_L():
    """η = 1.9/L: the loss falls at every epoch; η = 2.1/L: it rises (diverges) and a LearningRateWarning names 2/L."""
    X, y = _data()
    L = _hessian_max(X)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ok = GDRegressor(learning_rate=1.9 / L, max_epochs=200, tol=None).fit(X, y)
    curve = ok.loss_curve_
    assert np.all(np.diff(curve) <= 4 * np.finfo(float).eps * curve[:-1])  # falls, down to rounding at the floor
    assert curve[-1] < 1e-2 * curve[0]
    with pytest.warns(LearningRateWarning, match=r"at or above 2/L") as record:
        bad = GDRegressor(learning_rate=2.1 / L, max_epochs=200, tol=None).fit(X, y)
    assert f"{2 / L:.4g}" in str(record[0].message)
    assert bad.loss_curve_[-1] > 100 * bad.loss_curve_[0]


def test_warning_threshold_is_exactly_2_over_L():
    """Just below 2/L: no warning; at 2/L: a LearningRateWarning."""
    X, y = _data()
    L = GDRegressor(max_epochs=1, tol=None).fit(X, y).lipschitz_
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        GDRegressor(learning_rate=np.nextafter(2 / L, 0), max_epochs=1, tol=None).fit(X, y)
    with pytest.warns(LearningRateWarning):
        GDRegressor(learning_rate=2 / L, max_epochs=1, tol=None).fit(X, y)


def test_overflow_stops_with_a_warning():
    """A huge step overflows: fit stops at that epoch, warns that it diverged, and the last loss is inf."""
    X, y = _data()
    with pytest.warns(LearningRateWarning) as record:
        gd = GDRegressor(learning_rate=1e3, max_epochs=10_000, tol=None).fit(X, y)
    assert any("diverged" in str(r.message) for r in record)
    assert np.isinf(gd.loss_curve_[-1]) and gd.n_iter_ < 10_000 and len(gd.loss_curve_) == gd.n_iter_ + 1


def test_convergence_warning_only_with_tol():
    """Too few epochs with a tol gives a ConvergenceWarning naming the fix; tol=None runs exactly max_epochs silently."""
    X, y = _data()
    with pytest.warns(ConvergenceWarning, match="max_epochs=3"):
        GDRegressor(max_epochs=3).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gd = GDRegressor(max_epochs=3, tol=None).fit(X, y)
    assert gd.n_iter_ == 3


def test_stopping_rule_is_relative_to_the_initial_gradient():
    """The epoch count does not change when y is multiplied by 1e6 (the rule is relative)."""
    X, y = _data()
    n1 = GDRegressor(tol=1e-4).fit(X, y).n_iter_
    n2 = GDRegressor(tol=1e-4).fit(X, 1e6 * y).n_iter_
    assert n1 == n2 and n1 > 1


def test_zero_target_needs_no_epoch():
    """y = 0: θ = 0 is already optimal, n_iter_ = 0 and the curve has one entry."""
    X, _ = _data()
    gd = GDRegressor().fit(X, np.zeros(len(X)))
    assert gd.n_iter_ == 0 and np.array_equal(gd.loss_curve_, [0.0]) and np.all(gd.coef_ == 0)


def test_minibatch_default_step_is_stable_for_every_batch():
    """Mini-batches: the default step is 1/max(L, (2/B)·Σ of the B largest ‖a_i‖²), below every batch's 2/L_B."""
    X, y = _data(n=40)
    A = _design(X)
    B = 4
    gd = GDRegressor(batch_size=B, max_epochs=5, tol=None, random_state=0).fit(X, y)
    sq = np.sort(np.sum(A**2, axis=1))
    assert gd.learning_rate_ == pytest.approx(1 / max(_hessian_max(X), 2 / B * sq[-B:].sum()), rel=1e-12)
    rng = np.random.default_rng(1)
    for _ in range(200):
        idx = rng.choice(40, B, replace=False)
        L_B = np.linalg.eigvalsh(2 / B * A[idx].T @ A[idx])[-1]
        assert gd.learning_rate_ < 2 / L_B


def test_sgd_noise_floor_shrinks_with_the_step():
    """SGD (batch 1), 200 epochs: the loss ends above the least-squares optimum by < 50% at the default step, < 1% at a tenth of it."""
    X, y = _data(n=60)
    best = np.mean((_design(X) @ lstsq(_design(X), y) - y) ** 2)
    gd = GDRegressor(batch_size=1, max_epochs=200, tol=None, random_state=0).fit(X, y)
    small = GDRegressor(batch_size=1, learning_rate=gd.learning_rate_ / 10, max_epochs=200, tol=None,
                        random_state=0).fit(X, y)
    assert best <= small.loss_curve_[-1] <= 1.01 * best < gd.loss_curve_[-1] <= 1.5 * best


def test_shuffling_is_seeded():
    """The same random_state gives the same weights; another seed, or no shuffling, gives different ones."""
    X, y = _data()
    kw = dict(batch_size=5, max_epochs=3, tol=None)
    a = GDRegressor(random_state=0, **kw).fit(X, y).coef_
    b = GDRegressor(random_state=0, **kw).fit(X, y).coef_
    c = GDRegressor(random_state=1, **kw).fit(X, y).coef_
    d = GDRegressor(shuffle=False, **kw).fit(X, y).coef_
    assert np.array_equal(a, b) and not np.allclose(a, c) and not np.allclose(a, d)


def test_batch_at_least_n_is_full_batch():
    """batch_size >= n_samples is full-batch descent (shuffling changes nothing)."""
    X, y = _data()
    a = GDRegressor(max_epochs=10, tol=None).fit(X, y)
    b = GDRegressor(batch_size=1000, max_epochs=10, tol=None, random_state=3).fit(X, y)
    assert np.array_equal(a.coef_, b.coef_) and a.learning_rate_ == b.learning_rate_


@pytest.mark.parametrize("params, exc, match", [
    (dict(learning_rate=0.0), OutOfRangeError, "learning_rate must be > 0"),
    (dict(learning_rate=-0.1), OutOfRangeError, "learning_rate"),
    (dict(batch_size=0), OutOfRangeError, "batch_size must be >= 1"),
    (dict(batch_size=2.5), DTypeError, "batch_size"),
    (dict(max_epochs=0), OutOfRangeError, "max_epochs"),
    (dict(tol=-1e-3), OutOfRangeError, "tol"),
    (dict(shuffle="yes"), DTypeError, "shuffle"),
    (dict(random_state=-1), OutOfRangeError, "random_state"),
])
def test_bad_parameters(params, exc, match):
    """Every parameter is checked at fit, with its name in the message."""
    X, y = _data()
    with pytest.raises(exc, match=match):
        GDRegressor(**params).fit(X, y)
