"""Hidden tests of exercise 19.6 — svm_on_circles(n_samples=200, noise=0.1, gamma=1.0, random_state=0)."""

import numpy as np
from sklearn.svm import SVC

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show
from la4ml.course.testdata import make_circles, train_test_split


def _reference(n_samples=200, noise=0.1, gamma=1.0, random_state=0):
    X, y = make_circles(n_samples=n_samples, noise=noise, factor=0.4, random_state=random_state)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=random_state)
    lin = SVC(kernel="linear").fit(X_tr, y_tr)
    rbf = SVC(kernel="rbf", gamma=gamma).fit(X_tr, y_tr)
    return X, y, (X_tr, y_tr, X_te, y_te), lin, rbf


def _run(submission, **kw):
    got = call(function(submission, "svm_on_circles"), **kw)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (fig, acc_linear, acc_rbf).")
    fig, a_lin, a_rbf = got
    expect_figure(fig, hint="return fig, acc_linear, acc_rbf")
    return fig, a_lin, a_rbf


def _check_accuracies(submission, **kw):
    try:
        fig, a_lin, a_rbf = _run(submission, **kw)
        _verify_accuracies(a_lin, a_rbf, kw)
    finally:
        close_figures()


def _verify_accuracies(a_lin, a_rbf, kw):
    X, y, (X_tr, y_tr, X_te, y_te), lin, rbf = _reference(**kw)
    want = (float(lin.score(X_te, y_te)), float(rbf.score(X_te, y_te)))
    got = (a_lin, a_rbf)
    for v in got:
        if not isinstance(v, (float, np.floating)):
            fail(f"Called {last_call()}; the accuracies are {show(got)}; expected two floats.")
    if np.allclose(got, want, rtol=0, atol=1e-12):
        return
    train = (float(lin.score(X_tr, y_tr)), float(rbf.score(X_tr, y_tr)))
    if np.allclose(got, train, rtol=0, atol=1e-12):
        fail(f"Called {last_call()}; returned accuracies {show(got)}: those are the TRAINING accuracies. Score each "
             f"model on the test part (model.score(X_test, y_test)): expected {show(want)}.")
    if np.allclose(got, want[::-1], rtol=0, atol=1e-12):
        fail(f"Called {last_call()}; returned acc_linear = {a_lin}, acc_rbf = {a_rbf}: swapped. Return "
             "fig, acc_linear, acc_rbf in that order.")
    if np.allclose(got, 100 * np.asarray(want), rtol=0, atol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)}: percentages. Return fractions between 0 and 1.")
    scale_rbf = SVC(kernel="rbf").fit(X_tr, y_tr).score(X_te, y_te)
    if np.isclose(a_lin, want[0]) and np.isclose(a_rbf, scale_rbf) and not np.isclose(scale_rbf, want[1]):
        fail(f"Called {last_call()}; acc_rbf = {a_rbf} is the accuracy of SVC(kernel='rbf') with its default gamma "
             f"('scale'); pass gamma=gamma (here {kw.get('gamma', 1.0)}): expected {want[1]}.")
    if "gamma" not in kw and np.isclose(a_lin, want[0]):
        fail(f"Called {last_call()}; acc_rbf = {a_rbf}; expected {want[1]}, the accuracy of SVC(kernel='rbf', "
             "gamma=1.0): gamma was not passed, so its default must be 1.0 (and it must reach the SVC).")
    fail(f"Called {last_call()}; returned accuracies {show(got)}; expected (linear, rbf) test accuracies {show(want)} "
         "(SVC(kernel='linear') and SVC(kernel='rbf', gamma=gamma) fitted on X_train, scored on X_test).")


def test_other_gamma_and_seed(submission):
    """gamma=0.05, random_state=3, n_samples=150, noise=0.15: the test accuracies (gamma must reach the RBF SVC)"""
    _check_accuracies(submission, n_samples=150, noise=0.15, gamma=0.05, random_state=3)


def test_default_gamma(submission):
    """n_samples=200, noise=0.25, random_state=3 with the default gamma = 1.0: the test accuracies"""
    _check_accuracies(submission, n_samples=200, noise=0.25, random_state=3)


def _axes(fig):
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    if len(axes) != 2:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected 2 side by side (linear, then RBF).")
    return axes


def _check_size(fig):
    w, h = (float(v) for v in fig.get_size_inches())
    if w < 2 or h < 2:
        fail(f"Called {last_call()}; the figure is {w:g} × {h:g} inches: too small to read. Use e.g. "
             "plt.subplots(1, 2, figsize=(10, 4.8)).")


