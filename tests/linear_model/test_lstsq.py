"""lstsq(A, b, method=...): the normal equations, QR with pivoting and the SVD against NumPy and SciPy."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import (EmptyInputError, InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError,
                          SingularMatrixError)
from la4ml.linear_model import LstsqResult, lstsq

EPS = np.finfo(float).eps


def _with_singular_values(m, n, s, seed):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    V, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return U @ np.diag(s) @ V.T


def _rhs(A, seed=0, k=None):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(A.shape[0] if k is None else (A.shape[0], k))


def _tolerance(A, b, x, eps=EPS):
    """Perturbation bound of least squares: eps·(κ + κ²·‖r‖ / (‖A‖‖x‖)), times a size factor."""
    s = np.linalg.svd(A, compute_uv=False)
    r = np.linalg.matrix_rank(A)
    if r == 0 or not np.any(x):
        return 1e-12
    kappa = s[0] / s[r - 1]
    res = np.linalg.norm(b - A @ x)
    return 10 * max(A.shape) * eps * (kappa + kappa**2 * res / (s[0] * np.linalg.norm(x)))


@pytest.mark.parametrize("case", zoo.ZOO, ids=zoo.ids)
@pytest.mark.parametrize("method", ["qr", "svd"])
def test_zoo_matches_numpy_minimum_norm(case, method):
    """QR and SVD give NumPy's (minimum-norm) least-squares solution on every zoo matrix, within the LS error bound."""
    A = case.A
    b = _rhs(A).astype(A.dtype)
    x = lstsq(A, b, method=method)
    x_np = np.linalg.lstsq(A.astype(float), b.astype(float), rcond=None)[0]
    assert x.dtype == A.dtype and x.shape == (A.shape[1],)
    tol = _tolerance(A.astype(float), b.astype(float), x_np, eps=np.finfo(A.dtype).eps)
    assert np.linalg.norm(x - x_np) <= tol * max(np.linalg.norm(x_np), 1e-300) + 1e-300, (method, case.name)


@pytest.mark.parametrize("case", zoo.select("invertible", exclude=("ill-conditioned",)) + zoo.select("tall", "full-rank",
                         exclude=("ill-conditioned",)), ids=zoo.ids)
def test_zoo_normal_equations_on_full_column_rank(case):
    """The normal equations agree with scipy.linalg.lstsq on well-conditioned full-column-rank matrices."""
    A = case.A.astype(float)
    b = _rhs(A)
    x = lstsq(A, b, method="normal")
    x_sp = scipy.linalg.lstsq(A, b)[0]
    kappa = np.linalg.cond(A)
    assert np.linalg.norm(x - x_sp) <= 10 * A.shape[0] * EPS * kappa**2 * np.linalg.norm(x_sp)


@pytest.mark.parametrize("case", zoo.select("rank-deficient") + zoo.select("wide"), ids=zoo.ids)
def test_normal_equations_refuse_dependent_columns(case):
    """Dependent columns (rank deficient or wide): the normal equations raise SingularMatrixError naming qr/svd."""
    with pytest.raises(SingularMatrixError, match="method='qr' or method='svd'") as info:
        lstsq(case.A, _rhs(case.A).astype(case.A.dtype), method="normal")
    assert isinstance(info.value, np.linalg.LinAlgError)
    if case.A.shape[1] > case.A.shape[0]:
        assert "more columns" in str(info.value)


def test_worked_example_by_hand():
    """Three points (0, 1), (1, 2), (2, 4): the line 5/6 + 3/2 t, residual sum of squares 1/6, by every method."""
    A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, 2.0, 4.0])
    for method in ["qr", "svd", "normal"]:
        x, rss, rank = lstsq(A, b, method=method, full_output=True)
        assert np.allclose(x, [5 / 6, 3 / 2], rtol=10 * EPS, atol=0)
        assert np.isclose(rss, 1 / 6, rtol=100 * EPS) and rank == 2
        assert isinstance(rss, np.floating)


