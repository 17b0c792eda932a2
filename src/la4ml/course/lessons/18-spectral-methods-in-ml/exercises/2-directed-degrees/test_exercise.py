"""Hidden tests of exercise 18.2 — degrees(A) -> (out, in) and out_degree_laplacian(A) on directed graphs."""

import numpy as np
import pytest
import scipy.sparse.csgraph as csgraph
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps
EXAMPLE = np.array([[0.0, 1.0, 1.0], [0.0, 3.0, 1.0], [1.0, 0.0, 0.0]])  # 0→1, 0→2, 1→2, 2→0, loop at 1


def _directed(n, seed, scale=1.0, loops=True):
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < 0.45) * rng.uniform(0.2, 3.0, (n, n))
    if not loops:
        np.fill_diagonal(A, 0.0)
    return A * scale


def _no_loops(A):
    B = A.copy()
    np.fill_diagonal(B, 0.0)
    return B


def _as_vector(v, n, what):
    try:
        v = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; {what} is {show(v)}; expected an array of {n} numbers.")
    if v.shape != (n,):
        fail(f"Called {last_call()}; {what} has shape {v.shape}; expected ({n},), one number per node.")
    return v


def _check_degrees(submission, A):
    f = function(submission, "degrees")
    got = call(f, A.copy())
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (out_degree, in_degree) of two arrays.")
    n = len(A)
    out, inn = _as_vector(got[0], n, "out_degree"), _as_vector(got[1], n, "in_degree")
    B = _no_loops(A)
    want_out, want_in = B.sum(axis=1), B.sum(axis=0)
    tol = 2 * n * EPS * max(np.abs(A).max(initial=0.0), 1e-300)
    close = lambda x, y: np.allclose(x, y, rtol=0, atol=tol)  # noqa: E731
    if not close(want_out, want_in) and close(out, want_in) and close(inn, want_out):
        fail(f"Called {last_call()}; returned out_degree = {show(out)}, in_degree = {show(inn)}; expected "
             f"out_degree = {show(want_out)}, in_degree = {show(want_in)}. They are swapped: A[i, j] is the edge "
             "i → j, so the edges LEAVING node i are row i (A.sum(axis=1)) and those ENTERING j are column j (axis=0).")
    if close(out, A.sum(axis=1)) and not close(out, want_out) or close(inn, A.sum(axis=0)) and not close(inn, want_in):
        fail(f"Called {last_call()}; returned out_degree = {show(out)}, in_degree = {show(inn)}; expected "
             f"{show(want_out)} and {show(want_in)}: you counted the self-loops A[i, i] (diagonal {show(np.diag(A))}). "
             "The task ignores them, as SciPy does: zero the diagonal of a copy of A first.")
    expect_close(out, want_out, rtol=0, atol=tol, what="out_degree",
                 because="the out-degree of i is the total weight of row i of A, without A[i, i]")
    expect_close(inn, want_in, rtol=0, atol=tol, what="in_degree",
                 because="the in-degree of j is the total weight of column j of A, without A[j, j]")


def _check_laplacian(submission, A):
    f = function(submission, "out_degree_laplacian")
    with blocked("scipy.sparse.csgraph.laplacian", reason="build D_out - A yourself; compare with SciPy afterwards"):
        try:
            got = call(f, A.copy())
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nBuild L = diag(out_degree) - A (diagonal removed) yourself; call "
                     "scipy.sparse.csgraph.laplacian(A, use_out_degree=True) only afterwards, to check.")
            raise
    n = len(A)
    try:
        L = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an n × n array.")
    if L.shape != A.shape:
        fail(f"Called {last_call()}; the result has shape {L.shape}; expected {A.shape}.")
    B = _no_loops(A)
    want = csgraph.laplacian(A, use_out_degree=True)
    tol = 2 * n * EPS * max(np.abs(A).max(initial=0.0), 1e-300)
    close = lambda x, y: np.allclose(x, y, rtol=0, atol=tol)  # noqa: E731
    if close(L, want):
        return L
    if close(L, np.diag(B.sum(axis=0)) - B):
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(want)}. Its COLUMNS sum to zero, not its "
             f"rows (row sums {show(L.sum(axis=1))}): you put the IN-degrees (column sums) on the diagonal. The "
             "out-degree of node i is the sum of ROW i, A.sum(axis=1).")
    if close(L, np.diag(B.sum(axis=1)) - B.T) or close(L, np.diag(B.sum(axis=0)) - B.T):
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(want)}: you subtracted A.T, the graph with "
             "every edge reversed. L[i, j] = -A[i, j] for the edge i → j.")
    if close(np.diag(L), np.diag(want)) is False and close(L - np.diag(np.diag(L)), want - np.diag(np.diag(want))):
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(want)}: the off-diagonal entries are right but "
             f"the diagonal is {show(np.diag(L))}, not the out-degrees without self-loops {show(B.sum(axis=1))}. "
             f"A self-loop (diagonal of A: {show(np.diag(A))}) is ignored: it neither adds to the degree nor is "
             "subtracted on the diagonal.")
    if close(L, -want):
        fail(f"Called {last_call()}; returned {show(L)}; expected {show(want)}: the signs are flipped (A - D instead "
             "of D - A).")
    expect_close(L, want, rtol=0, atol=tol, what="L",
                 because="it must equal scipy.sparse.csgraph.laplacian(A, use_out_degree=True)")
    return L


def test_degrees_example(submission):
    """degrees: 0→1, 0→2, 1→2, 2→0 with a self-loop at 1 gives out (2, 1, 1) and in (1, 1, 2)"""
    _check_degrees(submission, EXAMPLE)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_degrees_weighted(submission, scale):
    """degrees of a weighted directed graph with self-loops, at weight scales 1e-6, 1 and 1e6"""
    _check_degrees(submission, _directed(8, 1, scale))


def test_degrees_isolated_and_sink(submission):
    """a node with no edge has degrees 0 and 0; a sink has out-degree 0"""
    A = np.zeros((4, 4))
    A[0, 1] = A[2, 1] = 2.0
    A[3, 3] = 5.0  # only a self-loop: still isolated
    _check_degrees(submission, A)


def test_laplacian_example(submission):
    """out_degree_laplacian on the example: rows sum to zero, the self-loop ignored"""
    L = _check_laplacian(submission, EXAMPLE)
    expect_close(L.sum(axis=1), np.zeros(3), rtol=0, atol=8 * EPS, what="the row sums of L",
                 because="each row holds the out-degree and minus the edges leaving that node")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_laplacian_scales(submission, scale):
    """out_degree_laplacian at weight scales 1e-6 and 1e6, equal to SciPy's"""
    _check_laplacian(submission, _directed(7, 2, scale))


def test_laplacian_symmetric_graph(submission):
    """on an undirected (symmetric) graph it is the ordinary D - A"""
    A = _directed(6, 3, loops=False)
    _check_laplacian(submission, A + A.T)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_random_directed_graphs(submission, n, seed):
    """random weighted directed graphs with self-loops: degrees and Laplacian equal SciPy's"""
    A = _directed(n, seed)
    _check_degrees(submission, A)
    _check_laplacian(submission, A)
