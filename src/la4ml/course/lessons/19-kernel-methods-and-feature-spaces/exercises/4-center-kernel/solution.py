"""Exercise 19.4 — Center a kernel matrix in feature space (reference solution)."""

import numpy as np


def center_kernel(K):
    """The Gram matrix of the centered training features, ``(φ_i - φ̄)ᵀ(φ_j - φ̄)``.

    Parameters
    ----------
    K : ndarray of shape (n, n)

    Returns
    -------
    K_c : ndarray of shape (n, n)
    """
    K = np.asarray(K, dtype=float)
    return K - K.mean(axis=1, keepdims=True) - K.mean(axis=0, keepdims=True) + K.mean()


def center_test_kernel(K_test, K_train):
    """The kernel between centered test and centered training features, with the TRAINING mean.

    Parameters
    ----------
    K_test : ndarray of shape (m, n)
    K_train : ndarray of shape (n, n)

    Returns
    -------
    K_test_c : ndarray of shape (m, n)
    """
    K_test = np.asarray(K_test, dtype=float)
    K_train = np.asarray(K_train, dtype=float)
    test_dot_mean = K_test.mean(axis=1, keepdims=True)      # (m, 1): φ(t_a)ᵀφ̄
    mean_dot_train = K_train.mean(axis=0, keepdims=True)    # (1, n): φ̄ᵀφ(x_i)
    return K_test - test_dot_mean - mean_dot_train + K_train.mean()


if __name__ == "__main__":
    from sklearn.preprocessing import KernelCenterer

    rng = np.random.default_rng(0)
    X, T = rng.standard_normal((5, 2)) + 3.0, rng.standard_normal((2, 2))
    K, K_test = X @ X.T, T @ X.T
    kc = KernelCenterer().fit(K)
    print("center_kernel equals KernelCenterer:", np.allclose(center_kernel(K), kc.transform(K)))
    print("center_test_kernel equals KernelCenterer:", np.allclose(center_test_kernel(K_test, K), kc.transform(K_test)))
    print(center_test_kernel(K_test, K))
