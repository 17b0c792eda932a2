"""Hidden tests of exercise 1.1 — linear_combination(coeffs, vectors), from scratch."""

import ast

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect_close, fail, function, last_call, learner_source, show

# Shrinking a failing example costs seconds per test; the seeded strategies keep examples small anyway.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


def _numbers(got):
    """The learner's result as a float array, or feedback saying it is not one."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers (a ragged list or an "
             "object array?); build the result as one NumPy array of floats.")

def _check(submission, coeffs, vectors):
    f = function(submission, "linear_combination")
    c = np.array(coeffs, dtype=float)
    V = np.array(vectors, dtype=float)
    got = call(f, c, V)
    expected = c @ V
    if got is None:
        fail(f"Called {last_call()}; returned None; expected {show(expected)}. Did you forget to `return` the total?")
    arr = _numbers(got)
    if arr.shape == V.shape and V.shape != expected.shape:
        fail(f"Called {last_call()}; returned an array of shape {arr.shape}, the shape of `vectors`; expected one "
             f"vector of shape {expected.shape}. You scaled every row but did not add the scaled rows together.")
    if V.shape[0] == V.shape[1] and V.shape[0] > 1 and np.allclose(arr, V @ c) and not np.allclose(arr, expected):
        fail(f"Called {last_call()}; returned {show(arr)}, which is vectors @ coeffs; expected {show(expected)} = "
             "coeffs @ vectors. You combined along the wrong axis: the vectors are the ROWS, so row i gets "
             "coefficient coeffs[i] (you weighed the entries of each row instead).")
    # rounding of k products and k additions: at most about 2k·eps·(|c| @ |V|), whatever the scale
    tol = 4 * V.shape[0] * np.finfo(float).eps * float(np.max(np.abs(c) @ np.abs(V), initial=0.0))
    if arr.shape == expected.shape and np.allclose(arr, np.zeros_like(expected), rtol=0, atol=tol) \
            and not np.allclose(expected, 0, rtol=0, atol=tol):
        fail(f"Called {last_call()}; returned {show(arr)}, all zeros; expected {show(expected)}. Add each scaled "
             "row to the running total (total = total + c * v) and return the total after the loop.")
    expect_close(arr, expected, rtol=0, atol=tol,
                 because="c₁v₁ + … + c_kv_k scales each row by its coefficient and adds the rows")


def test_small_example(submission):
    """2·(1, 0, 1) − 1·(0, 1, 1) = (2, −1, 1)"""
    _check(submission, [2.0, -1.0], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])


def test_square_matrix(submission):
    """combines the rows (not the columns) of a square 3 × 3 stack of vectors"""
    _check(submission, [2.0, -1.0, 0.5], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [2.0, 2.0, 0.0]])


def test_single_vector(submission):
    """one vector and one coefficient: the result is just that vector scaled"""
    _check(submission, [3.0], [[1.0, -2.0, 0.5, 4.0]])


def test_zero_coefficients(submission):
    """all coefficients zero give the zero vector (of the vectors' length)"""
    _check(submission, [0.0, 0.0, 0.0], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_returns_vector_for_more_vectors_than_entries(submission):
    """five vectors in R² combine into one vector of length 2"""
    _check(submission, [1.0, 2.0, 3.0, 4.0, 5.0], np.arange(10.0).reshape(5, 2))


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_tiny_and_huge_numbers(submission, scale):
    """gives the right combination when every number is about 1e-6, and when it is about 1e6"""
    rng = np.random.default_rng(11)
    _check(submission, scale * rng.uniform(-1, 1, 4), scale * rng.uniform(-1, 1, (4, 3)))


def _function_node(tree, name):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


LIBRARY_PRODUCTS = {"dot", "matmul", "einsum", "tensordot", "inner", "vdot", "multi_dot", "average"}


def test_from_scratch_with_a_loop(submission):
    """builds the total in a loop (from scratch), without @, np.dot, np.matmul or np.einsum"""
    source = learner_source()
    if not source:
        return  # no file to read (an in-memory submission): nothing to check statically
    fn = _function_node(ast.parse(source), "linear_combination")
    if fn is None:
        fail("Your file has no top-level function named linear_combination(); keep the starter's definition.")
    for node in ast.walk(fn):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            fail(f"Line {node.lineno} of linear_combination uses @: the task asks you to build the combination from "
                 "scratch, scaling each vector and adding it to a running total in a loop. Keep coeffs @ vectors for "
                 "the comparison after your function.")
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in LIBRARY_PRODUCTS:
                fail(f"Line {node.lineno} of linear_combination calls {name}(), which computes the whole combination "
                     "in one library call; the task asks you to build it from scratch: a loop that scales each "
                     "vector and adds it to a running total.")
    if not any(isinstance(node, (ast.For, ast.While, ast.comprehension)) for node in ast.walk(fn)):
        fail("linear_combination has no loop: the task asks you to scale each vector and add it to a running total "
             "in a loop (for c, v in zip(coeffs, vectors): total = total + c * v).")


def test_mismatch_raises(submission):
    """raises ValueError naming both counts when there are 3 coefficients for 2 vectors"""
    f = function(submission, "linear_combination")
    c, V = np.array([1.0, 2.0, 3.0]), np.array([[1.0, 0.0], [0.0, 1.0]])
    try:
        got = f(c, V)
    except NotImplementedError:
        fail("Called linear_combination and it raised NotImplementedError: replace the `raise "
             "NotImplementedError` line of the starter with your code.")
    except ValueError as exc:
        msg = str(exc)
        if not ("3" in msg and "2" in msg):
            fail(f"Called linear_combination(coeffs={show(c)}, vectors={show(V)}); raised ValueError({msg!r}); "
                 "the message should give both numbers (3 coefficients, 2 vectors) so the caller can find the bug.")
        return
    except Exception as exc:  # noqa: BLE001
        fail(f"Called linear_combination(coeffs={show(c)}, vectors={show(V)}); it raised {type(exc).__name__}: {exc}; "
             "expected a ValueError that you raise yourself, after checking len(coeffs) against the number of rows.")
    fail(f"Called linear_combination(coeffs={show(c)}, vectors={show(V)}); returned {show(got)}; expected a "
         "ValueError, because there are 3 coefficients for only 2 vectors (zip or broadcasting silently hid the "
         "mismatch). Check the lengths first and raise.")


@st.composite
def vec_case(draw):
    """k vectors in R^n (1 <= k, n <= 5) and k coefficients, from a seeded generator (fast to shrink)."""
    k, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.uniform(-10, 10, k), rng.uniform(-10, 10, (k, n))


@settings(max_examples=25, deadline=None, phases=NO_SHRINK)
@given(case=vec_case())
def test_property_matches_numpy(submission, case):
    """on random coefficients and vectors (up to 5 vectors in R⁵), equals NumPy's coeffs @ vectors"""
    _check(submission, *case)


@settings(max_examples=15, deadline=None, phases=NO_SHRINK)
@given(case=vec_case(), a=st.floats(-3, 3))
def test_property_linear_in_coeffs(submission, case, a):
    """is linear in the coefficients: combining with a·c gives a times the combination with c"""
    c, V = np.array(case[0]), np.array(case[1])
    f = function(submission, "linear_combination")
    one = _numbers(call(f, c, V))
    scaled = call(f, a * c, V)
    tol = 8 * len(c) * np.finfo(float).eps * float(np.max(np.abs(a * c) @ np.abs(V)))
    expect_close(scaled, a * one, rtol=0, atol=tol, because=f"scaling every coefficient by {a:.4g} scales the sum")
