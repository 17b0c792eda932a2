"""Exercise 8.4 — The condition number, and the amplification it bounds (reference solution)."""

import numpy as np


def condition_number(A, p=2):
    """The condition number ``κ_p(A) = ‖A‖_p ‖A⁻¹‖_p`` of a square matrix."""
    A = np.asarray(A, dtype=float)
    if p == 2:
        s = np.linalg.svd(A, compute_uv=False)  # descending: s[0] = σ_max, s[-1] = σ_min
        return np.inf if s[-1] == 0 else float(s[0] / s[-1])
    try:
        A_inv = np.linalg.inv(A)
    except np.linalg.LinAlgError:  # exactly singular: no inverse, infinite condition number
        return np.inf
    return float(np.linalg.norm(A, p) * np.linalg.norm(A_inv, p))


def amplification(A, b, db):
    """How much a relative change in ``b`` is amplified in the solution of ``A x = b``."""
    A, b, db = (np.asarray(v, dtype=float) for v in (A, b, db))
    if not np.any(b):
        raise ValueError("b must not be zero: then x = 0 and the relative change ‖db‖ / ‖b‖ is undefined")
    if not np.any(db):
        return 0.0
    x = np.linalg.solve(A, b)
    dx = np.linalg.solve(A, db)  # A (x + dx) = b + db, by linearity
    return float((np.linalg.norm(dx) / np.linalg.norm(x)) / (np.linalg.norm(db) / np.linalg.norm(b)))


if __name__ == "__main__":
    A = np.array([[1.0, 1.0], [1.0, 1.0001]])
    b = np.array([2.0, 2.0001])
    db = np.array([0.0, 1e-4])
    print("κ₂ =", condition_number(A), "  np.linalg.cond:", np.linalg.cond(A))
    print("κ₁ =", condition_number(A, 1), "  κ_F =", condition_number(A, "fro"))
    print("amplification:", amplification(A, b, db))
