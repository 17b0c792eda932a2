"""Exercise 7.4 — A uniformly random orthogonal matrix: QR with the sign fix.

Write ``random_orthogonal(n, rng=None)``. Then run this file: it draws 2000 random 3 × 3 orthogonal
matrices and compares the distribution of Q[0, 0] with and without the sign fix.
"""

import numpy as np


def random_orthogonal(n, rng=None):
    """A random ``n × n`` orthogonal matrix from the uniform (Haar) distribution.

    Parameters
    ----------
    n : int
        The size, ``n >= 1``.
    rng : numpy.random.Generator or None, default None
        The random generator to draw from; ``None`` means ``np.random.default_rng()``.

    Returns
    -------
    Q : ndarray of shape (n, n)
        ``Q.T @ Q == I`` up to rounding. It is the orthogonal factor of the Gaussian matrix
        ``G = rng.standard_normal((n, n))`` (drawn once) in the unique factorization ``G = Q R``
        whose ``R`` has a positive diagonal.

    Notes
    -----
    ``np.linalg.qr`` returns some ``R[j, j] < 0`` (LAPACK's choice of signs), and then ``Q`` is
    orthogonal but not uniformly distributed: ``Q[0, 0]`` is never positive. Multiplying column ``j``
    of ``Q`` by ``sign(R[j, j])`` (and row ``j`` of ``R`` by the same sign, which leaves ``Q R``
    unchanged) gives the unique factorization with a positive diagonal, and a uniform ``Q``.

    Examples
    --------
    >>> Q = random_orthogonal(3, np.random.default_rng(0))
    >>> np.allclose(Q.T @ Q, np.eye(3))
    True
    """
    # TODO: rng = np.random.default_rng() if rng is None; G = rng.standard_normal((n, n));
    #       Q, R = np.linalg.qr(G); fix the signs of the columns of Q; return Q.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    fixed = np.array([random_orthogonal(3, rng)[0, 0] for _ in range(2000)])
    raw = np.array([np.linalg.qr(rng.standard_normal((3, 3)))[0][0, 0] for _ in range(2000)])
    print("share of Q[0, 0] > 0 with the sign fix:   ", np.mean(fixed > 0))
    print("share of Q[0, 0] > 0 without the sign fix:", np.mean(raw > 0))
    print("histogram with the fix (uniform on [-1, 1]):", np.histogram(fixed, bins=4, range=(-1, 1))[0])
