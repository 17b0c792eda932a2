"""Graph Laplacians from a dense or sparse adjacency matrix, and what their spectrum says."""

from __future__ import annotations

import numpy as np
import scipy.linalg
import scipy.sparse

from la4ml._validation import (check_bool, check_matrix, check_scalar, check_symmetric, describe, max_abs,
                               scale_of)
from la4ml.errors import InvalidParameterError, NotSquareError, NumericOverflowError, OutOfRangeError, ShapeError

__all__ = ["laplacian", "connected_components_from_spectrum", "fiedler_vector"]


def _check_adjacency(A, name="A"):
    """A square, finite, nonnegative adjacency matrix: a float ndarray, or a float CSR/COO sparse one."""
    if scipy.sparse.issparse(A):
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise NotSquareError(f"{name} must be a square adjacency matrix, got {describe(A)}")
        A = scipy.sparse.coo_array(A)
        if A.dtype.kind not in "biuf":
            raise ShapeError(f"{name} must hold real weights, got dtype {A.dtype}")
        A = A.astype(np.float64 if A.dtype != np.float32 else np.float32)
        A.sum_duplicates()
        data = A.data
    else:
        A = check_matrix(A, name, square=True, allow_empty=True)
        data = A
    if data.size and not np.isfinite(data).all():
        raise InvalidParameterError(f"{name} must contain only finite weights; remove NaN/inf edges first")
    if data.size and data.min() < 0:
        raise OutOfRangeError(
            f"{name} must have nonnegative edge weights, got {data.min()!r}; a Laplacian of a graph "
            "with negative weights is not positive semidefinite (use similarities, not signed scores)"
        )
    return A


def _degree_overflow(A_max: float, d: np.ndarray, axis: int, dtype) -> NumericOverflowError:
    """The error for an unnormalized Laplacian whose degrees exceed the largest float."""
    i = int(np.flatnonzero(~np.isfinite(d))[0])
    kind = "out-degree (row sum)" if axis == 1 else "degree (column sum)"
    return NumericOverflowError(
        f"A's edge weights reach max|A| = {A_max:.4g}, so the {kind} of node {i} exceeds the largest "
        f"{np.dtype(dtype).name} ({np.finfo(dtype).max:.4g}) and D - A cannot be represented; divide A by a "
        "common scale (e.g. A / 1e300: the Laplacian scales with A, its eigenvectors do not change), "
        "or use normed=True, which does not depend on the scale of A"
    )


