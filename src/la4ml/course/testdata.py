"""Data for the hidden tests, without importing scikit-learn.

Why this exists: ``la4ml check ID`` runs an exercise's hidden tests in a trusted process, and every
check waits for that process to import what the test module imports. ``import sklearn`` (which pulls
scipy, scipy.stats, ...) costs about 0.9 s there, and most hidden tests import it only to get a toy
dataset (``from sklearn.datasets import load_digits``) or a toy sample (``make_moons``). This module
gives the same arrays with NumPy and the standard library only, so the trusted side of a check does
not pay for ``import sklearn`` unless a test needs a real scikit-learn peer (LinearRegression, SVC, ...).

Everything here is a copy of the scikit-learn 1.9.1 code it replaces, operation by operation, so the
results are bit-identical (same values, dtypes and shapes) for the same arguments and the same
``random_state`` (an int or a ``np.random.RandomState``; ``None`` draws from NumPy's global state as
scikit-learn does):

* ``load_iris``, ``load_digits``, ``load_diabetes`` (``scaled=True`` only), ``load_wine``,
  ``load_breast_cancer`` read the CSV files that ship inside the installed scikit-learn
  (``sklearn/datasets/data/``), located with ``importlib.util.find_spec`` -- which finds a top-level
  package without executing it.
* ``make_moons``, ``make_circles``, ``make_blobs`` and ``train_test_split`` (``shuffle=True`` or
  ``False``, no ``stratify``).

``tests/course/test_testdata.py`` proves the identity with scikit-learn for every call pattern the
lesson tests use, and that importing and using this module leaves ``sklearn`` and ``scipy`` out of
``sys.modules``.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import numbers
import os
from collections.abc import Iterable
from math import ceil, floor

import numpy as np

__all__ = [
    "Bunch",
    "check_random_state",
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "load_iris",
    "load_wine",
    "make_blobs",
    "make_circles",
    "make_moons",
    "shuffle",
    "train_test_split",
]


class Bunch(dict):
    """A dict whose keys are also attributes (``bunch.data`` and ``bunch["data"]``), like sklearn's."""

    def __init__(self, **kwargs):
        super().__init__(kwargs)

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value

    def __dir__(self):
        return list(self.keys())


# --------------------------------------------------------------------------------------------------
# the files shipped with scikit-learn


def _data_path(file_name: str) -> str:
    """Path of ``sklearn/datasets/data/<file_name>``, found without importing sklearn."""
    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise FileNotFoundError(
            f"la4ml.course.testdata reads the data file sklearn/datasets/data/{file_name} that ships with "
            "scikit-learn, but scikit-learn is not installed in this environment (pip install scikit-learn)."
        )
    path = os.path.join(locations[0], "datasets", "data", file_name)
    if not os.path.isfile(path):
        raise FileNotFoundError(
            f"la4ml.course.testdata needs {path} (sklearn/datasets/data/{file_name}), which the installed "
            "scikit-learn does not have."
        )
    return path


def _load_csv_data(data_file_name):
    """sklearn.datasets._base.load_csv_data, without the description."""
    with open(_data_path(data_file_name), encoding="utf-8") as csv_file:
        data_file = csv.reader(csv_file)
        temp = next(data_file)
        n_samples = int(temp[0])
        n_features = int(temp[1])
        target_names = np.array(temp[2:])
        data = np.empty((n_samples, n_features))
        target = np.empty((n_samples,), dtype=int)

        for i, ir in enumerate(data_file):
            data[i] = np.asarray(ir[:-1], dtype=np.float64)
            target[i] = np.asarray(ir[-1], dtype=int)
    return data, target, target_names


def _load_gzip_compressed_csv_data(data_file_name, encoding="utf-8", **kwargs):
    """sklearn.datasets._base.load_gzip_compressed_csv_data, without the description."""
    with open(_data_path(data_file_name), "rb") as compressed_file:
        compressed_file = gzip.open(compressed_file, mode="rt", encoding=encoding)
        data = np.loadtxt(compressed_file, **kwargs)
    return data


# --------------------------------------------------------------------------------------------------
# loaders (as_frame=False only)

