"""Exercise 4.1 — The dot product and the angle, from scratch.

Write ``dot_and_angle(u, v)``, then compare it with ``np.dot`` and ``la4ml.vectors.angle_between``.
"""

import math

import numpy as np


def dot_and_angle(u, v):
    """Return the dot product of ``u`` and ``v`` and the angle between them in degrees.

    Parameters
    ----------
    u, v : ndarray of shape (n,)
        Two vectors of the same length.

    Returns
    -------
    dot : float
        ``u[0]*v[0] + u[1]*v[1] + ... + u[n-1]*v[n-1]``, computed from the entries (do not call
        ``np.dot``, ``np.inner``, ``np.vdot`` or use ``@``).
    angle : float
        The angle between ``u`` and ``v`` in degrees, in ``[0, 180]``.

    Raises
    ------
    ValueError
        If ``u`` and ``v`` have different lengths, or if either is the zero vector.

    Examples
    --------
    >>> dot_and_angle(np.array([3.0, 1.0]), np.array([1.0, 2.0]))
    (5.0, 45.00000000000001)
    """
    # TODO: the dot product as a sum of products; the lengths as square roots of u.u and v.v;
    #       then the cosine, kept inside [-1, 1], and its arccos in degrees.
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.vectors import angle_between

    u, v = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    print(dot_and_angle(u, v), "vs", np.dot(u, v), angle_between(u, v))
