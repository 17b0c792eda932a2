"""Tests of la4ml.factorizations.qr (Householder, Givens, MGS, CGS), householder_vector, givens_rotation
and lstsq_qr: against NumPy/SciPy/LAPACK on the zoo, by invariants (QᵀQ = I, QR = A), by the known growth
of the loss of orthogonality with κ, and by Hypothesis."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg.lapack import dlartg

import zoo
from la4ml.errors import DTypeError, InvalidParameterError, La4mlError, SingularMatrixError
from la4ml.factorizations import givens_rotation, householder_vector, lstsq_qr, qr

METHODS = ["householder", "givens", "mgs", "cgs"]
STABLE = ["householder", "givens"]
EPS = np.finfo(np.float64).eps
ANY_SHAPE = [z for z in zoo.ZOO if z.A.size > 0]
FULL_RANK_TALL = [z for z in zoo.ZOO if ("invertible" in z.tags or "full-rank" in z.tags) and z.A.shape[0] >= z.A.shape[1]]


def _eps(A):
    return np.finfo(np.float32 if A.dtype == np.float32 else np.float64).eps


def _c(A):
    """The size factor of the rounding bounds, 10·max(m, n) (Higham's bounds carry such a factor)."""
    return 10 * max(A.shape)


def _loss(Q):
    return np.linalg.norm(Q.T.astype(np.float64) @ Q - np.eye(Q.shape[1]), 2)


def _with_condition(m, n, kappa, seed):
    """U diag(s) Vᵀ with singular values from 1 down to 1/kappa: nearly dependent columns, κ known."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ V.T


def _numpy_positive(A, mode="reduced"):
    """NumPy's (LAPACK's) QR with the signs fixed so that R's diagonal is non-negative."""
    Q, R = np.linalg.qr(A.astype(np.float64), mode=mode)
    k = min(A.shape)
    d = np.where(np.diag(R)[:k] < 0, -1.0, 1.0)
    Q, R = Q.copy(), R.copy()
    Q[:, :k] *= d
    R[:k] *= d[:, None]
    return Q, R


def _methods_for(A):
    full_rank = np.linalg.matrix_rank(A.astype(np.float64)) == A.shape[1]
    return METHODS if (full_rank and A.shape[0] >= A.shape[1]) else STABLE


CASES = [(z, meth, mode) for z in ANY_SHAPE for meth in _methods_for(z.A) for mode in ("reduced", "complete")]


def _case_id(c):
    return f"{c[0].name}-{c[1]}-{c[2]}"


# ------------------------------------------------------------------ the factorization, on the zoo


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_shapes_dtype_triangle_and_reconstruction(case):
    """Shapes as numpy.linalg.qr (reduced (m,k),(k,n); complete (m,m),(m,n)), upper triangular R with a
    non-negative diagonal, float32 kept, and ‖A − QR‖ ≤ c·eps·‖A‖ for every method on every matrix."""
    z, method, mode = case
    A = z.A
    m, n = A.shape
    k = min(m, n)
    Q, R = qr(A, method=method, mode=mode)
    Qn, Rn = np.linalg.qr(A, mode=mode)
    assert Q.shape == Qn.shape and R.shape == Rn.shape
    assert Q.shape == ((m, k) if mode == "reduced" else (m, m))
    want = np.float32 if A.dtype == np.float32 else np.float64
    assert Q.dtype == want and R.dtype == want
    assert np.array_equal(R, np.triu(R)) and np.all(np.diag(R) >= 0)
    scale = max(np.linalg.norm(A.astype(np.float64)), np.finfo(np.float64).tiny)
    assert np.linalg.norm(A - Q.astype(np.float64) @ R) <= _c(A) * _eps(A) * scale


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in STABLE], ids=_case_id)
def test_stable_methods_orthogonal_whatever_kappa(case):
    """Householder and Givens: ‖QᵀQ − I‖ ≤ c·eps on every zoo matrix, ill-conditioned and rank-deficient too."""
    z, method, mode = case
    Q, _ = qr(z.A, method=method, mode=mode)
    assert _loss(Q) <= _c(z.A) * _eps(z.A)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", FULL_RANK_TALL, ids=zoo.ids)
