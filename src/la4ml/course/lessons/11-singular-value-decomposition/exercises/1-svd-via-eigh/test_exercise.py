"""Hidden tests of exercise 11.1 — svd_via_eigh(A): the thin SVD from eigh(AᵀA), from scratch."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
SVD_ROUTINES = ("numpy.linalg.svd", "numpy.linalg.svdvals", "scipy.linalg.svd", "scipy.linalg.svdvals",
                "scipy.sparse.linalg.svds", "torch.linalg.svd", "torch.linalg.svdvals", "torch.svd",
                "torch.svd_lowrank", "sklearn.utils.extmath.randomized_svd")


def _with_singular_values(m, n, s, seed):
    rng = np.random.default_rng(seed)
    Uq, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    Vq, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return (Uq * np.asarray(s, dtype=float)) @ Vq.T


def _run(submission, A):
    return call(function(submission, "svd_via_eigh"), np.array(A, dtype=float))


def _as_real_array(x, what):
    if x is None:
        fail(f"Called {last_call()}; {what} is None. Did you forget to return it?")
    arr = np.asarray(x.detach().cpu().numpy() if hasattr(x, "detach") else x)
    if np.iscomplexobj(arr):
        fail(f"Called {last_call()}; {what} is complex ({show(arr)}). Singular values are real and come from "
             "np.linalg.eigh of the symmetric matrix A.T @ A — np.linalg.eig(A) gives the eigenvalues of A itself, "
             "which are not its singular values (and are complex for a rotation-like A).")
    try:
        return arr.astype(float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; {what} is {show(x)}, not an array of numbers.")


def _check_svd(submission, A, rtol=None):
    """Call svd_via_eigh on a full-rank A and explain the first thing wrong with (U, s, Vt)."""
    A = np.array(A, dtype=float)
    m, n = A.shape
    k = min(m, n)
    U0, s0, Vt0 = np.linalg.svd(A, full_matrices=False)
    kappa = s0[0] / s0[-1]
    tol = rtol if rtol is not None else 50 * max(m, n) * EPS * kappa**2   # the κ² accuracy of the AᵀA route
    try:
        got = _run(submission, A)
    except Feedback as fb:
        if "raised ValueError" not in str(fb):
            raise
        extra = (f" For this wide matrix AᵀA is {n} × {n}: its {n - m} smallest eigenvalues are 0 (up to rounding) "
                 f"and are not singular values; keep only the k = min(m, n) = {k} largest.") if m < n else ""
        fail(f"{fb}\nThis matrix has full rank: its singular values are {show(s0)} (σ_min/σ_max = {1 / kappa:.3g}, far "
             f"above the tolerance sqrt(max(m, n)·eps) = {np.sqrt(max(m, n) * EPS):.2g}), so it must not raise.{extra}")
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (U, s, Vt) of three arrays.")
    U, s, Vt = (_as_real_array(x, name) for x, name in zip(got, ("U", "s", "Vt")))

    # --- s: the singular values
    if s.ndim != 1:
        fail(f"Called {last_call()}; s has shape {s.shape}; expected a 1-D array of the {k} singular values "
             "(return s itself, not np.diag(s)).")
    if s.shape[0] != k:
        more = (f" A is {m} × {n}: AᵀA is {n} × {n} and has {n} eigenvalues, but only the {k} largest are σ²; "
                f"the other {n - k} are 0. Keep lam[:min(m, n)] after sorting largest first.") if s.shape[0] == n else ""
        fail(f"Called {last_call()}; s has {s.shape[0]} entries; the thin SVD of a {m} × {n} matrix has "
             f"k = min(m, n) = {k} singular values.{more}")
    close = lambda x, y: np.allclose(x, y, rtol=tol, atol=tol * s0[0])  # noqa: E731
    if not close(s, s0):
        if k > 1 and close(s, s0[::-1]):
            fail(f"Called {last_call()}; s = {show(s)} is in ascending order; singular values are listed largest "
                 f"first ({show(s0)}). np.linalg.eigh returns eigenvalues in ascending order: reverse them and their "
                 "eigenvectors (lam[::-1], V[:, ::-1]).")
        if close(s, s0**2) or close(np.sort(s)[::-1], s0**2):
            fail(f"Called {last_call()}; s = {show(s)} are the eigenvalues of AᵀA, which are the SQUARES σ²; "
                 f"expected σ = {show(s0)}: take np.sqrt of them.")
        if m == n:
            lam_A = np.abs(np.linalg.eigvals(A))
            if close(np.sort(np.abs(s))[::-1], np.sort(lam_A)[::-1]):
                fail(f"Called {last_call()}; s = {show(s)} are (the sizes of) the eigenvalues of A itself; the "
                     f"singular values are {show(s0)}. For a non-symmetric A they differ: use the eigenvalues of "
                     "A.T @ A, and take square roots.")
        fail(f"Called {last_call()}; s = {show(s)}; expected the singular values {show(s0)} (largest first), the "
             "square roots of the k largest eigenvalues of A.T @ A.")

    # --- Vt: right singular vectors as rows
    if Vt.shape != (k, n):
        if Vt.shape == (n, k) and k != n:
            fail(f"Called {last_call()}; the third result has shape {Vt.shape}: that is V. Return Vt = V.T, of "
                 f"shape ({k}, {n}), with the right singular vectors as rows.")
        if Vt.shape == (n, n) and k != n:
            fail(f"Called {last_call()}; Vt has shape {Vt.shape}: that is all {n} eigenvectors of AᵀA. The thin SVD "
                 f"keeps the {k} that belong to the largest eigenvalues: Vt of shape ({k}, {n}).")
        fail(f"Called {last_call()}; Vt has shape {Vt.shape}; expected ({k}, {n}).")
    gaps = np.abs(np.diff(s0))
    distinct = np.all(gaps > 1e-6 * s0[0])
    if distinct:
        vec_tol = 50 * max(m, n) * EPS * kappa**2 * s0[0] / (gaps.min() if gaps.size else s0[0]) + 1e-12
        dots_rows = np.abs(np.sum(Vt * Vt0, axis=1))
        if not np.allclose(dots_rows, 1, atol=vec_tol):
            if k == n and np.allclose(np.abs(np.sum(Vt.T * Vt0, axis=1)), 1, atol=vec_tol):
                fail(f"Called {last_call()}; the right singular vectors are the COLUMNS of your third result: you "
                     "returned V. Return Vt = V.T (rows are the vectors), so that U @ np.diag(s) @ Vt == A.")
            fail(f"Called {last_call()}; row i of Vt is not the right singular vector v_i (up to sign) for every i: "
                 "they are the eigenvectors of A.T @ A (the columns of eigh's second result), reordered like the "
                 "eigenvalues and transposed.")

    # --- U: left singular vectors as columns, paired with V
    if U.shape != (m, k):
        if U.shape == (m, m):
            fail(f"Called {last_call()}; U has shape {U.shape} (the full SVD's); the thin SVD's U is ({m}, {k}): "
                 "one column u_i = A v_i / σ_i per singular value.")
        fail(f"Called {last_call()}; U has shape {U.shape}; expected ({m}, {k}).")
    norms = np.linalg.norm(U, axis=0)
    if not np.allclose(norms, 1, atol=tol):
        if np.allclose(norms, s0, rtol=tol):
            fail(f"Called {last_call()}; the columns of U have lengths {show(norms)} = σ: you returned A @ V. Divide "
                 "each column by its singular value, u_i = A v_i / σ_i, to make it a unit vector.")
        fail(f"Called {last_call()}; the columns of U have lengths {show(norms)}; each u_i = A v_i / σ_i has length 1.")
    USVt = (U * s) @ Vt
    if not np.allclose(USVt, A, rtol=0, atol=tol * s0[0]):
        if distinct and np.allclose(np.abs(np.sum(U * U0, axis=0)), 1, atol=1e-6):
            fail(f"Called {last_call()}; each column of U is ±u_i and each row of Vt is ±v_i, but U @ diag(s) @ Vt ≠ A: "
                 "the signs of u_i and v_i are not paired. A singular pair may be flipped only together; compute "
                 "u_i = A v_i / σ_i from your own v_i instead of from a separate eigendecomposition of A @ A.T.")
        fail(f"Called {last_call()}; U @ np.diag(s) @ Vt differs from A by {np.abs(USVt - A).max():.3g} (entries of A "
             f"are up to {np.abs(A).max():.3g}); U must be A @ V / s.")
    return U, s, Vt


def _check_raises(submission, A, because):
    A = np.array(A, dtype=float)
    f = function(submission, "svd_via_eigh")
    try:
        with np.errstate(all="ignore"):
            got = call(f, A)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError, because {because}.")
    fail(f"Called {last_call()}; returned {show(got)}; expected it to raise ValueError, because {because}.")


# ------------------------------------------------------------------------------------------------ checks

def test_worked_example(submission):
    """[[2, 2], [-1, 2]] from the lesson: s = (3, 2), U Σ Vᵀ = A, each pair equal to the hand one up to sign"""
    U, s, Vt = _check_svd(submission, [[2.0, 2.0], [-1.0, 2.0]])
    U_hand = np.array([[2.0, -1.0], [1.0, 2.0]]) / np.sqrt(5)
    for i in range(2):
        if not np.isclose(abs(U[:, i] @ U_hand[:, i]), 1, atol=1e-10):
            fail(f"Called {last_call()}; u_{i + 1} = {show(U[:, i])}; expected ±{show(U_hand[:, i])}.")


def test_nonsymmetric_square(submission):
    """[[0, -2], [1, 0]] (eigenvalues ±1.414i): singular values 2 and 1, from AᵀA, not from eig(A)"""
    _check_svd(submission, [[0.0, -2.0], [1.0, 0.0]])
    _check_svd(submission, [[1.0, 3.0], [0.0, 1.0]])      # eigenvalues 1, 1; σ = (3.30, 0.30)


def test_tall(submission):
    """a tall 6 × 3 matrix: thin shapes (6, 3), (3,), (3, 3) and NumPy's singular values"""
    _check_svd(submission, _with_singular_values(6, 3, [4.0, 2.0, 1.0], 1))


