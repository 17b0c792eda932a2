"""Exercise 2.2 — Images as matrices: flatten the digits and average each class.

Write ``flatten_images(images)`` and ``class_mean_images(images, target)``. Then run this file to see
the average digits and use them as a nearest-mean classifier.
"""

import numpy as np
from sklearn.datasets import load_digits


def flatten_images(images):
    """Flatten a stack of images into a design matrix, one image per row (read row by row).

    Parameters
    ----------
    images : ndarray of shape (n, h, w)

    Returns
    -------
    ndarray of shape (n, h * w)
        Row i holds image i's pixels in row-major order: image[0, 0], image[0, 1], ..., image[h-1, w-1].
    """
    # TODO: one reshape (keep n, merge h and w).
    raise NotImplementedError


def class_mean_images(images, target):
    """The average image of each class.

    Parameters
    ----------
    images : ndarray of shape (n, h, w)
    target : ndarray of shape (n,)
        The class of each image.

    Returns
    -------
    ndarray of shape (n_classes, h, w)
        Entry k is the pixel-wise mean of the images of class ``np.unique(target)[k]``.
    """
    # TODO: flatten; for each class, average the rows of that class (axis=0); reshape back to (h, w).
    raise NotImplementedError


if __name__ == "__main__":
    digits = load_digits()
    X = flatten_images(digits.images)
    print("design matrix:", X.shape, "same as digits.data:", np.array_equal(X, digits.data))
    means = class_mean_images(digits.images, digits.target)  # (10, 8, 8)
    M = flatten_images(means)  # (10, 64)
    dist = ((X[:, None, :] - M[None, :, :]) ** 2).sum(axis=-1)  # (1797, 10)
    print("nearest-mean accuracy:", np.mean(dist.argmin(axis=1) == digits.target))
