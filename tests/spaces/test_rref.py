"""Tests of la4ml.spaces._rref: rref against SymPy's exact reduced row echelon form."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import zoo
from la4ml.spaces import column_basis, numerical_rank, rref

try:
    import sympy
except ImportError:  # the known answers below still run
    sympy = None
needs_sympy = pytest.mark.skipif(sympy is None, reason="SymPy is not installed")

SETTINGS = settings(max_examples=40, deadline=None)
# zoo entries with rational (here: integer or simple) entries, where SymPy's exact answer applies
EXACT = [z for z in zoo.ZOO if z.A.size and np.array_equal(z.A, np.round(z.A * 4) / 4)]
WELL_CONDITIONED = [z for z in zoo.ZOO if z.A.size and "ill-conditioned" not in z.tags]


def sympy_rref(A):
    R, pivots = sympy.Matrix(A.tolist()).applyfunc(sympy.nsimplify).rref()
    return np.array(R.tolist(), dtype=float), tuple(pivots)


@needs_sympy
@pytest.mark.parametrize("case", EXACT, ids=zoo.ids)
def test_matches_sympy_on_exact_zoo_entries(case):
    """rref(A) == sympy.Matrix(A).rref() on zoo matrices with exact entries (singular-3, rotation, identity...)."""
    R, pivots = rref(case.A)
    R_exact, pivots_exact = sympy_rref(case.A)
    assert pivots == pivots_exact
    assert np.allclose(R, R_exact, atol=1e-12)


@needs_sympy
@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=5), elements=st.integers(-4, 4).map(float)))
def test_matches_sympy_on_small_integer_matrices(A):
    """rref(A) == SymPy's exact rref on Hypothesis integer matrices (many singular ones among them)."""
    R, pivots = rref(A)
    R_exact, pivots_exact = sympy_rref(A)
    assert pivots == pivots_exact
    assert np.allclose(R, R_exact, atol=1e-10)


def test_known_answer():
    """Strang's example: [[1,2,2,2],[2,4,6,8],[3,6,8,10]] reduces to [[1,2,0,-2],[0,0,1,2],[0,0,0,0]], pivots (0, 2)."""
    A = np.array([[1.0, 2.0, 2.0, 2.0], [2.0, 4.0, 6.0, 8.0], [3.0, 6.0, 8.0, 10.0]])
    R, pivots = rref(A)
    assert np.allclose(R, [[1, 2, 0, -2], [0, 0, 1, 2], [0, 0, 0, 0]], atol=1e-14)
    assert pivots == (0, 2)


@pytest.mark.parametrize("case", WELL_CONDITIONED, ids=zoo.ids)
def test_structure_and_rank(case):
    """Pivots count the rank, pivot columns are unit vectors, rows below are zero, row space is kept, A is untouched."""
    A = case.A.copy()
    R, pivots = rref(case.A)
    assert np.array_equal(case.A, A)
    assert len(pivots) == numerical_rank(A)
    assert list(pivots) == column_basis(A).tolist()  # pivot columns are the earliest basis
    r = len(pivots)
    assert np.array_equal(R[:r, list(pivots)], np.eye(r))
    assert np.all(R[r:] == 0)
    assert numerical_rank(np.vstack([A, R])) == numerical_rank(A)


def test_tolerance_decides_what_counts_as_zero():
    """A 1e-10 wobble is a pivot at the default tolerance and noise at tol=1e-6."""
    A = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]])
    assert rref(A)[1] == (0, 1)
    assert rref(A, tol=1e-6)[1] == (0,)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_rejects_bad_inputs(case):
    """Every zoo bad input raises its expected type naming A."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bA\b"):
        rref(bad)
