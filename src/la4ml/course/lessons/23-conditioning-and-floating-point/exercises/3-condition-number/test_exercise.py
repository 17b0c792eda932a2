"""Hidden tests of exercise 23.3 — condition_number(A, p=2) from scratch, in the 2-, 1- and ∞-norms."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("numpy.linalg.cond", "numpy.linalg.norm", "scipy.linalg.norm", "torch.linalg.cond")


def _kappa(submission, A, *args, **kwargs):
    A = np.array(A, dtype=float)
    A0 = A.copy()
    with blocked(*LIBRARY, reason="compute the norms yourself"):
        try:
            got = call(function(submission, "condition_number"), A, *args, **kwargs)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for κ from scratch: singular values from np.linalg.svd, or sums of |A| "
                     "and |inv(A)|; use np.linalg.cond only to compare, outside your function.")
            raise
    if not np.array_equal(A, A0):
        fail(f"Called {last_call()}; it changed its input A; work on a copy.")
    try:
        return float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, κ(A).")


def _diagnose(A, p, got, ref):
    A = np.asarray(A, dtype=float)
    if got == np.inf and np.isfinite(ref):
        return (f"yours calls this matrix singular, but its smallest singular value is "
                f"{np.linalg.svd(A, compute_uv=False)[-1]:.3g}: tiny only because of the units. κ does not depend on the "
                "scale of A; return inf only when σ_min is exactly 0 (or inv fails), never below a fixed threshold.")
    if ref > 0 and np.isclose(got, 1 / ref, rtol=1e-8):
        return ("yours is 1/κ: σ_min / σ_max (or ‖A⁻¹‖/‖A‖ upside down). κ puts the LARGEST singular value on top; "
                "it is always >= 1. np.linalg.svd returns them in descending order: s[0] / s[-1].")
    if p == 2:
        if A.shape[0] == A.shape[1]:
            lam = np.abs(np.linalg.eigvals(A))
            if lam.min() > 0 and np.isclose(got, lam.max() / lam.min(), rtol=1e-8):
                return ("yours is |λ|_max / |λ|_min from the EIGENVALUES; κ₂ uses the SINGULAR values (they agree only "
                        "for symmetric matrices): np.linalg.svd(A, compute_uv=False).")
            try:
                fro = np.sqrt((A**2).sum()) * np.sqrt((np.linalg.inv(A) ** 2).sum())
                if np.isclose(got, fro, rtol=1e-8):
                    return "yours uses the Frobenius norm; κ₂ is σ_max / σ_min (the 2-norm is the largest singular value)."
            except np.linalg.LinAlgError:
                pass
    else:
        other = 0 if p == np.inf else 1
        try:
            swapped = np.abs(A).sum(axis=other).max() * np.abs(np.linalg.inv(A)).sum(axis=other).max()
            if np.isclose(got, swapped, rtol=1e-8):
                return ("yours uses " + ("column" if other == 0 else "row") + " sums; ‖A‖_1 is the largest absolute "
                        "COLUMN sum (np.abs(A).sum(axis=0).max()) and ‖A‖_∞ the largest absolute ROW sum (axis=1).")
        except np.linalg.LinAlgError:
            pass
        axis = 0 if p == 1 else 1
        try:
            signed = A.sum(axis=axis).max() * np.linalg.inv(A).sum(axis=axis).max()
            if np.isclose(got, signed, rtol=1e-8):
                return ("yours sums the signed entries; the norms sum ABSOLUTE values: np.abs(A).sum(axis=...).max(), "
                        "and the same for inv(A).")
        except np.linalg.LinAlgError:
            pass
        s = np.linalg.svd(A, compute_uv=False)
        if np.isclose(got, s[0] / s[-1], rtol=1e-8):
            return f"yours is κ₂ = σ_max/σ_min whatever p is; use the p you are given (p={p!r})."
    return "κ_p(A) = ‖A‖_p ‖A⁻¹‖_p."


def _check(submission, A, p, because, *, default=False):
    A = np.array(A, dtype=float)
    got = _kappa(submission, A) if default else _kappa(submission, A, p)
    ref = float(np.linalg.cond(A, p))
    if not np.isclose(got, ref, rtol=16 * A.shape[0] * EPS * max(ref, 1.0) + 1e-12):
        fail(f"Called {last_call()}; returned {got!r}; expected {ref!r}, because {because}. {_diagnose(A, p, got, ref)}")


NONNORMAL = [[1.0, 100.0], [0.0, 1.0]]
UNEVEN = [[1.0, 2.0, 0.0], [-3.0, 1.0, 1.0], [0.0, 4.0, 2.0]]


def test_diagonal(submission):
    """κ₂(diag(10, 0.1)) = 100: largest singular value over smallest, >= 1"""
    _check(submission, np.diag([10.0, 0.1]), 2, "the singular values are 10 and 0.1")


def test_default_p_is_2(submission):
    """the default p is 2: condition_number(A) on [[1, 100], [0, 1]] is σ_max/σ_min ≈ 1e4"""
    _check(submission, NONNORMAL, 2, "with p omitted, κ₂ is meant", default=True)


def test_nonnormal_not_eigenvalues(submission):
    """κ₂ of [[1, 100], [0, 1]] is about 1e4, although both eigenvalues are 1"""
    _check(submission, NONNORMAL, 2, "its singular values are about 100.01 and 0.0099998: a shear stretches far "
           "although it preserves areas (det = 1) and has eigenvalues 1, 1")


def test_hilbert(submission):
    """κ₂ of the 8 × 8 Hilbert matrix is about 1.5e10"""
    H = 1.0 / (np.arange(8)[:, None] + np.arange(8)[None, :] + 1.0)
    _check(submission, H, 2, "the Hilbert matrix is a classic ill-conditioned matrix")


def test_rectangular(submission):
    """κ₂ of a tall 5 × 2 and a wide 2 × 4 matrix uses their min(m, n) = 2 singular values"""
    rng = np.random.default_rng(3)
    _check(submission, rng.standard_normal((5, 2)), 2, "for a rectangular A, κ₂ = σ_max/σ_min over its 2 singular "
           "values (np.linalg.svd gives min(m, n) of them)")
    _check(submission, rng.standard_normal((2, 4)), 2, "for a wide A too: 2 singular values")


def test_one_norm(submission):
    """κ₁ uses the largest absolute COLUMN sums of A and A⁻¹ (a 3 × 3 matrix whose row and column sums differ)"""
    _check(submission, UNEVEN, 1, "‖A‖_1 is the largest absolute column sum")


def test_inf_norm(submission):
    """κ_∞ uses the largest absolute ROW sums of A and A⁻¹ (the same 3 × 3 matrix)"""
    _check(submission, UNEVEN, np.inf, "‖A‖_∞ is the largest absolute row sum")


def test_one_and_inf_of_nonnormal(submission):
    """κ₁ and κ_∞ of [[1, 100], [0, 1]] are both 101² = 10201"""
    _check(submission, NONNORMAL, 1, "‖A‖_1 = ‖A⁻¹‖_1 = 101")
    _check(submission, NONNORMAL, np.inf, "‖A‖_∞ = ‖A⁻¹‖_∞ = 101")


def test_scale_invariant(submission):
    """κ(c·A) = κ(A) for c = 1e-12, 1e-6 and 1e6, in every norm"""
    for c in (1e-12, 1e-6, 1e6):
        for p in (2, 1, np.inf):
            _check(submission, c * np.array(UNEVEN), p, f"scaling A by {c:g} scales A⁻¹ by {1 / c:g}: κ is unchanged")


def _expect_inf(submission, A, p, because):
    try:
        got = _kappa(submission, A, p)
    except Feedback as fb:
        if "LinAlgError" in str(fb) or "ZeroDivision" in str(fb):
            fail(f"{fb}\nA singular matrix has κ = inf: catch np.linalg.LinAlgError from np.linalg.inv (or test σ_min == 0) "
                 "and return np.inf, because " + because)
        raise
    if not got == np.inf:
        fail(f"Called {last_call()}; returned {got!r}; expected inf, because {because}.")


def test_exactly_singular(submission):
    """a singular matrix has κ = inf: diag(1, 0) for p = 2, 1 and ∞, and the zero matrix"""
    for p in (2, 1, np.inf):
        _expect_inf(submission, np.diag([1.0, 0.0]), p, "its smallest singular value is exactly 0: no inverse exists")
    _expect_inf(submission, np.zeros((3, 3)), 2, "every singular value of the zero matrix is 0")


def test_rank_deficient_gram(submission):
    """B Bᵀ with B of shape (4, 2) (rank 2 of 4) has κ₂ >= 1e14: singular up to rounding"""
    B = np.random.default_rng(5).standard_normal((4, 2))
    A = B @ B.T
    got = _kappa(submission, A, 2)
    if not got >= 1e14:
        fail(f"Called {last_call()}; returned {got!r}; expected at least 1e14 (np.linalg.cond gives "
             f"{np.linalg.cond(A):.3g}), because B Bᵀ has rank 2: two of its singular values are 0 up to rounding."
             + (" Yours is below 1: σ_min/σ_max is upside down." if got < 1 else ""))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6), p=st.sampled_from([2, 1, np.inf]),
       log_kappa=st.integers(0, 10))
@example(seed=0, n=1, p=1, log_kappa=0)
def test_property_matches_numpy(submission, seed, n, p, log_kappa):
    """on random square matrices with κ₂ from 1 to 1e10, every norm agrees with np.linalg.cond"""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((n, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    A = U @ np.diag(np.logspace(0, -log_kappa, n)) @ V.T
    _check(submission, A, p, "that is np.linalg.cond(A, p)")
