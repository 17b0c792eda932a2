"""Hidden tests of exercise 20.4 — fwht(x, normalized=False), from scratch."""

import ast

import numpy as np
import pytest
import scipy.linalg

from la4ml.course.grading import (Feedback, blocked, call, expect_close, fail, function, last_call, learner_source,
                                  show)

BLOCK = ("scipy.linalg.hadamard", "numpy.kron", "scipy.linalg.kron", "la4ml.sketching.fwht",
         "la4ml.sketching._hadamard.fwht", "sympy.fwht")
EPS = np.finfo(float).eps


def _run(submission, x, **kwargs):
    f = function(submission, "fwht")
    with blocked(*BLOCK, reason="apply the butterflies yourself, without the matrix"):
        try:
            got = call(f, x, **kwargs)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nDo not build the Hadamard matrix (scipy.linalg.hadamard, np.kron): replace pairs of "
                     "blocks (a, b) by (a + b, a − b), log2(n) times.")
            raise
    try:
        y = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of the shape of x.")
    if y.shape != np.shape(x):
        fail(f"Called {last_call()}; the result has shape {y.shape}; expected {np.shape(x)}, the shape of x.")
    return y


def _tol(x):
    n = np.shape(x)[-1]
    return 4 * max(np.log2(n), 1) * EPS * np.sqrt(n) * max(np.abs(x).max(), np.finfo(float).tiny)


def _compare(y, x, normalized):
    x = np.asarray(x, dtype=float)
    n = x.shape[-1]
    H = scipy.linalg.hadamard(n)
    want = x @ H if x.ndim == 2 else H @ x          # H is symmetric: each row's transform is (H r)ᵀ = r H
    if normalized:
        want = want / np.sqrt(n)
    atol = _tol(x) * (1 / np.sqrt(n) if normalized else 1)
    if np.allclose(y, want, rtol=0, atol=atol):
        return
    if normalized and np.allclose(y, want * np.sqrt(n), rtol=0, atol=_tol(x)):
        fail(f"Called {last_call()}; returned {show(y)}; expected {show(want)}: with normalized=True the result must be "
             "divided by √n — you returned the unnormalized transform (the 1/√n is missing), whose norm is √n times "
             "that of x.")
    if normalized and np.allclose(y, want / np.sqrt(n), rtol=0, atol=atol):
        fail(f"Called {last_call()}; returned {show(y)}; expected {show(want)}: you divided by n; the orthogonal transform "
             "divides by √n (HᵀH = nI), once.")
    if not normalized and n > 1 and np.allclose(y, want / np.sqrt(n), rtol=0, atol=atol):
        fail(f"Called {last_call()}; returned {show(y)}; expected {show(want)}: normalized defaults to False, so the "
             "result must equal scipy.linalg.hadamard(n) @ x, without dividing by √n.")
    if x.ndim == 2 and x.shape[0] > 1 and x.shape[0] & (x.shape[0] - 1) == 0:
        alt = scipy.linalg.hadamard(x.shape[0]) @ x
        if normalized:
            alt = alt / np.sqrt(x.shape[0])
        if np.allclose(y, alt, rtol=0, atol=_tol(x.T)):
            fail(f"Called {last_call()}; you transformed the COLUMNS of x; a 2-D x holds one signal per ROW, so transform "
                 "along the last axis (the result is x @ H).")
    expect_close(y, want, rtol=0, atol=atol, what="the transform",
                 because="it must equal scipy.linalg.hadamard(n) @ x" + (" / √n" if normalized else ""))


def test_by_hand(submission):
    """fwht([1, 2, 3, 4]) = (10, −2, −4, 0)"""
    x = np.array([1.0, 2.0, 3.0, 4.0])
    _compare(_run(submission, x), x, False)


def test_normalized_by_hand(submission):
    """fwht([1, 2, 3, 4], normalized=True) = (5, −1, −2, 0): divided by √4 = 2"""
    x = np.array([1.0, 2.0, 3.0, 4.0])
    _compare(_run(submission, x, normalized=True), x, True)


