"""Exercise 7.4 — A uniformly random orthogonal matrix: QR with the sign fix (reference solution)."""

import numpy as np


def random_orthogonal(n, rng=None):
    """A Haar-distributed random ``n × n`` orthogonal matrix: the sign-fixed QR of a Gaussian matrix."""
    rng = np.random.default_rng() if rng is None else rng
    G = rng.standard_normal((n, n))
    Q, R = np.linalg.qr(G)
    return Q * np.where(np.diag(R) < 0, -1.0, 1.0)  # column j times sign(R[j, j]): R gets a positive diagonal


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    fixed = np.array([random_orthogonal(3, rng)[0, 0] for _ in range(2000)])
    raw = np.array([np.linalg.qr(rng.standard_normal((3, 3)))[0][0, 0] for _ in range(2000)])
    print("share of Q[0, 0] > 0 with the sign fix:   ", np.mean(fixed > 0))
    print("share of Q[0, 0] > 0 without the sign fix:", np.mean(raw > 0))
    print("histogram with the fix (uniform on [-1, 1]):", np.histogram(fixed, bins=4, range=(-1, 1))[0])
