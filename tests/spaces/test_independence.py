"""Tests of la4ml.spaces._independence: is_linearly_independent, column_basis, orthonormal_basis, in_span."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import InvalidParameterError, ShapeError
from la4ml.spaces import column_basis, in_span, is_linearly_independent, numerical_rank, orthonormal_basis

SETTINGS = settings(max_examples=30, deadline=None)
NONEMPTY = [z for z in zoo.ZOO if z.A.size]
SINGULAR_3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])


def dependent_matrix(seed, m, r, n_extra):
    """(A, r): r Gaussian columns in R^m and n_extra random combinations of them, shuffled together."""
    rng = np.random.default_rng(seed)
    r = min(r, m)
    B = rng.standard_normal((m, r))
    A = np.column_stack([B, B @ rng.standard_normal((r, n_extra))])
    return A[:, rng.permutation(A.shape[1])], r


@st.composite
def dependent_columns(draw):
    """A matrix whose columns are random combinations of r independent ones, shuffled among them."""
    seed = draw(st.integers(0, 2**31))
    m, r, n_extra = draw(st.integers(1, 7)), draw(st.integers(1, 4)), draw(st.integers(0, 4))
    return dependent_matrix(seed, m, r, n_extra)


#: (seed, m, r, n_extra) on which the greedy column_basis kept one column too many (issue #9): the
#: first from a seed sweep, the other two Hypothesis's own falsifying examples.
GREEDY_FAILURES = [(1, 5, 2, 1), (224, 5, 4, 3), (343153, 5, 3, 1), (9, 4, 2, 3), (12, 5, 2, 2)]


# is_linearly_independent ----------------------------------------------------------------------


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_independence_matches_matrix_rank_on_zoo(case):
    """Columns are independent exactly when matrix_rank(A) equals the number of columns."""
    assert is_linearly_independent(case.A) == (np.linalg.matrix_rank(case.A) == case.A.shape[1])


def test_exact_zero_tolerance_gets_nearly_dependent_wrong():
    """(1,4,7), (2,5,8), (3,6,9) are dependent (c3 = 2 c2 - c1): the default tolerance says so, tol=0 does not.

    Rounding leaves the smallest singular value near 3e-16 instead of 0, so "is any singular
    value exactly zero?" answers "no": an exact-arithmetic test in floating point is wrong.
    """
    assert np.allclose(SINGULAR_3[:, 2], 2 * SINGULAR_3[:, 1] - SINGULAR_3[:, 0])
    assert is_linearly_independent(SINGULAR_3) is False
    assert is_linearly_independent(SINGULAR_3, tol=0.0) is True  # wrong, and that is the lesson


def test_list_of_vectors_are_columns():
    """A list [v1, v2, ...] means the vectors v_i (stacked as columns), not the rows of a matrix."""
    u, v = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    assert is_linearly_independent([u, v])
    assert not is_linearly_independent([u, v, [2.0, -3.0, 0.0]])
    assert not is_linearly_independent([u, [0.0, 0.0, 0.0]])  # a zero vector makes any set dependent


@SETTINGS
@given(st.integers(1, 6), st.integers(0, 2**31))
def test_random_vectors_independent_until_too_many(n, seed):
    """k <= n Gaussian vectors in R^n are independent (with probability 1); n + 1 never are."""
    V = np.random.default_rng(seed).standard_normal((n, n + 1))
    assert is_linearly_independent(V[:, :n])
    assert not is_linearly_independent(V)


@SETTINGS
@given(dependent_columns())
def test_adding_a_combination_makes_dependent(Ar):
    """Columns built from r independent ones are dependent whenever there are more than r of them."""
    A, r = Ar
    assert is_linearly_independent(A) == (A.shape[1] == r)


# column_basis ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
@pytest.mark.parametrize("method", ["greedy", "qr"])
def test_column_basis_is_a_basis_on_zoo(case, method):
    """A[:, basis] has as many columns as rank A, is independent, and spans the column space (same rank as A)."""
    A = case.A.astype(np.float64)
    basis = column_basis(A, method=method)
    r = numerical_rank(A)
    assert len(basis) == r
    assert np.all(np.diff(basis) > 0)
    if r:
        assert numerical_rank(A[:, basis]) == r
        assert numerical_rank(np.column_stack([A[:, basis], A])) == r


@SETTINGS
@given(dependent_columns(), st.sampled_from(["greedy", "qr"]))
@example(dependent_matrix(*GREEDY_FAILURES[0]), "greedy")
@example(dependent_matrix(*GREEDY_FAILURES[1]), "greedy")
@example(dependent_matrix(*GREEDY_FAILURES[2]), "greedy")
def test_column_basis_on_constructed_dependence(Ar, method):
    """With r independent directions, the basis has r columns and every other column lies in their span."""
    A, r = Ar
    basis = column_basis(A, method=method)
    assert len(basis) == r
    for j in range(A.shape[1]):
        assert in_span(A[:, j], A[:, basis], tol=1e-8 * max(1.0, np.linalg.norm(A[:, j])))


@pytest.mark.parametrize("params", GREEDY_FAILURES, ids=str)
@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_greedy_count_equals_rank_on_past_failures(params, scale):
    """On the matrices where greedy once kept a column too many, greedy, 'qr' and numerical_rank all say r, at any scale."""
    A, r = dependent_matrix(*params)
    A = scale * A
    assert len(column_basis(A)) == len(column_basis(A, method="qr")) == numerical_rank(A) == r


@pytest.mark.parametrize("delta", [1e-3, 1e-8])
def test_greedy_tol_is_a_singular_value_threshold(delta):
    """Columns e1 and e1 + delta e2: sigma_min = delta / sqrt(2) + O(delta^2), the distance the second column must move.

    Its residual is delta, but a change of only delta / sqrt(2) makes it a multiple of e1; at
    tol = 0.9 delta the greedy scan, pivoted QR and numerical_rank all keep one column.
    """
    A = np.array([[1.0, 1.0], [0.0, delta]])
    tol = 0.9 * delta
    assert numerical_rank(A, tol) == 1
    assert column_basis(A, tol).tolist() == [0]
    assert len(column_basis(A, tol, method="qr")) == 1
    assert column_basis(A, 0.6 * delta).tolist() == [0, 1]


def test_greedy_basis_is_the_earliest():
    """Greedy keeps the first column of each new direction; each dropped column is a combination of earlier ones."""
    A = np.array([[1.0, 2.0, 0.0, 1.0, 5.0], [0.0, 0.0, 1.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0, 0.0]])
    assert column_basis(A).tolist() == [0, 2, 4]
    for j in (1, 3):
        assert in_span(A[:, j], A[:, [k for k in (0, 2) if k < j]])


def test_qr_method_follows_scipy_pivots():
    """method='qr' keeps the first rank-many pivots of scipy.linalg.qr(A, pivoting=True), sorted."""
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    _, _, piv = scipy.linalg.qr(A, pivoting=True)
    assert column_basis(A, method="qr").tolist() == sorted(piv[:2].tolist())
    assert column_basis(A, method="qr").tolist() != column_basis(A).tolist()  # picks the longest, not the earliest


def test_column_basis_arguments():
    """An unknown method or a negative tol is refused; a zero matrix has an empty basis."""
    with pytest.raises(InvalidParameterError, match="method must be one of 'greedy', 'qr', got 'svd'"):
        column_basis(np.eye(2), method="svd")
    with pytest.raises(ValueError, match="tol must be >= 0"):
        column_basis(np.eye(2), tol=-1.0)
    assert column_basis(np.zeros((3, 2))).tolist() == []


# orthonormal_basis ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_orthonormal_basis_matches_scipy_orth(case):
    """Q has rank A orthonormal columns (Q^T Q = I) spanning the same space as scipy.linalg.orth (equal projectors)."""
    A = case.A.astype(np.float64)
    Q = orthonormal_basis(A)
    assert Q.shape == (A.shape[0], numerical_rank(A))
    assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-12)
    P = scipy.linalg.orth(A)
    assert np.allclose(Q @ Q.T, P @ P.T, atol=1e-10)


@SETTINGS
@given(dependent_columns())
def test_orthonormal_basis_spans_the_columns(Ar):
    """Projecting A onto span(Q) leaves A unchanged: Q Q^T A = A; the largest entry of each column is positive."""
    A, r = Ar
    Q = orthonormal_basis(A)
    assert Q.shape[1] == r
    assert np.allclose(Q @ (Q.T @ A), A, atol=1e-10 * max(1.0, np.abs(A).max()))
    i = np.argmax(np.abs(Q), axis=0)
    assert np.all(Q[i, np.arange(r)] > 0)


def test_orthonormal_basis_of_zero_matrix_is_empty():
    """The zero matrix spans only {0}: a basis with no columns, shape (m, 0)."""
    assert orthonormal_basis(np.zeros((3, 2))).shape == (3, 0)


# in_span --------------------------------------------------------------------------------------


def test_in_span_known_answers():
    """(2,3,5) = 2 a1 + 3 a2 is in the plane; (2,3,4) is 1/sqrt(3) away; 0 is in every span."""
    A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert in_span([2.0, 3.0, 5.0], A)
    assert not in_span([2.0, 3.0, 4.0], A)
    assert in_span([2.0, 3.0, 4.0], A, tol=0.6)  # 1/sqrt(3) = 0.577...
    assert in_span(np.zeros(3), A) and in_span(np.zeros(3), np.zeros((3, 2)))
    assert not in_span([1.0, 0.0, 0.0], np.zeros((3, 2)))
    assert in_span([1.0, 2.0, 3.0], [np.array([1.0, 2.0, 3.0]) / 7])  # a list of spanning vectors


#: (seed, m, r, n_extra) with coefficient seed 1 on which in_span(A @ c, A) said False (issue #9): with
#: numpy's lstsq residual (up to 30 eps ||A|| ||x_hat||) and, for the rank-deficient ones, because c has a
#: large part in the null space of A, so fl(A c) carries rounding of eps ||A|| ||c|| >> eps ||A|| ||x_hat||
IN_SPAN_FAILURES = [(7, 4, 3, 0), (0, 7, 4, 2), (4, 2, 1, 3), (10, 4, 4, 4)]
#: full column rank, coefficient seed = matrix seed: the residual of A c is 2.05 and 3.13 times eps (||v|| +
#: ||A|| ||c||), above max(m, n) = 2 and 3 and below m + n = 4 and 6 (the rounding level's constant)
IN_SPAN_CONSTANT = [(15, 2, 2, 0), (36, 3, 3, 0)]


@SETTINGS
@given(dependent_columns(), st.integers(0, 2**31))
@example(dependent_matrix(*IN_SPAN_FAILURES[0]), 1)
@example(dependent_matrix(*IN_SPAN_FAILURES[1]), 1)
@example(dependent_matrix(*IN_SPAN_FAILURES[2]), 1)
@example(dependent_matrix(*IN_SPAN_FAILURES[3]), 1)
@example(dependent_matrix(*IN_SPAN_CONSTANT[0]), 15)
@example(dependent_matrix(*IN_SPAN_CONSTANT[1]), 36)
def test_in_span_combinations_and_orthogonal_parts(Ar, seed):
    """A c is in span(A) up to the rounding of forming A c; A c + w with w orthogonal to span(A) is not.

    in_span sees only the shortest coefficients x_hat, so its default tolerance covers fl(A c) when
    c = x_hat (A of full column rank); otherwise the test passes the rounding level of its own c.
    """
    A, r = Ar
    rng = np.random.default_rng(seed)
    c = rng.standard_normal(A.shape[1])
    v = A @ c
    rounding = sum(A.shape) * np.finfo(np.float64).eps * (np.linalg.norm(v) + np.linalg.norm(A, 2) * np.linalg.norm(c))
    assert in_span(v, A, tol=rounding)
    if r == A.shape[1]:
        assert in_span(v, A)
    if r < A.shape[0]:
        Q = orthonormal_basis(A)
        w = rng.standard_normal(A.shape[0])
        w -= Q @ (Q.T @ w)
        w /= np.linalg.norm(w)
        assert not in_span(v + w, A)


@pytest.mark.parametrize("case", [z for z in NONEMPTY if "ill-conditioned" not in z.tags], ids=zoo.ids)
def test_in_span_agrees_with_rank_test(case):
    """v is in span(A) exactly when appending v leaves the rank unchanged (columns of A, and e_1)."""
    A = case.A.astype(np.float64)
    for v in [A[:, -1], np.eye(A.shape[0])[0]]:
        expected = np.linalg.matrix_rank(np.column_stack([A, v])) == np.linalg.matrix_rank(A)
        assert in_span(v, A) == expected


def test_in_span_rejects_wrong_length():
    """v must have one entry per row of A."""
    with pytest.raises(ShapeError, match="v must have length 3"):
        in_span([1.0, 2.0], np.eye(3))


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_rejects_bad_inputs(case):
    """Every zoo bad input raises its expected type naming the parameter."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bvectors\b"):
        is_linearly_independent(bad)
    for f in (column_basis, orthonormal_basis):
        with pytest.raises(exc, match=r"\bA\b"):
            f(bad)
    with pytest.raises(exc, match=r"\bA\b"):
        in_span(np.ones(2), bad)
