"""Kernel ridge regression: ridge regression in a kernel's feature space, solved by Cholesky."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from la4ml._validation import check_option, check_scalar
from la4ml.errors import NotPositiveDefiniteError
from la4ml.factorizations import cholesky, cholesky_solve
from la4ml.kernels._pairwise import linear_kernel, polynomial_kernel, rbf_kernel
from la4ml.linear_model._base import _check_sample_weight, validate_data

__all__ = ["KernelRidge"]

KERNELS = ("rbf", "linear", "poly", "polynomial", "precomputed")


class KernelRidge(MultiOutputMixin, RegressorMixin, BaseEstimator):
    """Kernel ridge regression: solve ``(K + αI) c = y``, predict ``k(x, X_fit) c``.

    Parameters
    ----------
    alpha : float, default 1.0
        The penalty ``α >= 0`` on ``‖f‖²`` in the kernel's feature space. It is added to the
        *diagonal* of ``K`` only (every eigenvalue moves up by ``α``), and it is not multiplied
        by ``n_samples`` (as in scikit-learn).
    kernel : {"rbf", "linear", "poly", "polynomial", "precomputed"}, default "rbf"
        The kernel (:func:`rbf_kernel`, :func:`linear_kernel`, :func:`polynomial_kernel`), or
        ``"precomputed"``: ``X`` passed to ``fit`` is the training Gram matrix and ``X`` passed to
        ``predict`` the test-versus-train kernel of shape ``(n_test, n_train)``. Note that the
        default differs from scikit-learn's (``"linear"``).
    gamma : float, default None
        For ``"rbf"`` and ``"poly"``; ``None`` means ``1 / n_features``.
    degree : float, default 3
        For ``"poly"``.
    coef0 : float, default 1
        For ``"poly"``.

    Attributes
    ----------
    dual_coef_ : ndarray of shape (n_samples,) or (n_samples, n_targets)
        The coefficients ``c`` of the training samples: ``f(x) = Σ_i c_i k(x, x_i)``.
    X_fit_ : ndarray of shape (n_samples, n_features)
        The training samples (the training Gram matrix with ``kernel="precomputed"``).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Ridge regression on features ``φ(x)`` minimizes ``Σ w_i (y_i - φ(x_i)ᵀβ)² + α‖β‖²``. Its
    solution is a combination of the training features, ``β = Σ_i c_i φ(x_i)``, and substituting
    it turns the normal equations into ``(K + αI) c = y`` with ``K_ij = k(x_i, x_j)``: only inner
    products are needed. With sample weights ``w`` the system is ``(W^½ K W^½ + αI) c' = W^½ y``,
    ``c = W^½ c'``. ``K`` is positive semidefinite (Mercer), so ``K + αI`` is positive definite
    for ``α > 0`` and Cholesky (:func:`la4ml.factorizations.cholesky`, about ``n³/3`` flops)
    solves it. There is no intercept (as in scikit-learn): center ``y`` yourself, or use a kernel
    with a constant term (``coef0 > 0``).

    References
    ----------
    B. Schölkopf and A. J. Smola, *Learning with Kernels*, MIT Press, 2002, §4.2 (the representer
    theorem). K. P. Murphy, *Machine Learning: A Probabilistic Perspective*, MIT Press, 2012, §14.4.3.

    Examples
    --------
    >>> import numpy as np
    >>> import sklearn.kernel_ridge
    >>> from sklearn.datasets import load_diabetes
    >>> X, y = load_diabetes(return_X_y=True)
    >>> ours = KernelRidge(alpha=0.1, gamma=0.5).fit(X[:300], y[:300])
    >>> theirs = sklearn.kernel_ridge.KernelRidge(alpha=0.1, kernel="rbf", gamma=0.5).fit(X[:300], y[:300])
    >>> np.allclose(ours.predict(X[300:]), theirs.predict(X[300:]), rtol=1e-8)
    True
    """

    def __init__(self, alpha=1.0, *, kernel="rbf", gamma=None, degree=3, coef0=1):
        self.alpha = alpha
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.pairwise = self.kernel == "precomputed"
        return tags

    def _get_kernel(self, X, Y=None):
        if self.kernel == "precomputed":
            return np.array(X, dtype=np.float64)
        if self.kernel == "linear":
            return linear_kernel(X, Y)
        if self.kernel == "rbf":
            return rbf_kernel(X, Y, gamma=self.gamma)
        return polynomial_kernel(X, Y, degree=self.degree, gamma=self.gamma, coef0=self.coef0)

    def fit(self, X, y, sample_weight=None):
        """Fit the model: solve ``(K + αI) c = y`` by Cholesky.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data (with ``kernel="precomputed"``: the Gram matrix, ``(n_samples, n_samples)``).
        y : array_like of shape (n_samples,) or (n_samples, n_targets)
            Targets.
        sample_weight : float or array_like of shape (n_samples,), optional
            Nonnegative weight of each sample in the squared loss.

        Returns
        -------
        self : object
            The fitted estimator.

        Raises
        ------
        NotPositiveDefiniteError
            ``K + αI`` is not positive definite: ``α = 0`` with duplicated samples (or a kernel
            that is not positive semidefinite). The message says to increase ``alpha``.
        """
        check_option(self.kernel, "kernel", KERNELS, hint='"rbf" (default) fits nonlinear functions')
        alpha = float(check_scalar(self.alpha, "alpha", min_val=0.0))
        X, y = validate_data(self, X, y, y_numeric=True, multi_output=True, dtype=np.float64)
        if self.kernel == "precomputed" and X.shape[0] != X.shape[1]:
            raise ValueError(f"with kernel='precomputed', X must be the square training Gram matrix, "
                             f"got shape {X.shape}; pass rbf_kernel(X_train) (or another kernel of X_train)")
        sw = _check_sample_weight(sample_weight, X.shape[0])
        K = self._get_kernel(X)  # (n_samples, n_samples)
        yw = y
        if sw is not None:
            root = np.sqrt(sw)
            K = root[:, None] * K * root[None, :]
            yw = y * (root[:, None] if y.ndim == 2 else root)
        n = K.shape[0]
        A = K + alpha * np.eye(n)  # α on the diagonal only: every eigenvalue of K moves up by α
        try:
            L = cholesky(A, check_symmetric=False)
        except NotPositiveDefiniteError as err:
            raise NotPositiveDefiniteError(
                f"K + alpha*I (alpha = {alpha:.3g}, n_samples = {n}) is not positive definite to working "
                "precision: the kernel matrix is singular (duplicated samples, or more samples than the "
                "kernel's feature space has dimensions) or not positive semidefinite; use a larger alpha "
                f"(such as 1e-6 times the kernel's largest entry, {np.abs(K).max():.3g})"
            ) from err
        c = cholesky_solve(L, yw)
        if sw is not None:
            c = c * (root[:, None] if c.ndim == 2 else root)
        self.dual_coef_ = c
        self.X_fit_ = X
        return self

    def predict(self, X):
        """Predict ``k(X, X_fit_) @ dual_coef_``.

        Parameters
        ----------
        X : array_like of shape (n_test, n_features)
            Samples (with ``kernel="precomputed"``: the kernel between them and the training
            samples, ``(n_test, n_samples_fit)``).

        Returns
        -------
        y_hat : ndarray of shape (n_test,) or (n_test, n_targets)
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        K = X if self.kernel == "precomputed" else self._get_kernel(X, self.X_fit_)  # (n_test, n_samples)
        return K @ self.dual_coef_
