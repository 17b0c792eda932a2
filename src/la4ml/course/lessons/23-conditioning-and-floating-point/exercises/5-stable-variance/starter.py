"""Exercise 23.5 — A variance that survives a mean of 1e8: two passes, or Welford's one.

Write ``variance(x, method)``, then run this file to compare it with the one-pass formula on data
with a large mean.
"""

import numpy as np


def variance(x, method="two-pass"):
    """Population variance (divide by n, like np.var) of a 1-D sample, without catastrophic cancellation.

    Parameters
    ----------
    x : ndarray of shape (n,)
        The sample, n >= 1. May have a huge mean (1e8) and a small spread (1).
    method : {"two-pass", "welford"}, default "two-pass"
        "two-pass": mean first, then the mean of (x - mean)**2.
        "welford": one pass; for each value update mean += delta / k and
        m2 += delta * (value - new mean), with delta = value - old mean; variance = m2 / n.

    Returns
    -------
    var : float
        The variance, equal to ``np.var(x)`` to rounding.

    Raises
    ------
    ValueError
        ``method`` is neither "two-pass" nor "welford".
    """
    # TODO: the two algorithms; never mean(x**2) - mean(x)**2.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = 1e8 + rng.standard_normal(10_000)       # readings around 1e8 with spread 1
    naive = np.mean(x**2) - np.mean(x) ** 2
    print(f"one-pass formula: {naive:.10f}")
    print(f"two-pass:         {variance(x):.10f}")
    print(f"welford:          {variance(x, 'welford'):.10f}")
    print(f"np.var:           {np.var(x):.10f}")
