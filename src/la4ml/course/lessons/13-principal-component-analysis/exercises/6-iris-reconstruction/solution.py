"""Exercise 13.6 — Iris reduced to 2D and reconstructed: the reconstruction error, measured and predicted (reference solution)."""

import numpy as np
from sklearn.decomposition import PCA


def reconstruct(X, n_components):
    """(X_hat, mse): X reconstructed from n_components principal components, and the mean squared error."""
    X = np.asarray(X, dtype=float)
    pca = PCA(n_components=n_components).fit(X)
    X_hat = pca.inverse_transform(pca.transform(X))  # adds the mean back
    return X_hat, np.mean((X - X_hat) ** 2)


def predicted_mse(X, n_components):
    """The reconstruction MSE predicted from the discarded eigenvalues of the covariance matrix."""
    X = np.asarray(X, dtype=float)
    n, p = X.shape
    lam = np.linalg.eigvalsh(np.cov(X, rowvar=False).reshape(p, p))  # ascending
    discarded = lam[: p - n_components]  # the p - k smallest
    return (n - 1) / (n * p) * np.sum(discarded)


def mse_by_components(X):
    """Reconstruction MSE for k = 1, ..., n_features components."""
    X = np.asarray(X, dtype=float)
    return np.array([reconstruct(X, k)[1] for k in range(1, X.shape[1] + 1)])


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    X = load_iris().data
    X_hat, mse = reconstruct(X, 2)
    print("first flower:", X[0], "-> reconstructed from 2 components:", np.round(X_hat[0], 3))
    print(f"reconstruction MSE with 2 components: {mse:.6f} cm²; predicted from the eigenvalues: {predicted_mse(X, 2):.6f}")
    print("MSE for k = 1..4:", np.array2string(mse_by_components(X), precision=6))
