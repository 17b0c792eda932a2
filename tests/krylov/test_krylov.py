"""la4ml.krylov against scipy.sparse.linalg: the zoo, SciPy's contract tests, Hypothesis, and named errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.errors import (
    DTypeError,
    InvalidParameterError,
    NonFiniteError,
    NotPositiveDefiniteError,
    NotSymmetricError,
    OutOfRangeError,
    ShapeError,
    SingularMatrixError,
    ZeroVectorError,
)
from la4ml.krylov import arnoldi, cg, gmres, incomplete_cholesky, jacobi, lanczos, minres, poisson2d
from tests import zoo

SOLVERS = {"cg": cg, "gmres": gmres, "minres": minres}
PEERS = {"cg": spla.cg, "gmres": spla.gmres, "minres": spla.minres}


def _poisson1d(n):
    return sp.diags_array([-np.ones(n - 1), 2 * np.ones(n), -np.ones(n - 1)], offsets=[-1, 0, 1], format="csr")


def _cases():
    """(name, A, solvers that must converge on it): SciPy's test_iterative cases plus the zoo."""
    P1 = _poisson1d(40)
    rng = np.random.RandomState(1234)
    rand = rng.rand(4, 4)
    rng = np.random.RandomState(1234)
    rs = rng.rand(4, 4)
    rand_sym = rs + rs.T
    out = [
        ("poisson1d", P1, ["cg", "gmres", "minres"]),
        ("poisson1d-F", P1.astype(np.float32), ["cg", "gmres"]),
        ("neg-poisson1d", -P1, ["gmres", "minres"]),
        ("poisson2d", poisson2d(12), ["cg", "gmres", "minres"]),
        ("poisson2d-F", poisson2d(12, dtype=np.float32), ["cg", "gmres"]),
        ("rand-diag", sp.diags_array([[6.0, -5, 2, 7, -1, 10, 4, -3, -8, 9]], offsets=[0], format="csr"),
         ["gmres", "minres"]),
        ("rand", rand, ["gmres"]),
        ("rand-sym", rand_sym, ["gmres", "minres"]),
        ("nonsymposdef", sp.diags_array([2 * np.ones(10), -np.ones(9)], offsets=[0, -1], format="csr"), ["gmres"]),
    ]
    for z in zoo.select("square", "invertible"):
        if "ill-conditioned" in z.tags:
            continue
        ok = ["gmres"]
        if "symmetric" in z.tags:
            ok.append("minres")
        if "spd" in z.tags:
            ok.append("cg")
        out.append((z.name, z.A, ok))
    return [pytest.param(A, name_s, id=f"{name}-{name_s}") for name, A, ok in out for name_s in ok]


CASES = _cases()


@pytest.mark.parametrize("A, solver", CASES)
def test_convergence_matches_scipy(A, solver):
    """converged ⇒ SciPy's stopping test holds (cg, gmres: ||A x − b|| <= rtol ||b||; minres: ||A x − b||
    <= rtol ||A|| ||x||, a backward-error test), x0 untouched, dtype kept, same answer as SciPy"""
    f = SOLVERS[solver]
    n = A.shape[0]
    b = np.arange(1, n + 1, dtype=A.dtype) / n
    rtol = 1e-8 if A.dtype == np.float64 else 1e-3
    x0 = 0 * b
    x, info = f(A, b, x0=x0, rtol=rtol)
    assert info == 0
    assert np.array_equal(x0, 0 * b)
    assert x.dtype == A.dtype and x.shape == (n,)
    res = np.linalg.norm(A @ x.astype(np.float64) - b)
    # float32: the recursive residual drifts from the true one by about κ·eps·||b||
    slack = 1.0 if A.dtype == np.float64 else 2.0
    if solver == "minres":  # MINRES's ||A|| estimate (Frobenius norm of T_k) is at most sqrt(3 k) ||A||_F
        Ad = A.toarray() if sp.issparse(A) else A
        bound = np.sqrt(3 * n) * np.linalg.norm(Ad) * np.linalg.norm(x.astype(np.float64))
        assert res <= slack * rtol * bound
        x_p, info_p = spla.minres(A, b, x0=x0, rtol=rtol)
        assert info_p == info and np.allclose(x, x_p, rtol=100 * np.finfo(A.dtype).eps ** 0.5, atol=0)
    else:
        assert res <= slack * rtol * np.linalg.norm(b)
    if A.dtype == np.float64 and solver != "minres":
        kw = {"callback_type": "x"} if solver == "gmres" else {}
        x_ref, info_ref = PEERS[solver](A, b, rtol=1e-12, **kw) if solver != "minres" else (np.linalg.solve(
            A.toarray() if sp.issparse(A) else A, b), 0)
        kappa = np.linalg.cond(A.toarray() if sp.issparse(A) else A)
        assert np.linalg.norm(x - x_ref) <= 2 * kappa * rtol * np.linalg.norm(x_ref)


