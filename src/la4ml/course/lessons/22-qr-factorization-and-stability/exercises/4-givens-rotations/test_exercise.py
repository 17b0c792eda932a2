"""Hidden tests of exercise 22.4 — givens_rotation(a, b) -> (c, s, r) and givens_qr(A) -> complete (Q, R)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps
BLOCKED = ("numpy.linalg.qr", "scipy.linalg.qr", "scipy.linalg.rq", "la4ml.factorizations.qr",
           "la4ml.factorizations._qr.qr", "la4ml.factorizations.householder_vector",
           "la4ml.factorizations._qr.householder_vector", "la4ml.factorizations.givens_rotation",
           "la4ml.factorizations._qr.givens_rotation", "scipy.linalg.lapack.dlartg", "torch.linalg.qr")


def _rot(submission, a, b):
    f = function(submission, "givens_rotation")
    try:
        with blocked(*BLOCKED, reason="compute c, s and r yourself"):
            got = call(f, a, b)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nCompute r = np.hypot(a, b), c = a / r and s = b / r yourself.")
        raise
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a triple (c, s, r).")
    try:
        c, s, r = (float(g) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected three numbers (c, s, r).")
    return c, s, r


def _check_rot(submission, a, b):
    c, s, r = _rot(submission, a, b)
    want_r = float(np.hypot(a, b))
    if not all(np.isfinite([c, s, r])):
        fail(f"Called {last_call()}; returned (c, s, r) = ({c}, {s}, {r}): not finite. "
             + ("For a = b = 0 return (1.0, 0.0, 0.0)." if want_r == 0 else
                "Compute r with np.hypot(a, b): a*a + b*b overflows to inf (or underflows to 0) at this scale."))
    if want_r == 0:
        if (c, s, r) != (1.0, 0.0, 0.0):
            fail(f"Called {last_call()}; returned ({c}, {s}, {r}); expected (1.0, 0.0, 0.0): nothing to rotate.")
        return c, s, r
    if abs(r - want_r) > 4 * EPS * want_r:
        hint = (" r must be the length, never negative." if abs(r + want_r) <= 4 * EPS * want_r else
                " Use np.hypot(a, b): a*a + b*b overflows or underflows at this scale." if r in (0.0, np.inf) or
                abs(r) < 1e-300 else "")
        fail(f"Called {last_call()}; returned r = {r:.6g}; expected hypot(a, b) = {want_r:.6g}.{hint}")
    first, second = c * a + s * b, -s * a + c * b
    if abs(second) > 4 * EPS * want_r:
        close = lambda u, w: abs(u - w) <= 4 * EPS  # noqa: E731 - c and s are at most 1 in size
        if close(c, a / want_r) and close(s, -b / want_r):
            why = ("the sign of s is wrong: with s = -b/r the second entry is 2ab/r. Use s = b / r, so that "
                   "-s·a + c·b = (-ba + ab)/r = 0")
        elif a < 0 and close(c, abs(a) / want_r):
            why = "c must keep the sign of a: c = a / r, not |a| / r"
        elif b < 0 and close(s, abs(b) / want_r):
            why = "s must keep the sign of b: s = b / r, not |b| / r"
        else:
            why = "use c = a / r and s = b / r"
        fail(f"Called {last_call()}; returned (c, s) = ({c:.6g}, {s:.6g}); then [[c, s], [-s, c]] @ (a, b) = "
             f"({first:.6g}, {second:.6g}), whose second entry is not 0: {why}.")
    if abs(first - want_r) > 4 * EPS * want_r:
        fail(f"Called {last_call()}; returned (c, s) = ({c:.6g}, {s:.6g}); then G @ (a, b) = ({first:.6g}, "
             f"{second:.6g}); expected ({want_r:.6g}, 0). Use c = a / r (not |a| / r).")
    return c, s, r


def test_rotation_worked_example(submission):
    """givens_rotation(3, 4) returns (0.6, 0.8, 5.0)"""
    c, s, r = _check_rot(submission, 3.0, 4.0)
    expect_close(np.array([c, s, r]), [0.6, 0.8, 5.0], rtol=4 * EPS, atol=0, what="(c, s, r)")


@pytest.mark.parametrize("a, b", [(-3.0, 4.0), (3.0, -4.0), (-3.0, -4.0), (0.0, 2.0), (0.0, -2.0), (-3.0, 0.0),
                                  (5.0, 0.0)])
def test_rotation_signs(submission, a, b):
    """every sign pattern of (a, b), and a or b zero: G @ (a, b) = (r, 0) with r ≥ 0"""
    _check_rot(submission, a, b)


def test_rotation_zero(submission):
    """givens_rotation(0, 0) returns (1.0, 0.0, 0.0) without dividing by zero"""
    _check_rot(submission, 0.0, 0.0)


def test_rotation_extreme_scales(submission):
    """(1e200, 1e200) and (1e-200, 3e-200): no overflow or underflow (np.hypot)"""
    _check_rot(submission, 1e200, 1e200)
    _check_rot(submission, 1e-200, 3e-200)


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
@settings(max_examples=30, deadline=None)
def test_rotation_random(submission, a, b):
    """random (a, b): G @ (a, b) = (hypot(a, b), 0)"""
    if 0 < np.hypot(a, b) < 1e-300:
        return
    _check_rot(submission, a, b)


def _qr(submission, A):
    f = function(submission, "givens_qr")
    A = np.array(A, dtype=float)
    try:
        with blocked(*BLOCKED[:5], reason="build the factorization from your rotations"):
            got = call(f, A)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nBuild R by rotating neighbouring rows with your givens_rotation, and Q from the rotations.")
        raise
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (Q, R).")
    Q, R = (np.asarray(g, dtype=float) for g in got)
    m, n = A.shape
    if Q.shape != (m, m) or R.shape != (m, n):
        fail(f"Called {last_call()}; Q has shape {Q.shape} and R {R.shape}; expected the complete factors, Q ({m}, {m}) "
             f"and R ({m}, {n}).")
    scale = max(np.linalg.norm(A), np.finfo(float).tiny)
    c = 10 * max(m, n)
    if np.any(np.tril(R, -1) != 0):
        i, j = np.argwhere(np.tril(R, -1) != 0)[0]
        fail(f"Called {last_call()}; R[{i}, {j}] = {R[i, j]:.3g}; expected exact zeros below the diagonal (set R[i, j] = 0 "
             "after each rotation; a remaining large entry means a rotation was skipped or went the wrong way).")
    loss = np.linalg.norm(Q.T @ Q - np.eye(m), 2)
    if loss > c * EPS:
        fail(f"Called {last_call()}; ‖QᵀQ - I‖ = {loss:.2e}; expected at most {c * EPS:.1e}: Q must be the product of "
             "the transposed rotations (columns i-1, i of Q times Gᵀ).")
    rec = np.linalg.norm(A - Q @ R)
    if rec > c * EPS * scale:
        fail(f"Called {last_call()}; ‖A - QR‖ = {rec:.2e} (relative {rec / scale:.1e}); expected rounding level: rotate "
             "rows i-1, i of R by G and columns i-1, i of Q by Gᵀ, the same G.")
    _, Rn = np.linalg.qr(A, mode="complete")
    expect_close(np.abs(R), np.abs(Rn), rtol=0, atol=c * EPS * np.linalg.norm(A, 2) * max(np.linalg.cond(A), 1)
                 if min(m, n) > 0 else 1.0, what="|R|",
                 because="R is numpy.linalg.qr's R up to the signs of its rows")
    return Q, R


def test_qr_worked_example(submission):
    """givens_qr([[3, 1], [4, 2]]) gives R = [[5, 2.2], [0, 0.4]] up to the sign of the last row"""
    Q, R = _qr(submission, [[3.0, 1.0], [4.0, 2.0]])
    expect_close(R[0], [5.0, 2.2], rtol=0, atol=20 * EPS, what="R[0]")


def test_qr_tall(submission):
    """a random 6 × 3 A: Q 6 × 6 orthogonal, R 6 × 3 upper triangular, QR = A"""
    _qr(submission, np.random.default_rng(1).standard_normal((6, 3)))


def test_qr_wide(submission):
    """a random 3 × 5 A (wide): Q 3 × 3, R 3 × 5 upper trapezoidal"""
    _qr(submission, np.random.default_rng(2).standard_normal((3, 5)))


def test_qr_zeros_and_negative(submission):
    """an A with zeros already below the diagonal and negative entries ([[-2, 1], [0, 3], [0, -1]])"""
    _qr(submission, [[-2.0, 1.0], [0.0, 3.0], [0.0, -1.0]])


def test_qr_ill_conditioned_and_scaled(submission):
    """a 10 × 4 A with κ = 1e9, at scales 1e-6 and 1e6: Q stays orthogonal"""
    rng = np.random.default_rng(3)
    U, _ = np.linalg.qr(rng.standard_normal((10, 4)))
    V, _ = np.linalg.qr(rng.standard_normal((4, 4)))
    A = U @ np.diag(np.logspace(0, -9, 4)) @ V.T
    for scale in (1e-6, 1e6):
        _qr(submission, scale * A)


def test_qr_does_not_modify_a(submission):
    """A is left unchanged"""
    f = function(submission, "givens_qr")
    A = np.random.default_rng(4).standard_normal((4, 3))
    A0 = A.copy()
    call(f, A)
    if not np.array_equal(A, A0):
        fail(f"Called {last_call()}; afterwards A had changed; expected it unchanged: start from R = A.copy().")
