"""Hidden tests of exercise 10.6 — hessian_eigenvalues(X) and plot_gd_losses(X, y, factors, n_steps); the figure is
graded on its data, scale and labels."""

import importlib.util
import os

import numpy as np
import pytest

from la4ml.course.grading import (call, close_figures, counting, expect_figure, fail, function, is_instance, last_call,
                                  show)

FACTORS = (0.5, 1.0, 1.9, 2.05)


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _diabetes():
    """scikit-learn's diabetes data, standardized (zero mean, unit variance per feature), target centred: read from
    the files scikit-learn ships, without importing it (load_diabetes scales the same raw file)."""
    folder = os.path.join(importlib.util.find_spec("sklearn").submodule_search_locations[0], "datasets", "data")
    X = np.loadtxt(os.path.join(folder, "diabetes_data_raw.csv.gz"))
    y = np.loadtxt(os.path.join(folder, "diabetes_target.csv.gz"))
    return (X - X.mean(axis=0)) / X.std(axis=0), y - y.mean()


def _synthetic(seed=0, n=40, d=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) @ np.diag([3.0, 1.0, 0.3])
    return X, X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.standard_normal(n)


def _repeated_spectrum():
    """A design matrix whose Hessian has three repeated eigenvalues (equal-variance pairs of directions)."""
    rng = np.random.default_rng(121)
    U, _ = np.linalg.qr(rng.standard_normal((20, 6)))
    V, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    return U * np.array([1.0, 1.0, 2.0, 2.0, 3.0, 3.0]) @ V.T


def reference_losses(X, y, c, n_steps, *, grad_factor=2.0, lam=None):
    n = len(X)
    lam = np.linalg.eigvalsh(2 / n * X.T @ X)[-1] if lam is None else lam
    w = np.zeros(X.shape[1])
    out = []
    for step in range(n_steps + 1):
        r = X @ w - y
        out.append(np.mean(r**2))
        if step < n_steps:
            w = w - (c / lam) * (grad_factor / n) * (X.T @ r)
    return np.array(out)


# ------------------------------------------------------------------------------------------ hessian_eigenvalues


def _eigs(submission, X):
    X = np.array(X, dtype=float)
    got = call(function(submission, "hessian_eigenvalues"), X)
    expected = np.linalg.eigvalsh(2 / len(X) * X.T @ X)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected a NumPy array.")
    if got.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {expected.shape}: one eigenvalue per "
             "FEATURE — the Hessian is XᵀX (n_features × n_features), not XXᵀ.")
    if np.iscomplexobj(got):
        fail(f"Called {last_call()}; the result has dtype {got.dtype}: np.linalg.eig does not know the Hessian is "
             "symmetric and can return complex numbers with tiny imaginary parts (as here, where eigenvalues repeat). "
             "Use np.linalg.eigvalsh: real eigenvalues, in ascending order.")
    scale = max(abs(expected[-1]), 1e-300)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-12 * scale):
        return got
    if np.allclose(np.sort(got), expected, rtol=1e-9, atol=1e-12 * scale):
        fail(f"Called {last_call()}; returned {show(got)}; expected them in ASCENDING order, {show(expected)}: "
             "np.linalg.eig returns eigenvalues in no particular order; np.linalg.eigvalsh sorts them.")
    for factor, what in ((0.5, "without the factor 2 (the Hessian of mean((Xw - y)²) is (2/n) XᵀX)"),
                         (len(X) / 2, "without dividing by n_samples"), (len(X), "of XᵀX itself (times 2/n is missing)"),
                         (len(X) / (len(X) - 1), "with n_samples - 1 instead of n_samples")):
        if np.allclose(got, factor * expected, rtol=1e-9, atol=1e-12 * scale):
            fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: these are the eigenvalues "
                 f"{what}.")
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}, the eigenvalues of "
         "(2 / n_samples) XᵀX.")


