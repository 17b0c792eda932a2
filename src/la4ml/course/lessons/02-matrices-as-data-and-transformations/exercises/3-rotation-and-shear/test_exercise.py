"""Hidden tests of exercise 2.3 — rotation_matrix(theta), shear_matrix(k), from scratch."""

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show
from la4ml.transforms import rotation, shear

# Shrinking a failing example costs seconds per test; the seeded strategies keep examples small anyway.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


def _numbers(got):
    """The learner's result as a float array, or feedback saying it is not one."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers (a ragged list or an "
             "object array?); build the result as one NumPy array of floats.")

def _rot(submission, theta):
    got = call(function(submission, "rotation_matrix"), theta)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected a 2 × 2 array.")
    R = _numbers(got)
    if R.shape != (2, 2):
        fail(f"Called {last_call()}; the result has shape {R.shape}; expected (2, 2).")
    expected = rotation(theta)
    if not np.allclose(R, expected, atol=1e-12):
        if np.allclose(R, expected.T, atol=1e-12):
            fail(f"Called {last_call()}; returned {show(R)}, the rotation by -θ (clockwise): the images of e1 and e2 "
                 f"must be the COLUMNS, R = [[cos θ, -sin θ], [sin θ, cos θ]]; expected {show(expected)}.")
        if np.allclose(R, rotation(np.deg2rad(theta)), atol=1e-12):
            fail(f"Called {last_call()}; returned {show(R)}, a rotation by θ DEGREES; theta is already in radians, so pass "
                 "it straight to np.cos/np.sin (no np.radians/np.deg2rad).")
    expect_close(R, expected, rtol=1e-12, atol=1e-12, what="R",
                 because="R e1 = (cos θ, sin θ) and R e2 = (-sin θ, cos θ) are its columns")
    return R


def test_quarter_turn(submission):
    """rotation_matrix(π/2) sends e1 = (1, 0) to e2 = (0, 1) and e2 to −e1 (counterclockwise)"""
    _rot(submission, np.pi / 2)


def test_thirty_degrees(submission):
    """rotation_matrix(π/6) is [[√3/2, −1/2], [1/2, √3/2]]"""
    _rot(submission, np.pi / 6)


def test_zero_angle(submission):
    """rotation_matrix(0) is the identity"""
    _rot(submission, 0.0)


@settings(max_examples=25, deadline=None, phases=NO_SHRINK)
@given(theta=st.floats(-2 * np.pi, 2 * np.pi, allow_nan=False))
def test_property_rotation(submission, theta):
    """for random θ: det R = 1, RᵀR = I, |Rx| = |x|, and R equals la4ml.transforms.rotation(θ)"""
    R = _rot(submission, theta)
    if not np.isclose(np.linalg.det(R), 1.0):
        fail(f"Called {last_call()}; det R = {np.linalg.det(R):.6g}; a rotation has determinant 1.")
    x = np.array([3.0, -4.0])
    if not np.isclose(np.linalg.norm(R @ x), 5.0):
        fail(f"Called {last_call()}; |R x| = {np.linalg.norm(R @ x):.6g} for x = (3, -4) of length 5; a rotation keeps "
             "lengths.")


def _shear(submission, k):
    got = call(function(submission, "shear_matrix"), k)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected a 2 × 2 array.")
    H = _numbers(got)
    if H.shape != (2, 2):
        fail(f"Called {last_call()}; the result has shape {H.shape}; expected (2, 2).")
    expected = shear(k)
    if k != 0 and np.allclose(H, expected.T):
        fail(f"Called {last_call()}; returned {show(H)}, the VERTICAL shear (x, y) -> (x, y + kx); the horizontal shear "
             f"moves x by k·y: it keeps e1 and sends e2 to (k, 1), so H = {show(expected)}.")
    expect_close(H, expected, rtol=1e-12, atol=1e-12, what="H",
                 because="H e1 = (1, 0) (the x-axis does not move) and H e2 = (k, 1)")
    return H


def test_shear_example(submission):
    """shear_matrix(0.5) maps (1, 2) to (2, 2)"""
    H = _shear(submission, 0.5)
    expect_close(H @ np.array([1.0, 2.0]), [2.0, 2.0], what="H @ (1, 2)")


@settings(max_examples=20, deadline=None, phases=NO_SHRINK)
@given(k=st.floats(-5, 5, allow_nan=False).filter(lambda k: abs(k) > 1e-3))
def test_property_shear(submission, k):
    """for random k: det H = 1 (areas kept), yet |H e2| = √(1 + k²) (lengths not kept)"""
    H = _shear(submission, k)
    if not np.isclose(np.linalg.det(H), 1.0):
        fail(f"Called {last_call()}; det H = {np.linalg.det(H):.6g}; a shear keeps areas, so det H = 1.")


@pytest.mark.parametrize("k", [1e-6, 1e6, 0.0, -2.0])
def test_shear_scales(submission, k):
    """shear_matrix(k) is exact for a tiny, a huge, a zero and a negative k"""
    _shear(submission, k)


def test_small_angle(submission):
    """rotation_matrix(1e-6) turns by a millionth of a radian (not of a degree)"""
    _rot(submission, 1e-6)


def test_from_scratch(submission):
    """builds both matrices itself (la4ml.transforms.rotation and .shear are for the comparison afterwards)"""
    targets = ("la4ml.transforms.rotation", "la4ml.transforms.shear", "la4ml.transforms._matrices.rotation",
               "la4ml.transforms._matrices.shear")
    with blocked(*targets, reason="build the matrix from the images of e1 and e2"):
        for name, arg in (("rotation_matrix", np.pi / 3), ("shear_matrix", 0.75)):
            try:
                call(function(submission, name), arg)
            except Feedback as fb:
                if "blocked" in str(fb):
                    fail(f"{fb}\n{name} must build its 2 × 2 matrix from scratch, from where it sends e1 and e2 "
                         "(np.cos, np.sin and np.array); compare with la4ml.transforms only after writing it.")
                raise

