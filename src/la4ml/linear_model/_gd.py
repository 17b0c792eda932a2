"""Linear regression by (mini-batch) gradient descent on the mean squared error, with the 2/L step bound."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from la4ml._validation import check_bool, check_random_state, check_scalar
from la4ml.errors import ConvergenceWarning, LearningRateWarning
from la4ml.linear_model._base import validate_data

__all__ = ["GDRegressor"]


class GDRegressor(RegressorMixin, BaseEstimator):
    """Linear regression fitted by gradient descent on the MSE: full batch, mini-batch or stochastic.

    Parameters
    ----------
    learning_rate : float, optional
        The step size ``η > 0``. Default ``1 / L``, where ``L`` bounds the largest eigenvalue of
        the Hessian of every step's loss (see Notes): a step that is always stable. A given
        ``η >= 2 / L_full`` (``L_full`` the largest eigenvalue of the full-batch Hessian) raises
        a :class:`~la4ml.errors.LearningRateWarning`: gradient descent cannot converge there.
    batch_size : int, optional
        Samples per step. ``None`` (default) or ``>= n_samples``: full-batch gradient descent,
        one step per epoch. ``1``: stochastic gradient descent.
    max_epochs : int, default 1000
        Passes over the data at most.
    tol : float or None, default 1e-6
        Stop after the first epoch at which ``‖∇MSE(θ)‖ <= tol · ‖∇MSE(θ₀)‖`` (the gradient on
        the whole training set, relative to its value at the start, so the rule does not
        depend on the units of ``y``). ``None`` runs exactly ``max_epochs`` epochs.
    shuffle : bool, default True
        Draw a new random order of the samples at every epoch (mini-batches only).
    random_state : None, int or numpy.random.Generator
        Seed of the shuffling.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights.
    intercept_ : float
        The bias.
    loss_curve_ : ndarray of shape (n_iter_ + 1,)
        The MSE on the whole training set at the start (``θ = 0``) and after each epoch.
    n_iter_ : int
        Epochs run.
    learning_rate_ : float
        The step size used.
    lipschitz_ : float
        ``L_full``, the largest eigenvalue of the full-batch Hessian ``(2/n) AᵀA``: the gradient's
        Lipschitz constant. Full-batch descent converges exactly when ``learning_rate_ < 2 / lipschitz_``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    With ``A = [X 1]`` (the bias as a last column of ones) and ``θ = (w, b)``, the loss is
    ``MSE(θ) = ‖Aθ - y‖² / n``, its gradient ``(2/n) Aᵀ(Aθ - y)`` and its Hessian the constant
    ``H = (2/n) AᵀA``. A step ``θ ← θ - η ∇MSE`` multiplies the error along the eigenvector of
    ``H`` with eigenvalue ``λ`` by ``1 - ηλ``, so full-batch descent converges exactly when
    ``η < 2 / L_full``; ``1 / L_full`` is the default. A mini-batch ``B`` has its own Hessian
    ``(2/|B|) A_BᵀA_B``, whose largest eigenvalue is at most ``(2/|B|) Σ_{i∈B} ‖a_i‖²``; the
    default step uses the largest such bound over batches (the ``|B|`` largest row norms), so every
    step of the default is stable. The starting point is ``θ = 0``; the features are not rescaled.

    References
    ----------
    Y. Nesterov, *Lectures on Convex Optimization*, 2nd ed., Springer, 2018, §2.1.5
    (gradient descent with step ``1/L``); L. Bottou, F. E. Curtis and J. Nocedal, "Optimization
    methods for large-scale machine learning", *SIAM Review* 60(2), 2018, §4 (mini-batch steps).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 2))
    >>> y = X @ np.array([2.0, -1.0]) + 0.5 + 0.1 * rng.standard_normal(50)
    >>> gd = GDRegressor().fit(X, y)
    >>> gd.n_iter_ < gd.max_epochs, gd.loss_curve_.shape == (gd.n_iter_ + 1,)
    (True, True)
    >>> A = np.column_stack([X, np.ones(50)])
    >>> np.allclose(np.append(gd.coef_, gd.intercept_), np.linalg.lstsq(A, y, rcond=None)[0], atol=1e-5)
    True
    """

    def __init__(self, *, learning_rate=None, batch_size=None, max_epochs=1000, tol=1e-6, shuffle=True,
                 random_state=None):
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.tol = tol
        self.shuffle = shuffle
        self.random_state = random_state

    def _check_params(self):
        if self.learning_rate is not None:
            check_scalar(self.learning_rate, "learning_rate", min_val=0.0, include_min=False)
        if self.batch_size is not None:
            check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        check_scalar(self.max_epochs, "max_epochs", kind=numbers.Integral, min_val=1)
        if self.tol is not None:
            check_scalar(self.tol, "tol", min_val=0.0)
        check_bool(self.shuffle, "shuffle")

    def fit(self, X, y):
        """Run gradient descent from ``θ = 0``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Training data.
        y : array_like of shape (n_samples,)
            Targets.

        Returns
        -------
        self : object
            The fitted estimator.

        Warns
        -----
        LearningRateWarning
            ``learning_rate >= 2 / lipschitz_`` (and again if the loss overflows).
        ConvergenceWarning
            ``tol`` was not met within ``max_epochs`` epochs.
        """
        self._check_params()
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64)
        rng = check_random_state(self.random_state)
        n, p = X.shape
        A = np.column_stack([X, np.ones(n)])  # (n, p + 1): the bias is the last weight
        batch = n if self.batch_size is None else min(int(self.batch_size), n)
        L_full, L_step = _lipschitz(A, batch)
        if self.learning_rate is None:
            lr = 1.0 / L_step
        else:
            lr = float(self.learning_rate)
            if lr >= 2.0 / L_full:
                warnings.warn(
                    f"learning_rate={lr:.4g} is at or above 2/L = {2.0 / L_full:.4g}, where L = {L_full:.4g} is the "
                    f"largest eigenvalue of the Hessian (2/n)AᵀA of the MSE (A = [X 1]): each step multiplies the "
                    f"error along that eigenvector by |1 - ηL| = {abs(1.0 - lr * L_full):.3g} >= 1, so gradient "
                    "descent cannot converge; use learning_rate=None (1/L) or any value below 2/L",
                    LearningRateWarning, stacklevel=2)
        order = (lambda: rng.permutation(n)) if (self.shuffle and batch < n) else (lambda: np.arange(n))
        theta, losses, ratio = _descend(A, y, lr, batch=batch, max_epochs=self.max_epochs, tol=self.tol, order=order)
        if not np.isfinite(losses[-1]):
            warnings.warn(f"gradient descent diverged: the loss overflowed at epoch {len(losses) - 1} with "
                          f"learning_rate={lr:.4g} (2/L = {2.0 / L_full:.4g}); lower the learning rate",
                          LearningRateWarning, stacklevel=2)
        elif self.tol is not None and ratio > self.tol:
            warnings.warn(
                f"gradient descent stopped after max_epochs={self.max_epochs} epochs with ‖gradient‖ / ‖initial "
                f"gradient‖ = {ratio:.3g} > tol = {self.tol:g}; raise max_epochs, use a larger learning rate "
                "(below 2/L), scale the features, or pass tol=None to run a fixed number of epochs"
                + (" (a constant step on mini-batches leaves a noise floor: a larger batch_size or a smaller "
                   "learning_rate lowers it)" if batch < n else ""),
                ConvergenceWarning, stacklevel=2)
        self.coef_, self.intercept_ = theta[:p].copy(), float(theta[p])
        self.loss_curve_ = np.array(losses)
        self.n_iter_ = len(losses) - 1
        self.learning_rate_ = lr
        self.lipschitz_ = L_full
        return self

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_hat : ndarray of shape (n_samples,)
            Predictions.
        """
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return X @ self.coef_ + self.intercept_


