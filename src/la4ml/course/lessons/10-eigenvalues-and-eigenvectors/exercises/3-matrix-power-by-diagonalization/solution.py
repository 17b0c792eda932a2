"""Exercise 10.3 — Matrix powers by diagonalization, and a defective matrix refused (reference solution)."""

import numpy as np

MAX_COND = 1 / np.sqrt(np.finfo(float).eps)        # ≈ 6.7e7: beyond it, half the digits are gone


def matrix_power_eig(A, k):
    """``V Λᵏ V⁻¹`` from ``np.linalg.eig``, real; ``ValueError`` for a defective ``A``."""
    w, V = np.linalg.eig(np.asarray(A, dtype=float))   # eigenvectors: the COLUMNS of V
    cond = np.linalg.cond(V)
    if not cond <= MAX_COND:                            # also catches cond = inf or nan
        raise ValueError(f"A is defective (or nearly): its eigenvector matrix has condition number {cond:.3g} > "
                         f"{MAX_COND:.3g}, so V Λ^k V⁻¹ would lose most digits; use np.linalg.matrix_power")
    Ak = (V * w**k) @ np.linalg.inv(V)                  # V diag(w^k) V⁻¹ (scaling the columns of V)
    return np.real(Ak)


if __name__ == "__main__":
    A = np.array([[4.0, 1.0], [2.0, 3.0]])
    print("A^5 =\n", matrix_power_eig(A, 5), "\nnp.linalg.matrix_power:\n", np.linalg.matrix_power(A, 5))
    print("Fibonacci F^10 =\n", matrix_power_eig(np.array([[1.0, 1.0], [1.0, 0.0]]), 10))
    try:
        matrix_power_eig(np.array([[1.0, 1.0], [0.0, 1.0]]), 3)
    except ValueError as err:
        print("shear:", err)
