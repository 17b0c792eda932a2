"""Gaussian and sparse random projections: scikit-learn's contract, draws, distortion, errors."""

import warnings

import numpy as np
import pytest
import scipy.sparse
from sklearn import random_projection as rp
from sklearn.exceptions import DataDimensionalityWarning
from sklearn.utils.estimator_checks import parametrize_with_checks

from la4ml.errors import OutOfRangeError
from la4ml.sketching import GaussianRandomProjection, SparseRandomProjection


@parametrize_with_checks([GaussianRandomProjection(n_components=3, random_state=0),
                          SparseRandomProjection(n_components=3, random_state=0),
                          SparseRandomProjection(n_components=3, density=1.0, dense_output=True, random_state=0)])
def test_sklearn_compatible(estimator, check):
    """scikit-learn's check_estimator, check by check."""
    check(estimator)


def _dense(M):
    return M.toarray() if scipy.sparse.issparse(M) else np.asarray(M)


@pytest.mark.parametrize("density", ["auto", 1 / 3, 0.05, 1.0])
def test_sparse_same_draws_as_sklearn(density):
    """Same components_, density_ and transform as scikit-learn for the same int random_state."""
    X = np.random.default_rng(0).standard_normal((30, 400))
    ours = SparseRandomProjection(50, density=density, random_state=3).fit(X)
    theirs = rp.SparseRandomProjection(50, density=density, random_state=3).fit(X)
    np.testing.assert_array_equal(_dense(ours.components_), _dense(theirs.components_))
    assert ours.density_ == theirs.density_
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12, atol=1e-12)
    assert ours.n_components_ == 50 and ours.n_features_in_ == 400


def test_gaussian_same_as_sklearn_and_auto():
    """Gaussian: same components_ as scikit-learn; 'auto' takes the JL dimension of the samples seen in fit."""
    X = np.random.default_rng(1).standard_normal((20, 3000))
    ours = GaussianRandomProjection(eps=0.5, random_state=0).fit(X)
    theirs = rp.GaussianRandomProjection(eps=0.5, random_state=0).fit(X)
    assert ours.n_components_ == theirs.n_components_ == rp.johnson_lindenstrauss_min_dim(20, eps=0.5)
    np.testing.assert_array_equal(ours.components_, theirs.components_)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12)


def test_entries_scale_one_over_sqrt_k():
    """Gaussian entries have variance 1/k; sparse entries are exactly 0 or ±√(s/k) with density 1/s."""
    X = np.zeros((5, 2000))
    G = GaussianRandomProjection(100, random_state=0).fit(X).components_
    assert abs(G.var() * 100 - 1) < 0.02
    S = SparseRandomProjection(100, density=0.25, random_state=0).fit(X).components_
    vals = np.unique(S.data)
    np.testing.assert_allclose(vals, [-np.sqrt(4 / 100), np.sqrt(4 / 100)], rtol=1e-15)
    assert abs(S.nnz / (100 * 2000) - 0.25) < 0.01


def test_distances_preserved_on_average():
    """Projected squared distances average within 2 % of the originals (no 1/√k missing), max distortion < eps."""
    X = np.random.default_rng(2).standard_normal((30, 5000))
    i, j = np.triu_indices(30, 1)
    d0 = ((X[i] - X[j]) ** 2).sum(1)
    for est in (GaussianRandomProjection(2000, random_state=0), SparseRandomProjection(2000, random_state=0)):
        Y = est.fit_transform(X)
        r = ((Y[i] - Y[j]) ** 2).sum(1) / d0
        assert abs(r.mean() - 1) < 0.02 and np.abs(r - 1).max() < 0.15


def test_sparse_input_output_types():
    """Sparse X: sparse result unless dense_output; dense X: dense result."""
    X = scipy.sparse.random(40, 500, density=0.02, format="csr", random_state=0)
    est = SparseRandomProjection(20, random_state=0).fit(X)
    assert scipy.sparse.issparse(est.transform(X))
    assert isinstance(SparseRandomProjection(20, dense_output=True, random_state=0).fit(X).transform(X), np.ndarray)
    assert isinstance(est.transform(X.toarray()), np.ndarray)
    np.testing.assert_allclose(_dense(est.transform(X)), est.transform(X.toarray()), atol=1e-12)


def test_inverse_transform_is_pseudo_inverse():
    """inverse_transform applies pinv(components_); stored or computed on demand gives the same."""
    X = np.random.default_rng(3).standard_normal((10, 30))
    a = GaussianRandomProjection(40, compute_inverse_components=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataDimensionalityWarning)
        Y = a.fit_transform(X)                    # 40 > 30 features: the map is injective
    np.testing.assert_allclose(a.inverse_transform(Y), X, atol=1e-10)
    b = SparseRandomProjection(10, random_state=0).fit(X)
    np.testing.assert_allclose(b.inverse_transform(b.transform(X)),
                               b.transform(X) @ np.linalg.pinv(b.components_.toarray()).T, atol=1e-10)


def test_errors_and_warning():
    """Bad eps, density, n_components and an 'auto' dimension above n_features: errors naming the fix."""
    X = np.ones((100, 50))
    with pytest.raises(OutOfRangeError, match="more than the n_features=50"):
        GaussianRandomProjection().fit(X)
    with pytest.raises(OutOfRangeError, match="eps"):
        GaussianRandomProjection(eps=1.5).fit(X)
    with pytest.raises(OutOfRangeError, match="density"):
        SparseRandomProjection(5, density=0).fit(X)
    with pytest.raises(OutOfRangeError, match="density"):
        SparseRandomProjection(5, density=1.2).fit(X)
    with pytest.raises(ValueError, match="n_components"):
        SparseRandomProjection(0).fit(X)
    with pytest.warns(DataDimensionalityWarning):
        GaussianRandomProjection(60).fit(X)
