"""Exercise 2.2 — Images as matrices: flatten the digits and average each class (reference solution)."""

import numpy as np
from sklearn.datasets import load_digits


def flatten_images(images):
    """Flatten ``(n, h, w)`` images into an ``(n, h*w)`` design matrix, row by row."""
    images = np.asarray(images)
    n = images.shape[0]
    return images.reshape(n, -1)  # C (row-major) order: the rows of each image, one after another


def class_mean_images(images, target):
    """The average image of each class, shape ``(n_classes, h, w)``, classes in ``np.unique`` order."""
    images = np.asarray(images, dtype=float)
    target = np.asarray(target)
    h, w = images.shape[1:]
    X = flatten_images(images)  # (n, h*w)
    means = np.array([X[target == c].mean(axis=0) for c in np.unique(target)])  # (n_classes, h*w)
    return means.reshape(-1, h, w)


if __name__ == "__main__":
    digits = load_digits()
    X = flatten_images(digits.images)
    print("design matrix:", X.shape, "same as digits.data:", np.array_equal(X, digits.data))
    means = class_mean_images(digits.images, digits.target)  # (10, 8, 8)
    M = flatten_images(means)  # (10, 64)
    dist = ((X[:, None, :] - M[None, :, :]) ** 2).sum(axis=-1)  # (1797, 10)
    print("nearest-mean accuracy:", np.mean(dist.argmin(axis=1) == digits.target))
