"""Hidden tests of exercise 13.1 — pca_eig(X, n_components, whiten) from scratch, and plot_first_component(X)."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import (Feedback, blocked, call, close_figures, expect_figure, fail, function, is_instance,
                                  last_call, show)

EPS = np.finfo(float).eps
LIBRARY = ("numpy.linalg.svd", "scipy.linalg.svd", "sklearn.decomposition.PCA", "scipy.sparse.linalg.svds",
           "sklearn.utils.extmath.randomized_svd", "torch.linalg.svd", "torch.pca_lowrank")


@pytest.fixture(autouse=True)
def _close():
    yield
    close_figures()


def _starter_data():
    rng = np.random.default_rng(0)
    return rng.multivariate_normal([2.0, 1.0], [[3.0, 2.0], [2.0, 2.0]], size=50)


def _with_spectrum(n, s, seed, mean):
    """n samples whose centered matrix has exactly the singular values s (so known components V[:, i])."""
    rng = np.random.default_rng(seed)
    M = rng.standard_normal((n, len(s)))
    U = np.linalg.qr(M - M.mean(axis=0))[0]
    Q, R = np.linalg.qr(rng.standard_normal((len(s), len(s))))
    V = Q * np.sign(np.diag(R))
    return (U * np.asarray(s, float)) @ V.T + np.asarray(mean, float), V


def _reference(X):
    """Exact eigenvalues (descending) and eigenvectors (columns) of the sample covariance, plus the mean."""
    X = np.asarray(X, dtype=float)
    lam, V = np.linalg.eigh(np.cov(X, rowvar=False).reshape(X.shape[1], X.shape[1]))
    return lam[::-1], V[:, ::-1], X.mean(axis=0)


def _tol(X, lam):
    n, p = X.shape
    return 1000 * max(n, p) * EPS * max(abs(lam[0]), np.finfo(float).tiny)


def _call_pca(submission, X, k, **kwargs):
    X = np.array(X, dtype=float)
    got = call(function(submission, "pca_eig"), X, k, **kwargs)
    if not isinstance(got, tuple) or len(got) != 4:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of four things, "
             "(components, explained_variance, mean, scores).")
    names = ("components", "explained_variance", "mean", "scores")
    out = []
    for name, value in zip(names, got):
        try:
            out.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(value)}, not an array of numbers.")
    return out


def _check_components(X, k, comps, var, lam, V, *, exact_vectors=True):
    """Components: shape, unit rows, the eigenvectors of the k largest eigenvalues (either sign), with named mistakes."""
    n, p = X.shape
    tol = _tol(X, lam)
    if comps.shape == (p, k) and k != p:
        fail(f"Called {last_call()}; components has shape {comps.shape}; expected ({k}, {p}): one component per ROW. "
             "The eigenvectors are the columns of eigh's V; return them transposed, V[:, order].T.")
    if comps.shape != (k, p):
        fail(f"Called {last_call()}; components has shape {comps.shape}; expected ({k}, {p}) (n_components, n_features).")
    norms = np.linalg.norm(comps, axis=1)
    if not np.allclose(norms, 1, rtol=0, atol=1e-9):
        fail(f"Called {last_call()}; the components have lengths {show(norms)}; expected unit vectors (length 1).")
    if not exact_vectors:
        return
    Vt = V[:, :k].T
    align = np.abs(np.sum(comps * Vt, axis=1))
    gaps = np.array([np.min(np.abs(np.delete(lam, i) - lam[i])) if p > 1 else np.inf for i in range(k)])
    allowed = np.minimum(1e-6, 1e4 * tol / np.maximum(gaps, np.finfo(float).tiny)) ** 2
    bad = 1 - align > np.maximum(allowed, 1e-12)
    if not bad.any():
        return
    i = int(np.argmax(bad))
    lam_raw, V_raw = np.linalg.eigh(np.cov(X, rowvar=False))  # what eigh returns: ascending, columns
    rows = V_raw.T
    hint = ""
    if np.allclose(np.abs(comps), np.abs(V_raw[:k]), atol=1e-8) or np.allclose(np.abs(comps), np.abs(V_raw[::-1][:k]), atol=1e-8):
        hint = (" Your components are ROWS of the matrix that np.linalg.eigh returns; its eigenvectors are its "
                "COLUMNS, V[:, i] (check: C @ V[:, i] equals eigenvalues[i] * V[:, i]).")
    elif np.allclose(np.abs(comps), np.abs(rows[:k]), atol=1e-8):
        hint = (" Your components are the eigenvectors of the SMALLEST eigenvalues: np.linalg.eigh sorts ascending, "
                "so the largest come last — reverse the order.")
    else:
        G = X.T @ X / (n - 1)
        V_unc = np.linalg.eigh(G)[1][:, ::-1][:, :k].T
        if np.allclose(np.abs(comps), np.abs(V_unc), atol=1e-8):
            hint = (" Your components are the eigenvectors of Xᵀ X / (n - 1) — the data was not centered, so the first "
                    "'component' points toward the mean. Subtract X.mean(axis=0) first.")
    fail(f"Called {last_call()}; component {i} is {show(comps[i])}, which is not ± the eigenvector {show(Vt[i])} of the "
         f"covariance matrix for its {i + 1}-th largest eigenvalue {lam[i]:.6g} (|cosine| between them "
         f"{align[i]:.6f}; either sign is fine, the direction is not).{hint}")


def _check_variance(X, k, var, lam, comps=None):
    n, p = X.shape
    tol = _tol(X, lam)
    expected = lam[:k]
    if var.shape != (k,):
        fail(f"Called {last_call()}; explained_variance has shape {var.shape}; expected ({k},).")
    if np.allclose(var, expected, rtol=0, atol=tol):
        return
    if np.allclose(var, expected * (n - 1) / n, rtol=0, atol=tol):
        fail(f"Called {last_call()}; explained_variance is {show(var)}; expected {show(expected)}: yours is (n-1)/n times "
             f"too small. The sample covariance divides by n_samples - 1 = {n - 1}, not by n = {n}.")
    if np.allclose(var, expected * (n - 1), rtol=0, atol=tol * n):
        fail(f"Called {last_call()}; explained_variance is {show(var)}; expected {show(expected)}: yours is n - 1 = "
             f"{n - 1} times too large — the eigenvalues of Xcᵀ Xc, not of the covariance Xcᵀ Xc / (n - 1).")
    if k > 1 and np.allclose(var, np.sort(expected), rtol=0, atol=tol) and not np.allclose(expected, np.sort(expected)):
        fail(f"Called {last_call()}; explained_variance is {show(var)}: ascending. Return the largest first "
             "(np.linalg.eigh sorts ascending; reverse both the eigenvalues and the eigenvector columns).")
    if np.allclose(var, lam[::-1][:k], rtol=0, atol=tol):
        fail(f"Called {last_call()}; explained_variance is {show(var)}, the {k} SMALLEST eigenvalues; expected the largest, "
             f"{show(expected)}: np.linalg.eigh sorts ascending, so they come last.")
    lam_unc = np.linalg.eigvalsh(X.T @ X / (n - 1))[::-1][:k]
    if np.allclose(var, lam_unc, rtol=1e-8):
        fail(f"Called {last_call()}; explained_variance is {show(var)}: the eigenvalues of Xᵀ X / (n - 1) of the "
             f"UNCENTERED data; expected {show(expected)}. Subtract the column means first.")
    fail(f"Called {last_call()}; explained_variance is {show(var)}; expected the {k} largest eigenvalues of the covariance "
         f"matrix, largest first, {show(expected)}.")


def _check_mean(X, mean):
    expected = X.mean(axis=0)
    if mean.shape != expected.shape:
        fail(f"Called {last_call()}; mean has shape {mean.shape}; expected {expected.shape}, one mean per column "
             "(X.mean(axis=0)).")
    if not np.allclose(mean, expected, rtol=1e-12, atol=1e-12 * np.abs(X).max()):
        hint = " That is the mean of each ROW: use axis=0." if np.allclose(mean, X.mean(axis=1)[: len(mean)]) else ""
        fail(f"Called {last_call()}; mean is {show(mean)}; expected the column means {show(expected)}.{hint}")


def _check_scores(X, comps, var, mean, scores, whiten):
    n, p = X.shape
    k = comps.shape[0]
    Xc = X - X.mean(axis=0)
    plain = Xc @ comps.T  # with the learner's own components (and signs)
    expected = plain / np.sqrt(var) if whiten else plain
    if scores.shape != (n, k):
        fail(f"Called {last_call()}; scores has shape {scores.shape}; expected ({n}, {k}) (n_samples, n_components).")
    scale = np.abs(expected).max(axis=0)
    if np.allclose(scores, expected, rtol=0, atol=1e-9 * np.maximum(scale, np.finfo(float).tiny)):
        return
    msg = f"Called {last_call()}; the scores are not (X - mean) @ components.T"
    if whiten:
        msg += " / sqrt(explained_variance)"
    msg += " (computed with your own components)"
    if np.allclose(scores, X @ comps.T / (np.sqrt(var) if whiten else 1.0), rtol=1e-9):
        msg += ": they project the UNCENTERED X; subtract the mean first."
    elif whiten and np.allclose(scores, plain, rtol=1e-9):
        msg += ": with whiten=True each column must be divided by sqrt(explained_variance[i]); yours are not divided."
    elif whiten and np.allclose(scores, plain / var, rtol=1e-9):
        msg += (": yours are divided by the VARIANCE; divide by its square root, the standard deviation, so that "
                "each column ends with variance 1.")
    elif whiten and np.allclose(scores, plain / np.sqrt((n - 1) * var), rtol=1e-9):
        msg += (": yours are divided by the singular values sqrt((n-1)·λ) of Xc; divide by sqrt(λ) so the whitened "
                f"columns have variance 1, not 1/(n-1) = {1 / (n - 1):.3g}.")
    elif whiten and np.allclose(scores, plain / np.sqrt(var * (n - 1) / n), rtol=1e-9):
        msg += ": yours use a variance divided by n; the whitened columns must have sample variance 1 (ddof = 1)."
    elif not whiten and np.allclose(scores, plain / np.sqrt(var), rtol=1e-9):
        msg += ": yours are whitened although whiten is False (its default)."
    elif np.allclose(np.abs(scores), np.abs(plain), rtol=1e-9):
        msg += ": some columns have the opposite sign of YOUR components; compute them from the components you return."
    else:
        i = np.unravel_index(int(np.argmax(np.abs(scores - expected))), scores.shape)
        msg += f": at index {tuple(int(j) for j in i)} you have {scores[i]:.6g}, expected {expected[i]:.6g}."
    fail(msg)


def _pca(submission, X, k, *, whiten=None, exact_vectors=True):
    X = np.asarray(X, dtype=float)
    kwargs = {} if whiten is None else {"whiten": whiten}
    comps, var, mean, scores = _call_pca(submission, X, k, **kwargs)
    lam, V, _ = _reference(X)
    _check_mean(X, mean)
    _check_variance(X, k, var, lam)
    _check_components(X, k, comps, var, lam, V, exact_vectors=exact_vectors)
    _check_scores(X, comps, var, mean, scores, bool(whiten))
    return comps, var, mean, scores


def test_worked_example(submission):
    """the lesson's four points: mean (3, 2), variance 3, component ±(1, 1)/√2, scores ±(3, -3, 0, 0)/√2"""
    X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])
    comps, var, mean, scores = _pca(submission, X, 1)
    expect = np.array([[3.0], [-3.0], [0.0], [0.0]]) / np.sqrt(2)
    if not np.allclose(np.abs(scores), np.abs(expect), atol=1e-12):
        fail(f"Called {last_call()}; scores {show(scores.ravel())}; expected ±{show(expect.ravel())}.")


