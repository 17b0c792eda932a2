"""Tests of la4ml.eigen power_iteration and inverse_iteration, against NumPy's and SciPy's eigensolvers."""

import inspect
import warnings

import numpy as np
import pytest
import scipy.linalg
import scipy.sparse
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.eigen import inverse_iteration, power_iteration
from la4ml.errors import ConvergenceWarning, DTypeError, La4mlError, ShapeError, ZeroVectorError

EPS = np.finfo(float).eps


def _dominant(A):
    """(λ₁, v₁, |λ₂|/|λ₁|) from np.linalg.eig: the eigenvalue of largest magnitude, its unit eigenvector, the ratio."""
    w, V = np.linalg.eig(A)
    order = np.argsort(-np.abs(w), kind="stable")
    if len(w) == 1:
        ratio = 0.0
    else:
        ratio = abs(w[order[1]]) / abs(w[order[0]]) if w[order[0]] != 0 else 1.0
    v = V[:, order[0]]
    return w[order[0]], v / np.linalg.norm(v), ratio


def _sin_angle(u, v):
    """sin of the angle between two lines (sign-blind): min(‖û − v̂‖, ‖û + v̂‖) is within a factor 1.42 of it."""
    u, v = u / np.linalg.norm(u), v / np.linalg.norm(v)
    return min(np.linalg.norm(u - v), np.linalg.norm(u + v))


def _residual(A, lam, v):
    return np.linalg.norm(A @ v - lam * v)


SEPARATED = [z for z in zoo.select("square")
             if "eigen-tie" not in z.tags and "defective" not in z.tags
             and np.isreal(_dominant(z.A.astype(float))[0]) and _dominant(z.A.astype(float))[2] < 0.99]


@pytest.mark.parametrize("case", SEPARATED, ids=zoo.ids)
def test_zoo_dominant_eigenpair(case):
    """On every zoo matrix with a real, strictly dominant eigenvalue: λ₁ as NumPy's, residual ≤ tol·‖A‖_F, vector up to sign."""
    A = case.A.astype(float)
    lam1, v1, ratio = _dominant(A)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        lam, v, n_iter = power_iteration(case.A, random_state=0)
    normA = np.linalg.norm(A)
    assert _residual(A, lam, v) <= 1e-10 * normA
    assert abs(lam - lam1.real) <= 1e-9 * max(abs(lam1), 1e-300) + 1e-12 * normA
    assert np.isclose(np.linalg.norm(v), 1.0, rtol=4 * EPS) and isinstance(lam, float) and v.dtype == np.float64
    if ratio < 0.9:  # the eigenvector is well determined
        assert _sin_angle(v, v1.real) <= 1e-8
    assert 1 <= n_iter <= 1000


@pytest.mark.parametrize("case", zoo.select("symmetric", exclude=("eigen-tie",)), ids=zoo.ids)
def test_symmetric_eigenvector_bound(case):
    """Symmetric A: the angle to eigh's top eigenvector is within the residual bound ‖r‖/gap (Davis–Kahan)."""
    A = case.A.astype(float)
    w, Q = np.linalg.eigh(A)
    order = np.argsort(-np.abs(w), kind="stable")
    gap = abs(w[order[0]] - w[order[1]]) if len(w) > 1 else np.inf
    if gap == 0 or (len(w) > 1 and abs(w[order[1]]) == abs(w[order[0]])):
        pytest.skip("dominant eigenvalue repeated: any vector of its eigenspace is right")
    lam, v, _ = power_iteration(A, random_state=1)
    r = _residual(A, lam, v)
    assert _sin_angle(v, Q[:, order[0]]) <= 1.5 * r / gap + 10 * EPS
    # the Rayleigh quotient's error is second order in the residual
    assert abs(lam - w[order[0]]) <= r**2 / gap + 10 * EPS * np.linalg.norm(A)


def test_stopping_rule_is_the_first_step_that_meets_it():
    """n_iter is the FIRST k with ‖Ax − λx‖ ≤ tol·‖A‖_F: one step fewer warns and leaves the residual above it."""
    A = zoo.select("spd")[1].A
    x0 = np.arange(1.0, 9.0)
    lam, v, n_iter = power_iteration(A, x0=x0)
    assert _residual(A, lam, v) <= 1e-10 * np.linalg.norm(A)
    with pytest.warns(ConvergenceWarning, match="did not converge in .* iterations.*residual"):
        lam2, v2, n2 = power_iteration(A, x0=x0, maxiter=n_iter - 1)
    assert n2 == n_iter - 1 and _residual(A, lam2, v2) > 1e-10 * np.linalg.norm(A)