def test_matches_numpy_with_the_sign_fix(case, method):
    """For full column rank, Q and R equal NumPy's with D = sign(diag R) applied (the unique positive-diagonal QR),
    to κ·c·eps for Q (κ² for CGS, whose Q is only as accurate as its orthogonality)."""
    A = case.A
    if method in ("householder", "givens", "mgs"):
        Q, R = qr(A, method=method)
    else:
        Q, R = qr(A, method=method)
    Qn, Rn = _numpy_positive(A)
    kappa = np.linalg.cond(A.astype(np.float64))
    power = 2 if method == "cgs" else 1
    tol = _c(A) * _eps(A) * kappa ** power
    assert np.linalg.norm(Q - Qn, 2) <= max(tol, _c(A) * _eps(A))
    assert np.linalg.norm(R - Rn, 2) <= max(tol, _c(A) * _eps(A)) * np.linalg.norm(A.astype(np.float64), 2)


@pytest.mark.parametrize("mode", ["reduced", "complete"])
@pytest.mark.parametrize("shape", [(7, 3), (3, 7), (4, 4), (1, 5), (5, 1)])
def test_householder_and_givens_agree_with_numpy_wide_and_tall(shape, mode):
    """Householder and Givens return NumPy's factors (sign-fixed) on tall, wide, square, one-row and one-column input
    (in complete mode the last m − k columns of Q are any orthonormal completion: only orthogonality is checked)."""
    A = np.random.default_rng(sum(shape)).standard_normal(shape)
    Qn, Rn = _numpy_positive(A, mode)
    k = min(shape)
    for method in STABLE:
        Q, R = qr(A, method=method, mode=mode)
        assert Q.shape == Qn.shape and _loss(Q) <= 100 * EPS
        assert np.allclose(Q[:, :k], Qn[:, :k], rtol=0, atol=100 * EPS) and np.allclose(R, Rn, rtol=0, atol=100 * EPS)


@pytest.mark.parametrize("method", ["mgs", "cgs"])
def test_gram_schmidt_complete_mode_completes_the_basis(method):
    """'complete' with Gram–Schmidt: the first n columns are the reduced Q, the rest complete an orthonormal basis."""
    A = np.random.default_rng(3).standard_normal((7, 3))
    Qr, Rr = qr(A, method=method)
    Q, R = qr(A, method=method, mode="complete")
    assert Q.shape == (7, 7) and R.shape == (7, 3)
    assert np.array_equal(Q[:, :3], Qr) and np.array_equal(R[:3], Rr) and not R[3:].any()
    assert _loss(Q) <= 70 * EPS


def test_worked_example():
    """The docstring's 3 × 2 example: R = [[5, 2.2], [0, 0.5]] by every method (hand-checkable), no -0.0 below."""
    A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]])
    for method in METHODS:
        Q, R = qr(A, method=method)
        assert np.allclose(R, [[5.0, 2.2], [0.0, 0.5]], rtol=0, atol=10 * EPS) and not np.signbit(R[1, 0])
        assert np.allclose(Q[:, 0], [0.6, 0.8, 0.0], rtol=0, atol=10 * EPS)


def test_defaults_are_householder_and_reduced():
    """qr(A) is qr(A, method='householder', mode='reduced'), bit for bit."""
    A = _with_condition(9, 4, 1e6, 0)
    Q, R = qr(A)
    Qh, Rh = qr(A, method="householder", mode="reduced")
    assert Q.shape == (9, 4) and np.array_equal(Q, Qh) and np.array_equal(R, Rh)


def test_does_not_modify_a():
    """A is left as it was, for every method."""
    A = _with_condition(6, 3, 1e3, 1)
    before = A.copy()
    for method in METHODS:
        qr(A, method=method, mode="complete")
    assert np.array_equal(A, before)


# ------------------------------------------------------------------ stability against the condition number


