"""Hidden tests of exercise 5.5 — redundant_features(X, tol=1e-8) on the wine data and others."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes, load_wine


def _run(submission, X, **kwargs):
    f = function(submission, "redundant_features")
    got = call(f, np.array(X, dtype=float), **kwargs)
    try:
        arr = np.asarray(got if got is not None else [], dtype=float).ravel()
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of column indices.")
    if got is None:
        fail(f"Called {last_call()}; returned None; expected a list of column indices (possibly empty). "
             "Did you forget to `return` it?")
    if arr.size and not np.all(arr == np.round(arr)):
        fail(f"Called {last_call()}; returned {show(got)}; expected integer column indices.")
    return sorted(int(i) for i in arr)


def _wine():
    data = load_wine()
    X, names = data.data, list(data.feature_names)
    col = {name: X[:, j] for j, name in enumerate(names)}
    rng = np.random.default_rng(0)
    extras = {
        "alcohol_g_per_l": 7.89 * col["alcohol"],
        "total_phenols_parts": col["flavanoids"] + col["nonflavanoid_phenols"],
        "color_x_hue": col["color_intensity"] * col["hue"],
        "magnesium_noisy": col["magnesium"] + 0.01 * col["magnesium"].std() * rng.standard_normal(len(X)),
    }
    return np.column_stack([X, *extras.values()]), names + list(extras)


WHY = {
    13: "alcohol_g_per_l (column 13) = 7.89 · alcohol (column 0), a unit conversion",
    14: "total_phenols_parts (column 14) = flavanoids (6) + nonflavanoid_phenols (7): not a multiple of any single "
        "column, so pairwise correlations miss it, but it lies in the span of the two together",
}
WHY_NOT = {
    15: "color_x_hue (column 15) is a PRODUCT of two features, not a linear combination: it adds a new direction",
    16: "magnesium_noisy (column 16) is a near-copy of magnesium plus noise: correlated at 0.9999, but not a linear "
        "combination of earlier columns up to tol = 1e-8",
    0: "the earlier of two dependent columns is kept; it is the later one (column 13) that is redundant",
    6: "the earlier columns are kept; it is the later column 14 = column 6 + column 7 that is redundant",
    7: "the earlier columns are kept; it is the later column 14 = column 6 + column 7 that is redundant",
}


def test_wine_engineered(submission):
    """on wine + 4 engineered columns: flags exactly the unit conversion (13) and the sum (14)"""
    X, names = _wine()
    got = _run(submission, X)
    expected = [13, 14]
    if got == expected:
        return
    if not got:
        fail(f"Called {last_call()}; returned []; expected {expected}: {WHY[13]}, and {WHY[14]}. If you compare the "
             "residual with 0, rounding (about 1e-16) makes every column look new: compare with tol.")
    missing = [j for j in expected if j not in got]
    extra = [j for j in got if j not in expected]
    parts = [f"it should include column {j}: {WHY[j]}" for j in missing]
    parts += [f"column {j} ({names[j] if j < len(names) else '?'}) is not redundant: "
              f"{WHY_NOT.get(j, 'it adds a new direction to the columns before it')}" for j in extra]
    fail(f"Called {last_call()}; returned {got}; expected {expected}; " + "; ".join(parts) + ".")


def test_wine_plain_has_none(submission):
    """on the original 13 wine features: nothing is redundant (the data have full column rank)"""
    X = load_wine().data
    got = _run(submission, X)
    if got:
        fail(f"Called {last_call()}; returned {got}; expected [], because the 13 wine features are linearly "
             f"independent (rank 13). If you did not scale the columns to length 1 first, a small-unit feature such "
             "as hue (values near 1) next to proline (hundreds) can look 'small' to an absolute threshold.")


def test_units_do_not_matter(submission):
    """on wine with hue expressed in units a billion times larger (values near 1e-9): still nothing is redundant"""
    X = load_wine().data.copy()
    X[:, 10] *= 1e-9
    got = _run(submission, X)
    if got:
        fail(f"Called {last_call()}; returned {got}; expected [], because changing the units of hue (column 10) "
             "cannot make it a combination of other features. Unscaled, its whole column has length about 1e-8, so "
             "any residual looks 'small': scale every column to length 1 before comparing residuals with tol.")


def test_diabetes_engineered(submission):
    """on diabetes + BMI in other units + s1 − s2: flags columns 10 and 11"""
    X = load_diabetes().data
    Xa = np.column_stack([X, 2.2 * X[:, 2], X[:, 4] - X[:, 5]])
    got = _run(submission, Xa)
    if got != [10, 11]:
        fail(f"Called {last_call()}; returned {got}; expected [10, 11], because column 10 = 2.2 · bmi (column 2) and "
             "column 11 = s1 − s2 (columns 4 and 5).")


def test_zero_and_repeated(submission):
    """flags a zero column and the second of two identical columns"""
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal(20), rng.standard_normal(20)
    X = np.column_stack([a, np.zeros(20), b, a])
    got = _run(submission, X)
    if got != [1, 3]:
        fail(f"Called {last_call()}; returned {got}; expected [1, 3], because column 1 is all zeros (always "
             "redundant; scale only the nonzero columns) and column 3 repeats column 0 (the later copy is redundant).")


def test_uses_tol(submission):
    """respects tol: the noisy magnesium copy (column 16 of the wine test) is redundant with tol=0.05"""
    X, _ = _wine()
    got = _run(submission, X, tol=0.05)
    if got == [13, 14]:
        fail(f"Called {last_call()}; returned {got}; expected [13, 14, 16]: with tol=0.05 the near-copy of magnesium "
             "(column 16), at distance about 0.001 from the span once columns have length 1, counts as redundant. "
             "If you did not scale the columns to length 1, tol is measured in magnesium's units instead.")
    if 16 not in got or 15 in got:
        fail(f"Called {last_call()}; returned {got}; expected [13, 14, 16]: with tol=0.05 a unit column within "
             "distance 0.05 of the earlier columns' span counts as redundant, which catches the near-copy 16 "
             "(distance about 0.001) but not the product 15.")



def test_default_tol(submission):
    """the default tol is 1e-8: a unit column 5e-9 off the line of column 0 is redundant, one 5e-8 off is not"""
    for delta, expected in ((5e-9, [1]), (5e-8, [])):
        X = np.array([[1.0, 1.0], [0.0, delta], [0.0, 0.0]])
        got = _run(submission, X)
        if got != expected:
            side = "below" if expected else "above"
            guess = "larger" if not expected else "smaller"
            fail(f"Called {last_call()}; returned {got}; expected {expected}: after scaling to length 1, column 1 is "
                 f"{delta:g} away from the line of column 0, {side} the default tol = 1e-8 (is your default tol "
                 f"{guess} than 1e-8?).")


def test_residual_exactly_at_tol(submission):
    """a residual exactly equal to tol counts as redundant: (3, 4) scaled to (0.6, 0.8) is 0.8 off the line of e1, tol=0.8"""
    X = np.array([[1.0, 3.0], [0.0, 4.0], [0.0, 0.0]])
    got = _run(submission, X, tol=0.8)
    if got != [1]:
        fail(f"Called {last_call()}; returned {got}; expected [1]: column 1 scaled to length 1 is (0.6, 0.8, 0), at "
             "distance 0.8 = tol exactly from the line of column 0, and a column is redundant when its distance is "
             "AT MOST tol (use <=, not <).")

@st.composite
def data(draw):
    n_samples = draw(st.integers(8, 30))
    n_features = draw(st.integers(1, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    kinds = draw(st.lists(st.sampled_from(["new", "new", "combo"]), min_size=n_features, max_size=n_features))
    cols, expected = [], []
    for j, kind in enumerate(kinds):
        if kind == "new" or j == 0:
            cols.append(rng.standard_normal(n_samples) * 10.0 ** rng.integers(-3, 4) + rng.normal(0, 5))
        else:
            cols.append(np.column_stack(cols) @ rng.standard_normal(j))
            expected.append(j)
    return np.column_stack(cols), expected


@settings(max_examples=25, deadline=None)
@given(case=data())
def test_property_planted(submission, case):
    """on random data with planted linear combinations of earlier columns (features in many units): finds exactly those"""
    X, expected = case
    got = _run(submission, X)
    if got != expected:
        fail(f"Called {last_call()}; returned {got}; expected {expected}, the columns built as linear combinations of "
             f"earlier ones (X has shape {X.shape}, column lengths {show(np.round(np.linalg.norm(X, axis=0), 3))}).")