def test_hand_example_and_counts():
    """[[2, 1], [1, 2]] from (1, 0): λ = 3, v = (1, 1)/√2, and an exact eigenvector as x0 stops after one product."""
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    lam, v, n_iter = power_iteration(A, x0=[1.0, 0.0])
    assert abs(lam - 3.0) <= 1e-15 * 3 and np.allclose(v, [2**-0.5, 2**-0.5], rtol=0, atol=1e-10)
    # the error in x shrinks by 1/3 per step: reaching 1e-10 takes about log(1e-10)/log(1/3) ≈ 21 steps
    assert 19 <= n_iter <= 24
    lam, v, n_iter = power_iteration(A, x0=[5.0, 5.0])
    assert lam == pytest.approx(3.0, rel=4 * EPS) and n_iter == 1 and np.allclose(v, 2**-0.5, rtol=4 * EPS, atol=0)


def test_defaults():
    """The defaults are x0=None, tol=1e-10, maxiter=1000, random_state=None, and the default tol is what stops it."""
    params = inspect.signature(power_iteration).parameters
    assert {k: params[k].default for k in ("x0", "tol", "maxiter", "random_state")} == \
        {"x0": None, "tol": 1e-10, "maxiter": 1000, "random_state": None}
    params = inspect.signature(inverse_iteration).parameters
    assert {k: params[k].default for k in ("x0", "tol", "maxiter", "random_state")} == \
        {"x0": None, "tol": 1e-10, "maxiter": 1000, "random_state": None}
    A = np.diag([1.0, 0.9, 0.5])
    lam, v, n_iter = power_iteration(A, x0=np.ones(3))
    lam2, v2, n_iter2 = power_iteration(A, x0=np.ones(3), tol=1e-10, maxiter=1000)
    assert (lam, n_iter) == (lam2, n_iter2) and np.array_equal(v, v2)
    assert n_iter != power_iteration(A, x0=np.ones(3), tol=1e-9)[2] != power_iteration(A, x0=np.ones(3), tol=1e-11)[2]


def test_scale_invariance_at_1e6_and_1e_minus_6():
    """Scaling A by 1e-6 or 1e6 scales λ and changes neither the vector nor the number of steps (a relative rule)."""
    A = zoo.select("symmetric", "indefinite")[1].A
    x0 = np.linspace(1, 2, len(A))
    lam, v, n_iter = power_iteration(A, x0=x0)
    for c in (1e-6, 1e6, -1e6, 1e-150, 1e200, 1e-200):
        lam_c, v_c, n_c = power_iteration(c * A, x0=x0)
        assert n_c == n_iter, c
        assert np.isclose(lam_c, c * lam, rtol=1e-12) and _sin_angle(v_c, v) <= 1e-12


def test_no_overflow_with_large_eigenvalue():
    """λ_max = 1e3 over 200 steps: the iterates stay unit vectors (unnormalized, they would reach 1e600 = inf)."""
    A = np.diag([1000.0, 999.0, 10.0])
    with pytest.warns(ConvergenceWarning):
        lam, v, n_iter = power_iteration(A, x0=np.ones(3), maxiter=200)
    assert n_iter == 200 and np.all(np.isfinite(v)) and np.isclose(np.linalg.norm(v), 1.0)
    assert 999.0 < lam < 1000.0


def test_negative_dominant_eigenvalue():
    """λ₁ = -5 keeps its sign (the Rayleigh quotient, not ‖Ax‖), although x flips every step."""
    A = np.array([[-5.0, 1.0], [1.0, 2.0]])
    lam, v, _ = power_iteration(A, x0=[1.0, 1.0])
    assert np.isclose(lam, np.linalg.eigvalsh(A)[0], rtol=1e-12) and lam < 0
    assert np.abs(v).argmax() == 0 and v[0] > 0        # the sign convention: largest entry positive


