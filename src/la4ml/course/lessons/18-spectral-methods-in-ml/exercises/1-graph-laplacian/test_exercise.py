"""Hidden tests of exercise 18.1 — graph_laplacian(A, normed=False), from scratch, against SciPy."""

import numpy as np
import pytest
import scipy.sparse.csgraph as csgraph
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps


def _graph(edges, n, weights=None):
    A = np.zeros((n, n))
    for k, (i, j) in enumerate(edges):
        A[i, j] = A[j, i] = 1.0 if weights is None else weights[k]
    return A


BRIDGE = _graph([(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)], 6)  # triangle - pair, node 5 isolated


def _random_graph(n, seed, scale=1.0, isolated=()):
    rng = np.random.default_rng(seed)
    A = np.triu((rng.random((n, n)) < 0.5) * rng.uniform(0.2, 3.0, (n, n)), 1)
    A = A + A.T
    for i in isolated:
        A[i, :] = A[:, i] = 0.0
    return A * scale


def _wrong_answers(A, normed):
    """Plausible mistakes: what each would have returned."""
    d = A.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(d > 0, 1.0 / d, 0.0)
        s = np.where(d > 0, 1.0 / np.sqrt(d), 0.0)
        eye = np.diag((d > 0).astype(float))
        out = {
            "the UNNORMALIZED Laplacian D - A, but normed=True asks for I - D^{-1/2} A D^{-1/2} "
            "(divide entry (i, j) by sqrt(d_i d_j) and put 1 on the diagonal)": np.diag(d) - A,
            "the NORMALIZED Laplacian, but normed=False asks for D - A (no division by the degrees)":
                eye - s[:, None] * A * s[None, :],
            "A - D, the negative of the Laplacian: the degrees go on the diagonal with a PLUS sign and each "
            "edge weight with a MINUS sign": A - np.diag(d) if not normed else -(eye - s[:, None] * A * s[None, :]),
            "the random-walk Laplacian I - D^{-1} A (each ROW divided by d_i), which is not symmetric; "
            "normed=True asks for the symmetric form, entry (i, j) divided by sqrt(d_i d_j)":
                eye - inv[:, None] * A,
            "I - D^{-1} A D^{-1}: you divided by d_i d_j; the normalized Laplacian divides by sqrt(d_i d_j)":
                eye - inv[:, None] * A * inv[None, :],
            "I - D^{-1/2} A: you divided each ROW by sqrt(d_i) only; the symmetric normalized Laplacian divides "
            "entry (i, j) by sqrt(d_i) AND sqrt(d_j)": eye - s[:, None] * A,
        }
    return out


def _check(submission, A, normed=None, because=""):
    f = function(submission, "graph_laplacian")
    A = np.array(A, dtype=float)
    with blocked("scipy.sparse.csgraph.laplacian", "networkx.laplacian_matrix",
                 "networkx.normalized_laplacian_matrix",
                 reason="build the Laplacian yourself from the degrees; compare with SciPy afterwards"):
        try:
            got = call(f, A) if normed is None else call(f, A, normed=normed)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build D - A (and its normalized form) from the degrees "
                     "yourself; use scipy.sparse.csgraph.laplacian only afterwards, to check.")
            raise
    expected = csgraph.laplacian(A, normed=bool(normed))
    try:
        L = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an n × n array.")
    if L.shape != A.shape:
        fail(f"Called {last_call()}; the result has shape {L.shape}; expected {A.shape}, the shape of A.")
    d = A.sum(axis=1)
    scale = max(np.abs(expected).max(initial=0.0), 1e-300)
    tol = 4 * len(A) * EPS * scale  # degrees are sums of n terms
    if np.isnan(L).any() or np.isinf(L).any():
        bad = np.argwhere(~np.isfinite(L))[0]
        iso = [int(i) for i in np.flatnonzero(d == 0)]
        fail(f"Called {last_call()}; the result has {L[tuple(bad)]} at {tuple(int(i) for i in bad)}; expected finite "
             f"numbers. Node(s) {iso} have degree 0, and 1 / sqrt(0) is infinite: for an isolated node use 1 in "
             "place of sqrt(d_i) (nothing to scale), and put 0, not 1, on its diagonal.")
    if np.allclose(L, expected, rtol=0, atol=tol):
        return L
    for why, wrong in _wrong_answers(A, bool(normed)).items():
        if np.all(np.isfinite(wrong)) and np.allclose(L, wrong, rtol=0, atol=tol) and not np.allclose(wrong, expected, atol=tol):
            fail(f"Called {last_call()}; returned {show(L)}; expected {show(expected)}. You returned {why}.")
    iso = np.flatnonzero(d == 0)
    if normed and iso.size and np.allclose(np.delete(np.delete(L, iso, 0), iso, 1),
                                           np.delete(np.delete(expected, iso, 0), iso, 1), rtol=0, atol=tol):
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(expected)}. The rows of node(s) {[int(i) for i in iso]}, "
             "which have no edge (degree 0), are wrong: SciPy's convention, which the task asks for, leaves an "
             "isolated node's row and column all zero, its diagonal entry 0 (not 1).")
    expect_close(L, expected, rtol=0, atol=tol, what="L",
                 because=f"it must equal scipy.sparse.csgraph.laplacian(A, normed={bool(normed)})" + (f". {because.rstrip('.')}" if because else ""))
    return L


def test_unnormalized_bridge_graph(submission):
    """normed=False: D - A for a triangle joined to a pair, plus an isolated node"""
    _check(submission, BRIDGE, normed=False)


def test_default_is_unnormalized(submission):
    """graph_laplacian(A) without normed gives D - A"""
    _check(submission, _random_graph(7, 1), normed=None, because="normed defaults to False.")


def test_normalized_bridge_graph(submission):
    """normed=True: I - D^{-1/2} A D^{-1/2}, the isolated node's row and column zero"""
    _check(submission, BRIDGE, normed=True)


def test_normalized_weighted(submission):
    """normed=True on a weighted graph: entry (i, j) is -A[i, j] / sqrt(d_i d_j), and it is symmetric"""
    L = _check(submission, _random_graph(8, 2), normed=True)
    expect_close(L, L.T, rtol=0, atol=8 * EPS, what="L - L.T", because="the symmetric normalized Laplacian is symmetric")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
@pytest.mark.parametrize("normed", [False, True])
def test_scales(submission, scale, normed):
    """weights at scale 1e-6 and 1e6: D - A scales with them, the normalized Laplacian does not"""
    _check(submission, _random_graph(9, 3, scale=scale, isolated=(4,)), normed=normed)


def test_single_node_and_no_edges(submission):
    """a 1 × 1 graph and a graph with no edges: all-zero Laplacians in both forms"""
    for A in (np.zeros((1, 1)), np.zeros((3, 3))):
        for normed in (False, True):
            _check(submission, A, normed=normed, because="a graph without edges has no degrees to put anywhere.")


def test_single_edge(submission):
    """one edge of weight 5: [[5, -5], [-5, 5]] unnormalized, [[1, -1], [-1, 1]] normalized"""
    A = np.array([[0.0, 5.0], [5.0, 0.0]])
    _check(submission, A, normed=False)
    _check(submission, A, normed=True)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 9), seed=st.integers(0, 10_000), normed=st.booleans(), n_isolated=st.integers(0, 2))
def test_random_graphs_match_scipy(submission, n, seed, normed, n_isolated):
    """random weighted graphs, some with isolated nodes: equal to scipy.sparse.csgraph.laplacian"""
    _check(submission, _random_graph(n, seed, isolated=range(min(n_isolated, n))), normed=normed)
