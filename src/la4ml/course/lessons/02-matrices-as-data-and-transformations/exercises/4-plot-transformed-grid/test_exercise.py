"""Hidden tests of exercise 2.4 — plot_transformed_grid(A, extent=2.0, n_lines=5) (graded on content)."""

import re

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name

SHEAR = np.array([[1.0, 1.0], [0.0, 1.0]])
ROT = np.array([[0.0, -1.0], [1.0, 0.0]])


def _ax(submission, A, **kw):
    close_figures()
    fig = call(function(submission, "plot_transformed_grid"), np.array(A, dtype=float), **kw)
    expect_figure(fig, hint="return fig")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected exactly one.")
    return fig.axes[0]


def _expected_segments(A, extent, n_lines):
    out = []
    for c in np.linspace(-extent, extent, n_lines):
        for p0, p1 in (((c, -extent), (c, extent)), ((-extent, c), (extent, c))):
            out.append((A @ np.array(p0), A @ np.array(p1)))
    return out


def _drawn(ax):
    segs = []
    for ln in ax.lines:
        xy = np.asarray(ln.get_xydata(), dtype=float)
        if len(xy) >= 2:
            segs.append((xy[0], xy[-1]))
    return segs


def _missing(segs, expected):
    def found(a, b):
        return any((np.allclose(s0, a, atol=1e-6) and np.allclose(s1, b, atol=1e-6))
                   or (np.allclose(s0, b, atol=1e-6) and np.allclose(s1, a, atol=1e-6)) for s0, s1 in segs)
    return [(a, b) for a, b in expected if not found(a, b)]


def _check_lines(submission, A, extent=2.0, n_lines=5):
    kw = {} if (extent, n_lines) == (2.0, 5) else {"extent": extent, "n_lines": n_lines}
    ax = _ax(submission, A, **kw)
    segs = _drawn(ax)
    missing = _missing(segs, _expected_segments(A, extent, n_lines))
    if not missing:
        return ax
    if not _missing(segs, _expected_segments(A.T, extent, n_lines)):
        fail(f"Called {last_call()}; your lines are the grid mapped by Aᵀ, not by A: with points stored as rows P, "
             "the mapped points are P @ A.T (P @ A applies the transpose).")
    if not _missing(segs, _expected_segments(np.eye(2), extent, n_lines)):
        fail(f"Called {last_call()}; only the original (unmapped) grid is drawn; map every point p to A @ p.")
    a, b = missing[0]
    fail(f"Called {last_call()}; {len(missing)} of the {2 * n_lines} mapped grid lines are missing, e.g. the line from "
         f"({a[0]:.3g}, {a[1]:.3g}) to ({b[0]:.3g}, {b[1]:.3g}). Draw each grid line x = c and y = c (c in "
         f"np.linspace({-extent:g}, {extent:g}, {n_lines}), from {-extent:g} to {extent:g}) after mapping its points "
         "through A, one ax.plot per line.")


def test_grid_lines_shear(submission):
    """draws the 10 grid lines of [-2, 2]² mapped by the shear [[1, 1], [0, 1]]"""
    _check_lines(submission, SHEAR)


def test_grid_lines_rotation(submission):
    """draws the grid mapped by the rotation [[0.6, -0.8], [0.8, 0.6]] (about 53°)"""
    _check_lines(submission, np.array([[0.6, -0.8], [0.8, 0.6]]))


def test_grid_options(submission):
    """respects extent and n_lines: extent=1, n_lines=3 gives 6 mapped lines of [-1, 1]²"""
    _check_lines(submission, np.array([[2.0, 0.5], [0.0, 0.5]]), extent=1.0, n_lines=3)


