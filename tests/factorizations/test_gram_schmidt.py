"""Tests of la4ml.factorizations.gram_schmidt (classical and modified) against NumPy's Householder QR,
by invariants, and by the known growth of the loss of orthogonality with the condition number."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import La4mlError, OutOfRangeError, SingularMatrixError
from la4ml.factorizations import gram_schmidt

METHODS = ["modified", "classical"]
FULL_RANK = [z for z in zoo.ZOO if ("invertible" in z.tags or "full-rank" in z.tags) and z.A.shape[0] >= z.A.shape[1]]
RANK_DEFICIENT = zoo.select("rank-deficient")
EPS = np.finfo(np.float64).eps


def _eps(A):
    return np.finfo(np.float32 if A.dtype == np.float32 else np.float64).eps


def _c(A):
    """The size factor of the rounding bounds: c(m, n) = 10·max(m, n) (Björck's bounds carry such a factor)."""
    return 10 * max(A.shape)


def _orthogonality_loss(Q):
    return np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2)


def _lauchli(delta, n=3):
    """Läuchli's matrix: a row of ones above delta·I; the columns are nearly parallel, κ ≈ √n / delta."""
    return np.vstack([np.ones((1, n)), delta * np.eye(n)])


def _with_condition(m, n, kappa, seed):
    """U diag(s) Vᵀ with singular values from 1 down to 1/kappa (a known condition number)."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ V.T


def _householder_positive(A):
    """NumPy's QR with the signs fixed so that R has a positive diagonal (then Q, R are unique)."""
    Q, R = np.linalg.qr(A.astype(np.float64))
    d = np.sign(np.diag(R))
    return Q * d, d[:, None] * R


# ------------------------------------------------------------------ the factorization, on the zoo


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", FULL_RANK, ids=zoo.ids)
def test_reconstructs_a_on_the_zoo(case, method):
    """Q R = A to rounding (‖A − QR‖ ≤ c·eps·‖A‖), for both variants, even on ill-conditioned input."""
    A = case.A
    Q, R = gram_schmidt(A, method=method)
    err = np.linalg.norm(A.astype(np.float64) - Q.astype(np.float64) @ R) / np.linalg.norm(A)
    assert err <= _c(A) * _eps(A)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", FULL_RANK, ids=zoo.ids)
def test_shapes_dtype_and_triangle(case, method):
    """Q is m × n, R is n × n upper triangular with a positive diagonal, and float32 stays float32."""
    A = case.A
    m, n = A.shape
    Q, R = gram_schmidt(A, method=method)
    assert Q.shape == (m, n) and R.shape == (n, n)
    want = np.float32 if A.dtype == np.float32 else np.float64
    assert Q.dtype == want and R.dtype == want
    assert np.array_equal(R, np.triu(R)) and np.all(np.diag(R) > 0)


@pytest.mark.parametrize("case", FULL_RANK, ids=zoo.ids)
def test_mgs_orthogonality_grows_like_kappa(case):
    """MGS: ‖QᵀQ − I‖ ≤ c·κ(A)·eps (Björck 1967), on every full-rank zoo matrix."""
    A = case.A
    Q, _ = gram_schmidt(A, method="modified")
    kappa = np.linalg.cond(A.astype(np.float64))
    assert _orthogonality_loss(Q.astype(np.float64)) <= _c(A) * kappa * _eps(A)


@pytest.mark.parametrize("case", FULL_RANK, ids=zoo.ids)
def test_cgs_orthogonality_grows_like_kappa_squared(case):
    """CGS: ‖QᵀQ − I‖ ≤ c·κ(A)²·eps (Giraud et al. 2005) wherever that bound says anything (< 1)."""
    A = case.A
    kappa = np.linalg.cond(A.astype(np.float64))
    bound = _c(A) * kappa**2 * _eps(A)
    if bound >= 1:
        pytest.skip(f"κ = {kappa:.1e}: the κ² bound is vacuous")
    Q, _ = gram_schmidt(A, method="classical")
    assert _orthogonality_loss(Q.astype(np.float64)) <= bound


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", FULL_RANK, ids=zoo.ids)
def test_matches_numpy_qr_with_positive_diagonal(case, method):
    """Q and R equal NumPy's Householder factors (signs fixed) within c·κ·eps (MGS) or c·κ²·eps (CGS)."""
    A = case.A
    kappa = np.linalg.cond(A.astype(np.float64))
    tol = _c(A) * _eps(A) * (kappa if method == "modified" else kappa**2)
    if tol >= 1:
        pytest.skip(f"κ = {kappa:.1e}: no digit of Q is guaranteed")
    Q, R = gram_schmidt(A, method=method)
    Q_ref, R_ref = _householder_positive(A)
    assert np.linalg.norm(Q - Q_ref, 2) <= tol
    assert np.linalg.norm(R - R_ref, 2) <= tol * np.linalg.norm(R_ref, 2)


