"""Exercise 17.1 — Tensors of order 0 to 4: shape and number of elements.

Reference solution.
"""

import torch


def make_tensors():
    """Five float32 tensors of orders 0, 1, 2, 3 and 4.

    Returns
    -------
    tensors : list of 5 torch.Tensor
        ``torch.tensor(7.0)`` and ``torch.arange(n, dtype=torch.float32).reshape(shape)`` for the
        shapes ``(3,)``, ``(2, 3)``, ``(2, 3, 4)``, ``(2, 3, 4, 5)`` (``n`` the number of elements).

    Examples
    --------
    >>> [tuple(t.shape) for t in make_tensors()][:3]
    [(), (3,), (2, 3)]
    """
    shapes = [(3,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]
    tensors = [torch.tensor(7.0)]
    for shape in shapes:
        n = 1
        for size in shape:
            n *= size
        tensors.append(torch.arange(n, dtype=torch.float32).reshape(shape))
    return tensors


def tensor_summary(t):
    """Order, shape and number of elements of a tensor.

    Parameters
    ----------
    t : torch.Tensor
        Any tensor (any order, possibly with an axis of size 0, possibly non-contiguous).

    Returns
    -------
    order : int
        The number of axes, ``t.ndim``.
    shape : tuple of int
        ``tuple(t.shape)``.
    numel : int
        The product of the sizes: 1 for a 0-d tensor, 0 if any size is 0.

    Examples
    --------
    >>> tensor_summary(torch.zeros(2, 3))
    (2, (2, 3), 6)
    """
    return t.ndim, tuple(int(s) for s in t.shape), int(t.numel())


def summarize_all():
    """``tensor_summary`` of each of the five tensors of ``make_tensors()``, in order.

    Returns
    -------
    list of 5 tuples (order, shape, numel)

    Examples
    --------
    >>> summarize_all()[1]
    (1, (3,), 3)
    """
    return [tensor_summary(t) for t in make_tensors()]


if __name__ == "__main__":
    for t, (order, shape, numel) in zip(make_tensors(), summarize_all()):
        length = len(t) if t.ndim > 0 else "no len() for a 0-d tensor"
        print(f"order {order}: shape {shape}, numel {numel}, len {length}")