def _lipschitz(A: np.ndarray, batch: int) -> tuple[float, float]:
    """``L_full``, the largest eigenvalue of ``H = (2/n) AᵀA``, and the bound the default step uses.

    A mini-batch ``B`` has the Hessian ``(2/|B|) A_BᵀA_B``; its largest eigenvalue is at most its
    trace, ``(2/|B|) Σ_{i∈B} ‖a_i‖²``, which is largest for the ``|B|`` longest rows.
    """
    n = A.shape[0]
    L_full = 2.0 / n * float(np.linalg.eigvalsh(A.T @ A)[-1])
    if batch >= n:
        return L_full, L_full
    row_sq = np.sort(np.einsum("ij,ij->i", A, A))  # ‖a_i‖², ascending
    return L_full, max(L_full, 2.0 / batch * float(row_sq[-batch:].sum()))


def _descend(A, y, lr, *, batch, max_epochs, tol, order):
    """Gradient descent on ``MSE(θ) = ‖Aθ - y‖² / n`` from ``θ = 0``: ``θ ← θ - η (2/|B|) A_Bᵀ(A_B θ - y_B)``.

    Returns ``(θ, losses, ratio)``: the losses on the whole training set before the first epoch
    and after each one, and ``‖∇MSE(θ)‖ / ‖∇MSE(0)‖`` at the end. Stops when that ratio is at
    most ``tol`` (never when ``tol`` is None), after ``max_epochs`` epochs, or when the loss overflows.
    """
    n = A.shape[0]
    theta = np.zeros(A.shape[1])
    residual = A @ theta - y  # (n,)
    losses = [float(residual @ residual) / n]
    g0 = np.linalg.norm(2.0 / n * (A.T @ residual))
    ratio = 0.0 if g0 == 0.0 else 1.0
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(max_epochs):
            if tol is not None and ratio <= tol:
                break
            idx_all = order()  # a new random order of the samples at every epoch (or 0, 1, ..., n-1)
            for start in range(0, n, batch):
                idx = idx_all[start:start + batch]
                Ab = A[idx]  # (|B|, p + 1)
                theta = theta - lr * (2.0 / len(idx)) * (Ab.T @ (Ab @ theta - y[idx]))
            residual = A @ theta - y
            losses.append(float(residual @ residual) / n)
            if not np.isfinite(losses[-1]):
                break
            ratio = 0.0 if g0 == 0.0 else float(np.linalg.norm(2.0 / n * (A.T @ residual)) / g0)
    return theta, losses, ratio