def test_wide(submission):
    """a wide 2 × 5 and 3 × 7 matrix: shapes (m, m), (m,), (m, n) — only the m largest eigenvalues of AᵀA"""
    _check_svd(submission, [[1.0, 0.0, 2.0, 1.0, 0.0], [0.0, 3.0, 1.0, 0.0, 1.0]])
    _check_svd(submission, _with_singular_values(3, 7, [5.0, 3.0, 0.5], 2))


def test_one_by_one_and_vectors(submission):
    """a 1 × 1 matrix [[-3]] (σ = 3), a single row and a single column"""
    _check_svd(submission, [[-3.0]])
    _check_svd(submission, [[3.0, 4.0, 0.0]])
    _check_svd(submission, [[1.0], [-2.0], [2.0]])


def test_rank_deficient_raises(submission):
    """raises ValueError for rank-deficient matrices: a 5 × 3 of rank 2, its transpose, and the zero matrix"""
    R = np.array([[1.0, 2], [3, 4], [5, 6], [7, 8], [1, 0]]) @ np.array([[1.0, 0, 2], [0, 1, -1]])
    _check_raises(submission, R, "A has rank 2 < 3: σ₃ is rounding noise (or exactly 0 after clipping)")
    _check_raises(submission, R.T, "A has rank 2 < 3: the third eigenvalue of AᵀA is noise, ~1e-8·σ₁ after the "
                                   "square root, far below sqrt(max(m, n)·eps)·σ₁")
    _check_raises(submission, np.zeros((3, 2)), "every singular value of the zero matrix is 0, and 0 <= tol · 0 "
                                                "(compare with <=, not <)")


