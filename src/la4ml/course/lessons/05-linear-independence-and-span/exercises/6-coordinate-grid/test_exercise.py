"""Hidden tests of exercise 5.6 — plot_coordinate_grid(b1, b2, x, n=3) returns a Figure."""

import numpy as np

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name


def _figure(submission, b1, b2, x, **kwargs):
    f = function(submission, "plot_coordinate_grid")
    fig = call(f, np.array(b1, dtype=float), np.array(b2, dtype=float), np.array(x, dtype=float), **kwargs)
    expect_figure(fig, hint="fig, ax = plt.subplots() ... return fig")
    w, h = fig.get_size_inches()
    if min(w, h) <= 0:
        fail(f"Called {last_call()}; the figure is {w:g} × {h:g} inches: nothing of it can be seen. Leave figsize out, "
             "or give both sides a positive size, e.g. plt.subplots(figsize=(6, 6)).")
    if not fig.axes:
        fail(f"Called {last_call()}; the figure has no Axes: draw into ax from fig, ax = plt.subplots().")
    return fig, fig.axes[0]


def _labeled(ax, label):
    return [ln for ln in ax.lines if ln.get_label() == label]


def _grid_lines(ax):
    return [ln for ln in ax.lines if ln.get_label().startswith("_")]


def _classify(xy, b1, b2):
    """Which family (0: c1 = k, runs along b2; 1: c2 = k, runs along b1) and k a grid line belongs to."""
    B = np.column_stack([b1, b2])
    C = np.linalg.solve(B, xy.T).T  # coordinates of the line's points, (n_points, 2)
    if len(C) < 2:
        return None
    for fam in (0, 1):
        vals = C[:, fam]
        if np.ptp(vals) < 1e-6 and np.ptp(C[:, 1 - fam]) > 1e-6:
            k = vals.mean()
            if abs(k - round(k)) < 1e-6:
                return fam, int(round(k)), (float(C[:, 1 - fam].min()), float(C[:, 1 - fam].max()))
    return None


def _check_grid(ax, b1, b2, n):
    lines = _grid_lines(ax)
    found, bad = set(), []
    for ln in lines:
        xy = np.asarray(ln.get_xydata(), dtype=float)
        cls = _classify(xy, b1, b2)
        if cls is None:
            bad.append(xy)
        else:
            fam, k, (lo, hi) = cls
            found.add((fam, k))
            if lo > -n + 1e-6 or hi < n - 1e-6:
                other = 2 - fam
                fail(f"Called {last_call()}; the grid line c{fam + 1} = {k} runs only over c{other} from {lo:.3g} to "
                     f"{hi:.3g}: draw each grid line at least from t = -{n} to t = {n}, so that the grid covers every "
                     f"point c1·b1 + c2·b2 with integer coordinates from -{n} to {n}.")
    if bad:
        xy = bad[0]
        d = xy[-1] - xy[0]
        if len(xy) >= 2 and (abs(d[0]) < 1e-9 or abs(d[1]) < 1e-9):
            fail(f"Called {last_call()}; an unlabeled line from {np.round(xy[0], 3).tolist()} to "
                 f"{np.round(xy[-1], 3).tolist()} is horizontal or vertical: that is the grid of the STANDARD basis. "
                 f"Draw the lines k·b1 + t·b2 and t·b1 + k·b2 of the basis b1 = {b1.tolist()}, b2 = {b2.tolist()}.")
        fail(f"Called {last_call()}; the unlabeled line through {np.round(xy[:2], 3).tolist()} is not a grid line: every "
             "unlabeled line must be a line c1 = k (points k·b1 + t·b2) or c2 = k (points t·b1 + k·b2) for an "
             "integer k. Give the basis vectors and x their labels.")
    want = {(fam, k) for fam in (0, 1) for k in range(-n, n + 1)}
    if found != want:
        missing = sorted(want - found)
        fams = {fam for fam, _ in found}
        if len(fams) == 1 or all(k == 0 for _, k in found):
            fail(f"Called {last_call()}; your grid lines cover only {sorted(found)} as (family, k) pairs. The line "
                 "c1 = k runs ALONG b2 (k·b1 + t·b2) and the line c2 = k runs along b1 (t·b1 + k·b2).")
        fam, k = missing[0]
        name = f"c{fam + 1} = {k}"
        fail(f"Called {last_call()}; the grid lacks the line {name}: draw both families for every k from -{n} to {n} "
             f"({2 * (2 * n + 1)} lines).")