def test_default_method_is_qr():
    """The default method is QR: on a rank-deficient matrix it answers where the normal equations cannot."""
    A = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])  # column 2 = 2 × column 1
    b = np.array([1.0, 2.0, 2.0])
    x, _, rank = lstsq(A, b, full_output=True)
    assert rank == 1
    assert np.allclose(x, np.linalg.pinv(A) @ b, rtol=1e-13)
    with pytest.raises(SingularMatrixError):
        lstsq(A, b, method="normal")


@pytest.mark.parametrize("method", ["qr", "svd"])
def test_rank_deficient_gives_minimum_norm(method):
    """Rank 2 in 5 columns: QR's complete orthogonal decomposition and the SVD give pinv(A) b, rank 2."""
    A = _with_singular_values(8, 5, [4.0, 0.5], 1)
    b = _rhs(A, 1)
    res = lstsq(A, b, method=method, full_output=True)
    assert isinstance(res, LstsqResult) and res.rank == 2
    assert np.allclose(res.x, np.linalg.pinv(A) @ b, rtol=1e-12, atol=0)
    assert np.isclose(res.rss, np.sum((b - A @ res.x) ** 2), rtol=1e-12)


@pytest.mark.parametrize("method", ["qr", "svd"])
def test_rank_deficient_several_right_hand_sides(method):
    """Rank 2 in 4 columns with b of shape (m, 3): each column is pinv(A) b[:, j], rss per column."""
    A = _with_singular_values(9, 4, [2.0, 0.3], 11)
    B = _rhs(A, 11, k=3)
    X, rss, rank = lstsq(A, B, method=method, full_output=True)
    assert rank == 2 and X.shape == (4, 3) and rss.shape == (3,)
    assert np.allclose(X, np.linalg.pinv(A) @ B, rtol=1e-12, atol=1e-14)
    assert np.allclose(rss, np.sum((B - A @ X) ** 2, axis=0), rtol=1e-12)


@pytest.mark.parametrize("method", ["qr", "svd"])
def test_wide_gives_minimum_norm_interpolant(method):
    """A wide full-row-rank system is solved exactly (rss at rounding level) with the minimum-norm x."""
    A = np.random.default_rng(2).standard_normal((3, 7))
    b = np.array([1.0, -2.0, 0.5])
    x, rss, rank = lstsq(A, b, method=method, full_output=True)
    assert rank == 3 and np.allclose(A @ x, b, rtol=0, atol=100 * EPS)
    assert np.allclose(x, np.linalg.pinv(A) @ b, rtol=1e-12)
    assert rss <= (100 * EPS * np.linalg.norm(b)) ** 2  # NumPy returns an empty array here


@pytest.mark.parametrize("method", ["qr", "svd", "normal"])
def test_several_right_hand_sides(method):
    """b of shape (m, k): k problems at once, column j equals the solve with b[:, j]; rss has shape (k,)."""
    A = np.random.default_rng(3).standard_normal((9, 4))
    B = _rhs(A, 3, k=3)
    X, rss, _ = lstsq(A, B, method=method, full_output=True)
    assert X.shape == (4, 3) and rss.shape == (3,)
    for j in range(3):
        assert np.allclose(X[:, j], lstsq(A, B[:, j], method=method), rtol=1e-13, atol=0)
        assert np.isclose(rss[j], np.sum((B[:, j] - A @ X[:, j]) ** 2), rtol=1e-12)


@pytest.mark.parametrize("method", ["qr", "svd", "normal"])
@pytest.mark.parametrize("scale_A, scale_b", [(1e-6, 1e6), (1e6, 1e-6), (1e150, 1.0), (1e-150, 1e150)])
def test_scale_equivariance(method, scale_A, scale_b):
    """lstsq(cA, db) = (d/c) lstsq(A, b), also where AᵀA would overflow or underflow (entries 1e±150)."""
    A = np.random.default_rng(4).standard_normal((12, 3))
    b = _rhs(A, 4)
    x = lstsq(A, b, method=method)
    x_scaled = lstsq(scale_A * A, scale_b * b, method=method)
    assert np.all(np.isfinite(x_scaled))
    assert np.allclose(x_scaled, x * scale_b / scale_A, rtol=1e-12, atol=0)
    _, rss, _ = lstsq(scale_A * A, scale_b * b, method=method, full_output=True)
    assert np.isclose(rss, np.sum((b - A @ x) ** 2) * scale_b**2, rtol=1e-10)


