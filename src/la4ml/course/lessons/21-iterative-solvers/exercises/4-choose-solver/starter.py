"""Exercise 21.4 — Which solver when: the decision diagram in code."""

import numpy as np


def choose_solver(A):
    """Return ``"cg"``, ``"minres"`` or ``"gmres"`` for solving ``A x = b``.

    Parameters
    ----------
    A : ndarray of shape (n, n)

    Returns
    -------
    str
        ``"gmres"`` when ``A`` is not symmetric (``max|A − Aᵀ| > n·eps·max|A|``);
        otherwise ``"cg"`` when the smallest eigenvalue exceeds ``n·eps·max|λ|`` (positive
        definite), else ``"minres"`` (indefinite or singular).

    Raises
    ------
    ValueError
        If ``A`` is not square (the message shows ``A.shape``).

    Examples
    --------
    >>> choose_solver(np.array([[2.0, 1.0], [1.0, 2.0]]))
    'cg'
    >>> choose_solver(np.array([[1.0, 2.0], [2.0, 1.0]]))
    'minres'
    >>> choose_solver(np.array([[2.0, 1.0], [0.0, 2.0]]))
    'gmres'
    """
    # TODO: check the shape, then symmetry (relative tolerance), then the eigenvalues (np.linalg.eigvalsh).
    raise NotImplementedError


if __name__ == "__main__":
    print(choose_solver(np.array([[2.0, 1.0], [1.0, 2.0]])))
