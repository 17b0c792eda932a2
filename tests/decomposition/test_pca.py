"""Tests of la4ml.decomposition.PCA: parity with scikit-learn, known answers, invariants, accuracy, parameters."""

import warnings

import numpy as np
import pytest
import sklearn.decomposition
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes, load_digits, load_iris, load_wine

import zoo
from la4ml.decomposition import PCA
from la4ml.errors import DTypeError, InvalidParameterError, La4mlError, OutOfRangeError, ShapeError

EPS = np.finfo(float).eps
SOLVERS = ["full", "covariance_eigh", "randomized"]


def _data(name):
    """The named data sets the tests cross with every solver: bundled sets, and seeded tall, wide, rank-deficient."""
    rng = np.random.default_rng(13)
    if name == "iris":
        return load_iris().data
    if name == "digits":
        return load_digits().data  # (1797, 64); a few pixels are constant: zero variances
    if name == "wine":
        return load_wine().data  # features in very different units
    if name == "diabetes":
        return load_diabetes().data
    if name == "tall":
        return rng.standard_normal((200, 6)) @ rng.standard_normal((6, 6)) + 5.0
    if name == "wide":
        return rng.standard_normal((12, 40))
    if name == "rank2":
        return rng.standard_normal((30, 2)) @ rng.standard_normal((2, 5)) - 3.0
    raise KeyError(name)


DATA = ["iris", "digits", "wine", "diabetes", "tall", "wide", "rank2"]


def _with_spectrum(n, s, seed=0, mean=None):
    """n samples whose centered data has singular values s exactly (orthonormal zero-mean U, random V)."""
    rng = np.random.default_rng(seed)
    p = len(s)
    M = rng.standard_normal((n, p))
    M -= M.mean(axis=0)  # columns orthogonal to the ones vector
    U = np.linalg.qr(M)[0]  # zero-mean orthonormal columns (they stay in the span of the centered M)
    V = zoo._orthogonal(p, rng)
    Xc = (U * np.asarray(s, float)) @ V.T
    return Xc + (0.0 if mean is None else mean), V


def _sk(**kwargs):
    return sklearn.decomposition.PCA(**kwargs)


def _component_tol(X, k):
    """How far two correct algorithms' first k components may differ: about max(n, p)·eps·λ_max / gap_i
    (Davis–Kahan), with gap_i the distance from λ_i to the rest of the WHOLE spectrum (inf: a tie, any direction)."""
    n, p = X.shape
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    lam = np.r_[s**2, np.zeros(max(0, p - len(s)))]
    gaps = np.array([np.min(np.abs(np.delete(lam, i) - lam[i])) if p > 1 else np.inf for i in range(k)])
    with np.errstate(divide="ignore"):
        return 1000 * max(n, p) * EPS * lam[0] / gaps


# ---- parity with scikit-learn -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA)
@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("whiten", [False, True], ids=["plain", "whiten"])
def test_same_as_scikit_learn(name, solver, whiten):
    """Every attribute, transform, fit_transform and inverse_transform equal scikit-learn's for the same solver."""
    X = _data(name)
    n, p = X.shape
    k = min(3, n, p)
    ours = PCA(k, svd_solver=solver, whiten=whiten, random_state=0).fit(X)
    theirs = _sk(n_components=k, svd_solver=solver, whiten=whiten, random_state=0).fit(X)
    ev = theirs.explained_variance_
    scale = 100 * max(n, p) * EPS
    assert ours.n_components_ == theirs.n_components_ == k
    assert np.allclose(ours.mean_, theirs.mean_, rtol=scale, atol=scale * np.abs(X).max())
    assert np.allclose(ours.explained_variance_, ev, rtol=0, atol=scale * ev[0])
    assert np.allclose(ours.singular_values_, theirs.singular_values_, rtol=0,
                       atol=scale * theirs.singular_values_[0] * (1 if solver != "covariance_eigh" else 1e8))
    assert np.allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=0, atol=scale)
    if not (solver == "covariance_eigh" and n < p):  # documented: ours averages over min(n, p) - k directions
        assert np.isclose(ours.noise_variance_, theirs.noise_variance_, rtol=0, atol=scale * ev[0])
    tol = _component_tol(X, k)
    assert np.all(np.abs(ours.components_ - theirs.components_) <= tol[:, None])
    Z, Z_sk = ours.transform(X), theirs.transform(X)
    live = ev > 100 * max(n, p) * EPS * ev[0]  # whitened coordinates of a zero-variance component are rounding noise
    if not whiten:
        live[:] = True
    col_tol = tol * np.abs(X - X.mean(axis=0)).max() * np.sqrt(p) / (np.maximum(np.sqrt(ev), EPS) if whiten else 1.0)
    assert np.all((np.abs(Z - Z_sk) <= col_tol + scale * np.abs(Z_sk).max(axis=0))[:, live])
    if solver == "randomized":  # an approximation: U S is not exactly Xc V, so compare with scikit-learn's U S
        F, F_sk = ours.fit_transform(X), theirs.fit_transform(X)
        assert np.all((np.abs(F - F_sk) <= col_tol + scale * np.abs(F_sk).max(axis=0))[:, live])
    else:
        assert np.allclose(ours.fit_transform(X)[:, live], Z[:, live], rtol=0, atol=scale * np.abs(Z).max() * 10)
    back = ours.inverse_transform(Z)
    assert np.allclose(back, theirs.inverse_transform(Z_sk), rtol=0,
                       atol=(tol.max() * np.sqrt(p) + scale) * np.abs(X).max() * 10)


