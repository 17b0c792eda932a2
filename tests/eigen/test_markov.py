"""Tests of la4ml.eigen stationary_distribution and pagerank, against NumPy's eig and networkx.pagerank."""

import networkx as nx
import numpy as np
import pytest
import scipy.sparse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.eigen import pagerank, stationary_distribution
from la4ml.errors import (DTypeError, La4mlError, NotConvergedError, NotStochasticError, OutOfRangeError,
                          SingularMatrixError, ZeroVectorError)

EPS = np.finfo(float).eps


def _left_eigvec_of_one(P):
    """π from np.linalg.eig(P.T): the column for the eigenvalue nearest 1, scaled to sum 1."""
    w, V = np.linalg.eig(P.T)
    v = V[:, np.argmin(np.abs(w - 1))].real
    return v / v.sum()


def _random_chain(rng, n, density=1.0):
    P = rng.random((n, n)) * (rng.random((n, n)) < density)
    P[np.arange(n), (np.arange(n) + 1) % n] += 0.1            # a cycle through every state: irreducible
    return P / P.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------------- stationary distribution


def test_weather_by_hand():
    """[[0.9, 0.1], [0.5, 0.5]]: π = (5/6, 1/6) from π₁·0.1 = π₂·0.5, to rounding."""
    pi = stationary_distribution([[0.9, 0.1], [0.5, 0.5]])
    assert np.allclose(pi, [5 / 6, 1 / 6], rtol=4 * EPS, atol=0)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(n=st.integers(1, 12), seed=st.integers(0, 2**32 - 1), density=st.sampled_from([1.0, 0.5, 0.2]))
@example(n=1, seed=0, density=1.0)
def test_property_irreducible_matches_eig(n, seed, density):
    """Random irreducible chains (dense and sparse patterns): π ≥ 0, Σπ = 1, πP = π, equal to eig(Pᵀ)'s eigenvector."""
    P = _random_chain(np.random.default_rng(seed), n, density)
    pi = stationary_distribution(P)
    assert pi.shape == (n,) and pi.dtype == np.float64 and np.all(pi >= 0)
    assert abs(pi.sum() - 1) <= 4 * n * EPS
    assert np.linalg.norm(pi @ P - pi, 1) <= 100 * n * EPS
    assert np.allclose(pi, _left_eigvec_of_one(P), rtol=1e-9, atol=1e-12)


def test_not_the_right_eigenvector():
    """The answer is the LEFT eigenvector: the right one (columns of P) would be uniform, and it is not."""
    P = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])
    pi = stationary_distribution(P)
    assert np.allclose(P @ np.ones(3), np.ones(3)) and not np.allclose(pi, 1 / 3, atol=0.05)
    assert np.allclose(pi @ P, pi, rtol=0, atol=10 * EPS)


@pytest.mark.parametrize("P, expected", [
    ([[0.0, 1.0], [1.0, 0.0]], [0.5, 0.5]),
    ([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [1 / 3, 1 / 3, 1 / 3]),
    ([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.0, 1.0, 0.0]], [0.25, 0.5, 0.25]),
], ids=["period-2", "period-3", "bipartite-path"])
def test_periodic_chains(P, expected):
    """Periodic chains (eigenvalue -1 or a cube root of 1 beside 1) still have their unique π."""
    assert np.allclose(stationary_distribution(P), expected, rtol=4 * EPS, atol=4 * EPS)


def test_transient_states_get_exact_zeros():
    """An absorbing state, and a closed pair fed by transient states: transient states get exactly 0."""
    assert np.array_equal(stationary_distribution([[1.0, 0.0], [0.5, 0.5]]), [1.0, 0.0])
    P = np.array([[0.2, 0.3, 0.5, 0.0], [0.0, 0.1, 0.0, 0.9], [0.0, 0.0, 0.3, 0.7], [0.0, 0.0, 0.6, 0.4]])
    pi = stationary_distribution(P)
    assert pi[0] == 0.0 and pi[1] == 0.0
    assert np.allclose(pi[2:], [6 / 13, 7 / 13], rtol=4 * EPS)


def test_two_closed_classes_not_unique():
    """Two closed classes: SingularMatrixError naming both classes and the fixes."""
    P = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.0, 0.5, 0.5]])
    with pytest.raises(SingularMatrixError, match=r"2 closed classes.*\{0\}; \{1, 2\}.*np\.ix_.*teleportation"):
        stationary_distribution(P)
    with pytest.raises(np.linalg.LinAlgError):
        stationary_distribution(np.eye(3))


def test_row_sum_tolerance_is_relative_to_eps():
    """Rows off by one rounding unit pass; off by 1e-10 fail; float32 rows use float32's eps."""
    P = np.array([[0.1, 0.2, 0.7], [1 / 3, 1 / 3, 1 / 3], [0.3, 0.3, 0.4]])
    stationary_distribution(P)
    P[0, 0] += 1e-10
    with pytest.raises(NotStochasticError, match=r"row 0 sums to .*off by 1e-10.*normalize the rows"):
        stationary_distribution(P)
    P32 = np.array([[0.1, 0.2, 0.7], [1 / 3, 1 / 3, 1 / 3], [0.3, 0.3, 0.4]], dtype=np.float32)
    pi = stationary_distribution(P32)
    assert pi.dtype == np.float64 and np.allclose(pi, _left_eigvec_of_one(P32.astype(float)), rtol=1e-6)


