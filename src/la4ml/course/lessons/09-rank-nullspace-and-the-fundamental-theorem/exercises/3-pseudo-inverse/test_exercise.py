"""Hidden tests of exercise 9.3 — pseudo_inverse(A, rtol=None) from the SVD, with a relative cut-off."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
SINGULAR_3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])  # rank 2, sigma_3 ~ 1e-16
WORKED = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])  # rank 2, 3 x 4


def _with_singular_values(m, n, s, seed=0):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    V, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return U @ np.diag(s) @ V.T


def _run(submission, A, rtol="default"):
    f = function(submission, "pseudo_inverse")
    A = np.array(A, dtype=float)
    with np.errstate(all="ignore"):
        got = call(f, A) if rtol == "default" else call(f, A, rtol=rtol)
    if got is None:
        fail(f"Called {last_call()}; returned None. Did you forget to `return` the result?")
    try:
        P = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of numbers.")
    return A, P


def _diagnose(A, P, ref, rtol):
    """Name the usual mistake behind a wrong pseudo-inverse, or return ''."""
    m, n = A.shape
    U, s, Vh = np.linalg.svd(A, full_matrices=False)
    if P.shape == (m, n) and m != n:
        return (f"the result has shape {P.shape}; A⁺ of an {m} × {n} matrix is {n} × {m}. A⁺ = V Σ⁺ Uᵀ: from "
                "U, s, Vh = np.linalg.svd(A), that is (Vh[:r].T / s[:r]) @ U[:, :r].T, not U Σ⁺ Vh")
    if P.shape != (n, m):
        return f"the result has shape {P.shape}; A⁺ of an {m} × {n} matrix is {n} × {m}"
    if not np.all(np.isfinite(P)):
        return ("the result contains inf or NaN: you divided by a singular value that is 0. Invert only the "
                "singular values greater than the cut-off rtol · σ_max (strictly greater: for the zero matrix "
                "the cut-off is 0, and nothing is inverted)")
    big = max(np.abs(ref).max(), 1.0)
    if np.abs(P).max() > 1e6 * big:
        kept = s[s > 0]
        return (f"the result has entries as large as {np.abs(P).max():.1e} (A⁺'s largest is {np.abs(ref).max():.3g}): you "
                f"inverted a singular value that is below the cut-off {(max(m, n) * EPS if rtol is None else rtol) * s.max():.2g} "
                f"— the smallest singular value is {kept.min() if kept.size else 0:.2g}, rounding noise, and 1/σ "
                "blows it up. Keep only s > rtol · s.max() — a cut-off relative to σ_max, which scales with A")
    wrong = not np.allclose(P, ref, rtol=1e-6, atol=1e-9 * big)
    if wrong and np.allclose(P, (Vh.T * s) @ U.T, rtol=1e-6, atol=1e-9 * big):
        return "you multiplied by the singular values instead of dividing: A⁺ = V Σ⁻¹ Uᵀ over the kept σ_i"
    if wrong and s.size and np.allclose(P, (Vh.T / np.where(s > 0, s, 1) ** 2 * (s > 0)) @ U.T, rtol=1e-6, atol=1e-9 * big):
        return "you divided by σ_i², not σ_i (σ_i² are the eigenvalues of AᵀA): A⁺ = V Σ⁻¹ Uᵀ"
    return ""


def _check(submission, A, because, rtol="default", tol=1e-8):
    A, P = _run(submission, A, rtol)
    rtol_value = None if rtol == "default" else rtol
    ref = np.linalg.pinv(A, rtol=rtol_value)
    why = _diagnose(A, P, ref, rtol_value)
    if why:
        fail(f"Called {last_call()}; {why}. ({because}.)")
    scale = max(np.abs(ref).max(), 1e-300)
    if not np.allclose(P, ref, rtol=tol, atol=tol * scale):
        i, j = np.unravel_index(np.argmax(np.abs(P - ref)), P.shape)
        fail(f"Called {last_call()}; A⁺[{i}, {j}] = {P[i, j]:.10g}, expected {ref[i, j]:.10g} (np.linalg.pinv(A, "
             f"rtol={rtol_value})); result {show(P)}. ({because}.)")
    return A, P


def test_row_vector(submission):
    """[[1, 1]] (x1 + x2 = b) has A⁺ = [[0.5], [0.5]]: the shortest solution of x1 + x2 = 2 is (1, 1)"""
    _check(submission, [[1.0, 1.0]], "A⁺ b = (b/2, b/2) is the solution of x1 + x2 = b closest to the origin")


def test_invertible_is_inverse(submission):
    """for an invertible 3 × 3 matrix, A⁺ = A⁻¹"""
    A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.5, 1.0, 4.0]])
    A_, P = _check(submission, A, "an invertible matrix's pseudo-inverse is its inverse")


@pytest.mark.parametrize("shape", [(5, 3), (3, 5)], ids=["tall-5x3", "wide-3x5"])
def test_non_square_full_rank(submission, shape):
    """a full-rank 5 × 3 matrix gives the 3 × 5 (AᵀA)⁻¹Aᵀ; a full-rank 3 × 5 gives the 5 × 3 Aᵀ(AAᵀ)⁻¹"""
    A = _with_singular_values(*shape, [3.0, 2.0, 0.5], seed=1)
    _check(submission, A, f"A⁺ of a {shape[0]} × {shape[1]} matrix is {shape[1]} × {shape[0]}")


def test_rank_deficient_cut_off(submission):
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]] (rank 2): σ_3 ≈ 1e-16 is not inverted, so no entry of A⁺ exceeds 1"""
    _check(submission, SINGULAR_3, "σ_3 is rounding noise below max(m, n) · eps · σ_max")