@pytest.mark.parametrize("kappa", [1e2, 1e5, 1e8, 1e11])
def test_loss_of_orthogonality_against_kappa(kappa):
    """‖QᵀQ − I‖: Householder and Givens ≤ c·eps at every κ; MGS between κ·eps/1000 and c·κ·eps; CGS ≤ c·κ²·eps
    (capped at 1) and above MGS by at least a factor of 10 once κ ≥ 1e5."""
    A = _with_condition(40, 8, kappa, 2)
    c = _c(A)
    for method in STABLE:
        assert _loss(qr(A, method=method)[0]) <= c * EPS
    mgs = _loss(qr(A, method="mgs")[0])
    assert kappa * EPS / 1000 <= mgs <= c * kappa * EPS
    if kappa <= 1e8:  # beyond, CGS's Q is no longer a basis (it may report the columns as dependent)
        cgs = _loss(qr(A, method="cgs")[0])
        assert cgs <= min(1.0, c * kappa**2 * EPS)
        if kappa >= 1e5:
            assert cgs >= 10 * mgs


def test_rank_deficient_householder_gives_a_zero_diagonal_entry_gram_schmidt_raises():
    """On a rank-2 matrix Householder still returns orthogonal Q with QR = A and a rounding-size R[2, 2];
    MGS and CGS raise SingularMatrixError (a LinAlgError) naming the column."""
    A = next(z.A for z in zoo.ZOO if z.name == "tall-rank2-6x4")
    Q, R = qr(A)
    assert _loss(Q) <= _c(A) * EPS
    assert abs(R[2, 2]) <= _c(A) * EPS * np.linalg.norm(A, 2)
    for method in ("mgs", "cgs"):
        with pytest.raises(np.linalg.LinAlgError, match="column"):
            qr(A, method=method)


# ------------------------------------------------------------------ the Householder reflector


@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e3, 1e3, allow_subnormal=False)))
@settings(max_examples=50, deadline=None)
@example(np.array([1.0, 1e-9, 1e-9]))
@example(np.array([-1.0, 1e-12]))
@example(np.array([0.0, 0.0, 0.0]))
@example(np.array([0.0, 2.0]))
@example(np.array([5.0]))
def test_householder_vector_maps_x_to_the_first_axis(x):
    """v is a unit vector, alpha = −sign(x₀)‖x‖, and (I − 2vvᵀ)x = alpha·e₁ to c·eps·‖x‖ (Hypothesis)."""
    v, alpha = householder_vector(x)
    norm_x = scipy.linalg.norm(x)  # BLAS nrm2: no underflow at 1e-200
    assert v.shape == x.shape and abs(np.linalg.norm(v) - 1) <= 4 * EPS
    assert alpha == pytest.approx(-(1.0 if x[0] >= 0 else -1.0) * norm_x, rel=4 * EPS, abs=0)
    Hx = x - 2 * v * (v @ x)
    e1 = np.zeros_like(x)
    e1[0] = alpha
    assert np.linalg.norm(Hx - e1) <= 10 * len(x) * EPS * norm_x


def test_householder_vector_near_e1_is_accurate_where_the_other_sign_is_not():
    """For x close to e₁ the stable sign zeros x[1:] to rounding; the cancelling choice u = x − ‖x‖e₁ does not."""
    x = np.array([1.0, 1e-9, -2e-9])
    v, alpha = householder_vector(x)
    assert np.linalg.norm((x - 2 * v * (v @ x))[1:]) <= 10 * EPS
    u = x.copy()
    u[0] -= np.linalg.norm(x)  # the cancelling choice
    u /= np.linalg.norm(u)
    assert np.linalg.norm((x - 2 * u * (u @ x))[1:]) > 1e-10


@pytest.mark.parametrize("scale", [1e-200, 1e-6, 1e6, 1e200])
def test_householder_vector_scale_invariant(scale):
    """v is the same at 1e-200, 1e-6, 1e6 and 1e200 times x, and alpha scales with x (no overflow or underflow)."""
    x = np.array([3.0, 4.0, -12.0])
    v1, a1 = householder_vector(x)
    v, a = householder_vector(scale * x)
    assert np.allclose(v, v1, rtol=4 * EPS, atol=0) and a == pytest.approx(a1 * scale, rel=4 * EPS)


