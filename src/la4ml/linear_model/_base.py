"""Ordinary least squares as a scikit-learn estimator: center, solve, recover the intercept."""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from la4ml._validation import check_bool, check_option, check_vector
from la4ml.errors import OutOfRangeError, SingularMatrixError
from la4ml.linear_model._lstsq import METHODS, lstsq

try:
    from sklearn.utils.validation import validate_data
except ImportError:  # scikit-learn < 1.6

    def validate_data(estimator, *args, **kwargs):
        return estimator._validate_data(*args, **kwargs)


__all__ = ["LinearRegression"]


def _check_sample_weight(sample_weight, n_samples: int):
    """``None``, a scalar (one weight for every sample) or ``n_samples`` weights ``>= 0`` with a positive sum."""
    if sample_weight is None:
        return None
    if isinstance(sample_weight, numbers.Real) and not isinstance(sample_weight, (bool, np.bool_)):
        sample_weight = np.full(n_samples, float(sample_weight))
    sw = check_vector(sample_weight, "sample_weight", size=n_samples)
    if np.any(sw < 0):
        i = int(np.argmax(sw < 0))
        raise OutOfRangeError(f"sample_weight must be >= 0, got {sw[i]!r} at index {i}; a weight counts how much "
                              "a sample matters (0 leaves it out)")
    if not sw.sum() > 0:
        raise OutOfRangeError("sample_weight must not be all zero: no sample would be left to fit; "
                              "pass sample_weight=None to weight every sample equally")
    return sw


def _preprocess(X, y, sample_weight, fit_intercept: bool):
    """Center ``X`` and ``y`` at their (weighted) means, then scale each row by ``√w``.

    Returns ``(Xc, yc, X_offset, y_offset)``. Minimizing ``Σ w_i (y_i - x_iᵀβ - c)²`` over ``c``
    gives ``c = ȳ - x̄ᵀβ`` (weighted means), so after centering the intercept drops out and
    ``β`` solves an ordinary least-squares problem in ``√w``-scaled rows.
    """
    if fit_intercept:
        X_offset = np.average(X, axis=0, weights=sample_weight)  # (n_features,)
        y_offset = np.average(y, axis=0, weights=sample_weight)  # () or (n_targets,)
        Xc, yc = X - X_offset, y - y_offset
    else:
        X_offset = np.zeros(X.shape[1])
        y_offset = np.zeros(y.shape[1:]) if y.ndim == 2 else 0.0
        Xc, yc = X, y
    if sample_weight is not None:
        root = np.sqrt(sample_weight)
        Xc = Xc * root[:, None]
        yc = yc * (root[:, None] if yc.ndim == 2 else root)
    return Xc, yc, X_offset, y_offset


class _LinearModel(RegressorMixin, BaseEstimator):
    """Shared fit/predict of the direct least-squares estimators; subclasses define ``_solve``."""

    def fit(self, X, y, sample_weight=None):
        """Fit the linear model.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data (float32 and integers are computed in float64).
        y : array_like of shape (n_samples,) or (n_samples, n_targets)
            Targets.
        sample_weight : float or array_like of shape (n_samples,), optional
            Nonnegative weight of each sample: the loss is ``Σ w_i (y_i - ŷ_i)²``.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        self._check_params()
        fit_intercept = check_bool(self.fit_intercept, "fit_intercept")
        X, y = validate_data(self, X, y, y_numeric=True, multi_output=True, dtype=np.float64)
        sw = _check_sample_weight(sample_weight, X.shape[0])
        Xc, yc, X_offset, y_offset = _preprocess(X, y, sw, fit_intercept)
        coef = self._solve(Xc, yc)  # (n_features,) or (n_features, n_targets)
        self.coef_ = coef.T  # scikit-learn's shape: (n_features,) or (n_targets, n_features)
        self.intercept_ = y_offset - X_offset @ coef if fit_intercept else 0.0
        return self

    def predict(self, X):
        """Predict ``X @ coef_.T + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Samples, with the features seen in ``fit``.

        Returns
        -------
        y_hat : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predictions.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_.T + self.intercept_


class LinearRegression(MultiOutputMixin, _LinearModel):
    """Ordinary least squares, ``min Σ (y_i - x_iᵀβ - c)²``, by QR, SVD or the normal equations.

    Parameters
    ----------
    fit_intercept : bool, default True
        Fit the intercept ``c``: ``X`` and ``y`` are centered at their means, the slopes
        ``β`` solve least squares on the centered data, and ``c = ȳ - x̄ᵀβ``. With ``False``
        the model goes through the origin.
    solver : {"qr", "svd", "normal"}, default "qr"
        How :func:`~la4ml.linear_model.lstsq` solves it. ``"qr"`` and ``"svd"`` accept
        linearly dependent features (minimum-norm solution); ``"normal"`` raises
        :class:`~la4ml.errors.SingularMatrixError` for them.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        The slopes ``β``.
    intercept_ : float or ndarray of shape (n_targets,)
        The intercept ``c`` (``0.0`` when ``fit_intercept=False``).
    rank_ : int
        Numerical rank of the (centered) design the solver used.
    n_features_in_ : int
        Number of features seen in ``fit``.

    See Also
    --------
    sklearn.linear_model.LinearRegression : the same model; it calls ``scipy.linalg.lstsq``
        with ``cond=tol`` (``tol=1e-6`` by default), so it treats singular values below
        ``1e-6 · σ_max`` as zero, where this class keeps every one above ``max(m, n) · eps · σ_max``.

    Notes
    -----
    Intercept handling as in scikit-learn: with weights, the means are weighted and each
    centered row is multiplied by ``√w_i``. The results equal scikit-learn's to rounding on the
    same input whenever the design's condition number is below ``1e6``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> import sklearn.linear_model
    >>> X, y = load_diabetes(return_X_y=True)
    >>> ours = LinearRegression().fit(X, y)
    >>> round(float(ours.intercept_), 4), ours.rank_
    (152.1335, 10)
    >>> theirs = sklearn.linear_model.LinearRegression().fit(X, y)
    >>> bool(np.allclose(ours.coef_, theirs.coef_) and np.isclose(ours.intercept_, theirs.intercept_))
    True
    """

    def __init__(self, *, fit_intercept=True, solver="qr"):
        self.fit_intercept = fit_intercept
        self.solver = solver

    def _check_params(self):
        check_option(self.solver, "solver", METHODS, hint='"qr" (default) is robust; "normal" squares the condition number')

    def _solve(self, Xc, yc):
        try:
            x, _, self.rank_ = lstsq(Xc, yc, method=self.solver, full_output=True)
        except SingularMatrixError as err:
            raise _singular_gram(Xc, self.fit_intercept, "") from err
        return x


def _singular_gram(Xc, fit_intercept: bool, extra: str) -> SingularMatrixError:
    """The error of the normal equations on dependent features, in the estimator's terms."""
    n, p = Xc.shape
    return SingularMatrixError(
        f"XᵀX{' of the centered X' if fit_intercept else ''}{extra} is singular to working precision "
        f"(n_samples = {n}, n_features = {p}): the features are linearly dependent"
        f"{' once their means are removed' if fit_intercept else ''}, or nearly so, and the normal "
        "equations have no unique (or no accurate) solution; use solver='qr' or solver='svd' "
        "(minimum-norm solution), or Ridge with a larger alpha"
    )

