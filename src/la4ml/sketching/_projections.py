"""Gaussian and sparse (Achlioptas / Li) random projections with scikit-learn's interface."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import scipy.linalg
import scipy.sparse
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.exceptions import DataDimensionalityWarning
from sklearn.utils import check_random_state
from sklearn.utils.random import sample_without_replacement
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from la4ml.errors import DTypeError, InvalidParameterError, OutOfRangeError
from la4ml.sketching._jl import johnson_lindenstrauss_min_dim

__all__ = ["GaussianRandomProjection", "SparseRandomProjection"]


class _BaseRandomProjection(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Shared fit/inverse logic: choose ``k`` (JL bound or given), draw ``components_`` of shape (k, n_features)."""

    def _check_params(self):
        k = self.n_components
        if not (isinstance(k, str) and k == "auto"):
            if isinstance(k, (bool, np.bool_)) or not isinstance(k, (numbers.Integral, np.integer)):
                raise InvalidParameterError(f"n_components must be a positive int or 'auto', got {k!r}; 'auto' "
                                            "uses the Johnson–Lindenstrauss bound for eps")
            if k < 1:
                raise OutOfRangeError(f"n_components must be >= 1, got {k}")
        eps = self.eps
        if isinstance(eps, (bool, np.bool_)) or not isinstance(eps, numbers.Real) or not 0 < eps < 1:
            raise OutOfRangeError(f"eps must be a number strictly between 0 and 1, got {eps!r}; 0.1 is usual")
        if not isinstance(self.compute_inverse_components, (bool, np.bool_)):
            raise DTypeError(f"compute_inverse_components must be True or False, got "
                             f"{self.compute_inverse_components!r}")

    def fit(self, X, y=None):
        """Draw the random matrix for ``X``'s number of features (``X``'s values are not used).

        Parameters
        ----------
        X : {array_like, sparse matrix} of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        self._check_params()
        X = validate_data(self, X, accept_sparse=["csr", "csc"], dtype=[np.float64, np.float32])
        n_samples, n_features = X.shape
        if isinstance(self.n_components, str):
            self.n_components_ = int(johnson_lindenstrauss_min_dim(n_samples, eps=self.eps))
            if self.n_components_ <= 0:
                raise OutOfRangeError(
                    f"eps={self.eps} and n_samples={n_samples} give a target dimension of {self.n_components_}; "
                    "fit on more than one sample or pass an int n_components")
            if self.n_components_ > n_features:
                raise OutOfRangeError(
                    f"eps={self.eps} and n_samples={n_samples} give a target dimension of {self.n_components_}, "
                    f"more than the n_features={n_features} of X: a random projection cannot reduce it; raise eps "
                    "or pass a smaller int n_components")
        else:
            if self.n_components > n_features:
                warnings.warn(f"n_components={self.n_components} is more than the n_features={n_features} of X: the "
                              "projection will not reduce the dimension", DataDimensionalityWarning, stacklevel=2)
            self.n_components_ = int(self.n_components)
        rng = check_random_state(self.random_state)       # scikit-learn's: an int seeds a RandomState
        self.components_ = self._make_random_matrix(self.n_components_, n_features, rng).astype(X.dtype, copy=False)
        if self.compute_inverse_components:
            self.inverse_components_ = self._compute_inverse_components()
        self._n_features_out = self.n_components_
        return self

    def _compute_inverse_components(self):
        R = self.components_
        R = R.toarray() if scipy.sparse.issparse(R) else R
        return scipy.linalg.pinv(R, check_finite=False)    # (n_features, k)

    def inverse_transform(self, X):
        """Map projected points back with the pseudo-inverse of ``components_`` (a least-squares lift).

        Parameters
        ----------
        X : {array_like, sparse matrix} of shape (n_samples, n_components_)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self)
        X = check_array(X, dtype=[np.float64, np.float32], accept_sparse=("csr", "csc"))
        inverse = self.inverse_components_ if self.compute_inverse_components else self._compute_inverse_components()
        return X @ inverse.T

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        tags.input_tags.sparse = True
        return tags


