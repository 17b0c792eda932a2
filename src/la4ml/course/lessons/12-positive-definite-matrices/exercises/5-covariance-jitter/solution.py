"""Exercise 12.5 — A dataset's covariance matrix, checked and repaired by jitter (reference solution)."""

import numpy as np


def covariance(X):
    """Sample covariance matrix (n_features, n_features) of X (n_samples, n_features), divided by n - 1."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)  # center every feature
    return Xc.T @ Xc / (len(X) - 1)


def make_positive_definite(C, jitter=1e-6, rtol=None):
    """Return (copy of C, 0.0) if C is PD relative to its scale, else (C + δ·I, δ) with δ = jitter·λ_max."""
    C = np.asarray(C, dtype=float)
    if rtol is None:
        rtol = len(C) * np.finfo(float).eps  # rounding level, relative to the largest eigenvalue
    eigenvalues = np.linalg.eigvalsh(C)  # real eigenvalues of a symmetric matrix, ascending
    scale = np.abs(eigenvalues).max()
    if eigenvalues[0] > rtol * scale:
        return C.copy(), 0.0
    delta = float(jitter * scale) if scale > 0 else float(jitter)  # a zero matrix has no scale of its own
    return C + delta * np.eye(len(C)), delta


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    petal_length, petal_width = load_iris().data[:, 2], load_iris().data[:, 3]
    for name, X in [("length, width (cm)", np.column_stack([petal_length, petal_width])),
                    ("length in cm and in mm", np.column_stack([petal_length, 10 * petal_length]))]:
        C = covariance(X)
        C_pd, added = make_positive_definite(C)
        print(f"{name}: eigenvalues {np.linalg.eigvalsh(C)}, jitter added: {added:.3g}, "
              f"condition number after: {np.linalg.cond(C_pd):.3g}")
