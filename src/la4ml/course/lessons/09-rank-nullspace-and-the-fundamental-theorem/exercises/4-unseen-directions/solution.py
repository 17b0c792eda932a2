"""Exercise 9.4 — What a linear model trained on a few digits cannot see (reference solution)."""

import numpy as np


def _rank(s, shape, rtol):
    """How many singular values exceed the cut-off rtol · σ_max (default rtol = max(m, n) · eps)."""
    if rtol is None:
        rtol = max(shape) * np.finfo(float).eps
    return int(np.count_nonzero(s > rtol * s.max(initial=0.0)))


def min_norm_fit(X, y, rtol=None):
    """Least-squares weights with no null-space part: V_r Σ_r⁻¹ U_rᵀ y."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    U, s, Vh = np.linalg.svd(X, full_matrices=False)
    r = _rank(s, X.shape, rtol)
    coef = U[:, :r].T @ y  # (r,) or (r, n_targets): y along the kept left singular vectors
    coef = coef / (s[:r] if y.ndim == 1 else s[:r, None])  # only the kept singular values are inverted
    return Vh[:r].T @ coef  # (n_features,) or (n_features, n_targets), in the row space


def unseen_fraction(X_train, X_test, rtol=None):
    """‖P_N x‖ / ‖x‖ for each test row, N the null space of X_train (0 for a zero row)."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    _, s, Vh = np.linalg.svd(X_train, full_matrices=True)  # Vh (n_features, n_features): the whole null space
    N = Vh[_rank(s, X_train.shape, rtol):].T  # (n_features, n_features - r)
    unseen = np.linalg.norm(X_test @ N, axis=1)  # ‖Nᵀx‖ = ‖N Nᵀ x‖: N has orthonormal columns
    total = np.linalg.norm(X_test, axis=1)
    return np.divide(unseen, total, out=np.zeros_like(total), where=total > 0)


def blind_spot_curve(X, labels, n_train_values, n_test=797):
    """Rows [n, mean unseen fraction, test accuracy] for training on X[:n] and testing on X[-n_test:]."""
    X, labels = np.asarray(X, dtype=float), np.asarray(labels)
    Y = np.eye(labels.max() + 1)[labels]  # one-hot, (n_samples, K)
    X_test, labels_test = X[-n_test:], labels[-n_test:]
    curve = []
    for n in n_train_values:
        W = min_norm_fit(X[:n], Y[:n])  # (n_features, K)
        accuracy = float(np.mean(np.argmax(X_test @ W, axis=1) == labels_test))
        curve.append([n, float(np.mean(unseen_fraction(X[:n], X_test))), accuracy])
    return np.array(curve, dtype=float)


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X, labels = load_digits(return_X_y=True)
    X = X / 16.0
    curve = blind_spot_curve(X, labels, [10, 30, 100, 300, 1000])
    for n, unseen, accuracy in curve:
        print(f"n = {int(n):4d}: {unseen:7.2%} of a test image is unseen, test accuracy {accuracy:.3f}")