@pytest.mark.parametrize("A, solver", CASES)
def test_maxiter_one_gives_info_one(A, solver):
    """maxiter=1: one callback call and info == 1 (SciPy's test_maxiter)"""
    b = np.arange(1, A.shape[0] + 1, dtype=A.dtype)
    if A.shape[0] == 1:
        pytest.skip("a 1×1 system is solved exactly in one step")
    calls = []
    kw = {"callback_type": "legacy"} if solver == "gmres" else {}
    x, info = SOLVERS[solver](A, b, x0=0 * b, rtol=1e-12, maxiter=1, callback=lambda xk: calls.append(xk), **kw)
    assert len(calls) == 1
    if True:  # exactly SciPy's info (cg: 1 even when the step solved it; gmres legacy: 0 then; minres: its tests)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            _, info_ref = PEERS[solver](A, b, x0=0 * b, rtol=1e-12, maxiter=1, callback=lambda xk: None, **kw)
        assert info == info_ref
        Ad = A.toarray() if sp.issparse(A) else A
        if not np.allclose(Ad, np.eye(A.shape[0]) * Ad[0, 0]) and solver != "minres":
            assert info == 1


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_gmres_legacy_callback_warns_like_scipy(name):
    """a callback without callback_type warns (DeprecationWarning) in gmres only, as SciPy does"""
    A = poisson2d(3)
    b = np.ones(9)
    if name == "gmres":
        with pytest.warns(DeprecationWarning):
            gmres(A, b, callback=lambda r: None)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            SOLVERS[name](A, b, callback=lambda x: None)


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_zero_rhs_returns_zero_at_once(name):
    """b = 0 returns x = 0 and info = 0 at once, whatever x0 and the tolerances (SciPy's test_zero_rhs)"""
    rng = np.random.default_rng(1684414984100503)
    A = rng.random((10, 10))
    A = A @ A.T + 10 * np.eye(10)
    b = np.zeros(10)
    calls = []
    for tol in np.logspace(-10, 2, 7):
        for kw in ({}, {"x0": np.ones(10)}, {"atol": tol}, {"atol": 0.0}):
            x, info = SOLVERS[name](A, b, rtol=tol, callback=calls.append, **({"callback_type": "x"} if name == "gmres" else {}), **kw)
            assert info == 0
            assert np.array_equal(x, np.zeros(10))
    assert calls == []


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf, None, "legacy", True])
def test_invalid_tolerances_raise(name, bad):
    """a negative, NaN, infinite or non-numeric rtol or atol raises a ValueError naming it"""
    A, b = poisson2d(3), np.ones(9)
    with pytest.raises(ValueError, match="atol"):
        SOLVERS[name](A, b, atol=bad)
    with pytest.raises(ValueError, match="rtol"):
        SOLVERS[name](A, b, rtol=bad)


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_x0_never_modified_and_x0_working(name):
    """x0 is not modified (also a float32 x0), and a good x0 still converges (SciPy's test_x0_working)"""
    rng = np.random.default_rng(1685363802304750)
    A = rng.random((10, 10))
    A = A @ A.T
    b = rng.random(10)
    x0 = rng.random(10)
    keep = x0.copy()
    x, info = SOLVERS[name](A, b, x0=x0, rtol=1e-6)
    assert info == 0 and np.array_equal(x0, keep) and x is not x0
    assert np.linalg.norm(A @ x - b) <= 1e-6 * np.linalg.norm(b)
    x, info = SOLVERS[name](A, b, x0="Mb", rtol=1e-6)
    assert info == 0 and np.linalg.norm(A @ x - b) <= 1e-6 * np.linalg.norm(b)


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_x0_solves_problem_exactly(name):
    """x0 that solves the system returns at once with info 0 (gh-19948)"""
    A, rhs = np.eye(2), np.array([-1.0, -1.0])
    x, info = SOLVERS[name](A, rhs, x0=rhs)
    assert info == 0 and np.allclose(x, rhs)


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
@pytest.mark.parametrize("kind", ["ndarray", "csr", "csc", "coo-matrix", "LinearOperator", "column-b"])
def test_accepts_every_operator_kind(name, kind):
    """ndarray, sparse array/matrix, LinearOperator and b of shape (n, 1) all give the same x"""
    A = poisson2d(5)
    b = np.linspace(-1, 1, 25)
    A_in = {"ndarray": A.toarray(), "csr": A, "csc": A.tocsc(), "coo-matrix": sp.coo_matrix(A),
            "LinearOperator": spla.aslinearoperator(A), "column-b": A}[kind]
    b_in = b[:, None] if kind == "column-b" else b
    x, info = SOLVERS[name](A_in, b_in, rtol=1e-10)
    assert info == 0 and x.shape == (25,)
    x_star = spla.spsolve(A.tocsc(), b)
    kappa = np.linalg.cond(A.toarray())
    assert np.linalg.norm(x - x_star) <= kappa * 1e-10 * np.linalg.norm(x_star)


