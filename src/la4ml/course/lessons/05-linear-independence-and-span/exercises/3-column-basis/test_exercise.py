"""Hidden tests of exercise 5.3 — column_basis(A, tol=1e-10), from scratch, vs SciPy's pivoted QR."""

import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, fail, function, last_call, show


def _run(submission, A, **kwargs):
    f = function(submission, "column_basis")
    A = np.array(A, dtype=float)
    got = call(f, A, **kwargs)
    try:
        idx = np.asarray(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of column indices.")
    if idx.ndim == 2:
        fail(f"Called {last_call()}; returned a 2-D array of shape {idx.shape}; expected the INDICES of the kept "
             "columns (a 1-D array of ints like [0, 2]), not the columns themselves.")
    if idx.ndim == 0:
        fail(f"Called {last_call()}; returned the single number {show(got)}; expected the indices of the kept "
             "columns (a 1-D array like [0, 2]); their count is the rank.")
    if idx.size and (idx.dtype.kind not in "iu" and not np.all(idx == np.round(idx))):
        fail(f"Called {last_call()}; returned {show(got)}; expected integer column indices.")
    return [int(i) for i in idx.ravel()]


def _pairwise_only(A, tol=1e-10):
    """What a learner gets by checking each column against each kept column separately."""
    kept = []
    for j in range(A.shape[1]):
        a = A[:, j]
        if np.linalg.norm(a) == 0:
            continue
        if all(abs(abs(a @ A[:, i]) - np.linalg.norm(a) * np.linalg.norm(A[:, i])) > 1e-12 * np.linalg.norm(a) * np.linalg.norm(A[:, i]) for i in kept):
            kept.append(j)
    return kept


def _check(submission, A, expected, because, **kwargs):
    A = np.array(A, dtype=float)
    got = _run(submission, A, **kwargs)
    if got == expected:
        return
    if sorted(got) == expected:
        fail(f"Called {last_call()}; returned {got}; expected the same indices in increasing order, {expected}.")
    r = np.linalg.matrix_rank(A)
    _, _, piv = scipy.linalg.qr(A, pivoting=True)
    if sorted(got) == sorted(int(p) for p in piv[:r]) and got != expected:
        fail(f"Called {last_call()}; returned {got}, the columns SciPy's pivoted QR picks; expected the EARLIEST basis "
             f"{expected}: scan left to right and keep a column when it adds a new direction.")
    extra = [j for j in got if j not in expected]
    if len(got) > r and extra:
        j = extra[0]
        kept_before = [i for i in expected if i < j]
        if _pairwise_only(A) == got:
            why = (f"column {j} is not parallel to any single earlier column, but it IS a combination of columns "
                   f"{kept_before}: test it against the span of all kept columns together (least squares)")
        else:
            why = (f"column {j} lies in the span of columns {kept_before} up to rounding: its residual is tiny but not "
                   "exactly 0, so compare the residual with tol * ||A[:, j]||, not with 0")
        fail(f"Called {last_call()}; returned {got}, {len(got)} columns, but A has rank {r}; expected {expected}: {why}.")
    missing = [j for j in expected if j not in got]
    if len(got) < r and missing:
        j = missing[0]
        a = A[:, j]
        K = A[:, [i for i in expected if i < j]]
        res = np.linalg.norm(a - K @ np.linalg.lstsq(K, a, rcond=None)[0]) if K.shape[1] else np.linalg.norm(a)
        tol = kwargs.get("tol", 1e-10)
        if res > tol * np.linalg.norm(a) and res <= tol * np.linalg.norm(A, 2):
            fail(f"Called {last_call()}; returned {got}; expected {expected}: column {j} sticks out of the span of the "
                 f"earlier columns by {res:.3g}, {res / np.linalg.norm(a):.2g} of its OWN length, so it adds a new "
                 "direction. Compare the residual with tol * ||A[:, j]||, the length of that column, not with a "
                 "length of the whole matrix.")
        if res > tol * np.linalg.norm(a) and res ** 2 <= tol * np.linalg.norm(a):
            fail(f"Called {last_call()}; returned {got}; expected {expected}: column {j}'s residual is {res:.3g}, "
                 f"above tol·||A[:, j]|| = {tol * np.linalg.norm(a):.3g}. (Did you compare a SQUARED residual, such as "
                 "the `residuals` np.linalg.lstsq returns, with tol · ||a||? Take the norm of a - K @ c.)")
    fail(f"Called {last_call()}; returned {got}; expected {expected}, because {because}.")


def test_example_from_the_docstring(submission):
    """keeps columns [0, 2] of a 3 × 4 matrix whose column 1 = 2·column 0 and column 3 = column 0 + column 2"""
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    _check(submission, A, [0, 2], "column 1 = 2·column 0 and column 3 = column 0 + column 2")


def test_sum_of_two_columns(submission):
    """drops a column that is the sum of two earlier ones though parallel to neither (floating-point data)"""
    a = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
    b = np.array([0.7, -0.3, 0.9, 0.1, 0.2])
    c = np.array([0.3, 0.3, -0.1, 0.8, -0.6])
    A = np.column_stack([a, b, a + b, c, 0.3 * a - 0.7 * c])
    _check(submission, A, [0, 1, 3], "column 2 = column 0 + column 1 and column 4 = 0.3·column 0 − 0.7·column 3")


def test_zero_and_duplicate_columns(submission):
    """never keeps a zero column, and keeps only the first of two equal columns"""
    A = np.array([[0.0, 1.0, 1.0, 2.0], [0.0, 2.0, 2.0, 0.0], [0.0, 3.0, 3.0, 1.0]])
    _check(submission, A, [1, 3], "column 0 is zero (it adds no direction) and column 2 repeats column 1")


def test_scale_invariance(submission):
    """keeps both independent columns when their entries are about 1e-12 (the tolerance is relative)"""
    A = 1e-12 * np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0]])
    _check(submission, A, [0, 1], "columns 0 and 1 are independent (their size does not matter: compare the "
                                  "residual with tol * ||A[:, j]||, not with tol) and column 2 is their sum")


