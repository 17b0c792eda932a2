"""Markov chains and PageRank: the left eigenvector of eigenvalue 1 of a stochastic matrix."""

from __future__ import annotations

import numpy as np
import scipy.linalg
import scipy.sparse
from scipy.sparse.csgraph import connected_components

from la4ml._validation import check_matrix, check_scalar
from la4ml.eigen._checks import check_maxiter, check_operator, check_tol, check_weights
from la4ml.errors import NotConvergedError, NotStochasticError, OutOfRangeError, SingularMatrixError

__all__ = ["stationary_distribution", "pagerank"]


def stationary_distribution(P):
    """The stationary distribution ``π`` of a Markov chain: ``πᵀ P = πᵀ``, ``π ≥ 0``, ``Σ π = 1``.

    Parameters
    ----------
    P : array_like of shape (n, n)
        Row-stochastic transition matrix: ``P[i, j]`` is the probability of moving from state
        ``i`` to state ``j``, so every entry is ``>= 0`` and every **row** sums to 1 (within
        ``2·n·eps`` of the dtype: the rounding of a sum of ``n`` probabilities).

    Returns
    -------
    pi : ndarray of shape (n,)
        The stationary distribution, in state order: a **left** eigenvector of ``P`` for the
        eigenvalue 1 (a right eigenvector of ``Pᵀ``), scaled to sum to 1. Transient states
        (those the chain leaves for good) get exactly 0.

    Raises
    ------
    NotStochasticError
        A negative entry, or a row that does not sum to 1 (the message says so if the
        **columns** sum to 1: then pass ``P.T``).
    SingularMatrixError
        The chain has two or more closed classes (sets of states it never leaves), so the
        stationary distribution is not unique: the message lists the classes.
    ShapeError, NotSquareError, NonFiniteError, EmptyInputError, DTypeError
        ``P`` is not a finite real square matrix.

    Notes
    -----
    The right eigenvector of ``P`` for the eigenvalue 1 is the all-ones vector (the rows sum to
    1), whatever the chain: the answer is the **left** one. It is computed without iterating:
    the closed classes are found from the graph of ``P > 0`` (strongly connected components
    that no transition leaves). With exactly one closed class ``C``, ``π`` is zero outside
    ``C``, and on ``C`` it solves ``(I − P_C)ᵀ π = 0`` with one equation replaced by
    ``Σ π = 1``, a nonsingular system for an irreducible ``P_C`` (the replaced equation is the
    negated sum of the others). Tiny negative entries left by rounding are set to 0 before the
    final normalization.

    **Periodic chains** (such as ``[[0, 1], [1, 0]]``) have a unique stationary distribution,
    returned here, but the distribution of the chain after ``t`` steps does not converge to it
    (it oscillates: ``P`` has the eigenvalue −1 as well), which is why this function solves
    instead of iterating. PageRank's teleportation makes every chain irreducible and aperiodic.

    References
    ----------
    W. J. Stewart, *Introduction to the Numerical Solution of Markov Chains*, Princeton
    University Press, 1994, ch. 2.

    Examples
    --------
    >>> import numpy as np
    >>> P = np.array([[0.9, 0.1], [0.5, 0.5]])       # sunny -> rainy 10%, rainy -> sunny 50%
    >>> pi = stationary_distribution(P)
    >>> pi
    array([0.83333333, 0.16666667])
    >>> w, V = np.linalg.eig(P.T)                       # left eigenvectors of P = columns of V
    >>> v = V[:, np.argmin(np.abs(w - 1))]
    >>> bool(np.allclose(pi, v / v.sum()) and np.allclose(pi @ P, pi))
    True
    """
    P = check_matrix(P, "P", square=True)
    eps = float(np.finfo(P.dtype).eps)
    P = P.astype(np.float64, copy=False)
    n = P.shape[0]
    if (P < 0).any():
        i, j = np.argwhere(P < 0)[0]
        raise NotStochasticError(
            f"P must hold transition probabilities (>= 0), got P[{i}, {j}] = {float(P[i, j])!r}; "
            "if it is rounding noise, clip it with np.clip(P, 0, None) and renormalize the rows"
        )
    row_sums = P.sum(axis=1)
    off = np.abs(row_sums - 1.0)
    if (off > 2 * n * eps).any():
        i = int(np.argmax(off > 2 * n * eps))
        columns = bool(np.all(np.abs(P.sum(axis=0) - 1.0) <= 2 * n * eps))
        fix = ("its COLUMNS sum to 1: it is column-stochastic (P[i, j] = probability of j -> i), so pass P.T"
               if columns else "normalize the rows with P / P.sum(axis=1, keepdims=True)")
        raise NotStochasticError(
            f"P must be row-stochastic (P[i, j] = probability of moving from i to j, each row summing to 1), "
            f"but row {i} sums to {float(row_sums[i])!r}, off by {off[i]:.3g} (more than rounding, 2·n·eps = "
            f"{2 * n * eps:.3g}); {fix}"
        )
    closed = _closed_classes(P)
    if len(closed) > 1:
        shown = "; ".join("{" + ", ".join(map(str, c[:8])) + (", ..." if len(c) > 8 else "") + "}"
                          for c in closed[:5])
        raise SingularMatrixError(
            f"P has {len(closed)} closed classes (sets of states the chain never leaves): {shown}. Each has its own "
            "stationary distribution and every mixture of them is stationary too, so there is no unique answer; "
            "compute one per class with stationary_distribution(P[np.ix_(c, c)]), or make the chain irreducible "
            "(PageRank's teleportation: alpha * P + (1 - alpha) / n)"
        )
    C = closed[0]
    m = len(C)
    M = np.eye(m) - P[np.ix_(C, C)].T                          # (I − P_C)ᵀ π = 0 ...
    M[-1, :] = 1.0                                             # ... with Σ π = 1 in place of the last equation
    b = np.zeros(m)
    b[-1] = 1.0
    pi_C = scipy.linalg.solve(M, b, check_finite=False)
    pi = np.zeros(n)
    pi[C] = np.clip(pi_C, 0.0, None)
    return pi / pi.sum()