@pytest.mark.parametrize("A", [np.array([[0.0, 1.0], [1.0, 0.0]]), np.diag([2.0, -2.0, 1.0]),
                               zoo.select("eigen-tie")[0].A, np.array([[0.0, -1.0], [1.0, 0.0]])],
                         ids=["swap", "diag-pm2", "zoo-pm3", "rotation"])
def test_tie_warns_and_shift_fixes(A):
    """Two largest |λ| equal (±λ or a complex pair): ConvergenceWarning naming the fix, n_iter = maxiter."""
    with pytest.warns(ConvergenceWarning, match=r"shift A .*inverse_iteration"):
        _, _, n_iter = power_iteration(A, random_state=0, maxiter=300)
    assert n_iter == 300
    w = np.linalg.eigvals(A)
    if np.isreal(w).all():
        lam, v, _ = power_iteration(A + np.eye(len(A)), random_state=0)    # shift: λ + 1 beats -λ + 1
        assert np.isclose(lam - 1, w.real.max(), rtol=1e-9)


def test_repeated_eigenvalue_with_full_eigenspace():
    """2·I (every vector an eigenvector) stops at once on x0; the zero matrix gives λ = 0 after one step."""
    lam, v, n_iter = power_iteration(2 * np.eye(4), x0=[1.0, -2.0, 0.0, 0.0])
    assert n_iter == 1 and lam == pytest.approx(2.0, rel=4 * EPS)
    assert np.allclose(v, np.array([-1.0, 2.0, 0, 0]) / np.sqrt(5), rtol=0, atol=4 * EPS)
    assert power_iteration(np.zeros((3, 3)), x0=np.ones(3))[::2] == (0.0, 1)


def test_x0_untouched_random_state_reproducible():
    """x0 is never modified (even an int list works); the same seed gives the same answer."""
    A = zoo.select("spd")[2].A
    x0 = np.ones(len(A))
    keep = x0.copy()
    power_iteration(A, x0=x0)
    assert np.array_equal(x0, keep)
    a, b = power_iteration(A, random_state=42), power_iteration(A, random_state=42)
    assert a[0] == b[0] and np.array_equal(a[1], b[1]) and a[2] == b[2]
    gen = power_iteration(A, random_state=np.random.default_rng(42))
    assert gen[0] == a[0]
    assert power_iteration([[2, 1], [1, 2]], x0=[1, 0])[0] == pytest.approx(3.0, rel=1e-15)


def test_sparse_matches_dense():
    """A CSR, CSC or COO matrix gives the dense answer; float32 is computed in float64."""
    A = zoo.select("spd", "sparse-like")[0].A
    dense = power_iteration(A, x0=np.ones(len(A)))
    for fmt in (scipy.sparse.csr_array, scipy.sparse.csc_matrix, scipy.sparse.coo_array):
        lam, v, n = power_iteration(fmt(A), x0=np.ones(len(A)))
        assert np.isclose(lam, dense[0], rtol=1e-14) and np.allclose(v, dense[1], atol=1e-13) and abs(n - dense[2]) <= 1
    f32 = zoo.select("float32")[0].A
    lam, v, _ = power_iteration(f32, x0=np.ones(3))
    assert v.dtype == np.float64 and np.isclose(lam, np.linalg.eigvalsh(f32.astype(float))[-1], rtol=1e-10)


