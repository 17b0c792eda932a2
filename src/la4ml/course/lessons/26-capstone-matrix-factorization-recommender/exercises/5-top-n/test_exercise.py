"""Hidden tests of exercise 26.5 — top_n, recommendations that skip the items already rated."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show


def _ref(X, Y, user, seen, n=10):
    s = Y @ X[user]
    unseen = np.setdiff1d(np.arange(len(s)), np.asarray(seen, dtype=np.int64))
    return unseen[np.argsort(-s[unseen], kind="stable")[:n]]


def _check(submission, X, Y, user, seen, n=None, because=""):
    f = function(submission, "top_n")
    X0, Y0 = X.copy(), Y.copy()
    seen_arg = np.array(seen, dtype=np.int64)
    seen0 = seen_arg.copy()
    got = call(f, X, Y, user, seen_arg) if n is None else call(f, X, Y, user, seen_arg, n=n)
    if not (np.array_equal(X, X0) and np.array_equal(Y, Y0) and np.array_equal(seen_arg, seen0)):
        fail(f"Called {last_call()}; it modified an input; work on copies (for instance, do not write -inf into "
             "the caller's arrays).")
    expected = _ref(X, Y, user, seen, 10 if n is None else n)
    arr = np.asarray(got)
    if arr.ndim != 1 or (arr.size and not np.issubdtype(arr.dtype, np.integer)):
        fail(f"Called {last_call()}; returned {show(got)}; expected a 1-D integer array of item indices, {show(expected)}.")
    scores = Y @ X[user]
    rated = np.intersect1d(arr, seen)
    if rated.size:
        fail(f"Called {last_call()}; returned {show(arr)}, which includes item(s) {show(rated)} that the user has "
             "already rated; a recommendation must skip seen_items (set their scores to -inf, or keep only the unseen items).")
    if arr.size != expected.size:
        fail(f"Called {last_call()}; returned {arr.size} items; expected {expected.size}: "
             + ("n items" if expected.size == (10 if n is None else n) else
                f"all {expected.size} unseen items, since fewer than n are unseen (never pad with seen or invalid items)")
             + ".")
    if np.array_equal(arr, expected[::-1]) and arr.size > 1:
        fail(f"Called {last_call()}; returned {show(arr)}: the order is reversed; the best (highest score) comes first.")
    if not np.array_equal(arr, expected):
        if np.array_equal(np.sort(arr), np.sort(expected)):
            fail(f"Called {last_call()}; returned {show(arr)}; expected {show(expected)}: the right items in the wrong "
                 f"order (scores {show(scores[arr])}); sort by score, highest first, equal scores by the smaller index.")
        wrong_user = None
        if X.shape[0] > 1:
            alt = (user + 1) % X.shape[0]
            if np.array_equal(arr, _ref(X, Y, alt, seen, arr.size)):
                wrong_user = alt
        fail(f"Called {last_call()}; returned {show(arr)}; expected {show(expected)} (scores {show(scores[expected])}): "
             + (f"those are user {wrong_user}'s; score with user_factors[user]." if wrong_user is not None else
                because or "score every item by item_factors @ user_factors[user] and keep the best unseen ones."))


def test_example(submission):
    """the task's example: scores [3, 1, 2, 2, 0.5], item 0 rated, n = 3 gives [2, 3, 1] (the tie 2 before 3)"""
    X = np.array([[1.0, 0.0]])
    Y = np.array([[3.0, 0.0], [1.0, 5.0], [2.0, 0.0], [2.0, 1.0], [0.5, 0.0]])
    _check(submission, X, Y, 0, [0], n=3)


def test_default_n(submission):
    """the default n = 10, on 30 items with 5 rated"""
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((4, 3)), rng.standard_normal((30, 3))
    _check(submission, X, Y, 2, [0, 7, 3, 29, 12])


def test_best_items_seen(submission):
    """the user's three best-scored items are all rated: none of them is recommended"""
    rng = np.random.default_rng(2)
    X, Y = rng.standard_normal((3, 2)), rng.standard_normal((12, 2))
    s = Y @ X[1]
    seen = np.argsort(-s)[:3][::-1].copy()
    _check(submission, X, Y, 1, seen, n=4)


def test_fewer_unseen_than_n(submission):
    """only 2 of 6 items are unseen and n = 5: returns just those 2"""
    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((2, 2)), rng.standard_normal((6, 2))
    _check(submission, X, Y, 0, [5, 0, 2, 3], n=5)


def test_nothing_seen(submission):
    """a user who rated nothing (empty seen_items) gets the n best items overall"""
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((2, 3)), rng.standard_normal((8, 3))
    _check(submission, X, Y, 1, [], n=3)


def test_all_ties(submission):
    """all scores equal (a zero user vector): the unseen items in increasing index order"""
    X = np.zeros((2, 2))
    Y = np.random.default_rng(5).standard_normal((7, 2))
    _check(submission, X, Y, 0, [1, 4], n=4)


def test_negative_scores(submission):
    """every score negative: the best is the one closest to zero (not the largest in size)"""
    X = np.array([[1.0, 1.0], [0.0, 1.0]])
    Y = -np.array([[1.0, 2.0], [0.2, 0.1], [3.0, 0.5], [0.4, 0.4], [2.0, 2.0]])
    _check(submission, X, Y, 0, [1], n=3)


def test_non_square_rows(submission):
    """more users than items, k = 2: user 5 of 9, items 0..3, item 2 rated"""
    rng = np.random.default_rng(6)
    X, Y = rng.standard_normal((9, 2)), rng.standard_normal((4, 2))
    _check(submission, X, Y, 5, [2], n=2)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n_items=st.integers(1, 25), n=st.integers(1, 12), frac=st.floats(0, 1))
def test_random(submission, seed, n_items, n, frac):
    """random users, items and seen sets (scores rounded to one decimal, so ties happen)"""
    rng = np.random.default_rng(seed)
    X, Y = np.round(rng.standard_normal((3, 2)), 1), np.round(rng.standard_normal((n_items, 2)), 1)
    seen = rng.choice(n_items, size=int(frac * n_items), replace=False)
    _check(submission, X, Y, int(rng.integers(0, 3)), seen, n=n)
