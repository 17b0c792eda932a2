"""Exercise 11.4 — Compress a photograph channel by channel with the truncated SVD."""

import numpy as np


def compress_image(img, k):
    """Return the rank-``k`` approximation of every channel of ``img`` and the energy each keeps.

    Parameters
    ----------
    img : ndarray of shape (H, W, C), dtype uint8
        An image with ``C`` channels (3 for RGB). Do not modify it.
    k : int
        The rank kept in every channel, ``1 <= k <= min(H, W)``.

    Returns
    -------
    compressed : ndarray of shape (H, W, C), dtype uint8
        Channel ``c`` is the best rank-``k`` approximation of ``img[:, :, c]``, rounded to the
        nearest integer, then clipped to ``[0, 255]``.
    energy_kept : ndarray of shape (C,)
        ``(σ_1² + … + σ_k²) / (σ_1² + … + σ_r²)`` for each channel's singular values ``σ``;
        1.0 for a channel that is all zeros.

    Raises
    ------
    ValueError
        If ``k < 1`` or ``k > min(H, W)``.

    Examples
    --------
    >>> img = np.zeros((4, 5, 3), dtype=np.uint8)
    >>> img[:, :, 0] = 100                       # a constant red channel has rank 1
    >>> compressed, energy = compress_image(img, 1)
    >>> bool(np.array_equal(compressed, img)), energy
    (True, array([1., 1., 1.]))
    """
    # TODO: channels first (img.transpose(2, 0, 1)), as floats; one batched np.linalg.svd;
    #       keep k triplets per channel; round, clip, convert to uint8, channels last again;
    #       the energy from the squares of each channel's singular values
    raise NotImplementedError


if __name__ == "__main__":
    import matplotlib.pyplot as plt
    from sklearn.datasets import load_sample_image

    china = load_sample_image("china.jpg")                   # (427, 640, 3), uint8
    fig, axes = plt.subplots(1, 4, figsize=(16, 3.5))
    axes[0].imshow(china)
    axes[0].set_title("original")
    for ax, k in zip(axes[1:], (5, 20, 50)):
        compressed, energy = compress_image(china, k)
        ax.imshow(compressed)
        ax.set_title(f"k = {k}: energy kept {np.round(energy, 3)}")
    for ax in axes:
        ax.axis("off")
    plt.show()