def test_worked_example_wide_rank_deficient(submission):
    """the lesson's 3 × 4 matrix of rank 2 gives the 4 × 3 pseudo-inverse np.linalg.pinv(A, rtol=None)"""
    _check(submission, WORKED, "A is 3 × 4 of rank 2")


def test_zero_matrix(submission):
    """the 2 × 3 zero matrix has the 3 × 2 zero matrix as pseudo-inverse (nothing to invert, no division by 0)"""
    _check(submission, np.zeros((2, 3)), "the cut-off is 0 · 0 = 0 and no singular value is greater than it")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """pseudo_inverse(c·A) = pseudo_inverse(A) / c for the rank-deficient [[1..9]] and the lesson's 3 × 4, c = 1e-6, 1e6"""
    _check(submission, scale * SINGULAR_3, f"multiplying A by {scale:g} divides A⁺ by {scale:g}; the cut-off must "
           "scale with σ_max")
    _check(submission, scale * WORKED, f"multiplying A by {scale:g} divides A⁺ by {scale:g}")


@pytest.mark.parametrize("shape", [(2, 50), (50, 2)], ids=["wide-2x50", "tall-50x2"])
def test_default_cutoff(submission, shape):
    """default cut-off max(m, n)·eps·σ_max: σ_2 = 10·eps is cut (NumPy's bare 1e-15 would invert it), 150·eps is kept"""
    A = _with_singular_values(2, 50, [1.0, 10 * EPS], seed=5)
    A = A if shape == (2, 50) else A.T
    _check(submission, A, "σ_2 ≈ 2.2e-15 is below the default cut-off max(2, 50) · eps · σ_max ≈ 1.1e-14 (note: "
           "it is above NumPy's older fixed rcond=1e-15)")
    A = _with_singular_values(2, 50, [1.0, 150 * EPS], seed=5)
    A = A if shape == (2, 50) else A.T
    A, P = _run(submission, A)
    sigma = np.linalg.svd(A, compute_uv=False)[1]
    got = np.linalg.norm(P, 2)
    if not abs(got * sigma - 1) < 0.1:
        fail(f"Called {last_call()}; ‖A⁺‖₂ = {got:.3g}, expected 1/σ_2 ≈ {1 / sigma:.3g}: σ_2 ≈ 3.3e-14 is three times "
             "the default cut-off max(m, n) · eps · σ_max ≈ 1.1e-14, so it must be inverted.")


def test_rtol(submission):
    """rtol=1e-4 on singular values 1, 1e-2, 1e-5 inverts two of them, like np.linalg.pinv(A, rtol=1e-4), at scale 1e3 too"""
    A = _with_singular_values(6, 4, [1.0, 1e-2, 1e-5], seed=4)
    _check(submission, A, "the cut-off is 1e-4 · σ_max: σ = 1e-5 is treated as 0", rtol=1e-4)
    _check(submission, 1e3 * A, "the cut-off is 1e-4 · σ_max: σ = 1e-2 is kept at every scale", rtol=1e-4)


