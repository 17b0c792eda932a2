"""Exercise 17.4 — torch.bmm on (5, 3, 2) × (5, 2, 4), with the batch first and last.

Write ``batch_matmul(A, B)`` and ``batch_matmul_last(A, B)``, then run this file.
"""

import torch


def batch_matmul(A, B):
    """Multiply matching matrices of two batches: ``C[b] = A[b] @ B[b]``.

    Parameters
    ----------
    A : torch.Tensor of shape (batch, m, k)
    B : torch.Tensor of shape (batch, k, n)

    Returns
    -------
    C : torch.Tensor of shape (batch, m, n)

    Raises
    ------
    ValueError
        If an input is not 3-D, the batch sizes differ, or ``A.shape[2] != B.shape[1]``.

    Examples
    --------
    >>> tuple(batch_matmul(torch.ones(5, 3, 2), torch.ones(5, 2, 4)).shape)
    (5, 3, 4)
    """
    # TODO: check the shapes (raise ValueError naming them), then torch.bmm
    raise NotImplementedError


def batch_matmul_last(A, B):
    """``C[:, :, b] = A[:, :, b] @ B[:, :, b]`` for batches stored on the last axis.

    Parameters
    ----------
    A : torch.Tensor of shape (m, k, batch)
    B : torch.Tensor of shape (k, n, batch)

    Returns
    -------
    C : torch.Tensor of shape (m, n, batch)

    Raises
    ------
    ValueError
        If the shapes do not fit.

    Examples
    --------
    >>> tuple(batch_matmul_last(torch.ones(3, 2, 5), torch.ones(2, 4, 5)).shape)
    (3, 4, 5)
    """
    # TODO: permute the batch to the front, batch_matmul, permute back
    raise NotImplementedError


if __name__ == "__main__":
    g = torch.Generator().manual_seed(0)
    A = torch.randn(5, 3, 2, generator=g, dtype=torch.float64)
    B = torch.randn(5, 2, 4, generator=g, dtype=torch.float64)
    C = batch_matmul(A, B)
    print("C.shape =", tuple(C.shape))
    print("C[0] == A[0] @ B[0]:", torch.allclose(C[0], A[0] @ B[0]))
    print("equal to einsum:", torch.allclose(C, torch.einsum("bik,bkj->bij", A, B)))
    C_last = batch_matmul_last(A.permute(1, 2, 0), B.permute(1, 2, 0))
    print("batch last:", tuple(C_last.shape), torch.allclose(C_last.permute(2, 0, 1), C))
