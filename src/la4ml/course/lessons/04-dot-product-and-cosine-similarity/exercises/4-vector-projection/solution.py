"""Exercise 4.4 — Project one vector onto another (reference solution)."""

import numpy as np


def project_onto(x, u):
    """Project ``x`` onto the line through ``u``."""
    x, u = np.asarray(x, dtype=float), np.asarray(u, dtype=float)
    uu = float(np.dot(u, u))
    if uu == 0:
        raise ValueError("u is the zero vector, so it spans no line to project on")
    xu = float(np.dot(x, u))
    scalar = xu / np.sqrt(uu)          # signed length of the shadow
    vector = (xu / uu) * u             # the shadow: a multiple of u
    return scalar, vector


if __name__ == "__main__":
    from la4ml.vectors import project

    x, u = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    scalar, vector = project_onto(x, u)
    print(scalar, vector, "residual . u =", np.dot(x - vector, u))
    print("la4ml:", project(x, onto=u))
