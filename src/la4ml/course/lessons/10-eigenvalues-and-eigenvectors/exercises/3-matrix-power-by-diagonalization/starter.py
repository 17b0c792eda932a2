"""Exercise 10.3 — Matrix powers by diagonalization, and a defective matrix refused.

Write ``matrix_power_eig(A, k)``: ``V Λᵏ V⁻¹`` from ``np.linalg.eig``, with a check that ``V`` is a
usable basis.
"""

import numpy as np


def matrix_power_eig(A, k):
    """``A`` to the power ``k``, through the eigendecomposition ``A = V Λ V⁻¹``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A real square matrix. Do not modify it.
    k : int
        The power, ``k >= 0`` (``k = 0`` gives the identity, up to rounding).

    Returns
    -------
    Ak : ndarray of shape (n, n)
        ``V @ diag(w ** k) @ inv(V)`` as a real float64 array (``np.real`` of the product).

    Raises
    ------
    ValueError
        If ``np.linalg.cond(V) > 1 / np.sqrt(np.finfo(float).eps)``: ``A`` is defective or nearly
        so; the message must contain the word "defective".

    Notes
    -----
    ``w, V = np.linalg.eig(A)`` returns the eigenvectors as the COLUMNS of ``V``. ``V⁻¹`` equals
    ``Vᵀ`` only for a symmetric ``A``. Do not call ``np.linalg.matrix_power`` and do not multiply
    ``A`` by itself in a loop: one decomposition gives every power.

    Examples
    --------
    >>> matrix_power_eig(np.array([[1.0, 1.0], [1.0, 0.0]]), 10).round(6)
    array([[89., 55.],
           [55., 34.]])
    """
    # TODO: w, V = np.linalg.eig(A); refuse a defective A (np.linalg.cond(V) too large, ValueError);
    #       return np.real(V @ np.diag(w ** k) @ np.linalg.inv(V)).
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[4.0, 1.0], [2.0, 3.0]])
    print("A^5 =\n", matrix_power_eig(A, 5), "\nnp.linalg.matrix_power:\n", np.linalg.matrix_power(A, 5))
    print("Fibonacci F^10 =\n", matrix_power_eig(np.array([[1.0, 1.0], [1.0, 0.0]]), 10))
    try:
        matrix_power_eig(np.array([[1.0, 1.0], [0.0, 1.0]]), 3)
    except ValueError as err:
        print("shear:", err)