@pytest.mark.parametrize("name", ["iris", "digits", "wine", "tall", "wide"])
def test_defaults_same_as_scikit_learn_full(name):
    """PCA() keeps min(n_samples, n_features) components with the "full" solver, as scikit-learn's PCA(svd_solver="full")."""
    X = _data(name)
    ours, theirs = PCA().fit(X), _sk(svd_solver="full").fit(X)
    assert ours.svd_solver == "full" and ours.n_components is None and ours.whiten is False
    assert ours.n_components_ == theirs.n_components_ == min(X.shape)
    assert ours.noise_variance_ == theirs.noise_variance_ == 0.0
    assert np.allclose(ours.explained_variance_, theirs.explained_variance_, rtol=0,
                       atol=100 * max(X.shape) * EPS * theirs.explained_variance_[0])


@pytest.mark.parametrize("fraction", [0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
@pytest.mark.parametrize("solver", ["full", "covariance_eigh"])
def test_fraction_same_as_scikit_learn(fraction, solver):
    """A float n_components keeps as many components as scikit-learn's (Digits, six fractions, both exact solvers)."""
    X = load_digits().data
    ours = PCA(fraction, svd_solver=solver).fit(X)
    theirs = _sk(n_components=fraction, svd_solver=solver).fit(X)
    assert ours.n_components_ == theirs.n_components_
    cumulative = np.cumsum(ours.explained_variance_ratio_)
    assert cumulative[-1] > fraction and (len(cumulative) == 1 or cumulative[-2] <= fraction)


@pytest.mark.parametrize("name", ["iris", "digits", "wine", "diabetes", "tall", "rank2"])
def test_mle_same_as_scikit_learn(name):
    """n_components='mle' picks Minka's dimension, the same as scikit-learn's."""
    X = _data(name)
    ours, theirs = PCA("mle").fit(X), _sk(n_components="mle", svd_solver="full").fit(X)
    assert ours.n_components_ == theirs.n_components_


def test_randomized_same_seed_same_result_as_scikit_learn():
    """svd_solver='randomized' with an int seed draws scikit-learn's test matrix: same result to rounding (Digits, 5 params)."""
    X = load_digits().data
    for params in [{}, {"iterated_power": 0}, {"iterated_power": 2, "n_oversamples": 3},
                   {"power_iteration_normalizer": "QR"}, {"power_iteration_normalizer": "none", "iterated_power": 3}]:
        ours = PCA(10, svd_solver="randomized", random_state=3, **params).fit(X)
        theirs = _sk(n_components=10, svd_solver="randomized", random_state=3, **params).fit(X)
        for att in ["components_", "explained_variance_", "explained_variance_ratio_", "singular_values_"]:
            a, b = getattr(ours, att), getattr(theirs, att)
            assert np.allclose(a, b, rtol=1e-9, atol=1e-9 * np.abs(b).max()), (params, att)
        assert np.isclose(ours.noise_variance_, theirs.noise_variance_, rtol=1e-12)


def test_randomized_accepts_generator_and_random_state():
    """random_state may be a RandomState (same draws as scikit-learn) or a Generator (reproducible)."""
    X = load_digits().data
    ours = PCA(5, svd_solver="randomized", random_state=np.random.RandomState(4)).fit(X)
    theirs = _sk(n_components=5, svd_solver="randomized", random_state=np.random.RandomState(4)).fit(X)
    assert np.allclose(ours.components_, theirs.components_, atol=1e-10)
    a = PCA(5, svd_solver="randomized", random_state=np.random.default_rng(1)).fit(X)
    b = PCA(5, svd_solver="randomized", random_state=np.random.default_rng(1)).fit(X)
    assert np.array_equal(a.components_, b.components_)


# ---- known answers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("solver", SOLVERS)
def test_worked_example_by_hand(solver):
    """The lesson's four points: covariance [[2, 1], [1, 2]], λ = 3, 1, components ±(1, 1)/√2, ±(1, -1)/√2."""
    X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])
    pca = PCA(1, svd_solver=solver, random_state=0).fit(X)
    assert np.allclose(pca.mean_, [3.0, 2.0], rtol=0, atol=4 * EPS)
    assert np.allclose(pca.explained_variance_, [3.0], rtol=10 * EPS)
    assert np.allclose(pca.explained_variance_ratio_, [0.75], rtol=10 * EPS)
    assert np.allclose(pca.components_, [[1.0, 1.0]] / np.sqrt(2), rtol=0, atol=10 * EPS)  # sign: largest entry > 0 (tie: the first)
    assert np.allclose(pca.singular_values_, [3.0], rtol=10 * EPS)
    assert np.isclose(pca.noise_variance_, 1.0, rtol=10 * EPS)
    assert np.allclose(pca.transform(X), np.array([[3.0], [-3.0], [0.0], [0.0]]) / np.sqrt(2), rtol=0, atol=20 * EPS)
    err = np.sum((X - pca.inverse_transform(pca.transform(X))) ** 2)
    assert np.isclose(err, 3.0, rtol=100 * EPS)  # (n - 1) λ₂ = 3 · 1