def test_starter_points(submission):
    """the starter's 50 correlated points, both components: eigenvalues of np.cov, largest first"""
    _pca(submission, _starter_data(), 2)


def test_four_features_known_components(submission):
    """4 features with variances 400, 100, 25, 4 (×1/29) along known directions, mean (10, -5, 3, 7): 3 components"""
    X, _ = _with_spectrum(30, [20.0, 10.0, 5.0, 2.0], seed=1, mean=[10.0, -5.0, 3.0, 7.0])
    _pca(submission, X, 3)


def test_rows_are_not_eigenvectors(submission):
    """5 features: the components are the COLUMNS of eigh's matrix (its rows are not eigenvectors)"""
    X, _ = _with_spectrum(40, [9.0, 6.0, 4.0, 2.0, 1.0], seed=4, mean=np.zeros(5))
    _pca(submission, X, 5)


def test_uncentered_mean_far_away(submission):
    """data centred at (50, 80, -30): the mean is subtracted, so the components describe the spread, not the position"""
    X, _ = _with_spectrum(25, [6.0, 3.0, 1.0], seed=2, mean=[50.0, 80.0, -30.0])
    _pca(submission, X, 2)


def test_one_component(submission):
    """n_components=1 returns one component, one variance and one column of scores"""
    X, _ = _with_spectrum(20, [5.0, 2.0, 1.0, 0.5], seed=3, mean=[1.0, 2.0, 3.0, 4.0])
    _pca(submission, X, 1)


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
def test_scales(submission, scale):
    """the starter's points in other units (×1e-6 and ×1e6): same components, variances × scale²"""
    _pca(submission, scale * _starter_data(), 2)