_WINE_FEATURES = [
    "alcohol",
    "malic_acid",
    "ash",
    "alcalinity_of_ash",
    "magnesium",
    "total_phenols",
    "flavanoids",
    "nonflavanoid_phenols",
    "proanthocyanins",
    "color_intensity",
    "hue",
    "od280/od315_of_diluted_wines",
    "proline",
]

_IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]

_BREAST_CANCER_FEATURES = [
    "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
    "mean compactness", "mean concavity", "mean concave points", "mean symmetry",
    "mean fractal dimension", "radius error", "texture error", "perimeter error", "area error",
    "smoothness error", "compactness error", "concavity error", "concave points error",
    "symmetry error", "fractal dimension error", "worst radius", "worst texture", "worst perimeter",
    "worst area", "worst smoothness", "worst compactness", "worst concavity", "worst concave points",
    "worst symmetry", "worst fractal dimension",
]  # fmt: skip

_DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def load_wine(*, return_X_y=False):
    """sklearn.datasets.load_wine: (178, 13) float64 data, int target 0..2."""
    data, target, target_names = _load_csv_data("wine_data.csv")
    if return_X_y:
        return data, target
    return Bunch(data=data, target=target, frame=None, target_names=target_names,
                 feature_names=list(_WINE_FEATURES))  # fmt: skip


def load_iris(*, return_X_y=False):
    """sklearn.datasets.load_iris: (150, 4) float64 data, int target 0..2."""
    data_file_name = "iris.csv"
    data, target, target_names = _load_csv_data(data_file_name)
    if return_X_y:
        return data, target
    return Bunch(data=data, target=target, frame=None, target_names=target_names,
                 feature_names=list(_IRIS_FEATURES), filename=data_file_name,
                 data_module="sklearn.datasets.data")  # fmt: skip


def load_breast_cancer(*, return_X_y=False):
    """sklearn.datasets.load_breast_cancer: (569, 30) float64 data, int target 0 (malignant) / 1 (benign)."""
    data_file_name = "breast_cancer.csv"
    data, target, target_names = _load_csv_data(data_file_name)
    if return_X_y:
        return data, target
    return Bunch(data=data, target=target, frame=None, target_names=target_names,
                 feature_names=np.array(_BREAST_CANCER_FEATURES), filename=data_file_name,
                 data_module="sklearn.datasets.data")  # fmt: skip


def load_digits(*, n_class=10, return_X_y=False):
    """sklearn.datasets.load_digits: (1797, 64) float64 data, (1797, 8, 8) images, int target 0..9."""
    if not (isinstance(n_class, numbers.Integral) and 1 <= n_class <= 10):
        raise ValueError(f"n_class must be an int in [1, 10], got {n_class!r}")
    data = _load_gzip_compressed_csv_data("digits.csv.gz", delimiter=",")

    target = data[:, -1].astype(int, copy=False)
    flat_data = data[:, :-1]
    images = flat_data.reshape(-1, 8, 8)

    if n_class < 10:
        idx = target < n_class
        flat_data, target = flat_data[idx], target[idx]
        images = images[idx]

    if return_X_y:
        return flat_data, target
    feature_names = ["pixel_{}_{}".format(row_idx, col_idx) for row_idx in range(8) for col_idx in range(8)]
    return Bunch(data=flat_data, target=target, frame=None, feature_names=feature_names,
                 target_names=np.arange(10), images=images)  # fmt: skip


def _handle_zeros_in_scale(scale):
    """sklearn.preprocessing._data._handle_zeros_in_scale for a float ndarray, in place (copy=False)."""
    constant_mask = scale < 10 * np.finfo(scale.dtype).eps
    scale[constant_mask] = 1.0
    return scale


def _scale(X):
    """sklearn.preprocessing.scale(X, copy=False) for a dense float64 ndarray, axis=0, with mean and std."""
    X = np.asarray(X)
    mean_ = np.nanmean(X, 0)
    scale_ = np.nanstd(X, 0)
    Xr = np.rollaxis(X, 0)
    Xr -= mean_
    mean_1 = np.nanmean(Xr, axis=0)
    if not np.allclose(mean_1, 0):  # sklearn warns here; the data shipped with it never gets here
        Xr -= mean_1
    scale_ = _handle_zeros_in_scale(scale_)
    Xr /= scale_
    mean_2 = np.nanmean(Xr, axis=0)
    if not np.allclose(mean_2, 0):
        Xr -= mean_2
    return X


