"""Exercise 12.3 — Evaluate xᵀAx for many random x at once.

Write ``quadratic_forms(A, X)`` (one value per row of X, vectorized) and
``sample_quadratic_forms(A, n_samples, seed)``, then confirm that xᵀAx > 0 for every sampled x
when A = [[4, 1], [1, 3]] — and see it fail for the indefinite [[1, 2], [2, 1]].
"""

import numpy as np


def quadratic_forms(A, X):
    """Evaluate the quadratic form ``xᵀ A x`` for every row ``x`` of ``X``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Any square matrix.
    X : ndarray of shape (m, n)
        ``m`` vectors, one per row.

    Returns
    -------
    q : ndarray of shape (m,)
        ``q[i] = X[i] @ A @ X[i]``.

    Notes
    -----
    Vectorize: no Python loop over the rows, and do not form the ``m × m`` matrix ``X A Xᵀ``
    (its diagonal is the answer, but for ``m = 100 000`` it would need 80 GB).
    """
    # TODO: compute X @ A (shape (m, n)), multiply it entrywise by X, and sum each row.
    raise NotImplementedError


def sample_quadratic_forms(A, n_samples=1000, seed=0):
    """Evaluate ``xᵀ A x`` on random Gaussian vectors and say whether every value is positive.

    Parameters
    ----------
    A : ndarray of shape (n, n)
    n_samples : int, default 1000
        How many random vectors to draw.
    seed : int, default 0
        Draw them as ``np.random.default_rng(seed).standard_normal((n_samples, n))``.

    Returns
    -------
    values : ndarray of shape (n_samples,)
        ``xᵀ A x`` for each sampled ``x`` (use ``quadratic_forms``).
    all_positive : bool
        ``True`` if every value is ``> 0``.
    """
    # TODO: draw X exactly as described, call quadratic_forms, and return (values, all_positive).
    raise NotImplementedError


if __name__ == "__main__":
    values, ok = sample_quadratic_forms(np.array([[4.0, 1.0], [1.0, 3.0]]))
    print(f"A = [[4, 1], [1, 3]]: all positive? {ok}; smallest value {values.min():.4f}")
    values, ok = sample_quadratic_forms(np.array([[1.0, 2.0], [2.0, 1.0]]))
    print(f"A = [[1, 2], [2, 1]]: all positive? {ok}; smallest value {values.min():.4f}")
