"""Exercise 3.5 — Time a Python loop against one matrix product on the digits (reference solution)."""

import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression


def scores_loop(X, W, b):
    """Class scores ``X @ W.T + b`` computed with explicit Python loops."""
    n_samples, n_features = X.shape
    n_classes = W.shape[0]
    scores = np.zeros((n_samples, n_classes))
    for i in range(n_samples):
        for c in range(n_classes):
            total = b[c]
            for k in range(n_features):
                total += X[i, k] * W[c, k]
            scores[i, c] = total
    return scores


def _best_time(fn, repeats):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def time_scores(X, W, b, repeats=3):
    """Time ``scores_loop`` against the vectorized ``X @ W.T + b``."""
    t_loop, s_loop = _best_time(lambda: scores_loop(X, W, b), repeats)
    t_vec, s_vec = _best_time(lambda: X @ W.T + b, repeats)   # (n, d) @ (d, c) + (c,) -> (n, c)
    return {"scores_loop": s_loop, "scores_vectorized": s_vec,
            "t_loop": t_loop, "t_vectorized": t_vec, "ratio": t_loop / t_vec}


if __name__ == "__main__":
    digits = load_digits()
    X = digits.data / 16.0
    clf = LogisticRegression(max_iter=300).fit(X, digits.target)
    result = time_scores(X[:300], clf.coef_, clf.intercept_)
    print(f"loop: {result['t_loop'] * 1e3:.2f} ms, vectorized: {result['t_vectorized'] * 1e3:.4f} ms, "
          f"ratio: {result['ratio']:.0f}")
    print("same scores:", np.allclose(result["scores_loop"], result["scores_vectorized"]))
    print("same predictions as scikit-learn:", np.array_equal(result["scores_vectorized"].argmax(axis=1),
                                                              clf.predict(X[:300])))
