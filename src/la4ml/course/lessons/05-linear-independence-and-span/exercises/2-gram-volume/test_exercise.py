"""Hidden tests of exercise 5.2 — gram_volume(V) -> (G, volume)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect_close, fail, function, last_call, show


def _run(submission, V):
    f = function(submission, "gram_volume")
    V = np.array(V, dtype=float)
    got = call(f, V)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (G, volume): return G, volume")
    G, volume = got
    k = V.shape[1]
    try:
        G = np.asarray(G, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; G is {show(G)}, not an array of numbers.")
    if G.shape == (V.shape[0], V.shape[0]) and G.shape != (k, k):
        fail(f"Called {last_call()}; G has shape {G.shape}; expected ({k}, {k}), one row and column per vector. "
             f"You formed V @ V.T, which pairs up the {V.shape[0]} entries (rows); the Gram matrix of the columns "
             "is V.T @ V.")
    if G.shape != (k, k):
        fail(f"Called {last_call()}; G has shape {G.shape}; expected ({k}, {k}) for {k} vectors (columns).")
    try:
        volume = float(volume)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; volume is {show(volume)}; expected a single number.")
    return G, volume


def _check(submission, V):
    V = np.array(V, dtype=float)
    G, volume = _run(submission, V)
    if G.shape == (V.shape[0],) * 2 and np.allclose(G, V @ V.T) and not np.allclose(G, V.T @ V):
        fail(f"Called {last_call()}; G is {show(G)} = V @ V.T, the dot products of the ROWS of V; expected "
             f"{show(V.T @ V)} = V.T @ V, the dot products of the columns (the vectors).")
    G_true = V.T @ V
    expect_close(G, G_true, rtol=1e-9, atol=1e-12 * float(np.abs(G_true).max(initial=0.0)), what="G",
                 because="G[i, j] is the dot product of column i with column j: G = V.T @ V")
    s = np.linalg.svd(V, compute_uv=False)
    true_vol = float(np.prod(s)) if V.shape[1] <= V.shape[0] else 0.0
    box = float(np.prod(np.linalg.norm(V, axis=0)))  # the volume of a box with these edge lengths: the volume's scale
    if np.isnan(volume):
        fail(f"Called {last_call()}; volume is nan: det G came out slightly negative through rounding "
             f"({np.linalg.det(G):.2g}) and np.sqrt of a negative number is nan. The vectors are dependent, "
             "so the volume is 0: clip with max(det, 0.0) before the square root.")
    det_G = float(np.linalg.det(G))  # what np.linalg.det gives for YOUR G
    if det_G < 0 and volume != 0.0:
        fail(f"Called {last_call()}; volume is {volume:.3g}; expected exactly 0.0: det G = {det_G:.3g} is negative, "
             "which only rounding can do (a squared volume is never negative), so the vectors are dependent. "
             "np.sqrt(abs(det)) turns that noise into a positive 'volume'; clip instead: np.sqrt(max(det, 0.0)).")
    if true_vol > 1e-6 * box and np.isclose(volume, true_vol**2, rtol=1e-6) and not np.isclose(volume, true_vol, rtol=1e-6):
        fail(f"Called {last_call()}; volume is {volume:.10g} = det G; expected {true_vol:.10g}, its square root: det G "
             "is the SQUARED volume (for two vectors, (base · height)²).")
    if true_vol > 1e-6 * box and volume == 0.0:
        fail(f"Called {last_call()}; volume is 0.0; expected {true_vol:.10g}: the vectors are independent, only "
             f"{'short' if box < 1 else 'long'} (det G = {det_G:.3g}). Do not compare det G with a fixed small "
             "number: its size depends on the units (it scales with the 2k-th power of the lengths).")
    expect_close(volume, true_vol, rtol=1e-6, atol=1e-6 * box,
                 what="volume", because=f"the volume is sqrt(det G) = the product of the singular values of V, {show(s)}")


def test_parallelogram(submission):
    """for the columns (2, 0) and (1, 3): G = [[4, 2], [2, 10]] and area 6"""
    _check(submission, [[2.0, 1.0], [0.0, 3.0]])


def test_two_vectors_in_3d(submission):
    """for the columns (1, 0, 0) and (1, 1, 0) of a 3 × 2 matrix: G is 2 × 2 and the area is 1"""
    _check(submission, [[1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])


def test_single_vector_length(submission):
    """for one column (3, 4): G = [[25]] and the 'volume' is its length 5"""
    _check(submission, [[3.0], [4.0]])


def test_dependent_negative_rounding(submission):
    """for dependent columns whose det(VᵀV) rounds to a tiny negative number, volume is 0.0, not nan"""
    rng = np.random.default_rng(3)
    P = rng.standard_normal((3, 2))
    V = np.column_stack([P, P @ rng.standard_normal(2)])
    _check(submission, V)


def test_tiny_and_huge_vectors(submission):
    """the columns (2, 0), (1, 3) scaled by 1e-6 and by 1e6 give areas 6e-12 and 6e12 (no fixed threshold on det G)"""
    _check(submission, 1e-6 * np.array([[2.0, 1.0], [0.0, 3.0]]))
    _check(submission, 1e6 * np.array([[2.0, 1.0], [0.0, 3.0]]))


def test_dependent_at_large_scale(submission):
    """dependent columns with entries near 1e6 have volume 0 (up to rounding), however large det G's noise"""
    rng = np.random.default_rng(3)
    P = 1e6 * rng.standard_normal((3, 2))
    _check(submission, np.column_stack([P, P @ rng.standard_normal(2)]))


def test_box_in_3d(submission):
    """for three columns in ℝ³, the volume is |det V| (here 2 · 3 · 4 = 24 for a sheared box)"""
    V = np.array([[2.0, 1.0, 0.5], [0.0, 3.0, -1.0], [0.0, 0.0, 4.0]])
    _check(submission, V)


@st.composite
def matrices(draw):
    n = draw(st.integers(1, 5))
    k = draw(st.integers(1, n))
    return np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, k))


@settings(max_examples=25, deadline=None)
@given(V=matrices(), c=st.floats(-4, 4).filter(lambda c: abs(c) > 0.1))
def test_property_scaling_one_vector(submission, V, c):
    """on random vectors: G is VᵀV, and scaling one vector by c scales the volume by |c|"""
    _check(submission, V)
    W = V.copy()
    W[:, 0] *= c
    _, vol_v = _run(submission, V)
    _, vol_w = _run(submission, W)
    expect_close(vol_w, abs(c) * vol_v, rtol=1e-6, atol=1e-9, what="the volume after scaling column 0",
                 because=f"stretching one edge of the box by c = {c:.3g} multiplies its volume by |c|")