def load_diabetes(*, return_X_y=False, scaled=True):
    """sklearn.datasets.load_diabetes: (442, 10) float64 data (mean-centred, scaled by std·√442), float target."""
    data_filename = "diabetes_data_raw.csv.gz"
    target_filename = "diabetes_target.csv.gz"
    data = _load_gzip_compressed_csv_data(data_filename)
    target = _load_gzip_compressed_csv_data(target_filename)

    if scaled:
        data = _scale(data)
        data /= data.shape[0] ** 0.5

    if return_X_y:
        return data, target
    return Bunch(data=data, target=target, frame=None, feature_names=list(_DIABETES_FEATURES),
                 data_filename=data_filename, target_filename=target_filename,
                 data_module="sklearn.datasets.data")  # fmt: skip


# --------------------------------------------------------------------------------------------------
# random samples


def check_random_state(seed):
    """sklearn.utils.check_random_state: None -> NumPy's global RandomState, int -> new, instance -> itself."""
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, numbers.Integral):
        return np.random.RandomState(seed)
    if isinstance(seed, np.random.RandomState):
        return seed
    raise ValueError(f"{seed!r} cannot be used to seed a numpy.random.RandomState instance")


def _num_samples(x):
    return x.shape[0] if hasattr(x, "shape") else len(x)


def _take(a, indices):
    """sklearn.utils._safe_indexing(a, indices) for an ndarray or a list, rows = axis 0."""
    if hasattr(a, "shape"):
        return a[indices]
    return [a[i] for i in indices]


def shuffle(*arrays, random_state=None, n_samples=None):
    """sklearn.utils.shuffle (resample with replace=False) for ndarrays and lists."""
    max_n_samples = n_samples
    random_state = check_random_state(random_state)
    if len(arrays) == 0:
        return None
    n_samples = _num_samples(arrays[0])
    if max_n_samples is None:
        max_n_samples = n_samples
    elif max_n_samples > n_samples:
        raise ValueError(
            "Cannot sample %d out of arrays with dim %d when replace is False" % (max_n_samples, n_samples)
        )
    lengths = {_num_samples(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {sorted(lengths)}")

    indices = np.arange(n_samples)
    random_state.shuffle(indices)
    indices = indices[:max_n_samples]

    resampled_arrays = [_take(a, indices) for a in arrays]
    if len(resampled_arrays) == 1:
        return resampled_arrays[0]
    return resampled_arrays


def make_circles(n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8):
    """sklearn.datasets.make_circles: X (n, 2) float64, y (n,) intp; outer circle 0, inner circle 1."""
    if isinstance(n_samples, numbers.Integral):
        n_samples_out = n_samples // 2
        n_samples_in = n_samples - n_samples_out
    else:  # n_samples is a tuple
        if len(n_samples) != 2:
            raise ValueError("When a tuple, n_samples must have exactly two elements.")
        n_samples_out, n_samples_in = n_samples

    generator = check_random_state(random_state)
    # so as not to have the first point = last point, we set endpoint=False
    linspace_out = np.linspace(0, 2 * np.pi, n_samples_out, endpoint=False)
    linspace_in = np.linspace(0, 2 * np.pi, n_samples_in, endpoint=False)
    outer_circ_x = np.cos(linspace_out)
    outer_circ_y = np.sin(linspace_out)
    inner_circ_x = np.cos(linspace_in) * factor
    inner_circ_y = np.sin(linspace_in) * factor

    X = np.vstack([np.append(outer_circ_x, inner_circ_x), np.append(outer_circ_y, inner_circ_y)]).T
    y = np.hstack([np.zeros(n_samples_out, dtype=np.intp), np.ones(n_samples_in, dtype=np.intp)])
    if shuffle:
        X, y = _shuffle(X, y, random_state=generator)

    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)

    return X, y


def make_moons(n_samples=100, *, shuffle=True, noise=None, random_state=None):
    """sklearn.datasets.make_moons: X (n, 2) float64, y (n,) intp; upper moon 0, lower moon 1."""
    if isinstance(n_samples, numbers.Integral):
        n_samples_out = n_samples // 2
        n_samples_in = n_samples - n_samples_out
    else:
        try:
            n_samples_out, n_samples_in = n_samples
        except ValueError as e:
            raise ValueError("`n_samples` can be either an int or a two-element tuple.") from e

    generator = check_random_state(random_state)

    outer_circ_x = np.cos(np.linspace(0, np.pi, n_samples_out))
    outer_circ_y = np.sin(np.linspace(0, np.pi, n_samples_out))
    inner_circ_x = 1 - np.cos(np.linspace(0, np.pi, n_samples_in))
    inner_circ_y = 1 - np.sin(np.linspace(0, np.pi, n_samples_in)) - 0.5

    X = np.vstack([np.append(outer_circ_x, inner_circ_x), np.append(outer_circ_y, inner_circ_y)]).T
    y = np.hstack([np.zeros(n_samples_out, dtype=np.intp), np.ones(n_samples_in, dtype=np.intp)])

    if shuffle:
        X, y = _shuffle(X, y, random_state=generator)

    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)

    return X, y


