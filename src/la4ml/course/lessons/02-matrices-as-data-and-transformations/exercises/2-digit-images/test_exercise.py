"""Hidden tests of exercise 2.2 — flatten_images(images), class_mean_images(images, target)."""

import numpy as np

from la4ml.course.grading import call, expect_close, fail, function, last_call, show
from la4ml.course.testdata import load_digits

DIGITS = load_digits()


def _numbers(got):
    """The learner's result as a float array, or feedback saying it is not one."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers (a ragged list or an "
             "object array?); build the result as one NumPy array of floats.")

def _rect_images():
    rng = np.random.default_rng(0)
    return rng.integers(0, 16, (6, 3, 5)).astype(float), np.array([1, 0, 1, 2, 0, 2])


def _flatten(submission, images):
    f = function(submission, "flatten_images")
    got = call(f, images)
    n, h, w = images.shape
    arr = _numbers(got) if got is not None else None
    if arr is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {(n, h * w)}.")
    if arr.shape != (n, h * w):
        hint = " (a single 1-D vector: keep the first axis, reshape(n, -1))" if arr.ndim == 1 else ""
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {(n, h * w)}: one row per image{hint}.")
    if not np.array_equal(arr, images.reshape(n, -1)):
        if np.array_equal(arr, images.transpose(0, 2, 1).reshape(n, -1)):
            fail(f"Called {last_call()}; your rows read each image COLUMN by column (order='F' or a transpose); "
                 "read it row by row, NumPy's default: images.reshape(n, -1).")
        if np.array_equal(np.sort(arr, axis=None), np.sort(images, axis=None)):
            fail(f"Called {last_call()}; the right pixels, in the wrong places: row i must be image i read row by row "
                 "(images.reshape(n, -1)), not the whole stack reshaped another way.")
    expect_close(arr, images.reshape(n, -1), rtol=0, atol=0, what="the flattened images")
    return arr


def test_flatten_digits(submission):
    """flattening load_digits().images gives exactly load_digits().data, shape (1797, 64)"""
    _flatten(submission, DIGITS.images)


def test_flatten_rectangular(submission):
    """flattens 3 × 5 images row by row: shape (6, 15)"""
    _flatten(submission, _rect_images()[0])


def _means(submission, images, target):
    f = function(submission, "class_mean_images")
    got = call(f, images, target)
    classes = np.unique(target)
    n, h, w = images.shape
    expected = np.array([images[target == c].mean(axis=0) for c in classes])
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {expected.shape}.")
    arr = _numbers(got)
    if arr.shape == (len(classes), h * w):
        fail(f"Called {last_call()}; the result has shape {arr.shape}; reshape the mean rows back into images: "
             f"expected {expected.shape}.")
    if arr.shape == (len(classes), w, h) and h != w:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape}: each mean image must "
             f"have the images' own shape (h, w) = {(h, w)}, not the transpose.")
    if arr.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape}: one {h} × {w} image per "
             "class (average over the images of a class, axis=0).")
    k = len(classes)
    scrambled = [expected.reshape(k, -1).reshape(k, h, w, order="F"),
                 expected.reshape(k, -1, order="F").reshape(k, h, w)]
    if h == w:
        scrambled.append(expected.transpose(0, 2, 1))
    if not np.allclose(arr, expected) and any(np.allclose(arr, s) for s in scrambled):
        fail(f"Called {last_call()}; every mean image comes out transposed: flatten and reshape back in the same "
             "(row-major) order, with no .T and no order='F'.")
    if np.allclose(arr, np.broadcast_to(images.mean(axis=0), arr.shape)):
        fail(f"Called {last_call()}; every class got the mean of ALL images; average only the images of that class "
             "(X[target == c].mean(axis=0)).")
    expect_close(arr, expected, rtol=1e-9, atol=1e-9, what="the mean images",
                 because="entry k must be the pixel-wise mean of the images of class np.unique(target)[k]")


def test_digit_means(submission):
    """on load_digits returns ten 8 × 8 average digits, in class order 0..9"""
    _means(submission, DIGITS.images, DIGITS.target)


def test_rectangular_means(submission):
    """on 3 × 5 images of classes {0, 1, 2} returns three 3 × 5 mean images"""
    _means(submission, *_rect_images())


def test_unsorted_labels(submission):
    """classes come in np.unique order even when labels are not 0..k-1 (labels 7 and 3)"""
    images, target = _rect_images()
    _means(submission, images, np.array([7, 3, 7, 7, 3, 3]))


def test_nearest_mean_classifier(submission):
    """the ten average digits classify load_digits by nearest mean with about 90 % accuracy"""
    means = _numbers(call(function(submission, "class_mean_images"), DIGITS.images, DIGITS.target))
    if means.shape != (10, 8, 8):
        fail(f"Called {last_call()}; the result has shape {means.shape}; expected (10, 8, 8), one average image per digit.")
    X = DIGITS.data
    M = means.reshape(len(means), -1)
    acc = np.mean(((X[:, None, :] - M[None]) ** 2).sum(-1).argmin(1) == DIGITS.target)
    if not 0.88 <= acc <= 0.92:
        fail(f"Called {last_call()}; classifying each digit by the nearest of your mean images gives accuracy {acc:.3f}; "
             "expected about 0.90. Check that the mean images are in class order and not transposed.")
