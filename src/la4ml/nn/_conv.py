"""Convolution as one matrix product: im2col and conv2d, equal to torch.nn.functional.conv2d (Part 16)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from la4ml._validation import as_float_array, check_scalar, describe
from la4ml.errors import NonFiniteError, ShapeError

__all__ = ["im2col", "conv2d"]


def _check_images(x: Any) -> np.ndarray:
    x = as_float_array(x, "x")
    if x.ndim != 4:
        hint = " (use x[None] to add a batch axis to a single (C, H, W) image)" if x.ndim == 3 else ""
        raise ShapeError(f"x must be a batch of images of shape (N, C, H, W), got {describe(x)}{hint}")
    if x.size and not np.isfinite(x).all():
        raise NonFiniteError(f"x must contain only finite numbers, got {describe(x)} with NaN or infinity")
    return x


def _out_size(size: int, k: int, stride: int, padding: int, axis: str) -> int:
    out = (size + 2 * padding - k) // stride + 1
    if size + 2 * padding < k:
        raise ShapeError(f"the kernel's {axis} {k} is larger than the padded image's {size + 2 * padding}; "
                         "use a smaller kernel or more padding")
    return out


def im2col(x: Any, kernel_size: int | tuple[int, int], *, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Unfold every ``kh × kw`` patch of a batch of images into one row of a matrix.

    Parameters
    ----------
    x : array_like of shape (N, C, H, W)
        Images, channels first (PyTorch's NCHW).
    kernel_size : int or (int, int)
        ``(kh, kw)``; an int means a square kernel.
    stride : int, default 1
        Step between patches, in both directions.
    padding : int, default 0
        Zeros added on every side before the patches are cut.

    Returns
    -------
    cols : ndarray of shape (N · OH · OW, C · kh · kw)
        Row ``(n, i, j)`` (in that order, ``j`` fastest) is the patch whose top-left corner is at
        ``(i·stride, j·stride)`` in the padded image ``n``, flattened in the order ``(c, u, v)`` — the
        order of ``weight.reshape(C_out, -1)``. ``OH = (H + 2 padding - kh) // stride + 1``, ``OW`` alike.

    Notes
    -----
    The patches are read through a strided *view* (``sliding_window_view``, no copy); the single copy
    happens when the view is reshaped into the matrix. Each pixel appears in up to ``kh·kw`` rows,
    so ``cols`` is that many times larger than ``x``: the memory price of turning a convolution into
    one matrix product.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> cols = im2col(x, 3)
    >>> cols.shape
    (4, 9)
    >>> bool(np.array_equal(cols[1], x[0, 0, 0:3, 1:4].ravel()))
    True
    """
    x = _check_images(x)
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, numbers.Integral) else tuple(kernel_size)
    check_scalar(kh, "kernel_size", kind=numbers.Integral, min_val=1)
    check_scalar(kw, "kernel_size", kind=numbers.Integral, min_val=1)
    check_scalar(stride, "stride", kind=numbers.Integral, min_val=1)
    check_scalar(padding, "padding", kind=numbers.Integral, min_val=0)
    N, C, H, W = x.shape
    OH = _out_size(H, kh, stride, padding, "height")
    OW = _out_size(W, kw, stride, padding, "width")
    if padding:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :OH, :OW]
    # win: (N, C, OH, OW, kh, kw) -> rows (N, OH, OW), columns (C, kh, kw). The copy is made in the
    # transposed layout (C, kh, kw, N, OH, OW), whose innermost axis runs along image rows (long,
    # regular strides: a fast copy), and returned as its transpose, a view with Fortran order.
    return win.transpose(1, 4, 5, 0, 2, 3).reshape(C * kh * kw, N * OH * OW).T


def conv2d(x: Any, weight: Any, bias: Any = None, *, stride: int = 1, padding: int = 0) -> np.ndarray:
    """2-D convolution (cross-correlation, as in deep learning) of a batch by one matrix product.

    Parameters
    ----------
    x : array_like of shape (N, C, H, W)
        Images, channels first.
    weight : array_like of shape (C_out, C, kh, kw)
        Kernels, in ``torch.nn.Conv2d.weight``'s layout.
    bias : array_like of shape (C_out,), optional
        Added to every output pixel of its channel; ``None`` (default) means no bias, as in
        ``torch.nn.functional.conv2d``.
    stride, padding : int, default 1 and 0
        As in :func:`im2col`.

    Returns
    -------
    out : ndarray of shape (N, C_out, OH, OW)
        ``out[n, o, i, j] = Σ_{c,u,v} weight[o, c, u, v] · x_pad[n, c, i·stride + u, j·stride + v] + bias[o]``,
        computed as ``(weight.reshape(C_out, -1) @ im2col(x).T)``, reordered: equal to
        ``torch.nn.functional.conv2d(x, weight, bias, stride, padding)``.

    Raises
    ------
    ShapeError
        ``x`` is not 4-D, ``weight``'s channels differ from ``x``'s, or ``bias`` is not ``(C_out,)``.

    Examples
    --------
    >>> import torch
    >>> rng = np.random.default_rng(0)
    >>> x, w, b = rng.standard_normal((2, 3, 6, 5)), rng.standard_normal((4, 3, 3, 3)), rng.standard_normal(4)
    >>> out = conv2d(x, w, b, stride=2, padding=1)
    >>> out.shape
    (2, 4, 3, 3)
    >>> ref = torch.nn.functional.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=2, padding=1)
    >>> bool(np.allclose(out, ref.numpy(), rtol=1e-12, atol=1e-12))
    True
    """
    x = _check_images(x)
    w = as_float_array(weight, "weight")
    if w.ndim != 4 or w.shape[1] != x.shape[1]:
        raise ShapeError(f"weight must have shape (C_out, {x.shape[1]}, kh, kw) to match x's {x.shape[1]} channels, "
                         f"got {describe(w)}; PyTorch's layout is (out_channels, in_channels, kh, kw)")
    if not np.isfinite(w).all():
        raise NonFiniteError(f"weight must contain only finite numbers, got {describe(w)} with NaN or infinity")
    C_out, _, kh, kw = w.shape
    N, _, H, W = x.shape
    cols = im2col(x, (kh, kw), stride=stride, padding=padding)
    OH = _out_size(H, kh, stride, padding, "height")
    OW = _out_size(W, kw, stride, padding, "width")
    dtype = np.result_type(x, w)
    # (C_out, C·kh·kw) @ (C·kh·kw, N·OH·OW): cols.T is the C-ordered matrix im2col copied into
    out = w.reshape(C_out, -1).astype(dtype, copy=False) @ cols.T.astype(dtype, copy=False)
    if bias is not None:
        b = as_float_array(bias, "bias")
        if b.shape != (C_out,):
            raise ShapeError(f"bias must have shape ({C_out},), one entry per output channel, got {describe(b)}")
        out += b.astype(dtype, copy=False)[:, None]
    return out.reshape(C_out, N, OH, OW).transpose(1, 0, 2, 3)
