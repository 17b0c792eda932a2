"""Shared fixtures for the recommender tests: small low-rank data sets with a known truth."""

import numpy as np
import pytest

from la4ml.recsys import make_streamrec, train_test_split


@pytest.fixture(scope="session")
def lowrank():
    """600 users x 150 items, rank 3, noise 0.3, density 0.3: dense enough to recover the truth."""
    R, truth = make_streamrec(600, 150, density=0.3, rank=3, noise=0.3, random_state=1, return_truth=True)
    train, test = train_test_split(R, test_size=0.1, random_state=0)
    return R, truth, train, test


@pytest.fixture(scope="session")
def tiny():
    """A tiny problem for dense reference implementations."""
    R = make_streamrec(40, 25, density=0.4, rank=2, noise=0.2, random_state=3)
    return R


@pytest.fixture(scope="session")
def dense_als():
    """The dense reference ALS below, as a fixture."""
    return _dense_als


def _dense_als(R, k, reg, n_iter, biases, weighted, Y0):
    """Textbook ALS on the dense matrix with a mask: np.linalg.solve per user and per item."""
    D = R.to_dense()
    W = ~np.isnan(D)
    D = np.nan_to_num(D)
    mu = D[W].mean() if biases else 0.0
    Y = Y0.astype(np.float64).copy()
    bi = np.zeros(R.n_items)
    X = np.zeros((R.n_users, k))
    bu = np.zeros(R.n_users)
    m = k + 1 if biases else k
    for _ in range(n_iter):
        for u in range(R.n_users):
            F = Y[W[u]]
            t = D[u, W[u]] - (mu + bi[W[u]] if biases else 0.0)
            if biases:
                F = np.hstack([F, np.ones((F.shape[0], 1))])
            lam = reg * W[u].sum() if weighted else reg
            z = np.linalg.solve(F.T @ F + lam * np.eye(m), F.T @ t) if W[u].any() else np.zeros(m)
            X[u] = z[:k]
            if biases:
                bu[u] = z[k]
        for i in range(R.n_items):
            F = X[W[:, i]]
            t = D[W[:, i], i] - (mu + bu[W[:, i]] if biases else 0.0)
            if biases:
                F = np.hstack([F, np.ones((F.shape[0], 1))])
            lam = reg * W[:, i].sum() if weighted else reg
            z = np.linalg.solve(F.T @ F + lam * np.eye(m), F.T @ t) if W[:, i].any() else np.zeros(m)
            Y[i] = z[:k]
            if biases:
                bi[i] = z[k]
    return X, Y, bu, bi, mu
