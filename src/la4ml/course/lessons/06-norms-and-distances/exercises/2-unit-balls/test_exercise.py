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


def _check(submission, ps, n_points=None):
    f = function(submission, "plot_unit_balls")
    kwargs = {} if n_points is None else {"n_points": n_points}
    fig = call(f, tuple(ps), **kwargs)
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
        legend = ax.get_legend()
        if legend is None:
            fail(f"Called {last_call()}; the Axes has no legend: call ax.legend().")
        if len(legend.get_texts()) != len(ps):
            fail(f"Called {last_call()}; the legend has {len(legend.get_texts())} entries; expected {len(ps)}, one per p.")
        if ax.get_aspect() != 1.0:
            fail(f"Called {last_call()}; the aspect ratio is {ax.get_aspect()!r}; use ax.set_aspect('equal') so that the "
                 "L2 sphere is drawn as a circle.")
    finally:
        close_figures()


def test_default_three(submission):
    """for p = 1, 2, ∞: three labelled closed curves whose points all have Lp norm 1, a legend with 3 entries"""
    _check(submission, (1, 2, np.inf))


def test_five_norms(submission):
    """for p = 1, 1.5, 2, 4, ∞ with 200 points each: every point at norm 1, curves all the way around"""
    _check(submission, (1, 1.5, 2, 4, np.inf), n_points=200)


def test_single(submission):
    """for p = 3 alone: one curve, one legend entry"""
    _check(submission, (3,))