@pytest.mark.parametrize("solver", SOLVERS)
def test_known_spectrum(solver):
    """Data built from a chosen SVD: components ±rows of Vᵀ, variances s²/(n - 1), ratios s²/Σs², noise variance."""
    s = np.array([20.0, 10.0, 5.0, 2.0, 1.0])
    X, V = _with_spectrum(60, s, seed=2, mean=np.arange(5.0))
    pca = PCA(3, svd_solver=solver, random_state=0).fit(X)
    signs = np.sign(np.sum(pca.components_ * V[:, :3].T, axis=1))
    assert np.allclose(pca.components_, signs[:, None] * V[:, :3].T, rtol=0, atol=1e-12)
    assert np.allclose(pca.explained_variance_, s[:3] ** 2 / 59, rtol=1e-12)
    assert np.allclose(pca.explained_variance_ratio_, s[:3] ** 2 / np.sum(s**2), rtol=1e-12)
    assert np.allclose(pca.singular_values_, s[:3], rtol=1e-12)
    assert np.isclose(pca.noise_variance_, np.mean(s[3:] ** 2) / 59, rtol=1e-10)


@pytest.mark.parametrize("solver", SOLVERS)
def test_sign_convention(solver):
    """The largest-magnitude entry of every component is positive (scikit-learn's svd_flip on Vᵀ)."""
    X = load_wine().data
    comps = PCA(5, svd_solver=solver, random_state=0).fit(X).components_
    big = comps[np.arange(5), np.argmax(np.abs(comps), axis=1)]
    assert np.all(big > 0)


def test_fraction_boundary_is_strict():
    """Ratios 1/2, 1/4, 1/4: a threshold EQUAL to the cumulative ratio of 2 components keeps 3 (it must be exceeded)."""
    X = np.array([[2.0, -2.0, 0, 0, 0, 0], [0, 0, 1.0, -1.0, 1.0, -1.0], [0, 0, 1.0, 1.0, -1.0, -1.0]]).T
    # centered, orthogonal columns of squared norms 8, 4, 4: variances 8/5, 4/5, 4/5, ratios 1/2, 1/4, 1/4
    ratio = PCA().fit(X).explained_variance_ratio_
    assert np.allclose(ratio, [0.5, 0.25, 0.25], rtol=0, atol=4 * EPS)
    at_two = float(np.cumsum(ratio)[1])  # 0.75 as computed (to the last bit)
    assert PCA(at_two).fit(X).n_components_ == 3 == _sk(n_components=at_two, svd_solver="full").fit(X).n_components_
    assert PCA(np.nextafter(at_two, 0)).fit(X).n_components_ == 2
    assert PCA(0.7).fit(X).n_components_ == 2
    assert PCA(0.5 - 1e-9).fit(X).n_components_ == 1
    assert PCA(0.999999).fit(X).n_components_ == 3


