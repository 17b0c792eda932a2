"""Exercise 2.3 — Rotation and shear matrices, from scratch.

Write ``rotation_matrix(theta)`` and ``shear_matrix(k)``. Then run this file to compare them with the
toolkit and check their properties.
"""

import numpy as np


def rotation_matrix(theta):
    """The 2 × 2 matrix of the counterclockwise rotation by ``theta`` radians.

    Parameters
    ----------
    theta : float
        The angle in radians (np.pi / 2 is a quarter turn, from the x-axis toward the y-axis).

    Returns
    -------
    ndarray of shape (2, 2)
        Column 0 is where e1 = (1, 0) lands, column 1 where e2 = (0, 1) lands.
    """
    # TODO: e1 lands on (cos θ, sin θ) and e2 on (-sin θ, cos θ); put those images in the COLUMNS.
    raise NotImplementedError


def shear_matrix(k):
    """The 2 × 2 matrix of the horizontal shear (x, y) -> (x + k y, y).

    Parameters
    ----------
    k : float

    Returns
    -------
    ndarray of shape (2, 2)
    """
    # TODO: where do e1 and e2 land? Put the images in the columns.
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.transforms import rotation, shear

    R, H = rotation_matrix(np.pi / 6), shear_matrix(0.5)
    print("R =\n", R, "\nmatches toolkit:", np.allclose(R, rotation(np.pi / 6)))
    print("H =\n", H, "\nmatches toolkit:", np.allclose(H, shear(0.5)))
    x = np.array([3.0, 4.0])
    print("|Rx| =", np.linalg.norm(R @ x), " |Hx| =", np.linalg.norm(H @ x), " |x| =", np.linalg.norm(x))
    print("det R =", np.linalg.det(R), " det H =", np.linalg.det(H))
