"""Tests of la4ml.spaces._gram: gram_matrix and gram_determinant."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics.pairwise import linear_kernel

import zoo
from la4ml.errors import EmptyInputError, OutOfRangeError, ShapeError
from la4ml.spaces import gram_determinant, gram_matrix

SETTINGS = settings(max_examples=40, deadline=None)
NONEMPTY = [z for z in zoo.ZOO if z.A.size]


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_gram_matrix_matches_products_on_zoo(case):
    """gram_matrix(V) == V.T @ V (columns); axis='rows' == V @ V.T == sklearn's linear_kernel(V)."""
    V = case.A.astype(np.float64)
    assert np.allclose(gram_matrix(V), V.T @ V)
    assert np.allclose(gram_matrix(V, axis="rows"), V @ V.T)
    assert np.allclose(gram_matrix(V, axis="rows"), linear_kernel(V))


def test_list_of_vectors():
    """A list of 1-D vectors is read as vectors (columns), whatever axis says: G[i, j] = v_i . v_j."""
    u, v, w = [1.0, 0.0, 2.0], [0.0, 3.0, 1.0], [1.0, 1.0, 1.0]
    expected = np.array([[5.0, 2.0, 3.0], [2.0, 10.0, 4.0], [3.0, 4.0, 3.0]])
    assert np.array_equal(gram_matrix([u, v, w]), expected)
    assert np.array_equal(gram_matrix((u, v, w), axis="rows"), expected)


@SETTINGS
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**31))
def test_gram_matrix_is_symmetric_psd(n, k, seed):
    """G is exactly symmetric, PSD (eigenvalues >= -rounding) and c^T G c = ||V c||^2."""
    rng = np.random.default_rng(seed)
    V, c = rng.standard_normal((n, k)), rng.standard_normal(k)
    G = gram_matrix(V)
    assert np.array_equal(G, G.T)
    assert np.linalg.eigvalsh(G).min() >= -1e-12 * max(1.0, np.abs(G).max())
    assert np.isclose(c @ G @ c, np.linalg.norm(V @ c) ** 2)


@pytest.mark.parametrize("case", [z for z in NONEMPTY if z.A.shape[0] >= z.A.shape[1]], ids=zoo.ids)
def test_gram_determinant_matches_numpy_det(case):
    """gram_determinant(V) == det(V^T V), and for square V == det(V)^2."""
    V = case.A.astype(np.float64)
    G = V.T @ V
    got = gram_determinant(V)
    assert got >= 0.0
    assert np.isclose(got, np.linalg.det(G), rtol=1e-6, atol=1e-12 * np.abs(G).max() ** V.shape[1])
    if V.shape[0] == V.shape[1]:
        assert np.isclose(got, np.linalg.det(V) ** 2, rtol=1e-6, atol=1e-12 * np.abs(G).max() ** V.shape[1])


def test_parallelogram_area():
    """Known answer: u = (2, 0), v = (1, 3) span a parallelogram of area 6, so det G = 36; in R^3 too."""
    assert np.isclose(gram_determinant([[2.0, 0.0], [1.0, 3.0]], axis="rows"), 36.0)
    assert np.isclose(gram_determinant([np.array([2.0, 0.0, 0.0]), np.array([1.0, 3.0, 0.0])]), 36.0)


def test_dependent_vectors_have_zero_determinant():
    """Dependent vectors: det G is 0 up to rounding (never negative); more vectors than dimensions: exactly 0."""
    u, v = np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])
    d = gram_determinant([u, v, 2 * v - u])
    assert 0.0 <= d < 1e-20
    assert gram_determinant(np.ones((2, 3))) == 0.0


@SETTINGS
@given(st.integers(1, 5), st.integers(0, 2**31), st.floats(0.1, 10))
def test_determinant_scales_with_the_vectors(k, seed, c):
    """Scaling one vector by c scales det G by c^2 (squared volume), the reason it is no test of independence."""
    V = np.random.default_rng(seed).standard_normal((5, k))
    W = V.copy()
    W[:, 0] *= c
    assert np.isclose(gram_determinant(W), c**2 * gram_determinant(V), rtol=1e-9)


def test_bad_axis_and_ragged_lists():
    """An unknown axis, vectors of different lengths or an empty list each get a message naming the problem."""
    with pytest.raises(OutOfRangeError, match="axis must be 'columns' or 'rows', got 0"):
        gram_matrix(np.eye(2), axis=0)
    with pytest.raises(ShapeError, match=r"every vector in X must have the same length: X\[0\] has 2, X\[1\] has 3"):
        gram_matrix([np.ones(2), np.ones(3)])
    with pytest.raises(EmptyInputError, match="X must hold at least one vector"):
        gram_determinant([])


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("f", [gram_matrix, gram_determinant], ids=lambda f: f.__name__)
def test_rejects_bad_inputs(case, f):
    """Every zoo bad input raises its expected type naming X."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bX\b"):
        f(bad)


# near the largest float (issue #9) ------------------------------------------------------------------


def test_gram_determinant_near_overflow_is_finite_and_correct():
    """Columns near 1e154 and 1e-154: det = 1 exactly in exact arithmetic; the product of sigma^2 used to be inf * 0 = NaN."""
    V = np.diag([1e154, 1e-154])
    assert np.isclose(gram_determinant(V), 1.0, rtol=1e-12)
    V = np.array([[2.0, 1.0], [0.0, 3.0]])
    for scale in (1e-80, 1e70):  # det scales as scale**4: 36e-320 (subnormal, still nonzero) and 3.6e281
        assert np.isclose(gram_determinant(V * scale), 36.0 * scale**4, rtol=1e-12)
    assert np.isclose(gram_determinant(V * 1e-160), 0.0)  # 36e-640 underflows to 0: the nearest float


def test_gram_determinant_overflow_is_a_clear_error():
    """Finite vectors whose squared volume exceeds 1.8e308 raise NumericOverflowError naming the size, not NaN."""
    from la4ml.errors import NumericOverflowError

    with pytest.raises(NumericOverflowError, match=r"Gram determinant of X is about 2\*\*\d+ \(10\*\*\d+\).*log"):
        gram_determinant(np.array([[1e308, 0.0], [0.0, 1e308]]))
    with pytest.raises(NumericOverflowError, match=r"an inner product of the vectors in X is too large"):
        gram_matrix(np.array([[1e200, 1.0], [1.0, 1e200]]))


def test_gram_matrix_near_overflow():
    """Vectors near 1e154: inner products up to 1.25e308 come out right (V / s is formed first, exactly)."""
    V = np.array([[1e154, 0.0], [0.5e154, 1e154]])
    assert np.allclose(gram_matrix(V), [[1.25e308, 0.5e308], [0.5e308, 1e308]], rtol=1e-14)
