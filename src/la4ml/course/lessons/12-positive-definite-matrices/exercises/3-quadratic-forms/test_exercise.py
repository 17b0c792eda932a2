"""Hidden tests of exercise 12.3 — quadratic_forms(A, X) and sample_quadratic_forms(A, n_samples, seed)."""

import ast

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, expect, expect_close, fail, function, last_call, learner_source, show

A_TASK = np.array([[4.0, 1.0], [1.0, 3.0]])
LOOP_NODES = {ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop",
              ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension",
              ast.DictComp: "a dict comprehension", ast.GeneratorExp: "a generator expression"}
LOOPING_CALLS = {"map": "map()", "vectorize": "np.vectorize", "frompyfunc": "np.frompyfunc",
                 "fromiter": "np.fromiter", "apply_along_axis": "np.apply_along_axis"}


def _forms(submission, A, X):
    f = function(submission, "quadratic_forms")
    try:
        got = call(f, np.array(A, dtype=float), np.array(X, dtype=float))
    except Feedback as fb:
        if "MemoryError" in str(fb) or "Unable to allocate" in str(fb):
            fail(f"{fb}\nYou probably built the m × m matrix X @ A @ X.T (m = {len(X)}) to take its diagonal; "
                 "compute only what you need: np.sum((X @ A) * X, axis=1).")
        raise
    m = len(X)
    arr = np.asarray(got, dtype=float) if got is not None else None
    if arr is not None and arr.shape == (m, m) and m > 1:
        fail(f"Called {last_call()}; the result has shape {(m, m)}, the matrix X A Xᵀ of all cross terms; expected "
             f"shape ({m},): one value per row. Only its diagonal is wanted, so never build it: sum (X @ A) * X "
             "along axis 1.")
    if arr is not None and arr.shape == np.shape(X) and arr.ndim == 2 and m > 1:
        fail(f"Called {last_call()}; the result has shape {arr.shape}, the same as X; expected shape ({m},). "
             "Sum the products along each row (axis=1).")
    if arr is not None and arr.ndim == 0:
        fail(f"Called {last_call()}; returned the single number {show(got)}; expected {m} values, one per row of X "
             "(sum along axis=1 only, not over everything).")
    return got


def test_no_python_loop(submission):
    """quadratic_forms is vectorized: no for/while loop, comprehension, map or np.vectorize (in it or its helpers)"""
    function(submission, "quadratic_forms")  # a clear message if it is missing
    try:
        tree = ast.parse(learner_source())
    except (SyntaxError, ValueError):
        return  # the file imported, so this cannot happen; nothing to inspect
    funcs = {node.name: node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    todo, seen = ["quadratic_forms"], set()
    while todo:  # quadratic_forms and every function of the file it calls, directly or not
        name = todo.pop()
        if name in seen or name not in funcs:
            continue
        seen.add(name)
        for node in ast.walk(funcs[name]):
            what = LOOP_NODES.get(type(node))
            if what is None and isinstance(node, ast.Call):
                callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                what = LOOPING_CALLS.get(callee)
                if what is None and callee in funcs:
                    todo.append(callee)
            if what:
                where = "quadratic_forms" if name == "quadratic_forms" else f"{name} (called by quadratic_forms)"
                fail(f"{where} uses {what} at line {node.lineno}; the task asks for one vectorized expression over "
                     "all rows at once: np.sum((X @ A) * X, axis=1) computes every xᵀAx without a Python-level "
                     "loop, which for 100 000 rows is hundreds of times faster.")


def test_hand_values(submission):
    """gives 4, 3, 9, 5 for x = (1, 0), (0, 1), (1, 1), (1, -1) with A = [[4, 1], [1, 3]]"""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, -1.0]])
    got = _forms(submission, A_TASK, X)
    expect_close(got, [4.0, 3.0, 9.0, 5.0],
                 because="xᵀAx = 4x₁² + 2x₁x₂ + 3x₂², e.g. 4 + 2 + 3 = 9 at (1, 1)")


def test_single_row(submission):
    """returns an array of shape (1,) for a batch holding one vector"""
    got = _forms(submission, A_TASK, np.array([[1.0, -1.0]]))
    expect_close(got, [5.0], because="X has one row, so the result has one value, xᵀAx = 4 - 2 + 3 = 5")


def test_nonsymmetric_3x3(submission):
    """works for any square A, here a nonsymmetric 3 × 3 (no formula hard-coded for 2 × 2)"""
    A = np.array([[1.0, 2.0, 0.0], [-1.0, 3.0, 4.0], [0.5, 0.0, -2.0]])
    X = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0], [2.0, 0.0, 0.0]])
    got = _forms(submission, A, X)
    expect_close(got, np.einsum("ij,jk,ik->i", X, A, X), rtol=1e-10,
                 because="row i must give X[i] @ A @ X[i] for this 3 × 3 A")


