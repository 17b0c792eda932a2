"""Principal component analysis as a scikit-learn transformer: center, decompose, keep the top directions."""

from __future__ import annotations

import math
import numbers

import numpy as np
import scipy.linalg
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from la4ml._validation import check_bool, check_matrix, check_option, describe
from la4ml.errors import DTypeError, InvalidParameterError, OutOfRangeError, ShapeError
from la4ml.svd import randomized_svd
from la4ml.svd._flip import _svd_flip

try:
    from sklearn.utils.validation import validate_data
except ImportError:  # scikit-learn < 1.6

    def validate_data(estimator, *args, **kwargs):
        return estimator._validate_data(*args, **kwargs)


__all__ = ["PCA"]

SOLVERS = ("full", "covariance_eigh", "randomized")


def _svd_full(Xc):
    """PCA by the thin SVD of the centered data, ``Xc = U S Vᵀ``; returns ``(U, s, Vt, explained_variance)``.

    The principal components are the rows of ``Vt`` (the right singular vectors), the scores
    ``Xc V = U S``, and the variance along component ``i`` is ``s_i² / (n_samples - 1)``.
    """
    n_samples = Xc.shape[0]
    U, s, Vt = scipy.linalg.svd(Xc, full_matrices=False, check_finite=False)  # LAPACK gesdd, largest first
    return U, s, Vt, s**2 / (n_samples - 1)  # (n, r), (r,), (r, p), (r,) with r = min(n, p)


def _svd_covariance_eigh(Xc):
    """PCA by the eigendecomposition of the covariance ``C = Xcᵀ Xc / (n - 1)``; returns ``(None, s, Vt, λ)``.

    ``C`` is only ``p × p``, so this is fast when ``n_samples ≫ n_features``, but forming it squares
    the condition number: variances below about ``eps · λ_max`` come out as rounding noise.
    """
    n_samples, n_features = Xc.shape
    C = Xc.T @ Xc / (n_samples - 1)  # (p, p), symmetric positive semidefinite
    lam, V = np.linalg.eigh(C)  # ascending order; the eigenvectors are the COLUMNS of V
    lam, V = lam[::-1], V[:, ::-1]  # largest variance first
    r = min(n_samples, n_features)  # Xc has at most r nonzero singular values
    lam = np.maximum(lam[:r], 0)  # rounding can leave a zero eigenvalue slightly negative
    return None, np.sqrt(lam * (n_samples - 1)), V[:, :r].T, lam  # U is not needed: scores are Xc V