def test_eigenvalues_by_hand(submission):
    """X = [[1, 0], [0, 2], [0, 0]]: H = (2/3) diag(1, 4), eigenvalues [2/3, 8/3]"""
    _eigs(submission, [[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])


def test_eigenvalues_real_sorted(submission):
    """a random 40 × 3 design: the eigenvalues are float64 and ascending"""
    got = _eigs(submission, _synthetic()[0])
    if got.dtype != np.float64:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected float64.")


def test_eigenvalues_repeated_stay_real(submission):
    """a Hessian with repeated eigenvalues (0.1, 0.4, 0.9, each twice): real, ascending, exact"""
    _eigs(submission, _repeated_spectrum())


def test_eigenvalues_uses_symmetric_solver(submission):
    """uses a symmetric eigensolver (eigvalsh or eigh), not eig or eigvals"""
    general = ("numpy.linalg.eig", "numpy.linalg.eigvals", "scipy.linalg.eig", "scipy.linalg.eigvals",
               "torch.linalg.eig", "torch.linalg.eigvals")
    with counting(*general) as c:
        _eigs(submission, _repeated_spectrum())
    if c.n:
        used = ", ".join(k for k, v in c.per_target.items() if v)
        fail(f"hessian_eigenvalues called {used}: a general eigensolver does not know that H = (2/n) XᵀX is symmetric, "
             "so it returns eigenvalues in no particular order and, with repeated eigenvalues like these "
             "(0.1, 0.4, 0.9, each twice), sometimes as complex numbers with tiny imaginary parts — sorting does not "
             "fix that. Use np.linalg.eigvalsh(H): real and ascending by construction.")


def test_eigenvalues_rank_deficient_and_wide(submission):
    """a duplicated feature (eigenvalue 0) and a wide X (more features than samples): zeros included"""
    X = _synthetic()[0]
    _eigs(submission, np.column_stack([X, X[:, 0]]))
    _eigs(submission, np.random.default_rng(1).standard_normal((3, 5)))


def test_eigenvalues_scale(submission):
    """X·1e3 and X·1e-3 scale the eigenvalues by 1e6 and 1e-6"""
    X = _synthetic()[0]
    for s in (1e3, 1e-3):
        _eigs(submission, s * X)


# ----------------------------------------------------------------------------------------------- the figure


def _run(submission, X, y, **kwargs):
    got = call(function(submission, "plot_gd_losses"), np.array(X, dtype=float), np.array(y, dtype=float), **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (fig, losses).")
    fig, losses = got
    expect_figure(fig, hint="return fig, losses with fig from plt.subplots()")
    if not isinstance(losses, dict):
        fail(f"Called {last_call()}; losses is a {type(losses).__name__}; expected a dict {{factor: array of losses}}.")
    return fig, losses


def _axes(fig):
    axes = list(fig.axes)
    if not axes:
        fail(f"Called {last_call()}; the figure has no axes; draw with fig, ax = plt.subplots() and ax.plot(...).")
    return axes[0]


def _check_losses(X, y, losses, factors, n_steps):
    lam = np.linalg.eigvalsh(2 / len(X) * X.T @ X)
    if sorted(losses, key=float) != sorted(factors, key=float):
        fail(f"Called {last_call()}; losses has keys {sorted(losses)}; expected one entry per factor, {list(factors)}.")
    for c in factors:
        got = np.asarray(losses[c], dtype=float)
        expected = reference_losses(X, y, c, n_steps)
        if got.shape == (n_steps,) and np.allclose(got, expected[:-1], rtol=1e-9):
            fail(f"Called {last_call()}; losses[{c}] has {n_steps} values; expected {n_steps + 1}: the loss before each "
                 "of the n_steps steps AND after the last one.")
        if got.shape == (n_steps,) and np.allclose(got, expected[1:], rtol=1e-9):
            fail(f"Called {last_call()}; losses[{c}] starts after the first step; expected {n_steps + 1} values, "
                 "starting with the loss at w = 0.")
        if got.shape != expected.shape:
            fail(f"Called {last_call()}; losses[{c}] has shape {got.shape}; expected {expected.shape} (n_steps + 1).")
        if np.allclose(got, expected, rtol=1e-9):
            continue
        mistakes = {
            "a learning rate of c·λ_max instead of c/λ_max": reference_losses(X, y, c * lam[-1] ** 2, n_steps),
            "a gradient without the factor 2 (the gradient of mean((Xw - y)²) is (2/n) Xᵀ(Xw - y))":
                reference_losses(X, y, c, n_steps, grad_factor=1.0),
            "λ_min (the FIRST eigenvalue from eigvalsh) instead of λ_max (the last)":
                reference_losses(X, y, c, n_steps, lam=lam[0]),
            "the sum of squared errors instead of the mean": len(X) * expected,
        }
        for what, value in mistakes.items():
            with np.errstate(all="ignore"):
                if np.allclose(got, value, rtol=1e-9, equal_nan=True):
                    fail(f"Called {last_call()}; losses[{c}] = {show(got)} matches {what}; expected {show(expected)}.")
        k = int(np.argmax(~np.isclose(got, expected, rtol=1e-9)))
        fail(f"Called {last_call()}; losses[{c}][{k}] = {got[k]:.10g}; expected {expected[k]:.10g} (losses[{c}] should "
             f"be {show(expected)}).")


def _check_figure(fig, losses, factors, n_steps):
    ax = _axes(fig)
    lines = list(ax.lines)
    if len(lines) != len(factors):
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s); expected {len(factors)}, one per factor.")
    for c in factors:
        labelled = [ln for ln in lines if str(c) in ln.get_label()]
        if not labelled:
            fail(f"Called {last_call()}; no line's label mentions the factor {c} (labels: "
                 f"{[ln.get_label() for ln in lines]}); label each line, e.g. label=f'lr = {{c}}/λ_max'.")
        xy = np.asarray(labelled[0].get_xydata(), dtype=float)
        expected = np.asarray(losses[c], dtype=float)
        if xy.shape != (n_steps + 1, 2) or not np.allclose(xy[:, 1], expected, rtol=1e-9):
            fail(f"Called {last_call()}; the line labelled {labelled[0].get_label()!r} plots {show(xy[:, 1])}; expected "
                 f"the losses of factor {c}, {show(expected)}.")
        if not np.array_equal(xy[:, 0], np.arange(n_steps + 1)):
            fail(f"Called {last_call()}; the line for factor {c} has x values {show(xy[:, 0])}; expected the steps "
                 f"0, 1, …, {n_steps}.")
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y axis is {ax.get_yscale()!r}; use ax.set_yscale('log'): the losses span many "
             "orders of magnitude, and a geometric rate is a straight line on a log scale.")
    if not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
        fail(f"Called {last_call()}; the axis labels are {ax.get_xlabel()!r} and {ax.get_ylabel()!r}; label both "
             "(step, loss).")
    legend = ax.get_legend()
    if legend is None or not is_instance(legend, "matplotlib.legend.Legend"):
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend() after plotting the labelled lines.")


