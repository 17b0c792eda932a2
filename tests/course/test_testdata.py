"""la4ml.course.testdata gives exactly scikit-learn's arrays, and never imports scikit-learn or SciPy.

The hidden tests of the lessons load their datasets from la4ml.course.testdata so that the trusted
side of ``la4ml check`` does not pay about 0.9 s for ``import sklearn``. That is only safe if every
value is the same: each test here compares, with ``np.array_equal`` (bit for bit, NaN-free data) and
equal dtypes and shapes, our output with scikit-learn's for the call patterns the lesson tests use,
plus a few neighbours (odd and even sizes, other seeds, tuple sizes, a RandomState instance).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from la4ml.course import testdata as td

sk_datasets = pytest.importorskip("sklearn.datasets")
sk_split = pytest.importorskip("sklearn.model_selection")


def _same(ours, theirs, what):
    ours_a, theirs_a = np.asarray(ours), np.asarray(theirs)
    assert type(ours) is type(theirs), f"{what}: type {type(ours)} vs sklearn's {type(theirs)}"
    assert ours_a.dtype == theirs_a.dtype, f"{what}: dtype {ours_a.dtype} vs sklearn's {theirs_a.dtype}"
    assert ours_a.shape == theirs_a.shape, f"{what}: shape {ours_a.shape} vs sklearn's {theirs_a.shape}"
    assert np.array_equal(ours_a, theirs_a), f"{what}: values differ from sklearn's"


def _same_tuple(ours, theirs, what):
    assert isinstance(ours, (tuple, list)) and type(ours) is type(theirs), f"{what}: {type(ours)} vs {type(theirs)}"
    assert len(ours) == len(theirs), what
    for i, (a, b) in enumerate(zip(ours, theirs)):
        _same(a, b, f"{what}[{i}]")


# --------------------------------------------------------------------------------------------------
# loaders

LOADERS = ["load_iris", "load_digits", "load_diabetes", "load_wine", "load_breast_cancer"]
ATTRIBUTES = ["data", "target", "images", "feature_names", "target_names"]


@pytest.mark.parametrize("name", LOADERS)
def test_loader_bunch_equals_sklearn(name):
    ours, theirs = getattr(td, name)(), getattr(sk_datasets, name)()
    checked = 0
    for key in ATTRIBUTES:
        assert (key in ours) == (key in theirs), f"{name}(): attribute {key!r} present in one only"
        if key in theirs:
            _same(getattr(ours, key), getattr(theirs, key), f"{name}().{key}")
            _same(ours[key], theirs[key], f"{name}()[{key!r}]")
            checked += 1
    assert checked >= 3
    assert ours.frame is None


@pytest.mark.parametrize("name", LOADERS)
def test_loader_return_X_y_equals_sklearn(name):
    ours, theirs = getattr(td, name)(return_X_y=True), getattr(sk_datasets, name)(return_X_y=True)
    _same_tuple(ours, theirs, f"{name}(return_X_y=True)")
    _same(getattr(td, name)(return_X_y=False).data, ours[0], f"{name}: Bunch.data vs return_X_y data")


def test_digits_images_and_n_class_equal_sklearn():
    ours, theirs = td.load_digits(), sk_datasets.load_digits()
    assert ours.images.shape == (1797, 8, 8)
    _same(ours.data[:50], theirs.data[:50], "load_digits().data[:50]")
    _same(ours.data[200:260], theirs.data[200:260], "load_digits().data[200:260]")
    for n_class in (2, 5, 10):
        _same_tuple(td.load_digits(n_class=n_class, return_X_y=True),
                    sk_datasets.load_digits(n_class=n_class, return_X_y=True), f"load_digits(n_class={n_class})")
        _same(td.load_digits(n_class=n_class).images, sk_datasets.load_digits(n_class=n_class).images,
              f"load_digits(n_class={n_class}).images")


def test_diabetes_scaled_and_raw_equal_sklearn():
    """the scaled data (scale() then /√442) is bit-identical, and so is scaled=False"""
    _same(td.load_diabetes().data, sk_datasets.load_diabetes().data, "load_diabetes().data")
    _same_tuple(td.load_diabetes(return_X_y=True, scaled=False),
                sk_datasets.load_diabetes(return_X_y=True, scaled=False), "load_diabetes(scaled=False)")
    assert td.load_diabetes().feature_names == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def test_loaders_return_fresh_arrays():
    """a test that edits its copy (load_wine().data.copy() or not) must not change the next call"""
    a = td.load_wine().data
    a[:] = 0
    _same(td.load_wine().data, sk_datasets.load_wine().data, "load_wine().data after editing an earlier one")


def test_missing_sklearn_names_the_file(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None)
    with pytest.raises(FileNotFoundError, match=r"sklearn/datasets/data/iris\.csv.*not installed"):
        td.load_iris()


# --------------------------------------------------------------------------------------------------
# samples: the lesson tests' calls first, then neighbours

MOONS = [
    ((60,), dict(noise=0.08, random_state=4)),            # 18.5
    ((300,), dict(noise=0.05, random_state=0)),           # 18.5
    ((300,), dict(noise=0.1, random_state=0)),            # 18.5
    ((100,), dict(noise=0.2, random_state=0)),            # 16.5 / 16.6 defaults
    ((60,), dict(noise=0.35, random_state=3)),            # 16.5
    ((40,), dict(noise=0.2, random_state=5)),             # 16.5
    ((100,), dict(noise=0.2, random_state=1)),            # 16.6
    ((30,), dict(noise=0.2, random_state=2)),             # 16.6
    ((100,), dict(noise=0.2, random_state=3)),            # 16.6
    ((1,), dict(noise=0.2, random_state=0)),
    ((2,), dict(random_state=0)),
    ((7,), dict(noise=0.2, random_state=11)),
    ((101,), dict(noise=0.2, random_state=12345)),
    ((999,), dict(noise=0.01, random_state=2**31 - 1)),
    ((50,), dict(shuffle=False, noise=0.1, random_state=0)),
    ((50,), dict(shuffle=False)),
    (((10, 13),), dict(noise=0.1, random_state=6)),
    (((0, 5),), dict(random_state=6)),
    ((), dict(random_state=9)),
]


@pytest.mark.parametrize("args,kwargs", MOONS, ids=[f"{a}-{k}" for a, k in MOONS])
def test_make_moons_equals_sklearn(args, kwargs):
    _same_tuple(td.make_moons(*args, **kwargs), sk_datasets.make_moons(*args, **kwargs), f"make_moons{args}{kwargs}")


CIRCLES = [
    ((300,), dict(factor=0.5, noise=0.05, random_state=0)),                 # 18.5
    ((), dict(n_samples=200, noise=0.1, factor=0.4, random_state=0)),       # 19.6 defaults
    ((), dict(n_samples=150, noise=0.15, factor=0.4, random_state=3)),      # 19.6
    ((), dict(n_samples=200, noise=0.25, factor=0.4, random_state=3)),      # 19.6
    ((), dict(n_samples=201, noise=0.1, factor=0.4, random_state=17)),
    ((1,), dict(noise=0.1, random_state=0)),
    ((33,), dict(random_state=4)),
    ((40,), dict(shuffle=False, factor=0.3)),
    (((12, 5),), dict(noise=0.2, factor=0.6, random_state=8)),
]


@pytest.mark.parametrize("args,kwargs", CIRCLES, ids=[f"{a}-{k}" for a, k in CIRCLES])
def test_make_circles_equals_sklearn(args, kwargs):
    _same_tuple(td.make_circles(*args, **kwargs), sk_datasets.make_circles(*args, **kwargs),
                f"make_circles{args}{kwargs}")


BLOBS = [
    ((300,), dict(centers=3, random_state=2)),     # 18.5
    ((40,), dict(centers=3, random_state=5)),      # 18.5
    ((100,), dict(random_state=0)),
    ((101,), dict(centers=4, n_features=5, cluster_std=0.5, random_state=1)),
    ((31,), dict(centers=[[0.0, 0.0], [5.0, 5.0]], cluster_std=[1.0, 2.0], random_state=3)),
    (([10, 20, 5],), dict(random_state=4)),
    (([10, 7],), dict(centers=[[1, 2], [3, 4]], random_state=7)),
    ((50,), dict(centers=2, shuffle=False, random_state=8, return_centers=True)),
    ((50,), dict(centers=3, center_box=(-1.0, 1.0), random_state=9)),
]


@pytest.mark.parametrize("args,kwargs", BLOBS, ids=[f"{a}-{k}" for a, k in BLOBS])
def test_make_blobs_equals_sklearn(args, kwargs):
    _same_tuple(td.make_blobs(*args, **kwargs), sk_datasets.make_blobs(*args, **kwargs), f"make_blobs{args}{kwargs}")


@pytest.mark.parametrize("name", ["make_moons", "make_circles", "make_blobs"])
def test_random_state_instance_advances_like_sklearn(name):
    """a RandomState passed in is used (not reseeded) and left in the same state as sklearn leaves it"""
    ours_rng, theirs_rng = np.random.RandomState(42), np.random.RandomState(42)
    for n in (20, 21):
        kwargs = {} if name == "make_blobs" else dict(noise=0.1)
        _same_tuple(getattr(td, name)(n, random_state=ours_rng, **kwargs),
                    getattr(sk_datasets, name)(n, random_state=theirs_rng, **kwargs), f"{name}({n}, RandomState)")
    assert ours_rng.randint(2**31) == theirs_rng.randint(2**31)


@pytest.mark.parametrize("name", ["make_moons", "make_circles", "make_blobs"])
def test_random_state_none_uses_numpy_global_state(name):
    """random_state=None draws from np.random's global state, as sklearn does"""
    state = np.random.get_state()
    try:
        np.random.seed(123)
        ours = getattr(td, name)(25)
        np.random.seed(123)
        theirs = getattr(sk_datasets, name)(25)
    finally:
        np.random.set_state(state)
    _same_tuple(ours, theirs, f"{name}(25) after np.random.seed(123)")


