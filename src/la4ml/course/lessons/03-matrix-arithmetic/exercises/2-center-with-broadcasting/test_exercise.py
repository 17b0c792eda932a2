"""Hidden tests of exercise 3.2 — center_columns(X) and center_rows(X) with broadcasting."""

import ast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, expect_close, fail, function, last_call, learner_source, show
from la4ml.course.testdata import load_iris

SQUARE = np.array([[1.0, 2.0, 3.0, 4.0],
                   [10.0, 20.0, 30.0, 40.0],
                   [0.0, 5.0, -5.0, 0.0],
                   [2.0, 2.0, 2.0, 8.0]])


def _run(submission, name, X):
    f = function(submission, name)
    try:
        got = call(f, X)
    except Feedback as fb:
        if "could not be broadcast" in str(fb) or "broadcast" in str(fb):
            fail(f"{fb}\nThe means you subtracted do not line up with the axis you meant: broadcasting matches "
                 f"shapes from the right, so a vector of {X.shape[0]} row means (shape ({X.shape[0]},)) meets the "
                 f"{X.shape[1]} columns. Keep the reduced axis, X.mean(axis=1, keepdims=True), shape ({X.shape[0]}, 1).")
        raise
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {X.shape}. Did you forget `return`?")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {X.shape}.")
    if arr.shape != X.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {X.shape}, the shape of X: centering "
             "subtracts a mean from every entry and keeps the shape (did a (n,) and an (n, 1) broadcast into an n × n?).")
    return arr


def _diagnose(arr, X, want):
    """Name the typical mistakes: wrong axis (silent on square data), global mean, row means along columns."""
    candidates = {
        "columns": (X - X.mean(axis=0), "each column's mean (X.mean(axis=0))"),
        "rows": (X - X.mean(axis=1, keepdims=True), "each row's mean (X.mean(axis=1, keepdims=True))"),
        "global": (X - X.mean(), "one overall mean X.mean() from every entry"),
    }
    if X.shape[0] == X.shape[1]:
        candidates["rows-along-columns"] = (
            X - X.mean(axis=1),
            "X.mean(axis=1), the ROW means, along the COLUMNS: shape (n,) lines up from the right with the last "
            "axis, so the mean of row j was subtracted from column j. On a square matrix this runs without error")
    expected, _ = candidates[want]
    if np.allclose(arr, expected):
        return None
    for key, (value, text) in candidates.items():
        if key != want and np.allclose(arr, value):
            return text
    return None


def _check(submission, name, X, want, where):
    X = np.array(X, dtype=float)
    arr = _run(submission, name, X)
    expected = X - X.mean(axis=0) if want == "columns" else X - X.mean(axis=1, keepdims=True)
    wrong = _diagnose(arr, X, want)
    target = "column" if want == "columns" else "row"
    if wrong is not None:
        fail(f"Called {last_call()}; the result subtracts {wrong}; expected every {target} of the result to have "
             f"mean 0 ({where}).")
    axis = 0 if want == "columns" else 1
    # rounding in a mean of k numbers and one subtraction: a few k·eps·max|X|, at whatever scale X comes
    tol = 4 * max(X.shape) * np.finfo(float).eps * float(np.abs(X).max(initial=0.0))
    expect_close(arr.mean(axis=axis), np.zeros(X.shape[1 - axis]), rtol=0, atol=tol,
                 what=f"the {target} means of the result",
                 because=f"{name} subtracts from each {target} its own mean")
    expect_close(arr, expected, rtol=0, atol=tol, because=f"{name} only subtracts each {target}'s mean")


def test_columns_iris(submission):
    """center_columns gives every column of the Iris data (150 × 4) mean 0"""
    _check(submission, "center_columns", load_iris().data, "columns", "the Iris data, 150 samples × 4 features")


def test_columns_square(submission):
    """center_columns centers the columns of a square 4 × 4 matrix (where the wrong axis does not raise)"""
    _check(submission, "center_columns", SQUARE, "columns", "a square matrix, where a wrong axis runs silently")


def test_rows_iris(submission):
    """center_rows gives every row of the Iris data (150 × 4) mean 0"""
    _check(submission, "center_rows", load_iris().data, "rows", "the Iris data, 150 samples × 4 features")


def test_rows_square(submission):
    """center_rows centers the rows of a square 4 × 4 matrix (where the wrong axis does not raise)"""
    _check(submission, "center_rows", SQUARE, "rows", "a square matrix, where a wrong axis runs silently")


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["tiny", "huge"])
def test_tiny_and_huge_values(submission, scale):
    """both center a 5 × 3 matrix whose entries are about 1e-6, and one whose entries are about 1e6"""
    X = scale * (np.arange(15.0).reshape(5, 3) ** 1.5 - 7.0)
    _check(submission, "center_columns", X, "columns", f"a 5 × 3 matrix of entries about {scale:g}")
    _check(submission, "center_rows", X, "rows", f"a 5 × 3 matrix of entries about {scale:g}")


def _function_nodes(tree):
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_no_python_loop(submission):
    """each function is one broadcasting subtraction: no for/while loop and no comprehension"""
    source = learner_source()
    if not source:
        return
    functions = _function_nodes(ast.parse(source))
    for name in ("center_columns", "center_rows"):
        fn = functions.get(name)
        if fn is None:
            fail(f"Your file has no top-level function named {name}(); keep the starter's definition.")
        for node in ast.walk(fn):
            if isinstance(node, (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                fail(f"Line {node.lineno} of {name} is a Python loop; the task asks for one broadcasting "
                     "subtraction, X - (the means, shaped to line up with the right axis), with no loop.")


def test_single_row_and_column(submission):
    """both handle a single sample (1 × 3) and a single feature (3 × 1)"""
    _check(submission, "center_columns", [[1.0, 2.0, 6.0]], "columns", "a single sample: every column is one number")
    _check(submission, "center_rows", [[1.0, 2.0, 6.0]], "rows", "a single sample")
    _check(submission, "center_columns", [[1.0], [2.0], [6.0]], "columns", "a single feature")
    _check(submission, "center_rows", [[1.0], [2.0], [6.0]], "rows", "a single feature: every row is one number")


@st.composite
def data(draw):
    n, d = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.normal(loc=rng.uniform(-5, 5, size=d), scale=2.0, size=(n, d))


@settings(max_examples=25, deadline=None)
@given(X=data())
def test_property_both(submission, X):
    """on random data up to 6 × 6, square or not, columns (center_columns) and rows (center_rows) end with mean 0"""
    _check(submission, "center_columns", X, "columns", f"a {X.shape[0]} × {X.shape[1]} matrix")
    _check(submission, "center_rows", X, "rows", f"a {X.shape[0]} × {X.shape[1]} matrix")
