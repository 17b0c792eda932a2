"""Exercise 2.6 — Predict the shape of A @ B, or say clearly why it fails (reference solution)."""

import numpy as np


def matmul_shape(a_shape, b_shape):
    """The shape of ``A @ B`` for 1-D/2-D shapes, or a ValueError that explains the mismatch."""
    a_shape, b_shape = tuple(a_shape), tuple(b_shape)
    for name, s in (("a_shape", a_shape), ("b_shape", b_shape)):
        if len(s) not in (1, 2):
            raise ValueError(f"{name} must have 1 or 2 entries (a vector or a matrix), got {s}")
    inner_a, inner_b = a_shape[-1], b_shape[0]
    if inner_a != inner_b:
        msg = (f"cannot multiply A of shape {a_shape} by B of shape {b_shape}: A has {inner_a} columns "
               f"but B has {inner_b} rows (the inner sizes {inner_a} and {inner_b} must be equal)")
        if len(b_shape) == 2 and b_shape[1] == inner_a:
            msg += f"; B.T has shape {b_shape[::-1]} and would conform: did you mean A @ B.T?"
        raise ValueError(msg)
    return a_shape[:-1] + b_shape[1:]  # the outer sizes survive; a vector contributes none


if __name__ == "__main__":
    for a, b in [((150, 4), (4, 3)), ((5, 4), (3, 4)), ((3,), (3, 2)), ((4,), (4,))]:
        try:
            print(a, "@", b, "->", matmul_shape(a, b), "| numpy:", np.matmul(np.ones(a), np.ones(b)).shape)
        except ValueError as exc:
            print(a, "@", b, "-> ValueError:", exc)
