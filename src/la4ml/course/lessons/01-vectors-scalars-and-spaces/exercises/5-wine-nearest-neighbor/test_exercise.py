"""Hidden tests of exercise 1.5 — nearest_neighbor_accuracy(X, y, scaling=None) on load_wine."""

import numpy as np
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_wine

# Shrinking a failing example costs seconds per test; the seeded strategies keep examples small anyway.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]

X_WINE, Y_WINE = load_wine(return_X_y=True)


def _acc(X, y):
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(D, np.inf)
    return float(np.mean(y[D.argmin(1)] == y))


def _variants(X):
    """The reference scalings and the typical wrong ones, by name."""
    return {
        None: X,
        "rows": X / np.linalg.norm(X, axis=1, keepdims=True),
        "features": (X - X.mean(0)) / X.std(0),
        "rows-L1": X / np.abs(X).sum(1, keepdims=True),
        "rows-by-columns-norm": X / np.linalg.norm(X, axis=0),
        "features-along-rows": (X - X.mean(1, keepdims=True)) / X.std(1, keepdims=True),
        "features-by-range": (X - X.min(0)) / (X.max(0) - X.min(0)),
    }


WRONG = {
    "rows-L1": "you divided each row by the sum of its absolute values (the L1 norm); the length of a vector is its "
               "Euclidean norm √(x₁² + … + x_d²): np.linalg.norm(X, axis=1, keepdims=True)",
    "rows-by-columns-norm": "you divided each COLUMN by its norm (axis=0); 'rows' means every sample (row) gets length "
                            "1: np.linalg.norm(X, axis=1, keepdims=True)",
    "features-along-rows": "you standardized each ROW (each sample across its features, axis=1); 'features' means one "
                           "mean and one standard deviation per COLUMN: X.mean(axis=0), X.std(axis=0)",
    "features-by-range": "you rescaled each feature by its range (max − min); standardizing divides by the STANDARD "
                         "DEVIATION, X.std(axis=0), which one outlier does not dominate",
}


def _check(submission, X, y, scaling):
    f = function(submission, "nearest_neighbor_accuracy")
    with np.errstate(all="ignore"):
        got = call(f, X, y, scaling)
    try:
        val = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a single number, the fraction of hits.")
    n = len(y)
    variants = _variants(X)
    expected = _acc(variants[scaling], y)
    if abs(val - expected) <= 1.01 / n:  # one near-tie may break differently: allow one sample
        return
    if val > 1.0 and abs(val / n - expected) <= 1.01 / n:
        fail(f"Called {last_call()}; returned {val:.6g}; expected the FRACTION {expected:.4f}: divide the number of "
             f"hits by the {n} samples.")
    if val == 1.0:
        fail(f"Called {last_call()}; returned 1.0; expected {expected:.4f}, because every sample is at distance 0 from "
             "itself: exclude it from its own search (np.fill_diagonal(D, np.inf) on the distance matrix).")
    for name, why in WRONG.items():
        if name.split("-")[0] == (scaling or "") and abs(val - _acc(variants[name], y)) <= 0.5 / n \
                and abs(_acc(variants[name], y) - expected) > 1.5 / n:
            fail(f"Called {last_call()}; returned {val:.4f}; expected {expected:.4f}: {why}.")
    for other in (None, "rows", "features"):
        if other != scaling and abs(val - _acc(variants[other], y)) <= 0.5 / n \
                and abs(_acc(variants[other], y) - expected) > 1.5 / n:
            fail(f"Called {last_call()}; returned {val:.4f}, the accuracy for scaling={other!r}; expected "
                 f"{expected:.4f} for scaling={scaling!r}. Check which rescaling each value of `scaling` applies.")
    fail(f"Called {last_call()}; returned {val:.4f}; expected {expected:.4f}. Check the distances (Euclidean: "
         "square root of the sum of squared differences over the FEATURES) and that each sample's label is compared "
         "with the label of its nearest other sample.")


def test_wine_raw(submission):
    """on load_wine without scaling, 1-NN is right for about 77 % of the wines"""
    _check(submission, X_WINE, Y_WINE, None)


def test_wine_rows(submission):
    """on load_wine with every wine scaled to length 1, about 85 %"""
    _check(submission, X_WINE, Y_WINE, "rows")


def test_wine_features(submission):
    """on load_wine with standardized features, about 95.5 %"""
    _check(submission, X_WINE, Y_WINE, "features")


def test_standard_deviation_not_range(submission):
    """'features' divides by each feature's standard deviation (not its range): one outlier does not decide"""
    rng = np.random.default_rng(39)
    y = rng.integers(0, 2, 30)
    X = np.column_stack([y + rng.normal(0, 0.3, 30), rng.normal(0, 1, 30)])
    X[0, 0] = 40.0  # an outlier that stretches the range of the informative feature
    _check(submission, X, y, "features")


def test_unknown_scaling_raises(submission):
    """raises ValueError naming the value when scaling is not None, 'rows' or 'features' (here 'columns')"""
    f = function(submission, "nearest_neighbor_accuracy")
    X, y = X_WINE[:20], Y_WINE[:20]
    try:
        got = f(X, y, "columns")
    except NotImplementedError:
        fail("Called nearest_neighbor_accuracy and it raised NotImplementedError: replace the `raise "
             "NotImplementedError` line of the starter with your code.")
    except ValueError as exc:
        if "columns" not in str(exc):
            fail(f"Called nearest_neighbor_accuracy(X, y, scaling='columns'); raised ValueError({str(exc)!r}); the "
                 "message should name the value received ('columns') and the allowed ones.")
        return
    except Exception as exc:  # noqa: BLE001
        fail(f"Called nearest_neighbor_accuracy(X, y, scaling='columns'); it raised {type(exc).__name__}: {exc}; "
             "expected a ValueError that you raise yourself.")
    fail(f"Called nearest_neighbor_accuracy(X, y, scaling='columns'); returned {show(got)}; expected a ValueError: "
         "'columns' is not one of None, 'rows', 'features', and silently using the raw data hides the typo.")


def test_does_not_modify_input(submission):
    """leaves X unchanged (rescales a copy)"""
    X = X_WINE.copy()
    f = function(submission, "nearest_neighbor_accuracy")
    call(f, X, Y_WINE, "features")  # call() itself reports an in-place modification


@settings(max_examples=15, deadline=None, phases=NO_SHRINK)
@given(seed=st.integers(0, 2**32 - 1), scaling=st.sampled_from([None, "rows", "features"]),
       n=st.integers(6, 40), d=st.integers(2, 6))
def test_property_random_clusters(submission, seed, scaling, n, d):
    """on random labelled point clouds (6–40 samples, 2–6 features), matches a brute-force 1-NN"""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    X = rng.standard_normal((n, d)) * rng.uniform(0.1, 10, d) + 3 * y[:, None] + 1.0
    _check(submission, X, y, scaling)