def test_wide_data(submission):
    """more features than samples (6 samples, 9 features): the 3 largest components"""
    rng = np.random.default_rng(5)
    X = rng.standard_normal((6, 9)) * np.arange(1, 10)
    _pca(submission, X, 3)


def test_rank_deficient(submission):
    """a third feature equal to the sum of the first two: the last variance is 0 and its component ±(1, 1, -1)/√3"""
    rng = np.random.default_rng(6)
    A = rng.standard_normal((30, 2)) * [2.0, 1.0]
    X = np.column_stack([A, A.sum(axis=1)])
    comps, var, _, _ = _pca(submission, X, 3)
    null = np.array([1.0, 1.0, -1.0]) / np.sqrt(3)
    if abs(abs(comps[2] @ null) - 1) > 1e-8:
        fail(f"Called {last_call()}; the third component is {show(comps[2])}; expected ±{show(null)}, the direction along "
             "which the data does not vary (x₁ + x₂ - x₃ = 0 for every sample).")


def test_tied_variances(submission):
    """two equal variances: the first component is unique, the second any unit vector of the tied plane"""
    X, V = _with_spectrum(30, [3.0, 2.0, 2.0], seed=7, mean=[1.0, 0.0, -1.0])
    comps, var, _, _ = _pca(submission, X, 2, exact_vectors=False)
    if abs(abs(comps[0] @ V[:, 0]) - 1) > 1e-9:
        fail(f"Called {last_call()}; component 0 is {show(comps[0])}; expected ±{show(V[:, 0])}, the direction of "
             "largest variance.")
    in_plane = np.linalg.norm(V[:, 1:].T @ comps[1])
    if abs(in_plane - 1) > 1e-9 or abs(comps[0] @ comps[1]) > 1e-9:
        fail(f"Called {last_call()}; component 1 is {show(comps[1])}; expected a unit vector perpendicular to component "
             "0 in the plane of the two tied directions (any such vector is right).")


