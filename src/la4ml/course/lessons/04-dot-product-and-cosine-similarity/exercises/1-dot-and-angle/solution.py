"""Exercise 4.1 — The dot product and the angle, from scratch (reference solution)."""

import math

import numpy as np


def _dot(u, v):
    return float(sum(float(a) * float(b) for a, b in zip(u, v)))


def dot_and_angle(u, v):
    """Return the dot product of ``u`` and ``v`` and the angle between them in degrees."""
    if len(u) != len(v):
        raise ValueError(f"u and v must have the same length, got {len(u)} and {len(v)}")
    dot = _dot(u, v)
    norm_u, norm_v = math.sqrt(_dot(u, u)), math.sqrt(_dot(v, v))
    if norm_u == 0 or norm_v == 0:
        raise ValueError("a zero vector has no direction, so its angle with another vector is undefined")
    cos = max(-1.0, min(1.0, dot / (norm_u * norm_v)))   # rounding can leave [-1, 1]; arccos would give NaN
    return dot, math.degrees(math.acos(cos))


if __name__ == "__main__":
    from la4ml.vectors import angle_between

    u, v = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    print(dot_and_angle(u, v), "vs", np.dot(u, v), angle_between(u, v))