@pytest.mark.parametrize("name", ["cg", "gmres"])
def test_same_iterations_as_scipy(name):
    """on 2D Poisson (n = 900), the same iteration count as SciPy (±1), at two tolerances"""
    A = poisson2d(30)
    b = np.ones(900)
    for rtol in (1e-5, 1e-10):
        ours, theirs = [], []
        kw = {"callback_type": "x"} if name == "gmres" else {}
        SOLVERS[name](A, b, rtol=rtol, callback=ours.append, **kw)
        PEERS[name](A, b, rtol=rtol, callback=theirs.append, **kw)
        assert abs(len(ours) - len(theirs)) <= 1


@pytest.mark.parametrize("rtol", [1e-5, 1e-8, 1e-12])
def test_minres_stops_where_scipy_stops_on_indefinite(rtol):
    """MINRES on a shifted (indefinite) Poisson matrix: SciPy's stopping rule exactly — the same number of
    iterations, the same info, the same x (to rounding)"""
    A = poisson2d(20)
    b = np.ones(400)
    ours, theirs = [], []
    x, info = minres(A, b, shift=1.0, rtol=rtol, callback=ours.append)
    x_ref, info_ref = spla.minres(A, b, shift=1.0, rtol=rtol, callback=theirs.append)
    assert (len(ours), info) == (len(theirs), info_ref)
    assert np.allclose(x, x_ref, rtol=1e-10, atol=0)


def test_minres_atol_is_a_residual_target():
    """atol (our addition) stops on ||r|| <= atol: the true residual meets it where SciPy's rtol rule alone
    stops looser"""
    A = poisson2d(20)
    b = np.ones(400)
    As = A - sp.eye_array(400)
    x_r, _ = minres(A, b, shift=1.0, rtol=1e-8)
    x_a, info = minres(A, b, shift=1.0, rtol=0.0, atol=1e-8 * np.linalg.norm(b))
    assert info == 0
    assert np.linalg.norm(As @ x_a - b) <= 1.01e-8 * np.linalg.norm(b) < np.linalg.norm(As @ x_r - b)


def test_minres_show_prints_a_summary(capsys):
    """show=True prints the iterations and the stopping reason (SciPy's show)"""
    minres(poisson2d(5), np.ones(25), show=True)
    assert "iterations" in capsys.readouterr().out


def test_cg_detects_indefinite():
    """CG on an indefinite matrix returns info = -1 with a RuntimeWarning naming minres"""
    A = np.diag([1.0, -1.0, 2.0])
    with pytest.warns(RuntimeWarning, match="minres"):
        x, info = cg(A, np.ones(3))
    assert info == -1


