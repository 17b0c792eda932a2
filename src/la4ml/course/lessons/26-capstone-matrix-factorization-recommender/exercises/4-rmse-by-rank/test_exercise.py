"""Hidden tests of exercise 26.4 — rmse_by_rank (la4ml.recsys.ALS at several ranks) and best_rank."""

import functools

import numpy as np

from la4ml.course.grading import call, expect, expect_close, fail, function, last_call, show


@functools.lru_cache(maxsize=None)
def _data(seed=0, true_rank=2):
    from la4ml.recsys import make_streamrec

    R = make_streamrec(120, 80, n_ratings=2500, rank=true_rank, noise=0.3, random_state=seed)
    rng = np.random.default_rng(seed)
    mask = np.zeros(R.rating.size, dtype=bool)
    for a, b in zip(R.indptr[:-1], R.indptr[1:]):
        mask[a + rng.choice(b - a, size=min(int(0.2 * (b - a)), b - a - 1), replace=False)] = True
    return (np.asarray(R.user, np.int64), np.asarray(R.item, np.int64), np.asarray(R.rating, np.float64), mask,
            R.shape[0], R.shape[1])


def _fit(users, items, ratings, fit_mask, n_users, n_items, k, reg, max_iter):
    from la4ml.recsys import ALS, Ratings

    R = Ratings(users[fit_mask], items[fit_mask], ratings[fit_mask], n_users=n_users, n_items=n_items)
    return ALS(n_components=int(k), reg=reg, max_iter=max_iter, random_state=0, dtype=np.float64,
               solver="torch", device="cpu").fit(R)


@functools.lru_cache(maxsize=None)
def _one(seed, true_rank, k, reg, max_iter, variant):
    users, items, ratings, mask, nu, ni = _data(seed, true_rank)
    fit_mask = np.ones_like(mask) if variant == "fit_all" else ~mask
    m = _fit(users, items, ratings, fit_mask, nu, ni, k, reg, max_iter)
    p = m.predict(users, items)
    rm = lambda sel: float(np.sqrt(np.mean((ratings[sel] - p[sel]) ** 2)))  # noqa: E731
    tr = m.history_[-1]["train_rmse"] if variant == "history" else rm(~mask)
    te = rm(np.ones_like(mask)) if variant == "test_all" else rm(mask)
    return tr, te


def _ref(seed, true_rank, ranks, reg, max_iter, variant="right"):
    out = np.array([_one(seed, true_rank, int(k), reg, max_iter, variant) for k in ranks])
    return out[:, 0], out[:, 1]


MISTAKES = {
    "test_all": "the held-out RMSE was computed over ALL ratings, training ones included; average over the "
                "test pairs (test_mask True) only",
    "fit_all": "the models were fitted on ALL ratings, test ones included, so the held-out RMSE is not held out; "
               "fit on Ratings(users[~test_mask], ...) only",
    "history": "the training RMSE was taken from model.history_ (unclipped predictions); the task asks for the RMSE "
               "of model.predict on the training pairs",
}


def _check(submission, seed, true_rank, ranks, reg=None, max_iter=None):
    users, items, ratings, mask, nu, ni = _data(seed, true_rank)
    kwargs = {}
    if reg is not None:
        kwargs["reg"] = reg
    if max_iter is not None:
        kwargs["max_iter"] = max_iter
    f = function(submission, "rmse_by_rank")
    got = call(f, users, items, ratings, mask, nu, ni, list(ranks), **kwargs)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays (train_rmse, test_rmse).")
    tr, te = (np.asarray(g, dtype=float) for g in got)
    exp_tr, exp_te = _ref(seed, true_rank, tuple(ranks), 0.01 if reg is None else reg,
                          10 if max_iter is None else max_iter)
    for name, g, e in (("train_rmse", tr, exp_tr), ("test_rmse", te, exp_te)):
        if g.shape != e.shape:
            fail(f"Called {last_call()}; {name} has shape {g.shape}; expected {e.shape}, one RMSE per rank.")
    if np.allclose(tr, exp_te, rtol=1e-6) and np.allclose(te, exp_tr, rtol=1e-6):
        fail(f"Called {last_call()}; the two arrays are swapped: return (train_rmse, test_rmse) in that order.")
    if not (np.allclose(tr, exp_tr, rtol=1e-6, atol=0) and np.allclose(te, exp_te, rtol=1e-6, atol=0)):
        for variant, why in MISTAKES.items():
            c_tr, c_te = _ref(seed, true_rank, tuple(ranks), 0.01 if reg is None else reg,
                              10 if max_iter is None else max_iter, variant)
            if np.allclose(tr, c_tr, rtol=1e-6, atol=0) and np.allclose(te, c_te, rtol=1e-6, atol=0):
                fail(f"Called {last_call()}; returned train {show(tr)}, test {show(te)}; expected train {show(exp_tr)}, "
                     f"test {show(exp_te)}: {why}.")
    expect_close(tr, exp_tr, rtol=1e-6, atol=0, what="train_rmse",
                 because="fit ALS(n_components=k, reg=reg, max_iter=max_iter, random_state=0, dtype=np.float64, "
                 "solver='torch', device='cpu') on the training ratings and take the RMSE of model.predict on them")
    expect_close(te, exp_te, rtol=1e-6, atol=0, what="test_rmse",
                 because="the RMSE of model.predict over the test pairs only")
    return tr, te


