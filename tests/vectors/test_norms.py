"""Tests of la4ml.vectors._norms: norm and matrix_norm."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import zoo
from la4ml.errors import DTypeError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.vectors import matrix_norm, norm

SETTINGS = settings(max_examples=40, deadline=None)
# entries of moderate size: the naive formulas NumPy uses would underflow below about 1e-154
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False).map(lambda v: 0.0 if abs(v) < 1e-100 else v)
vectors = hnp.arrays(np.float64, st.integers(1, 12), elements=finite)
orders = st.sampled_from([1, 2, np.inf, 1.5, 3, 7.25])
NONEMPTY = [z for z in zoo.ZOO if z.A.size]
VECTOR_BAD_INPUTS = [case for case in zoo.BAD_INPUTS if case[0] != "vector"]


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
@pytest.mark.parametrize("ord", [1, 2, np.inf, 1.5, 4])
def test_norm_matches_numpy_on_zoo_rows(case, ord):
    """norm(x, p) == np.linalg.norm(x, p) for every row of every zoo matrix."""
    for x in case.A:
        assert np.isclose(norm(x, ord), np.linalg.norm(x, ord), rtol=1e-6 if x.dtype == np.float32 else 1e-12)


@SETTINGS
@given(vectors, orders)
def test_norm_matches_numpy_on_random_vectors(x, ord):
    """norm(x, p) == np.linalg.norm(x, p) on Hypothesis vectors."""
    assert np.isclose(norm(x, ord), np.linalg.norm(x, ord), rtol=1e-12, atol=0)


@SETTINGS
@given(vectors, st.data(), orders)
def test_triangle_inequality(x, data, ord):
    """||x + y||_p <= ||x||_p + ||y||_p for p >= 1."""
    y = data.draw(hnp.arrays(np.float64, x.shape, elements=finite))
    assert norm(x + y, ord) <= (norm(x, ord) + norm(y, ord)) * (1 + 1e-12)


@SETTINGS
@given(vectors, st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False), orders)
def test_absolute_homogeneity(x, alpha, ord):
    """||alpha x||_p == |alpha| ||x||_p."""
    assert np.isclose(norm(alpha * x, ord), abs(alpha) * norm(x, ord), rtol=1e-12, atol=0)


@SETTINGS
@given(vectors)
def test_norms_are_ordered(x):
    """||x||_inf <= ||x||_3 <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2 <= n ||x||_inf."""
    n, r = x.size, 1 + 1e-12
    assert norm(x, np.inf) <= norm(x, 3) * r
    assert norm(x, 3) <= norm(x, 2) * r
    assert norm(x, 2) <= norm(x, 1) * r
    assert norm(x, 1) <= np.sqrt(n) * norm(x, 2) * r
    assert norm(x, 2) <= np.sqrt(n) * norm(x, np.inf) * r


def test_known_answers():
    """The 3-4-5 triangle: ||(3, -4)|| is 7, 5 and 4 in L1, L2, L-infinity; 0 only for 0."""
    x = np.array([3.0, -4.0])
    assert (norm(x, 1), norm(x), norm(x, np.inf)) == (7.0, 5.0, 4.0)
    assert norm(np.zeros(4)) == 0.0 and norm(np.zeros(4), 3) == 0.0
    assert norm([[3.0], [4.0]]) == 5.0  # a column vector is a vector


def test_no_overflow_or_underflow():
    """||(1e200, 1e200)|| = sqrt(2) 1e200, where the naive sqrt(sum x^2) overflows to inf (as scipy's nrm2 does not)."""
    big, tiny = np.array([1e200, 1e200]), np.array([3e-200, 4e-200])
    with np.errstate(over="ignore", under="ignore"):
        assert np.sqrt(np.sum(big**2)) == np.inf and np.sqrt(np.sum(tiny**2)) == 0.0
    assert np.isclose(norm(big), np.sqrt(2) * 1e200) and np.isclose(norm(big), scipy.linalg.norm(big))
    assert np.isclose(norm(tiny), 5e-200)
    assert np.isclose(norm(big, 3), 2 ** (1 / 3) * 1e200)


@pytest.mark.parametrize("p", [0.5, 0, -1])
def test_p_below_one_is_not_a_norm(p):
    """p < 1 raises OutOfRangeError (a ValueError) saying the unit ball is not convex."""
    with pytest.raises(OutOfRangeError, match=r"ord=.*not a norm: the unit ball is not convex") as info:
        norm([1.0, 2.0], p)
    assert isinstance(info.value, ValueError)
    if p == 0:
        assert "count_nonzero" in str(info.value)


def test_p_below_one_breaks_the_triangle_inequality():
    """Why p < 1 is refused: (|1|^p + |1|^p)^(1/p) = 4 > 2 = ||e1|| + ||e2|| for p = 1/2."""
    e1, e2, p = np.array([1.0, 0.0]), np.array([0.0, 1.0]), 0.5
    quasi = lambda v: np.sum(np.abs(v) ** p) ** (1 / p)  # noqa: E731
    assert quasi(e1 + e2) == 4.0 > quasi(e1) + quasi(e2) == 2.0


@pytest.mark.parametrize("ord", ["fro", "nuc", None, True, np.nan])
def test_bad_vector_ord(ord):
    """A string, None, bool or NaN order is a DTypeError naming ord; 'fro' points to matrix_norm."""
    with pytest.raises(DTypeError, match="ord") as info:
        norm([1.0, 2.0], ord)
    if ord == "fro":
        assert "matrix_norm" in str(info.value)


@pytest.mark.parametrize("case", VECTOR_BAD_INPUTS, ids=zoo.ids)
def test_norm_rejects_bad_inputs(case):
    """Every bad input raises its expected type with a message naming x."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bx\b"):
        norm(bad)


def test_norm_rejects_nan_and_matrix():
    """A NaN entry is a NonFiniteError with its index; a matrix is a ShapeError pointing to matrix_norm."""
    with pytest.raises(NonFiniteError, match=r"x must contain only finite numbers, got nan at index \(1,\)"):
        norm([1.0, np.nan])
    with pytest.raises(ShapeError, match="matrix_norm"):
        norm(np.eye(2))


MATRIX_ORDS = ["fro", "nuc", 1, 2, np.inf]


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
@pytest.mark.parametrize("ord", MATRIX_ORDS, ids=str)
def test_matrix_norm_matches_numpy_and_scipy_on_zoo(case, ord):
    """matrix_norm(A, ord) == np.linalg.norm(A, ord) == scipy.linalg.norm(A, ord) on the zoo."""
    rtol = 1e-5 if case.A.dtype == np.float32 else 1e-12
    got = matrix_norm(case.A, ord)
    assert np.isclose(got, np.linalg.norm(case.A, ord), rtol=rtol)
    assert np.isclose(got, scipy.linalg.norm(case.A, ord), rtol=rtol)


matrices = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6), elements=finite)


@SETTINGS
@given(matrices, st.sampled_from(MATRIX_ORDS))
def test_matrix_norm_matches_numpy_on_random_matrices(A, ord):
    """matrix_norm(A, ord) == np.linalg.norm(A, ord) on Hypothesis matrices."""
    assert np.isclose(matrix_norm(A, ord), np.linalg.norm(A, ord), rtol=1e-10, atol=1e-300)


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**31), st.sampled_from([1, 2, np.inf, "fro"]))
def test_submultiplicative(m, k, n, seed, ord):
    """||AB|| <= ||A|| ||B|| for the induced norms and Frobenius."""
    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((m, k)), rng.standard_normal((k, n))
    assert matrix_norm(A @ B, ord) <= matrix_norm(A, ord) * matrix_norm(B, ord) * (1 + 1e-12)


@SETTINGS
@given(matrices)
def test_spectral_frobenius_nuclear_sandwich(A):
    """||A||_2 <= ||A||_F <= ||A||_* and ||A||_F <= sqrt(min(m, n)) ||A||_2."""
    r = 1 + 1e-12
    s2, sf, sn = matrix_norm(A, 2), matrix_norm(A), matrix_norm(A, "nuc")
    assert s2 <= sf * r and sf <= sn * r and sf <= np.sqrt(min(A.shape)) * s2 * r


@pytest.mark.parametrize("ord", [3, -1, "f", "inf", None, 0.5])
def test_matrix_norm_rejects_unknown_ord(ord):
    """An unsupported ord names ord and lists the choices; a number suggests norm(A.ravel(), p)."""
    with pytest.raises((ValueError, TypeError), match=r"ord must be one of 'fro', 'nuc', 1, 2 or np.inf") as info:
        matrix_norm(np.eye(2), ord)
    if ord == 3:
        assert "norm(A.ravel(), 3)" in str(info.value)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_matrix_norm_rejects_bad_inputs(case):
    """Every zoo bad input raises its expected type with a message naming A."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bA\b"):
        matrix_norm(bad)


# near the largest float (issue #9) ------------------------------------------------------------------


def test_norms_beyond_the_largest_float_raise():
    """The 2-norm of (1.7e308, 1.7e308) is 2.4e308, not a float64: NumericOverflowError, not inf (or a warning)."""
    from la4ml.errors import NumericOverflowError

    x = np.array([1.7e308, 1.7e308])
    with pytest.raises(NumericOverflowError, match="the norm of x is too large for float64"):
        norm(x)
    assert norm(x, np.inf) == 1.7e308
    assert np.isclose(norm(x / 2), np.hypot(0.85e308, 0.85e308))
    with pytest.raises(NumericOverflowError, match=r"the 1-norm of A is too large"):
        matrix_norm(np.array([[1.7e308], [1.7e308]]), 1)
    assert np.isclose(matrix_norm(np.array([[1e308, 0.0], [0.0, 0.5e308]]), 2), 1e308)