def test_minres_refuses_nonsymmetric():
    """MINRES on a nonsymmetric matrix raises NotSymmetricError pointing at gmres"""
    A = np.array([[2.0, 1.0], [0.0, 2.0]])
    with pytest.raises(NotSymmetricError, match="gmres"):
        minres(A, np.ones(2))
    with pytest.raises(ValueError):  # NotSymmetricError is a ValueError, as SciPy raises
        minres(sp.csr_array(A), np.ones(2))


def test_minres_symmetric_float32_not_refused():
    """the symmetry probe scales with the data: a symmetric matrix at 1e6 or in float32 is not refused"""
    A = poisson2d(6)
    for scale in (1e-6, 1e6):
        x, info = minres(A * scale, np.ones(36) * scale, rtol=1e-8)
        assert info == 0
    x, info = minres(poisson2d(6, dtype=np.float32), np.ones(36, dtype=np.float32), rtol=1e-3)
    assert info == 0 and x.dtype == np.float32


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_relative_tolerance_at_every_scale(name, scale):
    """cg, gmres: the stopping rule is relative, the same iteration count at 1e-6, 1 and 1e6 scales of b.
    minres: SciPy's rule is not (its ||A|| estimate includes beta1 = ||b||, as in Paige and Saunders'
    code, so a large b stops it early): at every scale, exactly SciPy's count and info"""
    A = poisson2d(8)
    b = np.sin(np.arange(64.0)) * scale
    calls = []
    kw = {"callback_type": "x"} if name == "gmres" else {}
    x, info = SOLVERS[name](A, b, rtol=1e-8, callback=calls.append, **kw)
    if name == "minres":
        theirs = []
        _, info_p = spla.minres(A, b, rtol=1e-8, callback=theirs.append)
        assert (len(calls), info) == (len(theirs), info_p)
        return
    calls_1 = []
    SOLVERS[name](A, b / scale, rtol=1e-8, callback=calls_1.append, **kw)
    assert info == 0 and abs(len(calls) - len(calls_1)) <= 1
    assert np.linalg.norm(A @ x - b) <= 1e-8 * np.linalg.norm(b)


def test_atol_stops_earlier():
    """atol larger than rtol·||b|| stops as soon as ||r|| < atol"""
    A = poisson2d(10)
    b = np.ones(100)
    x, info = cg(A, b, rtol=0.0, atol=1e-2)
    assert info == 0 and np.linalg.norm(A @ x - b) < 1e-2
    n_loose, n_tight = [], []
    cg(A, b, rtol=0.0, atol=1e-2, callback=n_loose.append)
    cg(A, b, rtol=0.0, atol=1e-8, callback=n_tight.append)
    assert len(n_loose) < len(n_tight)


def test_gmres_restart_bounds_memory_and_iterations():
    """restart=m keeps m + 1 basis vectors; smaller restarts need more cycles on a nonsymmetric matrix"""
    n = 200
    A = sp.diags_array([2.2 * np.ones(n), -np.ones(n - 1), -0.8 * np.ones(n - 1)], offsets=[0, -1, 1], format="csr")
    b = np.ones(n)
    counts = {}
    for m in (5, 20, 60):
        res = []
        x, info = gmres(A, b, rtol=1e-10, restart=m, callback=res.append, callback_type="pr_norm")
        assert info == 0 and np.linalg.norm(A @ x - b) <= 1e-10 * np.linalg.norm(b)
        counts[m] = len(res)
    assert counts[5] > counts[20] >= counts[60]


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 12), seed=st.integers(0, 2**32 - 1), scale=st.sampled_from([1e-6, 1.0, 1e6]))
@example(n=1, seed=0, scale=1e6)
def test_property_spd_all_three_solve(n, seed, scale):
    """on random SPD systems at any scale, cg and gmres meet ||r|| <= rtol ||b||; minres meets it when given as
    atol (its rtol is SciPy's backward-error test), and with rtol stops exactly where SciPy's minres stops"""
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((n, n))
    A = (B @ B.T + n * np.eye(n)) * scale
    b = rng.standard_normal(n) * scale
    floor = 10 * np.finfo(float).eps * np.linalg.norm(A)
    for name, f in SOLVERS.items():
        kw = dict(rtol=0.0, atol=1e-9 * np.linalg.norm(b)) if name == "minres" else dict(rtol=1e-9)
        x, info = f(A, b, maxiter=50 * n + 10, **kw)
        assert info == 0, name
        assert np.linalg.norm(A @ x - b) <= 1.0001e-9 * np.linalg.norm(b) + floor * np.linalg.norm(x), name
    ours, theirs = [], []
    x, info = minres(A, b, rtol=1e-9, maxiter=50 * n + 10, callback=ours.append)
    x_p, info_p = spla.minres(A, b, rtol=1e-9, maxiter=50 * n + 10, callback=theirs.append)
    assert (len(ours), info) == (len(theirs), info_p)
    assert np.linalg.norm(x - x_p) <= 1e-6 * np.linalg.norm(x_p) + floor * np.linalg.norm(x_p)


