"""Hidden tests of exercise 26.2 — per_user_split and item_mean_rmse: an evaluation that never peeks."""

import numpy as np
import pytest

from la4ml.course.grading import call, expect_close, fail, function, last_call, show


def _ratings(seed=0, n_users=30, n_items=12, scale=1.0, shift=0.0):
    """Users with 1 to 12 ratings each, shuffled order, ratings in 1..5 (times scale, plus shift)."""
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, 13, size=n_users)
    counts[:3] = [1, 2, 5]
    users = np.repeat(np.arange(n_users), counts)
    items = np.concatenate([rng.choice(n_items, size=c, replace=False) for c in counts])
    ratings = np.round(rng.uniform(1, 5, size=users.size), 1) * scale + shift
    perm = rng.permutation(users.size)
    return users[perm], items[perm], ratings[perm], n_items


def _expected_counts(users, test_size):
    u, n = np.unique(users, return_counts=True)
    return u, np.minimum(np.floor(test_size * n).astype(int), n - 1)


def _split(submission, users, **kwargs):
    f = function(submission, "per_user_split")
    users0 = users.copy()
    got = call(f, users, **kwargs)
    if not np.array_equal(users, users0):
        fail(f"Called {last_call()}; it modified users; work on a copy.")
    mask = np.asarray(got)
    if mask.shape != users.shape or mask.dtype != bool:
        fail(f"Called {last_call()}; returned {show(got)} (shape {mask.shape}, dtype {mask.dtype}); expected a "
             f"boolean mask of shape {users.shape}, True for the test ratings.")
    return mask


def _check_counts(mask, users, test_size):
    u, want = _expected_counts(users, test_size)
    got_counts = np.array([mask[users == v].sum() for v in u])
    n = np.array([(users == v).sum() for v in u])
    unseen = u[got_counts == n]
    if unseen.size:
        fail(f"Called {last_call()}; user {unseen[0]} has all its {n[got_counts == n][0]} ratings in the test set, so "
             "the model would never see this user in training (a cold-start user, not a held-out rating). "
             "Split per user, and keep at least one training rating for each: min(floor(test_size * n_u), n_u - 1).")
    bad = np.flatnonzero(got_counts != want)
    if bad.size:
        j = bad[0]
        total = f"{mask.sum()} test ratings in all (expected {want.sum()})"
        hint = ("a split drawn over all ratings at once is not per user: each user must give exactly "
                "min(floor(test_size * n_u), n_u - 1) of its own ratings")
        fail(f"Called {last_call()}; user {u[j]} with {n[j]} ratings got {got_counts[j]} test ratings; expected "
             f"min(floor({test_size} × {n[j]}), {n[j]} − 1) = {want[j]}; {total}. Check: {hint}; round down "
             "(floor), not to the nearest.")


def test_split_counts_default(submission):
    """per_user_split with the defaults: each user gives min(floor(0.2 n_u), n_u − 1) ratings to the test set"""
    users, *_ = _ratings(seed=1)
    _check_counts(_split(submission, users), users, 0.2)


def test_split_counts_half(submission):
    """per_user_split with test_size=0.5: a user with 1 rating keeps it, with 2 gives 1, with 5 gives 2"""
    users, *_ = _ratings(seed=2)
    _check_counts(_split(submission, users, test_size=0.5, seed=3), users, 0.5)


def test_split_large_fraction_keeps_one(submission):
    """per_user_split with test_size=0.9 still keeps one training rating per user"""
    users, *_ = _ratings(seed=4)
    _check_counts(_split(submission, users, test_size=0.9, seed=1), users, 0.9)


def test_split_reproducible_and_random(submission):
    """per_user_split: the same seed gives the same mask, another seed another, and the choice is random"""
    users = np.repeat(np.arange(4), 50)
    m1 = _split(submission, users, test_size=0.5, seed=7)
    m2 = _split(submission, users, test_size=0.5, seed=7)
    if not np.array_equal(m1, m2):
        fail(f"Called {last_call()} twice; the masks differ; draw with np.random.default_rng(seed) so the split is reproducible.")
    m3 = _split(submission, users, test_size=0.5, seed=8)
    if np.array_equal(m1, m3):
        fail(f"Called {last_call()}; seed=7 and seed=8 gave the same mask; the seed must drive the choice.")
    first_half = np.tile(np.r_[np.ones(25, bool), np.zeros(25, bool)], 4)
    if np.array_equal(m1, first_half) or np.array_equal(m1, ~first_half):
        fail(f"Called {last_call()}; the test ratings are each user's first (or last) ratings in the given order; "
             "choose them at random with rng.choice(..., replace=False).")


def _ref_rmse(users, items, ratings, test_mask, n_items):
    tr = ~test_mask
    c = np.bincount(items[tr], minlength=n_items)
    s = np.bincount(items[tr], weights=ratings[tr], minlength=n_items)
    m = np.where(c > 0, s / np.maximum(c, 1), ratings[tr].mean())
    return float(np.sqrt(np.mean((ratings[~tr] - m[items[~tr]]) ** 2)))