def test_values_defaults(submission):
    """rmse_by_rank with the defaults (reg = 0.01, max_iter = 10), ranks [1, 2, 3]: both arrays match"""
    _check(submission, 0, 2, (1, 2, 3))


def test_parameters_passed(submission):
    """rmse_by_rank passes reg = 0.2 and max_iter = 3 on to ALS"""
    _check(submission, 1, 2, (2, 4), reg=0.2, max_iter=3)


def test_rank_order_kept(submission):
    """rmse_by_rank returns the RMSEs in the order of the ranks given (here [3, 1, 2])"""
    _check(submission, 0, 2, (3, 1, 2))


def test_experiment_true_rank(submission):
    """on data of true rank 3, ranks 1..5: training RMSE falls at every rank, and best_rank picks 3"""
    tr, te = _check(submission, 3, 3, (1, 2, 3, 4, 5))
    expect(bool(np.all(np.diff(tr) < 0)), got=tr, expected="a falling training RMSE",
           because="a larger rank always fits the training ratings better")
    g = function(submission, "best_rank")
    got = call(g, [1, 2, 3, 4, 5], te)
    expect(int(got) == 3, got=got, expected=3,
           because=f"the held-out RMSEs {show(te)} are lowest at rank 3, the true rank; past it the extra factors fit noise")


def _check_best(submission, ranks, test_rmse, expected, because):
    g = function(submission, "best_rank")
    got = call(g, ranks, test_rmse)
    try:
        value = int(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected the rank {expected}.")
    if value != expected:
        pos = int(np.argmin(test_rmse))
        if value == pos and pos != expected:
            fail(f"Called {last_call()}; returned {value}, the POSITION of the smallest RMSE; expected the rank at that "
                 f"position, ranks[{pos}] = {expected}.")
        if value == np.asarray(ranks)[np.argmax(test_rmse)]:
            fail(f"Called {last_call()}; returned {value}, the rank with the LARGEST held-out RMSE; expected {expected}, "
                 "the one with the smallest.")
    expect(value == expected, got=got, expected=expected, because=because)


def test_best_rank_example(submission):
    """best_rank([2, 4, 6, 8], [0.9, 0.5, 0.5, 0.7]) is 4: the smallest rank among the tied minima"""
    _check_best(submission, [2, 4, 6, 8], [0.9, 0.5, 0.5, 0.7], 4,
                "ranks 4 and 6 tie at 0.5; the simpler model, the smaller rank, wins the tie")


def test_best_rank_not_position(submission):
    """best_rank returns the rank itself, not its position: ranks [5, 10, 20], RMSEs [0.8, 0.6, 0.7] gives 10"""
    _check_best(submission, np.array([5, 10, 20]), np.array([0.8, 0.6, 0.7]), 10, "0.6 is the smallest RMSE, at rank 10")


def test_best_rank_last(submission):
    """best_rank when the last rank is best: ranks [1, 2, 3], RMSEs [0.9, 0.8, 0.7] gives 3"""
    _check_best(submission, [1, 2, 3], [0.9, 0.8, 0.7], 3, "the RMSE still falls at rank 3")


def test_best_rank_first(submission):
    """best_rank when the first rank is best: ranks [7, 8, 9], RMSEs [0.4, 0.5, 0.6] gives 7"""
    _check_best(submission, [7, 8, 9], [0.4, 0.5, 0.6], 7, "the RMSE rises from the first rank on")