def test_uses_tol(submission):
    """respects tol: a column at angle 1e-6 from an earlier one is kept with tol=1e-10, dropped with tol=1e-3"""
    A = np.array([[1.0, 1.0], [0.0, 1e-6]])
    _check(submission, A, [0, 1], "the residual of column 1 is 1e-6 of its length, above tol = 1e-10")
    _check(submission, A, [0], "with tol=1e-3 the residual, 1e-6 of its length, counts as zero", tol=1e-3)


def test_default_tol(submission):
    """the default tol is 1e-10: a column 5e-10 (relative) off an earlier one is kept, one 5e-11 off is dropped"""
    A = np.array([[1.0, 1.0, 1.0], [0.0, 5e-10, 0.0], [0.0, 0.0, 5e-11]])
    _check(submission, A, [0, 1], "column 1 = (1, 5e-10, 0) is 5e-10 of its length away from the line of column 0, "
                                  "above the default tol = 1e-10, so it is kept; column 2 = (1, 0, 5e-11) is 5e-11 of "
                                  "its length away from the plane of columns 0 and 1, below it, so it is dropped")


def test_residual_exactly_at_tol(submission):
    """a residual exactly equal to tol·||A[:, j]|| does not count as new: columns (1, 0, 0), (3, 4, 0) with tol=0.8 keep [0]"""
    A = np.array([[1.0, 3.0], [0.0, 4.0], [0.0, 0.0]])
    _check(submission, A, [0], "column 1 = (3, 4, 0) has residual (0, 4, 0) off the line of column 0, of length "
                               "4 = tol·||column 1|| = 0.8·5 exactly, and a column is kept only when its residual is "
                               "GREATER than tol·||A[:, j]|| (use >, not >=)", tol=0.8)


def test_columns_of_very_different_lengths(submission):
    """keeps a short independent column next to a long one: 1e6·e1, 1e-6·e2, then e1 + e2 (in their span)"""
    A = np.array([[1e6, 0.0, 1.0], [0.0, 1e-6, 1.0], [0.0, 0.0, 0.0]])
    _check(submission, A, [0, 1], "column 1 = 1e-6·e2 is perpendicular to column 0: its residual is its whole "
                                  "length, so it is new however short it is; column 2 = e1 + e2 lies in their span")


@st.composite
def built(draw):
    """Columns that are either fresh random directions or random combinations of earlier columns."""
    m = draw(st.integers(1, 6))
    n = draw(st.integers(1, 7))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    kinds = draw(st.lists(st.sampled_from(["new", "combo"]), min_size=n, max_size=n))
    cols, expected = [], []
    for j, kind in enumerate(kinds):
        if kind == "new" and len(expected) < m:
            cols.append(rng.standard_normal(m) * 10.0 ** rng.integers(-3, 4))
            expected.append(j)
        else:
            cols.append(np.column_stack(cols) @ rng.standard_normal(j) if j else np.zeros(m))
    return np.column_stack(cols), expected


@settings(max_examples=25, deadline=None)
@given(case=built())
def test_property_against_pivoted_qr(submission, case):
    """on random matrices with chosen dependent columns: the earliest basis, as many columns as SciPy's pivoted QR keeps"""
    A, expected = case
    got = _run(submission, A)
    _, R, piv = scipy.linalg.qr(A, pivoting=True)
    r = len(expected)
    expect(len(got) == r, got=got, expected=expected,
           because=f"A has rank {r} (SciPy's pivoted QR keeps {r} columns, {sorted(int(p) for p in piv[:r])}); a basis "
                   "of the column space always has rank-many columns")
    _check(submission, A, expected, "these are the columns that add a new direction, scanning left to right")
