"""Hidden tests of exercise 13.5 — Iris reduced to 2D (raw and standardized) and its scatter by species."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show

NAMES = ["setosa", "versicolor", "virginica"]


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _expected(standardize):
    from sklearn.datasets import load_iris
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    data = load_iris()
    X = StandardScaler().fit_transform(data.data) if standardize else data.data
    pca = PCA(n_components=2).fit(X)
    return pca.transform(X), data.target, pca.explained_variance_ratio_, pca, data.data


def _check_iris(submission, standardize):
    kwargs = {} if standardize is None else {"standardize": standardize}
    got = call(function(submission, "iris_2d"), **kwargs)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (X_2d, y, explained_variance_ratio).")
    try:
        Y, y, ratio = (np.asarray(g, dtype=float) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected three arrays of numbers.")
    exp_Y, exp_y, exp_ratio, pca, raw = _expected(bool(standardize))
    other_ratio = _expected(not standardize)[2]
    if y.shape != (150,) or not np.array_equal(y, exp_y):
        fail(f"Called {last_call()}; y is {show(y)}; expected the species load_iris().target (150 labels 0, 1, 2).")
    if ratio.shape != (2,) or not np.allclose(ratio, exp_ratio, rtol=1e-9, atol=0):
        hint = ""
        if ratio.shape == (2,) and np.allclose(ratio, other_ratio, rtol=1e-9):
            hint = (" Those are the ratios of the STANDARDIZED data; standardize only when standardize is true (the "
                    "default is False)." if not standardize else
                    " Those are the ratios of the RAW data; with standardize=True apply StandardScaler first.")
        elif ratio.shape == (2,) and np.allclose(ratio, pca.explained_variance_, rtol=1e-9):
            hint = " Those are the variances (explained_variance_); return explained_variance_ratio_."
        fail(f"Called {last_call()}; explained_variance_ratio is {show(ratio)}; expected {show(exp_ratio)}.{hint}")
    if Y.shape != (150, 2):
        fail(f"Called {last_call()}; X_2d has shape {Y.shape}; expected (150, 2).")
    signs = np.sign(np.sum(Y * exp_Y, axis=0))
    signs[signs == 0] = 1
    tol = 1e-9 * np.abs(exp_Y).max()
    if not np.allclose(Y, exp_Y * signs, rtol=0, atol=tol):
        hint = ""
        if np.allclose(np.abs(Y), np.abs(exp_Y / np.sqrt(pca.explained_variance_)), atol=tol):
            hint = " Yours are whitened (each column has variance 1); use PCA(n_components=2) without whiten."
        elif standardize:
            from sklearn.decomposition import PCA

            Z1 = (raw - raw.mean(axis=0)) / raw.std(axis=0, ddof=1)
            Y1 = PCA(2).fit_transform(Z1)
            if np.allclose(np.abs(Y), np.abs(Y1), atol=tol):
                hint = (" You divided by the SAMPLE standard deviation (ddof=1); StandardScaler uses ddof=0, which makes "
                        "the scores √(150/149) times larger.")
            elif np.allclose(np.abs(Y), np.abs((raw - pca.mean_) @ pca.components_.T), atol=tol):
                hint = " You transformed the RAW data with a PCA fitted on the standardized data; transform what you fitted."
        fail(f"Called {last_call()}; X_2d is not PCA(n_components=2)'s transform of the "
             f"{'standardized' if standardize else 'raw'} Iris data (up to the sign of each column).{hint}")
    return Y, y, ratio


def test_iris_raw_default(submission):
    """iris_2d() with its default (no standardizing): scores, species and ratios (92.5%, 5.3%) as scikit-learn's"""
    _check_iris(submission, None)


def test_iris_raw_explicit(submission):
    """iris_2d(standardize=False) equals the default"""
    _check_iris(submission, False)


def test_iris_standardized(submission):
    """iris_2d(standardize=True): StandardScaler (ddof = 0) first, ratios (73.0%, 22.9%)"""
    _check_iris(submission, True)


def _plot(submission, Y, y, ratio, names):
    got = call(function(submission, "plot_iris_2d"), np.array(Y, float), np.array(y), np.array(ratio, float), list(names))
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    axes = list(fig.axes)
    if len(axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected one.")
    ax = axes[0]
    scatters = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    k = len(names)
    if len(scatters) != k:
        hint = " Draw one ax.scatter per class, so the legend can name each." if len(scatters) == 1 else ""
        fail(f"Called {last_call()}; the axes holds {len(scatters)} scatter plot(s); expected {k}, one per class.{hint}")
    for j, sc in enumerate(scatters):
        pts = np.asarray(sc.get_offsets(), dtype=float)
        exp = np.asarray(Y, float)[np.asarray(y) == j]
        if pts.shape != exp.shape or not np.allclose(pts, exp, rtol=0, atol=1e-12 * np.abs(Y).max()):
            hint = ""
            if pts.shape == exp.shape and np.allclose(pts, exp[:, ::-1]):
                hint = " The coordinates are swapped: PC1 (column 0) is horizontal."
            fail(f"Called {last_call()}; scatter {j} does not hold the rows of X_2d where y == {j} (class "
                 f"{names[j]!r}), in order.{hint}")
        if sc.get_label() != names[j]:
            fail(f"Called {last_call()}; scatter {j} is labelled {sc.get_label()!r}; expected {names[j]!r} "
                 f"(label=class_names[{j}]).")
    return ax


def test_plot_iris(submission):
    """one scatter per species, in order, with the right points and labels"""
    Y, y, ratio, _, _ = _expected(False)
    _plot(submission, Y, y, ratio, NAMES)


def test_plot_other_classes(submission):
    """other data: 2 classes named "a" and "b", 20 points"""
    rng = np.random.default_rng(2)
    Y = rng.standard_normal((20, 2))
    y = rng.integers(0, 2, 20)
    _plot(submission, Y, y, np.array([0.6, 0.3]), ["a", "b"])


@pytest.mark.parametrize("standardize", [False, True])
def test_plot_axis_labels_and_legend(submission, standardize):
    """axis labels "PC1 (92.5%)" and "PC2 (5.3%)" from the ratios passed in, and a legend"""
    Y, y, ratio, _, _ = _expected(standardize)
    ax = _plot(submission, Y, y, ratio, NAMES)
    for axis, got, r, name in (("x", ax.get_xlabel(), ratio[0], "PC1"), ("y", ax.get_ylabel(), ratio[1], "PC2")):
        expected = f"{name} ({r:.1%})"
        if got.strip() != expected:
            hint = " Format with {ratio[0]:.1%} (percent, one decimal)." if f"{r:.3f}" in got or f"{r:.2f}" in got else ""
            fail(f"Called {last_call()}; the {axis} label is {got!r}; expected {expected!r}.{hint}")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend() after labelling the scatters.")
    texts = [t.get_text() for t in legend.get_texts()]
    if texts != NAMES:
        fail(f"Called {last_call()}; the legend shows {texts}; expected {NAMES}.")
