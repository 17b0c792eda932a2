"""Hidden tests of exercise 6.4 — constant_losses(y, candidates) -> (mae, mse)."""

import ast

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, fail, function, last_call, learner_source, show

LOOP_NODES = {ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop",
              ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension",
              ast.DictComp: "a dict comprehension", ast.GeneratorExp: "a generator expression"}
LOOPING_CALLS = {"map": "map()", "vectorize": "np.vectorize", "frompyfunc": "np.frompyfunc",
                 "fromiter": "np.fromiter", "apply_along_axis": "np.apply_along_axis"}


def _ref(y, c):
    R = y[None, :] - c[:, None]
    return np.abs(R).mean(axis=1), (R**2).mean(axis=1)


def _run(submission, y, c):
    y, c = np.array(y, dtype=float), np.array(c, dtype=float)
    got = call(function(submission, "constant_losses"), y, c)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected the pair (mae, mse).")
    try:
        mae, mse = (np.asarray(g, dtype=float) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays of numbers.")
    return y, c, mae, mse


def _diagnose(y, c, mae, mse):
    """Name the typical mistake behind a wrong (mae, mse), or return None."""
    m, n = len(c), len(y)
    ref_mae, ref_mse = _ref(y, c)
    R = y[None, :] - c[:, None]
    if mae.shape == (m,) and mse.shape == (m,):
        if np.allclose(mae, ref_mse) and np.allclose(mse, ref_mae):
            return ("mae and mse are swapped: the MAE uses absolute values (L1), the MSE squares (squared L2); "
                    "return (mae, mse) in that order")
        if np.allclose(mae, R.mean(axis=1)):
            return "mae is the mean of the signed residuals: take np.abs first, or errors above and below cancel"
        if np.allclose(mae, np.abs(R).sum(axis=1)) or np.allclose(mse, (R**2).sum(axis=1)):
            return f"that is the SUM over the {n} targets; the mean divides by n"
        if np.allclose(mse, np.sqrt(ref_mse)):
            return "mse is the square root of the mean squared error (the RMSE); return the MSE itself"
        if np.allclose(mae, ref_mae) and np.allclose(mse, np.abs(R).mean(axis=1) ** 2):
            return "mse squares the MAE; square each residual first, then average"
        if n == m and (np.allclose(mae, np.abs(R).mean(axis=0)) or np.allclose(mse, (R**2).mean(axis=0))):
            return ("you averaged over the wrong axis: over the candidates instead of over the targets. With residuals "
                    "y[None, :] - c[:, None] of shape (m, n), average along axis=1, to get one value per candidate")
        if n == m and (np.allclose(mae, np.abs(y - c)) or np.allclose(mse, (y - c) ** 2)):
            return ("you computed y - candidates elementwise, pairing y[i] with candidates[i]; every candidate must be "
                    "compared with EVERY target: use c[:, None] (a column) against y, which broadcasts to (m, n)")
    if mae.shape == (n,) or mse.shape == (n,):
        return (f"the result has one value per target (shape ({n},)), not one per candidate (shape ({m},)): average "
                "over the targets, axis=1 of the (m, n) residual table")
    return None


def _check(submission, y, c):
    y, c, mae, mse = _run(submission, y, c)
    ref_mae, ref_mse = _ref(y, c)
    if mae.shape == ref_mae.shape and mse.shape == ref_mse.shape and np.allclose(mae, ref_mae) and np.allclose(mse, ref_mse):
        return
    why = _diagnose(y, c, mae, mse)
    if why:
        fail(f"Called {last_call()}; {why}.")
    if mae.shape != ref_mae.shape or mse.shape != ref_mse.shape:
        fail(f"Called {last_call()}; mae has shape {mae.shape} and mse {mse.shape}; expected {ref_mae.shape} for both, "
             "one loss per candidate.")
    bad = "mae" if not np.allclose(mae, ref_mae) else "mse"
    got, ref = (mae, ref_mae) if bad == "mae" else (mse, ref_mse)
    j = int(np.argmax(~np.isclose(got, ref)))
    fail(f"Called {last_call()}; {bad}[{j}] is {got[j]:.6g}; expected {ref[j]:.6g} (candidate {c[j]:.6g}).")


def test_no_python_loop(submission):
    """constant_losses uses broadcasting: no for/while loop, comprehension, map or np.vectorize (in it or its helpers)"""
    function(submission, "constant_losses")  # a clear message if it is missing
    try:
        tree = ast.parse(learner_source())
    except (SyntaxError, ValueError):
        return
    funcs = {node.name: node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    todo, seen = ["constant_losses"], set()
    while todo:  # constant_losses and every function of the file it calls, directly or not
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
                where = "constant_losses" if name == "constant_losses" else f"{name} (called by constant_losses)"
                fail(f"{where} uses {what} at line {node.lineno}; the task asks for broadcasting instead: "
                     "y[None, :] - c[:, None] builds the whole (m, n) table of residuals in one expression, and "
                     ".mean(axis=1) averages each row.")


def test_docstring_example(submission):
    """for y = (1, 3) and candidates (0, 2, 3): mae = (2, 1, 1) and mse = (5, 1, 2)"""
    _check(submission, [1.0, 3.0], [0.0, 2.0, 3.0])


def test_same_length(submission):
    """when y and candidates have the same length (3), still compares every candidate with every target"""
    _check(submission, [1.0, 2.0, 6.0], [0.0, 2.0, 3.0])


def test_outlier_robustness(submission):
    """with one outlier, the best MAE constant is a median (3 to 4) and the best MSE constant is the mean 19.5"""
    y = np.array([2.0, 3.0, 3.0, 4.0, 5.0, 100.0])
    grid = np.linspace(0, 100, 10001)
    _check(submission, y, grid)
    _, _, mae, mse = _run(submission, y, grid)
    c_mae, c_mse = grid[np.argmin(mae)], grid[np.argmin(mse)]
    if not (3.0 <= c_mae <= 4.0 and abs(c_mse - 19.5) < 0.01):
        fail(f"Called {last_call()}; the best constants are {c_mae:.2f} (MAE) and {c_mse:.2f} (MSE); expected a median "
             "between 3 and 4 for the MAE and the mean 19.5 for the MSE.")
    y_wild = np.where(y == 100.0, 1e6, y)
    _, _, mae_w, _ = _run(submission, y_wild, grid)
    if grid[np.argmin(mae_w)] != c_mae:
        fail(f"Called {last_call()}; making the outlier 1e6 moved the best MAE constant from {c_mae:.2f} to "
             f"{grid[np.argmin(mae_w)]:.2f}; the median should not move.")


@settings(max_examples=25, deadline=None)
@given(
    y=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=12),
    c=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=12),
)
def test_property_matches_loops(submission, y, c):
    """on random targets and candidates of any lengths, matches the double loop mean over i of |y_i − c_j| and (y_i − c_j)²"""
    _check(submission, y, c)
