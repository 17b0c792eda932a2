"""Exercise 12.2 — Attempt a Cholesky factorization, from scratch.

Write ``try_cholesky(A, rtol=None)``: return the lower-triangular Cholesky factor ``L`` of a
symmetric positive definite ``A`` (so that ``L @ L.T`` equals ``A``), or ``None`` if a pivot is not
clearly positive. Build ``L`` yourself, column by column; compare with ``np.linalg.cholesky`` afterwards.
"""

import numpy as np


def try_cholesky(A, rtol=None):
    """Return the Cholesky factor ``L`` of ``A``, or ``None`` if ``A`` is not positive definite.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A symmetric matrix of floats. Do not modify it.
    rtol : float, optional
        A pivot counts as positive only if it is greater than ``rtol * A[j, j]``. Default
        ``n * eps`` with ``eps = np.finfo(float).eps``: a smaller pivot is zero to working
        precision (rounding in ``A[j, j] - L[j, :j] @ L[j, :j]`` is of that size).

    Returns
    -------
    L : ndarray of shape (n, n) or None
        Lower triangular (zeros above the diagonal) with a positive diagonal and
        ``L @ L.T == A`` up to rounding; ``None`` as soon as a pivot is ``<= rtol * A[j, j]``:
        ``A`` is not positive definite, or is singular to working precision.

    Notes
    -----
    For each column ``j = 0, 1, ..., n-1``:

    1. the pivot is ``d = A[j, j] - L[j, :j] @ L[j, :j]``; if ``d <= rtol * A[j, j]``, return ``None``;
    2. ``L[j, j] = sqrt(d)``;
    3. the entries below it are ``L[j+1:, j] = (A[j+1:, j] - L[j+1:, :j] @ L[j, :j]) / L[j, j]``.

    Do not call ``np.linalg.cholesky``, ``scipy.linalg.cholesky`` or ``torch.linalg.cholesky``.

    Examples
    --------
    >>> try_cholesky(np.array([[4.0, 2.0], [2.0, 3.0]]))
    array([[2.        , 0.        ],
           [1.        , 1.41421356]])
    >>> try_cholesky(np.array([[1.0, 2.0], [2.0, 1.0]])) is None
    True
    >>> B = np.array([[1.0], [2.0], [3.0]])
    >>> try_cholesky(B @ B.T) is None  # rank 1: singular, so None rather than a meaningless factor
    True
    """
    # TODO: start from L = np.zeros_like(A, dtype=float) and fill it one column at a time
    #       (steps 1-3 above); return None as soon as a pivot is <= rtol * A[j, j].
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[4.0, 2.0], [2.0, 3.0]])
    L = try_cholesky(A)
    print("L =\n", L)
    print("matches np.linalg.cholesky:", L is not None and np.allclose(L, np.linalg.cholesky(A)))
    print("try_cholesky([[1, 2], [2, 1]]) ->", try_cholesky(np.array([[1.0, 2.0], [2.0, 1.0]])))
