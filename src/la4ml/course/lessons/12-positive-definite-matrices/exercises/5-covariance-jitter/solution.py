"""Exercise 12.5 — A dataset's covariance matrix, checked and repaired by jitter (reference solution)."""

import numpy as np


def covariance(X):
    """Sample covariance matrix (n_features, n_features) of X (n_samples, n_features), divided by n - 1."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)  # center every feature
    return Xc.T @ Xc / (X.shape[0] - 1)


def make_positive_definite(C, jitter=1e-6, tol=1e-10):
    """Return (C, 0.0) if C's smallest eigenvalue is > tol, else (C + jitter·I, jitter)."""
    C = np.asarray(C, dtype=float)
    smallest = np.linalg.eigvalsh(C)[0]  # eigvalsh: real eigenvalues of a symmetric matrix, ascending
    if smallest > tol:
        return C.copy(), 0.0
    return C + jitter * np.eye(C.shape[0]), float(jitter)


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    petal_length, petal_width = load_iris().data[:, 2], load_iris().data[:, 3]
    for name, X in [("length, width (cm)", np.column_stack([petal_length, petal_width])),
                    ("length in cm and in mm", np.column_stack([petal_length, 10 * petal_length]))]:
        C = covariance(X)
        C_pd, added = make_positive_definite(C)
        print(f"{name}: eigenvalues {np.linalg.eigvalsh(C)}, jitter added: {added}")
