"""Hidden tests of exercise 18.4 — fiedler(A) -> (lambda_2, v), the second-smallest eigenpair of D - A."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, expect, fail, function, last_call, show

EPS = np.finfo(float).eps


def _graph(edges, n, w=None):
    A = np.zeros((n, n))
    for k, (i, j) in enumerate(edges):
        A[i, j] = A[j, i] = 1.0 if w is None else w[k]
    return A


BRIDGE = _graph([(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)], 5)
KARATE = nx.to_numpy_array(nx.karate_club_graph(), nodelist=range(34), weight=None)
LESMIS = nx.to_numpy_array(nx.les_miserables_graph())  # weighted, 77 nodes


def _connected(n, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    A = np.triu((rng.random((n, n)) < 0.3) * rng.uniform(0.2, 3.0, (n, n)), 1)
    for i in range(n - 1):  # a weighted path keeps it connected
        A[i, i + 1] = max(A[i, i + 1], rng.uniform(0.2, 1.0))
    return (A + A.T) * scale


def _run(submission, A):
    f = function(submission, "fiedler")
    got = call(f, np.array(A, dtype=float))
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (lambda_2, v).")
    lam2, v = got
    if isinstance(lam2, (bool, np.bool_)) or not isinstance(lam2, (float, np.floating)):
        fail(f"Called {last_call()}; lambda_2 is {show(lam2)} of type {type(lam2).__name__}; expected a float "
             "(float(lam[1])).")
    try:
        v = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; v is {show(v)}; expected an array of {len(A)} numbers.")
    if v.shape != (len(A),):
        fail(f"Called {last_call()}; v has shape {v.shape}; expected ({len(A)},), one entry per node "
             "(a column of the eigenvector matrix, V[:, k], not a row V[k]).")
    return float(lam2), v


def _check(submission, A, *, tie=False):
    """Compare with eigh; name the eigenvector the learner took if it is the wrong one."""
    A = np.array(A, dtype=float)
    n = len(A)
    L = np.diag(A.sum(axis=1)) - A
    lam, V = np.linalg.eigh(L)
    lam2, v = _run(submission, A)
    scale = lam[-1]
    want = V[:, 1] * np.sign(V[np.argmax(np.abs(V[:, 1])), 1])
    tol_lam = 10 * n * EPS * scale
    gap = min(lam[2] - lam[1], lam[1] - lam[0])
    tol_v = 10 * n * EPS * scale / gap + 1e-12  # eigenvector accuracy ~ eps‖L‖ / gap
    norm = np.linalg.norm(v)
    if abs(norm - 1) > 1e-9:
        fail(f"Called {last_call()}; v has norm {norm:.6g}; expected a unit vector (norm 1), as np.linalg.eigh returns them.")
    cos = [abs(v @ V[:, k]) for k in range(n)]
    k = int(np.argmax(cos))
    if cos[k] > 1 - 1e-6 and k != 1:
        which = ("column 0, the CONSTANT eigenvector of the eigenvalue 0: it is the same on every node and splits "
                 "nothing" if k == 0 else
                 "the eigenvector of the LARGEST eigenvalue (column -1), which varies MOST across the edges"
                 if k == n - 1 else f"the eigenvector of the eigenvalue number {k} in ascending order")
        fail(f"Called {last_call()}; v is {which} (λ = {lam[k]:.6g}); expected the eigenvector of the SECOND-"
             f"smallest eigenvalue λ₂ = {lam[1]:.6g}. np.linalg.eigh sorts the eigenvalues in ascending order, so it "
             "is column 1 of V; np.linalg.eig does not sort them at all.")
    with np.errstate(divide="ignore", invalid="ignore"):
        d = A.sum(axis=1)
        s = 1 / np.sqrt(d)
        Ln = np.eye(n) - s[:, None] * A * s[None, :]
        lamn, Vn = np.linalg.eigh(Ln)
    if cos[1] < 1 - 1e-6 and abs(abs(v @ Vn[:, 1]) - 1) < 1e-6:
        fail(f"Called {last_call()}; v is the Fiedler vector of the NORMALIZED Laplacian I - D^(-1/2) A D^(-1/2); "
             "the task asks for the unnormalized L = D - A.")
    if cos[1] < 1 - 1e-6:
        fail(f"Called {last_call()}; v = {show(v)} is not an eigenvector of L = D - A for λ₂ = {lam[1]:.6g} "
             f"(its cosine with that eigenvector is {cos[1]:.6g}); expected {show(want)}.")
    if abs(lam2 - lam[1]) > tol_lam:
        j = int(np.argmin(np.abs(lam - lam2)))
        extra = f" — that is eigenvalue number {j} in ascending order" if abs(lam[j] - lam2) <= tol_lam else ""
        fail(f"Called {last_call()}; returned lambda_2 = {lam2:.10g}{extra}; expected {lam[1]:.10g}, the second-smallest "
             "eigenvalue of L = D - A, the one whose eigenvector you return.")
    if not tie and v[np.argmax(np.abs(v))] < 0:
        i = int(np.argmax(np.abs(v)))
        fail(f"Called {last_call()}; v = {show(v)} has its largest-magnitude entry v[{i}] = {v[i]:.6g} negative; the "
             "task fixes the sign so that this entry is POSITIVE (multiply v by np.sign(v[np.argmax(np.abs(v))])).")
    if tie:
        want = want * np.sign(want @ v)
    if np.max(np.abs(v - want)) > tol_v:
        fail(f"Called {last_call()}; v = {show(v)}; expected {show(want)}.")
    return lam2, v


def test_bridge_graph(submission):
    """a triangle joined to a pair by one edge: v is negative on the triangle, positive on the pair"""
    _, v = _check(submission, BRIDGE)
    expect(bool(np.all(v[:3] < 0) and np.all(v[3:] > 0)), got=v, expected="v < 0 on nodes 0-2, v > 0 on 3-4",
           because="the Fiedler vector cuts the graph at the bridge 2-3")


def test_path_graph_known_values(submission):
    """the path 0-1-2-3-4: λ₂ = 2 - 2cos(π/5), the Fiedler vector cos(π(i + ½)/5) up to sign"""
    n = 5
    A = _graph([(i, i + 1) for i in range(n - 1)], n)
    lam2, v = _check(submission, A, tie=True)
    exact = 2 - 2 * np.cos(np.pi / n)
    expect(abs(lam2 - exact) <= 20 * EPS, got=lam2, expected=exact, because="λ₂ of the path on n nodes is 2 - 2cos(π/n)")


def test_karate_club(submission):
    """Zachary's karate club (λ₂ ≈ 0.4685): the eigenpair numpy's eigh gives, with the sign rule"""
    _check(submission, KARATE)


def test_les_miserables_weighted(submission):
    """the weighted Les Misérables co-occurrence graph (77 nodes)"""
    _check(submission, LESMIS)


@pytest.mark.parametrize("scale", [1e-9, 1e6])
def test_weight_scales(submission, scale):
    """weights at scale 1e-9 and 1e6: λ₂ scales with them, v does not; neither is mistaken for disconnected"""
    _check(submission, _connected(30, 4, scale))


def test_long_path_tiny_weights_is_connected(submission):
    """a path of 30 nodes with weights 1e-9 is connected (λ₂ ≈ 1.1e-11 > 0): no ValueError"""
    A = 1e-9 * _graph([(i, i + 1) for i in range(29)], 30)
    f = function(submission, "fiedler")
    try:
        call(f, A)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            lam = np.linalg.eigvalsh(np.diag(A.sum(axis=1)) - A)
            fail(f"{fb}\nThe path is connected: λ₂ = {lam[1]:.3g} is small only because the weights are 1e-9, and it "
                 f"is far above the rounding level n·eps·λ_max = {30 * EPS * lam[-1]:.3g}. Compare λ₂ with that "
                 "RELATIVE tolerance, not with a fixed number such as 1e-10.")
        raise
    _check(submission, A, tie=True)


def _heavy_edge_and_path(seed):
    """An edge of weight 1e6 and, apart from it, a path of 10 unit edges (nodes shuffled): 2 components.

    λ_max = 2e6 but the second-largest eigenvalue is only about 3.9, and rounding leaves λ₂ at about ±1e-10:
    only a tolerance built on the LARGEST eigenvalue calls it zero, whatever sign rounding gives it."""
    n = 12
    A = _graph([(0, 1)] + [(i, i + 1) for i in range(2, n - 1)], n, w=[1e6] + [1.0] * (n - 3))
    p = np.random.default_rng(seed).permutation(n)
    return A[np.ix_(p, p)]


DISCONNECTED = {
    "two triangles": _graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)], 6),
    "two triangles, weights 1e6": 1e6 * _graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)], 6),
    "two karate clubs": np.block([[KARATE, np.zeros_like(KARATE)], [np.zeros_like(KARATE), KARATE]]),
    **{f"an edge of weight 1e6 beside a path, shuffled with seed {k}": _heavy_edge_and_path(k) for k in (1, 5, 6, 7)},
}


@pytest.mark.parametrize("name", list(DISCONNECTED))
def test_disconnected_raises(submission, name):
    """a disconnected graph raises ValueError: two triangles (weights 1 and 1e6), two karate clubs, a heavy edge beside a path"""
    A = DISCONNECTED[name]
    lam = np.linalg.eigvalsh(np.diag(A.sum(axis=1)) - A)
    f = function(submission, "fiedler")
    try:
        got = call(f, A)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        raise
    fail(f"Called {last_call()}; returned {show(got)}; expected ValueError, because the graph ({name}) has two "
         f"components: λ₂ = {lam[1]:.3g} is zero up to rounding (tol = n·eps·λ_max = {len(A) * EPS * lam[-1]:.3g}, "
         "with λ_max the LARGEST eigenvalue, lam[-1]). Compare λ₂ with "
         "that relative tolerance — `== 0` misses a rounding error, a fixed 1e-10 misses it at large weights.")


@settings(max_examples=20, deadline=None)
@given(n=st.integers(3, 25), seed=st.integers(0, 10_000))
def test_random_connected_graphs(submission, n, seed):
    """random weighted connected graphs: (λ₂, v) equal numpy's eigh, with the sign rule"""
    A = _connected(n, seed)
    lam = np.linalg.eigvalsh(np.diag(A.sum(axis=1)) - A)
    if min(lam[2] - lam[1], lam[1]) < 1e-6 * lam[-1]:
        return  # λ₂ (nearly) repeated: the vector is not determined
    _check(submission, A)
