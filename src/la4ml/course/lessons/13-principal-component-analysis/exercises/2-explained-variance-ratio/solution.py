"""Exercise 13.2 — Explained variance ratios from the eigenvalues and from the singular values, against scikit-learn (reference solution)."""

import numpy as np
from sklearn.decomposition import PCA


def explained_variance(X):
    """(variances, ratios) from the eigenvalues of the covariance matrix of X, largest first."""
    X = np.asarray(X, dtype=float)
    n, p = X.shape
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / (n - 1)
    lam = np.linalg.eigvalsh(C)[::-1][: min(n, p)]  # eigvalsh is ascending: reverse
    lam = np.maximum(lam, 0.0)  # rounding can make a zero eigenvalue slightly negative
    return lam, lam / lam.sum()


def explained_variance_svd(X):
    """(variances, ratios) from the singular values of the centered X."""
    X = np.asarray(X, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)  # descending, min(n, p) values
    s2 = s**2
    return s2 / (len(X) - 1), s2 / s2.sum()


def sklearn_explained_variance(X):
    """(explained_variance_, explained_variance_ratio_) of scikit-learn's PCA with every component."""
    pca = PCA(svd_solver="full").fit(np.asarray(X, dtype=float))
    return pca.explained_variance_, pca.explained_variance_ratio_


if __name__ == "__main__":
    from sklearn.datasets import load_wine

    X = load_wine().data  # 178 wines, 13 chemical measurements
    np.set_printoptions(precision=4, suppress=False)
    for name, f in [("eigh", explained_variance), ("svd", explained_variance_svd), ("sklearn", sklearn_explained_variance)]:
        var, ratio = f(X)
        print(f"{name:>8}: first ratios {ratio[:3]}, sum {ratio.sum():.6f}")
    print("eigh vs sklearn ratios agree:", np.allclose(explained_variance(X)[1], sklearn_explained_variance(X)[1]))
