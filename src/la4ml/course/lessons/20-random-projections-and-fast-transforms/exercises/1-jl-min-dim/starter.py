"""Exercise 20.1 — The Johnson–Lindenstrauss target dimension, from scratch.

Write ``jl_min_dim(n_samples, eps=0.1)``: how many random-projection dimensions keep every
squared distance between ``n_samples`` points within a factor ``1 ± eps``.
"""

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
    # TODO: check eps and n_samples, then apply the formula with the natural logarithm (np.log)
    #       and round down to an int.
    raise NotImplementedError


if __name__ == "__main__":
    print("Digits, eps = 0.5:", jl_min_dim(1797, eps=0.5))
