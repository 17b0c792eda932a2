"""Hidden tests of exercise 12.4 — plot_quadratic_surface(A, path, lim, n_grid); graded on the figure's content."""

import numpy as np
import pytest

from la4ml.course.grading import (call, close_figures, expect, fail, function, is_instance, last_call,
                                  placeholder_savefig, saved_file, show, type_name, working_directory)

C = np.array([[1.0, 0.0], [0.0, -1.0]])
SHAPES = ("bowl", "dome", "saddle", "trough")


@pytest.fixture(autouse=True)
def _in_tmp_folder(request, tmp_path):
    """Run each check in an empty folder (so paths in feedback are short) and close its figures.

    Rendering a 3D figure to PNG is slow, so only the check about saving really renders; the others
    replace Figure.savefig by a stand-in that writes a tiny placeholder file.
    """
    with working_directory(tmp_path):
        if request.node.name != "test_saved_to_path":
            with placeholder_savefig():
                yield
        else:
            yield
    close_figures()


def _draw(submission, A, path, **kwargs):
    f = function(submission, "plot_quadratic_surface")
    got = call(f, np.array(A, dtype=float), str(path), **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (fig, shape).")
    fig, shape = got
    if not is_instance(fig, "matplotlib.figure.Figure"):
        fail(f"Called {last_call()}; the first thing returned is a {type_name(fig).rsplit('.', 1)[-1]}; expected the "
             "matplotlib Figure (fig = plt.figure()), not the axes or the surface.")
    return fig, shape


def _axes3d(fig):
    axes = [ax for ax in fig.axes if getattr(ax, "name", "") == "3d"]
    if not axes:
        fail(f"Called {last_call()}; the figure has no 3D axes (its axes: "
             f"{[getattr(a, 'name', '?') for a in fig.axes]}); create one with fig.add_subplot(projection='3d').")
    return axes[0]


def _surface_points(ax):
    """The (x, y, z) vertices of the first surface (Poly3DCollection) on a 3D axes."""
    surfaces = [c for c in ax.collections if is_instance(c, "mpl_toolkits.mplot3d.art3d.Poly3DCollection")]
    if not surfaces:
        kinds = sorted({type_name(a).rsplit(".", 1)[-1] for a in [*ax.collections, *ax.lines]})
        extra = (" A wireframe is a set of lines, not a surface." if any(
            is_instance(c, "mpl_toolkits.mplot3d.art3d.Line3DCollection") for c in ax.collections) else "")
        fail(f"Called {last_call()}; the 3D axes holds no surface (it holds: {kinds or 'nothing'}); draw it with "
             f"ax.plot_surface(X, Y, Z).{extra}")
    s = surfaces[0]
    faces = getattr(s, "_faces", None)
    if faces is not None:
        pts = np.ma.asarray(faces).reshape(-1, 3)
        pts = np.asarray(pts.filled(np.nan) if np.ma.isMaskedArray(pts) else pts, dtype=float)
    else:  # older matplotlib
        pts = np.asarray(s._vec[:3], dtype=float).T
    return pts[np.all(np.isfinite(pts), axis=1)]


def _check_surface(ax, A, lim, n_grid):
    pts = _surface_points(ax)
    x, y, z = pts.T
    expected = A[0, 0] * x**2 + (A[0, 1] + A[1, 0]) * x * y + A[1, 1] * y**2
    span = (x.min(), x.max(), y.min(), y.max())
    if not np.allclose(span, (-lim, lim, -lim, lim), atol=1e-6 * lim):
        fail(f"Called {last_call()}; the surface covers x in [{span[0]:.3g}, {span[1]:.3g}] and y in "
             f"[{span[2]:.3g}, {span[3]:.3g}]; expected both in [-{lim:g}, {lim:g}]: build the grid with "
             "np.linspace(-lim, lim, n_grid).")
    n_x, n_y = len(np.unique(np.round(x / lim, 9))), len(np.unique(np.round(y / lim, 9)))
    if (n_x, n_y) != (n_grid, n_grid):
        fail(f"Called {last_call()}; the surface has {n_x} distinct x values and {n_y} distinct y values; expected "
             f"n_grid = {n_grid} of each: build the grid with t = np.linspace(-lim, lim, n_grid) and "
             "X, Y = np.meshgrid(t, t).")
    bad = ~np.isclose(z, expected, rtol=1e-6, atol=1e-8)
    if bad.any():
        i = int(np.argmax(bad))
        hint = ""
        if np.allclose(z, x**2 - y**2, atol=1e-8):
            hint = " Your surface is x² - y² whatever A is: compute Z from the entries of A."
        elif np.allclose(z, A[0, 0] * x**2 + A[0, 1] * x * y + A[1, 1] * y**2, atol=1e-8):
            hint = (" The cross term appears twice in xᵀAx: it is (A[0, 1] + A[1, 0]) x y, "
                    "not A[0, 1] x y.")
        elif np.allclose(z, -expected, atol=1e-8):
            hint = " Your surface has the opposite sign."
        fail(f"Called {last_call()}; the surface is not z = [x, y] A [x, y]ᵀ for A = {show(A)}: at "
             f"(x, y) = ({x[i]:.3g}, {y[i]:.3g}) it has z = {z[i]:.6g}, expected {expected[i]:.6g} "
             f"({int(bad.sum())} of {len(z)} vertices are off).{hint}")


def test_returns_figure_with_3d_axes(submission, tmp_path):
    """returns (fig, shape) where fig is a matplotlib Figure with a 3D axes"""
    fig, _ = _draw(submission, C, "saddle.png", n_grid=11)
    _axes3d(fig)


def test_surface_data_is_the_form(submission, tmp_path):
    """for C = [[1, 0], [0, -1]] with the defaults, the surface is z = x² - y² on a 41 × 41 grid over [-2, 2]²"""
    fig, _ = _draw(submission, C, "saddle.png")
    _check_surface(_axes3d(fig), C, 2.0, 41)


def test_surface_for_other_matrix_and_range(submission, tmp_path):
    """for A = [[2, 1], [1, 2]] with lim=3, the surface is z = 2x² + 2xy + 2y² over [-3, 3]²"""
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    fig, _ = _draw(submission, A, "bowl.png", lim=3.0, n_grid=21)
    _check_surface(_axes3d(fig), A, 3.0, 21)


def test_axis_labels(submission, tmp_path):
    """labels the x, y and z axes"""
    fig, _ = _draw(submission, C, "saddle.png", n_grid=11)
    ax = _axes3d(fig)
    labels = {"x": ax.get_xlabel(), "y": ax.get_ylabel(), "z": ax.get_zlabel()}
    missing = [k for k, v in labels.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {', '.join(missing)} axis label(s) are empty (labels: {labels}); set them "
             "with ax.set_xlabel, ax.set_ylabel and ax.set_zlabel.")


def test_saddle_described(submission, tmp_path):
    """describes the surface of C = [[1, 0], [0, -1]] as "saddle" and says so in the title"""
    fig, shape = _draw(submission, C, "saddle.png")
    expect(isinstance(shape, str) and shape.strip().lower() == "saddle", got=shape, expected="saddle",
           because="C has eigenvalues 1 and -1: z = x² - y² curves up along x and down along y")
    ax = _axes3d(fig)
    suptitle = fig.get_suptitle() if hasattr(fig, "get_suptitle") else (fig._suptitle.get_text() if fig._suptitle else "")
    title = " ".join([ax.get_title(), suptitle])
    if "saddle" not in title.lower():
        fail(f"Called {last_call()}; the title is {title.strip()!r}; expected it to name the shape (\"saddle\"), "
             "e.g. ax.set_title(f\"... a {shape}\").")


@pytest.mark.parametrize("A, expected, because", [
    ([[2.0, 1.0], [1.0, 2.0]], "bowl", "A has eigenvalues 1 and 3, both positive"),
    ([[-2.0, 1.0], [1.0, -2.0]], "dome", "A has eigenvalues -3 and -1, both negative: the surface opens downwards"),
    ([[1.0, 2.0], [2.0, 1.0]], "saddle", "A has eigenvalues -1 and 3, one of each sign"),
    ([[1.0, 1.0], [1.0, 1.0]], "trough", "A has eigenvalues 0 and 2: the surface is flat along x = -y"),
], ids=["bowl", "dome", "saddle", "trough"])
def test_shape_from_eigenvalues(submission, tmp_path, A, expected, because):
    """names the shape from the eigenvalues for a bowl, a dome, a rotated saddle and a trough"""
    _, shape = _draw(submission, A, "surface.png", n_grid=11)
    expect(isinstance(shape, str) and shape.strip().lower() == expected, got=shape, expected=expected,
           because=because)


@pytest.mark.parametrize("A, expected, because", [
    (1e-12 * np.array([[2.0, 1.0], [1.0, 2.0]]), "bowl",
     "A = 1e-12·[[2, 1], [1, 2]] has eigenvalues 1e-12 and 3e-12: tiny, but both clearly positive relative to the "
     "largest. A fixed tolerance such as 1e-10 calls them zero; use |λ| <= 2·ε·max|λ|"),
    (1e8 * np.outer([0.3, 0.8], [0.3, 0.8]), "trough",
     "A = 1e8·u uᵀ has rank 1, so one eigenvalue is 0; eigvalsh returns it as 1.9e-9, above a fixed 1e-10 but only "
     "about 2.6e-17 times the largest (7.3e7): zero to working precision. The tolerance must be relative, 2·ε·max|λ|"),
    (1e-6 * np.array([[9.0, 3.0], [3.0, 1.0]]), "trough",
     "A = 1e-6·[[9, 3], [3, 1]] has rank 1; rounding makes its zero eigenvalue -1.1e-22, NEGATIVE: compare |λ| "
     "with the tolerance (np.abs), and decide 'trough' before looking at signs"),
    (0.1 * np.array([[1.0, 0.0], [0.0, -1.0]]), "saddle",
     "A = 0.1·[[1, 0], [0, -1]] has eigenvalues -0.1 and 0.1, one of each sign: compare them with 0, not with ±1"),
    (np.diag([1.0, 2 * np.finfo(float).eps]), "trough",
     "its eigenvalues are 2ε and 1, and 2ε is exactly the tolerance 2·ε·max|λ|: |λ| <= tol counts as zero (<=, not <)"),
    (np.diag([1.0, 3 * np.finfo(float).eps]), "bowl",
     "its eigenvalues 3ε and 1 are both above the tolerance 2·ε·max|λ| = 2ε"),
], ids=["tiny-bowl", "large-trough", "negative-rounding-trough", "small-saddle", "at-tolerance", "above-tolerance"])
def test_shape_relative_tolerance(submission, tmp_path, A, expected, because):
    """names the shape with a tolerance relative to A: at scales 1e-12 to 1e8, and at the tolerance itself"""
    _, shape = _draw(submission, A, "surface.png", n_grid=5)
    expect(isinstance(shape, str) and shape.strip().lower() == expected, got=shape, expected=expected,
           because=because)


def test_saved_to_path(submission, tmp_path):
    """saves the figure as a PNG at the path it is given"""
    (tmp_path / "figures").mkdir()
    _draw(submission, C, "figures/my_saddle.png", n_grid=11)
    data = saved_file(tmp_path / "figures" / "my_saddle.png")
    if data is None:
        fail(f"Called {last_call()}; no file was written at the given path; save with fig.savefig(path).")
    if not data.startswith(b"\x89PNG"):
        fail(f"Called {last_call()}; the file at path is not a PNG image ({len(data)} bytes); save with fig.savefig(path).")