def test_tolerance_is_relative_large_scale(submission):
    """a rank-deficient matrix times 2²⁰ (≈ 1e6) still raises: the tolerance scales with σ₁"""
    R = np.array([[1.0, 2], [3, 4], [5, 6], [7, 8], [1, 0]]) @ np.array([[1.0, 0, 2], [0, 1, -1]])
    _check_raises(submission, R.T * 2.0**20,
                  "scaling A by 2²⁰ scales every σ alike: σ₃ ≈ 0.17 is still ~1e-8·σ₁ — noise. A fixed threshold "
                  "such as 1e-10 cannot see that; use s[-1] <= sqrt(max(m, n) * eps) * s[0]")


def test_tolerance_is_relative_small_scale(submission):
    """a well-conditioned matrix times 2⁻³⁰ (≈ 1e-9) does not raise, and its σ scale exactly"""
    A = np.array([[2.0, 2.0], [-1.0, 2.0]]) * 2.0**-30
    U, s, Vt = _check_svd(submission, A)
    W = np.array([[1.0, 0.0, 2.0, 1.0, 0.0], [0.0, 3.0, 1.0, 0.0, 1.0]]) * 2.0**-40
    _check_svd(submission, W)


def test_tolerance_boundary(submission):
    """20 × 2 with σ₂/σ₁ = 4e-8 raises (below sqrt(20·eps) ≈ 6.7e-8); with 1e-7 it does not"""
    _check_raises(submission, _with_singular_values(20, 2, [1.0, 4e-8], 0),
                  "σ₂/σ₁ = 4e-8 is below sqrt(max(m, n)·eps) = sqrt(20·2.2e-16) ≈ 6.7e-8 (use max(m, n) = 20, "
                  "not min(m, n) = 2)")
    A = _with_singular_values(20, 2, [1.0, 1e-7], 0)
    got = _run(submission, A)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (U, s, Vt).")
    s = _as_real_array(got[1], "s")
    if s.shape != (2,) or not np.allclose(s, [1.0, 1e-7], rtol=1e-2, atol=0):
        fail(f"Called {last_call()}; s = {show(s)}; expected about [1, 1e-7] (σ₂/σ₁ = 1e-7 is above the tolerance "
             "sqrt(20·eps) ≈ 6.7e-8, so this matrix counts as full rank).")


