"""Exercise 3.5 — Time a Python loop against one matrix product on the digits.

Write ``scores_loop(X, W, b)`` and ``time_scores(X, W, b, repeats=3)``, then run this file to time
them on 300 digit images with the weights of a fitted logistic regression.
"""

import time

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression


def scores_loop(X, W, b):
    """Class scores ``X @ W.T + b`` computed with explicit Python loops.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    W : ndarray of shape (n_classes, n_features)
        One row of weights per class, as in scikit-learn's ``coef_`` and PyTorch's ``nn.Linear``.
    b : ndarray of shape (n_classes,)

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        ``scores[i, c] = b[c] + sum over k of X[i, k] * W[c, k]``.
    """
    # TODO: three nested loops (samples, classes, features) filling an (n_samples, n_classes) array.
    raise NotImplementedError


def time_scores(X, W, b, repeats=3):
    """Time ``scores_loop`` against the vectorized ``X @ W.T + b``.

    Parameters
    ----------
    X, W, b : as in :func:`scores_loop`
    repeats : int, default 3
        How many times to run each version; keep the smallest time.

    Returns
    -------
    dict
        ``"scores_loop"`` and ``"scores_vectorized"``: the two (n_samples, n_classes) results;
        ``"t_loop"`` and ``"t_vectorized"``: the best time of each version, in seconds (floats);
        ``"ratio"``: ``t_loop / t_vectorized``, how many times slower the loop is.
    """
    # TODO: time each version `repeats` times with time.perf_counter() and keep the minimum.
    raise NotImplementedError


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