def test_poisson2d_structure():
    """poisson2d(m): shape m²×m², 4 on the diagonal, symmetric, equal to kronsum(T, T), κ as the formula"""
    for m in (1, 2, 5):
        A = poisson2d(m)
        assert A.shape == (m * m, m * m) and sp.issparse(A) and A.format == "csr"
        T = _poisson1d(m) if m > 1 else sp.csr_array([[2.0]])
        assert np.array_equal(A.toarray(), sp.kronsum(T, T).toarray())
    A = poisson2d(7).toarray()
    ev = np.linalg.eigvalsh(A)
    assert np.isclose(ev[-1] / ev[0], 1 / np.tan(np.pi / 16) ** 2, rtol=1e-12)
    assert poisson2d(3, dtype=np.float32).dtype == np.float32
    with pytest.raises(ValueError, match="m"):
        poisson2d(0)


def test_jacobi_divides_by_the_diagonal():
    """jacobi(A) @ r == r / diag(A) (a division), for vectors and matrices, dtype kept"""
    A = np.diag([2.0, 4.0, 8.0]) + 0.1
    M = jacobi(A)
    r = np.array([2.0, 2.0, 2.0])
    assert np.allclose(M @ r, r / np.diag(A), rtol=1e-15)
    assert np.allclose(M @ np.eye(3), np.diag(1 / np.diag(A)), rtol=1e-15)
    assert jacobi(A.astype(np.float32)).dtype == np.float32
    with pytest.raises(SingularMatrixError, match="index 1"):
        jacobi(np.array([[1.0, 2.0], [2.0, 0.0]]))
    with pytest.raises(ValueError, match="square"):
        jacobi(np.ones((2, 3)))


def test_jacobi_helps_a_badly_scaled_system():
    """on D A D with a diagonal spanning 1e-3..1e3, Jacobi-CG needs far fewer iterations than CG"""
    A = poisson2d(10)
    d = np.logspace(-3, 3, 100)
    B = sp.csr_array(sp.diags_array(d) @ A @ sp.diags_array(d))
    b = np.ones(100)
    plain, pre = [], []
    cg(B, b, rtol=1e-8, callback=plain.append)
    x, info = cg(B, b, rtol=1e-8, M=jacobi(B), callback=pre.append)
    assert info == 0 and len(pre) < len(plain) / 5


def test_incomplete_cholesky_is_exact_without_fill_and_reduces_iterations():
    """IC(0) equals Cholesky on a tridiagonal matrix, matches A on its pattern, and cuts CG iterations"""
    T = _poisson1d(30) + sp.eye_array(30)
    assert np.allclose(incomplete_cholesky(T).L.toarray(), np.linalg.cholesky(T.toarray()), rtol=1e-14, atol=0)
    A = poisson2d(20)
    M = incomplete_cholesky(A)
    L = M.L
    LLt = (L @ L.T).toarray()
    Ad = A.toarray()
    mask = Ad != 0
    assert np.allclose(LLt[mask], Ad[mask], rtol=1e-13, atol=1e-13)
    assert L.nnz == sp.tril(A).nnz
    r = np.arange(400.0)
    assert np.allclose(M @ r, np.linalg.solve(LLt, r), rtol=1e-10, atol=0)
    b = np.ones(400)
    plain, pre = [], []
    cg(A, b, rtol=1e-8, callback=plain.append)
    x, info = cg(A, b, rtol=1e-8, M=M, callback=pre.append)
    assert info == 0 and len(pre) < 0.6 * len(plain)
    assert incomplete_cholesky(A.astype(np.float32)).dtype == np.float32