def test_from_scratch(submission):
    """builds the SVD itself: works when np.linalg.svd and every other SVD routine are blocked"""
    f = function(submission, "svd_via_eigh")
    A = np.array([[2.0, 2.0], [-1.0, 2.0]])
    with blocked(*SVD_ROUTINES, reason="the SVD must come from np.linalg.eigh(A.T @ A)"):
        try:
            got = call(f, A)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise builds the SVD from np.linalg.eigh(A.T @ A); use np.linalg.svd only "
                     "outside svd_via_eigh, to compare.")
            raise
    if not isinstance(got, (tuple, list)) or len(got) != 3 or not np.allclose(np.asarray(got[1], dtype=float), [3, 2]):
        fail(f"Called {last_call()}; returned {show(got)}; expected (U, [3, 2], Vt).")


@st.composite
def full_rank(draw):
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 7))
    k = min(m, n)
    s = sorted(draw(st.lists(st.floats(0.5, 5.0), min_size=k, max_size=k, unique=True)), reverse=True)
    scale = draw(st.sampled_from([2.0**-20, 1.0, 2.0**20]))
    return _with_singular_values(m, n, np.array(s) * scale, draw(st.integers(0, 2**32 - 1)))


@settings(max_examples=30, deadline=None)
@given(A=full_rank())
@example(A=np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
def test_property_random_full_rank(submission, A):
    """on random tall, wide and square full-rank matrices (scales 1e-6 to 1e6): NumPy's σ, orthonormal U and V, U Σ Vᵀ = A"""
    U, s, Vt = _check_svd(submission, A)
    k = len(s)
    for M, name in ((U.T @ U, "UᵀU"), (Vt @ Vt.T, "V Vᵀ")):
        if not np.allclose(M, np.eye(k), atol=1e-8):
            fail(f"Called {last_call()}; {name} = {show(M)} is not the identity: the singular vectors must be orthonormal.")