def _check_scatter(fig, X, y):
    for name, ax in zip(("linear", "RBF"), _axes(fig)):
        scatters = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
        if not scatters:
            fail(f"Called {last_call()}; the {name} panel has no scatter; draw ax.scatter(X[:, 0], X[:, 1], c=y).")
        ok = False
        for sc in scatters:
            pts = np.asarray(sc.get_offsets(), dtype=float)
            if pts.shape == X.shape and np.allclose(np.sort(pts, axis=0), np.sort(X, axis=0)):
                colours = sc.get_array()
                if colours is None or len(np.asarray(colours)) != len(X):
                    fail(f"Called {last_call()}; the {name} panel's scatter has all points but is not coloured by "
                         "class: pass c=y.")
                sizes = np.asarray(sc.get_sizes(), dtype=float)
                if sizes.size == 0 or np.any(sizes <= 0):
                    fail(f"Called {last_call()}; the {name} panel's scatter has marker size {show(sizes)}: the points "
                         "are invisible. Leave s at its default or give a positive size.")
                order = np.lexsort(pts.T[::-1])
                ref = np.lexsort(X.T[::-1])
                if not np.array_equal(np.asarray(colours, dtype=float)[order], y[ref].astype(float)):
                    fail(f"Called {last_call()}; the {name} panel's scatter colours do not follow the class labels y.")
                ok = True
        if not ok:
            sizes = [len(sc.get_offsets()) for sc in scatters]
            fail(f"Called {last_call()}; the {name} panel's scatters have {sizes} points; expected one with all "
                 f"{len(X)} points of X (training and test), so the boundary can be judged against all the data.")


def _check_boundaries(fig, lin, rbf):
    for name, ax, model in zip(("linear", "RBF"), _axes(fig), (lin, rbf)):
        sets = [c for c in ax.collections if is_instance(c, "matplotlib.contour.ContourSet")]
        sets = [c for c in sets if 0.0 in [float(v) for v in c.levels]]
        if not sets:
            fail(f"Called {last_call()}; the {name} panel has no contour at level 0; draw "
                 "ax.contour(g1, g2, model.decision_function(grid).reshape(g1.shape), levels=[0]).")
        verts = [np.asarray(p.vertices, dtype=float) for c in sets for p in c.get_paths()]
        verts = [v for v in verts if len(v)]
        if not verts:
            fail(f"Called {last_call()}; the {name} panel's zero contour is empty: check the decision_function values.")
        V = np.vstack(verts)
        if name == "RBF" and (np.ptp(V[:, 0]) < 1.0 or np.ptp(V[:, 1]) < 1.0):
            fail(f"Called {last_call()}; the RBF panel's boundary spans only {np.ptp(V[:, 0]):.2g} × "
                 f"{np.ptp(V[:, 1]):.2g}; it should surround the inner ring (about 1.4 across). Keep the grid "
                 "of the starter, np.linspace(-1.5, 1.5, 150) in both directions, so it covers the data.")
        dec = model.decision_function(V)
        spread = np.abs(model.decision_function(np.random.default_rng(0).uniform(-1.5, 1.5, (500, 2)))).max()
        if np.median(np.abs(dec)) > 0.05 * spread:
            fail(f"Called {last_call()}; the {name} panel's level-0 contour is not where the {name} SVM's decision "
                 "function is zero: draw each panel with its own model's decision_function.")


def _check_titles(fig, X_te, y_te, lin, rbf):
    for name, ax, model in zip(("linear", "rbf"), _axes(fig), (lin, rbf)):
        title = ax.get_title()
        acc = f"{model.score(X_te, y_te):.2f}"
        if name not in title.lower() or acc not in title:
            fail(f"Called {last_call()}; a panel's title is {title!r}; expected the kernel's name and its test "
                 f"accuracy to two decimals, like '{name}: {acc}'.")
        xl, yl = ax.get_xlabel(), ax.get_ylabel()
        if "x" not in xl.lower() or "1" not in xl or "x" not in yl.lower() or "2" not in yl:
            fail(f"Called {last_call()}; the {name} panel's axis labels are {xl!r} and {yl!r}; expected 'x1' and 'x2'.")


def test_figure(submission):
    """with the defaults: the test accuracies, and a figure of two panels, each with all points coloured by class, its own model's boundary (level 0), a title with the test accuracy, labels x1 and x2"""
    X, y, (X_tr, y_tr, X_te, y_te), lin, rbf = _reference()
    try:
        fig, a_lin, a_rbf = _run(submission)
        _verify_accuracies(a_lin, a_rbf, {})
        _check_size(fig)
        _check_scatter(fig, X, y)
        _check_boundaries(fig, lin, rbf)
        _check_titles(fig, X_te, y_te, lin, rbf)
    finally:
        close_figures()