def test_unit_square(submission):
    """fills the image of the unit square: corners 0, Ae1, Ae1 + Ae2, Ae2"""
    A = np.array([[2.0, 1.0], [0.5, 1.5]])
    ax = _ax(submission, A)
    corners = np.array([[0.0, 0.0], A[:, 0], A[:, 0] + A[:, 1], A[:, 1]])
    polys = [np.asarray(p.get_xy(), dtype=float) for p in ax.patches if hasattr(p, "get_xy")]
    for xy in polys:
        if all(np.any(np.all(np.isclose(xy, c, atol=1e-6), axis=1)) for c in corners):
            return
    rows = np.array([[0.0, 0.0], A[0], A[0] + A[1], A[1]])
    if any(all(np.any(np.all(np.isclose(xy, c, atol=1e-6), axis=1)) for c in rows) for xy in polys):
        fail(f"Called {last_call()}; the filled polygon uses the ROWS of A; the images of e1 and e2 are the COLUMNS "
             "A[:, 0] and A[:, 1].")
    fail(f"Called {last_call()}; found {len(polys)} filled polygon(s), none with the corners "
         f"{[tuple(np.round(c, 3)) for c in corners]}; draw ax.fill(xs, ys) through 0, A e1, A e1 + A e2, A e2.")


def test_basis_arrows(submission):
    """draws A e1 and A e2 (the columns of A) as true-length quiver arrows from the origin"""
    A = np.array([[2.0, 1.0], [0.5, 1.5]])
    ax = _ax(submission, A)
    arrows = []
    for q in ax.collections:
        if is_instance(q, "matplotlib.quiver.Quiver"):
            for i in range(len(np.ravel(q.U))):
                arrows.append((np.ravel(q.X)[i % q.X.size], np.ravel(q.Y)[i % q.Y.size], np.ravel(q.U)[i],
                               np.ravel(q.V)[i], q))
    if not arrows:
        fail(f"Called {last_call()}; no quiver arrows found; draw A e1 and A e2 with ax.quiver from the origin.")
    for j in (0, 1):
        hit = [a for a in arrows if np.allclose(a[:4], [0, 0, *A[:, j]])]
        if not hit:
            if any(np.allclose(a[:4], [0, 0, *A[j]]) for a in arrows):
                fail(f"Called {last_call()}; an arrow shows row {j} of A; A e{j + 1} is COLUMN {j}, {tuple(A[:, j])}.")
            fail(f"Called {last_call()}; no arrow from the origin to A e{j + 1} = {tuple(A[:, j])}.")
        q = hit[0][4]
        if q.scale != 1 or q.scale_units != "xy" or q.angles != "xy":
            fail(f"Called {last_call()}; the arrow A e{j + 1} is drawn with angles={q.angles!r}, "
                 f"scale_units={q.scale_units!r}, scale={q.scale!r}; use 'xy', 'xy', 1 so it ends at the corner of the "
                 "parallelogram.")


def test_title_shows_det(submission):
    """the title shows det A with two decimals: 2.50 for [[2, 1], [0.5, 1.5]], 0.00 for a projection, 1.23 for diag(1.23, 1)"""
    for A in (np.array([[2.0, 1.0], [0.5, 1.5]]), np.array([[0.8, 0.4], [0.4, 0.2]]), np.array([[0.0, 1.0], [1.0, 0.0]]),
              np.array([[1.23, 0.0], [0.0, 1.0]])):
        ax = _ax(submission, A)
        title = ax.get_title()
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", title.replace("−", "-"))]
        det = float(np.linalg.det(A))
        if not any(abs(x - det) < 0.006 for x in numbers):
            fail(f"Called {last_call()}; the title is {title!r}; expected it to show det A = {det:.2f} "
                 "(f\"det A = {np.linalg.det(A):.2f}\").")


def test_equal_aspect(submission):
    """uses an equal aspect ratio (a rotation must look like a rotation)"""
    ax = _ax(submission, ROT)
    aspect = ax.get_aspect()
    if not (aspect == "equal" or (isinstance(aspect, (int, float)) and np.isclose(aspect, 1.0))):
        fail(f"Called {last_call()}; the aspect ratio is {aspect!r}; call ax.set_aspect('equal').")


def _lim(A, extent):
    corners = extent * np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    return 1.1 * max(extent, float(np.abs(corners @ A.T).max()))


