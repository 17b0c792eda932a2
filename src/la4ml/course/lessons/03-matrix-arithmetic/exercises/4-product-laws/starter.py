"""Exercise 3.4 — Check the laws of matrix algebra numerically.

Write ``product_laws(A, B, C)``: for each law, the largest absolute difference between its two
sides. Then try it on random matrices and on two shears.
"""

import numpy as np


def product_laws(A, B, C):
    """Measure how far each law of matrix multiplication is from holding, on ``A``, ``B``, ``C``.

    Parameters
    ----------
    A, B, C : ndarray of shape (n, n)

    Returns
    -------
    dict of str to float
        ``"associativity"``: max |(AB)C - A(BC)|;
        ``"distributivity"``: max |A(B + C) - (AB + AC)|;
        ``"transpose"``: max |(AB)ᵀ - BᵀAᵀ|;
        ``"identity"``: max(max |AI - A|, max |IA - A|) with ``I`` the n × n identity;
        ``"commutator"``: max |AB - BA|.
        Each value is a Python float, the largest absolute entry of the difference.

    Examples
    --------
    >>> S, T = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [1.0, 1.0]])
    >>> product_laws(S, T, np.eye(2))["commutator"]
    1.0
    """
    # TODO: compute both sides of each law with the matrix product @ and return the dict.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B, C = rng.standard_normal((3, 4, 4))
    for law, gap in product_laws(A, B, C).items():
        print(f"{law:15s} {gap:.2e}")
