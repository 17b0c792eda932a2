"""Tests of la4ml.eigen.matrix_power, against np.linalg.matrix_power (repeated squaring)."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.eigen import matrix_power
from la4ml.errors import DefectiveMatrixError, DTypeError, La4mlError, SingularMatrixError

EPS = np.finfo(float).eps


def _bound(A, k):
    """A forward-error bound for V Λ^k V⁻¹: ~ |k|·n·eps·κ(V) times the size of the product's factors."""
    lam, V = np.linalg.eig(A)
    scale = np.linalg.norm(V, 2) * np.max(np.abs(lam)) ** k * np.linalg.norm(np.linalg.inv(V), 2) if k > 0 else \
        np.linalg.norm(V, 2) * np.max(np.abs(lam) ** k) * np.linalg.norm(np.linalg.inv(V), 2)
    return 50 * max(abs(k), 1) * len(A) * EPS * np.linalg.cond(V) * scale


DIAGONALIZABLE = [z for z in zoo.select("square", exclude=("defective",))]


@pytest.mark.parametrize("case", DIAGONALIZABLE, ids=zoo.ids)
@pytest.mark.parametrize("k", [0, 1, 2, 3, 7, -1, -2])
def test_zoo_against_numpy(case, k):
    """On every non-defective zoo matrix and k in {0, 1, 2, 3, 7, -1, -2}: equal to np.linalg.matrix_power."""
    A = case.A
    if k < 0 and ("singular" in case.tags):
        with pytest.raises(SingularMatrixError, match="singular"):
            matrix_power(A, k)
        return
    if "ill-conditioned" in case.tags and k < 0:
        k = -1          # (A⁻¹)^k of a κ = 1e10 matrix: the reference itself is only good to κ·eps
    got = matrix_power(A, k)
    expected = np.linalg.matrix_power(A.astype(float), k)
    assert got.shape == A.shape and got.dtype == A.dtype and np.isrealobj(got)
    tol = _bound(A.astype(float), k) + (np.linalg.cond(A.astype(float)) * EPS * np.linalg.norm(expected) * 10 if k < 0 else 0)
    if A.dtype == np.float32:
        tol = max(tol, 1e-5 * np.linalg.norm(expected))
    assert np.linalg.norm(got - expected) <= tol, (np.linalg.norm(got - expected), tol)


def test_k0_and_k1_need_no_decomposition():
    """k = 0 gives I and k = 1 a copy of A, even for a defective A (as NumPy)."""
    J = zoo.select("defective")[0].A
    assert np.array_equal(matrix_power(J, 0), np.eye(3))
    A1 = matrix_power(J, 1)
    assert np.array_equal(A1, J) and A1 is not J


def test_fibonacci_exact():
    """[[1, 1], [1, 0]]^k holds Fibonacci numbers: exact to the integer for k up to 40."""
    F = np.array([[1.0, 1.0], [1.0, 0.0]])
    fib = [0, 1]
    for _ in range(45):
        fib.append(fib[-1] + fib[-2])
    for k in range(2, 41):
        Fk = matrix_power(F, k)
        assert np.array_equal(np.rint(Fk), [[fib[k + 1], fib[k]], [fib[k], fib[k - 1]]])
        assert np.max(np.abs(Fk - np.rint(Fk))) < 0.01


def test_nonsymmetric_uses_inverse_not_transpose():
    """A nonsymmetric A with real eigenvalues (V not orthogonal): V Λ^k V⁻¹, not V Λ^k Vᵀ."""
    A = np.array([[4.0, 1.0], [2.0, 3.0]])
    assert np.allclose(matrix_power(A, 5), np.linalg.matrix_power(A, 5), rtol=1e-13, atol=0)
    R = zoo.select("orthogonal")[0].A                                  # rotation: complex eigenvalues ±i
    assert np.allclose(matrix_power(R, 3), [[0.0, 1.0], [-1.0, 0.0]], atol=1e-15)