def _check_centers(centers):
    """check_array(centers) for the dense, finite, 2-D case make_blobs needs."""
    centers = np.asarray(centers)
    if centers.dtype.kind not in "fiub":
        raise ValueError(f"centers must be numeric, got dtype {centers.dtype}")
    if centers.ndim != 2:
        raise ValueError(f"Expected 2D array for centers, got {centers.ndim}D array instead")
    if not np.isfinite(centers).all():
        raise ValueError("centers contains NaN or infinity")
    return centers


def make_blobs(n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, center_box=(-10.0, 10.0),
               shuffle=True, random_state=None, return_centers=False):  # fmt: skip
    """sklearn.datasets.make_blobs: X (n, n_features) float64, y (n,) int, (centers if return_centers)."""
    generator = check_random_state(random_state)

    if isinstance(n_samples, numbers.Integral):
        # Set n_centers by looking at centers arg
        if centers is None:
            centers = 3

        if isinstance(centers, numbers.Integral):
            n_centers = centers
            centers = generator.uniform(center_box[0], center_box[1], size=(n_centers, n_features))

        else:
            centers = _check_centers(centers)
            n_features = centers.shape[1]
            n_centers = centers.shape[0]

    else:
        # Set n_centers by looking at [n_samples] arg
        n_centers = len(n_samples)
        if centers is None:
            centers = generator.uniform(center_box[0], center_box[1], size=(n_centers, n_features))
        if not isinstance(centers, Iterable):
            raise ValueError("Parameter `centers` must be array-like. Got {!r} instead".format(centers))
        if len(centers) != n_centers:
            raise ValueError(
                "Length of `n_samples` not consistent with number of "
                f"centers. Got n_samples = {n_samples} and centers = {centers}"
            )
        centers = _check_centers(centers)
        n_features = centers.shape[1]

    # stds: if cluster_std is given as list, it must be consistent with the n_centers
    if hasattr(cluster_std, "__len__") and len(cluster_std) != n_centers:
        raise ValueError(
            "Length of `clusters_std` not consistent with "
            "number of centers. Got centers = {} "
            "and cluster_std = {}".format(centers, cluster_std)
        )

    if isinstance(cluster_std, numbers.Real):
        cluster_std = np.full(len(centers), cluster_std)

    if isinstance(n_samples, Iterable):
        n_samples_per_center = n_samples
    else:
        n_samples_per_center = [int(n_samples // n_centers)] * n_centers

        for i in range(n_samples % n_centers):
            n_samples_per_center[i] += 1

    cum_sum_n_samples = np.cumsum(n_samples_per_center)
    X = np.empty(shape=(sum(n_samples_per_center), n_features), dtype=np.float64)
    y = np.empty(shape=(sum(n_samples_per_center),), dtype=int)

    for i, (n, std) in enumerate(zip(n_samples_per_center, cluster_std)):
        start_idx = cum_sum_n_samples[i - 1] if i > 0 else 0
        end_idx = cum_sum_n_samples[i]
        X[start_idx:end_idx] = generator.normal(loc=centers[i], scale=std, size=(n, n_features))
        y[start_idx:end_idx] = i

    if shuffle:
        X, y = _shuffle(X, y, random_state=generator)

    if return_centers:
        return X, y, centers
    return X, y


_shuffle = shuffle  # the make_* functions have a parameter called shuffle


# --------------------------------------------------------------------------------------------------
# splitting


def _validate_shuffle_split(n_samples, test_size, train_size, default_test_size=None):
    """sklearn.model_selection._split._validate_shuffle_split."""
    if test_size is None and train_size is None:
        test_size = default_test_size

    test_size_type = np.asarray(test_size).dtype.kind
    train_size_type = np.asarray(train_size).dtype.kind

    if (test_size_type == "i" and (test_size >= n_samples or test_size <= 0)) or (
        test_size_type == "f" and (test_size <= 0 or test_size >= 1)
    ):
        raise ValueError(
            "test_size={0} should be either positive and smaller"
            " than the number of samples {1} or a float in the "
            "(0, 1) range".format(test_size, n_samples)
        )

    if (train_size_type == "i" and (train_size >= n_samples or train_size <= 0)) or (
        train_size_type == "f" and (train_size <= 0 or train_size >= 1)
    ):
        raise ValueError(
            "train_size={0} should be either positive and smaller"
            " than the number of samples {1} or a float in the "
            "(0, 1) range".format(train_size, n_samples)
        )

    if train_size is not None and train_size_type not in ("i", "f"):
        raise ValueError("Invalid value for train_size: {}".format(train_size))
    if test_size is not None and test_size_type not in ("i", "f"):
        raise ValueError("Invalid value for test_size: {}".format(test_size))

    if train_size_type == "f" and test_size_type == "f" and train_size + test_size > 1:
        raise ValueError(
            "The sum of test_size and train_size = {}, should be in the (0, 1)"
            " range. Reduce test_size and/or train_size.".format(train_size + test_size)
        )

    if test_size_type == "f":
        n_test = ceil(test_size * n_samples)
    elif test_size_type == "i":
        n_test = float(test_size)

    if train_size_type == "f":
        n_train = floor(train_size * n_samples)
    elif train_size_type == "i":
        n_train = float(train_size)

    if train_size is None:
        n_train = n_samples - n_test
    elif test_size is None:
        n_test = n_samples - n_train

    if n_train + n_test > n_samples:
        raise ValueError(
            "The sum of train_size and test_size = %d, "
            "should be smaller than the number of "
            "samples %d. Reduce test_size and/or "
            "train_size." % (n_train + n_test, n_samples)
        )

    n_train, n_test = int(n_train), int(n_test)

    if n_train == 0:
        raise ValueError(
            "With n_samples={}, test_size={} and train_size={}, the "
            "resulting train set will be empty. Adjust any of the "
            "aforementioned parameters.".format(n_samples, test_size, train_size)
        )

    return n_train, n_test


def train_test_split(*arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None):
    """sklearn.model_selection.train_test_split for ndarrays and lists (no ``stratify``).

    Returns ``[a_train, a_test, b_train, b_test, ...]``; with ``shuffle=True`` the split is
    ShuffleSplit's: one ``permutation(n_samples)`` of ``check_random_state(random_state)``, the first
    ``n_test`` indices for the test part, the next ``n_train`` for the training part.
    """
    if stratify is not None:
        raise NotImplementedError("la4ml.course.testdata.train_test_split does not stratify; use scikit-learn's")
    if len(arrays) == 0:
        raise ValueError("At least one array required as input")
    lengths = {_num_samples(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {sorted(lengths)}")

    n_samples = _num_samples(arrays[0])
    n_train, n_test = _validate_shuffle_split(n_samples, test_size, train_size, default_test_size=0.25)

    if shuffle is False:
        train = np.arange(n_train)
        test = np.arange(n_train, n_train + n_test)
    else:
        # ShuffleSplit(test_size=n_test, train_size=n_train, random_state=random_state), first split
        n_train, n_test = _validate_shuffle_split(n_samples, n_test, n_train, default_test_size=0.1)
        rng = check_random_state(random_state)
        permutation = rng.permutation(n_samples)
        test = permutation[:n_test]
        train = permutation[n_test : (n_test + n_train)]

    out = []
    for a in arrays:
        out += [_take(a, train), _take(a, test)]
    return out