def test_accuracy_qr_svd_kappa_normal_kappa_squared():
    """On consistent systems with κ = 1e2..1e7, QR and SVD lose ~log10 κ digits, the normal equations ~2 log10 κ."""
    x_true = np.array([1.0, -2.0, 3.0, 0.5, -1.0])
    for kappa in [1e2, 1e4, 1e6, 1e7]:
        A = _with_singular_values(40, 5, np.logspace(0, -np.log10(kappa), 5), 5)
        b = A @ x_true
        err = {m: np.linalg.norm(lstsq(A, b, method=m) - x_true) / np.linalg.norm(x_true) for m in ("qr", "svd")}
        assert err["qr"] <= 100 * kappa * EPS and err["svd"] <= 100 * kappa * EPS
        try:
            err_n = np.linalg.norm(lstsq(A, b, method="normal") - x_true) / np.linalg.norm(x_true)
        except SingularMatrixError:
            assert kappa**2 * EPS > 1e-3  # only refused where κ² is near 1/eps
            continue
        assert err_n <= 100 * kappa**2 * EPS
        if kappa >= 1e4:
            assert err_n > 10 * max(err["qr"], err["svd"])  # κ² shows


def test_normal_equations_refused_at_kappa_1e8():
    """κ(A) = 1e8: κ(AᵀA) = 1e16 ≈ 1/eps, the Cholesky of AᵀA meets a zero pivot and the message says why."""
    A = _with_singular_values(40, 5, np.logspace(0, -8, 5), 6)
    with pytest.raises(SingularMatrixError, match=r"κ\(A\)² ≳ 1/eps"):
        lstsq(A, A @ np.ones(5), method="normal")


@pytest.mark.parametrize("method", ["qr", "svd"])
def test_zero_matrix_and_zero_rhs(method):
    """A = 0 gives x = 0 with rank 0; b = 0 gives x = 0 exactly."""
    x, rss, rank = lstsq(np.zeros((4, 3)), np.ones(4), method=method, full_output=True)
    assert rank == 0 and np.array_equal(x, np.zeros(3)) and rss == 4.0
    A = np.random.default_rng(5).standard_normal((4, 3))
    assert np.array_equal(lstsq(A, np.zeros(4), method=method), np.zeros(3))


def test_rcond_sets_the_rank():
    """rcond is relative to the largest singular value: σ = (1, 1e-3, 1e-9) has rank 3, 2 and 1 at rcond 1e-12, 1e-6, 1e-2."""
    A = _with_singular_values(10, 3, [1.0, 1e-3, 1e-9], 7)
    b = _rhs(A, 7)
    for rcond, rank in [(1e-12, 3), (1e-6, 2), (1e-2, 1)]:
        for method in ["qr", "svd"]:
            assert lstsq(A, b, method=method, rcond=rcond, full_output=True).rank == rank
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        x_trunc = Vt[:rank].T @ ((U[:, :rank].T @ b) / s[:rank])
        assert np.allclose(lstsq(A, b, method="svd", rcond=rcond), x_trunc, rtol=1e-9)
    # the default cut-off, max(m, n)·eps, keeps σ = 1e-9
    assert lstsq(A, b, full_output=True).rank == 3 and lstsq(A, b, method="svd", full_output=True).rank == 3


def test_float32_kept():
    """float32 input gives a float32 solution, accurate to float32 rounding."""
    A = np.random.default_rng(8).standard_normal((20, 3)).astype(np.float32)
    b = _rhs(A, 8).astype(np.float32)
    x_ref = np.linalg.lstsq(A.astype(float), b.astype(float), rcond=None)[0]
    for method in ["qr", "svd", "normal"]:
        x = lstsq(A, b, method=method)
        assert x.dtype == np.float32
        assert np.allclose(x, x_ref, rtol=1e-4, atol=1e-5)