def test_large_batch(submission):
    """handles 100 000 vectors at once (no m × m matrix)"""
    X = np.random.default_rng(1).standard_normal((100_000, 2))
    got = _forms(submission, A_TASK, X)
    expect_close(got, np.einsum("ij,jk,ik->i", X, A_TASK, X), rtol=1e-10, what="the result")


def _sample(submission, A, **kwargs):
    f = function(submission, "sample_quadratic_forms")
    got = call(f, np.array(A, dtype=float), **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (values, all_positive).")
    values, ok = got
    n = kwargs.get("n_samples", 1000)
    X = np.random.default_rng(kwargs.get("seed", 0)).standard_normal((n, len(A)))
    expected = np.einsum("ij,jk,ik->i", X, A, X)
    v = np.asarray(values, dtype=float) if values is not None else None
    if v is None or v.shape != (n,):
        fail(f"Called {last_call()}; values has shape {None if v is None else v.shape}; expected ({n},): one value "
             f"per sampled vector (n_samples = {n}).")
    if not np.allclose(v, expected, rtol=1e-10):
        fail(f"Called {last_call()}; values[:3] = {show(v[:3])} but the vectors drawn with "
             f"np.random.default_rng({kwargs.get('seed', 0)}).standard_normal(({n}, {len(A)})) give "
             f"{show(expected[:3])}. Draw X exactly that way (one Generator, one call) and use quadratic_forms.")
    if not isinstance(ok, (bool, np.bool_)):
        fail(f"Called {last_call()}; all_positive is {show(ok)}, a {type(ok).__name__}; expected a single True or "
             "False: bool(np.all(values > 0)).")
    return v, bool(ok)


def test_sample_positive_definite(submission):
    """for A = [[4, 1], [1, 3]], 1000 samples (seed 0) are all positive: returns (values, True)"""
    v, ok = _sample(submission, A_TASK)
    expect(ok is True, got=ok, expected=True,
           because=f"A has eigenvalues 2.38 and 4.62, so every value is positive (smallest sampled: {v.min():.4g})")


def test_sample_indefinite(submission):
    """for the indefinite [[1, 2], [2, 1]], reports that not all sampled values are positive"""
    v, ok = _sample(submission, [[1.0, 2.0], [2.0, 1.0]])
    expect(ok is False, got=ok, expected=False,
           because=f"{int(np.sum(v <= 0))} of the 1000 values are <= 0 (A has eigenvalue -1): ALL must be positive, "
                   "so use np.all, not np.any")


def test_sample_zero_matrix(submission):
    """for the zero matrix every sampled value is 0, so not all are positive: returns (zeros, False)"""
    v, ok = _sample(submission, np.zeros((2, 2)))
    expect(ok is False, got=ok, expected=False,
           because="every value xᵀ0x is exactly 0, and 0 is not positive: test values > 0, not values >= 0 "
                   "(or any other threshold below 0)")


def test_sample_respects_arguments(submission):
    """uses n_samples and seed: 50 samples with seed 7 for a 3 × 3 matrix"""
    _sample(submission, np.diag([1.0, 2.0, 3.0]), n_samples=50, seed=7)


@st.composite
def batches(draw):
    n = draw(st.integers(1, 4))
    m = draw(st.integers(2, 20))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.standard_normal((n, n)), rng.standard_normal((m, n))


@settings(max_examples=25, deadline=None)
@given(case=batches())
def test_property_matches_definition(submission, case):
    """on random A (up to 4 × 4) and batches X, each value is X[i] @ A @ X[i], and scaling x by c scales it by c²"""
    A, X = case
    got = _forms(submission, A, X)
    expect_close(got, np.einsum("ij,jk,ik->i", X, A, X), rtol=1e-9, atol=1e-9,
                 because="value i must be X[i] @ A @ X[i]")
    got3 = _forms(submission, A, 3 * X)
    expect_close(got3, 9 * np.asarray(got, dtype=float), rtol=1e-9, atol=1e-9,
                 because="a quadratic form satisfies q(3x) = 9 q(x)")


@settings(max_examples=25, deadline=None)
@given(case=batches())
def test_property_spd_lower_bound(submission, case):
    """for A = BBᵀ + I (positive definite), every value is at least λ_min ‖x‖² > 0"""
    B, X = case
    A = B @ B.T + np.eye(len(B))
    got = np.asarray(_forms(submission, A, X), dtype=float)
    bound = np.linalg.eigvalsh(A)[0] * np.sum(X**2, axis=1)
    expect(np.all(got >= bound * (1 - 1e-9)), got=got, expected=f"values >= λ_min‖x‖² = {show(bound)}",
           because="for a symmetric positive definite A, xᵀAx >= λ_min ‖x‖²")