@pytest.mark.parametrize("A, extent", [
    (np.array([[3.0, 3.0], [0.0, 0.5]]), 2.0),      # rows and columns of different sizes
    (3.0 * np.array([[0.6, -0.8], [0.8, 0.6]]), 2.0),  # a rotation that also stretches by 3
    (np.array([[0.1, 0.0], [0.0, 0.2]]), 1.5),      # a map that shrinks the plane
], ids=["lopsided", "stretching-rotation", "shrinking"])
def test_limits(submission, A, extent):
    """x and y limits are [-lim, lim] with lim = 1.1 × max(extent, largest |coordinate| of the mapped grid)"""
    ax = _ax(submission, A, extent=extent)
    lim = _lim(A, extent)
    got = (*ax.get_xlim(), *ax.get_ylim())
    if np.allclose(got, (-lim, lim, -lim, lim), rtol=1e-6):
        return
    corners = extent * np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    mapped = np.abs(corners @ A.T).max()
    if np.isclose(max(abs(got[0]), abs(got[1])), 1.1 * max(extent, np.abs(corners @ A).max()), rtol=1e-6) \
            and not np.isclose(np.abs(corners @ A).max(), mapped):
        fail(f"Called {last_call()}; the limits are x ∈ [{got[0]:.4g}, {got[1]:.4g}], y ∈ [{got[2]:.4g}, {got[3]:.4g}]; "
             f"expected ±{lim:.4g}. They were computed from corners @ A, which maps the corners by Aᵀ; with the "
             "corners as rows, their images are corners @ A.T.")
    fail(f"Called {last_call()}; the limits are x ∈ [{got[0]:.4g}, {got[1]:.4g}], y ∈ [{got[2]:.4g}, {got[3]:.4g}]; "
         f"expected [-{lim:.4g}, {lim:.4g}] on both axes: 1.1 × max(extent = {extent:g}, the largest absolute "
         f"coordinate of the mapped grid = {mapped:.4g}), so the whole image shows with a 10 % margin and a map that "
         "shrinks the plane looks small.")


def test_lines_and_square_visible(submission):
    """the mapped grid lines have a visible width and the filled unit square is not (nearly) transparent"""
    A = np.array([[2.0, 1.0], [0.5, 1.5]])
    ax = _ax(submission, A)
    thin = [ln.get_linewidth() for ln in ax.lines if not ln.get_linewidth() > 0]
    if thin:
        fail(f"Called {last_call()}; {len(thin)} grid line(s) have line width 0, so they are invisible; leave the "
             "default width or pass lw=1.")
    for patch in ax.patches:
        alpha = patch.get_alpha()
        if alpha is not None and alpha < 0.1:
            fail(f"Called {last_call()}; the filled unit square has alpha = {alpha:g}, nearly invisible; use an alpha "
                 "between 0.2 and 0.5 so the grid shows through and the square still stands out.")


def test_no_negative_zero_in_title(submission):
    """a singular matrix whose computed determinant is a tiny negative number is titled 0.00, never -0.00"""
    A = np.array([[0.3, 0.7], [3 * 0.3, 3 * 0.7]])  # rank 1: det A = 0 exactly, about -1e-16 in floating point
    ax = _ax(submission, A)
    title = ax.get_title().replace("−", "-")
    if re.search(r"-0\.0+(?![0-9]*[1-9])", title):
        fail(f"Called {last_call()}; the title is {ax.get_title()!r}; np.linalg.det(A) is {np.linalg.det(A):.3g}, a "
             "rounding error around the exact 0 of this singular matrix, and ':.2f' prints it as -0.00. Round first and "
             "add 0.0 (round(det, 2) + 0.0 turns -0.0 into 0.0), so the title says 0.00.")



def test_title_rounds_det_to_two_decimals(submission):
    """the title shows det A rounded once to two decimals: 0.00 for diag(0.0049, 1), 0.13 for diag(0.1251, 1)"""
    for d, expected in ((0.0049, "0.00"), (0.1251, "0.13")):
        A = np.array([[d, 0.0], [0.0, 1.0]])
        ax = _ax(submission, A)
        title = ax.get_title().replace("−", "-")
        shown = re.findall(r"-?\d+\.\d+", title)
        if expected not in shown:
            fail(f"Called {last_call()}; the title is {ax.get_title()!r}; det A = {np.linalg.det(A):.4g}, which "
                 f"to two decimals is {expected}. Round once, to 2 decimals (round(det, 2) or ':.2f'): rounding to "
                 "3 decimals first and then formatting with ':.2f' rounds twice and can move the last digit.")
