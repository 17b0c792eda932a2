"""Hidden tests of exercise 26.3 — sgd_epoch, one epoch of biased SGD matrix factorization, from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect_close, fail, function, last_call, show

NAMES = ("P", "Q", "bu", "bi")


def _ref(P, Q, bu, bi, mu, users, items, ratings, lr=0.005, reg=0.02, reg_bias=None, *, bias_reg="same",
         factor_reg=True, old_p=True, with_bias_in_e=True, sign=1.0, update_e=False, q_reg=True, e_bi=True,
         e_sign=1.0):
    P, Q, bu, bi = (np.array(a, dtype=float) for a in (P, Q, bu, bi))
    rb = reg if reg_bias is None else reg_bias
    if bias_reg == "none":
        rb = 0.0
    elif bias_reg == "reg":
        rb = reg
    rf = reg if factor_reg else 0.0
    for u, i, r in zip(users, items, ratings):
        e = e_sign * (r - (mu + (bu[u] + (bi[i] if e_bi else 0.0) if with_bias_in_e else 0.0) + P[u] @ Q[i]))
        bu[u] += lr * (e - sign * rb * bu[u])
        if update_e:
            e = r - (mu + bu[u] + bi[i] + P[u] @ Q[i])
        bi[i] += lr * (e - sign * rb * bi[i])
        p = P[u].copy()
        P[u] += lr * (e * Q[i] - sign * rf * P[u])
        Q[i] += lr * (e * (p if old_p else P[u]) - sign * (rf if q_reg else 0.0) * Q[i])
    return P, Q, bu, bi


MISTAKES = {
    "the biases are not regularized (b += lr * e): the penalty must apply to the biases too, with reg_bias "
    "(reg when reg_bias is None)": dict(bias_reg="none"),
    "the biases use reg even though reg_bias was given: the biases' penalty is reg_bias": dict(bias_reg="reg"),
    "the factors are not regularized: p_u += lr * (e q_i - reg p_u), and the same for q_i": dict(factor_reg=False),
    "q_i was updated with the NEW p_u; use p_u from before its update (both updates use the same old values)":
        dict(old_p=False),
    "the error e ignores the biases: the prediction is mu + b_u + b_i + p_u · q_i": dict(with_bias_in_e=False),
    "the penalty has the wrong sign (it must pull parameters toward zero: - reg * parameter)": dict(sign=-1.0),
    "e was recomputed after updating b_u; compute e once per rating, before any update": dict(update_e=True),
    "q_i is not regularized: q_i += lr * (e p_u - reg q_i), with the same reg as p_u": dict(q_reg=False),
    "the error e leaves out the item bias b_i: the prediction is mu + b_u + b_i + p_u · q_i": dict(e_bi=False),
    "e has the wrong sign: e = r - r̂, the rating minus the prediction (then every update ADDS lr * e ...)":
        dict(e_sign=-1.0),
}


def _data(seed=0, n_users=6, n_items=5, k=3, n_ratings=20, scale=1.0, repeat_user=False):
    rng = np.random.default_rng(seed)
    P = 0.5 * rng.standard_normal((n_users, k))
    Q = 0.5 * rng.standard_normal((n_items, k))
    bu = 0.3 * rng.standard_normal(n_users)
    bi = 0.3 * rng.standard_normal(n_items)
    users = rng.integers(0, n_users, n_ratings)
    items = rng.integers(0, n_items, n_ratings)
    if repeat_user:
        users[:] = 0
    ratings = np.round(rng.uniform(1, 5, n_ratings), 1) * scale
    return P, Q, bu, bi, float(np.mean(ratings)), users, items, ratings


def _check(submission, args, rtol=1e-9, **kwargs):
    f = function(submission, "sgd_epoch")
    copies = [np.array(a, copy=True) for a in args if isinstance(a, np.ndarray)]
    got = call(f, *args, **kwargs)
    if not all(np.array_equal(a, c) for a, c in zip([a for a in args if isinstance(a, np.ndarray)], copies)):
        fail(f"Called {last_call()}; it modified its inputs; update copies (np.array(P, dtype=float), ...) "
             "and return them.")
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of four arrays (P, Q, bu, bi).")
    expected = _ref(*args, **kwargs)
    for name, g, e in zip(NAMES, got, expected):
        g = np.asarray(g, dtype=float)
        if g.shape != e.shape:
            fail(f"Called {last_call()}; the returned {name} has shape {g.shape}; expected {e.shape}.")
    ok = all(np.allclose(np.asarray(g, float), e, rtol=rtol, atol=1e-12 * max(1.0, np.abs(e).max()))
             for g, e in zip(got, expected))
    if not ok:
        for why, flags in MISTAKES.items():
            cand = _ref(*args, **kwargs, **flags)
            differs = not all(np.allclose(c, e, rtol=rtol, atol=0) for c, e in zip(cand, expected))
            if differs and all(np.allclose(np.asarray(g, float), c, rtol=rtol, atol=1e-12 * max(1.0, np.abs(c).max()))
                               for g, c in zip(got, cand)):
                fail(f"Called {last_call()}; the result differs from the expected one: {why}.")
        for name, g, e in zip(NAMES, got, expected):
            expect_close(np.asarray(g, float), e, rtol=rtol, atol=1e-12 * max(1.0, np.abs(e).max()), what=name,
                         because="visit the ratings in order; e = r - (mu + b_u + b_i + p_u · q_i) first, then the "
                         "four updates of the task")
    return got


def test_one_rating_by_hand(submission):
    """one rating, lr = 0.5, reg = 0: e = 4 − (3 + 2) = −1 gives P = [[0, −0.5]], Q = [[1.5, 1]], biases −0.5"""
    args = (np.array([[1.0, 0.0]]), np.array([[2.0, 1.0]]), np.zeros(1), np.zeros(1), 3.0,
            np.array([0]), np.array([0]), np.array([4.0]))
    _check(submission, args, lr=0.5, reg=0.0)


def test_defaults(submission):
    """the defaults lr = 0.005, reg = 0.02 and reg_bias = reg"""
    _check(submission, _data(seed=1))


def test_reg_bias_separate(submission):
    """reg_bias = 0.5 regularizes the biases, reg = 0.05 the factors (lr = 0.05)"""
    _check(submission, _data(seed=2), lr=0.05, reg=0.05, reg_bias=0.5)


def test_reg_bias_zero(submission):
    """reg_bias = 0 (unpenalized biases) with reg = 0.1 on the factors"""
    _check(submission, _data(seed=3), lr=0.05, reg=0.1, reg_bias=0.0)


def test_old_p_used_for_q(submission):
    """q_i is updated with p_u from before its update (one rating, large lr so the difference shows)"""
    args = (np.array([[1.0, 2.0]]), np.array([[0.5, -1.0]]), np.zeros(1), np.zeros(1), 3.0,
            np.array([0]), np.array([0]), np.array([5.0]))
    _check(submission, args, lr=0.3, reg=0.1)


def test_sequential_same_user(submission):
    """ratings of the same user are applied one after the other (each sees the previous update)"""
    _check(submission, _data(seed=4, repeat_user=True), lr=0.1, reg=0.05)


def test_scales(submission):
    """works for ratings ×1e3 with a learning rate scaled to match (lr = 1e-6)"""
    _check(submission, _data(seed=5, scale=1e3), lr=1e-6, reg=0.02)


def test_epochs_lower_training_error(submission):
    """20 epochs on a small rank-2 problem lower the training RMSE at every epoch, from 0.86 to below 0.1"""
    rng = np.random.default_rng(0)
    n_users, n_items, k = 30, 20, 2
    truth = 3.0 + rng.standard_normal((n_users, k)) @ rng.standard_normal((k, n_items)) / 1.5
    users, items = np.nonzero(rng.random((n_users, n_items)) < 0.6)
    ratings = truth[users, items]
    P, Q = 0.1 * rng.standard_normal((n_users, k)), 0.1 * rng.standard_normal((n_items, k))
    bu, bi, mu = np.zeros(n_users), np.zeros(n_items), float(ratings.mean())
    f = function(submission, "sgd_epoch")
    state = (P, Q, bu, bi)
    history = []
    for _ in range(20):
        state = tuple(np.asarray(a, float) for a in call(f, *state, mu, users, items, ratings, lr=0.05, reg=0.01))
        P, Q, bu, bi = state
        pred = mu + bu[users] + bi[items] + np.sum(P[users] * Q[items], axis=1)
        history.append(float(np.sqrt(np.mean((ratings - pred) ** 2))))
    if not (history[-1] < 0.1 and np.all(np.diff(history) < 0)):
        fail(f"After each of 20 epochs of sgd_epoch (lr = 0.05, reg = 0.01) the training RMSE was {show(np.array(history))}; "
             "the reference lowers it at every epoch, to 0.066. Check the signs: each update moves the parameters "
             "along +e (toward the rating) and the penalty pulls them toward zero.")


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 4), lr=st.sampled_from([0.01, 0.1]),
       reg=st.sampled_from([0.0, 0.02, 0.3]), reg_bias=st.sampled_from([None, 0.0, 0.7]))
def test_random(submission, seed, k, lr, reg, reg_bias):
    """matches the update rules on random small problems (k from 1 to 4, several penalties)"""
    _check(submission, _data(seed=seed, k=k), lr=lr, reg=reg, reg_bias=reg_bias)
