"""Exercise 17.2 — Broadcasting (3, 1) with (1, 4), and the expansion made explicit.

Write ``broadcast_shape(shape_a, shape_b)`` and ``expand_operands(a, b)``, then run this file.
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
    # TODO: pad the shorter shape with 1s on the left; compare axis by axis
    raise NotImplementedError


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
    # TODO: shape = broadcast_shape(...); put a and b on that many axes with reshape; expand
    raise NotImplementedError


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
