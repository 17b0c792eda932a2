"""Exercise 11.4 — Compress a photograph channel by channel with the truncated SVD (reference solution)."""

import numpy as np


def compress_image(img, k):
    """Return ``(compressed, energy_kept)``: every channel at rank ``k`` (uint8) and the energy it keeps."""
    img = np.asarray(img)
    H, W, C = img.shape
    r = min(H, W)
    if not 1 <= k <= r:
        raise ValueError(f"k must satisfy 1 <= k <= min(H, W) = {r}, got {k}")
    X = img.transpose(2, 0, 1).astype(float)                # (C, H, W): one matrix per channel
    U, s, Vt = np.linalg.svd(X, full_matrices=False)         # a batch: U (C, H, r), s (C, r), Vt (C, r, W)
    X_k = (U[:, :, :k] * s[:, None, :k]) @ Vt[:, :k, :]     # (C, H, W), rank k per channel
    compressed = np.clip(np.rint(X_k), 0, 255).astype(np.uint8).transpose(1, 2, 0)
    total = np.sum(s**2, axis=1)                             # ‖channel‖_F², one per channel
    kept = np.sum(s[:, :k] ** 2, axis=1)
    energy_kept = np.divide(kept, total, out=np.ones_like(total), where=total > 0)
    return np.ascontiguousarray(compressed), energy_kept


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