def test_singular_value_at_the_cutoff(submission):
    """[[1, 0, 0], [0, 0.5, 0]] with rtol=0.5: σ_2 = 0.5 equals the cut-off and is not inverted"""
    A = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.0]])
    assert np.array_equal(np.linalg.svd(A, compute_uv=False), [1.0, 0.5])
    _check(submission, A, "only singular values GREATER than rtol · σ_max = 0.5 are inverted", rtol=0.5)
    _check(submission, A, "with rtol=0.4 both singular values are inverted", rtol=0.4)


def test_rtol_zero_is_honoured(submission):
    """rtol=0 (unwise but legal) inverts every positive singular value: [[1..9]]'s A⁺ then has entries above 1e13"""
    s = np.linalg.svd(SINGULAR_3, compute_uv=False)
    if not s[-1] > 0:
        pytest.skip("σ_3 came out exactly 0 here")
    A, P = _run(submission, SINGULAR_3, rtol=0.0)
    if not (np.all(np.isfinite(P)) and np.abs(P).max() > 1e13):
        fail(f"Called {last_call()}; the largest entry of the result is {np.abs(P).max():.3g}; with rtol=0 the cut-off "
             f"is 0 and σ_3 ≈ {s[-1]:.1e} must be inverted (entries ~1/σ_3). Test `rtol is None`, not `not rtol`: "
             "0 is falsy.")


def test_from_scratch(submission):
    """builds A⁺ from the SVD itself: still works when np.linalg.pinv, scipy.linalg.pinv and lstsq are unavailable"""
    f = function(submission, "pseudo_inverse")
    with blocked("numpy.linalg.pinv", "scipy.linalg.pinv", "scipy.linalg.pinvh", "numpy.linalg.lstsq",
                 "scipy.linalg.lstsq", "torch.linalg.pinv", "torch.linalg.lstsq", "la4ml.spaces.pinv",
                 reason="build A⁺ = V_r Σ_r⁻¹ U_rᵀ from np.linalg.svd yourself"):
        try:
            got = call(f, SINGULAR_3.copy())
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build A⁺ from np.linalg.svd yourself; use np.linalg.pinv only "
                     "afterwards, to compare.")
            raise
    if not np.allclose(np.asarray(got, dtype=float), np.linalg.pinv(SINGULAR_3, rtol=None), atol=1e-8):
        fail(f"Called {last_call()}; returned {show(got)}; expected np.linalg.pinv(A, rtol=None).")


@st.composite
def rank_deficient(draw):
    m, n = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    r = draw(st.integers(0, min(m, n)))
    s = np.geomspace(1.0, 1e-3, r)
    scale = draw(st.sampled_from([1e-6, 1.0, 1e6]))
    return scale * _with_singular_values(m, n, s, seed=draw(st.integers(0, 2**20))) if r else np.zeros((m, n))


@settings(max_examples=30, deadline=None)
@given(A=rank_deficient())
@example(A=np.zeros((1, 3)))
@example(A=1e6 * np.outer([1.0, 2.0, 3.0], [1.0, -1.0]))
def test_property_penrose(submission, A):
    """on random m × n matrices of every rank at scales 1e-6, 1, 1e6: the four Penrose conditions hold"""
    A, P = _run(submission, A)
    ref = np.linalg.pinv(A, rtol=None)
    why = _diagnose(A, P, ref, None)
    if why:
        fail(f"Called {last_call()}; {why}.")
    a, p = max(np.abs(A).max(), 1e-300), max(np.abs(ref).max(), 1e-300)
    conditions = [
        ("A A⁺ A = A", A @ P @ A, A, a),
        ("A⁺ A A⁺ = A⁺", P @ A @ P, P, p),
        ("(A A⁺)ᵀ = A A⁺", (A @ P).T, A @ P, 1.0),
        ("(A⁺ A)ᵀ = A⁺ A", (P @ A).T, P @ A, 1.0),
    ]
    for name, left, right, size in conditions:
        if not np.allclose(left, right, rtol=0, atol=1e-7 * size):
            fail(f"Called {last_call()}; the Penrose condition {name} fails (off by {np.abs(left - right).max():.2e}, "
                 f"on entries of size {size:.2g}); result {show(P)}, expected {show(ref)}.")
    if not np.allclose(P, ref, rtol=1e-7, atol=1e-7 * p):
        fail(f"Called {last_call()}; returned {show(P)}; expected np.linalg.pinv(A, rtol=None) = {show(ref)}.")