def test_losses_synthetic(submission):
    """on a synthetic 40 × 3 problem: losses[c] has n_steps + 1 values, equal to gradient descent at lr = c/λ_max"""
    X, y = _synthetic()
    fig, losses = _run(submission, X, y, factors=FACTORS, n_steps=30)
    _check_losses(X, y, losses, FACTORS, 30)


def test_figure_content(submission):
    """the figure: one line per factor with that factor in its label, the losses as y data, steps 0…n as x"""
    X, y = _synthetic(1)
    factors = (0.3, 1.5, 2.5)
    fig, losses = _run(submission, X, y, factors=factors, n_steps=12)
    _check_losses(X, y, losses, factors, 12)
    _check_figure(fig, losses, factors, 12)


def test_log_scale_labels_legend(submission):
    """log-scale y axis, labelled axes and a legend"""
    X, y = _synthetic(2)
    fig, losses = _run(submission, X, y, factors=(1.0,), n_steps=5)
    _check_figure(fig, losses, (1.0,), 5)


def test_defaults_on_diabetes(submission):
    """on the standardized diabetes data with the defaults (factors 0.5, 1, 1.9, 2.05; 100 steps): exact losses,
    the three below 2 decreasing and 2.05 diverging"""
    X, y = _diabetes()
    fig, losses = _run(submission, X, y)
    _check_losses(X, y, losses, FACTORS, 100)
    _check_figure(fig, losses, FACTORS, 100)
    for c in (0.5, 1.0, 1.9):
        if not np.all(np.diff(losses[c]) < 0):
            fail(f"losses[{c}] does not decrease at every step; below 2/λ_max every step must lower the loss.")
    if not losses[2.05][-1] > 1e3 * losses[2.05][0]:
        fail("losses[2.05] does not blow up; above 2/λ_max the error along the top eigenvector grows by |1 - 2.05| "
             "per step.")
