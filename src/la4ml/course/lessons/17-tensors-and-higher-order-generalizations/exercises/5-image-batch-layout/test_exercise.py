"""Hidden tests of exercise 17.5 — nchw_to_nhwc(x), channel_means(x_nhwc), plot_batch(x)."""

import numpy as np
import pytest
import torch

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, show


def _batch(n, c, h, w, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, c, h, w, generator=g, dtype=torch.float64)


def _coded(n, c, h, w):
    # x[n, c, h, w] = 1000 n + 100 c + 10 h + w (h, w < 10) or a unique code: every pixel tells where it came from
    idx = torch.arange(n * c * h * w, dtype=torch.float64).reshape(n, c, h, w)
    return idx


def _mistake(x, got):
    n, c, h, w = x.shape
    if tuple(got.shape) == (n, h, w, c) and torch.equal(got, x.reshape(n, h, w, c)):
        return (" You used reshape: the shape is right but the numbers are read in memory order, so each 'pixel' "
                "mixes values of different channels and positions. permute(0, 2, 3, 1) moves the channel axis.")
    if tuple(got.shape) == (n, w, h, c) or (h == w and torch.equal(got, x.permute(0, 3, 2, 1))):
        return " The image is transposed (height and width swapped): the order is (0, 2, 3, 1), not (0, 3, 2, 1)."
    return ""


@pytest.mark.parametrize("shape", [(2, 3, 64, 64), (3, 3, 5, 7), (1, 4, 2, 6), (2, 1, 3, 3)])
def test_nchw_to_nhwc_values(submission, shape):
    """nchw_to_nhwc puts the channel last and keeps every pixel where it was"""
    x = _coded(*shape)
    x0 = x.clone()
    got = call(function(submission, "nchw_to_nhwc"), x)
    if not torch.equal(x, x0):
        fail(f"Called {last_call()}; it modified x.")
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor.")
    n, c, h, w = shape
    if tuple(got.shape) != (n, h, w, c):
        fail(f"Called {last_call()}; returned shape {tuple(got.shape)}; expected {(n, h, w, c)} = (N, H, W, C)."
             + _mistake(x, got))
    for (i, hh, ww, cc) in [(0, 0, 0, 0), (0, 0, 1, c - 1), (n - 1, h - 1, 0, 0), (n - 1, h // 2, w - 1, c // 2),
                            (0, h - 1, w - 1, c - 1)]:
        if got[i, hh, ww, cc].item() != x[i, cc, hh, ww].item():
            fail(f"Called {last_call()} on a batch of shape {shape}; the pixel y[{i}, {hh}, {ww}, {cc}] is "
                 f"{got[i, hh, ww, cc].item():g}; expected x[{i}, {cc}, {hh}, {ww}] = {x[i, cc, hh, ww].item():g}."
                 + _mistake(x, got))
    if not torch.equal(got, x.permute(0, 2, 3, 1)):
        fail(f"Called {last_call()}; some pixels moved." + _mistake(x, got))


@pytest.mark.parametrize("shape", [(2, 64, 64, 3), (3, 5, 7, 3), (1, 2, 6, 4)])
def test_channel_means(submission, shape):
    """channel_means averages each channel over batch, height and width"""
    g = torch.Generator().manual_seed(1)
    x = torch.rand(*shape, generator=g, dtype=torch.float64) + torch.arange(shape[-1], dtype=torch.float64)
    got = call(function(submission, "channel_means"), x)
    want = x.mean(dim=(0, 1, 2))
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != (shape[-1],):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor of shape ({shape[-1]},), one mean per channel "
             "(the LAST axis of an NHWC batch).")
    if not torch.allclose(got, want, rtol=1e-12, atol=0):
        fail(f"Called {last_call()}; returned {show(got.numpy())}; expected {show(want.numpy())}: the mean over "
             "axes 0, 1 and 2 (batch, height, width).")


@pytest.mark.parametrize("n_images", [3, 1])
def test_plot_batch(submission, n_images):
    """plot_batch draws one Axes per image, each the (H, W, 3) image itself, ticks off, titled (also for one image)"""
    close_figures()
    x = _batch(n_images, 3, 6, 9, seed=2)
    fig = expect_figure(call(function(submission, "plot_batch"), x))
    axes = fig.axes
    if len(axes) != n_images:
        fail(f"plot_batch returned a figure with {len(axes)} Axes; expected one per image, {n_images}.")
    want = x.permute(0, 2, 3, 1).numpy()
    for k in range(n_images):
        ax = axes[k]
        images = ax.images
        if len(images) != 1:
            fail(f"Axes {k} holds {len(images)} images; expected exactly one imshow.")
        arr = np.asarray(images[0].get_array(), dtype=float)
        if arr.shape != want[k].shape:
            fail(f"Axes {k} shows an array of shape {arr.shape}; expected the (H, W, 3) image {want[k].shape} "
                 "(imshow wants channels LAST).")
        if not np.allclose(arr, want[k], rtol=1e-6, atol=1e-7):
            hint = ""
            if np.allclose(arr, x[k].reshape(6, 9, 3).numpy(), rtol=1e-6, atol=1e-7) or np.allclose(
                    arr, x.reshape(n_images, 6, 9, 3)[k].numpy(), rtol=1e-6, atol=1e-7):
                hint = " The image was made with reshape, which scrambles the pixels; permute the channel axis to the end."
            fail(f"Axes {k} shows pixel [0, 1] = {show(arr[0, 1])}; expected {show(want[k][0, 1])}, the pixel of image {k}."
                 + hint)
        if ax.get_title() != f"image {k}":
            fail(f"Axes {k} has the title {ax.get_title()!r}; expected 'image {k}'.")
        if ax.axison:
            fail(f"Axes {k} still shows its ticks; turn them off with ax.axis('off').")
    close_figures()