def test_worked_example():
    """[[3, 1], [4, 2]]: q1 = (0.6, 0.8), R = [[5, 2.2], [0, 0.4]], by hand."""
    Q, R = gram_schmidt(np.array([[3.0, 1.0], [4.0, 2.0]]))
    np.testing.assert_allclose(R, [[5.0, 2.2], [0.0, 0.4]], rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(Q, [[0.6, -0.8], [0.8, 0.6]], rtol=1e-14, atol=1e-15)


def test_default_method_is_modified():
    """With no method the result is MGS's, bit for bit (and it differs from CGS's on Läuchli's matrix)."""
    A = _lauchli(1e-8)
    Q, R = gram_schmidt(A)
    Q_m, R_m = gram_schmidt(A, method="modified")
    assert np.array_equal(Q, Q_m) and np.array_equal(R, R_m)
    assert not np.allclose(Q, gram_schmidt(A, method="classical")[0], atol=1e-3)


# ------------------------------------------------------------------ loss of orthogonality


def test_lauchli_classical_loses_orthogonality_modified_does_not():
    """Läuchli, delta = 1e-8 (κ ≈ 1.7e8): CGS's QᵀQ is far from I (loss > 0.1), MGS's is within c·κ·eps."""
    A = _lauchli(1e-8)
    kappa = np.linalg.cond(A)
    loss_cgs = _orthogonality_loss(gram_schmidt(A, method="classical")[0])
    loss_mgs = _orthogonality_loss(gram_schmidt(A, method="modified")[0])
    assert loss_cgs > 0.1
    assert loss_mgs <= _c(A) * kappa * EPS
    # by hand: 1 + delta² rounds to 1, so CGS gives q2 = (0, -1, 1, 0)/√2 and q3 = (0, -1, 0, 1)/√2, q2ᵀq3 = 1/2
    Q = gram_schmidt(A, method="classical")[0]
    assert abs(Q[:, 1] @ Q[:, 2] - 0.5) < 1e-6


def test_slopes_of_loss_against_kappa():
    """Hilbert matrices n = 3…6 (κ ≈ 5e2 … 1.5e7): log(loss) grows with slope ≈ 2 in log κ for CGS, ≈ 1 for MGS."""
    kappas, losses = [], {m: [] for m in METHODS}
    for n in range(3, 7):
        H = scipy.linalg.hilbert(n)
        kappas.append(np.linalg.cond(H))
        for m in METHODS:
            losses[m].append(_orthogonality_loss(gram_schmidt(H, method=m)[0]))
    slope = {m: np.polyfit(np.log10(kappas), np.log10(losses[m]), 1)[0] for m in METHODS}
    assert 1.7 <= slope["classical"] <= 2.3, slope
    assert 0.7 <= slope["modified"] <= 1.3, slope


@pytest.mark.parametrize("kappa", [1e3, 1e4, 1e5, 1e6, 1e7, 1e8])
def test_classical_far_behind_modified(kappa):
    """On random 40 × 8 matrices with κ = 1e3 … 1e8, CGS loses at least 10 times more orthogonality than MGS."""
    A = _with_condition(40, 8, kappa, seed=int(np.log10(kappa)))
    loss = {m: _orthogonality_loss(gram_schmidt(A, method=m)[0]) for m in METHODS}
    assert loss["classical"] >= 10 * loss["modified"], loss
    assert loss["modified"] <= _c(A) * kappa * EPS


def test_hilbert_modified_stays_within_bound_classical_does_not():
    """Hilbert matrices n = 2…11: MGS within c·κ·eps every time; CGS above 0.5 from n = 7 (κ ≈ 4.8e8) on."""
    for n in range(2, 12):
        H = scipy.linalg.hilbert(n)
        kappa = np.linalg.cond(H)
        assert _orthogonality_loss(gram_schmidt(H)[0]) <= _c(H) * kappa * EPS
        if n >= 7:
            assert _orthogonality_loss(gram_schmidt(H, method="classical")[0]) > 0.5


# ------------------------------------------------------------------ dependent columns


def _first_dependent_column(A):
    """The first j with rank(A[:, :j+1]) <= j (NumPy's rank); m for a wide matrix, which is rejected by its shape."""
    m, n = A.shape
    if n > m:
        return m
    return next(j for j in range(n) if np.linalg.matrix_rank(A[:, : j + 1]) <= j)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", RANK_DEFICIENT, ids=zoo.ids)
def test_rank_deficient_zoo_names_the_first_dependent_column(case, method):
    """A dependent column raises SingularMatrixError (a LinAlgError) naming that column and the fix."""
    with pytest.raises(np.linalg.LinAlgError) as info:
        gram_schmidt(case.A, method=method)
    err = info.value
    assert isinstance(err, SingularMatrixError)
    assert err.column == _first_dependent_column(case.A)
    assert f"column {err.column} of A" in str(err)
    assert "column_basis" in str(err) and "pivoting=True" in str(err)


def test_dependent_column_message_says_combination_of_which():
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]]: column 2 = 2·column 1 − column 0 is called a combination of columns 0 to 1."""
    with pytest.raises(SingularMatrixError, match=r"column 2 of A is a linear combination of columns 0 to 1"):
        gram_schmidt([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    with pytest.raises(SingularMatrixError, match=r"column 1 of A is a linear combination of column 0:"):
        gram_schmidt([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    with pytest.raises(SingularMatrixError, match=r"column 1 of A is zero"):
        gram_schmidt([[1.0, 0.0], [2.0, 0.0]])


@pytest.mark.parametrize("method", METHODS)
def test_wide_matrix_raises_up_front(method):
    """More columns than rows: raises naming column m (the first that cannot be new) and the shape."""
    with pytest.raises(SingularMatrixError, match=r"3 columns in R\^2") as info:
        gram_schmidt(np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]), method=method)
    assert info.value.column == 2


@pytest.mark.parametrize("scale", [1e-200, 1e-6, 1.0, 1e6, 1e200])
@pytest.mark.parametrize("method", METHODS)
def test_dependence_threshold_is_relative(scale, method):
    """[[1, 1], [0, δ]]·s: δ = 1e-14 passes and δ = 1e-15 raises (threshold 10·2·eps ≈ 4.4e-15), at every scale s."""
    for delta, dependent in ((1e-14, False), (1e-15, True)):
        A = scale * np.array([[1.0, 1.0], [0.0, delta]])
        if dependent:
            with pytest.raises(SingularMatrixError):
                gram_schmidt(A, method=method)
        else:
            Q, R = gram_schmidt(A, method=method)
            np.testing.assert_allclose(Q, np.eye(2), atol=1e-15)
            np.testing.assert_allclose(R / scale, [[1.0, 1.0], [0.0, delta]], rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_dependence_threshold_scales_with_the_larger_dimension(method):
    """A tall 10 × 2 matrix: the threshold is 10·max(m, n)·eps ≈ 2.2e-14, so δ = 3e-14 passes and δ = 1.5e-14 raises."""
    for delta, dependent in ((3e-14, False), (1.5e-14, True)):
        A = np.zeros((10, 2))
        A[0] = 1.0
        A[1, 1] = delta
        if dependent:
            with pytest.raises(SingularMatrixError):
                gram_schmidt(A, method=method)
        else:
            np.testing.assert_allclose(gram_schmidt(A, method=method)[1], [[1.0, 1.0], [0.0, delta]], rtol=1e-12)


def test_nearly_dependent_but_independent_column_is_kept():
    """Läuchli with delta = 1e-10 (κ ≈ 1.7e10) is independent: MGS factors it (‖A − QR‖ small) without raising."""
    A = _lauchli(1e-10)
    Q, R = gram_schmidt(A)
    assert np.linalg.norm(A - Q @ R) <= _c(A) * EPS * np.linalg.norm(A)


# ------------------------------------------------------------------ scaling, input, errors


@pytest.mark.parametrize("method", METHODS)
def test_column_scaling_changes_only_r(method):
    """Scaling the columns by powers of two (exact) leaves Q unchanged bit for bit and scales R's columns."""
    A = zoo.select("tall", "full-rank")[0].A
    D = np.array([2.0**-40, 2.0**10, 2.0**30])
    Q, R = gram_schmidt(A, method=method)
    Q2, R2 = gram_schmidt(A * D, method=method)
    assert np.array_equal(Q, Q2) and np.array_equal(R * D, R2)


