"""Exercise 17.2 — Broadcasting (3, 1) with (1, 4), and the expansion made explicit.

Reference solution.
"""

import torch


def broadcast_shape(shape_a, shape_b):
    """The shape of ``a + b`` under NumPy/PyTorch broadcasting, computed from scratch.

    Parameters
    ----------
    shape_a, shape_b : tuple of int
        The shapes of the two operands (possibly of different lengths, possibly ``()``).

    Returns
    -------
    shape : tuple of int
        Aligned on the right; on each axis the size that is not 1 (sizes must be equal or 1).

    Raises
    ------
    ValueError
        If on some axis the sizes differ and neither is 1; the message names the axis and the sizes.

    Examples
    --------
    >>> broadcast_shape((3, 1), (1, 4))
    (3, 4)
    >>> broadcast_shape((5, 3, 1), (4,))
    (5, 3, 4)
    """
    shape_a, shape_b = tuple(shape_a), tuple(shape_b)
    n = max(len(shape_a), len(shape_b))
    pa = (1,) * (n - len(shape_a)) + shape_a
    pb = (1,) * (n - len(shape_b)) + shape_b
    out = []
    for axis, (sa, sb) in enumerate(zip(pa, pb)):
        if sa == sb or sb == 1:
            out.append(int(sa))
        elif sa == 1:
            out.append(int(sb))
        else:
            raise ValueError(
                f"shapes {shape_a} and {shape_b} do not broadcast: axis {axis - n} has size {sa} "
                f"in the first and {sb} in the second, and neither is 1"
            )
    return tuple(out)


def expand_operands(a, b):
    """The two operands of ``a + b`` expanded to the broadcast shape.

    Parameters
    ----------
    a, b : torch.Tensor
        Two tensors whose shapes broadcast.

    Returns
    -------
    A, B : torch.Tensor
        Both of shape ``broadcast_shape(a.shape, b.shape)``, with ``A + B == a + b`` and
        ``A * B == a * b`` elementwise.

    Raises
    ------
    ValueError
        If the shapes do not broadcast.

    Examples
    --------
    >>> A, B = expand_operands(torch.tensor([[1.0], [2.0]]), torch.tensor([[10.0, 20.0]]))
    >>> A
    tensor([[1., 1.],
            [2., 2.]])
    """
    shape = broadcast_shape(tuple(a.shape), tuple(b.shape))
    n = len(shape)
    A = a.reshape((1,) * (n - a.ndim) + tuple(a.shape)).expand(shape)
    B = b.reshape((1,) * (n - b.ndim) + tuple(b.shape)).expand(shape)
    return A, B


if __name__ == "__main__":
    a = torch.arange(3.0).reshape(3, 1)
    b = 10 * torch.arange(4.0).reshape(1, 4)
    A, B = expand_operands(a, b)
    print("A =", A, "\nB =", B, sep="\n")
    print("a + b =", a + b, "\na * b =", a * b, sep="\n")
    print("equal to A + B and A * B:", torch.equal(a + b, A + B), torch.equal(a * b, A * B))
    try:
        broadcast_shape((2, 3), (3, 2))
    except ValueError as exc:
        print("(2, 3) with (3, 2):", exc)
