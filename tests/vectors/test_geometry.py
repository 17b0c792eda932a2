"""Tests of la4ml.vectors._geometry: project and angle_between."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import zoo
from la4ml.errors import ShapeError, ZeroVectorError
from la4ml.vectors import angle_between, project

SETTINGS = settings(max_examples=40, deadline=None)
entries = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False).map(lambda v: 0.0 if abs(v) < 1e-3 else v)
pairs = st.integers(1, 6).flatmap(
    lambda n: st.tuples(hnp.arrays(np.float64, n, elements=entries), hnp.arrays(np.float64, n, elements=entries).filter(np.any))
)


def test_project_known_answer():
    """Shadow of (2, 3) on the x-axis: scalar 2, vector (2, 0); a negative scalar for an obtuse angle."""
    scalar, vector = project([2.0, 3.0], [4.0, 0.0])
    assert scalar == 2.0 and np.array_equal(vector, [2.0, 0.0])
    assert project([-1.0, 1.0], [1.0, 0.0]).scalar == -1.0


@SETTINGS
@given(pairs)
def test_projection_matches_textbook_formula_and_residual_is_orthogonal(xu):
    """proj = (x.u / u.u) u, scalar = x.u / ||u||, and u . (x - proj) = 0."""
    x, u = xu
    p = project(x, u)
    assert np.allclose(p.vector, (x @ u) / (u @ u) * u, rtol=1e-10, atol=1e-10 * np.linalg.norm(x))
    assert np.isclose(p.scalar, x @ u / np.linalg.norm(u), rtol=1e-10, atol=1e-12 * np.linalg.norm(x))
    residual = x - p.vector
    assert abs(u @ residual) <= 1e-10 * np.linalg.norm(u) * max(np.linalg.norm(x), 1.0)


@SETTINGS
@given(pairs, st.floats(0.01, 100))
def test_projection_is_idempotent_and_ignores_the_length_of_onto(xu, c):
    """proj(proj x) = proj x, proj on c u = proj on u, and ||proj x|| <= ||x||."""
    x, u = xu
    p = project(x, u).vector
    assert np.allclose(project(p, u).vector, p, atol=1e-9 * max(np.linalg.norm(x), 1))
    assert np.allclose(project(x, c * u).vector, p, atol=1e-9 * max(np.linalg.norm(x), 1))
    assert np.linalg.norm(p) <= np.linalg.norm(x) * (1 + 1e-12)


def test_project_on_zero_raises():
    """A zero onto spans no line: ZeroVectorError (a ValueError) naming onto."""
    with pytest.raises(ZeroVectorError, match=r"^onto is the zero vector") as info:
        project([1.0, 2.0], [0.0, 0.0])
    assert isinstance(info.value, ValueError)


def test_project_rejects_mismatched_lengths():
    """x and onto of different lengths raise ShapeError."""
    with pytest.raises(ShapeError, match="same length"):
        project([1.0, 2.0], [1.0, 2.0, 3.0])


@pytest.mark.parametrize(("x", "y", "degrees"), [
    ([1.0, 0.0], [0.0, 2.0], 90.0),
    ([1.0, 0.0], [-3.0, 0.0], 180.0),
    ([1.0, 2.0], [2.0, 4.0], 0.0),
    ([1.0, 0.0], [1.0, 1.0], 45.0),
    ([1.0, 0.0], [-1.0, np.sqrt(3.0)], 120.0),
])
def test_angle_known_answers(x, y, degrees):
    """Right, straight, zero, 45 and 120 degree angles; radians = degrees * pi / 180."""
    assert np.isclose(angle_between(x, y), degrees, rtol=1e-14, atol=1e-14)
    assert np.isclose(angle_between(x, y, degrees=False), np.radians(degrees), rtol=1e-14, atol=1e-14)


@SETTINGS
@given(pairs)
def test_angle_matches_clipped_arccos(xu):
    """angle = arccos(clip(cos, -1, 1)) away from 0 and pi, and is symmetric and in [0, pi]."""
    x, y = xu
    if not np.any(x):
        return
    cos = x @ y / (np.linalg.norm(x) * np.linalg.norm(y))
    theta = angle_between(x, y, degrees=False)
    assert 0.0 <= theta <= np.pi
    assert theta == angle_between(y, x, degrees=False)
    assert abs(theta - np.arccos(np.clip(cos, -1, 1))) <= 1e-7  # arccos itself is only this good near 0, pi


def test_tiny_angles_are_accurate():
    """An angle of 1e-10 radians comes out as 1e-10; arccos of the cosine gives 0 (the cosine rounds to 1)."""
    x, y = np.array([1.0, 0.0]), np.array([1.0, 1e-10])
    assert np.isclose(angle_between(x, y, degrees=False), 1e-10, rtol=1e-12)
    assert np.arccos(np.clip(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)), -1, 1)) == 0.0


def test_angle_zero_vector_raises():
    """A zero vector has no direction: ZeroVectorError naming x or y."""
    with pytest.raises(ZeroVectorError, match=r"^x is the zero vector"):
        angle_between([0.0, 0.0], [1.0, 0.0])
    with pytest.raises(ZeroVectorError, match=r"^y is the zero vector"):
        angle_between([1.0, 0.0], [0.0, 0.0])


@pytest.mark.parametrize("case", [c for c in zoo.BAD_INPUTS if c[0] != "vector"], ids=zoo.ids)
def test_reject_bad_inputs(case):
    """Every zoo bad input except a plain vector raises its expected type naming x."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bx\b"):
        angle_between(bad, np.ones(2))
    with pytest.raises(exc, match=r"\bx\b"):
        project(bad, np.ones(2))
