"""Hidden tests of exercise 25.6 — plot_gradient_norms(networks, g): backprop norms on a log axis."""

import numpy as np

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, last_call, show


def _norms(weights, g, transpose=True, reverse=True):
    out, v = [np.linalg.norm(g)], np.asarray(g, dtype=float)
    for W in (reversed(weights) if reverse else weights):
        v = (W.T if transpose else W) @ v
        out.append(np.linalg.norm(v))
    return np.array(out)


def _nets():
    rng = np.random.default_rng(0)
    widths = [3, 5, 4, 6, 2]  # non-square layers: W_l has shape (widths[l], widths[l-1])
    deep = [rng.standard_normal((b, a)) / np.sqrt(a) for a, b in zip(widths[:-1], widths[1:])]
    Qs = [np.linalg.qr(rng.standard_normal((2, 2)))[0] for _ in range(4)]
    square = [rng.standard_normal((2, 2)) for _ in range(3)]  # square but not orthogonal: W and Wᵀ differ in norm
    return ({"gaussian": deep, "square": square, "shrinking": [0.5 * Q for Q in Qs], "growing": [3.0 * Q for Q in Qs]},
            np.array([1.0, -2.0]))


def _figure(submission, nets, g):
    got = call(function(submission, "plot_gradient_norms"), nets, g)
    expect_figure(got)
    if len(got.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(got.axes)} axes; expected one.")
    return got.axes[0]


def test_one_line_per_network_with_labels(submission):
    """one line per network, labelled with the network's name"""
    nets, g = _nets()
    ax = _figure(submission, nets, g)
    labels = [line.get_label() for line in ax.lines]
    if len(ax.lines) != len(nets):
        fail(f"Called {last_call()}; the axes have {len(ax.lines)} lines {labels}; expected one per network ({len(nets)}).")
    if sorted(labels) != sorted(nets):
        fail(f"Called {last_call()}; the lines are labelled {labels}; expected the networks' names {sorted(nets)} "
             "(ax.semilogy(..., label=name)).")
    close_figures()


def test_values_are_backprop_norms(submission):
    """each line is ‖g‖, ‖W_Lᵀg‖, ‖W_(L−1)ᵀW_Lᵀg‖, ... at x = 0, ..., L (non-square layers)"""
    nets, g = _nets()
    ax = _figure(submission, nets, g)
    for line in ax.lines:
        name = line.get_label()
        if name not in nets:
            continue
        W = nets[name]
        x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
        want = _norms(W, g)
        L = len(W)
        if len(y) == L and np.allclose(y, want[1:], rtol=1e-10):
            fail(f"Line {name!r} has the {L} norms after each layer but not ‖g‖ itself at x = 0: record the norm "
                 "before the first product too (L + 1 values).")
        if len(y) != L + 1:
            fail(f"Line {name!r} has {len(y)} points; expected L + 1 = {L + 1} (‖g‖ and one norm after each layer).")
        if not np.array_equal(x, np.arange(L + 1)):
            fail(f"Line {name!r} has x-values {show(x)}; expected 0, 1, ..., {L} (layers sent back through).")
        if not np.allclose(y, want, rtol=1e-10, atol=0):
            if True:
                with np.errstate(all="ignore"):
                    for t, r, why in ((True, False, "from the FIRST layer: backprop starts at the output, "
                                       "for W in reversed(weights)"),
                                      (False, True, "by W instead of W.T: the chain rule sends the gradient back by "
                                       "the TRANSPOSED Jacobian, g <- W.T @ g"),
                                      (False, False, "by W instead of W.T and from the first layer: use "
                                       "g <- W.T @ g for W in reversed(weights)")):
                        try:
                            cand = _norms(W, g, transpose=t, reverse=r)
                        except ValueError:
                            continue
                        if np.allclose(y, cand, rtol=1e-10):
                            fail(f"Line {name!r} is {show(y)}, expected {show(want)}: you multiplied {why}.")
            fail(f"Line {name!r} has y-values {show(y)}; expected the backpropagated norms {show(want)}: "
                 "g <- W.T @ g for W in reversed(weights), recording np.linalg.norm(g) each time (the 2-norm).")
    close_figures()


def test_orthogonal_scalings(submission):
    """orthogonal layers scaled by s give exactly s^l·‖g‖ (0.5 shrinks, 3 grows)"""
    nets, g = _nets()
    ax = _figure(submission, {k: nets[k] for k in ("shrinking", "growing")}, g)
    for line in ax.lines:
        s = 0.5 if line.get_label() == "shrinking" else 3.0
        want = s ** np.arange(5) * np.linalg.norm(g)
        if not np.allclose(np.asarray(line.get_ydata(), dtype=float), want, rtol=1e-12):
            fail(f"Line {line.get_label()!r} is {show(np.asarray(line.get_ydata()))}; expected s^l‖g‖ = {show(want)}.")
    close_figures()


def test_log_axis_and_labels(submission):
    """a logarithmic y-axis, both axes labelled (layers / norm), and a legend"""
    nets, g = _nets()
    ax = _figure(submission, nets, g)
    if ax.get_yscale() != "log":
        fail(f"The y-axis scale is {ax.get_yscale()!r}; the norms change by powers (3⁴ = 81, 0.5⁴ = 0.06): use a "
             "log scale, ax.semilogy(...) or ax.set_yscale('log').")
    if "layer" not in ax.get_xlabel().lower():
        fail(f"The x-axis label is {ax.get_xlabel()!r}; it should mention the layers.")
    if "norm" not in ax.get_ylabel().lower():
        fail(f"The y-axis label is {ax.get_ylabel()!r}; it should mention the (gradient) norm.")
    if ax.get_legend() is None:
        fail("The axes have no legend: call ax.legend() so the networks can be told apart.")
    close_figures()


def test_single_network_single_layer(submission):
    """one network of one non-square layer: two points, ‖g‖ and ‖W_1ᵀ g‖"""
    W = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]])  # (2, 3): maps R³ to R²
    g = np.array([3.0, 4.0])
    ax = _figure(submission, {"one": [W]}, g)
    if len(ax.lines) != 1:
        fail(f"Called {last_call()}; {len(ax.lines)} lines for one network.")
    y = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    want = np.array([5.0, np.linalg.norm(W.T @ g)])
    if y.shape != (2,) or not np.allclose(y, want, rtol=1e-12):
        fail(f"Called {last_call()}; the line is {show(y)}; expected {show(want)} (‖g‖, then ‖W_1ᵀ g‖).")
    close_figures()