def test_incomplete_cholesky_breakdown_names_the_shift():
    """IC(0) on an indefinite matrix raises NotPositiveDefiniteError naming the row and the diagonal shift"""
    with pytest.raises(NotPositiveDefiniteError, match=r"row 1.*alpha \* I"):
        incomplete_cholesky(np.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(NotPositiveDefiniteError, match=r"A\[1, 1\] is zero"):
        incomplete_cholesky(np.array([[1.0, 0.0], [0.0, 0.0]]))


@pytest.mark.parametrize("z", zoo.select("square", exclude=("singular",)), ids=zoo.ids)
def test_arnoldi_relation_on_zoo(z):
    """Arnoldi on the zoo: A Q_k = Q_{k+1} H, QᵀQ = I, H upper Hessenberg, span = Krylov space"""
    n = z.A.shape[0]
    v = np.arange(1.0, n + 1)
    Q, H = arnoldi(z.A, v, 4)
    k = H.shape[1]
    if H.shape[0] == k:  # invariant subspace reached (always by k = n)
        assert Q.shape == (n, k) and k <= n
    else:
        assert Q.shape == (n, k + 1) and H.shape == (k + 1, k) and k == 4 < n
    eps = np.finfo(z.A.dtype).eps
    scale = max(np.linalg.norm(z.A), 1.0)
    assert np.linalg.norm(z.A @ Q[:, :k] - Q @ H) <= 100 * n * eps * scale
    assert np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])) <= 100 * n * eps
    assert np.allclose(np.tril(H, -2), 0)
    assert np.allclose(Q[:, 0], v / np.linalg.norm(v))


def test_arnoldi_happy_breakdown_and_errors():
    """Arnoldi stops early on an invariant subspace; zero v and wrong shapes raise named errors"""
    A = np.diag([1.0, 2.0, 3.0, 4.0])
    Q, H = arnoldi(A, np.array([1.0, 1.0, 0.0, 0.0]), 4)
    assert H.shape == (2, 2) and Q.shape == (4, 2)
    assert np.allclose(A @ Q, Q @ H)
    with pytest.raises(ZeroVectorError, match="v"):
        arnoldi(A, np.zeros(4), 2)
    with pytest.raises(ShapeError, match="v"):
        arnoldi(A, np.ones(3), 2)
    with pytest.raises(ValueError, match="m"):
        arnoldi(A, np.ones(4), 0)


def test_lanczos_tridiagonal_and_matches_arnoldi():
    """Lanczos on symmetric A: T tridiagonal, equal to Arnoldi's H, Ritz values converge to extreme eigenvalues"""
    A = poisson2d(6)
    v = np.cos(np.arange(36.0))
    Q, T = lanczos(A, v, 10)
    Qa, H = arnoldi(A, v, 10)
    assert np.allclose(T, H, atol=1e-12)
    assert np.allclose(A @ Q[:, :10] - Q @ T, 0, atol=1e-12)
    assert np.allclose(np.triu(T, 2), 0) and np.allclose(np.tril(T, -2), 0)
    Qn, Tn = lanczos(A, v, 10, reorthogonalize=False)
    assert np.allclose(Tn, T, atol=1e-8)
    ev = np.linalg.eigvalsh(A.toarray())
    Q15, T15 = lanczos(A, v, 15)
    ritz = np.linalg.eigvalsh(T15[:15])
    assert ev[0] - 1e-12 <= ritz[0] and ritz[-1] <= ev[-1] + 1e-12  # Ritz values lie inside the spectrum
    assert abs(ritz[-1] - ev[-1]) < 1e-5 * ev[-1] and abs(ritz[0] - ev[0]) < 1e-5 * ev[0]


