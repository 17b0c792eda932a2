"""Sampling a multivariate Gaussian with the Cholesky factor of its covariance."""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from la4ml._validation import (
    check_matrix,
    check_no_overflow,
    check_random_state,
    check_scalar,
    check_size,
    check_vector,
    scale_of,
)
from la4ml.definite._jitter import _add_jitter
from la4ml.errors import NotPositiveDefiniteError, ShapeError
from la4ml.factorizations import cholesky

__all__ = ["sample_gaussian"]


def sample_gaussian(mean, cov, n_samples, random_state=None):
    """Draw samples of ``N(mean, cov)`` as ``mean + L z`` with ``cov = L Lᵀ`` and ``z ~ N(0, I)``.

    Parameters
    ----------
    mean : array_like of shape (n_features,)
    cov : array_like of shape (n_features, n_features)
        Symmetric positive (semi)definite covariance.
    n_samples : int
    random_state : None, int or numpy.random.Generator
        Seed for reproducible samples.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)

    Raises
    ------
    NotPositiveDefiniteError
        ``cov`` has a clearly negative eigenvalue (jitter cannot repair it).

    Warns
    -----
    UserWarning
        ``cov`` is singular to working precision (PSD but not PD): the smallest jitter that makes
        it positive definite to working precision (see :func:`add_jitter`) is added, and its size reported.

    Notes
    -----
    If ``z ~ N(0, I)`` then ``Cov(L z) = L E[z zᵀ] Lᵀ = L Lᵀ = cov``. Row-wise, with ``Z`` of
    shape ``(n_samples, n_features)``, that is ``X = mean + Z @ L.T``.

    Examples
    --------
    >>> import numpy as np
    >>> cov = np.array([[2.0, 1.2], [1.2, 1.0]])
    >>> X = sample_gaussian([0.0, 0.0], cov, 100_000, random_state=0)
    >>> X.shape
    (100000, 2)
    >>> np.allclose(np.cov(X.T), cov, atol=0.03)
    True
    """
    mean = check_vector(mean, "mean")
    cov = check_matrix(cov, "cov", symmetric=True)
    if cov.shape[0] != mean.shape[0]:
        raise ShapeError(f"cov must have shape ({mean.shape[0]}, {mean.shape[0]}) to match mean, got {cov.shape}")
    check_scalar(n_samples, "n_samples", kind=numbers.Integral, min_val=0)
    check_size(n_samples * mean.shape[0], "n_samples * n_features", hint="draw the samples in batches")
    rng = check_random_state(random_state)
    try:
        L = cholesky(cov, check_symmetric=False)
    except NotPositiveDefiniteError:
        cov_j, jitter = _add_jitter(cov, None, 12, name="cov")
        warnings.warn(
            f"cov is singular to working precision; added jitter {jitter:.3g}·I before factoring it",
            UserWarning, stacklevel=2,
        )
        L = cholesky(cov_j, check_symmetric=False)
    Z = rng.standard_normal((int(n_samples), mean.shape[0]))  # (n_samples, n_features)
    s = scale_of(mean, L)  # exact rescaling: mean + Z L^T formed in units of s cannot overflow midway
    with np.errstate(over="ignore"):
        return check_no_overflow((mean / s + Z @ (L / s).T) * s, "a sample (mean + L z)",
                                 hint="the covariance or the mean is too large for float64 samples")