@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_no_overflow_or_underflow(scale):
    """Entries of 1e±300 factor without overflow or underflow (lengths by BLAS nrm2): same Q as at scale 1."""
    A = zoo.select("tall", "full-rank")[0].A
    Q, R = gram_schmidt(A)
    Qs, Rs = gram_schmidt(scale * A)
    assert np.all(np.isfinite(Qs)) and np.all(np.isfinite(Rs))
    np.testing.assert_allclose(Qs, Q, atol=1e-14)
    np.testing.assert_allclose(Rs / scale, R, rtol=1e-13)


def test_input_not_modified_and_lists_accepted():
    """A is not modified; nested lists and integer arrays work (computed in float64)."""
    A = np.array([[3.0, 1.0], [4.0, 2.0]])
    A0 = A.copy()
    gram_schmidt(A)
    gram_schmidt(A, method="classical")
    assert np.array_equal(A, A0)
    Q, R = gram_schmidt([[3, 1], [4, 2]])
    assert Q.dtype == np.float64
    np.testing.assert_allclose(Q @ R, A0)


def test_one_by_one_and_single_column():
    """[[−2]] gives Q = [[−1]], R = [[2]] (R's diagonal is positive); one column is just normalized."""
    Q, R = gram_schmidt([[-2.0]])
    assert Q.tolist() == [[-1.0]] and R.tolist() == [[2.0]]
    Q, R = gram_schmidt([[3.0], [4.0]])
    np.testing.assert_allclose(Q, [[0.6], [0.8]])
    np.testing.assert_allclose(R, [[5.0]])


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_inputs(case):
    """Empty, NaN, infinite, 1-D, 3-D, string, complex and ragged input raise la4ml errors of the standard types."""
    _, bad, exc = case
    with pytest.raises(exc) as info:
        gram_schmidt(bad)
    assert isinstance(info.value, La4mlError)


