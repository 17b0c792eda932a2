"""Exercise 2.6 — Predict the shape of A @ B, or say clearly why it fails.

Write ``matmul_shape(a_shape, b_shape)``. Then run this file to compare with NumPy.
"""

import numpy as np


def matmul_shape(a_shape, b_shape):
    """The shape of ``A @ B`` for ``A`` of shape ``a_shape`` and ``B`` of shape ``b_shape``.

    Parameters
    ----------
    a_shape, b_shape : tuple of int, of length 1 or 2
        (n,) is a vector; (m, n) is a matrix with m rows and n columns.

    Returns
    -------
    tuple of int
        (m, p) for matrix @ matrix, (m,) for matrix @ vector, (p,) for vector @ matrix, () for
        vector @ vector.

    Raises
    ------
    ValueError
        If the inner sizes differ (the last of ``a_shape`` and the first of ``b_shape``). The message
        contains both shapes, e.g. "(3, 2)" and "(3, 2)", the two sizes that disagree, and, only
        when ``B.T`` would conform, a hint that gives the shape of ``B.T``. Also if a shape does not
        have 1 or 2 entries; the message names it.

    Examples
    --------
    >>> matmul_shape((150, 4), (4, 3))
    (150, 3)
    >>> matmul_shape((4,), (4,))
    ()
    """
    a_shape, b_shape = tuple(a_shape), tuple(b_shape)
    # TODO: the inner sizes are a_shape[-1] and b_shape[0]; raise ValueError if they differ;
    #       otherwise the result keeps the OUTER sizes: a_shape[:-1] + b_shape[1:].
    raise NotImplementedError


if __name__ == "__main__":
    for a, b in [((150, 4), (4, 3)), ((5, 4), (3, 4)), ((3,), (3, 2)), ((4,), (4,))]:
        try:
            print(a, "@", b, "->", matmul_shape(a, b), "| numpy:", np.matmul(np.ones(a), np.ones(b)).shape)
        except ValueError as exc:
            print(a, "@", b, "-> ValueError:", exc)
