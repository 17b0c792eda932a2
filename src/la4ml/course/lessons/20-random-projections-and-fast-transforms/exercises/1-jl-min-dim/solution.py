"""Exercise 20.1 — The Johnson–Lindenstrauss target dimension, from scratch (reference solution)."""

import math

import numpy as np


def jl_min_dim(n_samples, eps=0.1):
    """The Johnson–Lindenstrauss dimension ``floor(4 ln(n_samples) / (eps²/2 − eps³/3))``.

    Parameters
    ----------
    n_samples : int or float
        The number of points, at least 1.
    eps : float, default 0.1
        The allowed distortion of squared distances, strictly between 0 and 1.

    Returns
    -------
    k : int
        The target dimension, rounded DOWN (as scikit-learn's ``johnson_lindenstrauss_min_dim``).

    Raises
    ------
    ValueError
        If ``eps`` is not in (0, 1) or ``n_samples < 1``; the message names the parameter.

    Examples
    --------
    >>> jl_min_dim(1797, eps=0.5)
    359
    >>> jl_min_dim(1)
    0
    """
    if not 0 < eps < 1:
        raise ValueError(f"eps must be strictly between 0 and 1, got {eps!r}")
    if not n_samples >= 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples!r}")
    denominator = eps**2 / 2 - eps**3 / 3
    return int(math.floor(4 * np.log(n_samples) / denominator))


if __name__ == "__main__":
    from sklearn.random_projection import johnson_lindenstrauss_min_dim

    print("Digits, eps = 0.5:", jl_min_dim(1797, eps=0.5))
    print("scikit-learn:     ", int(johnson_lindenstrauss_min_dim(1797, eps=0.5)))
