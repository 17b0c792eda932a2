"""Hidden tests of exercise 11.6 — plot_svd_ellipse(A, n_points=200); graded on the figure's content, never pixels."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show

LESSON_A = np.array([[2.0, 2.0], [-1.0, 2.0]])


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _draw(submission, A, **kwargs):
    got = call(function(submission, "plot_svd_ellipse"), np.array(A, dtype=float), **kwargs)
    fig = expect_figure(got, hint="return the fig that plt.subplots() gave you")
    if len(fig.axes) < 1:
        fail(f"Called {last_call()}; the figure has no axes; draw on ax from fig, ax = plt.subplots().")
    return fig, fig.axes[0]


def _lines(ax):
    return [np.asarray(line.get_xydata(), dtype=float) for line in ax.lines]


def _circle_line(lines, n_points):
    """The line whose points are all on the unit circle and go round it."""
    for xy in lines:
        if len(xy) >= 8 and np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 1.0, atol=1e-9):
            angles = np.sort(np.mod(np.arctan2(xy[:, 1], xy[:, 0]), 2 * np.pi))
            widest_gap = np.max(np.diff(np.r_[angles, angles[0] + 2 * np.pi]))   # including the wrap-around
            if widest_gap >= 0.5:
                fail(f"Called {last_call()}; the circle line leaves a gap of {widest_gap:.2f} radians: it does not go all "
                     "the way round. Use t = np.linspace(0, 2 * np.pi, n_points).")
            if len(xy) != n_points:
                fail(f"Called {last_call()}; the circle has {len(xy)} points; expected n_points = {n_points} "
                     "(t = np.linspace(0, 2 * np.pi, n_points)).")
            if not (np.allclose(xy[0], [1, 0], atol=1e-9) and np.allclose(xy[-1], [1, 0], atol=1e-9)):
                fail(f"Called {last_call()}; the circle starts at {show(xy[0])} and ends at {show(xy[-1])}; with "
                     "t = np.linspace(0, 2 * np.pi, n_points) it starts and ends at (1, 0) — once round, closed.")
            return xy
    fail(f"Called {last_call()}; no line of the axes is the unit circle (all its points at distance 1 from the "
         f"origin, going all the way round); plot np.cos(t) against np.sin(t). Lines found: {len(lines)}.")


def _segments(lines):
    """End points of the 2-point lines that start at the origin."""
    ends = []
    for xy in lines:
        if len(xy) == 2:
            if np.allclose(xy[0], 0, atol=1e-12):
                ends.append(xy[1])
            elif np.allclose(xy[1], 0, atol=1e-12):
                ends.append(xy[0])
    return ends


def _has_segment(ends, target, tol):
    return any(np.allclose(e, target, atol=tol) or np.allclose(e, -target, atol=tol) for e in ends)


def _check_figure(submission, A, expected_points=200, **kwargs):
    A = np.array(A, dtype=float)
    fig, ax = _draw(submission, A, **kwargs)
    lines = _lines(ax)
    circle = _circle_line(lines, expected_points)
    image = A @ circle.T                                          # (2, n) where the circle's points must land
    tol = 1e-9 * max(1.0, np.abs(A).max())
    if not any(xy.shape == circle.shape and np.allclose(xy, image.T, atol=tol) for xy in lines):
        hint = ""
        if any(xy.shape == circle.shape and np.allclose(xy, (A.T @ circle.T).T, atol=tol) for xy in lines):
            hint = (" One line is the image under Aᵀ (circle_points @ A, or points as rows times A): apply A to "
                    "the columns, A @ circle with circle of shape (2, n_points).")
        fail(f"Called {last_call()}; no line is the image of your circle under A: expected the points "
             f"A @ [cos t, sin t], for A = {show(A)}.{hint}")
    U, s, Vt = np.linalg.svd(A)
    ends = _segments(lines)
    for i in range(2):
        if not _has_segment(ends, Vt[i], tol):
            hint = ""
            if _has_segment(ends, U[:, i], tol) or _has_segment(ends, Vt[:, i], tol):
                hint = " The right singular vectors are the ROWS of Vt (the columns of V = Vt.T)."
            fail(f"Called {last_call()}; no segment from the origin to v{i + 1} = ±{show(Vt[i])} (row {i} of Vt).{hint}")
    for i in range(2):
        if s[i] <= 1e-12 * max(s[0], 1e-300):
            continue
        target = s[i] * U[:, i]
        if not _has_segment(ends, target, tol):
            hint = ""
            if _has_segment(ends, U[:, i], tol):
                hint = " That segment is u_i of length 1: scale it by σ_i, the semi-axis has length σ_i."
            elif _has_segment(ends, s[i] * Vt[i], tol):
                hint = (" There is σ_i v_i: that direction belongs to the circle's side. The ellipse's semi-axes are "
                        "σ_i u_i, along the COLUMNS of U (A v_i = σ_i u_i).")
            elif _has_segment(ends, s[i] * U[i, :], tol):
                hint = " The left singular vectors are the COLUMNS of U, not its rows."
            fail(f"Called {last_call()}; no segment from the origin to the semi-axis σ{i + 1}u{i + 1} = ±{show(target)}.{hint}")
    return fig, ax, s


# ------------------------------------------------------------------------------------------------ checks

def test_returns_figure(submission):
    """returns a matplotlib Figure with an axes to look at"""
    _draw(submission, LESSON_A)


def test_circle_and_image(submission):
    """[[2, 2], [-1, 2]]: the unit circle of 200 points (the default), its image, v₁, v₂ and the semi-axes 3u₁, 2u₂"""
    _check_figure(submission, LESSON_A)


def test_n_points(submission):
    """n_points = 50 gives a circle of 50 points (and its image with as many)"""
    _check_figure(submission, LESSON_A, 50, n_points=50)


def test_shear_and_rotation(submission):
    """a shear [[1, 1.5], [0, 1]], a non-symmetric [[0.5, -2], [1, 0.3]] and a rotation (σ₁ = σ₂ = 1)"""
    _check_figure(submission, [[1.0, 1.5], [0.0, 1.0]])
    _check_figure(submission, [[0.5, -2.0], [1.0, 0.3]])
    c, s = np.cos(0.7), np.sin(0.7)
    fig, ax, _ = _check_figure(submission, [[c, -s], [s, c]])


def test_rank_one(submission):
    """the rank-1 [[1, 2], [2, 4]]: the image is a segment of half-length σ₁ = 5 along u₁, no second semi-axis needed"""
    _check_figure(submission, [[1.0, 2.0], [2.0, 4.0]])


def test_labels_aspect_title(submission):
    """both axes labelled, equal aspect, and both singular values with two decimals in the title"""
    for A in (LESSON_A, np.array([[1.0, 1.5], [0.0, 1.0]])):
        fig, ax = _draw(submission, A)
        s = np.linalg.svd(A, compute_uv=False)
        if not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
            fail(f"Called {last_call()}; an axis has no label (x: {ax.get_xlabel()!r}, y: {ax.get_ylabel()!r}); "
                 "use ax.set_xlabel and ax.set_ylabel.")
        aspect = ax.get_aspect()
        if not (aspect == "equal" or (isinstance(aspect, (int, float)) and aspect == 1.0)):
            fail(f"Called {last_call()}; the aspect is {aspect!r}; call ax.set_aspect('equal') so the circle is round.")
        title = ax.get_title()
        want = [f"{v:.2f}" for v in s]
        if not all(w in title for w in want):
            fail(f"Called {last_call()}; the title is {title!r}; expected it to show σ₁ and σ₂ with two decimals: "
                 f"{want[0]} and {want[1]} (e.g. f\"σ = {{s[0]:.2f}}, {{s[1]:.2f}}\").")
        close_figures()


def test_scale(submission):
    """A = 1000 · [[2, 2], [-1, 2]] and 0.001 · it: every element scales (σ = 3000, 2000 and 0.003, 0.002)"""
    for c in (1e3, 1e-3):
        fig, ax, s = _check_figure(submission, c * LESSON_A)
        title = ax.get_title()
        if c > 1 and not all(f"{v:.2f}" in title for v in s):
            fail(f"Called {last_call()}; the title is {title!r}; expected σ = {s[0]:.2f}, {s[1]:.2f} in it.")
        close_figures()
