"""Tests of la4ml.nn.im2col and conv2d against torch.nn.functional.conv2d / unfold in float64."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from la4ml.errors import NonFiniteError, OutOfRangeError, ShapeError
from la4ml.nn import conv2d, im2col

EPS = np.finfo(float).eps


@pytest.mark.parametrize("N,C,H,W,O,kh,kw,stride,padding", [
    (2, 3, 7, 6, 4, 3, 3, 1, 0),
    (1, 1, 5, 5, 1, 5, 5, 1, 0),   # kernel = image: one output pixel
    (3, 2, 8, 9, 5, 3, 2, 2, 1),   # rectangular kernel, stride and padding
    (1, 4, 4, 4, 2, 1, 1, 1, 0),   # 1×1 conv = per-pixel matrix product
    (2, 1, 6, 6, 3, 3, 3, 3, 2),
    (1, 2, 3, 3, 2, 3, 3, 1, 3),   # padding larger than needed
])
@pytest.mark.parametrize("bias", [False, True])
def test_conv2d_matches_torch(N, C, H, W, O, kh, kw, stride, padding, bias):
    rng = np.random.default_rng(N + C + H + W)
    x = rng.standard_normal((N, C, H, W))
    w = rng.standard_normal((O, C, kh, kw))
    b = rng.standard_normal(O) if bias else None
    got = conv2d(x, w, b, stride=stride, padding=padding)
    ref = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b),
                   stride=stride, padding=padding).numpy()
    assert got.shape == ref.shape
    # each output is a dot product of length C·kh·kw (+ bias): error ≤ that length · eps · Σ|terms|
    bound = (C * kh * kw + 1) * EPS * (np.abs(x).max() * np.abs(w).sum(axis=(1, 2, 3)).max() + (np.abs(b).max() if bias else 0))
    np.testing.assert_allclose(got, ref, rtol=0, atol=bound)


@pytest.mark.parametrize("kh,kw,stride,padding", [(3, 3, 1, 0), (2, 3, 2, 1), (1, 1, 1, 0)])
def test_im2col_matches_torch_unfold(kh, kw, stride, padding):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 6, 7))
    cols = im2col(x, (kh, kw), stride=stride, padding=padding)
    ref = F.unfold(torch.from_numpy(x), (kh, kw), stride=stride, padding=padding)  # (N, C·kh·kw, L)
    ref = ref.permute(0, 2, 1).reshape(-1, ref.shape[1]).numpy()
    np.testing.assert_array_equal(cols, ref)


def test_im2col_by_hand():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    cols = im2col(x, 3)
    assert cols.shape == (4, 9)
    np.testing.assert_array_equal(cols[0], [0, 1, 2, 4, 5, 6, 8, 9, 10])
    np.testing.assert_array_equal(cols[3], [5, 6, 7, 9, 10, 11, 13, 14, 15])


def test_conv2d_scale_invariance_and_float32():
    rng = np.random.default_rng(2)
    x, w = rng.standard_normal((1, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3))
    base = conv2d(x, w)
    for s in (1e-6, 1e6):
        np.testing.assert_allclose(conv2d(s * x, w), s * base, rtol=64 * EPS, atol=64 * EPS * s * np.abs(base).max())
    out32 = conv2d(x.astype(np.float32), w.astype(np.float32))
    assert out32.dtype == np.float32
    np.testing.assert_allclose(out32, base, rtol=0, atol=64 * np.finfo(np.float32).eps * np.abs(base).max())


@pytest.mark.parametrize("call,exc,match", [
    (lambda: conv2d(np.ones((3, 5, 5)), np.ones((1, 3, 3, 3))), ShapeError, r"x\[None\]"),
    (lambda: conv2d(np.ones((1, 3, 5, 5)), np.ones((1, 2, 3, 3))), ShapeError, "channels"),
    (lambda: conv2d(np.ones((1, 1, 2, 2)), np.ones((1, 1, 3, 3))), ShapeError, "larger"),
    (lambda: conv2d(np.ones((1, 1, 5, 5)), np.ones((2, 1, 3, 3)), np.ones(3)), ShapeError, "bias"),
    (lambda: conv2d(np.ones((1, 1, 5, 5)), np.ones((2, 1, 3, 3)), stride=0), OutOfRangeError, "stride"),
    (lambda: conv2d(np.ones((1, 1, 5, 5)), np.ones((2, 1, 3, 3)), padding=-1), OutOfRangeError, "padding"),
    (lambda: conv2d(np.full((1, 1, 5, 5), np.inf), np.ones((2, 1, 3, 3))), NonFiniteError, "x"),
    (lambda: im2col(np.ones((1, 1, 5, 5)), 0), OutOfRangeError, "kernel_size"),
])
def test_conv_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
