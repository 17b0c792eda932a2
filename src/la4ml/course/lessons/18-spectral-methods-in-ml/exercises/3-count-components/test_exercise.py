"""Hidden tests of exercise 18.3 — count_components(L, tol=None) with tol = n·eps·max|λ| by default."""

import networkx as nx
import numpy as np
import pytest
import scipy.sparse.csgraph as csgraph
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect, fail, function, last_call, show

EPS = np.finfo(float).eps
_K = nx.to_numpy_array(nx.karate_club_graph(), nodelist=range(34), weight=None)
TWO_KARATE = np.block([[_K, np.zeros_like(_K)], [np.zeros_like(_K), _K]])


def _lap(A, normed=False):
    return csgraph.laplacian(A, normed=normed)


def _count(submission, L, **kwargs):
    f = function(submission, "count_components")
    with blocked("scipy.sparse.csgraph.connected_components", "networkx.number_connected_components",
                 "networkx.connected_components",
                 reason="count the zero eigenvalues of L; compare with SciPy afterwards"):
        try:
            got = call(f, np.array(L, dtype=float), **kwargs)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise reads the components off the SPECTRUM: count the eigenvalues of L that are "
                     "zero up to tol (np.linalg.eigvalsh).")
            raise
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        fail(f"Called {last_call()}; returned {show(got)} of type {type(got).__name__}; expected an int "
             "(int(np.count_nonzero(lam <= tol))).")
    return int(got)


def _explain(L, got, expected, what):
    lam = np.linalg.eigvalsh(L)
    n = len(L)
    tol = n * EPS * np.max(np.abs(lam))
    smallest = lam[: max(expected, got) + 1]
    exact = int(np.count_nonzero(lam == 0))
    fixed = int(np.count_nonzero(np.abs(lam) < 1e-10))
    msg = (f"Called {last_call()}; returned {got}; expected {expected}, because {what}. The smallest eigenvalues are "
           f"{show(smallest)}; the default tol = n·eps·max|λ| = {n}·{EPS:.3g}·{np.max(np.abs(lam)):.3g} = {tol:.3g}.")
    if got == exact == fixed and exact != expected:
        msg += (" You counted eigenvalues exactly equal to 0, or compared with a fixed threshold such as 1e-10: "
                "rounding leaves a zero eigenvalue at about eps·max|λ|, of either sign (here about "
                f"{max(abs(lam[0]), abs(lam[1])):.3g}), so compare with a tolerance that scales with L: lam <= n·eps·max|λ|.")
    elif got == exact and exact != expected:
        msg += (" You counted eigenvalues exactly equal to 0: rounding leaves a zero eigenvalue at about eps·‖L‖, of "
                "either sign, so compare with the tolerance (lam <= tol) instead.")
    elif got == fixed and fixed != expected:
        msg += (" You compared with a fixed threshold such as 1e-10; the rounding level scales with L (here "
                f"max|λ| = {np.max(np.abs(lam)):.3g}), so the tolerance must too: n·eps·max|λ|.")
    elif got < expected:
        msg += " Your tolerance is too small (or you compare with <, or skip negative rounding errors)."
    else:
        msg += " Your tolerance is too large: it counts genuinely positive eigenvalues as zero."
    fail(msg)


def _expect_components(submission, L, expected, what, **kwargs):
    got = _count(submission, L, **kwargs)
    if got != expected:
        if kwargs:
            fail(f"Called {last_call()}; returned {got}; expected {expected}, because {what}.")
        _explain(np.array(L, dtype=float), got, expected, what)


def test_two_karate_clubs(submission):
    """two copies of the karate club, side by side: 2 components"""
    _expect_components(submission, _lap(TWO_KARATE), 2, "the graph is two disconnected copies of one connected graph")


@pytest.mark.parametrize("scale", [1e6, 1e-11])
def test_two_karate_clubs_scaled(submission, scale):
    """the same graph with weights scaled by 1e6 and by 1e-11: still 2 components"""
    _expect_components(submission, _lap(scale * TWO_KARATE), 2,
                       f"scaling every weight by {scale:g} does not change which nodes are connected")