# ---- invariants ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA)
@pytest.mark.parametrize("solver", SOLVERS)
def test_invariants(name, solver):
    """Orthonormal components, uncorrelated scores with variances explained_variance_, ratios summing to at most 1."""
    X = _data(name)
    n, p = X.shape
    k = min(4, n, p)
    pca = PCA(k, svd_solver=solver, random_state=0).fit(X)
    C = pca.components_
    assert C.shape == (k, p) and np.allclose(C @ C.T, np.eye(k), rtol=0, atol=100 * p * EPS)
    Z = pca.transform(X)
    cov = Z.T @ Z / (n - 1)
    ev = pca.explained_variance_
    assert np.allclose(cov, np.diag(ev), rtol=0, atol=1e-9 * ev[0])
    assert np.all(np.diff(ev) <= 1e-12 * ev[0]) and np.all(ev >= 0)
    assert pca.explained_variance_ratio_.sum() <= 1 + 100 * EPS
    assert np.allclose(pca.explained_variance_ratio_ * np.trace(np.cov(X, rowvar=False)), ev, rtol=1e-9)


@pytest.mark.parametrize("solver", ["full", "covariance_eigh"])
def test_reconstruction_error_is_eckart_young(solver):
    """For every k, ‖X - inverse_transform(transform(X))‖_F² = Σ_{i>k} s_i² (the best rank-k error), on Wine."""
    X = load_wine().data
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    for k in range(0, X.shape[1] + 1):
        pca = PCA(k, svd_solver=solver).fit(X)
        err = np.sum((X - pca.inverse_transform(pca.transform(X))) ** 2)
        assert np.isclose(err, np.sum(s[k:] ** 2), rtol=1e-8, atol=1e-9 * s[0] ** 2), k


@pytest.mark.parametrize("solver", SOLVERS)
def test_all_components_reconstruct_exactly(solver):
    """Keeping min(n, p) components, inverse_transform(transform(X)) returns X (wide and tall data)."""
    for name in ["tall", "wide", "iris"]:
        X = _data(name)
        pca = PCA(svd_solver=solver, random_state=0).fit(X)
        assert np.allclose(pca.inverse_transform(pca.transform(X)), X, rtol=0, atol=1e-9 * np.abs(X).max())


@pytest.mark.parametrize("solver", SOLVERS)
def test_whitening_gives_identity_covariance(solver):
    """whiten=True: the scores have sample covariance I (divided by sqrt(λ), not λ nor s); inverse_transform undoes it."""
    X = load_iris().data
    pca = PCA(3, svd_solver=solver, whiten=True, random_state=0).fit(X)
    Z = pca.transform(X)
    assert np.allclose(Z.T @ Z / (len(X) - 1), np.eye(3), rtol=0, atol=1e-10)
    plain = PCA(3, svd_solver=solver, random_state=0).fit(X)
    assert np.allclose(Z * np.sqrt(plain.explained_variance_), plain.transform(X), atol=1e-10)
    assert np.allclose(pca.inverse_transform(Z), plain.inverse_transform(plain.transform(X)), atol=1e-10)
    assert np.allclose(pca.components_, plain.components_)  # whitening leaves the components unit vectors