def test_column_stochastic_and_negative_entries():
    """A column-stochastic matrix is told to pass P.T; a negative entry is named."""
    P = np.array([[0.9, 0.5], [0.1, 0.5]])
    with pytest.raises(NotStochasticError, match=r"COLUMNS sum to 1.*pass P\.T"):
        stationary_distribution(P)
    with pytest.raises(NotStochasticError, match=r"P\[0, 1\] = -0\.1"):
        stationary_distribution([[1.1, -0.1], [0.5, 0.5]])
    for bad in ([[1.0, 0.0]], [1.0], [[np.nan, 1.0], [0.5, 0.5]]):
        with pytest.raises(La4mlError):
            stationary_distribution(bad)


# ------------------------------------------------------------------------------------------------- pagerank


def _nx_scores(G, **kwargs):
    nodes = list(G)
    d = nx.pagerank(G, **kwargs)
    return np.array([d[v] for v in nodes])


def _adj(G):
    return nx.to_scipy_sparse_array(G, nodelist=list(G), weight="weight", dtype=float)


def _graphs():
    rng = np.random.default_rng(0)
    karate = nx.karate_club_graph()                                   # weighted, undirected
    dangling = nx.gnp_random_graph(60, 0.05, seed=1, directed=True)   # several nodes without out-links
    weighted = nx.gnp_random_graph(40, 0.15, seed=2, directed=True)
    for u, v in weighted.edges:
        weighted[u][v]["weight"] = float(rng.uniform(0.1, 5.0))
    loops = nx.DiGraph([(0, 0), (0, 1), (1, 2), (2, 0), (2, 2), (3, 3)])   # self-loops; node 3 loops on itself only
    disconnected = nx.disjoint_union(nx.DiGraph([(0, 1), (1, 0)]), nx.DiGraph([(0, 1), (1, 2)]))
    multi = nx.MultiDiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (2, 1)])  # parallel edges add up
    star_out = nx.DiGraph([(0, i) for i in range(1, 8)])              # every leaf is dangling
    isolated = nx.DiGraph()
    isolated.add_nodes_from(range(5))                                  # no edges at all: all dangling
    relabeled = nx.relabel_nodes(nx.gnp_random_graph(30, 0.1, seed=3, directed=True), {i: f"n{(i * 7) % 30}" for i in range(30)})
    return {"karate": karate, "dangling": dangling, "weighted": weighted, "self-loops": loops,
            "disconnected": disconnected, "multigraph": multi, "star-out": star_out, "isolated": isolated,
            "relabeled": relabeled, "single": nx.DiGraph([(0, 0)])}


GRAPHS = _graphs()


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("alpha", [0.85, 0.5, 0.0, 0.99])
def test_equals_networkx(name, alpha):
    """Scores in node order equal networkx.pagerank's (weights, dangling nodes, self-loops, disconnected, multigraph)."""
    G = GRAPHS[name]
    kw = {"alpha": alpha, "max_iter": 3000} if alpha == 0.99 else {"alpha": alpha}
    got = pagerank(_adj(G), **kw)
    expected = _nx_scores(G, **kw)
    assert got.shape == (len(G),) and got.dtype == np.float64
    assert np.allclose(got, expected, rtol=1e-10, atol=1e-14)
    assert abs(got.sum() - 1) <= 1e-9


def _exact_pagerank(A, alpha, p, w):
    """Solve (I − alpha Gᵀ-part) x = (1 − alpha) p exactly, with dangling mass to w: the limit of the iteration."""
    A = np.asarray(A, dtype=float)
    n = len(A)
    out = A.sum(axis=1)
    P = np.divide(A, out[:, None], out=np.zeros_like(A), where=out[:, None] != 0)
    P[out == 0] = w
    x = np.linalg.solve(np.eye(n) - alpha * P.T, (1 - alpha) * p)
    return x / x.sum()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(n=st.integers(1, 25), seed=st.integers(0, 2**32 - 1), density=st.floats(0.0, 0.5),
       alpha=st.sampled_from([0.85, 0.6, 0.95]), personalized=st.booleans(), weighted=st.booleans())