def test_householder_vector_float32_and_worked_example():
    """x = (3, 4) gives alpha = −5 and v ∝ (8, 4); float32 input keeps float32."""
    v, alpha = householder_vector([3.0, 4.0])
    assert alpha == -5.0 and np.allclose(v, np.array([8.0, 4.0]) / np.sqrt(80), rtol=0, atol=4 * EPS)
    v32, _ = householder_vector(np.array([3.0, 4.0], dtype=np.float32))
    assert v32.dtype == np.float32


# ------------------------------------------------------------------ the Givens rotation


@given(st.floats(-1e6, 1e6, allow_subnormal=False), st.floats(-1e6, 1e6, allow_subnormal=False))
@settings(max_examples=50, deadline=None)
@example(0.0, 0.0)
@example(0.0, -2.0)
@example(-3.0, 0.0)
@example(3.0, 4.0)
def test_givens_rotation_zeros_b_and_agrees_with_lapack(a, b):
    """[[c, s], [−s, c]] @ [a, b] = [r, 0], c² + s² = 1, r = hypot(a, b) ≥ 0; LAPACK's dlartg gives the same G
    up to a common sign (Hypothesis)."""
    c, s, r = givens_rotation(a, b)
    assert r == pytest.approx(np.hypot(a, b), rel=2 * EPS) and r >= 0
    assert abs(c * c + s * s - 1) <= 4 * EPS
    assert abs(c * a + s * b - r) <= 4 * EPS * r and abs(-s * a + c * b) <= 4 * EPS * r
    cl, sl, rl = dlartg(a, b)
    if r > 0:
        sign = np.sign(rl) if rl != 0 else 1.0
        assert np.allclose([c, s, r], [sign * cl, sign * sl, sign * rl], rtol=4 * EPS, atol=4 * EPS)
    else:
        assert (c, s, r) == (1.0, 0.0, 0.0)


def test_givens_rotation_no_overflow_and_bad_input():
    """At 1e200 r = √2·1e200 (no overflow); NaN and non-numbers raise DTypeError naming the parameter."""
    c, s, r = givens_rotation(1e200, 1e200)
    assert r == pytest.approx(np.sqrt(2) * 1e200, rel=4 * EPS) and c == pytest.approx(np.sqrt(0.5), rel=4 * EPS)
    with pytest.raises(DTypeError, match="b must be"):
        givens_rotation(1.0, float("nan"))
    with pytest.raises(DTypeError, match="a must be"):
        givens_rotation("1", 2.0)


# ------------------------------------------------------------------ least squares


@pytest.mark.parametrize("kappa", [1.0, 1e4, 1e8])
@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_lstsq_qr_matches_numpy(kappa, scale):
    """lstsq_qr equals numpy.linalg.lstsq to c·eps·κ (zero-residual problem, so no κ² term), at 1e-6 and 1e6 scales."""
    A = scale * _with_condition(30, 5, kappa, 4)
    x_true = np.arange(1.0, 6.0)
    b = A @ x_true
    x = lstsq_qr(A, b)
    assert np.linalg.norm(x - x_true) <= _c(A) * EPS * max(kappa, 1) * np.linalg.norm(x_true)
    xn = np.linalg.lstsq(A, b, rcond=None)[0]
    assert np.linalg.norm(x - xn) <= 2 * _c(A) * EPS * max(kappa, 1) * np.linalg.norm(x_true)


def test_lstsq_qr_many_right_hand_sides_and_a_residual():
    """b of shape (m, p) gives x of shape (n, p), column by column equal to numpy.linalg.lstsq, with a nonzero residual."""
    rng = np.random.default_rng(5)
    A, B = rng.standard_normal((12, 3)), rng.standard_normal((12, 4))
    X = lstsq_qr(A, B)
    assert X.shape == (3, 4)
    assert np.allclose(X, np.linalg.lstsq(A, B, rcond=None)[0], rtol=0, atol=_c(A) * EPS * 10)
    assert np.allclose(lstsq_qr(A, B[:, 0]), X[:, 0], rtol=0, atol=_c(A) * EPS)


