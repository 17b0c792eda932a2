"""Exercise 17.5 — An RGB batch (2, 3, 64, 64) permuted to (2, 64, 64, 3), and plotted.

Write ``nchw_to_nhwc(x)``, ``channel_means(x_nhwc)`` and ``plot_batch(x)``, then run this file.
"""

import matplotlib.pyplot as plt
import numpy as np
import torch


def nchw_to_nhwc(x):
    """Move the channel axis of an image batch from position 1 to the end.

    Parameters
    ----------
    x : torch.Tensor of shape (N, C, H, W)

    Returns
    -------
    torch.Tensor of shape (N, H, W, C)
        ``y[n, h, w, c] = x[n, c, h, w]``.

    Examples
    --------
    >>> tuple(nchw_to_nhwc(torch.zeros(2, 3, 64, 64)).shape)
    (2, 64, 64, 3)
    """
    # TODO: one permute
    raise NotImplementedError


def channel_means(x_nhwc):
    """The mean of each channel over the batch and both spatial axes.

    Parameters
    ----------
    x_nhwc : torch.Tensor of shape (N, H, W, C)

    Returns
    -------
    torch.Tensor of shape (C,)

    Examples
    --------
    >>> channel_means(torch.ones(2, 4, 4, 3))
    tensor([1., 1., 1.])
    """
    # TODO: average over every axis except the channel axis
    raise NotImplementedError


def plot_batch(x):
    """Show each image of an NCHW batch in its own Axes.

    Parameters
    ----------
    x : torch.Tensor of shape (N, 3, H, W)
        Values in [0, 1].

    Returns
    -------
    fig : matplotlib.figure.Figure
        N Axes in batch order, each with one ``imshow`` of its ``(H, W, 3)`` image, no ticks,
        titled ``"image k"``.
    """
    # TODO: fig, axes = plt.subplots(1, N, squeeze=False); imshow each NHWC image
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_sample_images

    photos = load_sample_images().images                        # two (427, 640, 3) uint8 photos
    patches = [photos[0][200:264, 300:364], photos[1][150:214, 250:314]]
    x = torch.tensor(np.stack(patches), dtype=torch.float32).permute(0, 3, 1, 2) / 255
    print("NCHW batch:", tuple(x.shape))
    y = nchw_to_nhwc(x)
    print("NHWC batch:", tuple(y.shape))
    print("channel means (R, G, B):", channel_means(y))
    plot_batch(x).savefig("batch.png")
