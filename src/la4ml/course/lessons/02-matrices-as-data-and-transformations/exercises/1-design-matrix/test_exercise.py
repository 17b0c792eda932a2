"""Hidden tests of exercise 2.1 — design_matrix(columns, add_intercept=True)."""

import numpy as np
import pytest

from la4ml.course.grading import call, expect_close, fail, function, last_call, show
from la4ml.course.testdata import load_iris

IRIS = load_iris().data


def _numbers(got):
    """The learner's result as a float array, or feedback saying it is not one."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers (a ragged list or an "
             "object array?); build the result as one NumPy array of floats.")

def _check(submission, columns, add_intercept=True):
    f = function(submission, "design_matrix")
    cols = [np.array(c, dtype=float) for c in columns]
    got = call(f, cols, add_intercept) if add_intercept is not True else call(f, cols)
    expected = np.column_stack(([np.ones(len(cols[0]))] if add_intercept else []) + cols)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {expected.shape}.")
    arr = _numbers(got)
    same = arr.shape == expected.shape and np.allclose(arr, expected)
    if arr.shape == expected.T.shape and (arr.shape != expected.shape or np.allclose(arr, expected.T)) and not same:
        fail(f"Called {last_call()}; the result is the TRANSPOSE of the design matrix {show(expected)}: one ROW per sample "
             "and one COLUMN per feature. np.array(columns) puts each feature in a row; use np.column_stack.")
    if arr.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape} "
             f"({expected.shape[0]} samples, {len(cols)} feature(s){' + the intercept column' if add_intercept else ''}).")
    if add_intercept and np.allclose(arr[:, -1], 1) and not np.allclose(arr[:, 0], 1):
        fail(f"Called {last_call()}; the column of ones is the LAST column; put it first (column 0).")
    if add_intercept and not np.allclose(arr[:, 0], 1):
        fail(f"Called {last_call()}; column 0 is {show(arr[:5, 0])}...; expected a column of ones for the intercept.")
    expect_close(arr, expected, rtol=0, atol=0, what="X",
                 because="column j (after the ones) must be the j-th feature column, in the order given")


def test_small_example(submission):
    """two features of three samples with the intercept give a 3 × 3 matrix with ones first"""
    _check(submission, [[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])


def test_iris(submission):
    """Iris sepal length and petal length with the intercept give a (150, 3) matrix"""
    _check(submission, [IRIS[:, 0], IRIS[:, 2]])


def test_no_intercept(submission):
    """add_intercept=False gives just the four Iris features side by side: (150, 4), equal to iris.data"""
    _check(submission, [IRIS[:, j] for j in range(4)], add_intercept=False)


def test_one_feature(submission):
    """one feature of five samples with the intercept gives (5, 2)"""
    _check(submission, [[0.5, 1.5, 2.5, 3.5, 4.5]])


def test_square_case(submission):
    """with 3 features of 3 samples and no intercept, rows are samples (not the transpose)"""
    _check(submission, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], add_intercept=False)
    f = function(submission, "design_matrix")
    X = _numbers(call(f, [np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0]), np.array([7.0, 8.0, 9.0])], False))
    if not np.allclose(X[0], [1.0, 4.0, 7.0]):
        fail(f"Called {last_call()}; row 0 is {show(X[0])}; expected [1., 4., 7.], the first entry of each feature: "
             "row i must be sample i.")


@pytest.mark.parametrize("lengths", [(150, 149, 148), (150, 149), (150, 150, 149)], ids=str)
def test_length_mismatch(submission, lengths):
    """raises ValueError listing every column's length when the columns have different numbers of samples"""
    f = function(submission, "design_matrix")
    cols = [IRIS[:n, j] for j, n in enumerate(lengths)]
    call_text = f"design_matrix(columns=[{', '.join(f'{n} values' for n in lengths)}])"
    try:
        got = f(cols)
    except NotImplementedError:
        fail("Called design_matrix and it raised NotImplementedError: replace the `raise NotImplementedError` line of "
             "the starter with your code.")
    except ValueError as exc:
        # NumPy's own stacking error names only the first mismatch (150 and 149), never 148
        if not all(str(exc).count(str(n)) >= lengths.count(n) for n in set(lengths)):
            fail(f"Called {call_text}; raised ValueError({str(exc)!r}); the message should list every column's "
                 f"length ({', '.join(map(str, lengths))}) so the caller sees which columns lost samples. Check the "
                 "lengths yourself before stacking, rather than letting NumPy's error speak.")
        return
    except Exception as exc:  # noqa: BLE001
        fail(f"Called {call_text}; it raised {type(exc).__name__}: {exc}; expected a ValueError that lists the "
             "lengths.")
    fail(f"Called {call_text}; returned {show(got)}; expected a ValueError, because the columns have different "
         "numbers of samples.")