def test_inputs_not_modified():
    """A and b are never modified."""
    A = np.random.default_rng(9).standard_normal((6, 3))
    b = _rhs(A, 9)
    A0, b0 = A.copy(), b.copy()
    for method in ["qr", "svd", "normal"]:
        lstsq(A, b, method=method, full_output=True)
    assert np.array_equal(A, A0) and np.array_equal(b, b0)


def test_transposed_design_is_named():
    """b with as many entries as A has columns (a transposed A) gets a message saying so."""
    X = np.random.default_rng(10).standard_normal((30, 2))
    y = _rhs(X, 10)
    with pytest.raises(ShapeError, match="transposed"):
        lstsq(X.T, y)
    with pytest.raises(ShapeError, match="one entry per row"):
        lstsq(X, y[:5])


@pytest.mark.parametrize("bad, exc", [
    (dict(method="cholesky"), InvalidParameterError),
    (dict(method=None), InvalidParameterError),
    (dict(rcond=-1e-3), OutOfRangeError),
    (dict(rcond=1.0), OutOfRangeError),
], ids=["method-name", "method-none", "rcond-negative", "rcond-one"])
def test_bad_parameters(bad, exc):
    """Unknown methods and an rcond outside [0, 1) are refused with the parameter named."""
    with pytest.raises(exc, match=next(iter(bad))):
        lstsq(np.eye(3), np.ones(3), **bad)


@pytest.mark.parametrize("bad", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_matrices(bad):
    """Empty, NaN, inf, 1-D, 3-D, string, complex and ragged A are refused with a clear error."""
    _, A, exc = bad
    with pytest.raises(exc):
        lstsq(A, np.ones(2))


def test_bad_right_hand_sides():
    """b with NaN, 3 dimensions or no entries is refused."""
    with pytest.raises(NonFiniteError):
        lstsq(np.eye(2), [1.0, np.nan])
    with pytest.raises(ShapeError):
        lstsq(np.eye(2), np.ones((2, 1, 1)))
    with pytest.raises(EmptyInputError):
        lstsq(np.zeros((0, 2)), np.zeros(0))


@st.composite
def problems(draw):
    m = draw(st.integers(1, 8))
    n = draw(st.integers(1, 6))
    r = draw(st.integers(0, min(m, n)))
    seed = draw(st.integers(0, 2**32 - 1))
    scale = draw(st.sampled_from([1e-6, 1.0, 1e6]))
    rng = np.random.default_rng(seed)
    A = scale * (rng.standard_normal((m, r)) @ rng.standard_normal((r, n)))
    return A, rng.standard_normal(m)


@settings(max_examples=50, deadline=None)
@given(problems())
@example((np.zeros((1, 1)), np.array([1.0])))
@example((np.array([[1.0, 1.0]]), np.array([2.0])))
def test_property_residual_orthogonal_and_minimum_norm(problem):
    """Random rank-r A at scales 1e-6, 1, 1e6: Aᵀ(b - Ax) ≈ 0 relative to ‖A‖‖r‖, x ⟂ null space, rank = matrix_rank."""
    A, b = problem
    for method in ["qr", "svd"]:
        x, rss, rank = lstsq(A, b, method=method, full_output=True)
        r = b - A @ x
        norm_A = np.linalg.norm(A, 2)
        assert np.linalg.norm(A.T @ r) <= 1e3 * max(A.shape) * EPS * norm_A * (np.linalg.norm(b) + norm_A * np.linalg.norm(x)) + 1e-300
        assert rank == np.linalg.matrix_rank(A)
        assert np.isclose(rss, r @ r, rtol=1e-9, atol=1e-30)
        x_pinv = np.linalg.pinv(A) @ b
        assert np.linalg.norm(x) <= np.linalg.norm(x_pinv) * (1 + 1e-6) + 1e-300  # no shorter solution exists
