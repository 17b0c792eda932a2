"""Redundant (collinear) features and variance inflation factors of a data matrix."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_bool, check_matrix
from la4ml.errors import EmptyInputError, ZeroVectorError
from la4ml.spaces._checks import check_tol
from la4ml.spaces._independence import _default_tol_of, _greedy_basis, _lstsq_residual

__all__ = ["redundant_features", "variance_inflation_factors"]


def _column_scales(X: np.ndarray) -> np.ndarray:
    """A power of two per column, within a factor 2 of its largest |entry| (1 for a zero column)."""
    top = np.max(np.abs(X), axis=0, initial=0.0)  # (n_features,)
    _, e = np.frexp(np.where(top > 0, top, 1.0))
    return np.ldexp(1.0, e - 1)


def redundant_features(X: Any, tol: float | None = None, *, center: bool = False) -> np.ndarray:
    r"""Feature columns of ``X`` that are linear combinations of earlier columns.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        A data matrix, features in columns.
    tol : float >= 0, optional
        How close to the span of the earlier columns a column must lie to be redundant,
        measured on columns scaled to length 1 as in ``column_basis(..., method='greedy')``:
        the smallest change that makes the column a combination of the earlier kept ones (at
        most the sine of the angle between the column and their span). The default,
        ``S.max() * max(n_samples, n_features) * eps`` for the
        singular values ``S`` of the scaled matrix, flags exact dependence up to rounding only;
        pass e.g. ``tol=1e-6`` to flag near-duplicates as well.
    center : bool, keyword-only, default False
        Subtract each column's mean first. Then the question is about affine dependence, the
        one that matters for a model with an intercept: ``x2 = 3 x1 + 5`` is redundant and a
        constant column is redundant (the intercept already is one).

    Returns
    -------
    ndarray of int of shape (n_redundant,)
        Indices of the redundant columns, in increasing order. Dropping them leaves a matrix of
        full column rank with the same column space. A zero column is always redundant.

    Notes
    -----
    Each column is scaled to unit length first, so the answer does not depend on units
    (income in dollars next to age in years), then the columns are scanned left to right as in
    ``column_basis(X, method='greedy')``: a column is kept when it adds a new direction. Which of
    two duplicates counts as redundant therefore depends on the order: the later one.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> age, income = rng.normal(40, 10, 50), rng.normal(5e4, 1e4, 50)
    >>> X = np.column_stack([age, income, 12 * age, age + income / 1000])
    >>> redundant_features(X)  # months = 12 * years; the last is a mix of the first two
    array([2, 3])
    >>> np.linalg.matrix_rank(np.delete(X, redundant_features(X), axis=1)) == np.linalg.matrix_rank(X)
    np.True_
    """
    tol = check_tol(tol)
    center = check_bool(center, "center")
    X = check_matrix(X, "X").astype(np.float64)  # (n_samples, n_features)
    X = X / _column_scales(X)  # exact per-column rescaling: no overflow in the mean or the length
    if center:
        X = X - X.mean(axis=0)
        X[:, np.ptp(X, axis=0) == 0] = 0.0  # constant columns: exactly 0, not rounding noise
    length = np.linalg.norm(X, axis=0)  # (n_features,)
    Xs = X / np.where(length > 0, length, 1.0)  # unit columns; zero columns stay zero
    if tol is None:
        tol = _default_tol_of(Xs)
    kept = _greedy_basis(Xs, tol)
    return np.setdiff1d(np.arange(X.shape[1]), kept).astype(np.intp)


def variance_inflation_factors(X: Any) -> np.ndarray:
    r"""The variance inflation factor of every feature: :math:`\mathrm{VIF}_j = 1 / (1 - R_j^2)`.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        A data matrix, features in columns, *without* a column of ones: an intercept is always
        included in the regressions.

    Returns
    -------
    ndarray of shape (n_features,)
        :math:`\ge 1`. ``VIF[j] = 1`` when feature j is uncorrelated with the others; ``inf``
        when it is an exact linear combination of them (plus a constant). A common rule of
        thumb calls VIF above 5 or 10 a sign of problematic multicollinearity.

    Raises
    ------
    ZeroVectorError
        If a feature is constant: its variance is 0, so its :math:`R^2` and VIF are undefined.
    EmptyInputError
        If there are fewer than 2 samples.

    Notes
    -----
    :math:`R_j^2` is the coefficient of determination of the least-squares regression of
    feature j on all other features and an intercept; after centering every column,
    :math:`\mathrm{VIF}_j = \|x_j\|^2 / \|x_j - X_{-j}\hat\beta\|^2`, the total over the residual
    sum of squares. The variance of the fitted weight :math:`\hat w_j` of a linear model is
    :math:`\mathrm{VIF}_j` times what it would be with uncorrelated features: collinearity
    inflates the weights' uncertainty. VIF is also the diagonal of the inverse correlation
    matrix, which is quicker but loses accuracy when the features are nearly collinear.

    References
    ----------
    .. [1] G. James, D. Witten, T. Hastie and R. Tibshirani, *An Introduction to Statistical
       Learning*, 2nd ed., §3.3.3 (collinearity), 2021.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x1, x2 = rng.standard_normal(100), rng.standard_normal(100)
    >>> X = np.column_stack([x1, x2, x1 + 0.1 * rng.standard_normal(100)])
    >>> vif = variance_inflation_factors(X)
    >>> vif.round(1)  # x1 and x3 nearly copy each other; x2 stands alone
    array([75.2,  1. , 75.2])
    >>> np.allclose(vif, np.diag(np.linalg.inv(np.corrcoef(X, rowvar=False))))
    True
    """
    X = check_matrix(X, "X").astype(np.float64)  # (n_samples, n_features)
    n_samples, n_features = X.shape
    if n_samples < 2:
        raise EmptyInputError(f"X must have at least 2 samples (rows) to have any variance, got shape {X.shape}")
    X = X / _column_scales(X)  # VIF ignores each feature's units: exact rescaling, so no sum overflows
    Xc = X - X.mean(axis=0)  # centering takes the place of the intercept column
    constant = np.ptp(X, axis=0) == 0
    if constant.any():
        j = int(np.argmax(constant))
        raise ZeroVectorError(
            f"X[:, {j}] is constant, so its variance is 0 and its VIF is undefined (0/0); drop it: "
            "a model with an intercept gets nothing from a constant feature"
        )
    vif = np.ones(n_features)  # a lone feature has nothing to be explained by: VIF = 1
    for j in range(n_features if n_features > 1 else 0):
        y = Xc[:, j]  # (n_samples,)
        others = np.delete(Xc, j, axis=1)  # (n_samples, n_features - 1)
        residual, rounding = _lstsq_residual(y, others)
        vif[j] = np.inf if residual <= rounding else (y @ y) / residual**2  # TSS / RSS
    return vif
