"""Tests of la4ml.transforms: rotation, scaling, shear, reflection, projection_onto_line."""

import numpy as np
import pytest
import scipy.linalg
import scipy.spatial.transform
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.errors import DTypeError, ShapeError, ZeroVectorError
from la4ml.transforms import projection_onto_line, reflection, rotation, scaling, shear

angles = st.floats(-10.0, 10.0, allow_nan=False)
directions = st.lists(st.floats(-100, 100, allow_nan=False), min_size=2, max_size=6).filter(
    lambda v: np.linalg.norm(v) > 1e-3)


def test_rotation_quarter_turn():
    """A quarter turn sends e1 to e2 and e2 to -e1 (counterclockwise)."""
    R = rotation(np.pi / 2)
    assert np.allclose(R @ [1, 0], [0, 1]) and np.allclose(R @ [0, 1], [-1, 0])
    assert np.allclose(rotation(90, degrees=True), R)


def test_rotation_matches_scipy():
    """rotation(theta) is the top-left block of SciPy's rotation about the z-axis."""
    for theta in (0.3, -1.2, 2.9):
        Rz = scipy.spatial.transform.Rotation.from_euler("z", theta).as_matrix()
        assert np.allclose(rotation(theta), Rz[:2, :2], atol=1e-15)


def test_rotation_is_expm_of_skew():
    """R(theta) = expm(theta J) with J the quarter-turn generator [[0, -1], [1, 0]]."""
    J = np.array([[0.0, -1.0], [1.0, 0.0]])
    assert np.allclose(rotation(0.7), scipy.linalg.expm(0.7 * J))


@settings(max_examples=40, deadline=None)
@given(a=angles, b=angles)
def test_rotation_invariants(a, b):
    """R is orthogonal with det 1, keeps lengths, and R(a) R(b) = R(a + b)."""
    R = rotation(a)
    assert np.allclose(R.T @ R, np.eye(2), atol=1e-12)
    assert np.isclose(np.linalg.det(R), 1.0)
    x = np.array([3.0, -4.0])
    assert np.isclose(np.linalg.norm(R @ x), 5.0)
    assert np.allclose(rotation(a) @ rotation(b), rotation(a + b), atol=1e-12)


def test_scaling_2d_and_nd():
    """scaling(sx, sy) = diag(sx, sy); a single number scales uniformly; a sequence gives diag in n-D."""
    assert np.array_equal(scaling(2.0, 3.0), np.diag([2.0, 3.0]))
    assert np.array_equal(scaling(2.0), 2.0 * np.eye(2))
    assert np.array_equal(scaling([1, 2, 3]), np.diag([1.0, 2.0, 3.0]))
    assert np.isclose(np.linalg.det(scaling(2.0, -0.5)), -1.0)


def test_shear_both_axes():
    """A horizontal shear moves x by k·y and fixes e1; a vertical one moves y by k·x; det is 1."""
    assert np.allclose(shear(0.5) @ [1.0, 2.0], [2.0, 2.0])
    assert np.allclose(shear(0.5, axis="y") @ [2.0, 1.0], [2.0, 2.0])
    assert np.allclose(shear(3.0) @ [1.0, 0.0], [1.0, 0.0])
    assert np.isclose(np.linalg.det(shear(3.0)), 1.0) and np.isclose(np.linalg.det(shear(-2, "y")), 1.0)


@settings(max_examples=40, deadline=None)
@given(d=directions)
def test_projection_invariants(d):
    """P = d dᵀ / dᵀd: symmetric, idempotent, rank 1, fixes d; the residual is orthogonal to d."""
    d = np.array(d)
    P = projection_onto_line(d)
    assert np.allclose(P, P.T) and np.allclose(P @ P, P, atol=1e-12)
    assert np.linalg.matrix_rank(P) == 1
    assert np.allclose(P @ d, d, rtol=1e-9, atol=1e-9 * np.abs(d).max())
    x = np.arange(1.0, len(d) + 1)
    assert abs((x - P @ x) @ d) <= 1e-9 * np.linalg.norm(x) * np.linalg.norm(d)


def test_projection_matches_lstsq():
    """P x is the least-squares fit of x by multiples of d (numpy.linalg.lstsq)."""
    d, x = np.array([2.0, 1.0, -1.0]), np.array([1.0, 4.0, 2.0])
    c, *_ = np.linalg.lstsq(d[:, None], x, rcond=None)
    assert np.allclose(projection_onto_line(d) @ x, c[0] * d)


def test_projection_scale_invariant_and_huge():
    """The length of the direction does not matter, even 1e200 (no overflow in d dᵀ)."""
    assert np.allclose(projection_onto_line([1e200, 1e200]), projection_onto_line([1.0, 1.0]))


@settings(max_examples=40, deadline=None)
@given(d=directions)
def test_reflection_invariants(d):
    """F = 2P - I is orthogonal, its own inverse, fixes d, and equals -(Householder reflector of d)."""
    d = np.array(d)
    F = reflection(d)
    n = len(d)
    assert np.allclose(F.T @ F, np.eye(n), atol=1e-12) and np.allclose(F @ F, np.eye(n), atol=1e-12)
    assert np.allclose(F @ d, d, rtol=1e-9, atol=1e-9 * np.abs(d).max())
    H = np.eye(n) - 2 * np.outer(d, d) / (d @ d)
    assert np.allclose(F, -H, atol=1e-12)


def test_reflection_named_axes():
    """'x' mirrors across the x-axis, 'y' across the y-axis; both have det -1 and match the vector form."""
    assert np.allclose(reflection("x"), reflection([1.0, 0.0]))
    assert np.allclose(reflection("y"), reflection([0.0, 5.0]))
    assert np.isclose(np.linalg.det(reflection("x")), -1.0)


@pytest.mark.parametrize(("call", "exc", "match"), [
    (lambda: rotation("90"), DTypeError, "theta"),
    (lambda: scaling(2.0, "a"), DTypeError, "sy"),
    (lambda: scaling([1.0, 2.0], 3.0), ShapeError, "either sx and sy"),
    (lambda: scaling([[1.0]]), ShapeError, "sx must be"),
    (lambda: shear(1.0, axis="z"), ValueError, "axis must be 'x'"),
    (lambda: projection_onto_line([0.0, 0.0]), ZeroVectorError, "direction is the zero vector"),
    (lambda: projection_onto_line([[1.0, 2.0], [3.0, 4.0]]), ShapeError, "direction must be a 1-D"),
    (lambda: reflection("z"), ValueError, "across must be"),
    (lambda: reflection(2.0), DTypeError, "across must be"),
    (lambda: reflection([0, 0, 0]), ZeroVectorError, "across is the zero vector"),
])
def test_bad_inputs(call, exc, match):
    """Bad inputs raise la4ml errors that name the parameter."""
    with pytest.raises(exc, match=match):
        call()
