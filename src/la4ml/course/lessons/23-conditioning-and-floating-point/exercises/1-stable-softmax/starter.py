"""Exercise 23.1 — A softmax and a log-softmax that neither overflow nor underflow.

Write ``softmax(Z)`` and ``log_softmax(Z)`` (one sample per row), then run this file to compare
them with SciPy on logits of 1000.
"""

import numpy as np


def softmax(Z):
    """Softmax of every row of a batch of logits, without overflow.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_classes)
        Logits, one row per sample. Entries may be as large as 1e4 or as small as -1e4.

    Returns
    -------
    P : ndarray of shape (n_samples, n_classes)
        ``P[i, j] = exp(Z[i, j]) / sum_k exp(Z[i, k])``: every row is nonnegative and sums to 1.
        Equals ``scipy.special.softmax(Z, axis=1)``. ``Z`` is not modified.
    """
    # TODO: subtract each row's largest logit (keepdims=True), exponentiate, divide by the row sums.
    raise NotImplementedError


def log_softmax(Z):
    """Log of the softmax of every row, finite wherever Z is.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_classes)
        Logits, one row per sample.

    Returns
    -------
    log_P : ndarray of shape (n_samples, n_classes)
        ``log_P[i, j] = Z[i, j] - log sum_k exp(Z[i, k])``, computed with the log-sum-exp trick
        (never as ``np.log(softmax(Z))``, which gives ``-inf`` for tiny probabilities). Equals
        ``scipy.special.log_softmax(Z, axis=1)``. ``Z`` is not modified.
    """
    # TODO: m = row max; lse = m + log(sum(exp(Z - m))) per row; return Z - lse.
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.special

    Z = np.array([[1000.0, 1001.0, 1002.0], [0.0, -800.0, 5.0]])
    print("softmax:\n", softmax(Z))
    print("log_softmax:\n", log_softmax(Z))
    print("agrees with SciPy:", np.allclose(softmax(Z), scipy.special.softmax(Z, axis=1)),
          np.allclose(log_softmax(Z), scipy.special.log_softmax(Z, axis=1)))