@pytest.mark.parametrize("A", [
    [[1.0, 1.0], [0.0, 1.0]],
    zoo.select("defective")[0].A,
    [[1.0, 1.0], [0.0, 1.0 + 1e-10]],                        # diagonalizable, but κ(V) ≈ 2e10 > 1/√eps
    [[0.0, 1.0], [0.0, 0.0]],                                # nilpotent
], ids=["jordan-2", "jordan-3", "nearly-defective", "nilpotent"])
def test_defective_raises(A):
    """Defective (or κ(V) > 1/√eps) matrices raise DefectiveMatrixError pointing to np.linalg.matrix_power."""
    with pytest.raises(DefectiveMatrixError, match=r"condition number .* np\.linalg\.matrix_power"):
        matrix_power(A, 3)


def test_threshold_and_max_cond():
    """κ(V) just under 1/√eps passes, just over fails; max_cond moves the line."""
    ok = np.array([[1.0, 1.0], [0.0, 1.0 + 1e-7]])           # κ(V) ≈ 4e7
    bad = np.array([[1.0, 1.0], [0.0, 1.0 + 1e-8]])          # κ(V) ≈ 4e8
    assert np.linalg.cond(np.linalg.eig(ok)[1]) < 1 / np.sqrt(EPS) < np.linalg.cond(np.linalg.eig(bad)[1])
    assert np.allclose(matrix_power(ok, 2), np.linalg.matrix_power(ok, 2), rtol=1e-6)
    with pytest.raises(DefectiveMatrixError):
        matrix_power(bad, 2)
    assert np.allclose(matrix_power(bad, 2, max_cond=1e12), np.linalg.matrix_power(bad, 2), rtol=1e-5)
    with pytest.raises(DefectiveMatrixError):
        matrix_power(ok, 2, max_cond=1e6)


def test_repeated_eigenvalue_is_not_defective():
    """2·I and diag(3, 3, 1) have repeated eigenvalues and a perfect eigenvector basis: no error."""
    assert np.allclose(matrix_power(2 * np.eye(3), 4), 16 * np.eye(3))
    A = np.array([[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [1.0, 0.0, 1.0]])
    assert np.allclose(matrix_power(A, 3), np.linalg.matrix_power(A, 3), rtol=1e-12)


@st.composite
def diagonalizable(draw):
    n = draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    V = np.eye(n) + draw(st.floats(0, 0.4)) * rng.standard_normal((n, n))
    lam = np.array(draw(st.lists(st.floats(0.2, 2.0), min_size=n, max_size=n))) * rng.choice([-1, 1], n)
    return V @ np.diag(lam) @ np.linalg.inv(V) * 10.0 ** draw(st.integers(-3, 3))


@settings(max_examples=50, deadline=None, derandomize=True)
@given(A=diagonalizable(), k=st.integers(-4, 12))
@example(A=np.array([[2.0]]), k=-3)
def test_property_random_diagonalizable(A, k):
    """Random V diag(λ) V⁻¹ (κ(V) moderate, |λ| in [0.2, 2], scaled by 1e-3…1e3): equal to NumPy's within the bound."""
    if np.linalg.cond(np.linalg.eig(A)[1]) > 1 / np.sqrt(EPS):
        return
    got = matrix_power(A, k)
    expected = np.linalg.matrix_power(A, k)
    assert np.linalg.norm(got - expected) <= _bound(A, k) + 100 * abs(k) * np.linalg.cond(A) * EPS * np.linalg.norm(expected)


def test_bad_inputs():
    """Non-integer, bool or float k, non-square and singular-with-negative-k inputs get clear errors."""
    with pytest.raises(DTypeError, match="k must be an int, got 0.5.*fractional_matrix_power"):
        matrix_power(np.eye(2), 0.5)
    with pytest.raises(DTypeError):
        matrix_power(np.eye(2), True)
    assert np.array_equal(matrix_power(np.eye(2), np.int64(3)), np.eye(2))
    with pytest.raises(ValueError, match="must be square"):
        matrix_power(np.ones((2, 3)), 2)
    with pytest.raises(SingularMatrixError, match=r"A\^-1 .*pinv"):
        matrix_power([[1.0, 2.0], [2.0, 4.0]], -1)
    with pytest.raises(ValueError, match="max_cond must be >= 1"):
        matrix_power(np.eye(2), 2, max_cond=0.5)
    for _, bad, exc in zoo.BAD_INPUTS:
        with pytest.raises(exc) as info:
            matrix_power(bad, 2)
        assert isinstance(info.value, La4mlError)