def test_bad_random_state_is_refused():
    with pytest.raises(ValueError, match="cannot be used to seed"):
        td.make_moons(10, random_state="0")


# --------------------------------------------------------------------------------------------------
# train_test_split


def _diabetes_columns(names):
    data = sk_datasets.load_diabetes()
    feature_names = list(data.feature_names)
    return data.data[:, [feature_names.index(f) for f in names]], data.target


SPLITS = [
    (("bmi", "s5"), dict(test_size=0.2, random_state=0)),             # 14.6 defaults
    (("bmi", "s5"), dict(test_size=0.2, random_state=1)),             # 14.6
    (("bmi", "s5"), dict(test_size=0.2, random_state=42)),            # 14.6
    (("bmi", "s5"), dict(test_size=0.35, random_state=3)),            # 14.6
    (("bp", "s6"), dict(test_size=0.2, random_state=5)),              # 14.6
    (("bmi", "s5"), dict(test_size=0.2, random_state=7)),             # 14.6
    (("bmi", "bp", "s5"), dict(test_size=0.2, random_state=0)),       # 15.6 defaults
    (("s5", "age"), dict(test_size=0.3, random_state=3)),             # 15.6
    (("bmi", "bp", "s5"), dict(test_size=0.2, random_state=2)),       # 15.6
    (("age",), dict(random_state=4)),                                 # default test_size 0.25
    (("age",), dict(test_size=100, random_state=4)),
    (("age",), dict(train_size=0.5, random_state=4)),
    (("age",), dict(train_size=300, test_size=50, random_state=4)),
    (("age", "sex"), dict(test_size=0.2, shuffle=False)),
]