@pytest.mark.parametrize("n", [1, 2, 8, 32, 256])
def test_equals_hadamard(submission, n):
    """equals scipy.linalg.hadamard(n) @ x for n = 1, 2, 8, 32, 256, both normalizations"""
    x = np.random.default_rng(n).standard_normal(n)
    _compare(_run(submission, x), x, False)
    _compare(_run(submission, x, normalized=True), x, True)


def test_integer_input(submission):
    """integer input gives a float result equal to H @ x (no integer division, no int overflow in the output)"""
    x = np.array([3, -1, 4, 1, -5, 9, 2, -6])
    y = _run(submission, x, normalized=True)
    _compare(y, x, True)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """exact to relative precision at scales 1e-6 and 1e6"""
    x = scale * np.random.default_rng(2).standard_normal(64)
    _compare(_run(submission, x, normalized=True), x, True)


def test_rows(submission):
    """a 2-D input (4 signals of length 16) is transformed row by row"""
    X = np.random.default_rng(3).standard_normal((4, 16))
    _compare(_run(submission, X), X, False)
    _compare(_run(submission, X, normalized=True), X, True)


def test_non_square_rows(submission):
    """3 rows of length 8 (a shape where rows and columns cannot be confused)"""
    X = np.random.default_rng(4).standard_normal((3, 8))
    _compare(_run(submission, X, normalized=True), X, True)


def test_orthogonal_involution(submission):
    """normalized: keeps the norm and applied twice gives x back (n = 128)"""
    x = np.random.default_rng(5).standard_normal(128)
    y = _run(submission, x, normalized=True)
    z = _run(submission, y, normalized=True)
    if not np.isclose(np.linalg.norm(y), np.linalg.norm(x), rtol=1e-12):
        fail(f"Called fwht(x, normalized=True); ‖result‖ = {np.linalg.norm(y):.6g} but ‖x‖ = {np.linalg.norm(x):.6g}; the "
             "normalized transform is orthogonal and must keep the norm: divide by √n.")
    expect_close(z, x, rtol=0, atol=1e-12 * np.linalg.norm(x), what="fwht(fwht(x, normalized=True), normalized=True)",
                 because="H/√n is symmetric and orthogonal, so it is its own inverse")


@pytest.mark.parametrize("n", [3, 6, 12, 0])
def test_not_power_of_two(submission, n):
    """raises ValueError saying "power of two" for a length that is not one (3, 6, 12, and an empty x)"""
    f = function(submission, "fwht")
    try:
        got = f(np.ones(n))
    except ValueError as exc:
        if "power" not in str(exc).lower():
            fail(f"Called fwht(np.ones({n})); it raised ValueError({str(exc)!r}), which does not say what is wrong; "
                 "check the length before the passes and raise ValueError with a message saying that it must be a "
                 "power of two (and that x can be padded with zeros).")
        return
    except Exception as exc:
        fail(f"Called fwht(np.ones({n})); it raised {type(exc).__name__}: {exc}; expected a ValueError saying that the "
             "length must be a power of two (check it before the passes).")
    fail(f"Called fwht(np.ones({n})); returned {show(got)}; expected a ValueError: {n} is not a power of two, and there "
         f"is no {n} × {n} Sylvester Hadamard matrix. Check n & (n - 1) == 0 first.")


def test_no_matrix_built(submission):
    """does not build an n × n matrix (no np.outer, np.block or hadamard in the code)"""
    tree = ast.parse(learner_source())
    names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(tree)
             if isinstance(n, (ast.Attribute, ast.Name))}
    used = names & {"hadamard", "kron", "outer", "block", "bmat"}
    fwht_def = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "fwht"]
    inner = set()
    for node in fwht_def:
        inner |= {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(node)
                  if isinstance(n, (ast.Attribute, ast.Name))}
    used &= inner
    if used:
        fail(f"fwht uses {', '.join(sorted(used))}: that builds the Hadamard matrix (n² entries). Apply it with "
             "log2(n) passes of sums and differences instead.")
