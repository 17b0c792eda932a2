"""Hidden tests of exercise 11.4 — compress_image(img, k): per-channel truncated SVD of an image, and the energy kept."""

import numpy as np

from la4ml.course.grading import Feedback, call, fail, function, last_call, show


def _reference(img, k):
    X = img.transpose(2, 0, 1).astype(float)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    X_k = (U[:, :, :k] * s[:, None, :k]) @ Vt[:, :k, :]
    total = np.sum(s**2, axis=1)
    energy = np.divide(np.sum(s[:, :k] ** 2, axis=1), total, out=np.ones_like(total), where=total > 0)
    return X_k.transpose(1, 2, 0), s, energy


def _to_uint8(X):
    return np.clip(np.rint(X), 0, 255).astype(np.uint8)


def _diagnose_image(img, k, got):
    """Name the wrong way of compressing that gives ``got``, if one does."""
    H, W, C = img.shape
    g = got.astype(float)

    def same(candidate):
        return candidate.shape == got.shape and np.mean(np.abs(candidate.astype(float) - g) > 1) < 1e-3

    X_k, _, _ = _reference(img, k)
    if np.array_equal(got, img) and not np.array_equal(_to_uint8(X_k), img):
        return (" Your result is the original image: with np.linalg.svd(img) on the (H, W, C) array NumPy decomposes "
                f"{H} matrices of size {W} × {C} (the last two axes), one per row of pixels, and any k >= {C} rebuilds "
                "them exactly. Move the channel axis first: img.transpose(2, 0, 1).")
    if k <= min(W, C):
        U, s, Vt = np.linalg.svd(img.astype(float), full_matrices=False)   # the (H, W, C) batch of row matrices
        if same(_to_uint8((U[..., :k] * s[:, None, :k]) @ Vt[:, :k, :])):
            return (" It matches the SVDs of the image's rows: np.linalg.svd(img) treats the first axis as a batch. "
                    "Move the channel axis first: img.transpose(2, 0, 1).")
    flat = img.reshape(H, W * C).astype(float)
    U, s, Vt = np.linalg.svd(flat, full_matrices=False)
    if same(_to_uint8(((U[:, :k] * s[:k]) @ Vt[:k]).reshape(H, W, C))):
        return (" It matches ONE SVD of the image reshaped to (H, W·C): the channels then share their singular "
                "vectors. Decompose each channel on its own (a batch of C matrices H × W).")
    chw = _to_uint8(X_k).transpose(2, 0, 1)                     # the right pixels, in (C, H, W) order
    if same(chw.reshape(H, W, C)):
        return (" The pixels are scrambled: you RESHAPED the (C, H, W) result to (H, W, C). Reshaping keeps the memory "
                "order; to move the channel axis back use X_k.transpose(1, 2, 0).")
    if C > 3 and np.all(got[:, :, 3:] == 0) and np.mean(np.abs(g[:, :, :3] - _to_uint8(X_k)[:, :, :3]) > 1) < 1e-3:
        which = "Channel 4 is" if C == 4 else f"Channels 4 to {C} are"
        return f" {which} all zeros: loop over all C = img.shape[2] channels, not range(3)."
    for other in (k - 1, k + 1):
        if 1 <= other <= min(H, W) and same(_to_uint8(_reference(img, other)[0])):
            return f" It is the rank-{other} approximation: keep exactly k = {k} singular triplets."
    wrapped = np.rint(X_k).astype(np.int64).astype(np.uint8)     # wrap-around instead of clipping
    if not np.array_equal(wrapped, _to_uint8(X_k)) and same(wrapped):
        return (" Pixels that overshoot 255 came back near 0 (or negative ones near 255): astype(np.uint8) wraps "
                "around. Clip to [0, 255] with np.clip BEFORE converting.")
    truncated = np.clip(X_k, 0, 255).astype(np.uint8)
    if np.mean(truncated != _to_uint8(X_k)) > 0.05 and np.mean(truncated != got) < 1e-3:
        return " The values were truncated, not rounded: use np.rint (or np.round) before astype(np.uint8)."
    return ""