def test_whiten(submission):
    """whiten=True: the scores have sample covariance I (divided by sqrt(λ), not by λ or by the singular values)"""
    X = _starter_data()
    _, _, _, scores = _pca(submission, X, 2, whiten=True)
    cov = scores.T @ scores / (len(X) - 1)
    if not np.allclose(cov, np.eye(2), atol=1e-9):
        fail(f"Called {last_call()}; the whitened scores have covariance {show(cov)}; expected the identity.")


def test_whiten_four_features(submission):
    """whiten=True with 4 features and 3 components of variances spread over a factor 100"""
    X, _ = _with_spectrum(30, [20.0, 10.0, 5.0, 2.0], seed=8, mean=[3.0, 1.0, 4.0, 1.0])
    _pca(submission, X, 3, whiten=True)


def test_whiten_default_is_false(submission):
    """called without whiten, the scores are not whitened (the default is whiten=False)"""
    _pca(submission, _starter_data(), 2)
    _pca(submission, _starter_data(), 2, whiten=False)


def test_from_scratch(submission):
    """uses the eigendecomposition: still works when np.linalg.svd, scipy's svd and scikit-learn's PCA are unavailable"""
    f = function(submission, "pca_eig")
    X = _starter_data()
    with blocked(*LIBRARY, reason="build PCA from the eigenvectors of the covariance matrix"):
        try:
            call(f, X, 2)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise computes PCA from the covariance matrix: np.linalg.eigh(C), not the SVD or "
                     "scikit-learn (the lesson compares them; here you build it).")
            raise


