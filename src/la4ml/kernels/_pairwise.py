"""Gram matrices of the linear, polynomial and RBF kernels, and centering a kernel in feature space."""

from __future__ import annotations

import numpy as np

from la4ml._validation import check_matrix, check_no_overflow, check_scalar, scale_of, unscale
from la4ml.errors import ShapeError

__all__ = ["linear_kernel", "polynomial_kernel", "rbf_kernel", "center_kernel"]


def _check_pair(X, Y):
    """``X`` (n, d) and ``Y`` (m, d) as float arrays (``Y = X`` when ``None``); same ``d`` required."""
    X = check_matrix(X, "X")
    if Y is None:
        return X, X, True
    Y = check_matrix(Y, "Y")
    if Y.shape[1] != X.shape[1]:
        raise ShapeError(
            f"X and Y must have the same number of features (columns), got X of shape {X.shape} and "
            f"Y of shape {Y.shape}; a kernel compares samples described by the same features"
        )
    return X, Y, False


def _check_gamma(gamma, n_features: int) -> float:
    """``None`` means ``1 / n_features`` (scikit-learn's default); otherwise a real ``>= 0``."""
    if gamma is None:
        return 1.0 / n_features
    return float(check_scalar(gamma, "gamma", min_val=0.0))


def linear_kernel(X, Y=None, dense_output=True):
    """The linear kernel ``k(x, y) = xᵀy`` between the rows of ``X`` and ``Y``: the Gram matrix ``X Yᵀ``.

    Parameters
    ----------
    X : array_like of shape (n_samples_X, n_features)
    Y : array_like of shape (n_samples_Y, n_features), optional
        ``None`` means ``Y = X`` (the Gram matrix of ``X``).
    dense_output : bool, default True
        Kept for the signature of :func:`sklearn.metrics.pairwise.linear_kernel`; the result is
        always a dense array (la4ml works on dense arrays).

    Returns
    -------
    K : ndarray of shape (n_samples_X, n_samples_Y)
        ``K[i, j] = X[i] @ Y[j]``.

    Raises
    ------
    ShapeError
        ``X`` or ``Y`` is not 2-D, or their numbers of columns differ.

    Examples
    --------
    >>> import numpy as np, sklearn.metrics.pairwise
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> linear_kernel(X)
    array([[ 5., 11., 17.],
           [11., 25., 39.],
           [17., 39., 61.]])
    >>> np.allclose(linear_kernel(X), sklearn.metrics.pairwise.linear_kernel(X))
    True
    """
    X, Y, _ = _check_pair(X, Y)
    sx, sy = scale_of(X), scale_of(Y)  # powers of two: the scaled product cannot overflow
    K = unscale((X / sx) @ (Y / sy).T, sx, sy)  # (n_samples_X, n_samples_Y)
    return check_no_overflow(K, "the linear kernel X Yᵀ")


def polynomial_kernel(X, Y=None, degree=3, gamma=None, coef0=1):
    """The polynomial kernel ``k(x, y) = (γ xᵀy + c₀)^degree`` between the rows of ``X`` and ``Y``.

    Parameters
    ----------
    X : array_like of shape (n_samples_X, n_features)
    Y : array_like of shape (n_samples_Y, n_features), optional
        ``None`` means ``Y = X``.
    degree : float, default 3
        The power (``>= 0``). An integer degree with ``coef0 >= 0`` gives a positive semidefinite
        kernel: a sum of products of linear kernels (Schur product theorem).
    gamma : float, default None
        The scale ``γ >= 0`` of the inner product; ``None`` means ``1 / n_features``.
    coef0 : float, default 1
        The constant ``c₀`` added before the power. It is what keeps the lower-order terms:
        ``(xᵀy + 1)²`` contains ``xᵀy`` and ``1``, ``(xᵀy)²`` only the products of pairs.

    Returns
    -------
    K : ndarray of shape (n_samples_X, n_samples_Y)

    Notes
    -----
    For ``degree = 2``, ``γ = 1`` and ``d`` features, ``k(x, y) = φ(x)ᵀφ(y)`` with the explicit
    feature map ``φ(x) = (c₀, √(2c₀) x_i, x_i², √2 x_i x_j (i < j))`` of length
    ``1 + d + d(d + 1)/2``: the kernel computes that inner product in ``O(d)`` instead of
    ``O(d²)``.

    Examples
    --------
    >>> import numpy as np, sklearn.metrics.pairwise
    >>> x, y = np.array([[1.0, 2.0]]), np.array([[3.0, -1.0]])
    >>> polynomial_kernel(x, y, degree=2, gamma=1.0, coef0=1.0)  # (1·3 + 2·(-1) + 1)² = 4
    array([[4.]])
    >>> X = np.arange(6.0).reshape(3, 2)
    >>> np.allclose(polynomial_kernel(X), sklearn.metrics.pairwise.polynomial_kernel(X))
    True
    """
    X, Y, _ = _check_pair(X, Y)
    degree = float(check_scalar(degree, "degree", min_val=0.0))
    gamma = _check_gamma(gamma, X.shape[1])
    coef0 = float(check_scalar(coef0, "coef0"))
    with np.errstate(over="ignore", invalid="ignore"):
        K = gamma * linear_kernel(X, Y) + coef0  # (n_samples_X, n_samples_Y)
        K = K**degree
    return check_no_overflow(K, "the polynomial kernel (gamma X Yᵀ + coef0)^degree",
                             hint="lower the degree or gamma, or rescale X (a negative base with a fractional "
                                  "degree also gives NaN: use an integer degree)")