def laplacian(A, *, normed=False, use_out_degree=False):
    """Graph Laplacian ``L = D - A``, or the normalized ``I - D^{-1/2} A D^{-1/2}``.

    Parameters
    ----------
    A : ndarray or sparse matrix of shape (n, n)
        Adjacency (weight) matrix; ``A[i, j] >= 0`` is the weight of the edge ``i -> j``. The
        diagonal (self-loops) is ignored, as SciPy ignores it.
    normed : bool, default=False
        Return the symmetric normalized Laplacian ``I - D^{-1/2} A D^{-1/2}``. An isolated node
        (degree 0) gets a zero row and column (its diagonal entry is 0, not 1), as in SciPy.
    use_out_degree : bool, default=False
        Degree from row sums (out-degree) instead of column sums (in-degree). They differ only
        for a directed (nonsymmetric) ``A``; the default follows SciPy.

    Returns
    -------
    L : ndarray of shape (n, n), or a sparse CSR array if ``A`` is sparse
        The Laplacian, in ``A``'s floating dtype (``float32`` kept, everything else ``float64``).

    Raises
    ------
    NotSquareError
        If ``A`` is not square.
    OutOfRangeError
        If an edge weight is negative.
    NumericOverflowError
        If a degree exceeds the largest float (weights near ``1.8e308``) and ``normed=False``: ``D - A``
        cannot be represented. The normalized Laplacian does not depend on the scale of ``A`` and is
        then computed in units of ``max|A|``.

    Notes
    -----
    With degrees ``d_j = Σ_i A[i, j]`` (off the diagonal), ``L = diag(d) - A``; for a symmetric
    ``A``, ``xᵀ L x = ½ Σ_ij A_ij (x_i - x_j)²  >= 0``, so ``L`` is positive semidefinite and
    ``L 1 = 0``. The normalized form divides entry ``(i, j)`` by ``sqrt(d_i d_j)``.

    References
    ----------
    F. R. K. Chung, *Spectral Graph Theory*, CBMS 92, AMS, 1997, §1.2.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.sparse.csgraph import laplacian as scipy_laplacian
    >>> A = np.array([[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0.]])  # a triangle + an isolated node
    >>> laplacian(A)
    array([[ 2., -1., -1.,  0.],
           [-1.,  2., -1.,  0.],
           [-1., -1.,  2.,  0.],
           [ 0.,  0.,  0.,  0.]])
    >>> np.allclose(laplacian(A, normed=True), scipy_laplacian(A, normed=True))
    True
    """
    normed = check_bool(normed, "normed")
    use_out_degree = check_bool(use_out_degree, "use_out_degree")
    A = _check_adjacency(A)
    axis = 1 if use_out_degree else 0
    if scipy.sparse.issparse(A):
        off = A.row != A.col
        row, col, w_edge = A.row[off], A.col[off], A.data[off]
        with np.errstate(over="ignore"):  # degrees beyond the largest float: handled below
            d = np.bincount(row if axis == 1 else col, weights=w_edge, minlength=A.shape[0]).astype(A.dtype)
        if not np.isfinite(d).all():
            if not normed:
                raise _degree_overflow(max_abs(w_edge), d, axis, A.dtype)
            w_edge = w_edge / A.dtype.type(scale_of(w_edge))  # the normalized Laplacian does not change with scale
            d = np.bincount(row if axis == 1 else col, weights=w_edge, minlength=A.shape[0]).astype(A.dtype)
        if normed:
            isolated = d == 0
            s = np.where(isolated, 1, np.sqrt(d))
            diag = (~isolated).astype(A.dtype)
            w_edge = w_edge / (s[row] * s[col])
        else:
            diag = d
        n = A.shape[0]
        idx = np.arange(n)
        L = scipy.sparse.coo_array(
            (np.concatenate([-w_edge, diag]), (np.concatenate([row, idx]), np.concatenate([col, idx]))),
            shape=A.shape, dtype=A.dtype)
        return L.tocsr()
    M = A.copy()
    np.fill_diagonal(M, 0)
    with np.errstate(over="ignore"):  # degrees beyond the largest float: handled below
        d = M.sum(axis=axis)  # (n,) degrees
    if not np.isfinite(d).all():
        if not normed:
            raise _degree_overflow(max_abs(M), d, axis, M.dtype)
        M = M / M.dtype.type(scale_of(M))  # a power of two, exact: the normalized Laplacian does not change
        d = M.sum(axis=axis)
    if normed:
        isolated = d == 0
        s = np.where(isolated, 1, np.sqrt(d))  # an isolated node: no scaling, diagonal 0
        L = 0.0 - M / s[:, None] / s[None, :]  # 0.0 - x: no -0.0 entries
        np.fill_diagonal(L, (~isolated).astype(M.dtype))
    else:
        L = 0.0 - M
        np.fill_diagonal(L, d)
    return L


def _spectrum_tolerance(lam, n, dtype):
    """``n · eps · max|λ|``: the rounding level of a symmetric eigensolver's eigenvalues."""
    scale = float(np.max(np.abs(lam), initial=0.0))
    return n * float(np.finfo(dtype).eps) * scale


def connected_components_from_spectrum(L, tol=None):
    """The number of connected components of a graph: the number of zero eigenvalues of its Laplacian.

    Parameters
    ----------
    L : ndarray or sparse matrix of shape (n, n)
        A symmetric graph Laplacian, unnormalized or normalized (from :func:`laplacian`).
    tol : float, optional
        Eigenvalues ``<= tol`` count as zero. Default ``n · eps · max|λ(L)|`` (``eps`` of ``L``'s
        dtype): a symmetric eigensolver returns each eigenvalue with an absolute error of order
        ``eps · ||L||_2``, so an exact-zero test (``λ == 0``) undercounts and a fixed ``1e-10``
        is wrong for weights at scale ``1e-6`` or ``1e6``.

    Returns
    -------
    int
        How many eigenvalues of ``L`` are at most ``tol``.

    Raises
    ------
    NotSymmetricError
        If ``L`` is not symmetric (a directed graph's Laplacian): symmetrize the adjacency first.

    Notes
    -----
    ``xᵀ L x = ½ Σ A_ij (x_i - x_j)²`` is zero exactly when ``x`` is constant on every component,
    so the null space of ``L`` is spanned by the components' indicator vectors.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse.csgraph as csgraph
    >>> A = np.zeros((5, 5)); A[0, 1] = A[1, 0] = A[2, 3] = A[3, 2] = 1.0  # {0,1}, {2,3}, {4}
    >>> k = connected_components_from_spectrum(laplacian(A))
    >>> k
    3
    >>> k == csgraph.connected_components(A)[0]
    True
    """
    if scipy.sparse.issparse(L):
        L = L.toarray()
    L = check_matrix(L, "L", square=True, allow_empty=True)
    n = L.shape[0]
    if n == 0:
        return 0
    check_symmetric(L, "L")
    if tol is not None:
        tol = float(check_scalar(tol, "tol", min_val=0))
    # Entries near the largest float: (L + Lᵀ)/2 would overflow. Count the zero eigenvalues of L / s
    # instead (s a power of two, exact), against tol / s: the count does not change with the scale.
    s = _overflow_scale(L, n)
    if s != 1.0:
        L = L / L.dtype.type(s)
    lam = scipy.linalg.eigvalsh((L + L.T) / 2)  # ascending
    if tol is None:
        tol = _spectrum_tolerance(lam, n, L.dtype)
    else:
        tol = tol / s
    return int(np.count_nonzero(lam <= tol))


