"""Exercise 23.1 — A softmax and a log-softmax that neither overflow nor underflow (reference solution)."""

import numpy as np


def softmax(Z):
    """Row-wise softmax of Z (n_samples, n_classes), stable: exp(Z - row max) / row sum."""
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))  # every exponent <= 0: no overflow; the max gives exp(0) = 1
    return E / E.sum(axis=1, keepdims=True)       # each row sum is >= 1: no division by zero


def log_softmax(Z):
    """Row-wise log-softmax of Z: Z - logsumexp(Z) per row, finite wherever Z is."""
    Z = np.asarray(Z, dtype=float)
    m = Z.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))  # the sum lies in [1, n_classes]
    return Z - lse


if __name__ == "__main__":
    import scipy.special

    Z = np.array([[1000.0, 1001.0, 1002.0], [0.0, -800.0, 5.0]])
    print("softmax:\n", softmax(Z))
    print("log_softmax:\n", log_softmax(Z))
    print("agrees with SciPy:", np.allclose(softmax(Z), scipy.special.softmax(Z, axis=1)),
          np.allclose(log_softmax(Z), scipy.special.log_softmax(Z, axis=1)))
