"""Exercise 5.5 — Redundant features in the wine data (reference solution)."""

import numpy as np
from sklearn.datasets import load_wine
from sklearn.linear_model import LinearRegression


def redundant_features(X, tol=1e-8):
    """Indices of the columns of ``X`` that are linear combinations of earlier columns.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    tol : float, default 1e-8

    Returns
    -------
    list of int
        The redundant column indices, in increasing order.
    """
    X = np.asarray(X, dtype=float)
    length = np.linalg.norm(X, axis=0)  # (n_features,)
    Xs = X / np.where(length > 0, length, 1.0)  # unit columns: units no longer matter
    kept, redundant = [], []
    for j in range(X.shape[1]):
        x = Xs[:, j]
        if kept:
            K = Xs[:, kept]  # (n_samples, r)
            c, *_ = np.linalg.lstsq(K, x, rcond=None)
            residual = np.linalg.norm(x - K @ c)
        else:
            residual = np.linalg.norm(x)
        (redundant if residual <= tol else kept).append(j)
    return redundant


def wine_with_engineered_features(seed=0):
    """The wine data with four engineered columns appended (13 to 16), and all feature names."""
    data = load_wine()
    X, names = data.data, list(data.feature_names)
    col = {name: X[:, j] for j, name in enumerate(names)}
    rng = np.random.default_rng(seed)
    extras = {
        "alcohol_g_per_l": 7.89 * col["alcohol"],  # % by volume -> grams per litre: a unit conversion
        "total_phenols_parts": col["flavanoids"] + col["nonflavanoid_phenols"],  # a sum of two features
        "color_x_hue": col["color_intensity"] * col["hue"],  # a product: not a LINEAR combination
        "magnesium_noisy": col["magnesium"] + 0.01 * col["magnesium"].std() * rng.standard_normal(len(X)),
    }
    return np.column_stack([X, *extras.values()]), names + list(extras)


if __name__ == "__main__":
    X, names = wine_with_engineered_features()
    found = redundant_features(X)
    print("redundant:", [names[j] for j in found])
    print("rank", np.linalg.matrix_rank(X), "of", X.shape[1], "columns")
    y = load_wine().target.astype(float)  # a crude regression target, only to look at the weights
    w_all = LinearRegression().fit(X, y).coef_
    w_kept = LinearRegression().fit(np.delete(X, found, axis=1), y).coef_
    print("weights on alcohol and alcohol_g_per_l:", w_all[[0, 13]], " alcohol alone:", w_kept[0])