def test_lstsq_qr_beats_the_normal_equations_at_kappa_1e7():
    """At κ = 1e7 QR keeps about 9 digits on a zero-residual problem; the normal equations keep at most 3."""
    A = _with_condition(50, 6, 1e7, 6)
    x_true = np.ones(6)
    b = A @ x_true
    err_qr = np.linalg.norm(lstsq_qr(A, b) - x_true) / np.sqrt(6)
    err_ne = np.linalg.norm(np.linalg.solve(A.T @ A, A.T @ b) - x_true) / np.sqrt(6)
    assert err_qr <= 1e-7 and err_ne >= 1e-4


def test_lstsq_qr_errors():
    """Dependent columns, wide A and a mismatched b raise errors that name the problem and the fix."""
    A = next(z.A for z in zoo.ZOO if z.name == "tall-rank2-6x4")
    with pytest.raises(SingularMatrixError, match="numpy.linalg.lstsq"):
        lstsq_qr(A, np.ones(6))
    with pytest.raises(SingularMatrixError, match="more columns than rows"):
        lstsq_qr(np.ones((2, 3)), np.ones(2))
    with pytest.raises(ValueError, match="b must have length 6"):
        lstsq_qr(np.eye(6, 3), np.ones(5))
    with pytest.raises(ValueError, match="b must have 6 rows"):
        lstsq_qr(np.eye(6, 3), np.ones((5, 2)))


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("bad", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_input_raises_clear_errors(bad):
    """Empty, NaN, inf, 1-D, 3-D, strings, complex and ragged input raise la4ml errors (standard subclasses)."""
    _, A, exc = bad
    with pytest.raises(exc) as info:
        qr(A)
    assert isinstance(info.value, La4mlError) and "A" in str(info.value)


def test_bad_method_and_mode():
    """An unknown method or mode raises InvalidParameterError listing the allowed values."""
    with pytest.raises(InvalidParameterError, match="'householder', 'givens', 'mgs', 'cgs'"):
        qr(np.eye(2), method="lapack")
    with pytest.raises(InvalidParameterError, match="'reduced', 'complete'"):
        qr(np.eye(2), mode="r")


# ------------------------------------------------------------------ extreme scales (the fuzzer's findings)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_qr_extreme_scales_exact(method, scale):
    """A is scaled by a power of two inside: Q is bit-identical and R exactly scaled at 1e±300 (no overflow or underflow)."""
    A = _with_condition(8, 3, 10.0, 7)
    Q1, R1 = qr(A, method=method)
    s = 2.0 ** np.round(np.log2(scale))
    Q, R = qr(s * A, method=method)
    assert np.array_equal(Q, Q1) and np.array_equal(R, s * R1)


def test_overflowing_answers_raise_numeric_overflow():
    """Entries near the largest float whose column lengths overflow raise NumericOverflowError naming the fix."""
    from la4ml.errors import NumericOverflowError

    with pytest.raises(NumericOverflowError, match="rescale"):
        qr(np.full((4, 2), 1.7e308))
    with pytest.raises(NumericOverflowError, match="rescale"):
        householder_vector(np.full(3, -1.7e308))
    v, alpha = householder_vector(np.full(3, 1e300))
    assert alpha == pytest.approx(-np.sqrt(3) * 1e300, rel=4 * EPS)


def test_lstsq_qr_extreme_scales():
    """lstsq_qr with A, b at 2^500 (≈1e150) and A at 2^-500: x right to rounding; A at 2^-1000 with b at 2^1000
    (x ≈ 1e600) raises NumericOverflowError."""
    rng = np.random.default_rng(8)
    A, b = rng.standard_normal((10, 3)), rng.standard_normal(10)
    x = lstsq_qr(A, b)
    assert np.allclose(lstsq_qr(2.0**500 * A, 2.0**500 * b), x, rtol=100 * EPS, atol=0)
    assert np.allclose(lstsq_qr(2.0**-500 * A, b), 2.0**500 * x, rtol=100 * EPS, atol=0)
    from la4ml.errors import NumericOverflowError
    with pytest.raises(NumericOverflowError):
        lstsq_qr(2.0**-1000 * A, 2.0**1000 * b)