@pytest.mark.parametrize("features,kwargs", SPLITS, ids=[f"{f}-{k}" for f, k in SPLITS])
def test_train_test_split_diabetes_equals_sklearn(features, kwargs):
    X, y = _diabetes_columns(features)
    _same_tuple(td.train_test_split(X, y, **kwargs), sk_split.train_test_split(X, y, **kwargs),
                f"train_test_split({features}, {kwargs})")


@pytest.mark.parametrize("kwargs", [dict(n_samples=200, noise=0.1, random_state=0),
                                    dict(n_samples=150, noise=0.15, random_state=3),
                                    dict(n_samples=200, noise=0.25, random_state=3)])
def test_train_test_split_circles_equals_sklearn(kwargs):
    """19.6: make_circles(..., factor=0.4, ...) then train_test_split(X, y, test_size=0.3, random_state=...)"""
    X, y = sk_datasets.make_circles(factor=0.4, **kwargs)
    _same_tuple(td.train_test_split(X, y, test_size=0.3, random_state=kwargs["random_state"]),
                sk_split.train_test_split(X, y, test_size=0.3, random_state=kwargs["random_state"]),
                f"train_test_split(circles {kwargs})")


def test_train_test_split_lists_and_random_state():
    X = list(range(23))
    _same_tuple(td.train_test_split(X, test_size=0.3, random_state=5),
                sk_split.train_test_split(X, test_size=0.3, random_state=5), "train_test_split(list)")
    ours_rng, theirs_rng = np.random.RandomState(3), np.random.RandomState(3)
    for _ in range(2):
        _same_tuple(td.train_test_split(np.arange(40.0), random_state=ours_rng),
                    sk_split.train_test_split(np.arange(40.0), random_state=theirs_rng), "train_test_split(RandomState)")
    state = np.random.get_state()
    try:
        np.random.seed(99)
        ours = td.train_test_split(np.arange(30), test_size=0.2, random_state=None)
        np.random.seed(99)
        theirs = sk_split.train_test_split(np.arange(30), test_size=0.2, random_state=None)
    finally:
        np.random.set_state(state)
    _same_tuple(ours, theirs, "train_test_split(random_state=None) after np.random.seed(99)")


@pytest.mark.parametrize("kwargs", [dict(test_size=0.0), dict(test_size=1.5), dict(test_size=400),
                                    dict(train_size=0.9, test_size=0.2)])
def test_train_test_split_refuses_like_sklearn(kwargs):
    X = np.arange(300.0)
    with pytest.raises(ValueError):
        sk_split.train_test_split(X, **kwargs)
    with pytest.raises(ValueError):
        td.train_test_split(X, **kwargs)


# --------------------------------------------------------------------------------------------------
# the point of it all


def test_using_testdata_imports_neither_sklearn_nor_scipy():
    code = textwrap.dedent("""
        import sys
        import numpy as np
        import la4ml.course.testdata as td
        for name in ("load_iris", "load_digits", "load_diabetes", "load_wine", "load_breast_cancer"):
            getattr(td, name)()
            getattr(td, name)(return_X_y=True)
        td.load_digits().images
        X, y = td.make_moons(300, noise=0.05, random_state=0)
        td.make_moons((3, 4), noise=0.05, random_state=np.random.RandomState(1))
        td.make_circles(300, factor=0.5, noise=0.05, random_state=0)
        td.make_blobs(300, centers=3, random_state=2)
        td.make_blobs([3, 4], centers=[[0, 0], [1, 1]], random_state=2)
        td.train_test_split(X, y, test_size=0.3, random_state=0)
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"importing/using la4ml.course.testdata imported: {out.stdout.strip()}"
