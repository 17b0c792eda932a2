"""Exercise 5.5 — Redundant features in the wine data.

Write ``redundant_features(X, tol=1e-8)``: the columns of X that are linear combinations of
earlier columns (after scaling every column to length 1).
"""

import numpy as np
from sklearn.datasets import load_wine


def redundant_features(X, tol=1e-8):
    """Indices of the columns of ``X`` that are linear combinations of earlier columns.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        A data matrix, features in columns.
    tol : float, default 1e-8
        After every column is scaled to length 1, column j is redundant when its least-squares
        residual against the earlier non-redundant columns has length <= tol. A zero column is
        always redundant.

    Returns
    -------
    list of int
        The redundant column indices, in increasing order.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> age, income = rng.normal(40, 10, 50), rng.normal(5e4, 1e4, 50)
    >>> redundant_features(np.column_stack([age, income, 12 * age, age + income / 1000]))
    [2, 3]
    """
    # TODO: scale each column to length 1 (leave zero columns at zero), then scan the columns:
    #       fit column j by the kept columns with np.linalg.lstsq; a residual <= tol means redundant.
    raise NotImplementedError


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