def _check_all(submission, b1, b2, x, n=3):
    b1, b2, x = (np.array(v, dtype=float) for v in (b1, b2, x))
    kwargs = {} if n == 3 else {"n": n}
    fig, ax = _figure(submission, b1, b2, x, **kwargs)
    try:
        for name, vec in (("b1", b1), ("b2", b2)):
            lines = _labeled(ax, name)
            if not lines:
                fail(f"Called {last_call()}; found no line labeled {name!r}: draw it with "
                     f"ax.plot([0, {name}[0]], [0, {name}[1]], label={name!r}).")
            xy = np.asarray(lines[0].get_xydata(), dtype=float)
            ends = {tuple(np.round(xy[0], 9)), tuple(np.round(xy[-1], 9))}
            if ends != {(0.0, 0.0), tuple(np.round(vec, 9))}:
                fail(f"Called {last_call()}; the line labeled {name!r} runs from {np.round(xy[0], 4).tolist()} to "
                     f"{np.round(xy[-1], 4).tolist()}; expected from the origin to {name} = {vec.tolist()}.")
        pts = [np.asarray(ln.get_xydata(), dtype=float) for ln in _labeled(ax, "x")]
        pts += [np.asarray(c.get_offsets(), dtype=float) for c in ax.collections if c.get_label() == "x"]
        if not pts:
            fail(f"Called {last_call()}; found no marker labeled 'x': ax.plot(x[0], x[1], 'o', label='x').")
        if not np.allclose(pts[0].reshape(-1, 2)[0], x):
            fail(f"Called {last_call()}; the marker labeled 'x' is at {np.round(pts[0].reshape(-1, 2)[0], 4).tolist()}; "
                 f"expected x = {x.tolist()}.")
        _check_grid(ax, b1, b2, n)
        c = np.linalg.solve(np.column_stack([b1, b2]), x)
        title = ax.get_title()
        s1, s2 = f"{c[0]:.2f}", f"{c[1]:.2f}"
        if s1 not in title or s2 not in title:
            wrong = np.linalg.solve(np.vstack([b1, b2]), x)
            hint = ""
            if f"{wrong[0]:.2f}" in title and f"{wrong[1]:.2f}" in title:
                hint = (f" Your numbers {wrong[0]:.2f}, {wrong[1]:.2f} solve the system with b1, b2 as ROWS; "
                        "the basis vectors are the columns: np.linalg.solve(np.column_stack([b1, b2]), x).")
            fail(f"Called {last_call()}; the title is {title!r}; expected it to show the coordinates {s1} and {s2} "
                 f"(x = {s1}·b1 + {s2}·b2).{hint}")
        if s1 != s2 and title.find(s1) > title.find(s2):
            fail(f"Called {last_call()}; the title {title!r} shows c2 = {s2} before c1 = {s1}; give them in order c1, c2.")
        if ax.get_legend() is None:
            fail(f"Called {last_call()}; the Axes has no legend: call ax.legend() after drawing the labeled artists.")
        if ax.get_aspect() != 1.0:
            fail(f"Called {last_call()}; the aspect ratio is {ax.get_aspect()!r}; use ax.set_aspect('equal') so the "
                 "angles between grid lines are true.")
    finally:
        close_figures()


def test_widget_basis(submission):
    """for b1 = (2, 1), b2 = (−1, 1), x = (1, 3): the slanted grid, the basis, x, and 'x = 1.33 b1 + 1.67 b2'"""
    _check_all(submission, [2.0, 1.0], [-1.0, 1.0], [1.0, 3.0])


def test_other_basis(submission):
    """for b1 = (1, 0.5), b2 = (0.3, 1), x = (2, −1) and n = 2: 10 grid lines and the coordinates in the title"""
    _check_all(submission, [1.0, 0.5], [0.3, 1.0], [2.0, -1.0], n=2)


def test_standard_basis(submission):
    """for the standard basis the grid is the usual square one and x = (2, −1) has coordinates (2, −1)"""
    _check_all(submission, [1.0, 0.0], [0.0, 1.0], [2.0, -1.0], n=1)