class GaussianRandomProjection(_BaseRandomProjection):
    """Reduce dimension by a random Gaussian matrix with entries ``N(0, 1/k)``.

    The same parameters, attributes and random draws as scikit-learn's
    ``sklearn.random_projection.GaussianRandomProjection``: for the same integer
    ``random_state`` both produce the same ``components_`` and the same projection.

    Parameters
    ----------
    n_components : int or "auto", default "auto"
        The target dimension ``k``; ``"auto"`` takes :func:`johnson_lindenstrauss_min_dim` of the
        number of samples seen in ``fit`` and ``eps``.
    eps : float, default 0.1
        The distortion allowed by ``"auto"``, in (0, 1).
    compute_inverse_components : bool, default False
        Store the pseudo-inverse of ``components_`` at fit time (for ``inverse_transform``).
    random_state : None, int or numpy.random.RandomState, optional
        The source of the matrix; an int makes it reproducible.

    Attributes
    ----------
    n_components_ : int
    components_ : ndarray of shape (n_components_, n_features)
        Entries drawn from ``N(0, 1/n_components_)``: the ``1/√k`` scale makes ``E‖Rx‖² = ‖x‖²``.
    inverse_components_ : ndarray of shape (n_features, n_components_)
        Only when ``compute_inverse_components``.
    n_features_in_ : int

    Notes
    -----
    ``transform(X)`` is ``X @ components_.T``. Each coordinate of ``Rx`` is ``gᵀx / √k`` with
    ``g`` standard normal, so it has variance ``‖x‖²/k`` and ``‖Rx‖²`` is ``‖x‖²/k`` times a χ² with ``k`` degrees of
    freedom: its mean is ``‖x‖²`` and its relative spread about ``√(2/k)``. Without the ``1/√k``
    every squared distance would come out ``k`` times too large.

    References
    ----------
    S. Dasgupta and A. Gupta, "An elementary proof of a theorem of Johnson and Lindenstrauss",
    *Random Structures & Algorithms* 22(1), 60–65, 2003.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.sketching import GaussianRandomProjection
    >>> X = np.random.default_rng(0).standard_normal((50, 2000))
    >>> Y = GaussianRandomProjection(300, random_state=0).fit_transform(X)
    >>> Y.shape
    (50, 300)
    >>> from sklearn.random_projection import GaussianRandomProjection as SkGRP
    >>> bool(np.allclose(Y, SkGRP(300, random_state=0).fit_transform(X)))
    True
    """

    def __init__(self, n_components="auto", *, eps=0.1, compute_inverse_components=False, random_state=None):
        self.n_components = n_components
        self.eps = eps
        self.compute_inverse_components = compute_inverse_components
        self.random_state = random_state

    def _make_random_matrix(self, n_components, n_features, rng):
        return rng.normal(loc=0.0, scale=1.0 / np.sqrt(n_components), size=(n_components, n_features))

    def transform(self, X):
        """Project ``X``: ``X @ components_.T``.

        Parameters
        ----------
        X : {array_like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
        """
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False, dtype=[np.float64, np.float32])
        return np.asarray(X @ self.components_.T)


