"""Exercise 18.3 — Count connected components by the zero eigenvalues of the Laplacian (reference solution).

Write ``count_components(L, tol=None)``: how many eigenvalues of ``L`` are at most ``tol``, with
the default ``tol = n * eps * max|λ|`` relative to the spectrum.
"""

import numpy as np


def count_components(L, tol=None):
    """Return the number of connected components of a graph, from its Laplacian's spectrum.

    Parameters
    ----------
    L : ndarray of shape (n, n)
        A graph Laplacian (symmetric positive semidefinite), unnormalized or normalized, n >= 1.
    tol : float, optional
        Eigenvalues ``<= tol`` count as zero. Default ``n * eps * max|λ|`` with
        ``eps = np.finfo(float).eps`` and ``λ`` the eigenvalues of ``L``: the size of the
        rounding errors of a symmetric eigensolver.

    Returns
    -------
    int
        The number of eigenvalues of ``L`` that are at most ``tol``.

    Examples
    --------
    >>> L = np.array([[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])  # an edge and an isolated node
    >>> count_components(L)
    2
    """
    L = np.asarray(L, dtype=float)
    lam = np.linalg.eigvalsh(L)  # real eigenvalues of a symmetric matrix, ascending
    if tol is None:
        tol = L.shape[0] * np.finfo(float).eps * np.max(np.abs(lam))
    return int(np.count_nonzero(lam <= tol))  # <=: a zero matrix (tol = 0) has n components


if __name__ == "__main__":
    import networkx as nx

    K = nx.to_numpy_array(nx.karate_club_graph(), nodelist=range(34), weight=None)
    two = np.block([[K, np.zeros_like(K)], [np.zeros_like(K), K]])
    for scale in (1.0, 1e6, 1e-11):
        A = scale * two
        L = np.diag(A.sum(axis=1)) - A
        lam = np.linalg.eigvalsh(L)
        print(f"weights x {scale:g}: {count_components(L)} components "
              f"(lam == 0 counts {np.count_nonzero(lam == 0)}, |lam| < 1e-10 counts {np.count_nonzero(np.abs(lam) < 1e-10)})")
