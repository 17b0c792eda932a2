"""Hidden tests of exercise 6.2 — plot_unit_balls(ps, n_points) returns a Figure."""

import numpy as np

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name


def _label_matches(label, p):
    text = label.replace(" ", "").lower()
    if p == np.inf:
        return text in ("p=inf", "p=∞", "p=infinity")
    return text == f"p={p:g}"


def _name(p):
    return "p = inf" if p == np.inf else f"p = {p:g}"


def _norm_name(p):
    return "L∞" if p == np.inf else f"L{p:g}"


def _pnorm(points, p):
    return np.linalg.norm(points, p, axis=1)


def _check(submission, ps, n_points=None, pass_ps=True):
    f = function(submission, "plot_unit_balls")
    kwargs = {} if n_points is None else {"n_points": n_points}
    fig = call(f, tuple(ps), **kwargs) if pass_ps else call(f, **kwargs)
    expect_figure(fig, hint="return fig")
    try:
        if not fig.axes:
            fail(f"Called {last_call()}; the figure has no Axes.")
        ax = fig.axes[0]
        for p in ps:
            lines = [ln for ln in ax.lines if _label_matches(ln.get_label(), p)]
            if not lines:
                labels = [ln.get_label() for ln in ax.lines]
                fail(f"Called {last_call()}; found no line labelled {_name(p)!r} (labels: {labels}); use "
                     "label=f'p = {p:g}'.")
            pts = np.asarray(lines[0].get_xydata(), dtype=float)
            if n_points is not None and len(pts) != n_points:
                fail(f"Called {last_call()}; the curve {_name(p)!r} has {len(pts)} points; expected n_points = {n_points}.")
            if len(pts) < 50:
                fail(f"Called {last_call()}; the curve {_name(p)!r} has only {len(pts)} points; use n_points of them.")
            norms = _pnorm(pts, p)
            if not np.allclose(norms, 1.0, rtol=1e-6):
                i = int(np.argmax(np.abs(norms - 1.0)))
                shape = {1: " (the diamond)", 2: " (the circle)", np.inf: " (the square)"}
                for q in [q for q in (*ps, 1, 2, np.inf) if q != p]:
                    if not np.allclose(_pnorm(pts, q), 1.0, rtol=1e-6):
                        continue
                    text = (f"Called {last_call()}; every point of the curve {_name(p)!r} has "
                            f"{_norm_name(q)} norm 1: it is the unit sphere of {_name(q)}"
                            f"{shape.get(q, '')}, not of {_name(p)}.")
                    other = [ln for ln in ax.lines if _label_matches(ln.get_label(), q)]
                    if other and np.allclose(_pnorm(np.asarray(other[0].get_xydata(), dtype=float), p), 1.0, rtol=1e-6):
                        text += f" The curves labelled {_name(p)!r} and {_name(q)!r} are swapped."
                    else:
                        text += (f" Its point {np.round(pts[i], 4).tolist()} has {_norm_name(p)} "
                                 f"norm {norms[i]:.4f}, not 1: divide each direction by its own Lp norm.")
                    fail(text)
                fail(f"Called {last_call()}; the point {np.round(pts[i], 4).tolist()} of the curve {_name(p)!r} has "
                     f"Lp norm {norms[i]:.6f}; every point must have norm exactly 1.")
            angles = np.sort(np.mod(np.arctan2(pts[:, 1], pts[:, 0]), 2 * np.pi))
            gaps = np.diff(np.concatenate([angles, [angles[0] + 2 * np.pi]]))
            if gaps.max() > 0.2:
                fail(f"Called {last_call()}; the curve {_name(p)!r} leaves a gap of {np.degrees(gaps.max()):.0f}° around "
                     "the origin; sweep θ over the full circle, from 0 to 2π.")
            turn = np.diff(np.unwrap(np.arctan2(pts[:, 1], pts[:, 0])))
            if np.any(turn <= 0) and np.any(turn >= 0):
                fail(f"Called {last_call()}; the points of the curve {_name(p)!r} do not go around the origin in one "
                     "direction; take the directions in order of their angle θ, from 0 to 2π.")
            total = np.degrees(abs(turn.sum()))
            if not np.allclose(pts[0], pts[-1], rtol=0, atol=1e-9) or abs(total - 360) > 1e-6:
                fail(f"Called {last_call()}; the curve {_name(p)!r} turns {total:.1f}° around the origin from its first "
                     f"point {np.round(pts[0], 4).tolist()} to its last {np.round(pts[-1], 4).tolist()}; expected one closed "
                     "curve that goes exactly once around (360°), ending where it starts: "
                     "θ = np.linspace(0, 2 * np.pi, n_points).")
        legend = ax.get_legend()
        if legend is None:
            fail(f"Called {last_call()}; the Axes has no legend: call ax.legend().")
        if len(legend.get_texts()) != len(ps):
            fail(f"Called {last_call()}; the legend has {len(legend.get_texts())} entries; expected {len(ps)}, one per p.")
        if ax.get_aspect() != 1.0:
            fail(f"Called {last_call()}; the aspect ratio is {ax.get_aspect()!r}; use ax.set_aspect('equal') so that the "
                 "L2 sphere is drawn as a circle.")
        width, height = (float(v) for v in fig.get_size_inches())
        if min(width, height) < 1:
            fail(f"Called {last_call()}; the figure is {width:g} × {height:g} inches: too small to show the curves "
                 "(figsize=(5, 5) is a good size for a square plot).")
    finally:
        close_figures()


def test_default_three(submission):
    """with the defaults (ps = (1, 2, ∞), n_points = 400): three labelled closed curves of 400 points at Lp norm 1"""
    _check(submission, (1, 2, np.inf), n_points=None, pass_ps=False)
    _check_default_points(submission)


def _check_default_points(submission):
    fig = call(function(submission, "plot_unit_balls"))
    try:
        counts = [len(ln.get_xydata()) for ln in fig.axes[0].lines if ln.get_label() and not ln.get_label().startswith("_")]
        if counts and set(counts) != {400}:
            fail(f"Called {last_call()}; the curves have {sorted(set(counts))} points; expected n_points = 400 each by "
                 "default.")
    finally:
        close_figures()


def test_five_norms(submission):
    """for p = 1, 1.5, 2, 4, ∞ with 200 points each: every point at norm 1, curves all the way around"""
    _check(submission, (1, 1.5, 2, 4, np.inf), n_points=200)


def test_single(submission):
    """for p = 3 alone: one curve, one legend entry"""
    _check(submission, (3,))