class SparseRandomProjection(_BaseRandomProjection):
    """Reduce dimension by a sparse random matrix of ``0`` and ``±√(s/k)`` (Achlioptas; Li, Hastie and Church).

    The same parameters, attributes and random draws as scikit-learn's
    ``sklearn.random_projection.SparseRandomProjection``: for the same integer ``random_state``
    both produce the same ``components_``.

    Parameters
    ----------
    n_components : int or "auto", default "auto"
        The target dimension ``k``; ``"auto"`` uses :func:`johnson_lindenstrauss_min_dim`.
    density : float in (0, 1] or "auto", default "auto"
        The expected fraction ``1/s`` of nonzero entries. ``"auto"`` is ``1/√n_features`` (Li et
        al.'s "very sparse" choice); ``1/3`` is Achlioptas's; ``1`` gives dense ``±1/√k`` entries.
    eps : float, default 0.1
        The distortion allowed by ``"auto"``, in (0, 1).
    dense_output : bool, default False
        Return a dense array even for sparse input (``transform`` of dense input is always dense).
    compute_inverse_components : bool, default False
        Store the pseudo-inverse of ``components_`` at fit time.
    random_state : None, int or numpy.random.RandomState, optional

    Attributes
    ----------
    n_components_ : int
    components_ : scipy.sparse CSR matrix of shape (n_components_, n_features)
        (a dense ndarray when ``density == 1``).
    density_ : float
        The density used (``"auto"`` resolved).
    inverse_components_ : ndarray of shape (n_features, n_components_)
    n_features_in_ : int

    Notes
    -----
    With ``s = 1/density`` each entry is ``+√(s/k)`` or ``−√(s/k)`` with probability ``1/(2s)``
    each and ``0`` otherwise: mean 0 and variance ``(1/s)(s/k) = 1/k``, the Gaussian's, so the
    squared norms are preserved in expectation. Only a fraction ``1/s`` of the entries is stored and
    multiplied.

    References
    ----------
    D. Achlioptas, "Database-friendly random projections: Johnson–Lindenstrauss with binary coins",
    *Journal of Computer and System Sciences* 66(4), 671–687, 2003. P. Li, T. J. Hastie and
    K. W. Church, "Very sparse random projections", *KDD* 2006, 287–296.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.sketching import SparseRandomProjection
    >>> X = np.random.default_rng(0).standard_normal((50, 2000))
    >>> srp = SparseRandomProjection(300, random_state=0).fit(X)
    >>> float(round(srp.density_, 4)), srp.components_.shape
    (0.0224, (300, 2000))
    >>> from sklearn.random_projection import SparseRandomProjection as SkSRP
    >>> bool(np.allclose(srp.transform(X), SkSRP(300, random_state=0).fit_transform(X)))
    True
    """

    def __init__(self, n_components="auto", *, density="auto", eps=0.1, dense_output=False,
                 compute_inverse_components=False, random_state=None):
        self.n_components = n_components
        self.density = density
        self.eps = eps
        self.dense_output = dense_output
        self.compute_inverse_components = compute_inverse_components
        self.random_state = random_state

    def _check_params(self):
        super()._check_params()
        d = self.density
        if not (isinstance(d, str) and d == "auto"):
            if isinstance(d, (bool, np.bool_)) or not isinstance(d, numbers.Real) or not 0 < d <= 1:
                raise OutOfRangeError(f"density must be in (0, 1] or 'auto' (1/sqrt(n_features)), got {d!r}; "
                                      "1/3 is Achlioptas's choice")
        if not isinstance(self.dense_output, (bool, np.bool_)):
            raise DTypeError(f"dense_output must be True or False, got {self.dense_output!r}")

    def _make_random_matrix(self, n_components, n_features, rng):
        density = 1 / np.sqrt(n_features) if isinstance(self.density, str) else float(self.density)
        self.density_ = density
        scale = np.sqrt(1 / density) / np.sqrt(n_components)       # √(s/k)
        if density == 1:
            return scale * (rng.binomial(1, 0.5, (n_components, n_features)) * 2 - 1)
        indices, indptr = [], [0]
        for _ in range(n_components):                               # row i: Binomial(n_features, density) nonzeros
            n_nonzero = rng.binomial(n_features, density)
            indices.append(sample_without_replacement(n_features, n_nonzero, random_state=rng))
            indptr.append(indptr[-1] + n_nonzero)
        indices = np.concatenate(indices)
        signs = rng.binomial(1, 0.5, size=indices.size) * 2 - 1     # ±1 with probability 1/2 each
        R = scipy.sparse.csr_matrix((signs * scale, indices, indptr), shape=(n_components, n_features))
        return R

    def transform(self, X):
        """Project ``X``: ``X @ components_.T`` (sparse for sparse ``X`` unless ``dense_output``).

        Parameters
        ----------
        X : {array_like, sparse matrix} of shape (n_samples, n_features)

        Returns
        -------
        X_new : {ndarray, sparse matrix} of shape (n_samples, n_components_)
        """
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc"], reset=False, dtype=[np.float64, np.float32])
        Y = X @ self.components_.T
        if scipy.sparse.issparse(Y):
            return Y.toarray() if self.dense_output else Y
        return np.asarray(Y)
