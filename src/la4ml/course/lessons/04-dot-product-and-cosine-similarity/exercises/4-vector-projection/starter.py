"""Exercise 4.4 — Project one vector onto another.

Write ``project_onto(x, u)``, then check the residual and compare with ``la4ml.vectors.project``.
"""

import numpy as np


def project_onto(x, u):
    """Project ``x`` onto the line through ``u``.

    Parameters
    ----------
    x : ndarray of shape (n,)
    u : ndarray of shape (n,)
        A nonzero vector.

    Returns
    -------
    scalar : float
        ``x·u / ‖u‖``, the signed length of the projection.
    vector : ndarray of shape (n,)
        ``(x·u / u·u) u``, the projection itself.

    Raises
    ------
    ValueError
        If ``u`` is the zero vector (it spans no line).

    Examples
    --------
    >>> project_onto(np.array([3.0, 1.0]), np.array([1.0, 2.0]))
    (2.23606797749979, array([1., 2.]))
    """
    # TODO: the dot products x.u and u.u, then the two formulas.
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.vectors import project

    x, u = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    scalar, vector = project_onto(x, u)
    print(scalar, vector, "residual . u =", np.dot(x - vector, u))
    print("la4ml:", project(x, onto=u))
