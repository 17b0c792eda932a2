"""Hidden tests of exercise 1.6 — plot_vector_sum(u, v) returns a Figure (graded on its content)."""

import numpy as np

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


def test_parallelogram_sides(submission):
    """draws the two dashed sides u → u + v and v → u + v"""
    u, v = np.array([2.0, 1.0]), np.array([1.0, 2.0])
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


def test_limits_show_every_tip(submission):
    """the axis limits include the origin and every tip, also for vectors pointing left and down"""
    for u, v in (([2.0, 1.0], [1.0, 2.0]), ([-3.0, 1.0], [1.0, -4.0])):
        ax = _figure(submission, u, v)
        u, v = np.array(u), np.array(v)
        x0, x1 = sorted(ax.get_xlim())
        y0, y1 = sorted(ax.get_ylim())
        for p, name in ((np.zeros(2), "the origin"), (u, "the tip of u"), (v, "the tip of v"), (u + v, "the tip of u + v")):
            if not (x0 <= p[0] <= x1 and y0 <= p[1] <= y1):
                fail(f"Called {last_call()}; {name} {tuple(p)} lies outside the visible area x ∈ [{x0:.3g}, {x1:.3g}], "
                     f"y ∈ [{y0:.3g}, {y1:.3g}]. quiver fits the limits to the arrow tails only: set them with ax.set_xlim/ax.set_ylim "
                     "from the smallest and largest coordinates of 0, u, v and u + v.")


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
