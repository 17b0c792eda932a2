"""Hidden tests of exercise 20.6 — plot_distance_ratios(X, ks, eps=0.3, random_state=0, bins=40); graded on content."""

import numpy as np
import pytest
from sklearn.random_projection import SparseRandomProjection

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call
from la4ml.course.testdata import load_digits

X_DIGITS = load_digits().data[:50]


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _ratios(X, k, random_state=0, mode="right"):
    i, j = np.triu_indices(len(X), 1)
    dx = ((X[i] - X[j]) ** 2).sum(1)
    keep = dx > 0
    Y = SparseRandomProjection(n_components=k, random_state=random_state).fit_transform(X)
    dy = ((Y[i] - Y[j]) ** 2).sum(1)
    if mode == "plain":
        return np.sqrt(dy[keep] / dx[keep])
    return dy[keep] / dx[keep]


def _draw(submission, X, ks, **kwargs):
    f = function(submission, "plot_distance_ratios")
    fig = expect_figure(call(f, X, ks, **kwargs))
    axes = list(fig.axes)
    if len(axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected one axes holding every histogram.")
    return axes[0]


def _histograms(ax, n_expected):
    containers = [c for c in ax.containers if is_instance(c, "matplotlib.container.BarContainer")]
    if len(containers) != n_expected:
        fail(f"Called {last_call()}; the axes holds {len(containers)} bar histograms; expected {n_expected}, one "
             "ax.hist(ratios, bins=bins, label=...) per k (the default histtype='bar').")
    return containers


def _check_counts(container, ratios, bins, k, alt_ratios=None):
    heights = np.asarray(container.datavalues, dtype=float)
    if heights.size != bins:
        fail(f"Called {last_call()}; the histogram for k = {k} has {heights.size} bars; expected bins = {bins}.")
    if np.isclose(heights.sum(), 1.0) or heights.sum() < 0.5 * ratios.size:
        fail(f"Called {last_call()}; the bars of the histogram for k = {k} add up to {heights.sum():.4g}; expected the "
             f"number of pairs, {ratios.size}: plot counts (density=False, the default).")
    counts, edges = np.histogram(ratios, bins=bins)
    if np.array_equal(heights, counts):
        first, last = container.patches[0], container.patches[-1]
        span = (float(first.get_x()), float(last.get_x()) + float(last.get_width()))
        if not np.allclose(span, (edges[0], edges[-1]), rtol=1e-9):
            fail(f"Called {last_call()}; the histogram for k = {k} spans [{span[0]:.4g}, {span[1]:.4g}]; expected "
                 f"[{edges[0]:.4g}, {edges[-1]:.4g}], the range of ‖y_i − y_j‖² / ‖x_i − x_j‖². The shape is right but "
                 "every ratio is scaled by a constant: sum the squared differences over the features (.sum(axis=1), "
                 "not .mean) on both sides, and divide projected by original.")
        return
    n = int(round(heights.sum()))
    if n != ratios.size:
        fail(f"Called {last_call()}; the histogram for k = {k} counts {n} values; expected {ratios.size}, one per pair "
             "i < j of distinct points (np.triu_indices(n, 1); not the diagonal, not both orders).")
    plain, _ = np.histogram(np.sqrt(ratios), bins=bins)
    if np.array_equal(heights, plain):
        fail(f"Called {last_call()}; the histogram for k = {k} shows ratios of PLAIN distances; the lemma is about "
             "SQUARED distances: plot ‖y_i − y_j‖² / ‖x_i − x_j‖².")
    if alt_ratios is not None and np.array_equal(heights, np.histogram(alt_ratios, bins=bins)[0]):
        fail(f"Called {last_call()}; the histogram for k = {k} is that of a projection with random_state=0; pass the "
             "function's random_state on: SparseRandomProjection(n_components=k, random_state=random_state).")
    fail(f"Called {last_call()}; the bar heights of the histogram for k = {k} are {heights[:8].astype(int).tolist()}…; "
         f"expected {counts[:8].tolist()}…, the histogram of ‖y_i − y_j‖² / ‖x_i − x_j‖² over the pairs i < j, with "
         f"Y = SparseRandomProjection(n_components={k}, random_state=random_state).fit_transform(X).")


def test_histograms_content(submission):
    """one histogram per k, in order, with the counts of the squared-distance ratios (50 Digits images, ks = [8, 32])"""
    ax = _draw(submission, X_DIGITS, [8, 32])
    for c, k in zip(_histograms(ax, 2), [8, 32]):
        _check_counts(c, _ratios(X_DIGITS, k), 40, k)


def test_arguments_used(submission):
    """bins=15, random_state=3 and ks = [20] are used"""
    ax = _draw(submission, X_DIGITS, [20], random_state=3, bins=15, eps=0.5)
    (c,) = _histograms(ax, 1)
    _check_counts(c, _ratios(X_DIGITS, 20, random_state=3), 15, 20, alt_ratios=_ratios(X_DIGITS, 20, random_state=0))


def test_duplicates_skipped(submission):
    """two identical images: their pair (distance 0) is left out; a pair at squared distance 1 is kept"""
    near = X_DIGITS[1].copy()
    near[0] += 1.0                                  # one pixel brighter by 1: squared distance 1 to image 1
    X = np.vstack([X_DIGITS[:30], X_DIGITS[:1], near])
    ax = _draw(submission, X, [16])
    (c,) = _histograms(ax, 1)
    _check_counts(c, _ratios(X, 16), 40, 16)


@pytest.mark.parametrize("eps", [0.3, 0.5])
def test_reference_lines(submission, eps):
    """two dashed vertical lines at 1 − eps and 1 + eps (eps = 0.3 by default, and 0.5)"""
    ax = _draw(submission, X_DIGITS[:20], [8]) if eps == 0.3 else _draw(submission, X_DIGITS[:20], [8], eps=eps)
    xs = []
    for line in ax.lines:
        data = np.asarray(line.get_xdata(), dtype=float)
        if data.size >= 2 and np.all(data == data[0]):
            xs.append((float(data[0]), line.get_linestyle()))
    positions = sorted(x for x, _ in xs)
    if len(xs) != 2 or not np.allclose(positions, [1 - eps, 1 + eps], atol=1e-12):
        fail(f"Called {last_call()}; the vertical lines are at {positions}; expected exactly two, at 1 − eps = {1 - eps:g} "
             f"and 1 + eps = {1 + eps:g} (ax.axvline(1 - eps), ax.axvline(1 + eps)).")
    if any(style not in ("--", "dashed") for _, style in xs):
        fail(f"Called {last_call()}; the vertical lines have styles {[s for _, s in xs]}; expected dashed lines "
             "(linestyle='--').")


def test_labels_and_legend(submission):
    """the x label says ratio of squared distances, the y label is set, the legend names each k"""
    ax = _draw(submission, X_DIGITS[:20], [8, 16])
    xl = ax.get_xlabel().lower()
    if "ratio" not in xl or "squared" not in xl:
        fail(f"Called {last_call()}; the x label is {ax.get_xlabel()!r}; it should say that the values are ratios of "
             "squared distances (e.g. 'ratio of squared distances (projected / original)').")
    if not ax.get_ylabel().strip():
        fail(f"Called {last_call()}; the y axis has no label; say what the bars count (e.g. 'number of pairs').")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend() after labelling each histogram.")
    texts = [t.get_text() for t in legend.get_texts()]
    for k in (8, 16):
        if not any(str(k) in t for t in texts):
            fail(f"Called {last_call()}; the legend reads {texts}; expected a label naming k = {k} for its histogram.")
