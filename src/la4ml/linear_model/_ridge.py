"""Ridge regression: least squares with an α‖β‖² penalty, a better-posed system."""

from __future__ import annotations

import numpy as np
import scipy.linalg
from sklearn.base import MultiOutputMixin

from la4ml._validation import check_option, check_scalar
from la4ml.errors import NotPositiveDefiniteError, SingularMatrixError
from la4ml.factorizations import cholesky, cholesky_solve
from la4ml.linear_model._base import _LinearModel, _singular_gram
from la4ml.linear_model._lstsq import METHODS, lstsq

__all__ = ["Ridge"]


class Ridge(MultiOutputMixin, _LinearModel):
    """Ridge regression, ``min Σ (y_i - x_iᵀβ - c)² + α ‖β‖²``, by QR, SVD or the normal equations.

    Parameters
    ----------
    alpha : float, default 1.0
        The penalty ``α >= 0`` on the squared slopes (the intercept is not penalized). It adds
        ``α`` to every eigenvalue of ``XᵀX``, so ``κ(XᵀX + αI) = (σ₁² + α) / (σₙ² + α)``:
        any ``α > 0`` makes the system nonsingular. Not divided by ``n_samples`` (as in
        scikit-learn). ``α = 0`` is :class:`LinearRegression`.
    fit_intercept : bool, default True
        Center ``X`` and ``y``, solve for ``β``, then ``c = ȳ - x̄ᵀβ`` (as scikit-learn).
    solver : {"qr", "svd", "normal"}, default "qr"
        ``"qr"``: least squares on the stacked system ``[X; √α I] β ≈ [y; 0]`` (no ``XᵀX``
        formed). ``"svd"``: ``β = V diag(σ / (σ² + α)) Uᵀ y``. ``"normal"``: Cholesky of
        ``XᵀX + αI`` (scikit-learn's default ``"cholesky"``).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        The slopes ``β``.
    intercept_ : float or ndarray of shape (n_targets,)
        The intercept (``0.0`` when ``fit_intercept=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Setting the gradient of the penalized loss to zero gives ``(XᵀX + αI) β = Xᵀy``. Its
    solution is also the least-squares solution of the stacked system above, whose extra rows
    ``√α I`` make the columns independent whatever ``X`` is. In the SVD basis each
    component of ``Uᵀy`` is multiplied by ``σ / (σ² + α)`` instead of ``1 / σ``: directions with
    ``σ² ≫ α`` keep their least-squares value, those with ``σ² ≪ α`` are damped towards zero.

    References
    ----------
    A. E. Hoerl and R. W. Kennard, "Ridge regression: biased estimation for nonorthogonal
    problems", *Technometrics* 12(1), 1970, 55-67.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> import sklearn.linear_model
    >>> X, y = load_diabetes(return_X_y=True)
    >>> ours = Ridge(alpha=0.1).fit(X, y)
    >>> theirs = sklearn.linear_model.Ridge(alpha=0.1).fit(X, y)
    >>> bool(np.allclose(ours.coef_, theirs.coef_) and np.isclose(ours.intercept_, theirs.intercept_))
    True
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, solver="qr"):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.solver = solver

    def _check_params(self):
        check_option(self.solver, "solver", METHODS, hint='"qr" (default) never forms XᵀX')
        check_scalar(self.alpha, "alpha", min_val=0.0)

    def _solve(self, Xc, yc):
        alpha = float(self.alpha)
        if alpha == 0.0:
            try:
                return lstsq(Xc, yc, method=self.solver)
            except SingularMatrixError as err:
                raise _singular_gram(Xc, self.fit_intercept, "") from err
        n_features = Xc.shape[1]
        if self.solver == "qr":
            X_aug = np.vstack([Xc, np.sqrt(alpha) * np.eye(n_features)])  # (n_samples + n_features, n_features)
            y_aug = np.concatenate([yc, np.zeros((n_features,) + yc.shape[1:])])
            return lstsq(X_aug, y_aug, method="qr")
        if self.solver == "svd":
            U, s, Vt = scipy.linalg.svd(Xc, full_matrices=False)  # U (n, k), s (k,), Vt (k, p)
            d = s / (s**2 + alpha)  # the filter factors times 1/σ
            Uty = U.T @ yc
            return Vt.T @ (d * Uty if yc.ndim == 1 else d[:, None] * Uty)
        G = Xc.T @ Xc + alpha * np.eye(n_features)  # symmetric positive definite for α > 0
        try:
            L = cholesky(G, check_symmetric=False)
        except NotPositiveDefiniteError as err:  # α below the rounding level of XᵀX
            raise _singular_gram(Xc, self.fit_intercept, f" + αI (α = {alpha:.3g})") from err
        return cholesky_solve(L, Xc.T @ yc)
