"""Exercise 2.3 — Rotation and shear matrices, from scratch (reference solution)."""

import numpy as np


def rotation_matrix(theta):
    """The 2 × 2 matrix of the counterclockwise rotation by ``theta`` radians."""
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s],
                     [s, c]])  # columns: R e1 = (c, s), R e2 = (-s, c)


def shear_matrix(k):
    """The 2 × 2 matrix of the horizontal shear (x, y) -> (x + k y, y)."""
    return np.array([[1.0, float(k)],
                     [0.0, 1.0]])  # columns: H e1 = (1, 0) stays, H e2 = (k, 1) leans


if __name__ == "__main__":
    from la4ml.transforms import rotation, shear

    R, H = rotation_matrix(np.pi / 6), shear_matrix(0.5)
    print("R =\n", R, "\nmatches toolkit:", np.allclose(R, rotation(np.pi / 6)))
    print("H =\n", H, "\nmatches toolkit:", np.allclose(H, shear(0.5)))
    x = np.array([3.0, 4.0])
    print("|Rx| =", np.linalg.norm(R @ x), " |Hx| =", np.linalg.norm(H @ x), " |x| =", np.linalg.norm(x))
    print("det R =", np.linalg.det(R), " det H =", np.linalg.det(H))