@pytest.mark.parametrize("bad", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_bad_inputs_raise_named_errors(name, bad):
    """empty, NaN, inf, vector, 3-D, string, complex and ragged A raise the zoo's expected error"""
    _, A, exc = bad
    n = np.asarray(A, dtype=object).shape[0] if not isinstance(A, list) else 2
    with pytest.raises(exc):
        SOLVERS[name](A, np.ones(max(n, 1)))


@pytest.mark.parametrize("name", ["cg", "gmres", "minres"])
def test_shape_errors_name_the_parameter(name):
    """b of the wrong length, a wide A, a wrong-shaped x0 or M raise errors that name b, A, x0, M"""
    A = poisson2d(3)
    with pytest.raises(ShapeError, match="b must have shape"):
        SOLVERS[name](A, np.ones(8))
    with pytest.raises(ShapeError, match="A must be square"):
        SOLVERS[name](np.ones((3, 4)), np.ones(3))
    with pytest.raises(ShapeError, match="x0"):
        SOLVERS[name](A, np.ones(9), x0=np.ones(4))
    with pytest.raises(ShapeError, match="M must have"):
        SOLVERS[name](A, np.ones(9), M=np.eye(4))
    with pytest.raises(ValueError, match="maxiter"):
        SOLVERS[name](A, np.ones(9), maxiter=0)
    with pytest.raises(DTypeError):
        SOLVERS[name](lambda v: v, np.ones(9))


def test_invalid_parameters():
    """gmres refuses an unknown callback_type and restart < 1; x0 must be an array or 'Mb'"""
    A, b = poisson2d(3), np.ones(9)
    with pytest.raises(InvalidParameterError, match="callback_type"):
        gmres(A, b, callback=print, callback_type="residual")
    with pytest.raises(ValueError, match="restart"):
        gmres(A, b, restart=0)
    with pytest.raises(InvalidParameterError, match="x0"):
        cg(A, b, x0="zeros")


def test_cg_exact_zero_residual_with_rtol_zero():
    """rtol = atol = 0: a residual that becomes exactly zero ends with info 0 (SciPy would divide 0 by 0)"""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 5))
    op = spla.LinearOperator((5, 5), matvec=lambda v: X.T @ (X @ v) + v, dtype=float)
    b = X.T @ rng.standard_normal(30)
    x, info = cg(op, b, rtol=0.0)
    assert info in (0, 50) and np.all(np.isfinite(x))
    x, info = cg(np.eye(3), np.ones(3), rtol=0.0)
    assert info == 0 and np.array_equal(x, np.ones(3))


# ---- fuzz findings (issue #9): scale, non-finite x0, huge tolerances, preconditioner and basis edges ----
_S3 = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
_V3 = np.array([1.0, -2.0, 0.5])


@pytest.mark.parametrize("solver", [cg, gmres, minres])
@pytest.mark.parametrize("arg, value, names", [
    ("A", _S3 * (1e308 / 4), r"A is too large: max\|A\| = 1e\+308.*divide A and b by a common scale"),
    ("b", _V3 * (1e308 / 2), r"b is too large: max\|b\| = 1e\+308.*divide A and b by a common scale"),
    ("x0", _V3 * (1e308 / 2), r"x0 is too large for A: max\|x0\| = 1e\+308.*x0=None"),
    ("A", _S3 * (1e-320 / 4), r"A is too small for b: max\|A\| = 1e-320.*solution has norm at least"),
])
def test_solvers_refuse_a_scale_that_overflows(solver, arg, value, names):
    """A, b or x0 whose scale overflows the recurrences: NumericOverflowError naming it, max|entry| and the fix."""
    from la4ml.errors import NumericOverflowError

    kwargs = {"A": _S3, "b": _V3, arg: value}
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(NumericOverflowError, match=names):
            solver(**kwargs)


@pytest.mark.parametrize("solver", [cg, gmres, minres])
def test_solvers_keep_working_at_large_but_safe_scales(solver):
    """A and b at 1e100 (far from overflow) are solved as before: the scale check refuses only what overflows."""
    x, info = solver(_S3 * 1e100, _V3 * 1e100, rtol=1e-10)
    assert info == 0
    np.testing.assert_allclose(x, np.linalg.solve(_S3, _V3), rtol=1e-8)