def test_property_random_graphs(n, seed, density, alpha, personalized, weighted):
    """Random digraphs: dense and sparse input agree with networkx and with the exact solve within the tolerance."""
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < density) * (rng.uniform(0.1, 3.0, (n, n)) if weighted else 1.0)
    p = rng.random(n) + 0.01 if personalized else None
    got_dense = pagerank(A, alpha, personalization=p, tol=1e-12, max_iter=1000)
    got_sparse = pagerank(scipy.sparse.csr_array(A), alpha, personalization=p, tol=1e-12, max_iter=1000)
    assert np.allclose(got_dense, got_sparse, rtol=1e-12, atol=1e-15)
    G = nx.from_numpy_array(A, create_using=nx.DiGraph)
    expected = _nx_scores(G, alpha=alpha, personalization=None if p is None else dict(enumerate(p)),
                          tol=1e-12, max_iter=1000)
    assert np.allclose(got_dense, expected, rtol=1e-10, atol=1e-14)
    p_norm = np.full(n, 1 / n) if p is None else p / p.sum()
    exact = _exact_pagerank(A, alpha, p_norm, p_norm)
    # the L1 change is < n·tol at the stop; the error is at most change·alpha/(1 − alpha)
    assert np.abs(got_dense - exact).sum() <= n * 1e-12 * alpha / (1 - alpha) + 1e-13


def test_personalization_dangling_and_nstart_like_networkx():
    """personalization, dangling and nstart (as arrays in node order) give networkx's answers (given as dicts)."""
    G = GRAPHS["dangling"]
    n = len(G)
    rng = np.random.default_rng(5)
    p, dw, x0 = rng.random(n), rng.random(n), rng.random(n)
    got = pagerank(_adj(G), personalization=p, dangling=dw, nstart=x0)
    expected = _nx_scores(G, personalization=dict(enumerate(p)), dangling=dict(enumerate(dw)), nstart=dict(enumerate(x0)))
    assert np.allclose(got, expected, rtol=1e-10, atol=1e-14)
    # with a loose tolerance the stopping step shows: the default start is uniform (not the personalization)
    loose = pagerank(_adj(G), personalization=p, tol=1e-3)
    assert np.allclose(loose, _nx_scores(G, personalization=dict(enumerate(p)), tol=1e-3), rtol=1e-12, atol=0)
    # dangling defaults to the personalization, as in networkx
    assert np.allclose(pagerank(_adj(G), personalization=p), pagerank(_adj(G), personalization=p, dangling=p), rtol=0, atol=0)


def test_dangling_mass_is_not_dropped():
    """A graph of dangling leaves keeps Σ scores = 1 (the dangling mass is redistributed, not lost)."""
    A = nx.to_numpy_array(GRAPHS["star-out"])
    scores = pagerank(A, tol=1e-12)
    assert abs(scores.sum() - 1) <= 1e-11 and scores[0] < scores[1]


def test_node_order_and_defaults():
    """Permuting the nodes permutes the scores; the defaults are alpha=0.85, max_iter=100, tol=1e-6."""
    A = nx.to_numpy_array(GRAPHS["weighted"])
    perm = np.random.default_rng(1).permutation(len(A))
    assert np.allclose(pagerank(A[np.ix_(perm, perm)]), pagerank(A)[perm], rtol=1e-9)
    assert np.array_equal(pagerank(A), pagerank(A, 0.85, max_iter=100, tol=1e-6))
    with pytest.raises(NotConvergedError):
        pagerank(A, max_iter=10)              # 0.85^10 is far from 1e-6: networkx raises here too
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.pagerank(GRAPHS["weighted"], max_iter=10)


def test_no_convergence_with_alpha_one_on_a_cycle():
    """alpha = 1 on a 2-cycle started off the fixed point never settles: NotConvergedError with the fix."""
    with pytest.raises(NotConvergedError, match=r"max_iter=100.*raise max_iter"):
        pagerank([[0, 1], [1, 0]], alpha=1.0, nstart=[1.0, 0.0])


def test_empty_graph_and_bad_inputs():
    """An empty graph gives an empty array (networkx gives {}); bad weights and parameters get clear errors."""
    assert pagerank(np.zeros((0, 0))).shape == (0,) and nx.pagerank(nx.DiGraph()) == {}
    assert pagerank(scipy.sparse.csr_array((0, 0))).shape == (0,)
    with pytest.raises(OutOfRangeError, match=r"adjacency\[0, 1\] = -1\.0"):
        pagerank([[0.0, -1.0], [1.0, 0.0]])
    with pytest.raises(OutOfRangeError, match=r"adjacency\[1, 0\] = -2\.0"):
        pagerank(scipy.sparse.csr_array(np.array([[0.0, 1.0], [-2.0, 0.0]])))
    with pytest.raises(ValueError, match="alpha must be <= 1.0"):
        pagerank(np.ones((2, 2)), alpha=1.5)
    with pytest.raises(ZeroVectorError, match="personalization must have a positive sum"):
        pagerank(np.ones((2, 2)), personalization=[0.0, 0.0])
    with pytest.raises(OutOfRangeError, match=r"nstart\[1\] = -1\.0"):
        pagerank(np.ones((2, 2)), nstart=[1.0, -1.0])
    with pytest.raises(ValueError, match="dangling must have length 2"):
        pagerank(np.ones((2, 2)), dangling=[1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="must be square"):
        pagerank(np.ones((2, 3)))
    with pytest.raises(DTypeError):
        pagerank(np.ones((2, 2)), max_iter=1.5)
    with pytest.raises(La4mlError):
        pagerank([[np.nan, 1.0], [1.0, 0.0]])
