"""Exercise 19.1 — The Gaussian kernel with a length scale σ, from scratch.

Write ``gaussian_kernel(X, Y=None, sigma=1.0)``: ``K[i, j] = exp(-‖X[i] - Y[j]‖² / (2σ²))``.
"""

import numpy as np


def gaussian_kernel(X, Y=None, sigma=1.0):
    """The Gaussian (RBF) kernel matrix between the rows of ``X`` and ``Y``, with length scale ``sigma``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        One sample per row. Do not modify it.
    Y : ndarray of shape (m, d), optional
        One sample per row; ``None`` means ``Y = X``. Do not modify it.
    sigma : float, default 1.0
        The length scale ``σ > 0``: two points at distance ``σ`` get ``exp(-1/2) ≈ 0.607``.

    Returns
    -------
    K : ndarray of shape (n, m)
        ``K[i, j] = exp(-‖X[i] - Y[j]‖² / (2 σ²))``, every entry in ``[0, 1]``.

    Raises
    ------
    ValueError
        If ``sigma <= 0``.

    Notes
    -----
    In scikit-learn's notation this is ``rbf_kernel(X, Y, gamma=1 / (2 * sigma**2))``. Squared
    distances for all pairs at once: ``(X[:, None, :] - Y[None, :, :]) ** 2`` summed over the last
    axis, or ``‖x‖² + ‖y‖² - 2 xᵀy`` (then clip at 0: rounding can make it slightly negative).
    Do not call ``sklearn.metrics.pairwise`` or ``scipy.spatial.distance``.

    Examples
    --------
    >>> K = gaussian_kernel(np.array([[0.0, 0.0], [1.0, 0.0]]))
    >>> bool(np.isclose(K[0, 1], np.exp(-0.5)))
    True
    """
    # TODO: check sigma, set Y = X when it is None, compute all squared distances,
    #       and return np.exp(-D2 / (2 * sigma**2)).
    raise NotImplementedError


if __name__ == "__main__":
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    print(gaussian_kernel(X, sigma=1.0))
