"""Hidden tests of exercise 3.6 — plot_trace_heatmaps(A, B) returns a figure of AB, BA, AB - BA."""

import re

import numpy as np

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name

S = np.array([[1.0, 1.0], [0.0, 1.0]])
T = np.array([[1.0, 0.0], [1.0, 1.0]])
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def _figure(submission, A, B):
    close_figures()
    fig = call(function(submission, "plot_trace_heatmaps"), A, B)
    expect_figure(fig, hint="fig, axes = plt.subplots(1, 3) ... return fig")
    panels = [ax for ax in fig.axes if ax.images and ax.get_label() != "<colorbar>"]
    if len(panels) != 3:
        fail(f"Called {last_call()}; the figure has {len(panels)} axes with an image (imshow); expected 3 panels: "
             "AB, BA and AB - BA, each drawn with ax.imshow.")
    return fig, panels


def _numbers(title):
    return [float(x.replace("−", "-")) for x in NUMBER.findall(title)]


def _check(submission, A, B):
    fig, panels = _figure(submission, A, B)
    AB, BA = A @ B, B @ A
    expected = [("AB", AB), ("BA", BA), ("AB - BA", AB - BA)]
    for k, (ax, (name, M)) in enumerate(zip(panels, expected)):
        data = np.asarray(ax.images[0].get_array(), dtype=float)
        if data.shape != M.shape:
            fail(f"Called {last_call()}; panel {k + 1} shows an image of shape {data.shape}; expected {name}, of "
                 f"shape {M.shape}.")
        if not np.allclose(data, M):
            if A.shape == B.shape and np.allclose(data, {0: A * B, 1: B * A, 2: A * B - B * A}[k]):
                fail(f"Called {last_call()}; panel {k + 1} shows the entrywise product (A * B); expected the matrix "
                     f"product {name} computed with @.")
            if k == 2 and np.allclose(data, BA - AB):
                fail(f"Called {last_call()}; panel 3 shows BA - AB; expected AB - BA (the sign is flipped).")
            others = [n for n, other in expected if np.allclose(data, other)]
            where = f" (it shows {others[0]}: keep the order AB, BA, AB - BA)" if others else ""
            fail(f"Called {last_call()}; panel {k + 1} does not show {name}{where}.")
    for k, (ax, (name, M)) in enumerate(zip(panels[:2], expected[:2])):
        title = ax.get_title()
        if name not in title.replace(" ", "").replace("@", "") and name not in title:
            fail(f"Called {last_call()}; panel {k + 1} is titled {title!r}; expected it to name {name!r}, "
                 f"e.g. \"{name}, trace = {np.trace(M):.2f}\".")
        values = _numbers(title)
        tr = float(np.trace(M))
        if not any(abs(v - tr) <= 0.006 + 1e-6 * abs(tr) for v in values):
            if any(abs(v - M.sum()) <= 0.006 for v in values) and not np.isclose(M.sum(), tr):
                fail(f"Called {last_call()}; the title {title!r} shows {M.sum():.2f}, the sum of ALL entries of "
                     f"{name}; the trace is the sum of the diagonal only: np.trace({name}) = {tr:.2f}.")
            fail(f"Called {last_call()}; the title {title!r} does not show the trace of {name}, {tr:.2f} "
                 "(np.trace, with 2 decimals).")
    title = panels[2].get_title()
    if "AB" not in title or "BA" not in title:
        fail(f"Called {last_call()}; panel 3 is titled {title!r}; expected a title naming the difference, \"AB - BA\".")
    close_figures()


def test_shears(submission):
    """for the shears [[1, 1], [0, 1]] and [[1, 0], [1, 1]]: three panels AB, BA, AB - BA, both traces 3.00 in the titles"""
    _check(submission, S, T)


def test_random_five(submission):
    """for random 5 × 5 matrices: the panels show AB, BA and AB - BA, and the titles show tr(AB) = tr(BA)"""
    rng = np.random.default_rng(1)
    _check(submission, rng.standard_normal((5, 5)), rng.standard_normal((5, 5)))


def test_trace_not_sum(submission):
    """the titles show the trace (sum of the diagonal), not the sum of all entries"""
    A = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0], [1.0, 0.0, 2.0]])
    B = np.array([[2.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 3.0, 1.0]])
    _check(submission, A, B)


def test_returns_figure_without_showing(submission):
    """returns a Figure holding exactly three image panels (a colorbar is allowed)"""
    fig, panels = _figure(submission, S, T)
    if any(len(ax.images) != 1 for ax in panels):
        fail(f"Called {last_call()}; a panel holds more than one image; draw one heatmap per panel.")
    close_figures()


def test_color_limits_cover_the_values(submission):
    """each panel's color limits cover the values it shows (no entry clipped to the end of the scale)"""
    rng = np.random.default_rng(3)
    A, B = 3 * rng.standard_normal((4, 4)), rng.standard_normal((4, 4))
    _, panels = _figure(submission, A, B)
    for k, (ax, name) in enumerate(zip(panels, ("AB", "BA", "AB - BA"))):
        image = ax.images[0]
        data = np.asarray(image.get_array(), dtype=float)
        vmin, vmax = (float(v) for v in image.get_clim())
        if not (np.isfinite(vmin) and np.isfinite(vmax) and vmin < vmax):
            fail(f"Called {last_call()}; panel {k + 1} ({name}) has color limits ({vmin:.3g}, {vmax:.3g}): every entry "
                 "gets the same color. Give imshow vmin < vmax, e.g. vmin=-vmax, vmax=vmax with vmax the largest "
                 "absolute entry of the three matrices.")
        span = vmax - vmin
        if data.min() < vmin - 1e-9 * span or data.max() > vmax + 1e-9 * span:
            fail(f"Called {last_call()}; panel {k + 1} ({name}) has values from {data.min():.3g} to {data.max():.3g} "
                 f"but color limits ({vmin:.3g}, {vmax:.3g}), so the largest entries are clipped to one color. Take "
                 "vmax from the largest absolute entry of ALL three matrices (a max over the panels, not a min).")
    close_figures()


def test_no_empty_axes(submission):
    """the figure has the three heatmap panels and, at most, colorbars: no empty extra axes"""
    close_figures()
    fig = call(function(submission, "plot_trace_heatmaps"), S, T)
    expect_figure(fig, hint="fig, axes = plt.subplots(1, 3) ... return fig")
    empty = [i for i, ax in enumerate(fig.axes) if not ax.images and ax.get_label() != "<colorbar>"]
    if empty:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes and {len(empty)} of them are empty; make "
             "exactly three panels (plt.subplots(1, 3)) and draw one heatmap in each.")
    close_figures()

