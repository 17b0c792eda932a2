"""Hidden tests of exercise 1.6 — plot_vector_sum(u, v) returns a Figure (graded on its content)."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name


def _figure(submission, u, v):
    close_figures()
    f = function(submission, "plot_vector_sum")
    fig = call(f, np.array(u, dtype=float), np.array(v, dtype=float))
    expect_figure(fig, hint="return fig")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected exactly one.")
    return fig.axes[0]


def _arrows(ax):
    """Every arrow drawn with quiver as (label, x0, y0, dx, dy, quiver)."""
    out = []
    for q in ax.collections:
        if is_instance(q, "matplotlib.quiver.Quiver"):
            X, Y = np.ravel(q.X), np.ravel(q.Y)
            U, V = np.ravel(q.U), np.ravel(q.V)
            for i in range(len(U)):
                out.append((q.get_label(), X[i % len(X)], Y[i % len(Y)], U[i], V[i], q))
    return out


def _norm_label(s):
    return "".join(str(s).split()).replace("$", "").lower()


def _find(ax, vec, name):
    arrows = _arrows(ax)
    if not arrows:
        kinds = sorted({type_name(a).rsplit('.', 1)[-1] for a in ax.patches})
        extra = f" (found patches {', '.join(kinds)}: ax.arrow/annotate arrows are not graded)" if kinds else ""
        fail(f"Called {last_call()}; the axes have no quiver arrows{extra}. Draw each vector with "
             "ax.quiver(0, 0, dx, dy, angles='xy', scale_units='xy', scale=1, label=...).")
    for label, x0, y0, dx, dy, q in arrows:
        if np.allclose([dx, dy], vec) and np.allclose([x0, y0], 0):
            return label, q
    drawn = "; ".join(f"{lab!r} from ({x0:.3g}, {y0:.3g}) by ({dx:.3g}, {dy:.3g})" for lab, x0, y0, dx, dy, _ in arrows)
    fail(f"Called {last_call()}; expected an arrow {name} = ({vec[0]:.3g}, {vec[1]:.3g}) starting at the origin; the "
         f"quivers drawn are: {drawn}.")


def test_three_arrows_from_origin(submission):
    """draws u = (2, 1), v = (1, 2) and u + v = (3, 3) as quiver arrows from the origin"""
    u, v = np.array([2.0, 1.0]), np.array([1.0, 2.0])
    ax = _figure(submission, u, v)
    for vec, name in ((u, "u"), (v, "v"), (u + v, "u + v")):
        _find(ax, vec, name)


def test_true_length(submission):
    """every arrow is drawn at its true length (angles='xy', scale_units='xy', scale=1)"""
    ax = _figure(submission, [2.0, 1.0], [1.0, 2.0])
    for _, _, _, _, _, q in _arrows(ax):
        if q.scale != 1 or q.scale_units != "xy" or q.angles != "xy":
            fail(f"Called {last_call()}; a quiver has angles={q.angles!r}, scale_units={q.scale_units!r}, "
                 f"scale={q.scale!r}; expected 'xy', 'xy', 1. Otherwise quiver shrinks the arrows by a factor of its own "
                 "choosing and u + v no longer ends where the parallelogram closes.")


def test_labels_of_arrows(submission):
    """the arrows are labelled 'u', 'v' and 'u + v' (for the legend) and a legend is shown"""
    u, v = np.array([-1.0, 2.0]), np.array([3.0, 0.5])
    ax = _figure(submission, u, v)
    for vec, name in ((u, "u"), (v, "v"), (u + v, "u + v")):
        label, _ = _find(ax, vec, name)
        if _norm_label(label) != _norm_label(name):
            fail(f"Called {last_call()}; the arrow {name} = {tuple(np.round(vec, 3))} has label {label!r}; expected "
                 f"{name!r} (pass label={name!r} to its quiver call).")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; there is no legend; call ax.legend().")


@pytest.mark.parametrize("u, v", [([2.0, 1.0], [1.0, 2.0]), ([3.0, 1.0], [-1.0, 2.0])], ids=["symmetric", "skewed"])
def test_parallelogram_sides(submission, u, v):
    """draws the two dashed sides u → u + v and v → u + v"""
    u, v = np.array(u), np.array(v)
    ax = _figure(submission, u, v)
    s = u + v
    segs = []
    for ln in ax.lines:
        xy = ln.get_xydata()
        if len(xy) >= 2:
            segs.append((xy[0], xy[-1], ln.get_linestyle()))
    for start, name in ((u, "u"), (v, "v")):
        match = [seg for seg in segs if (np.allclose(seg[0], start) and np.allclose(seg[1], s))
                 or (np.allclose(seg[1], start) and np.allclose(seg[0], s))]
        if not match:
            fail(f"Called {last_call()}; expected a line from the tip of {name} {tuple(start)} to the tip of u + v "
                 f"{tuple(s)} (one ax.plot([x0, x1], [y0, y1], '--')); found {len(segs)} line(s) with endpoints "
                 + ", ".join(f"{tuple(np.round(a, 3))}→{tuple(np.round(b, 3))}" for a, b, _ in segs) + ".")
        if match[0][2] not in ("--", "dashed", ":", "-.", "dotted", "dashdot"):
            fail(f"Called {last_call()}; the side from the tip of {name} is drawn with linestyle {match[0][2]!r}; make "
                 "it dashed ('--') so it reads as a helper line, not a vector.")


def _limits(ax):
    x0, x1 = sorted(ax.get_xlim())
    y0, y1 = sorted(ax.get_ylim())
    return x0, x1, y0, y1


@pytest.mark.parametrize("u, v", [([2.0, 1.0], [1.0, 2.0]), ([-3.0, 1.0], [1.0, -4.0]), ([2e-6, -1e-6], [1e-6, 3e-6]),
                                  ([4e6, 1e6], [-1e6, 2e6]), ([-4e6, -1e6], [-1e6, -2e6]), ([1.0, -3.0], [-2.0, 4.0])],
                         ids=["first-quadrant", "left-and-down", "tiny", "huge", "huge-third-quadrant", "tall"])
def test_limits_show_every_tip(submission, u, v):
    """the axis limits include the origin and every tip with a margin, for vectors pointing anywhere, tiny or huge"""
    ax = _figure(submission, u, v)
    u, v = np.array(u), np.array(v)
    x0, x1, y0, y1 = _limits(ax)
    mx, my = 0.02 * (x1 - x0), 0.02 * (y1 - y0)  # a tip closer than 2 % to the edge is cut off
    for p, name in ((np.zeros(2), "the origin"), (u, "the tip of u"), (v, "the tip of v"), (u + v, "the tip of u + v")):
        if not (x0 + mx <= p[0] <= x1 - mx and y0 + my <= p[1] <= y1 - my):
            fail(f"Called {last_call()}; {name} ({p[0]:.3g}, {p[1]:.3g}) lies outside the visible area x ∈ [{x0:.3g}, "
                 f"{x1:.3g}], y ∈ [{y0:.3g}, {y1:.3g}] or on its edge. quiver fits the limits to the arrow tails only: "
                 "set them with ax.set_xlim/ax.set_ylim from the smallest and largest coordinates of 0, u, v and u + v, "
                 "plus a margin.")


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6], ids=["tiny", "unit", "huge"])
def test_limits_fit_the_vectors(submission, scale):
    """the arrows fill most of the picture at any scale: the margin grows and shrinks with the vectors"""
    u, v = scale * np.array([2.0, 1.0]), scale * np.array([1.0, 2.0])
    ax = _figure(submission, u, v)
    x0, x1, y0, y1 = _limits(ax)
    tips = np.array([[0.0, 0.0], u, v, u + v])
    extent = tips.max(axis=0) - tips.min(axis=0)
    fill = max(extent[0] / (x1 - x0), extent[1] / (y1 - y0))
    if not fill >= 0.5:
        fail(f"Called {last_call()}; the vectors span {extent[0]:.3g} × {extent[1]:.3g} but the axes show "
             f"{x1 - x0:.3g} × {y1 - y0:.3g}, so the arrows fill only {100 * fill:.0f} % of the picture; expected at "
             "least half. Make the margin a fraction of the size of the picture (e.g. 15 % of the largest extent of "
             "0, u, v, u + v), not a fixed number of units.")


def test_collinear_vectors_keep_a_margin_across(submission):
    """for u, v along the x-axis the margin across the arrows is still a fraction of the picture, not a fixed unit"""
    u, v = np.array([4e6, 0.0]), np.array([2e6, 0.0])
    ax = _figure(submission, u, v)
    x0, x1, y0, y1 = _limits(ax)
    if not (y1 - y0) >= 0.05 * (x1 - x0):
        fail(f"Called {last_call()}; for u = (4e6, 0) and v = (2e6, 0) the axes show x ∈ [{x0:.3g}, {x1:.3g}] but only "
             f"y ∈ [{y0:.3g}, {y1:.3g}]: with an equal aspect ratio the picture collapses to a thin strip. Take the "
             "margin from the LARGEST extent of 0, u, v, u + v over both coordinates (here 6e6 along x), so the "
             "y-range gets the same margin; the fixed fallback is only for u = v = 0.")


def test_zero_vectors(submission):
    """u = v = 0 still gives a figure with three (zero-length) arrows and a visible area around the origin"""
    ax = _figure(submission, [0.0, 0.0], [0.0, 0.0])
    for vec, name in ((np.zeros(2), "u"), (np.zeros(2), "v"), (np.zeros(2), "u + v")):
        _find(ax, vec, name)
    x0, x1, y0, y1 = _limits(ax)
    if not (x0 < 0 < x1 and y0 < 0 < y1):
        fail(f"Called {last_call()}; with u = v = 0 the visible area is x ∈ [{x0:.3g}, {x1:.3g}], y ∈ [{y0:.3g}, "
             f"{y1:.3g}]; expected a region around the origin. When every tip is 0 the size of the picture is 0: "
             "fall back to a fixed margin (say 1) instead of a margin of 0.")


def test_dashed_sides_visible(submission):
    """the dashed sides are drawn with a visible line width"""
    ax = _figure(submission, [2.0, 1.0], [1.0, 2.0])
    for ln in ax.lines:
        if ln.get_linestyle() in ("--", "dashed", ":", "-.", "dotted", "dashdot") and not ln.get_linewidth() > 0:
            fail(f"Called {last_call()}; a dashed side has line width {ln.get_linewidth()}, so it is invisible; leave "
                 "the default width or pass lw=1.")


def test_labels_and_aspect(submission):
    """has x and y axis labels and an equal aspect ratio"""
    ax = _figure(submission, [2.0, 1.0], [1.0, 2.0])
    if not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
        fail(f"Called {last_call()}; the x label is {ax.get_xlabel()!r} and the y label {ax.get_ylabel()!r}; label both "
             "axes (e.g. 'x₁' and 'x₂').")
    aspect = ax.get_aspect()
    if not (aspect == "equal" or (isinstance(aspect, (int, float)) and np.isclose(aspect, 1.0))):
        fail(f"Called {last_call()}; the aspect ratio is {aspect!r}; call ax.set_aspect('equal') so a unit has the same "
             "length on both axes (otherwise lengths and right angles are distorted).")