def _mistakes(users, items, ratings, test_mask, n_items):
    tr = ~test_mask
    te = test_mask
    c_all = np.bincount(items, minlength=n_items)
    s_all = np.bincount(items, weights=ratings, minlength=n_items)
    m_leak = np.where(c_all > 0, s_all / np.maximum(c_all, 1), ratings.mean())
    c = np.bincount(items[tr], minlength=n_items)
    s = np.bincount(items[tr], weights=ratings[tr], minlength=n_items)
    m = np.where(c > 0, s / np.maximum(c, 1), ratings[tr].mean())
    rm = lambda e: float(np.sqrt(np.mean(e ** 2)))  # noqa: E731
    return {
        "the item means include the test ratings (they leak the answers into the predictions); compute them "
        "from ratings[~test_mask] only": rm(ratings[te] - m_leak[items[te]]),
        "the RMSE is over ALL ratings, training ones included; a held-out RMSE averages over the test ratings only":
            rm(ratings - m[items]),
        "the RMSE is over the TRAINING ratings; it must be over the test ratings (test_mask True)": rm(ratings[tr] - m[items[tr]]),
        "an item with no training rating is predicted 0; predict the mean of all training ratings instead":
            rm(ratings[te] - np.where(c > 0, m, 0.0)[items[te]]),
        "the fallback for items with no training rating is the mean of ALL ratings, test ones included (a leak); "
        "use the mean of the training ratings": rm(ratings[te] - np.where(c > 0, m, ratings.mean())[items[te]]),
        "returned the mean squared error: take its square root": float(np.mean((ratings[te] - m[items[te]]) ** 2)),
        "returned the mean absolute error: RMSE is the square root of the mean SQUARED error":
            float(np.mean(np.abs(ratings[te] - m[items[te]]))),
        "the test mask was used the wrong way round (training on the test ratings)":
            _ref_rmse(users, items, ratings, ~test_mask, n_items) if test_mask.sum() < test_mask.size else np.nan,
    }


def _check_rmse(submission, users, items, ratings, test_mask, n_items, because=""):
    f = function(submission, "item_mean_rmse")
    args = [a.copy() for a in (users, items, ratings, test_mask)]
    got = call(f, users, items, ratings, test_mask, n_items)
    if not all(np.array_equal(a, b) for a, b in zip(args, (users, items, ratings, test_mask))):
        fail(f"Called {last_call()}; it modified one of its array inputs; work on copies.")
    expected = _ref_rmse(users, items, ratings, test_mask, n_items)
    try:
        value = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, the RMSE {expected:.6g}.")
    if not np.isclose(value, expected, rtol=1e-9, atol=0):
        for why, cand in _mistakes(users, items, ratings, test_mask, n_items).items():
            if np.isfinite(cand) and np.isclose(value, cand, rtol=1e-9, atol=0) and not np.isclose(cand, expected, rtol=1e-9):
                fail(f"Called {last_call()}; returned {value:.6g}; expected {expected:.6g}: {why}.")
    expect_close(value, expected, rtol=1e-9, atol=0, what="the RMSE",
                 because=because or "predict each test rating by its item's mean TRAINING rating (the training mean "
                 "for an item without one) and average the squared errors over the test ratings only")


def test_rmse_worked_example(submission):
    """item_mean_rmse on the task's five ratings: the item mean 4 and the fallback 3 each miss by 2, so 2.0"""
    users = np.array([0, 0, 1, 1, 2])
    items = np.array([0, 1, 0, 1, 2])
    ratings = np.array([4.0, 2.0, 2.0, 3.0, 5.0])
    _check_rmse(submission, users, items, ratings, np.array([False, False, True, False, True]), 3,
                because="item 0's training mean is 4 (the test rating 2 misses by 2) and item 2 has no training "
                "rating, so it gets the training mean (4 + 2 + 3) / 3 = 3 (the test rating 5 misses by 2)")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rmse_random(submission, seed):
    """item_mean_rmse on random ratings with a per-user split (some items have no training rating)"""
    users, items, ratings, n_items = _ratings(seed=seed, n_items=40)
    mask = np.zeros(users.size, bool)
    rng = np.random.default_rng(seed + 10)
    for u in np.unique(users):
        w = np.flatnonzero(users == u)
        mask[rng.choice(w, size=min(int(0.3 * w.size), w.size - 1), replace=False)] = True
    _check_rmse(submission, users, items, ratings, mask, n_items)


def test_rmse_unrated_item_index(submission):
    """item_mean_rmse when n_items is larger than the largest item id (items no one rated)"""
    users, items, ratings, _ = _ratings(seed=5, n_items=15)
    mask = np.arange(users.size) % 4 == 0
    _check_rmse(submission, users, items, ratings, mask, 25)


@pytest.mark.parametrize("scale,shift", [(1e6, 0.0), (1e-6, 0.0), (1.0, 1e6)])
def test_rmse_scales(submission, scale, shift):
    """item_mean_rmse is exact at any scale of the ratings (×1e6, ×1e-6, +1e6)"""
    users, items, ratings, n_items = _ratings(seed=6, scale=scale, shift=shift)
    mask = np.arange(users.size) % 3 == 0
    f = function(submission, "item_mean_rmse")
    got = float(call(f, users, items, ratings, mask, n_items))
    expected = _ref_rmse(users, items, ratings, mask, n_items)
    expect_close(got, expected, rtol=1e-7, atol=0, what="the RMSE",
                 because="the RMSE scales with the ratings; no fixed constant belongs in it")


def test_rmse_single_test_rating(submission):
    """item_mean_rmse with one test rating is the absolute error of that one prediction"""
    users = np.array([0, 0, 1, 1, 1])
    items = np.array([0, 1, 0, 1, 2])
    ratings = np.array([5.0, 1.0, 3.0, 2.0, 4.0])
    mask = np.array([False, False, True, False, False])
    _check_rmse(submission, users, items, ratings, mask, 3, because="item 0's training mean is 5 and the test rating is 3")


def test_split_default_seed(submission):
    """per_user_split(users) uses the default seed=0: the same mask as per_user_split(users, seed=0)"""
    users = np.repeat(np.arange(5), 20)
    m_default = _split(submission, users)
    m0 = _split(submission, users, seed=0)
    if not np.array_equal(m_default, m0):
        fail(f"Called {last_call()}; without a seed the mask differs from the one with seed=0; the default is seed=0.")
