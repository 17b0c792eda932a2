"""Random unit vectors, uniformly distributed on the sphere."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import check_random_state, check_scalar, check_size

__all__ = ["random_unit_vectors"]


def random_unit_vectors(n: int, dim: int, random_state: Any = None) -> np.ndarray:
    r"""``n`` random vectors of length 1 in ``dim`` dimensions, uniform on the unit sphere.

    Parameters
    ----------
    n : int >= 1
        How many vectors.
    dim : int >= 1
        Their dimension.
    random_state : None, int or numpy.random.Generator
        Seed for reproducible draws.

    Returns
    -------
    ndarray of shape (n, dim)
        One unit vector per row.

    Notes
    -----
    A standard Gaussian vector has a density that depends only on its length, so it points in
    every direction alike; dividing by its length puts it on the sphere uniformly (Muller, 1959).
    Sampling a cube and normalizing would not: directions toward the corners come up too often.
    In high dimension two such vectors are nearly orthogonal: their cosine has mean 0 and
    standard deviation :math:`1/\sqrt{d}`.

    References
    ----------
    .. [1] M. E. Muller, "A note on a method for generating points uniformly on n-dimensional
       spheres", *Communications of the ACM* 2(4), 19–20, 1959.

    Examples
    --------
    >>> import numpy as np
    >>> U = random_unit_vectors(1000, 3, random_state=0)
    >>> U.shape
    (1000, 3)
    >>> np.allclose(np.linalg.norm(U, axis=1), 1.0)
    True
    """
    check_scalar(n, "n", kind=numbers.Integral, min_val=1)
    check_scalar(dim, "dim", kind=numbers.Integral, min_val=1)
    check_size(n * dim, "n * dim", hint="ask for fewer vectors or a lower dimension")
    rng = check_random_state(random_state)
    G = rng.standard_normal((n, dim))  # (n, dim)
    return G / np.linalg.norm(G, axis=1, keepdims=True)  # a zero row has probability 0