@settings(max_examples=25, deadline=None)
@given(n=st.integers(3, 30), p=st.integers(1, 5), seed=st.integers(0, 2**32 - 1), exponent=st.integers(-6, 6),
       whiten=st.booleans())
@example(n=3, p=1, seed=0, exponent=0, whiten=False)
@example(n=2 + 1, p=5, seed=1, exponent=6, whiten=False)
def test_property_random_data(submission, n, p, seed, exponent, whiten):
    """random data (3-30 samples, 1-5 features, scales 1e-6 to 1e6, offsets): matches the covariance's eigenvectors"""
    rng = np.random.default_rng(seed)
    X = (rng.standard_normal((n, p)) * rng.uniform(0.5, 4, p) + rng.uniform(-20, 20, p)) * 10.0**exponent
    k = int(rng.integers(1, p + 1))
    lam = np.linalg.eigvalsh(np.cov(X, rowvar=False).reshape(p, p))[::-1]
    if whiten and lam[k - 1] <= 1e-6 * lam[0]:
        whiten = False  # whitening needs positive variances
    gaps_ok = p == 1 or np.min(np.abs(np.diff(lam[: k + 1]))) > 1e-6 * lam[0]
    _pca(submission, X, k, whiten=whiten, exact_vectors=gaps_ok)


# ---------------------------------------------------------------------------------------------- the figure


