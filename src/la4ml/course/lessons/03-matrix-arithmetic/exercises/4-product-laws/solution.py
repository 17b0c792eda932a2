"""Exercise 3.4 — Check the laws of matrix algebra numerically (reference solution)."""

import numpy as np


def _gap(left, right):
    return float(np.abs(left - right).max())


def product_laws(A, B, C):
    """Measure how far each law of matrix multiplication is from holding, on ``A``, ``B``, ``C``."""
    I = np.eye(A.shape[0])
    return {
        "associativity": _gap((A @ B) @ C, A @ (B @ C)),
        "distributivity": _gap(A @ (B + C), A @ B + A @ C),
        "transpose": _gap((A @ B).T, B.T @ A.T),       # the order reverses
        "identity": max(_gap(A @ I, A), _gap(I @ A, A)),
        "commutator": _gap(A @ B, B @ A),              # not a law: usually far from 0
    }


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B, C = rng.standard_normal((3, 4, 4))
    for law, gap in product_laws(A, B, C).items():
        print(f"{law:15s} {gap:.2e}")
