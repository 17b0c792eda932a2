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


@pytest.mark.parametrize("scale", [1e-12, 1.0, 1e12, 1e300])
def test_is_linear_map_is_relative_to_scale(scale):
    """Linearity is judged relative to f's own size: a tiny translation is caught, a huge linear map passes.

    The former absolute floor (scale = max(1, ...)) and absolute check of f(0) called
    x -> 1e-12 (x + 1) linear.
    """
    A = np.array([[2.0, 1.0], [0.0, 1.0]])
    assert is_linear_map(lambda x: scale * (A @ x), 2)
    assert not is_linear_map(lambda x: scale * (A @ x + 1e-6), 2)
    assert not is_linear_map(lambda x: scale * (A @ x) * (1 + 1e-6 * x[0]), 2)
    # linear everywhere but at the origin, which it moves by 1e-3 of its own scale: only f(0) shows it
    assert not is_linear_map(lambda x: scale * (A @ x) + (0.0 if x.any() else 1e-3 * scale), 2)


def test_is_linear_map_argument_errors():
    """A non-callable f, an f of two arguments, a NaN-returning f and absurd trial counts are refused by name."""
    from la4ml.errors import DTypeError, NonFiniteError, OutOfRangeError

    with pytest.raises(DTypeError, match="f must be a function of one vector"):
        is_linear_map("abc", 2)
    with pytest.raises(DTypeError, match="f must take exactly one argument"):
        is_linear_map(lambda x, y: x, 2)
    with pytest.raises(NonFiniteError, match="f must return finite numbers"):
        matrix_of(lambda x: np.full(2, np.nan), 2)
    with pytest.raises(OutOfRangeError, match="n_trials must be <= 100000"):
        is_linear_map(lambda x: x, 2, n_trials=2**62)
    with pytest.raises(OutOfRangeError, match="more than this machine's"):
        matrix_of(lambda x: x, 10**30)
    with pytest.raises(OutOfRangeError, match="rtol must be < 1"):
        is_linear_map(lambda x: x, 2, rtol=1.0)


# edges (issue #9) -----------------------------------------------------------------------------------


def test_grid_lines_at_the_largest_extent():
    """extent=1e308: lines at +-1e308, all finite (linspace(-e, e) formed e - (-e) = inf and gave NaN)."""
    L = grid_lines(1e308, n_lines=3, n_points=2)
    assert np.all(np.isfinite(L)) and L.max() == 1e308 and L.min() == -1e308
    assert np.array_equal(L[:, :, 0][:3, 0], [-1e308, 0.0, 1e308])
    assert np.array_equal(grid_lines(1.0, n_lines=3, n_points=2)[0], [[-1.0, -1.0], [-1.0, 1.0]])


def test_grid_lines_refuses_sizes_beyond_memory():
    """n_points=2**62 is refused at once with the size it would need, not NumPy's 'array is too big'."""
    from la4ml.errors import OutOfRangeError

    with pytest.raises(OutOfRangeError, match=r"would need .* GB, more than this machine's"):
        grid_lines(n_points=2**62)
    with pytest.raises(OutOfRangeError, match="extent must be at most"):
        grid_lines(extent=10**400)


@pytest.mark.parametrize("points, exc, pattern", [
    (np.array([[1.0, np.nan]]), "NonFiniteError", r"points must contain only finite numbers, got nan at index \(0, 1\)"),
    (np.array([[np.inf, 0.0]]), "NonFiniteError", r"got inf at index \(0, 0\)"),
    ([[1.0, 2.0], [3.0]], "ShapeError", r"points must be a rectangular array, got a ragged list"),
    (np.array([["a", "b"]]), "DTypeError", r"points must hold numbers"),
    (np.array([[1 + 1j, 0]]), "DTypeError", r"points must be real"),
    (None, "DTypeError", r"points must hold numbers"),
    (np.float64(2.0), "ShapeError", r"points must hold vectors of length 2"),
])
def test_apply_to_points_validates_points(points, exc, pattern):
    """Bad points raise the la4ml error naming points (they used to map NaN to NaN silently, or fail in NumPy)."""
    import la4ml.errors

    with pytest.raises(getattr(la4ml.errors, exc), match=pattern):
        apply_to_points(np.eye(2), points)


def test_apply_to_points_near_overflow():
    """A near 1e308 and points of size 1: the images are exact (A / s and X / s formed first); beyond, an error."""
    from la4ml.errors import NumericOverflowError

    A = np.array([[1e308, 0.0], [0.0, -1e308]])
    assert np.array_equal(apply_to_points(A, np.array([[1.0, 0.5]])), [[1e308, -0.5e308]])
    with pytest.raises(NumericOverflowError, match="a mapped point A x is too large"):
        apply_to_points(A, np.array([[2.0, 0.0]]))


@pytest.mark.parametrize("ax", ["abc", 3, [1, 2], np.ones(3)])
def test_plot_grid_rejects_a_bad_ax(ax):
    """ax must be a matplotlib Axes: a string or an array used to raise AttributeError: ... has no attribute 'plot'."""
    from la4ml.errors import DTypeError

    with pytest.raises(DTypeError, match=r"ax must be a matplotlib Axes \(such as plt.subplots\(\)\[1\]\)"):
        plot_grid(np.eye(2), ax)


def test_plot_grid_rejects_bad_flags_and_colour():
    """basis/reference must be bools, color a matplotlib colour; each error names the parameter."""
    from la4ml.errors import DTypeError, InvalidParameterError

    with pytest.raises(DTypeError, match="basis must be True or False"):
        plot_grid(np.eye(2), basis=np.ones(2))
    with pytest.raises(DTypeError, match="reference must be True or False"):
        plot_grid(np.eye(2), reference="yes")
    with pytest.raises(InvalidParameterError, match="color must be a matplotlib colour name"):
        plot_grid(np.eye(2), color="not-a-colour")
    assert not plt.get_fignums()  # refused before any figure was made


def test_plot_grid_labels_are_relative_to_scale():
    """Rounding noise (cos(pi/2) = 6e-17 beside 1) is labelled 0; a small matrix keeps its own entries."""
    ax = plot_grid(rotation(np.pi / 2))
    assert [q.get_label() for q in ax.collections] == ["A e1 = (0, 1)", "A e2 = (-1, 0)"]
    plt.close(ax.figure)
    ax = plot_grid(1e-14 * np.eye(2))
    assert ax.collections[0].get_label() == "A e1 = (1e-14, 0)"
    plt.close(ax.figure)
