"""Exercise 17.4 — torch.bmm on (5, 3, 2) × (5, 2, 4), with the batch first and last.

Reference solution.
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
    if A.ndim != 3 or B.ndim != 3:
        raise ValueError(f"A and B must be 3-D (batch, rows, columns), got shapes {tuple(A.shape)} and {tuple(B.shape)}")
    if A.shape[0] != B.shape[0]:
        raise ValueError(f"batch sizes differ: A has {A.shape[0]} matrices and B has {B.shape[0]}")
    if A.shape[2] != B.shape[1]:
        raise ValueError(f"inner sizes differ: A's matrices have {A.shape[2]} columns, B's have {B.shape[1]} rows")
    return torch.bmm(A, B)


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
    if A.ndim != 3 or B.ndim != 3:
        raise ValueError(f"A and B must be 3-D (rows, columns, batch), got shapes {tuple(A.shape)} and {tuple(B.shape)}")
    C = batch_matmul(A.permute(2, 0, 1), B.permute(2, 0, 1))
    return C.permute(1, 2, 0)


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
