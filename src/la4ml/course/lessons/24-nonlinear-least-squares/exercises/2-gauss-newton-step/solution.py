"""Exercise 24.2 — One Gauss–Newton step, refusing a rank-deficient Jacobian (reference solution)."""

import numpy as np


def gauss_newton_step(J, r, rtol=None):
    """The Gauss–Newton step ``p = argmin ‖r + J p‖``; LinAlgError if ``J`` has rank below n."""
    J = np.asarray(J, dtype=float)
    r = np.asarray(r, dtype=float)
    m, n = J.shape
    if rtol is None:
        rtol = max(m, n) * np.finfo(float).eps
    U, s, Vt = np.linalg.svd(J, full_matrices=False)  # s has min(m, n) entries, descending
    rank = int(np.sum(s > rtol * s[0]))  # J = 0 gives rank 0: no s is > 0
    if rank < n:
        raise np.linalg.LinAlgError(
            f"the Jacobian has numerical rank {rank} < n = {n}: the Gauss-Newton step is not determined")
    return -Vt.T @ ((U.T @ r) / s)


if __name__ == "__main__":
    t, y = np.array([0.0, 1.0]), np.array([2.0, 1.0])
    a, k = 2.0, 1.0
    r = a * np.exp(-k * t) - y
    J = np.column_stack([np.exp(-k * t), -a * t * np.exp(-k * t)])
    p = gauss_newton_step(J, r)
    print("step p =", p, " new (a, k) =", np.array([a, k]) + p)
    try:
        gauss_newton_step(np.column_stack([np.exp(-k * t), 0 * t]), r)
    except np.linalg.LinAlgError as err:
        print("at a = 0:", err)
