"""Exercise 17.3 — A (2, 3, 4) tensor reshaped to (6, 4) and (24,), contiguous or not.

Reference solution.
"""

import torch


def reshape_two_ways(t, order=(0, 1, 2)):
    """Permute an order-3 tensor, then merge its first two axes, and flatten it.

    Parameters
    ----------
    t : torch.Tensor with 3 axes
        Not modified.
    order : tuple of 3 ints, default (0, 1, 2)
        ``u = t.permute(order)`` is the tensor reshaped; of shape (a, b, c).

    Returns
    -------
    M : torch.Tensor of shape (a * b, c)
        ``M[i * b + j, k] = u[i, j, k]``.
    v : torch.Tensor of shape (a * b * c,)
        The elements of ``u`` in row-major order.
    copied : bool
        True when ``u`` is not contiguous, so the merge needs a copy (``view`` would fail).

    Examples
    --------
    >>> M, v, copied = reshape_two_ways(torch.arange(24).reshape(2, 3, 4))
    >>> tuple(M.shape), tuple(v.shape), copied
    ((6, 4), (24,), False)
    """
    u = t.permute(*order)
    a, b, c = u.shape
    M = u.reshape(a * b, c)
    v = u.reshape(-1)
    return M, v, not u.is_contiguous()


if __name__ == "__main__":
    t = torch.arange(24).reshape(2, 3, 4)
    s = torch.arange(24).reshape(4, 3, 2)
    p = s.permute(2, 1, 0)
    for name, x, order in (("contiguous", t, (0, 1, 2)), ("permuted", s, (2, 1, 0))):
        M, v, copied = reshape_two_ways(x, order)
        u = x.permute(*order)
        print(f"{name}: shape {tuple(u.shape)}, stride {u.stride()}, copied = {copied}")
        print("M =", M, "v =", v, sep="\n")
    try:
        p.view(6, 4)
    except RuntimeError as exc:
        print("p.view(6, 4) raised RuntimeError:", exc)