def _closed_classes(P) -> list[np.ndarray]:
    """The closed communicating classes of the chain (sorted state indices), from the graph of P > 0."""
    G = scipy.sparse.csr_array(P > 0)
    n_comp, labels = connected_components(G, directed=True, connection="strong")
    rows, cols = G.nonzero()
    leaving = labels[rows] != labels[cols]
    open_ = np.zeros(n_comp, dtype=bool)
    open_[labels[rows[leaving]]] = True
    return [np.flatnonzero(labels == c) for c in range(n_comp) if not open_[c]]


def pagerank(adjacency, alpha=0.85, *, personalization=None, max_iter=100, tol=1.0e-6, nstart=None, dangling=None):
    """PageRank of the nodes of a graph given by its adjacency matrix, as ``networkx.pagerank``.

    Parameters
    ----------
    adjacency : array_like or sparse matrix of shape (n, n)
        ``adjacency[i, j]`` is the weight (``>= 0``; 1 for an unweighted graph) of the link
        ``i → j``: NetworkX's convention (``nx.to_scipy_sparse_array(G)``). A self-loop is a link
        to itself; a node with no out-link (an all-zero row) is *dangling*.
    alpha : float, default 0.85
        Damping factor in ``[0, 1]``: the probability of following a link; with probability
        ``1 − alpha`` the surfer teleports.
    personalization : array_like of shape (n,), optional
        Nonnegative teleportation weights (normalized to sum 1). Default: uniform.
    max_iter : int, default 100
        The most power-iteration steps.
    tol : float, default 1e-6
        Stop when ``Σ_i |x_i − x_i^prev| < n · tol`` (NetworkX's rule). The bound grows with
        ``n``, so the default is loose on large graphs (``n · tol = 1`` at a million nodes, where
        two probability vectors differ by at most 2 in L1): pass ``tol = 1e-6 / n`` for an L1
        change below ``1e-6`` whatever the size.
    nstart : array_like of shape (n,), optional
        Nonnegative start vector (normalized to sum 1). Default: uniform.
    dangling : array_like of shape (n,), optional
        Where the surfer goes from a dangling node (normalized to sum 1). Default:
        ``personalization`` (uniform when that is None), as in NetworkX.

    Returns
    -------
    scores : ndarray of shape (n,)
        The PageRank of each node, in node order (the order of the rows of ``adjacency``);
        they sum to 1 up to the tolerance. An empty graph gives an empty array.

    Raises
    ------
    NotConvergedError
        ``max_iter`` steps did not meet the tolerance (NetworkX raises
        ``PowerIterationFailedConvergence`` there).
    OutOfRangeError
        A negative weight, or a negative entry in ``personalization``, ``nstart`` or ``dangling``.
    ZeroVectorError
        ``personalization``, ``nstart`` or ``dangling`` is all zeros.
    ShapeError, NotSquareError, NonFiniteError, DTypeError
        ``adjacency`` is not a finite real square matrix.

    Notes
    -----
    With ``P = D⁻¹A`` (each row divided by its out-weight), ``d`` the indicator of dangling
    nodes, ``w`` the dangling weights and ``p`` the personalization, one step is

        ``x ← alpha · (Pᵀ x + (dᵀx) w) + (1 − alpha) · p``,

    power iteration on the Google matrix ``G = alpha (P + d wᵀ) + (1 − alpha) 1 pᵀ``, a
    row-stochastic matrix whose dominant left eigenvector (eigenvalue 1) is the PageRank
    vector. Every other eigenvalue of ``G`` has magnitude at most ``alpha``, so the error
    shrinks at least like ``alpha^k``: about 85 steps for ``1e-6`` at the default 0.85. The
    dangling mass ``dᵀx`` is redistributed rather than dropped, so ``Σ x`` stays 1. Each step
    costs one sparse product with ``Aᵀ`` (stored once, as CSR) and a few vector operations.

    References
    ----------
    L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking: bringing
    order to the web", Stanford InfoLab Technical Report 1999-66, 1999; A. N. Langville and
    C. D. Meyer, *Google's PageRank and Beyond*, Princeton University Press, 2006, ch. 4.

    Examples
    --------
    >>> import networkx as nx
    >>> import numpy as np
    >>> G = nx.DiGraph([(0, 1), (0, 2), (1, 2), (2, 0), (3, 2)])      # node 3: no in-link
    >>> scores = pagerank(nx.to_scipy_sparse_array(G, nodelist=range(4)))
    >>> scores.round(4)
    array([0.3725, 0.1958, 0.3942, 0.0375])
    >>> bool(np.allclose(scores, [nx.pagerank(G)[v] for v in range(4)], rtol=1e-12, atol=0))
    True
    """
    A = _check_adjacency(adjacency)
    n = A.shape[0]
    check_scalar(alpha, "alpha", min_val=0.0, max_val=1.0)
    max_iter, tol = check_maxiter(max_iter, "max_iter"), check_tol(tol)
    if n == 0:
        return np.zeros(0)
    p = np.full(n, 1.0 / n) if personalization is None else check_weights(personalization, n, "personalization")
    x = np.full(n, 1.0 / n) if nstart is None else check_weights(nstart, n, "nstart")
    w = p if dangling is None else check_weights(dangling, n, "dangling")
    out_weight = np.asarray(A.sum(axis=1)).ravel()
    is_dangling = np.flatnonzero(out_weight == 0)
    inv_out = np.zeros(n)
    inv_out[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    AT = A.T.tocsr()                                        # Aᵀ once, as CSR: fast products
    return _pagerank_loop(AT, inv_out, is_dangling, w, p, x, alpha, max_iter, tol)


def _pagerank_loop(AT, inv_out, is_dangling, w, p, x, alpha, max_iter, tol):
    """x ← alpha (Pᵀx + (dᵀx) w) + (1 − alpha) p with Pᵀx = Aᵀ(x / out-weight), until the L1 change < n·tol."""
    n = len(x)
    for _ in range(max_iter):
        x_last = x
        x = alpha * (AT @ (x * inv_out) + x[is_dangling].sum() * w) + (1 - alpha) * p
        if np.abs(x - x_last).sum() < n * tol:
            return x
    raise NotConvergedError(
        f"pagerank did not converge in max_iter={max_iter} steps (change still >= n·tol = {n * tol:.3g}); the error "
        f"shrinks like alpha^k = {alpha}^k, so raise max_iter (about log(tol)/log(alpha) steps are needed) or "
        "loosen tol; with alpha = 1 a periodic graph never converges"
    )


def _check_adjacency(adjacency):
    """The adjacency as a float64 CSR array with nonnegative finite weights (empty allowed)."""
    if scipy.sparse.issparse(adjacency) and adjacency.shape[0] == 0 == adjacency.shape[1]:
        return scipy.sparse.csr_array((0, 0))
    if scipy.sparse.issparse(adjacency):
        A = check_operator(adjacency, "adjacency")
        data = A.data
    else:
        A = check_matrix(adjacency, "adjacency", square=True, allow_empty=True).astype(np.float64, copy=False)
        data = A
    if (data < 0).any():
        if scipy.sparse.issparse(A):
            k = int(np.flatnonzero(A.data < 0)[0])
            i, j, v = int(np.searchsorted(A.indptr, k, side="right") - 1), int(A.indices[k]), A.data[k]
        else:
            i, j = (int(t) for t in np.argwhere(A < 0)[0])
            v = A[i, j]
        raise OutOfRangeError(
            f"adjacency must have nonnegative weights (adjacency[i, j] = weight of the link i -> j), got "
            f"adjacency[{i}, {j}] = {float(v)!r}; PageRank follows links with probability proportional to their weight"
        )
    return A if scipy.sparse.issparse(A) else scipy.sparse.csr_array(A)