def test_bad_method():
    """An unknown method raises a ValueError listing the two valid ones."""
    with pytest.raises(OutOfRangeError, match=r"'modified' or 'classical', got 'householder'"):
        gram_schmidt(np.eye(2), method="householder")
    with pytest.raises(TypeError):
        gram_schmidt(np.eye(2), "classical")  # keyword-only


# ------------------------------------------------------------------ properties


@st.composite
def well_conditioned(draw):
    """An m × n matrix (1 ≤ n ≤ m ≤ 12) with singular values in [10^-k, 1], k ≤ 3, at a random scale."""
    m = draw(st.integers(1, 12))
    n = draw(st.integers(1, m))
    kappa = 10.0 ** draw(st.floats(0, 3))
    scale = 10.0 ** draw(st.integers(-100, 100))
    return scale * _with_condition(m, n, kappa, draw(st.integers(0, 2**32 - 1)))


@settings(max_examples=50, deadline=None, derandomize=True)
@given(A=well_conditioned(), method=st.sampled_from(METHODS))
@example(A=_lauchli(1e-2), method="classical")
def test_property_qr_invariants(A, method):
    """For any full-rank A (κ ≤ 1e3, any scale): QR = A, QᵀQ = I, R triangular, and NumPy's factors (signs fixed)."""
    Q, R = gram_schmidt(A, method=method)
    kappa = np.linalg.cond(A)
    tol = _c(A) * EPS * kappa ** (1 if method == "modified" else 2)
    assert np.linalg.norm(A - Q @ R) <= _c(A) * EPS * np.linalg.norm(A)
    assert _orthogonality_loss(Q) <= tol
    assert np.array_equal(R, np.triu(R)) and np.all(np.diag(R) > 0)
    Q_ref, _ = _householder_positive(A)
    assert np.linalg.norm(Q - Q_ref, 2) <= tol


@settings(max_examples=30, deadline=None, derandomize=True)
@given(A=well_conditioned(), j=st.integers(0, 11), seed=st.integers(0, 2**32 - 1))
def test_property_appended_combination_is_rejected(A, j, seed):
    """Appending a combination of the columns (or a zero column) to a full-rank A raises, naming the new column."""
    m, n = A.shape
    if n == m:
        A = A[:, :-1] if n > 1 else A
        m, n = A.shape
    if n == 0 or n >= m:
        return
    c = np.random.default_rng(seed).standard_normal(n) if j % 4 else np.zeros(n)
    B = np.column_stack([A, A @ c])
    with pytest.raises(SingularMatrixError) as info:
        gram_schmidt(B)
    assert info.value.column == n
