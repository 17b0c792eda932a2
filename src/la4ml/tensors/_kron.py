"""The Kronecker product, formed or applied without forming it."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_matrix, check_size, check_vector

__all__ = ["kron", "kron_matvec"]


def kron(A: Any, B: Any) -> np.ndarray:
    """Form the Kronecker product ``A ⊗ B``.

    ``A ⊗ B`` is the block matrix whose block ``(i, j)`` is ``A[i, j] * B``: an ``(m, n)`` and a
    ``(p, q)`` matrix give an ``(m p, n q)`` matrix with
    ``(A ⊗ B)[i * p + k, j * q + l] = A[i, j] * B[k, l]``. It has ``m n p q`` entries, so it is
    only formed when it fits in memory; to multiply it by a vector use :func:`kron_matvec`.

    Parameters
    ----------
    A : array_like of shape (m, n)
    B : array_like of shape (p, q)

    Returns
    -------
    ndarray of shape (m * p, n * q)

    Raises
    ------
    ShapeError
        If ``A`` or ``B`` is not 2-D.
    OutOfRangeError
        If the product would not fit in this machine's memory.

    See Also
    --------
    numpy.kron : the same product (for any number of dimensions).
    kron_matvec : ``(A ⊗ B) x`` without forming ``A ⊗ B``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> B = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> kron(A, B)
    array([[0., 1., 0., 2.],
           [1., 0., 2., 0.],
           [0., 3., 0., 4.],
           [3., 0., 4., 0.]])
    >>> np.array_equal(kron(A, B), np.kron(A, B))
    True
    """
    A = check_matrix(A, "A", allow_empty=True)
    B = check_matrix(B, "B", allow_empty=True)
    (m, n), (p, q) = A.shape, B.shape
    check_size(m * n * p * q, "the Kronecker product's m * n * p * q",
               hint="apply it to a vector with kron_matvec(A, B, x) instead of forming it")
    # blocks[i, k, j, l] = A[i, j] * B[k, l]; rows (i, k) and columns (j, l) in row-major order
    blocks = A[:, None, :, None] * B[None, :, None, :]
    return blocks.reshape(m * p, n * q)


def kron_matvec(A: Any, B: Any, x: Any) -> np.ndarray:
    """Compute ``(A ⊗ B) x`` without forming the Kronecker product.

    With ``A`` of shape ``(m, n)``, ``B`` of shape ``(p, q)`` and ``x`` of length ``n q``, cut
    ``x`` into ``n`` consecutive pieces of length ``q`` — the rows of ``X = x.reshape(n, q)`` —
    then ``(A ⊗ B) x = (A X Bᵀ).ravel()``: block row ``i`` of ``A ⊗ B`` times ``x`` is
    ``Σ_j A[i, j] B x_j``. (In column-major terms this is ``vec(B Xᵀ Aᵀ)``, the identity
    ``vec(M Y N) = (Nᵀ ⊗ M) vec(Y)`` read backwards.)

    Cost: two matrix products, ``min(n q p + n p m, n q m + m q p)`` multiply-adds and
    ``O(n q + m p)`` memory, against ``m n p q`` multiply-adds and ``m n p q`` stored numbers
    for forming ``A ⊗ B`` and multiplying. For square ``n × n`` factors that is ``2 n³`` against
    ``n⁴`` operations and ``n²`` against ``n⁴`` numbers: at ``n = 256`` the formed product
    would take 32 GiB.

    Parameters
    ----------
    A : array_like of shape (m, n)
    B : array_like of shape (p, q)
    x : array_like of shape (n * q,)

    Returns
    -------
    ndarray of shape (m * p,)
        ``(A ⊗ B) x``.

    Raises
    ------
    ShapeError
        If ``A`` or ``B`` is not 2-D, or ``x`` does not have length ``n q``.
    NonFiniteError
        If an input holds NaN or infinity.

    See Also
    --------
    kron : forms ``A ⊗ B``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> A, B = rng.standard_normal((3, 2)), rng.standard_normal((4, 5))
    >>> x = rng.standard_normal(2 * 5)
    >>> np.allclose(kron_matvec(A, B, x), np.kron(A, B) @ x)
    True
    """
    A = check_matrix(A, "A")
    B = check_matrix(B, "B")
    (m, n), (p, q) = A.shape, B.shape
    x = check_vector(x, "x", size=n * q)
    X = x.reshape(n, q)
    # (A X) Bᵀ or A (X Bᵀ): whichever needs fewer multiply-adds
    if n * q * m + m * q * p <= n * q * p + n * p * m:
        Y = (A @ X) @ B.T
    else:
        Y = A @ (X @ B.T)
    return Y.ravel()
