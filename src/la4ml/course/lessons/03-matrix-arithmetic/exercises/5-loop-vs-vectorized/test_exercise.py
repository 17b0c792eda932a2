"""Hidden tests of exercise 3.5 — scores_loop(X, W, b) and time_scores(X, W, b, repeats)."""

import math

import numpy as np

from la4ml.course.grading import (Feedback, call, counting, expect, expect_close, fail, function,
                                  guard_whole_products, last_call, show)
from la4ml.course.testdata import load_digits


def _data(n=60):
    X = load_digits().data[:n] / 16.0                         # (n, 64)
    rng = np.random.default_rng(0)
    W = rng.standard_normal((10, 64)) * 0.1                   # (10, 64), like coef_
    b = rng.standard_normal(10)
    return X, W, b


def _check_scores(got, X, W, b, what):
    expected = X @ W.T + b
    if got is None:
        fail(f"Called {last_call()}; {what} is None; expected an array of shape {expected.shape}.")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; {what} is {show(got)}; expected an array of shape {expected.shape}.")
    if arr.shape == expected.shape[::-1] and expected.shape[0] != expected.shape[1]:
        fail(f"Called {last_call()}; {what} has shape {arr.shape}, the transpose of the expected {expected.shape}: one "
             "ROW per sample and one COLUMN per class (scores[i, c]).")
    if arr.shape == expected.shape and np.allclose(arr, X @ W.T):
        fail(f"Called {last_call()}; {what} equals X @ W.T without the bias; expected X @ W.T + b (start each score "
             "from b[c]).")
    expect_close(arr, expected, rtol=1e-9, atol=1e-9, what=what,
                 because="scores[i, c] = b[c] + Σ_k X[i, k] W[c, k], that is X @ W.T + b")


def test_loop_small(submission):
    """scores_loop gives X @ W.T + b for 2 samples, 3 classes and 2 features"""
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    W = np.array([[1.0, 0.0], [0.5, 1.0], [-1.0, 2.0]])
    b = np.array([0.0, 10.0, -1.0])
    got = call(function(submission, "scores_loop"), X, W, b)
    _check_scores(got, X, W, b, "the result")


def test_loop_digits(submission):
    """scores_loop gives X @ W.T + b on 60 digit images (64 pixels, 10 classes)"""
    X, W, b = _data()
    got = call(function(submission, "scores_loop"), X, W, b)
    _check_scores(got, X, W, b, "the result")


def test_loop_is_a_loop(submission):
    """scores_loop does not multiply the whole matrices X and W with @, np.dot or np.matmul"""
    X, W, b = _data(20)
    gX, gW = guard_whole_products(X, W, reason="scores_loop must compute the scores with Python loops")
    try:
        got = call(function(submission, "scores_loop"), gX, gW, b)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nscores_loop is the slow version you are timing: write its loops over samples, classes and "
                 "features yourself; the vectorized X @ W.T + b belongs in time_scores.")
        raise
    _check_scores(got, X, W, b, "the result")


KEYS = ("scores_loop", "scores_vectorized", "t_loop", "t_vectorized", "ratio")


def test_time_scores(submission):
    """time_scores returns both score arrays (equal to X @ W.T + b), two measured times and their ratio"""
    X, W, b = _data()
    got = call(function(submission, "time_scores"), X, W, b, repeats=2)
    if not isinstance(got, dict):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected a dict with keys {list(KEYS)}.")
    missing = [k for k in KEYS if k not in got]
    if missing:
        fail(f"Called {last_call()}; the dict lacks {missing}; expected the keys {list(KEYS)}.")
    _check_scores(got["scores_loop"], X, W, b, "got['scores_loop']")
    _check_scores(got["scores_vectorized"], X, W, b, "got['scores_vectorized']")
    times = {}
    for k in ("t_loop", "t_vectorized", "ratio"):
        try:
            times[k] = float(got[k])
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; got[{k!r}] is {show(got[k])}; expected one float (seconds for the times).")
        if not (math.isfinite(times[k]) and times[k] > 0):
            fail(f"Called {last_call()}; got[{k!r}] is {times[k]!r}; expected a positive, finite number: time each run "
                 "with start = time.perf_counter() ... elapsed = time.perf_counter() - start.")
    if times["t_loop"] > 5:
        fail(f"Called {last_call()}; got['t_loop'] is {times['t_loop']:.3g} s for 60 images: that is not seconds, "
             "or not the best of the repeats. Use time.perf_counter() (seconds) and keep min() over the repeats.")
    if np.isclose(times["ratio"], times["t_vectorized"] / times["t_loop"], rtol=1e-6) and times["ratio"] < 1:
        fail(f"Called {last_call()}; got['ratio'] is {times['ratio']:.3g} = t_vectorized / t_loop; expected "
             "t_loop / t_vectorized, how many times slower the loop is.")
    expect(np.isclose(times["ratio"], times["t_loop"] / times["t_vectorized"], rtol=1e-6), got=times["ratio"],
           expected=times["t_loop"] / times["t_vectorized"], because="ratio = t_loop / t_vectorized")
    if not times["t_loop"] > times["t_vectorized"]:
        fail(f"Called {last_call()}; the loop took {times['t_loop']:.3g} s and the matrix product "
             f"{times['t_vectorized']:.3g} s: a Python loop over 38,400 multiply-adds cannot beat one matrix product, "
             "so the two timings are probably swapped or the loop was not the thing timed.")


def _loop_calls(submission, **kwargs):
    """How many times time_scores(X, W, b, **kwargs) ran scores_loop."""
    X, W, b = _data(5)
    with counting("submission.scores_loop") as c:
        call(function(submission, "time_scores"), X, W, b, **kwargs)
    return c.n


def test_time_scores_repeats(submission):
    """time_scores calls the loop version `repeats` times (the best of several runs is the measurement)"""
    n = _loop_calls(submission, repeats=4)
    if n != 4:
        fail(f"Called {last_call()}; scores_loop ran {n} time(s); expected 4, because with repeats=4 each "
             "version runs 4 times and the smallest time is kept (call scores_loop itself inside the timing loop).")


def test_time_scores_default_repeats(submission):
    """time_scores(X, W, b) without repeats runs each version 3 times, the default"""
    n = _loop_calls(submission)
    if n != 3:
        fail(f"Called {last_call()}; scores_loop ran {n} time(s); expected 3, the default repeats=3 of the starter's "
             "signature: keep def time_scores(X, W, b, repeats=3).")


def test_best_not_total_time(submission):
    """t_loop is the time of ONE run (the best of the repeats), not the total over the repeats"""
    X, W, b = _data(40)
    f = function(submission, "time_scores")
    one = float(call(f, X, W, b, repeats=1)["t_loop"])
    six = float(call(f, X, W, b, repeats=6)["t_loop"])
    if six > 3 * one:
        fail(f"Called {last_call()}; t_loop is {six:.3g} s with repeats=6 but {one:.3g} s with repeats=1: it grows with "
             "the number of repeats, so it adds up the runs. Keep the smallest single run: best = min(best, elapsed).")