class PCA(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Principal component analysis: project centered data on its directions of greatest variance.

    ``fit`` subtracts the mean of each feature and decomposes the centered data ``Xc``; its right
    singular vectors (equivalently, the eigenvectors of the covariance matrix ``Xcᵀ Xc / (n - 1)``)
    are the principal components, in decreasing order of the variance along them. ``transform``
    gives the coordinates of (new) samples along the kept components, ``inverse_transform`` maps
    coordinates back to the feature space.

    Parameters
    ----------
    n_components : int, float, "mle" or None, default None
        How many components to keep. ``None``: all ``min(n_samples, n_features)``. An int ``k``:
        the first ``k`` (``0 <= k <= min(n_samples, n_features)``; ``>= 1`` for ``"randomized"``).
        A float in ``(0, 1)``: the smallest number whose cumulative explained variance ratio
        *exceeds* it (strictly, as scikit-learn). ``"mle"``: Minka's (2000) maximum-likelihood
        guess of the dimension (needs ``n_samples >= n_features``). The last two need the whole
        spectrum, so ``"full"`` or ``"covariance_eigh"``.
    svd_solver : {"full", "covariance_eigh", "randomized"}, default "full"
        ``"full"``: LAPACK's SVD of the centered data (accurate; the default). ``"covariance_eigh"``:
        ``eigh`` of the ``n_features × n_features`` covariance matrix (fast for
        ``n_samples ≫ n_features``, but it squares the condition number). ``"randomized"``:
        :func:`la4ml.svd.randomized_svd` of the centered data (fast for a few components of a
        large matrix; approximate).
    whiten : bool, default False
        Divide each coordinate by the standard deviation along its component,
        ``sqrt(explained_variance_)``, so the transformed data has the identity as its sample
        covariance. Components with (nearly) zero variance are divided by ``eps`` instead of 0.
    random_state : None, int, numpy.random.RandomState or numpy.random.Generator, optional
        The random test matrix of ``"randomized"`` (ignored by the other solvers). An int gives the
        same test matrix as scikit-learn's ``PCA`` with that int.
    n_oversamples : int, default 10
        ``"randomized"`` only: extra random directions (see :func:`la4ml.svd.randomized_svd`).
    iterated_power : int or "auto", default "auto"
        ``"randomized"`` only: the number of power iterations (``n_iter``).
    power_iteration_normalizer : {"auto", "QR", "LU", "none"}, default "auto"
        ``"randomized"`` only: how the sketch is re-orthonormalized between power iterations.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        The principal components as unit rows, largest variance first; the sign of each is fixed
        as scikit-learn fixes it (``svd_flip(..., u_based_decision=False)``: the entry of largest
        magnitude in each row is positive).
    explained_variance_ : ndarray of shape (n_components_,)
        The variance of the data along each component, ``s_i² / (n_samples - 1)``: the eigenvalues
        of the sample covariance matrix.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Each variance divided by the total variance (the trace of the covariance matrix); 0 when
        the total variance is 0.
    singular_values_ : ndarray of shape (n_components_,)
        The singular values ``s_i`` of the centered data, ``||Xc v_i||``.
    mean_ : ndarray of shape (n_features,)
        The mean of each feature, subtracted before projecting.
    noise_variance_ : float
        The average variance of the discarded directions, ``(total - Σ kept) / (r - k)`` with
        ``r = min(n_samples, n_features)`` (the maximum-likelihood noise of probabilistic PCA,
        Tipping and Bishop 1999); 0.0 when every direction is kept.
    n_components_ : int
        The number of components kept.
    n_samples_ : int
        The number of samples seen in ``fit``.
    n_features_in_ : int
        The number of features seen in ``fit``.

    Raises
    ------
    InvalidParameterError, OutOfRangeError, DTypeError
        A parameter is not one of its options or outside its range (raised by ``fit``).
    ShapeError
        ``X`` has fewer than 2 samples (a variance needs ``n_samples - 1 >= 1``), or
        ``inverse_transform`` gets a number of columns other than ``n_components_``.

    See Also
    --------
    sklearn.decomposition.PCA : the model this one matches; results are equal to rounding for the
        same solver and parameters. Its default solver is ``"auto"``; it also accepts sparse input
        (with ``"arpack"`` or ``"covariance_eigh"``), which this class refuses.

    Notes
    -----
    With ``Xc = X - mean_ = U S Vᵀ`` (thin SVD), the covariance matrix is
    ``C = Xcᵀ Xc / (n - 1) = V (S² / (n - 1)) Vᵀ``: its eigenvectors are the right singular vectors
    and its eigenvalues the squared singular values over ``n - 1``. Keeping the first ``k``
    components, ``inverse_transform(transform(X))`` is the best rank-``k`` approximation of ``Xc``
    plus the mean (Eckart–Young), with squared error ``Σ_{i>k} s_i²``.

    Differences from scikit-learn, all deliberate: ``"covariance_eigh"`` centers the data before
    forming ``Xcᵀ Xc`` (scikit-learn subtracts ``n x̄ x̄ᵀ`` from ``XᵀX``, which cancels
    catastrophically when the mean is large next to the spread) and, like ``"full"``, keeps at most
    ``min(n_samples, n_features)`` components; ``transform`` subtracts the mean before projecting
    (scikit-learn projects and then subtracts the projected mean) for the same reason; a zero total
    variance gives ratios of 0 rather than NaN; under ``"mle"``, a dimension at which two
    eigenvalues tie (where Minka's Laplace approximation is undefined) is skipped instead of
    raising ``math domain error``.

    References
    ----------
    K. Pearson, "On lines and planes of closest fit to systems of points in space", *Philosophical
    Magazine* 2(11), 1901, 559–572. H. Hotelling, "Analysis of a complex of statistical variables
    into principal components", *Journal of Educational Psychology* 24, 1933, 417–441.
    I. T. Jolliffe, *Principal Component Analysis*, 2nd ed., Springer, 2002. M. E. Tipping and
    C. M. Bishop, "Probabilistic principal component analysis", *Journal of the Royal Statistical
    Society B* 61(3), 1999, 611–622. T. P. Minka, "Automatic choice of dimensionality for PCA",
    *NIPS* 13, 2000, 598–604.

    Examples
    --------
    >>> import numpy as np
    >>> import sklearn.decomposition
    >>> from sklearn.datasets import load_iris
    >>> from la4ml.decomposition import PCA
    >>> X = load_iris().data
    >>> pca = PCA(n_components=2).fit(X)
    >>> pca.explained_variance_ratio_.round(4)
    array([0.9246, 0.0531])
    >>> theirs = sklearn.decomposition.PCA(n_components=2, svd_solver="full").fit(X)
    >>> bool(np.allclose(pca.components_, theirs.components_) and np.allclose(pca.transform(X), theirs.transform(X)))
    True
    """

    def __init__(self, n_components=None, *, svd_solver="full", whiten=False, random_state=None,
                 n_oversamples=10, iterated_power="auto", power_iteration_normalizer="auto"):
        self.n_components = n_components
        self.svd_solver = svd_solver
        self.whiten = whiten
        self.random_state = random_state
        self.n_oversamples = n_oversamples
        self.iterated_power = iterated_power
        self.power_iteration_normalizer = power_iteration_normalizer

    def fit(self, X, y=None):
        """Fit the model: the mean, the components and the variances of ``X``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data, one sample per row; at least 2 samples. float32 is kept, every other
            real dtype becomes float64. ``X`` is never modified.
        y : None
            Ignored (present for scikit-learn's pipeline API).

        Returns
        -------
        self : PCA
            The fitted estimator.
        """
        self._fit(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit the model and return the coordinates of ``X`` along the kept components.

        Equal to ``fit(X).transform(X)`` to rounding, and cheaper for the ``"full"`` and
        ``"randomized"`` solvers: the scores are ``U S`` from the SVD already computed.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data.
        y : None
            Ignored.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
            The scores (whitened if ``whiten=True``).
        """
        U, s, Xc = self._fit(X)
        if U is None:  # covariance_eigh computed no U: project the centered data
            return self._project(Xc)
        Z = U * s  # (n_samples, k): Xc V = U S Vᵀ V = U S
        if self.whiten:
            Z /= self._whiten_scale()
        return Z

    def _fit(self, X):
        """Fit; return ``(U_k, s_k, Xc)`` with the signs of ``U_k`` matching ``components_`` (``U_k`` may be None)."""
        solver = check_option(self.svd_solver, "svd_solver", SOLVERS,
                              hint='"full" is accurate, "covariance_eigh" fast when n_samples ≫ n_features, '
                                   '"randomized" fast for a few components of a large matrix')
        check_bool(self.whiten, "whiten")
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        n_samples, n_features = X.shape
        if n_samples < 2:
            raise ShapeError(f"PCA needs at least 2 samples to estimate variances (they are divided by n_samples - 1), "
                             f"got n_samples = {n_samples} (X of shape {X.shape}); pass more samples")
        n_components = _check_n_components(self.n_components, solver, n_samples, n_features)
        r = min(n_samples, n_features)
        self.mean_ = X.mean(axis=0)  # (n_features,)
        Xc = X - self.mean_  # (n_samples, n_features), a new array: X itself is never modified

        if solver == "randomized":
            k = r if n_components is None else n_components
            U, s, Vt = randomized_svd(Xc, k, n_oversamples=self.n_oversamples, n_iter=self.iterated_power,
                                      power_iteration_normalizer=self.power_iteration_normalizer,
                                      random_state=self.random_state)
            explained_variance = s**2 / (n_samples - 1)
            total_var = _sum_of_squares(Xc) / (n_samples - 1)  # trace of the covariance, without forming it
            self.noise_variance_ = float((total_var - explained_variance.sum()) / (r - k)) if k < r else 0.0
        else:
            decompose = _svd_full if solver == "full" else _svd_covariance_eigh
            U, s, Vt, explained_variance = decompose(Xc)
            total_var = explained_variance.sum()
            k = _n_kept(n_components, explained_variance, total_var, n_samples)
            self.noise_variance_ = float(explained_variance[k:].mean()) if k < r else 0.0

        U_k, Vt_k = _svd_flip(np.empty((0, k), Vt.dtype) if U is None else U[:, :k], Vt[:k], u_based_decision=False)
        self.components_ = Vt_k  # (k, n_features), unit rows
        self.explained_variance_ = explained_variance[:k].copy()
        ratio = explained_variance[:k] / total_var if total_var > 0 else np.zeros_like(explained_variance[:k])
        self.explained_variance_ratio_ = ratio
        self.singular_values_ = s[:k].copy()
        self.n_components_ = int(k)
        self.n_samples_ = n_samples
        return (None if U is None else U_k), s[:k], Xc

    def transform(self, X):
        """The coordinates of ``X`` along the kept components, ``(X - mean_) @ components_.T``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Samples with the features seen in ``fit``.

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
            The scores; with ``whiten=True`` each column is divided by ``sqrt(explained_variance_)``.
        """
        check_is_fitted(self)
        X = validate_data(self, X, dtype=[np.float64, np.float32], reset=False)
        return self._project(X - self.mean_)

    def _project(self, Xc):
        Z = Xc @ self.components_.T  # (n_samples, k): one coordinate per component
        if self.whiten:
            Z /= self._whiten_scale()
        return Z

    def _whiten_scale(self):
        """The standard deviation along each component, at least eps (a zero-variance component is not divided by 0)."""
        scale = np.sqrt(self.explained_variance_)
        return np.maximum(scale, np.finfo(scale.dtype).eps)

    def inverse_transform(self, X):
        """Map coordinates along the components back to the feature space: ``X @ components_ + mean_``.

        For samples that lie in the span of the kept components (plus the mean) this undoes
        :meth:`transform`; otherwise it returns their orthogonal projection onto that affine
        subspace, the reconstruction whose squared error PCA minimizes.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_components_)
            Coordinates (whitened ones if ``whiten=True``; the whitening is undone first).

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
            The reconstructed samples.
        """
        check_is_fitted(self)
        Z = check_matrix(X, "X", allow_empty=True)
        if Z.shape[1] != self.n_components_:
            raise ShapeError(f"inverse_transform takes one column per component, {self.n_components_}, got "
                             f"{describe(Z)}; pass the output of transform, not the original data")
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_

    @property
    def _n_features_out(self):
        """Number of output features, for ``get_feature_names_out`` (``pca0``, ``pca1``, ...)."""
        return self.components_.shape[0]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def _sum_of_squares(Xc):
    """``Σ Xc_ij²``: one BLAS dot product in float64 (no temporary), NumPy's pairwise sum in float32."""
    if Xc.dtype == np.float64:
        return float(np.vdot(Xc, Xc))
    return float(np.sum(np.square(Xc)))


def _check_n_components(n_components, solver, n_samples, n_features):
    """``None``, an int, a fraction in (0, 1) or ``"mle"``, checked against the data and the solver."""
    r = min(n_samples, n_features)
    shape = f"X of shape ({n_samples}, {n_features})"
    if n_components is None:
        return None
    if isinstance(n_components, str):
        if n_components != "mle":
            raise InvalidParameterError(f"n_components must be None, an int, a float in (0, 1) or 'mle', got "
                                        f"{n_components!r}")
        if solver == "randomized":
            raise InvalidParameterError("n_components='mle' needs the whole spectrum, which svd_solver='randomized' "
                                        "does not compute; use svd_solver='full' or 'covariance_eigh'")
        if n_samples < n_features:
            raise InvalidParameterError(f"n_components='mle' needs n_samples >= n_features, got {shape}; pass an "
                                        "int number of components instead")
        return "mle"
    if isinstance(n_components, (bool, np.bool_)) or not isinstance(n_components, numbers.Real):
        raise DTypeError(f"n_components must be None, an int, a float in (0, 1) or 'mle', got {n_components!r} of "
                         f"type {type(n_components).__name__}")
    if isinstance(n_components, numbers.Integral):
        low = 1 if solver == "randomized" else 0
        if not low <= n_components <= r:
            raise OutOfRangeError(f"n_components must be in [{low}, min(n_samples, n_features) = {r}] with "
                                  f"svd_solver={solver!r}, got {n_components} ({shape}); the centered data has at "
                                  f"most {r} directions of nonzero variance")
        return int(n_components)
    if not 0 < n_components < 1:
        raise OutOfRangeError(f"a float n_components is the fraction of the variance to keep and must be in (0, 1), "
                              f"got {n_components!r}; pass an int for a number of components")
    if solver == "randomized":
        raise InvalidParameterError(f"n_components={n_components!r} (a fraction of the variance) needs the whole "
                                    "spectrum, which svd_solver='randomized' does not compute; use svd_solver='full' "
                                    "or 'covariance_eigh', or pass an int")
    return float(n_components)


def _n_kept(n_components, explained_variance, total_var, n_samples):
    """The number of components to keep once the spectrum is known."""
    r = len(explained_variance)
    if n_components is None:
        return r
    if n_components == "mle":
        return _infer_dimension(explained_variance, n_samples)
    if isinstance(n_components, float):
        if total_var <= 0:
            return r  # no variance at all: no number of components reaches a fraction of it
        cumulative = np.cumsum(explained_variance / total_var)
        return min(int(np.searchsorted(cumulative, n_components, side="right")) + 1, r)  # the first that EXCEEDS it
    return n_components


def _assess_dimension(spectrum, rank, n_samples):
    """Minka's (2000) Laplace approximation of the log-evidence of a rank-``rank`` model (as scikit-learn).

    Returns ``-inf`` when the rank's last eigenvalue is below 1e-15 or two eigenvalues tie (the
    approximation is undefined there).
    """
    n_features = spectrum.shape[0]
    eps = 1e-15
    if spectrum[rank - 1] < eps:
        return -np.inf
    pu = -rank * math.log(2.0)
    for i in range(1, rank + 1):
        pu += math.lgamma((n_features - i + 1) / 2.0) - math.log(math.pi) * (n_features - i + 1) / 2.0
    pl = -float(np.sum(np.log(spectrum[:rank]))) * n_samples / 2.0
    v = max(eps, float(np.sum(spectrum[rank:])) / (n_features - rank))
    pv = -math.log(v) * n_samples * (n_features - rank) / 2.0
    m = n_features * rank - rank * (rank + 1.0) / 2.0
    pp = math.log(2.0 * math.pi) * (m + rank) / 2.0
    spectrum_ = spectrum.astype(np.float64, copy=True)
    spectrum_[rank:] = v
    pa = 0.0
    for i in range(rank):
        for j in range(i + 1, n_features):
            term = (spectrum[i] - spectrum[j]) * (1.0 / spectrum_[j] - 1.0 / spectrum_[i])
            if not term > 0:
                return -np.inf  # tied eigenvalues
            pa += math.log(term) + math.log(n_samples)
    return pu + pl + pv + pp - pa / 2.0 - rank * math.log(n_samples) / 2.0


def _infer_dimension(spectrum, n_samples):
    """The rank in ``[1, n_features - 1]`` of largest evidence (0 if none can be assessed)."""
    ll = np.full(spectrum.shape[0], -np.inf)
    for rank in range(1, spectrum.shape[0]):
        ll[rank] = _assess_dimension(spectrum, rank, n_samples)
    return int(np.argmax(ll))