def rbf_kernel(X, Y=None, gamma=None):
    """The RBF (Gaussian) kernel ``k(x, y) = exp(-γ ‖x - y‖²)`` between the rows of ``X`` and ``Y``.

    Parameters
    ----------
    X : array_like of shape (n_samples_X, n_features)
    Y : array_like of shape (n_samples_Y, n_features), optional
        ``None`` means ``Y = X`` (then the diagonal is exactly 1).
    gamma : float, default None
        ``γ >= 0``; ``None`` means ``1 / n_features``. With a length scale ``σ`` (the Gaussian's
        standard deviation), ``γ = 1 / (2σ²)``: a larger ``γ`` is a *narrower* bump.

    Returns
    -------
    K : ndarray of shape (n_samples_X, n_samples_Y)
        Entries in ``[0, 1]``.

    Notes
    -----
    The squared distances come from ``‖x - y‖² = ‖x‖² + ‖y‖² - 2 xᵀy`` (one matrix product, as
    scikit-learn does). Rounding can make that slightly negative for nearly equal points, so it
    is clipped at 0, and for ``Y = None`` the diagonal is set to exactly 0.

    Examples
    --------
    >>> import numpy as np, sklearn.metrics.pairwise
    >>> x, y = np.array([[0.0, 0.0]]), np.array([[1.0, 1.0]])
    >>> float(rbf_kernel(x, y, gamma=0.5)[0, 0]) == float(np.exp(-1.0))  # ‖x - y‖² = 2
    True
    >>> X = np.random.default_rng(0).standard_normal((5, 3))
    >>> np.allclose(rbf_kernel(X, gamma=0.3), sklearn.metrics.pairwise.rbf_kernel(X, gamma=0.3))
    True
    """
    X, Y, same = _check_pair(X, Y)
    gamma = _check_gamma(gamma, X.shape[1])
    s = scale_of(X, Y)  # a power of two: distances of X / s cannot overflow
    Xs, Ys = X / s, Y / s
    x2 = np.einsum("ij,ij->i", Xs, Xs)  # (n_samples_X,) squared norms
    y2 = x2 if same else np.einsum("ij,ij->i", Ys, Ys)
    D2 = x2[:, None] + y2[None, :] - 2.0 * (Xs @ Ys.T)  # (n_samples_X, n_samples_Y)
    np.maximum(D2, 0.0, out=D2)  # rounding can make a tiny distance negative
    if same:
        np.fill_diagonal(D2, 0.0)
    with np.errstate(over="ignore", under="ignore"):
        return np.exp(-unscale(D2, gamma, s, s))  # γ‖x - y‖², an overflow gives exp(-inf) = 0


def center_kernel(K):
    """Center a kernel matrix in feature space: ``K_c = H K H`` with ``H = I - 11ᵀ/n``.

    Parameters
    ----------
    K : array_like of shape (n_samples, n_samples)
        The Gram matrix ``K[i, j] = φ(x_i)ᵀφ(x_j)`` of the training samples.

    Returns
    -------
    K_c : ndarray of shape (n_samples, n_samples)
        The Gram matrix of the centered features ``φ(x_i) - mean_k φ(x_k)``; every row and every
        column sums to zero (up to rounding). Equal to
        ``sklearn.preprocessing.KernelCenterer().fit_transform(K)``.

    Raises
    ------
    NotSquareError
        ``K`` is not square (center a test-versus-train kernel with ``KernelCenterer``: it needs
        the training kernel's column means).

    Notes
    -----
    ``(φ_i - φ̄)ᵀ(φ_j - φ̄) = K_ij - mean_k K_ik - mean_k K_kj + mean_kl K_kl``: subtract the row
    mean and the column mean, add back the grand mean. Subtracting only the row means centers
    one side of the inner product, not the features.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.preprocessing import KernelCenterer
    >>> X = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    >>> Kc = center_kernel(linear_kernel(X))
    >>> Xc = X - X.mean(axis=0)
    >>> bool(np.allclose(Kc, Xc @ Xc.T))
    True
    >>> np.allclose(Kc, KernelCenterer().fit_transform(X @ X.T))
    True
    """
    K = check_matrix(K, "K", square=True)
    s = scale_of(K)  # a power of two: the sums behind the means cannot overflow
    if s != 1.0:
        return center_kernel(K / s) * s
    row_means = K.mean(axis=1, keepdims=True)  # (n, 1)
    col_means = K.mean(axis=0, keepdims=True)  # (1, n)
    return K - row_means - col_means + K.mean()