@st.composite
def symmetric_with_gap(draw):
    n = draw(st.integers(2, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    lam = np.array(draw(st.lists(st.floats(-1, 1), min_size=n - 1, max_size=n - 1)))
    top = draw(st.sampled_from([-1, 1])) * draw(st.floats(1.2, 5))
    spectrum = np.concatenate([[top], lam])
    return zoo._with_spectrum(spectrum, seed) * 10.0 ** draw(st.integers(-6, 6)), top


@settings(max_examples=40, deadline=None, derandomize=True)
@given(case=symmetric_with_gap())
@example(case=(np.diag([1.2, 1.0, -1.0]), 1.2))
def test_property_symmetric(case):
    """Random symmetric matrices at scales 1e-6…1e6 with |λ₁|/|λ₂| ≥ 1.2: λ₁ to 1e-10 relative, the rule met."""
    A, _ = case
    lam, v, n_iter = power_iteration(A, random_state=0)
    w = np.linalg.eigvalsh(A)
    top = w[np.argmax(np.abs(w))]
    assert abs(lam - top) <= 1e-10 * abs(top)
    assert _residual(A, lam, v) <= 1e-10 * np.linalg.norm(A)


# --------------------------------------------------------------------------------------- inverse iteration


def _real_spectrum_cases():
    return [z for z in zoo.select("square") if np.isreal(np.linalg.eigvals(z.A.astype(float))).all()
            and "defective" not in z.tags]


@pytest.mark.parametrize("case", _real_spectrum_cases(), ids=zoo.ids)
def test_inverse_iteration_finds_each_eigenvalue(case):
    """On the zoo: a shift a little off each eigenvalue finds that eigenvalue (as NumPy's), residual ≤ tol·‖A‖_F."""
    A = case.A.astype(float)
    w = np.sort(np.linalg.eigvals(A).real)
    normA = np.linalg.norm(A)
    for i, target in enumerate(w):
        others = np.delete(w, i)
        gap = np.min(np.abs(others - target)) if others.size else 1.0
        if gap <= 1e-8 * normA:
            continue        # a repeated eigenvalue: any shift near it is a tie between its copies' vectors, fine
        shift = target + 0.1 * gap
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            lam, v, n_iter = inverse_iteration(A, shift, random_state=0)
        assert _residual(A, lam, v) <= 1e-10 * normA
        assert abs(lam - target) <= 1e-9 * normA, (target, lam)
        assert n_iter <= 30   # the ratio is at most 0.1 / 0.9 per step


@pytest.mark.parametrize("case", zoo.select("singular"), ids=zoo.ids)
def test_inverse_iteration_shift_exactly_an_eigenvalue(case):
    """shift = 0 on a singular matrix (A − σI exactly singular) lands on a null vector in one or two solves."""
    A = case.A.astype(float)
    lam, v, n_iter = inverse_iteration(A, 0.0, random_state=0)
    assert n_iter <= 2 and abs(lam) <= 1e-10 * max(np.linalg.norm(A), 1e-300)
    assert np.linalg.norm(A @ v) <= 1e-10 * max(np.linalg.norm(A), 1e-300)


def test_inverse_iteration_one_factorization(monkeypatch):
    """A − σI is factored once (one lu_factor call) and no dense solve runs inside the loop."""
    calls = {"lu_factor": 0, "solve": 0}
    real_lu_factor = scipy.linalg.lu_factor

    def counted(*args, **kwargs):
        calls["lu_factor"] += 1
        return real_lu_factor(*args, **kwargs)

    def forbidden(*args, **kwargs):
        calls["solve"] += 1
        raise AssertionError("a solve per step")

    monkeypatch.setattr(scipy.linalg, "lu_factor", counted)
    monkeypatch.setattr(scipy.linalg, "solve", forbidden)
    monkeypatch.setattr(np.linalg, "solve", forbidden)
    A = zoo.select("spd")[2].A
    w = np.linalg.eigvalsh(A)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        _, _, n_iter = inverse_iteration(A, w[0] - 0.2 * (w[1] - w[0]), random_state=0)
    assert n_iter > 3 and calls == {"lu_factor": 1, "solve": 0}


def test_inverse_iteration_tie_and_scale():
    """A shift halfway between 1 and 3 warns; scaling A and the shift by 1e±6 changes no step count."""
    with pytest.warns(ConvergenceWarning, match="halfway"):
        _, _, n = inverse_iteration(np.diag([1.0, 3.0]), 2.0, x0=[1.0, 1.0], maxiter=50)
    assert n == 50
    A = zoo.select("spd")[1].A
    base = inverse_iteration(A, 2.3, x0=np.ones(8))
    for c in (1e-6, 1e6):
        lam, v, n = inverse_iteration(c * A, c * 2.3, x0=np.ones(8))
        assert n == base[2] and np.isclose(lam, c * base[0], rtol=1e-12) and _sin_angle(v, base[1]) <= 1e-12


def test_inverse_iteration_matches_scipy_eigh_subset():
    """The eigenvalue nearest 4.1 of a 30 × 30 SPD matrix equals scipy.linalg.eigh's, the vector too (up to sign)."""
    A = zoo.select("spd")[2].A
    w, Q = scipy.linalg.eigh(A)
    i = int(np.argmin(np.abs(w - 40.0)))
    lam, v, _ = inverse_iteration(A, 40.0, random_state=3)
    assert np.isclose(lam, w[i], rtol=1e-12) and _sin_angle(v, Q[:, i]) <= 1e-8


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_matrices(case):
    """Both reject empty, NaN, inf, 1-D, 3-D, strings, complex and ragged input with la4ml errors."""
    _, bad, exc = case
    for call in (lambda: power_iteration(bad), lambda: inverse_iteration(bad, 0.0)):
        with pytest.raises(exc) as info:
            call()
        assert isinstance(info.value, La4mlError)


def test_bad_parameters():
    """Clear errors for a zero or wrong-length x0, negative tol, maxiter 0 or 2.5, non-square, sparse for inverse."""
    A = np.eye(2)
    with pytest.raises(ZeroVectorError, match="x0 must not be the zero vector"):
        power_iteration(A, x0=[0.0, 0.0])
    with pytest.raises(ShapeError, match="x0 must have length 2"):
        power_iteration(A, x0=[1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="tol must be >= 0"):
        power_iteration(A, tol=-1e-3)
    with pytest.raises(ValueError, match="maxiter must be >= 1"):
        power_iteration(A, maxiter=0)
    with pytest.raises(DTypeError, match="maxiter must be an int"):
        power_iteration(A, maxiter=2.5)
    with pytest.raises(ValueError, match="must be square, got shape \\(2, 3\\)"):
        power_iteration(np.ones((2, 3)))
    with pytest.raises(ValueError, match="must be square"):
        power_iteration(scipy.sparse.csr_array(np.ones((2, 3))))
    with pytest.raises(DTypeError, match="dense .*toarray"):
        inverse_iteration(scipy.sparse.csr_array(A), 0.0)
    with pytest.raises(DTypeError, match="shift must be a finite"):
        inverse_iteration(A, float("nan"))
    with pytest.raises(DTypeError, match="random_state"):
        power_iteration(A, random_state="seed")


def test_linear_operator():
    """A LinearOperator (only A @ x known) gives the dense answer; its rule uses the largest ‖Ax‖ seen (stricter)."""
    from scipy.sparse.linalg import LinearOperator, aslinearoperator

    A = zoo.select("symmetric", "indefinite")[1].A
    x0 = np.ones(len(A))
    lam_d, v_d, n_d = power_iteration(A, x0=x0)
    lam, v, n = power_iteration(aslinearoperator(A), x0=x0)
    assert np.isclose(lam, lam_d, rtol=1e-10) and _sin_angle(v, v_d) <= 1e-8 and n >= n_d
    assert _residual(A, lam, v) <= 1e-10 * abs(lam) * (1 + 1e-12)
    calls = []
    op = LinearOperator(A.shape, matvec=lambda x: calls.append(1) or A @ x, dtype=float)
    assert power_iteration(op, x0=x0)[2] == len(calls)            # n_iter counts the products
    with pytest.raises(ValueError, match="A.matvec.*NaN or inf"):
        power_iteration(LinearOperator((2, 2), matvec=lambda x: np.full(2, np.nan), dtype=float), x0=[1.0, 0.0])
    with pytest.raises(ValueError, match="square"):
        power_iteration(LinearOperator((2, 3), matvec=lambda x: np.zeros(2), dtype=float))


def test_callback_sees_every_step():
    """callback(x) runs once per step with the unit vector tested, for both methods (copies: mutating them is harmless)."""
    A = zoo.select("spd")[1].A
    seen = []
    lam, v, n_iter = power_iteration(A, x0=np.ones(8), callback=lambda x: (seen.append(x.copy()), x.fill(0)))
    assert len(seen) == n_iter and np.allclose(seen[-1], v * np.sign(v @ seen[-1]))
    assert all(np.isclose(np.linalg.norm(x), 1.0) for x in seen)
    seen.clear()
    lam, v, n_iter = inverse_iteration(A, 1.2, x0=np.ones(8), callback=seen.append)
    assert len(seen) == n_iter and np.allclose(np.abs(seen[-1]), np.abs(v))
