"""Hidden tests of exercise 13.4 — two_group_labels and the colored scatter of the 2D projection."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _data(n=100, noise=0.1, seed=0):
    Z = np.random.default_rng(seed).standard_normal((n, 5))
    X = Z.copy()
    X[:, 1] = Z[:, 0] + noise * Z[:, 1]
    X[:, 2] = Z[:, 0] + noise * Z[:, 2]
    return X


def _projected(X):
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2).fit(X)
    return pca.transform(X), pca.explained_variance_ratio_


def _check_labels(submission, X):
    X = np.array(X, dtype=float)
    X0 = X.copy()
    got = call(function(submission, "two_group_labels"), X)
    expected = (X[:, 0] > 0).astype(int)
    arr = np.asarray(got)
    if arr.shape != expected.shape:
        fail(f"Called {last_call()}; returned shape {arr.shape}; expected ({len(X)},), one label per sample.")
    if arr.dtype.kind not in "iu":
        fail(f"Called {last_call()}; returned an array of dtype {arr.dtype}; expected integers 0 and 1 "
             "(convert the booleans with .astype(int)).")
    if not np.array_equal(X, X0):
        fail(f"Called {last_call()}; your function changed X.")
    if not np.array_equal(arr, expected):
        i = int(np.argmax(arr != expected))
        hint = ""
        if X[i, 0] == 0:
            hint = " A first feature of exactly 0 is NOT positive: use >, not >=."
        elif np.array_equal(arr, 1 - expected):
            hint = " The groups are swapped: 1 means the first feature is positive."
        elif np.array_equal(arr, (X[:, -1] > 0).astype(int)) or np.array_equal(arr[: X.shape[1]], (X[0] > 0).astype(int)):
            hint = " Use the FIRST COLUMN, X[:, 0]."
        fail(f"Called {last_call()}; label {i} is {arr[i]} for a first feature {float(X[i, 0])!r}; expected {expected[i]}.{hint}")


def test_labels_default_data(submission):
    """the labels of exercise 13.3's data: 1 where the first feature is positive"""
    _check_labels(submission, _data())


def test_labels_ties_and_shapes(submission):
    """a first feature of exactly 0 gets 0 (strictly positive only); works for 3 features and 1 feature"""
    _check_labels(submission, np.array([[0.0, 5.0, 1.0], [1e-300, -1.0, 2.0], [-1e-300, 3.0, 3.0], [2.0, -2.0, 0.0]]))
    _check_labels(submission, np.array([[3.0], [-2.0], [0.0]]))


def _plot(submission, Y, labels, ratio):
    got = call(function(submission, "plot_two_groups"), np.array(Y, float), np.array(labels), np.array(ratio, float))
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    axes = list(fig.axes)
    if len(axes) not in (1, 2):
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected one plot (and its colorbar).")
    scatters = [(a, c) for a in axes for c in a.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    if len(scatters) != 1:
        fail(f"Called {last_call()}; the figure holds {len(scatters)} scatter plot(s); expected exactly one "
             "ax.scatter(X_2d[:, 0], X_2d[:, 1], c=labels, ...) colored by the labels.")
    ax, sc = scatters[0]
    pts = np.asarray(sc.get_offsets(), dtype=float)
    Y = np.asarray(Y, float)
    if pts.shape != Y.shape or not np.allclose(pts, Y, rtol=0, atol=1e-12 * np.abs(Y).max()):
        hint = ""
        if pts.shape == Y.shape and np.allclose(pts, Y[:, ::-1]):
            hint = " The axes are swapped: PC1 (column 0) goes on the horizontal axis."
        fail(f"Called {last_call()}; the scatter's points are not (X_2d[:, 0], X_2d[:, 1]) in order.{hint}")
    colors = sc.get_array()
    if colors is None:
        fail(f"Called {last_call()}; the scatter has no color values; pass c=labels so the colors come from the labels "
             "through a colormap.")
    colors = np.asarray(colors, dtype=float)
    if colors.shape != (len(Y),) or not np.array_equal(colors, np.asarray(labels, float)):
        fail(f"Called {last_call()}; the scatter's color values are {show(colors)}; expected the labels {show(labels)}.")
    return fig, ax, sc


def test_plot_points_and_colors(submission):
    """one scatter of the 2D scores of 13.3's data, PC1 horizontal, colored by the labels"""
    X = _data()
    Y, ratio = _projected(X)
    _plot(submission, Y, (X[:, 0] > 0).astype(int), ratio)


def test_plot_other_data(submission):
    """another projection (30 points, other labels): the plot uses its arguments"""
    rng = np.random.default_rng(3)
    Y = rng.standard_normal((30, 2)) * [4.0, 0.5]
    labels = (rng.uniform(size=30) > 0.3).astype(int)
    _plot(submission, Y, labels, np.array([0.7, 0.2]))


@pytest.mark.parametrize("ratio", [(0.5318, 0.2411), (0.98765, 0.00049)], ids=["typical", "tiny-second"])
def test_plot_axis_labels(submission, ratio):
    """the axis labels give the shares in percent with one decimal: "PC1 (53.2% of the variance)" """
    X = _data()
    Y, _ = _projected(X)
    _, ax, _ = _plot(submission, Y, (X[:, 0] > 0).astype(int), np.array(ratio))
    for axis, got, r, name in (("x", ax.get_xlabel(), ratio[0], "PC1"), ("y", ax.get_ylabel(), ratio[1], "PC2")):
        expected = f"{name} ({r:.1%} of the variance)"
        if got.strip() != expected:
            hint = ""
            if f"{r:.3f}" in got or f"{r:.1f}" in got or f"{r:.4f}" in got:
                hint = " Use the format {ratio[0]:.1%}: it multiplies by 100 and appends %."
            elif name == "PC1" and f"{ratio[1]:.1%}" in got:
                hint = " That is PC2's share on the PC1 axis."
            fail(f"Called {last_call()}; the {axis} label is {got!r}; expected {expected!r}.{hint}")


def test_plot_colorbar(submission):
    """a colorbar of the scatter, labelled "group" """
    X = _data()
    Y, ratio = _projected(X)
    fig, ax, sc = _plot(submission, Y, (X[:, 0] > 0).astype(int), ratio)
    cb = sc.colorbar
    if cb is None:
        fail(f"Called {last_call()}; the scatter has no colorbar; add fig.colorbar(sc, ax=ax, label='group') with sc "
             "the value ax.scatter returned.")
    label = cb.ax.get_ylabel() or cb.ax.get_xlabel()
    if label.strip() != "group":
        fail(f"Called {last_call()}; the colorbar's label is {label!r}; expected 'group'.")
