"""Hidden tests of exercise 9.1 — subspace_dimensions(A, rtol=None), the rank counted from the singular values."""

import numbers

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
WORKED = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])  # rank 2, 3 x 4
SINGULAR_3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])  # rank 2, sigma_3 ~ 1e-16


def _orthonormal(rows, cols, seed):
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((rows, cols)))
    return Q


def _with_singular_values(m, n, s, seed=0):
    """An m x n matrix with the given singular values (len(s) <= min(m, n))."""
    k = len(s)
    return _orthonormal(m, k, seed) @ np.diag(s) @ _orthonormal(n, k, seed + 1).T


def _reference(A, rtol=None):
    m, n = A.shape
    s = np.linalg.svd(A, compute_uv=False)
    cut = (max(m, n) * EPS if rtol is None else rtol) * s.max()
    r = int(np.count_nonzero(s > cut))
    return (r, n - r, r, m - r), s, cut


def _explain(A, got, rtol, s, cut, probe):
    """Name the mistake that turns the correct count into the learner's, when one of the usual ones does.

    ``probe(kind)`` calls the learner's function once more on a matrix where that mistake shows for sure, and
    says whether it answered correctly there (which rules the mistake out)."""
    m, n = A.shape
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        return f"expected a tuple of four ints (r, n - r, r, m - r), got {show(got)}"
    r = got[0]
    if got[0] != got[2]:
        return ("the column space and the row space always have the same dimension r (column rank = row rank): "
                "the first and third entries must be equal")
    if got[0] + got[1] != n or got[2] + got[3] != m:
        if (got[1], got[3]) == (m - r, n - r):
            return (f"the null space and the left null space are swapped: A is {m} × {n}, so the null space lives in "
                    f"the input space R^{n} (dimension n - r = {n - r}) and the left null space in R^{m} (m - r = {m - r})")
        return (f"the dimensions do not add up: r + (n - r) must be n = {n} and r + (m - r) must be m = {m} "
                f"(A has shape {A.shape})")
    default = max(m, n) * EPS
    counts = {
        "zero": int(np.count_nonzero(s > 0)),
        "geq": int(np.count_nonzero(s >= cut)),
        "min": int(np.count_nonzero(s > min(m, n) * EPS * s.max())),
        "m_only": int(np.count_nonzero(s > m * EPS * s.max())),
        "n_only": int(np.count_nonzero(s > n * EPS * s.max())),
        "eps_only": int(np.count_nonzero(s > EPS * s.max())),
        "absolute": int(np.count_nonzero(s > (default if rtol is None else rtol))),
        "default_for_zero": int(np.count_nonzero(s > default * s.max())),
    }
    right = int(np.count_nonzero(s > cut))
    if r == counts["geq"] != right:
        return (f"a singular value equal to the cut-off {cut:.3g} must not count: keep those GREATER than the cut-off "
                "(s > cutoff, not s >= cutoff); for the zero matrix the cut-off is 0 and the rank is 0")
    if rtol == 0 and r == counts["default_for_zero"] != right:
        return ("rtol=0 was passed, so the cut-off is 0 · σ_max = 0 and every positive singular value counts; your "
                "function used the default instead (test `rtol is None`, not `not rtol`: 0 is falsy)")
    reasons = []  # several usual mistakes can give the same wrong count on one matrix: name each
    if r == counts["zero"] != right and not probe("zero"):
        reasons.append("you compared the singular values with 0: rounding leaves the 'zero' ones at about "
                       f"{s[-1]:.1e}, not 0. Count those greater than rtol · σ_max")
    if r == counts["absolute"] != right and not probe("absolute"):
        reasons.append(f"your cut-off does not scale with the matrix: it must be rtol · σ_max = {cut:.3g} "
                       f"(σ_max = {s.max():.3g}), not rtol itself; multiplying A by 1e6 must not change its rank")
    if rtol is None and r in (counts["min"], counts["m_only"], counts["n_only"], counts["eps_only"]) and r > right:
        reasons.append(f"the default cut-off is max(m, n) · eps · σ_max = {cut:.3g} for this {m} × {n} matrix; yours "
                       "is smaller (min(m, n) · eps, A.shape[0] · eps, A.shape[1] · eps and eps alone are all too "
                       "small for a wide or a tall matrix)")
    if rtol is None and r < right:
        reasons.append(f"your cut-off is too large: the default is exactly max(m, n) · eps · σ_max = {cut:.3g}, and "
                       f"σ_{r + 1} = {s[r]:.3g} is above it")
    if len(reasons) > 1:
        return "one of these: " + "; or ".join(reasons)
    return reasons[0] if reasons else ""


def _probe(f, kind):
    """True when the learner's function gets right a matrix on which mistake `kind` certainly shows."""
    A = WORKED if kind == "zero" else 1e6 * WORKED  # sigma_3 = 2.6e-16 > 0; at 1e6, sigma_3 = 5e-10 > a fixed 1e-10
    try:
        got = call(f, A.copy())
        return tuple(int(v) for v in got) == (2, 2, 2, 1)
    except Exception:
        return False


