"""Exercise 7.1 — Project a vector onto a line, from the formula (reference solution)."""

import numpy as np


def project_onto_line(b, a):
    """Return ``(p, P)``: the projection of ``b`` onto the line through ``a``, and that line's projection matrix."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"a and b must be vectors of the same length, got shapes {a.shape} and {b.shape}")
    aa = a @ a
    if aa == 0:  # an exactly zero a (a tiny one still has a direction)
        raise ValueError("a is the zero vector: it spans no line to project onto")
    p = (a @ b) / aa * a
    P = np.outer(a, a) / aa
    return p, P


if __name__ == "__main__":
    a, b = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    p, P = project_onto_line(b, a)
    print("p =", p, " e = b - p =", b - p, " eᵀa =", (b - p) @ a)
    print("P =\n", P, "\nP @ P == P:", np.allclose(P @ P, P))