def _check(submission, img, k):
    """Call compress_image(img, k) and explain the first thing wrong with (compressed, energy_kept)."""
    img = np.ascontiguousarray(img, dtype=np.uint8)
    H, W, C = img.shape
    X_k, s, energy = _reference(img, k)
    expected = _to_uint8(X_k)
    try:
        got = call(function(submission, "compress_image"), img, k)
    except Feedback as fb:
        if "broadcast" in str(fb):
            fail(f"{fb}\nShapes that do not fit: s from the batched SVD has shape (C, r) = ({C}, {min(H, W)}); the "
                 "energy sums run along each channel's own singular values, axis=1 (and s[:, :k] keeps k of them).")
        raise
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (compressed, energy_kept).")
    compressed, energy_kept = got
    if not isinstance(compressed, np.ndarray):
        fail(f"Called {last_call()}; compressed is a {type(compressed).__name__}; expected a NumPy array.")
    if compressed.shape != img.shape:
        hint = ""
        if compressed.shape == (C, H, W):
            hint = " Transpose the channels back to the last axis: X_k.transpose(1, 2, 0)."
        elif compressed.shape == (W, C, H):
            hint = (" That is what decomposing the (H, W, C) array directly gives: np.linalg.svd treats the first axis "
                    f"as a batch ({H} matrices of size {W} × {C}). Move the channels first: img.transpose(2, 0, 1).")
        fail(f"Called {last_call()}; compressed has shape {compressed.shape}; expected {img.shape}, the shape of img.{hint}")
    if compressed.dtype != np.uint8:
        fail(f"Called {last_call()}; compressed has dtype {compressed.dtype}; expected uint8 (round, clip to [0, 255], "
             "then .astype(np.uint8)), so it can be saved and shown as an image.")
    off = np.abs(compressed.astype(int) - expected.astype(int))
    # rounding may flip a pixel whose value is within rounding error of x.5; allow a handful of ±1s
    if off.max() > 1 or np.mean(off > 0) > 1e-3:
        i = tuple(int(j) for j in np.unravel_index(int(np.argmax(off)), off.shape))
        fail(f"Called {last_call()}; compressed differs from the per-channel rank-{k} approximation at {int(np.sum(off > 0))} "
             f"of {off.size} values (at pixel {i[:2]}, channel {i[2]}: got {int(compressed[i])}, expected "
             f"{int(expected[i])}).{_diagnose_image(img, k, compressed)}")
    try:
        e = np.asarray(energy_kept, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; energy_kept is {show(energy_kept)}; expected an array of {C} fractions.")
    if e.shape != (C,):
        hint = ""
        if e.shape == (min(H, W),) or e.shape == (k,):
            hint = (" You summed over the channels (axis=0 of s, shape (C, r)); sum each channel's own singular "
                    "values: axis=1.")
        fail(f"Called {last_call()}; energy_kept has shape {e.shape}; expected ({C},), one fraction per channel.{hint}")
    if not np.allclose(e, energy, rtol=1e-9, atol=1e-12):
        hint = ""
        with np.errstate(all="ignore"):
            by_sigma = np.sum(s[:, :k], axis=1) / np.sum(s, axis=1)
            if np.any(np.isnan(e)):
                hint = " A channel that is all zeros gives 0 / 0 = NaN: report 1.0 for it (nothing is lost)."
            elif np.allclose(e, by_sigma, rtol=1e-9):
                hint = " That is the fraction of Σσ; the energy is the fraction of Σσ² (the squared Frobenius norm)."
            elif np.allclose(e, 1 - energy, rtol=1e-9):
                hint = " That is the energy LOST (1 − kept)."
        fail(f"Called {last_call()}; energy_kept = {show(e)}; expected {show(energy)}.{hint}")
    return compressed, e


def _photo_like(H, W, seed):
    """A smooth random image: a few low-frequency waves per channel plus a little noise, in 0..255."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:H, 0:W] / max(H, W)
    chans = []
    for _ in range(3):
        a = rng.uniform(0.5, 3, size=(4, 2))
        c = sum(np.sin(2 * np.pi * (f * x + g * y) + rng.uniform(0, 6)) for f, g in a)
        chans.append(c)
    img = np.stack(chans, axis=-1)
    img = 255 * (img - img.min()) / (img.max() - img.min()) + rng.normal(0, 4, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


# ------------------------------------------------------------------------------------------------ checks

def test_small_image(submission):
    """a 12 × 16 RGB image, k = 2: every channel at rank 2, rounded and clipped to uint8, and the energy kept"""
    _check(submission, _photo_like(12, 16, 0), 2)


def test_channels_are_separate(submission):
    """R a rank-1 gradient, G a checkerboard, B black, k = 1: R exact, B stays black with energy 1.0"""
    H, W = 10, 14
    img = np.zeros((H, W, 3), dtype=np.uint8)
    img[:, :, 0] = np.outer(np.arange(1, H + 1), np.arange(3, W + 3))   # integers up to 160, exactly rank 1
    img[:, :, 1] = 200 * ((np.add.outer(np.arange(H), np.arange(W)) % 2) == 0)
    compressed, e = _check(submission, img, 1)
    if not np.array_equal(compressed[:, :, 0], img[:, :, 0]):
        fail(f"Called {last_call()}; the red channel, of rank 1, is not reproduced exactly at k = 1.")


def test_more_triplets_than_channels(submission):
    """a 20 × 24 image with k = 4 (> 3 channels): each channel keeps 4 of its 20 singular values, not the whole image"""
    _check(submission, _photo_like(20, 24, 1), 4)


def test_saturated_edges_are_clipped(submission):
    """a black-and-white stripe image, k = 1 and 2: the approximation overshoots 0 and 255, and must be clipped, not wrapped"""
    img = np.zeros((16, 16, 3), dtype=np.uint8)
    img[:, 5:9, :] = 255
    img[3:7, :, 1] = 255
    img[10:, 2:4, 2] = 255
    for k in (1, 2):
        _check(submission, img, k)


def test_rounding(submission):
    """values are rounded to the nearest integer, not truncated (checked on a smooth 30 × 40 image, k = 3)"""
    _check(submission, _photo_like(30, 40, 2), 3)


def test_full_rank_and_four_channels(submission):
    """k = min(H, W) gives the image back with energy 1; a 4-channel (RGBA) image works too"""
    img = _photo_like(9, 13, 3)
    compressed, e = _check(submission, img, 9)
    rgba = np.concatenate([img, np.full((9, 13, 1), 255, dtype=np.uint8)], axis=-1)
    _check(submission, rgba, 2)


def test_tall_and_wide(submission):
    """a tall 25 × 8 and a wide 8 × 25 image, k = 3 and k = 8 (= min(H, W))"""
    img = _photo_like(25, 8, 4)
    for k in (3, 8):
        _check(submission, img, k)
        _check(submission, np.ascontiguousarray(img.transpose(1, 0, 2)), k)


def test_bad_k_raises(submission):
    """k = 0 and k = min(H, W) + 1 raise ValueError, on a tall and on a wide image"""
    f = function(submission, "compress_image")
    tall = _photo_like(12, 7, 5)
    wide = np.ascontiguousarray(tall.transpose(1, 0, 2))
    for img, k, why in ((tall, 0, "a rank-0 image is black: k must be at least 1"),
                        (tall, 8, "a 12 × 7 channel has only min(H, W) = 7 singular values"),
                        (wide, 8, "a 7 × 12 channel has only min(H, W) = 7 singular values")):
        try:
            got = call(f, img, k)
        except Feedback as fb:
            if "raised ValueError" in str(fb):
                continue
            if "NotImplementedError" in str(fb):
                raise
            fail(f"{fb}\nExpected a ValueError, because {why}.")
        fail(f"Called {last_call()}; returned {show(got)}; expected it to raise ValueError, because {why}.")


def test_china(submission):
    """the real photograph china.jpg (427 × 640 × 3), k = 20: the compressed image and its energy (about 0.98)"""
    from sklearn.datasets import load_sample_image

    _check(submission, load_sample_image("china.jpg"), 20)
