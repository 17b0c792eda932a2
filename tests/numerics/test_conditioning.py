"""Tests of la4ml.numerics condition_number, digits_lost and correct_digits."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import DTypeError, InvalidParameterError, NotSquareError, OutOfRangeError, ShapeError
from la4ml.numerics import condition_number, correct_digits, digits_lost

EPS = np.finfo(float).eps


@pytest.mark.parametrize("p", [2, 1, np.inf, "fro"])
@pytest.mark.parametrize("case", zoo.select("invertible"), ids=zoo.ids)
def test_matches_numpy_on_invertible_zoo(case, p):
    """κ_p of every invertible zoo matrix equals np.linalg.cond(A, p) to 10·n·κ·eps relative (eps of A's dtype)."""
    A = np.asarray(case.A)
    ref = np.linalg.cond(A.astype(float), p)
    eps = np.finfo(A.dtype).eps  # float32 is computed in float32
    assert condition_number(A, p=p) == pytest.approx(ref, rel=10 * len(A) * ref * eps)


@pytest.mark.parametrize("case", zoo.select("rectangular", "full-rank"), ids=zoo.ids)
def test_rectangular_two_norm(case):
    """For a full-rank rectangular matrix κ₂ = σ_max/σ_min, as np.linalg.cond; other norms need a square matrix."""
    ref = np.linalg.cond(case.A)
    assert condition_number(case.A) == pytest.approx(ref, rel=10 * ref * EPS + 1e-12)
    with pytest.raises(NotSquareError):
        condition_number(case.A, p=1)


def test_is_max_over_min_not_min_over_max():
    """κ(diag(10, 0.1)) = 100 in every norm: the larger singular value on top (κ >= 1)."""
    A = np.diag([10.0, 0.1])
    for p in (2, 1, np.inf):
        assert condition_number(A, p=p) == pytest.approx(100.0, rel=4 * EPS)
    assert condition_number(A, p="fro") == pytest.approx(100.01, rel=4 * EPS)  # ‖A‖_F = ‖A⁻¹‖_F = √100.01


def test_norms_differ():
    """The four norms give four different κ on a non-normal 2 × 2 (so the p argument is really used)."""
    A = np.array([[1.0, 10.0], [0.0, 1.0]])
    values = [condition_number(A, p=p) for p in (2, 1, np.inf, "fro")]
    assert len(set(np.round(values, 8))) == 3  # κ₁ = κ_∞ = 121 for this matrix; κ₂ and κ_F differ
    assert values[1] == pytest.approx(121.0, rel=4 * EPS) and values[2] == pytest.approx(121.0, rel=4 * EPS)
    assert values[0] == pytest.approx(np.linalg.cond(A), rel=1e-12) and values[3] == pytest.approx(102.0, rel=4 * EPS)


@pytest.mark.parametrize("scale", [1e-300, 1e-6, 1.0, 1e6, 1e300])
def test_scale_invariant(scale):
    """κ(cA) = κ(A) from 1e-300 to 1e300 (A is scaled by max|A| first, so nothing overflows or underflows)."""
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    for p in (2, 1, np.inf, "fro"):
        assert condition_number(scale * A, p=p) == pytest.approx(condition_number(A, p=p), rel=8 * EPS)


@pytest.mark.parametrize("case", zoo.select("singular"), ids=zoo.ids)
def test_singular_is_huge_or_inf(case):
    """A singular matrix has κ >= 1/(n·eps) or inf, in every norm."""
    for p in (2, 1, np.inf, "fro"):
        assert condition_number(case.A, p=p) >= 1 / (len(case.A) * EPS) * 0.01


def test_exactly_singular_is_inf():
    """A zero matrix and diag(1, 0) have κ = inf exactly."""
    assert condition_number(np.zeros((3, 3))) == np.inf
    assert condition_number(np.diag([1.0, 0.0])) == np.inf
    assert condition_number(np.diag([1.0, 0.0]), p=1) == np.inf


@pytest.mark.parametrize("name, bad, exc", zoo.BAD_INPUTS, ids=[b[0] for b in zoo.BAD_INPUTS])
def test_bad_inputs(name, bad, exc):
    """The zoo's bad inputs raise la4ml errors that subclass ValueError/TypeError."""
    with pytest.raises(exc):
        condition_number(bad)


@pytest.mark.parametrize("p", [3, "nuc", None, True, -2, "2"])
def test_bad_p(p):
    """An unsupported p is refused, naming the four allowed norms."""
    with pytest.raises(InvalidParameterError, match="np.inf or 'fro'"):
        condition_number(np.eye(2), p=p)


def test_digits_lost_is_log10():
    """digits_lost is log10 κ (not ln κ): 0 for κ = 1, 8 for 1e8, arrays elementwise, inf for inf."""
    assert digits_lost(1.0) == 0.0 and digits_lost(1e8) == 8.0 and digits_lost(np.inf) == np.inf
    assert isinstance(digits_lost(10.0), float)
    np.testing.assert_array_equal(digits_lost([1e2, 1e16]), [2.0, 16.0])
    with pytest.raises(OutOfRangeError, match="σ_min/σ_max"):
        digits_lost(0.5)
    with pytest.raises(ValueError):
        digits_lost(np.nan)


@settings(max_examples=30, deadline=None)
@given(k=st.integers(0, 13), seed=st.integers(0, 2**32 - 1))
@example(k=12, seed=0)
def test_digits_lost_predicts_solve_error(k, seed):
    """Solving Ax = b with κ(A) = 10^k loses at most log10 κ + 1 digits (the bound: relative error <= 10·κ·eps)."""
    rng = np.random.default_rng(seed)
    n = 8
    U, _ = np.linalg.qr(rng.standard_normal((n, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    A = U @ np.diag(np.logspace(0, -k, n)) @ V.T
    x_true = rng.standard_normal(n)
    x = np.linalg.solve(A, A @ x_true)
    lost = -np.log10(EPS) - correct_digits(x, x_true)
    assert lost <= digits_lost(condition_number(A)) + 1 + np.log10(n)


def test_correct_digits():
    """correct_digits: -log10 of the relative 2-norm error; inf when exact; refuses a zero reference and shape mismatch."""
    assert correct_digits(np.array([1.0, 1.001]), np.array([1.0, 1.0])) == pytest.approx(
        -np.log10(0.001 / np.sqrt(2)), rel=1e-9)
    assert correct_digits(2.0, 2.0) == np.inf
    assert correct_digits(1e300 * np.array([1.0, 1.1]), 1e300 * np.array([1.0, 1.0])) == pytest.approx(
        -np.log10(0.1 / np.sqrt(2)), rel=1e-9)
    with pytest.raises(InvalidParameterError, match="nonzero"):
        correct_digits([1.0], [0.0])
    with pytest.raises(ShapeError):
        correct_digits([1.0, 2.0], [1.0])
    with pytest.raises(DTypeError):
        correct_digits(["a"], [1.0])


# ---- fuzz findings (issue #9): the documented infinities the fuzzer allows ----
@pytest.mark.parametrize("A", [np.zeros((3, 3)), np.ones((3, 3))])
def test_condition_number_of_an_exactly_singular_matrix_is_inf(A):
    """Documented (Returns): inf when sigma_min is exactly 0, as np.linalg.cond."""
    assert condition_number(A) == np.inf


def test_digits_lost_of_inf_is_inf():
    """Documented (Parameters): kappa = inf is allowed, a singular problem loses every digit."""
    assert digits_lost(np.inf) == np.inf