@pytest.mark.parametrize("solver", [cg, gmres, minres])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_solvers_refuse_non_finite_x0(solver, bad):
    x0 = np.array([0.0, bad, 0.0])
    with pytest.raises(NonFiniteError, match=r"x0 must contain only finite numbers.*index 1"):
        solver(_S3, _V3, x0=x0)


@pytest.mark.parametrize("solver", [cg, gmres, minres])
@pytest.mark.parametrize("label", ["rtol", "atol"])
def test_tolerances_as_huge_python_ints(solver, label):
    """10**400 is refused with a la4ml error naming it; 10**30 is a (very loose) valid tolerance; -10**30 refused."""
    with pytest.raises(InvalidParameterError, match=rf"{label} = an int of 401 digits"):
        solver(_S3, _V3, **{label: 10**400})
    with pytest.raises(InvalidParameterError, match=rf"invalid {label}="):
        solver(_S3, _V3, **{label: -(10**30)})
    x, info = solver(_S3, _V3, **{label: 10**30})
    assert info == 0 and np.isfinite(x).all()


def test_jacobi_refuses_a_subnormal_diagonal():
    """1/d overflows for a subnormal d: NumericOverflowError giving the entry, its index and the fix."""
    from la4ml.errors import NumericOverflowError

    A = _S3.copy()
    A[2, 2] = 1e-320
    with pytest.raises(NumericOverflowError, match=r"A\[2, 2\] = 1e-320 .*overflows.*another preconditioner"):
        jacobi(A)
    assert np.isfinite(jacobi(_S3 * 1e-300) @ np.ones(3)).all()  # small but normal: fine


def test_incomplete_cholesky_of_the_zero_matrix_is_the_breakdown_error():
    with pytest.raises(NotPositiveDefiniteError, match=r"A\[0, 0\] is zero"):
        incomplete_cholesky(np.zeros((3, 3)))
    with pytest.raises(NotPositiveDefiniteError, match=r"A\[1, 1\] is zero"):
        incomplete_cholesky(np.diag([1.0, 0.0, 1.0]))


@pytest.mark.parametrize("m", [10**30, 2**62])
def test_poisson2d_refuses_a_matrix_that_cannot_fit(m):
    with pytest.raises(OutOfRangeError, match=r"poisson2d\(m=\d+\) has m² = .* unknowns .*5 m² .* GiB"):
        poisson2d(m)


@pytest.mark.parametrize("basis", [arnoldi, lanczos])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_basis_refuses_a_non_finite_start_vector(basis, bad):
    with pytest.raises(NonFiniteError, match=r"v must contain only finite numbers.*index 0"):
        basis(_S3, np.array([bad, 1.0, 1.0]), 2)


@pytest.mark.parametrize("basis", [arnoldi, lanczos])
def test_basis_near_the_largest_float(basis):
    """Q does not change with the scale of A or v, and H scales with A: exact for powers of two, up to 2**1023."""
    Q, H = basis(_S3, _V3, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        Q2, H2 = basis(_S3 * 2.0**1020, _V3 * 2.0**1020, 2)
        Q3, _ = basis(_S3, _V3 * 2.0**-1070, 2)  # subnormal v: its norm would underflow to 0
    np.testing.assert_array_equal(Q2, Q)
    np.testing.assert_array_equal(H2, H * 2.0**1020)
    np.testing.assert_allclose(Q3, Q, rtol=1e-12)


@pytest.mark.parametrize("shift, error", [(None, "shift"), (float("nan"), "shift"), ("1", "shift"),
                                          (10**400, "shift"), (1e308, "shift")])
def test_minres_refuses_a_bad_shift(shift, error):
    """a shift that is not a finite real, or so large that the recurrence overflows, gets a la4ml error naming it"""
    from la4ml.errors import La4mlError

    with pytest.raises(La4mlError, match=error):
        minres(poisson2d(3), np.ones(9), shift=shift)