def _check(submission, A, because, rtol="default", expected_r=None):
    A = np.array(A, dtype=float)
    f = function(submission, "subspace_dimensions")
    got = call(f, A) if rtol == "default" else call(f, A, rtol=rtol)
    rtol_value = None if rtol == "default" else rtol
    expected, s, cut = _reference(A, rtol_value)
    if expected_r is not None:  # the test's own claim about this matrix: guard against a bad test
        assert expected[0] == expected_r, (expected, s)
    if isinstance(got, list) and len(got) == 4:
        got = tuple(got)
    if not isinstance(got, tuple) or len(got) != 4:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of four ints (r, n - r, r, m - r).")
    bad_type = [v for v in got if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Integral, np.integer))]
    if bad_type:
        fail(f"Called {last_call()}; returned {show(got)}; every entry must be an int (a dimension counts basis "
             f"vectors), but {show(bad_type[0])} is a {type(bad_type[0]).__name__}: convert with int(...).")
    if tuple(int(v) for v in got) != expected:
        desc = last_call()
        why = _explain(A, tuple(int(v) for v in got), rtol_value, s, cut, lambda kind: _probe(f, kind))
        svals = np.array2string(s, formatter={"float_kind": "{:.3g}".format}, max_line_width=10_000)
        fail(f"Called {desc}; returned {show(got)}; expected {expected}, because {because}. "
             f"The singular values are {svals} and the cut-off is {cut:.3g}." + (f" Mistake: {why}." if why else ""))


def test_worked_example(submission):
    """the lesson's 3 × 4 matrix [[1, 2, 0, 1], [0, 0, 1, 1], [1, 2, 1, 2]] gives (2, 2, 2, 1)"""
    _check(submission, WORKED, "row 3 = row 1 + row 2, so r = 2; n - r = 4 - 2 and m - r = 3 - 2", expected_r=2)


def test_exact_zero_is_not_the_test(submission):
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]] has rank 2 although its third computed singular value is not exactly 0"""
    _check(submission, SINGULAR_3, "row 3 = 2 · row 2 - row 1, so r = 2 (σ_3 is rounding noise)", expected_r=2)


@pytest.mark.parametrize("shape", [(2, 5), (5, 2)], ids=["wide-2x5", "tall-5x2"])
def test_non_square_rank_one(submission, shape):
    """a rank-1 matrix of shape 2 × 5 gives (1, 4, 1, 1) and of shape 5 × 2 gives (1, 1, 1, 4)"""
    A = np.outer([1.0, -2.0], [1.0, 0.0, 3.0, -1.0, 2.0])
    A = A if shape == (2, 5) else A.T
    m, n = A.shape
    _check(submission, A, f"every row is a multiple of one vector: r = 1, so the null space (in R^{n}) has "
           f"dimension {n - 1} and the left null space (in R^{m}) has dimension {m - 1}", expected_r=1)


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1e6, 1e12])
def test_scale_does_not_change_rank(submission, scale):
    """the lesson's 3 × 4 matrix times 1e-12, 1e-6, 1e6 or 1e12 still gives (2, 2, 2, 1)"""
    _check(submission, scale * WORKED, f"multiplying A by {scale:g} multiplies every singular value by {scale:g} but "
           "does not change the rank; the cut-off must scale with σ_max", expected_r=2)


def test_zero_matrix(submission):
    """the 3 × 2 zero matrix gives (0, 2, 0, 3): its cut-off is 0 and no singular value is above it"""
    _check(submission, np.zeros((3, 2)), "every x is sent to 0: rank 0, the null space is all of R^2 and the left "
           "null space all of R^3", expected_r=0)


def test_one_by_one(submission):
    """[[5]] gives (1, 0, 1, 0) and [[0]] gives (0, 1, 0, 1)"""
    _check(submission, [[5.0]], "a nonzero 1 × 1 matrix is invertible", expected_r=1)
    _check(submission, [[0.0]], "the 1 × 1 zero matrix has rank 0", expected_r=0)