def _overflow_scale(A: np.ndarray, n: int) -> float:
    """A power of two to divide ``A`` by when sums of ``2 n`` of its entries could overflow, else 1.0.

    The symmetrization ``(A + Aᵀ)/2`` and the degree sums add up to ``n`` entries of size ``max|A|``;
    below ``finfo.max / (2 n)`` nothing can overflow and ``A`` is used as it is (bit for bit).
    """
    top = max_abs(A)
    return scale_of(A) if top > float(np.finfo(A.dtype).max) / (2 * max(n, 1)) else 1.0


def fiedler_vector(A, *, normed=False):
    """The Fiedler vector: the eigenvector of the second-smallest eigenvalue of the Laplacian of ``A``.

    Parameters
    ----------
    A : ndarray or sparse matrix of shape (n, n)
        Symmetric, nonnegative adjacency matrix of a CONNECTED graph with ``n >= 2`` nodes.
    normed : bool, default=False
        Use the normalized Laplacian ``I - D^{-1/2} A D^{-1/2}`` instead of ``D - A``.

    Returns
    -------
    ndarray of shape (n,)
        Unit-norm eigenvector of ``λ₂``, signed so that its entry of largest magnitude is positive
        (the first such entry on a tie) — a deterministic choice, like scikit-learn's sign flips.
        The signs of its entries split the graph in two.

    Raises
    ------
    InvalidParameterError
        If the graph is not connected (then ``λ₂ = 0`` and the vector is not determined).
    NotSymmetricError
        If ``A`` is not symmetric.

    Notes
    -----
    ``λ₂ = min xᵀ L x / xᵀ x`` over ``x ⟂ 1`` (Courant–Fischer), the algebraic connectivity. If
    ``λ₂`` is a repeated eigenvalue, any unit vector of its eigenspace qualifies; this returns
    the one LAPACK finds.

    References
    ----------
    M. Fiedler, "Algebraic connectivity of graphs", Czechoslovak Math. J. 23(98), 1973.

    Examples
    --------
    >>> import numpy as np
    >>> import networkx as nx
    >>> A = nx.to_numpy_array(nx.path_graph(4))
    >>> v = fiedler_vector(A)
    >>> np.round(v, 4)
    array([ 0.6533,  0.2706, -0.2706, -0.6533])
    >>> bool(np.isclose(abs(v @ nx.fiedler_vector(nx.path_graph(4), seed=0)), 1.0))
    True
    """
    Ad = _check_adjacency(A)
    Ad = Ad.toarray() if scipy.sparse.issparse(Ad) else Ad
    n = Ad.shape[0]
    if n < 2:
        raise InvalidParameterError(f"A must have at least 2 nodes for a Fiedler vector, got {describe(Ad)}")
    check_symmetric(Ad, "A")
    s = _overflow_scale(Ad, n)  # the Fiedler vector does not change with the scale of A: no overflow near 1e308
    if s != 1.0:
        Ad = Ad / Ad.dtype.type(s)
    L = laplacian((Ad + Ad.T) / 2, normed=normed)
    lam, V = scipy.linalg.eigh(L)  # ascending eigenvalues, eigenvectors in the columns
    tol = _spectrum_tolerance(lam, n, L.dtype)
    if lam[1] <= tol:
        k = int(np.count_nonzero(lam <= tol))
        raise InvalidParameterError(
            f"A's graph is not connected ({k} components: eigenvalues 0 of the Laplacian up to {tol:.3g}), "
            "so λ₂ = 0 and the Fiedler vector is not determined; call fiedler_vector on each component"
        )
    v = V[:, 1]
    i = int(np.argmax(np.abs(v)))
    return v if v[i] > 0 else -v
