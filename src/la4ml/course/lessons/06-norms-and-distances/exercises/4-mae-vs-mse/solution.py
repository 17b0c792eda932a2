"""Exercise 6.4 — MAE vs MSE: which best constant survives an outlier? (reference solution)"""

import numpy as np


def constant_losses(y, candidates):
    """MAE and MSE of predicting each candidate constant for all the targets.

    Parameters
    ----------
    y : ndarray of shape (n,)
    candidates : ndarray of shape (m,)

    Returns
    -------
    mae, mse : ndarray of shape (m,)
    """
    y = np.asarray(y, dtype=float)
    c = np.asarray(candidates, dtype=float)
    residuals = y[None, :] - c[:, None]  # (m, n): row j holds y - c_j
    mae = np.abs(residuals).mean(axis=1)  # average over the targets (axis 1), one value per candidate
    mse = (residuals**2).mean(axis=1)
    return mae, mse


if __name__ == "__main__":
    y = np.array([2.0, 3.0, 3.0, 4.0, 5.0, 100.0])  # one outlier
    grid = np.linspace(0, 100, 10001)
    mae, mse = constant_losses(y, grid)
    print("best constant under MAE:", grid[np.argmin(mae)], " median:", np.median(y))
    print("best constant under MSE:", grid[np.argmin(mse)], " mean:", y.mean())