@pytest.mark.parametrize("shape", [(2, 50), (50, 2)], ids=["wide-2x50", "tall-50x2"])
def test_default_cutoff_uses_max_of_m_and_n(submission, shape):
    """default cut-off max(m, n)·eps·σ_max on 2 × 50 and 50 × 2 matrices: σ_2 = 10·eps·σ_max is below it, 150·eps·σ_max above"""
    A = _with_singular_values(2, 50, [1.0, 10 * EPS], seed=5)
    A = A if shape == (2, 50) else A.T
    _check(submission, A, "σ_2 ≈ 2.2e-15 is below the default cut-off max(2, 50) · eps · σ_max ≈ 1.1e-14: rounding "
           "level for a matrix with 50 columns (or rows)", expected_r=1)
    A = _with_singular_values(2, 50, [1.0, 150 * EPS], seed=5)
    A = A if shape == (2, 50) else A.T
    _check(submission, A, "σ_2 ≈ 3.3e-14 is three times the default cut-off max(2, 50) · eps · σ_max ≈ 1.1e-14, so "
           "it counts", expected_r=2)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_rtol_is_relative(submission, scale):
    """with rtol=1e-4, singular values (1, 1e-2, 1e-5, 1e-9)·scale give rank 2 at scales 1e-6 and 1e6"""
    A = scale * _with_singular_values(10, 4, [1.0, 1e-2, 1e-5, 1e-9], seed=7)
    _check(submission, A, f"the cut-off is rtol · σ_max = 1e-4 · {scale:g}: two singular values are above it",
           rtol=1e-4, expected_r=2)


def test_rtol_other_values(submission):
    """rtol=1e-6 gives rank 3 and rtol=1e-10 rank 4 on the singular values (1, 1e-2, 1e-5, 1e-9)"""
    A = _with_singular_values(10, 4, [1.0, 1e-2, 1e-5, 1e-9], seed=7)
    _check(submission, A, "the cut-off 1e-6 · σ_max lies between 1e-5 and 1e-9", rtol=1e-6, expected_r=3)
    _check(submission, A, "the cut-off 1e-10 · σ_max lies below the smallest singular value", rtol=1e-10,
           expected_r=4)


def test_rtol_none_is_the_default(submission):
    """rtol=None passed explicitly means the default max(m, n)·eps"""
    _check(submission, SINGULAR_3, "rtol=None means the default cut-off, under which σ_3 ≈ 1e-16 is noise",
           rtol=None, expected_r=2)


def test_singular_value_exactly_at_the_cutoff(submission):
    """[[1, 0, 0], [0, 0.5, 0]] with rtol=0.5: σ_2 = 0.5 equals the cut-off and does not count, so (1, 2, 1, 1)"""
    A = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.0]])
    assert np.array_equal(np.linalg.svd(A, compute_uv=False), [1.0, 0.5])
    _check(submission, A, "a singular value counts only when it is GREATER than rtol · σ_max = 0.5", rtol=0.5,
           expected_r=1)
    _check(submission, A, "with rtol=0.4, σ_2 = 0.5 is above the cut-off 0.4", rtol=0.4, expected_r=2)


def test_rtol_zero_is_honoured(submission):
    """rtol=0 is a legal (if unwise) choice: every positive singular value counts, so [[1,2,3],[4,5,6],[7,8,9]] looks full rank"""
    s = np.linalg.svd(SINGULAR_3, compute_uv=False)
    if not s[-1] > 0:  # this machine's LAPACK returned an exact 0: nothing to test
        pytest.skip("σ_3 came out exactly 0 here")
    _check(submission, SINGULAR_3, f"with cut-off 0 · σ_max = 0, σ_3 = {s[-1]:.1e} > 0 counts", rtol=0.0,
           expected_r=3)


def test_does_not_call_matrix_rank(submission):
    """counts the singular values itself: still works when np.linalg.matrix_rank is unavailable"""
    f = function(submission, "subspace_dimensions")
    with blocked("numpy.linalg.matrix_rank", "torch.linalg.matrix_rank", "la4ml.spaces.numerical_rank",
                 "la4ml.spaces.fundamental_subspaces", "scipy.linalg.null_space", "scipy.linalg.orth",
                 reason="count the singular values above the cut-off yourself"):
        try:
            got = call(f, WORKED.copy())
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to count the singular values yourself: "
                     "s = np.linalg.svd(A, compute_uv=False), then the ones above rtol · s.max().")
            raise
    if tuple(int(v) for v in got) != (2, 2, 2, 1):
        fail(f"Called {last_call()}; returned {show(got)}; expected (2, 2, 2, 1).")


@st.composite
def rank_r(draw):
    m, n = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    r = draw(st.integers(0, min(m, n)))
    s = np.geomspace(1.0, 1e-3, r) if r else np.zeros(0)
    scale = draw(st.sampled_from([1e-8, 1.0, 1e8]))
    A = scale * _with_singular_values(m, n, s, seed=draw(st.integers(0, 2**20))) if r else np.zeros((m, n))
    return A, r


@settings(max_examples=30, deadline=None)
@given(case=rank_r())
@example(case=(np.zeros((1, 4)), 0))
def test_property_random_rank(submission, case):
    """random m × n matrices (m, n from 1 to 7) of rank r, at scales 1e-8, 1 and 1e8, give (r, n - r, r, m - r)"""
    A, r = case
    _check(submission, A, f"A was built with exactly {r} nonzero singular values (between 1e-3 and 1 times the "
           "scale)", expected_r=r)