def _plot(submission, X):
    got = call(function(submission, "plot_first_component"), np.array(X, dtype=float))
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    axes = list(fig.axes)
    if len(axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes; expected exactly one (fig, ax = plt.subplots()).")
    return axes[0]


def _expected_projection(X):
    lam, V, mean = _reference(X)
    v = V[:, 0]
    return mean + np.outer((X - mean) @ v, v), lam


def _scatters(ax):
    scatters = [c for c in ax.collections if is_instance(c, "matplotlib.collections.PathCollection")]
    if len(scatters) != 2:
        fail(f"Called {last_call()}; the axes holds {len(scatters)} scatter plot(s); expected exactly two: "
             "ax.scatter of the data and ax.scatter of the projected points.")
    return [np.asarray(s.get_offsets(), dtype=float) for s in scatters]


def _same_points(a, b, tol):
    return a.shape == b.shape and np.allclose(a, b, rtol=0, atol=tol)


def _check_plot(submission, X):
    ax = _plot(submission, X)
    expected, lam = _expected_projection(X)
    tol = 1e-9 * np.abs(X).max()
    pts = _scatters(ax)
    data_first = _same_points(pts[0], X, tol)
    if not (data_first or _same_points(pts[1], X, tol)):
        fail(f"Called {last_call()}; neither scatter holds the data X ({len(X)} points, in order); draw "
             "ax.scatter(X[:, 0], X[:, 1]).")
    proj = pts[1] if data_first else pts[0]
    if not _same_points(proj, expected, tol):
        lam_raw, V_raw = np.linalg.eigh(np.cov(X, rowvar=False))
        mean = X.mean(axis=0)
        wrong_pc = mean + np.outer((X - mean) @ V_raw[:, 0], V_raw[:, 0])
        hint = ""
        if _same_points(proj, wrong_pc, tol):
            hint = " They lie on the line of the SECOND component: eigh sorts ascending, the first comes last."
        elif proj.shape == expected.shape and np.allclose(proj, expected - mean, atol=tol):
            hint = " They are missing the mean: the projection is mean + score · component."
        fail(f"Called {last_call()}; the projected points are not the orthogonal projections mean + "
             f"((x - mean)·v₁) v₁ of the data on the first component v₁.{hint}")
    return ax, lam


def test_plot_data_and_projections(submission):
    """draws the starter's 50 points and their 50 projections on the first component (two scatters)"""
    _check_plot(submission, _starter_data())


def test_plot_other_data(submission):
    """the same figure for 30 other points, spread mostly along y: projections onto that direction"""
    rng = np.random.default_rng(9)
    X = rng.standard_normal((30, 2)) * [0.5, 3.0] + [-4.0, 10.0]
    _check_plot(submission, X)


def test_plot_labels_legend_aspect(submission):
    """labels both axes, has a legend naming the two scatters, and an equal aspect ratio"""
    ax, _ = _check_plot(submission, _starter_data())
    missing = [a for a, t in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())) if not t.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty; set them with ax.set_xlabel "
             "and ax.set_ylabel.")
    legend = ax.get_legend()
    if legend is None:
        fail(f"Called {last_call()}; the axes has no legend; give each scatter a label=... and call ax.legend().")
    texts = [t.get_text() for t in legend.get_texts()]
    if len(texts) < 2 or any(not t.strip() or t.startswith("_") for t in texts):
        fail(f"Called {last_call()}; the legend shows {texts}; expected a name for each of the two scatters.")
    aspect = ax.get_aspect()
    if aspect not in ("equal", 1, 1.0):
        fail(f"Called {last_call()}; the aspect is {aspect!r}; expected ax.set_aspect('equal'), so that one unit is "
             "as long on both axes and the projections look perpendicular to PC1.")


@pytest.mark.parametrize("which", ["starter", "other"])
def test_plot_title_ratio(submission, which):
    """the title says how much of the variance PC1 explains, with one decimal ("PC1 explains 90.5% of the variance")"""
    if which == "starter":
        X = _starter_data()
    else:
        X = np.random.default_rng(10).standard_normal((40, 2)) * [1.0, 1.3]
    ax, lam = _check_plot(submission, X)
    ratio = lam[0] / lam.sum()
    expected = f"PC1 explains {ratio:.1%} of the variance"
    title = ax.get_title()
    if title.strip() != expected:
        hint = ""
        if f"{ratio:.3f}" in title or f"{ratio:.1f}" in title:
            hint = " Use the format {ratio:.1%}: it multiplies by 100 and adds the % sign."
        elif f"{lam[1] / lam.sum():.1%}" in title:
            hint = " That is the SECOND component's share: the ratio is the largest eigenvalue over their sum."
        fail(f"Called {last_call()}; the title is {title!r}; expected {expected!r}.{hint}")
