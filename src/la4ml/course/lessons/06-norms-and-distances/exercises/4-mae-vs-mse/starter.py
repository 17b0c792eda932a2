"""Exercise 6.4 — MAE vs MSE: which best constant survives an outlier?

Write ``constant_losses(y, candidates)`` with broadcasting, then find the best constant under each loss.
"""

import numpy as np


def constant_losses(y, candidates):
    """MAE and MSE of predicting each candidate constant for all the targets.

    Parameters
    ----------
    y : ndarray of shape (n,)
        The targets.
    candidates : ndarray of shape (m,)
        Constant predictions to try.

    Returns
    -------
    mae : ndarray of shape (m,)
        ``mae[j] = mean(|y - candidates[j]|)``.
    mse : ndarray of shape (m,)
        ``mse[j] = mean((y - candidates[j]) ** 2)``.

    Examples
    --------
    >>> mae, mse = constant_losses(np.array([1.0, 3.0]), np.array([0.0, 2.0, 3.0]))
    >>> mae, mse
    (array([2. , 1. , 1. ]), array([5., 1., 2.]))
    """
    # TODO: build the (m, n) table of residuals y - c by broadcasting a COLUMN of candidates against
    #       the row of targets, then average |.| and (.)**2 over the targets (which axis?).
    raise NotImplementedError


if __name__ == "__main__":
    y = np.array([2.0, 3.0, 3.0, 4.0, 5.0, 100.0])  # one outlier
    grid = np.linspace(0, 100, 10001)
    mae, mse = constant_losses(y, grid)
    print("best constant under MAE:", grid[np.argmin(mae)], " median:", np.median(y))
    print("best constant under MSE:", grid[np.argmin(mse)], " mean:", y.mean())
