"""Tests of la4ml.svd.svd_flip against scikit-learn's sklearn.utils.extmath.svd_flip."""

import numpy as np
import pytest
from sklearn.utils.extmath import svd_flip as sk_svd_flip

import zoo
from la4ml.errors import DTypeError, ShapeError
from la4ml.svd import svd_flip


@pytest.mark.parametrize("case", [z for z in zoo.ZOO if z.A.size], ids=zoo.ids)
@pytest.mark.parametrize("u_based", [True, False])
def test_same_as_scikit_learn(case, u_based):
    """On the SVD of every zoo matrix, both decisions: the same arrays as scikit-learn's, inputs untouched."""
    U, s, Vt = np.linalg.svd(case.A, full_matrices=False)
    U0, Vt0 = U.copy(), Vt.copy()
    ours = svd_flip(U, Vt, u_based_decision=u_based)
    theirs = sk_svd_flip(U.copy(), Vt.copy(), u_based_decision=u_based)
    assert np.array_equal(ours[0], theirs[0]) and np.array_equal(ours[1], theirs[1])
    assert np.array_equal(U, U0) and np.array_equal(Vt, Vt0)
    assert np.allclose((ours[0] * s) @ ours[1], (U * s) @ Vt)


def test_decision_and_idempotence():
    """The largest |entry| of each column of U (or row of Vt) becomes positive; flipping twice changes nothing."""
    rng = np.random.default_rng(0)
    U, _, Vt = np.linalg.svd(rng.standard_normal((6, 4)), full_matrices=False)
    U2, Vt2 = svd_flip(U, Vt)
    assert np.all(U2[np.argmax(np.abs(U2), axis=0), np.arange(4)] > 0)
    assert all(np.array_equal(a, b) for a, b in zip(svd_flip(U2, Vt2), (U2, Vt2)))
    U3, Vt3 = svd_flip(U, Vt, u_based_decision=False)
    assert np.all(Vt3[np.arange(4), np.argmax(np.abs(Vt3), axis=1)] > 0)


def test_zero_column_keeps_its_sign():
    """An all-zero column is left alone (scikit-learn would multiply it by sign(0) = 0)."""
    U = np.array([[0.0, -1.0], [0.0, 0.0]])
    Vt = np.array([[1.0, 2.0], [3.0, -4.0]])
    U2, Vt2 = svd_flip(U, Vt)
    assert np.array_equal(U2, [[0.0, 1.0], [0.0, 0.0]]) and np.array_equal(Vt2, [[1.0, 2.0], [-3.0, 4.0]])


def test_bad_input():
    """Non-conforming shapes name U and Vt and the fix; a non-bool decision is refused."""
    with pytest.raises(ShapeError, match="Vt = V.T"):
        svd_flip(np.eye(3), np.eye(2))
    with pytest.raises(DTypeError, match="u_based_decision"):
        svd_flip(np.eye(2), np.eye(2), u_based_decision="yes")