def test_whitening_zero_variance_is_finite():
    """A component of zero variance is divided by eps, not by 0: finite scores, no warning."""
    X = np.column_stack([np.arange(5.0), np.full(5, 2.0)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Z = PCA(whiten=True).fit_transform(X)
    assert np.all(np.isfinite(Z))


@pytest.mark.parametrize("solver", ["full", "covariance_eigh"])
def test_fit_transform_equals_fit_then_transform(solver):
    """fit_transform(X) == fit(X).transform(X) to rounding, whitened or not (exact solvers; randomized: U S ≈ Xc V)."""
    X = load_digits().data
    for whiten in (False, True):
        a = PCA(8, svd_solver=solver, whiten=whiten, random_state=0).fit_transform(X)
        b = PCA(8, svd_solver=solver, whiten=whiten, random_state=0).fit(X).transform(X)
        assert np.allclose(a, b, rtol=0, atol=1e-9 * np.abs(b).max())


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
@pytest.mark.parametrize("solver", SOLVERS)
def test_scale_equivariance(scale, solver):
    """Multiplying X by c keeps the components and ratios and multiplies variances by c² (c = 1e-6 and 1e6)."""
    X = load_iris().data
    a = PCA(3, svd_solver=solver, random_state=0).fit(X)
    b = PCA(3, svd_solver=solver, random_state=0).fit(scale * X)
    assert np.allclose(b.components_, a.components_, rtol=0, atol=1e-9)
    assert np.allclose(b.explained_variance_ratio_, a.explained_variance_ratio_, rtol=1e-10)
    assert np.allclose(b.explained_variance_, scale**2 * a.explained_variance_, rtol=1e-10)
    assert np.isclose(b.noise_variance_, scale**2 * a.noise_variance_, rtol=1e-8)


def test_input_not_modified_and_dtypes():
    """X is never modified; float32 stays float32, integers become float64."""
    X = load_iris().data.copy()
    before = X.copy()
    for solver in SOLVERS:
        pca = PCA(2, svd_solver=solver, random_state=0, whiten=True)
        pca.fit_transform(X)
        pca.transform(X)
        pca.inverse_transform(pca.transform(X))
    assert np.array_equal(X, before)
    for solver in SOLVERS:
        pca32 = PCA(2, svd_solver=solver, random_state=0).fit(X.astype(np.float32))
        assert pca32.components_.dtype == np.float32 and pca32.transform(X.astype(np.float32)).dtype == np.float32
        assert np.allclose(pca32.explained_variance_, PCA(2).fit(X).explained_variance_, rtol=1e-4)
    assert PCA(2).fit(np.arange(20).reshape(10, 2) ** 2).components_.dtype == np.float64


def test_zero_variance_data():
    """Identical samples: zero variances, ratios 0 (not NaN), a fraction keeps every component."""
    X = np.tile([1.0, 2.0, 3.0], (6, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pca = PCA().fit(X)
        assert np.array_equal(pca.explained_variance_ratio_, np.zeros(3))
        assert PCA(0.9).fit(X).n_components_ == 3
    assert np.array_equal(pca.explained_variance_, np.zeros(3))
    assert np.allclose(pca.transform(X), 0)


# ---- accuracy: the covariance route squares the condition number ---------------------------------------------------


def test_covariance_eigh_loses_small_variances_full_keeps_them():
    """κ(Xc) = 1e6: the SVD gets the smallest variance to ~κ·eps, the covariance's eigh to only ~κ²·eps."""
    s = np.geomspace(1.0, 1e-6, 6)
    X, _ = _with_spectrum(500, s, seed=1)
    true = s**2 / 499
    err_full = abs(PCA(svd_solver="full").fit(X).explained_variance_[-1] - true[-1]) / true[-1]
    err_eigh = abs(PCA(svd_solver="covariance_eigh").fit(X).explained_variance_[-1] - true[-1]) / true[-1]
    assert err_full <= 500 * EPS * 1e6
    assert err_eigh > 1e3 * err_full and err_eigh > 1e-6  # κ² eps = 2e-4 relative to the smallest


def test_large_mean_is_centered_before_the_covariance():
    """Data with mean 1e8 and unit spread: our covariance_eigh agrees with the SVD (scikit-learn's XᵀX - n x̄x̄ᵀ would not)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 3)) * [3.0, 2.0, 1.0] + 1e8
    full = PCA(svd_solver="full").fit(X)
    eig = PCA(svd_solver="covariance_eigh").fit(X)
    assert np.allclose(eig.explained_variance_, full.explained_variance_, rtol=1e-7)
    assert np.allclose(np.abs(eig.components_ @ full.components_.T), np.eye(3), atol=1e-6)
    assert np.allclose(full.transform(X), PCA(svd_solver="full").fit(X - 1e8).transform(X - 1e8), atol=1e-6)


# ---- errors ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params, exc, words", [
    ({"svd_solver": "arpack"}, InvalidParameterError, "svd_solver must be one of"),
    ({"svd_solver": "auto"}, InvalidParameterError, "svd_solver must be one of"),
    ({"whiten": 1}, DTypeError, "whiten must be True or False"),
    ({"n_components": 5}, OutOfRangeError, "min(n_samples, n_features) = 4"),
    ({"n_components": -1}, OutOfRangeError, "n_components must be in [0"),
    ({"n_components": 0, "svd_solver": "randomized"}, OutOfRangeError, "n_components must be in [1"),
    ({"n_components": 1.0}, OutOfRangeError, "must be in (0, 1)"),
    ({"n_components": 2.0}, OutOfRangeError, "pass an int"),
    ({"n_components": float("nan")}, OutOfRangeError, "must be in (0, 1)"),
    ({"n_components": 0.5, "svd_solver": "randomized"}, InvalidParameterError, "whole spectrum"),
    ({"n_components": "mle", "svd_solver": "randomized"}, InvalidParameterError, "whole spectrum"),
    ({"n_components": "all"}, InvalidParameterError, "'mle'"),
    ({"n_components": True}, DTypeError, "n_components must be None"),
    ({"n_components": [2]}, DTypeError, "n_components must be None"),
], ids=lambda v: str(v) if not isinstance(v, dict) else ",".join(f"{k}={v[k]}" for k in v))
def test_bad_parameters_are_named(params, exc, words):
    """Each bad parameter raises a la4ml error (a ValueError or TypeError) naming it and the fix."""
    with pytest.raises(exc) as info:
        PCA(**params).fit(load_iris().data)
    assert words in str(info.value) and isinstance(info.value, La4mlError)
    assert isinstance(info.value, (ValueError, TypeError))


def test_bad_data():
    """One sample, 'mle' on wide data, NaN, 1-D input and a wrong-width inverse_transform are refused clearly."""
    with pytest.raises(ShapeError, match="n_samples = 1"):
        PCA().fit(np.ones((1, 3)))
    with pytest.raises(InvalidParameterError, match="n_samples >= n_features"):
        PCA("mle").fit(np.random.default_rng(0).standard_normal((3, 5)))
    with pytest.raises(ValueError, match="NaN"):
        PCA().fit(np.array([[1.0, np.nan], [2.0, 3.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="2D array"):
        PCA().fit(np.arange(5.0))
    pca = PCA(2).fit(load_iris().data)
    with pytest.raises(ShapeError, match="one column per component, 2"):
        pca.inverse_transform(load_iris().data)
    with pytest.raises(ValueError, match="4 features"):
        pca.transform(np.ones((2, 3)))


def test_zero_components():
    """n_components=0 (exact solvers): no components, scores of width 0, the mean as the reconstruction."""
    X = load_iris().data
    pca = PCA(0).fit(X)
    assert pca.components_.shape == (0, 4) and pca.transform(X).shape == (150, 0)
    assert np.allclose(pca.inverse_transform(pca.transform(X)), np.tile(X.mean(axis=0), (150, 1)))
    assert np.isclose(pca.noise_variance_, np.trace(np.cov(X, rowvar=False)) / 4)


# ---- property-based --------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 30), p=st.integers(1, 8), seed=st.integers(0, 2**32 - 1),
       solver=st.sampled_from(SOLVERS), exponent=st.integers(-8, 8))
@example(n=2, p=1, seed=0, solver="full", exponent=0)
@example(n=2, p=8, seed=1, solver="covariance_eigh", exponent=-8)
@example(n=30, p=1, seed=2, solver="randomized", exponent=8)
def test_property_matches_scikit_learn(n, p, seed, solver, exponent):
    """Random shapes and scales: variances, ratios and the reconstruction error equal scikit-learn's (same solver)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * 10.0**exponent + rng.uniform(-1, 1, p) * 10.0**exponent
    k = min(n, p)
    ours = PCA(k, svd_solver=solver, random_state=0).fit(X)
    theirs = _sk(n_components=k, svd_solver=solver, random_state=0).fit(X)
    ev = theirs.explained_variance_
    tol = 1000 * max(n, p) * EPS * max(ev[0], 0)
    assert np.allclose(ours.explained_variance_, ev, rtol=0, atol=tol)
    if ev.sum() > 0:
        assert np.allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=0,
                           atol=1000 * max(n, p) * EPS)
    back = ours.inverse_transform(ours.transform(X))
    assert np.allclose(back, X, rtol=0, atol=1e-8 * np.abs(X).max())
