"""Tests of la4ml.transforms grid_lines, apply_to_points, plot_grid, matrix_of, is_linear_map."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra.numpy import arrays  # noqa: E402

from la4ml.errors import ShapeError  # noqa: E402
from la4ml.transforms import (apply_to_points, grid_lines, is_linear_map, matrix_of, plot_grid,  # noqa: E402
                              rotation, shear)


def test_grid_lines_layout():
    """5 vertical then 5 horizontal lines through the integers of [-2, 2]."""
    L = grid_lines()
    assert L.shape == (10, 21, 2)
    assert np.allclose(L[:5, :, 0], np.arange(-2, 3)[:, None])  # vertical: x constant
    assert np.allclose(L[5:, :, 1], np.arange(-2, 3)[:, None])  # horizontal: y constant
    assert np.allclose(L[0, :, 1], np.linspace(-2, 2, 21))


def test_grid_lines_bad_args():
    """Bad sizes name the parameter."""
    with pytest.raises(ValueError, match="extent"):
        grid_lines(0.0)
    with pytest.raises(ValueError, match="n_lines"):
        grid_lines(n_lines=1)


mats = arrays(np.float64, (3, 2), elements=st.floats(-5, 5))
pts = arrays(np.float64, (4, 7, 2), elements=st.floats(-5, 5))


@settings(max_examples=30, deadline=None)
@given(A=mats, X=pts)
def test_apply_to_points_matches_loop(A, X):
    """apply_to_points(A, X)[i, j] equals A @ X[i, j] (numpy.einsum as the reference)."""
    assert np.allclose(apply_to_points(A, X), np.einsum("mn,ijn->ijm", A, X))


def test_apply_to_points_shape_error():
    """Points whose length does not match A's columns are refused with both shapes in the message."""
    with pytest.raises(ShapeError, match=r"length 2 \(A has shape \(2, 2\)\)"):
        apply_to_points(np.eye(2), np.ones((4, 3)))


def test_plot_grid_draws_mapped_lines():
    """plot_grid draws the 10 reference lines, the 10 mapped lines, and A's columns as arrows."""
    A = shear(1.0)
    ax = plot_grid(A)
    assert len(ax.lines) == 20
    mapped = [ln.get_xydata() for ln in ax.lines[10:]]
    assert np.allclose(mapped[0], apply_to_points(A, grid_lines(n_points=2))[0])
    quivers = ax.collections
    assert len(quivers) == 2 and np.allclose([quivers[1].U[0], quivers[1].V[0]], A[:, 1])
    plt.close(ax.figure)


def test_plot_grid_rejects_3x3():
    """Only 2 × 2 matrices can be drawn on the plane."""
    with pytest.raises(ShapeError, match=r"\(2, 2\)"):
        plot_grid(np.eye(3))


def test_matrix_of_recovers_matrix():
    """matrix_of(x -> A x) returns A, column by column, for a rectangular A."""
    A = np.arange(6.0).reshape(3, 2)
    assert np.array_equal(matrix_of(lambda x: A @ x, 2), A)


def test_is_linear_map():
    """Matrices and rotations are linear; translation, squaring and normalization are not."""
    assert is_linear_map(lambda x: rotation(0.4) @ x, 2)
    assert is_linear_map(lambda x: np.array([x.sum(), 0.0, -x[0]]), 3)
    assert not is_linear_map(lambda x: x + 1.0, 2)
    assert not is_linear_map(lambda x: x ** 2, 2)
    assert not is_linear_map(lambda x: x / (np.linalg.norm(x) + 1e-300), 2)


def test_is_linear_map_bad_output():
    """A function returning a matrix instead of a vector gets a ShapeError naming f."""
    with pytest.raises(ShapeError, match="f must return a 1-D vector"):
        matrix_of(lambda x: np.outer(x, x), 2)