def test_normalized_with_isolated_nodes(submission):
    """a normalized Laplacian with two isolated nodes: triangle + edge + 2 lonely nodes = 4 components"""
    A = np.zeros((7, 7))
    for i, j in [(0, 1), (1, 2), (0, 2), (3, 4)]:
        A[i, j] = A[j, i] = 1.0
    _expect_components(submission, _lap(A, normed=True), 4, "the triangle, the edge and each isolated node")


@pytest.mark.parametrize("M", [1e-9, 1.0, 1e6])
def test_default_tolerance_is_n_eps_max(submission, M):
    """default tol = n·eps·max|λ|: on diag(0, 0.5·tol, 2·tol, M, …, M) exactly 2 eigenvalues count"""
    n = 10
    t = n * EPS * M
    L = np.diag([0.0, 0.5 * t, 2.0 * t] + [M] * 7)
    got = _count(submission, L)
    if got != 2:
        hint = ("smaller than n·eps·max|λ|: did you forget the factor n, or leave out max|λ| (an absolute eps)?"
                if got < 2 else "larger than n·eps·max|λ|: use the largest |eigenvalue|, not a norm such as "
                "‖L‖_F or a sum, and no extra factor")
        fail(f"Called {last_call()}; returned {got}; expected 2, because L is diagonal with eigenvalues 0, {0.5 * t:.3g}, "
             f"{2 * t:.3g} and seven times {M:g}, and the default tol = n·eps·max|λ| = 10·{EPS:.3g}·{M:g} = {t:.3g} "
             f"counts the first two. Your tolerance is {hint}.")


def test_explicit_tol_is_inclusive(submission):
    """an explicit tol is used as given, and an eigenvalue equal to tol counts (<=)"""
    L = np.diag([0.0, 1.0, 2.0, 3.0])
    _expect_components(submission, L, 3, "tol=2.0 and the eigenvalues 0, 1 and 2 are <= 2.0 (the comparison is "
                       "<=, and the tol you are given replaces the default)", tol=2.0)
    _expect_components(submission, L, 1, "tol=0.0 counts only the eigenvalue 0", tol=0.0)


@pytest.mark.parametrize("n", [1, 4])
def test_graph_without_edges(submission, n):
    """a graph without edges (L = 0): every node is a component"""
    got = _count(submission, np.zeros((n, n)))
    expect(got == n, got=got, expected=n,
           because=f"L is the zero matrix: all {n} eigenvalues are 0 and max|λ| = 0, so the default tol is 0 and "
                   "the test must be lam <= tol (with < nothing counts)")


def _block_graph(sizes, seed, scale):
    rng = np.random.default_rng(seed)
    n = sum(sizes)
    A = np.zeros((n, n))
    start = 0
    for s in sizes:
        for i in range(start, start + s - 1):  # a path keeps the block connected
            A[i, i + 1] = A[i + 1, i] = rng.uniform(0.5, 2.0)
        for _ in range(s):
            i, j = rng.integers(start, start + s, 2)
            if i != j:
                A[i, j] = A[j, i] = rng.uniform(0.5, 2.0)
        start += s
    return A * scale


@settings(max_examples=30, deadline=None)
@given(sizes=st.lists(st.integers(1, 12), min_size=1, max_size=5), seed=st.integers(0, 1000),
       log_scale=st.integers(-9, 8), normed=st.booleans())
def test_random_graphs_match_scipy(submission, sizes, seed, log_scale, normed):
    """random graphs of 1-5 connected blocks, weights at scales 1e-9 to 1e8: the count equals SciPy's"""
    A = _block_graph(sizes, seed, 10.0 ** log_scale)
    L = _lap(A, normed=normed)
    # len(sizes), not csgraph.connected_components(A): SciPy's dense input drops weights below 1e-8 as "no edge"
    _expect_components(submission, L, len(sizes), f"the graph has {len(sizes)} connected blocks of sizes {sizes}")
