"""Hidden tests of exercise 25.2 — quadratic_form_gradient(A, x) = ((A + Aᵀ)x, A + Aᵀ)."""

import numpy as np
import pytest

from la4ml.course.grading import Feedback, call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _run(submission, A, x, what):
    A, x = np.array(A, dtype=float), np.array(x, dtype=float)
    A0, x0 = A.copy(), x.copy()
    got = call(function(submission, "quadratic_form_gradient"), A, x)
    if not np.array_equal(A, A0) or not np.array_equal(x, x0):
        fail(f"Called {last_call()}; it modified its inputs. Compute new arrays (A + A.T), never change A or x in place.")
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (g, H) of the gradient and the Hessian.")
    g, H = (np.asarray(v, dtype=float) for v in got)
    n = len(x)
    if g.shape != (n,):
        fail(f"Called {last_call()} on {what}; g has shape {g.shape}, expected ({n},): one entry per entry of x.")
    if H.shape != (n, n):
        fail(f"Called {last_call()} on {what}; H has shape {H.shape}, expected ({n}, {n}).")
    S = A + A.T
    g_true, scale = S @ x, max(np.abs(S).max() * np.abs(x).max(), 1e-300)
    tol = 10 * n * EPS
    if np.abs(g - g_true).max() > tol * scale:
        wrong = [(2 * A @ x, "2Ax: that is the gradient only for a SYMMETRIC A. For a nonsymmetric A the linear part of "
                 "(x + d)ᵀA(x + d) is dᵀAx + xᵀAd = dᵀ(A + Aᵀ)x: use (A + A.T) @ x"),
                 (2 * A.T @ x, "2Aᵀx: right only for a symmetric A; the gradient is (A + A.T) @ x"),
                 (A @ x, "Ax: half of the linear part is missing; the gradient is (A + A.T) @ x"),
                 (A.T @ x, "Aᵀx: half of the linear part is missing; the gradient is (A + A.T) @ x"),
                 (0.5 * S @ x, "½(A + Aᵀ)x: the factor ½ belongs to the Hessian term, not the gradient; use (A + A.T) @ x"),
                 (-S @ x, "the negative of the gradient")]
        for cand, why in wrong:
            if np.abs(g - cand).max() <= tol * scale:
                fail(f"Called {last_call()} on {what}; g = {show(g)}, expected (A + Aᵀ)x = {show(g_true)}; you returned {why}.")
        fail(f"Called {last_call()} on {what}; g = {show(g)}, expected (A + Aᵀ)x = {show(g_true)} "
             f"(allowed error {tol:.1e} relative to ‖A‖·‖x‖).")
    hscale = max(np.abs(S).max(), 1e-300)
    if np.abs(H - S).max() > tol * hscale:
        wrong = [(2 * A, "2A: the Hessian of xᵀAx is A + Aᵀ, which equals 2A only for a symmetric A (and your H is "
                  "then not even symmetric)"), (A, "A: the Hessian is A + Aᵀ"), (0.5 * S, "½(A + Aᵀ): drop the ½"),
                 (2 * A.T, "2Aᵀ: the Hessian is A + Aᵀ")]
        for cand, why in wrong:
            if np.abs(H - cand).max() <= tol * hscale:
                fail(f"Called {last_call()} on {what}; H = {show(H)}, expected A + Aᵀ = {show(S)}; you returned {why}.")
        fail(f"Called {last_call()} on {what}; H = {show(H)}, expected A + Aᵀ = {show(S)}.")
    return g, H


def test_worked_example(submission):
    """A = [[2, 1], [0, 3]], x = (1, -2): g = (2, -11), H = [[4, 1], [1, 6]]"""
    _run(submission, [[2.0, 1.0], [0.0, 3.0]], [1.0, -2.0], "the lesson's worked example")


def test_random_nonsymmetric(submission):
    """a random nonsymmetric 5 × 5 matrix: g and H match (A + Aᵀ)x and A + Aᵀ to rounding"""
    rng = np.random.default_rng(3)
    _run(submission, rng.standard_normal((5, 5)), rng.standard_normal(5), "a random nonsymmetric 5 × 5 A")


def test_symmetric(submission):
    """a symmetric A (where (A + Aᵀ)x = 2Ax)"""
    B = np.random.default_rng(4).standard_normal((4, 4))
    _run(submission, B + B.T, np.arange(1.0, 5.0), "a symmetric 4 × 4 A")


def test_antisymmetric_gives_zero(submission):
    """an antisymmetric A: xᵀAx = 0 for every x, so g = 0 and H = 0"""
    _run(submission, [[0.0, 2.0, -1.0], [-2.0, 0.0, 3.0], [1.0, -3.0, 0.0]], [1.0, 2.0, 3.0], "an antisymmetric A")


def test_one_by_one_and_zero_x(submission):
    """n = 1 (g = 2ax, H = 2a) and x = 0 (g = 0)"""
    _run(submission, [[3.0]], [-2.0], "A = [[3]]")
    _run(submission, [[1.0, 5.0], [0.0, -2.0]], [0.0, 0.0], "x = 0")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scales(submission, scale):
    """correct to rounding when A and x are scaled by 1e-6 or 1e6"""
    rng = np.random.default_rng(5)
    _run(submission, scale * rng.standard_normal((3, 3)), scale * rng.standard_normal(3), f"A and x scaled by {scale:g}")


def test_matches_central_differences(submission):
    """g agrees with central differences of x @ A @ x to 1e-8 relative"""
    rng = np.random.default_rng(6)
    A, x = rng.standard_normal((4, 4)), rng.standard_normal(4)
    g, _ = _run(submission, A, x, "a random 4 × 4 A")
    h = EPS ** (1 / 3)
    fd = np.array([((x + h * e) @ A @ (x + h * e) - (x - h * e) @ A @ (x - h * e)) / (2 * h) for e in np.eye(4)])
    assert np.linalg.norm(g - fd) <= 1e-8 * np.linalg.norm(fd)


@pytest.mark.parametrize("A, x, why", [
    (np.ones((2, 3)), np.ones(3), "a non-square A of shape (2, 3)"),
    (np.ones(3), np.ones(3), "a 1-D A"),
    (np.ones((3, 3)), np.ones(2), "x of length 2 with A of shape (3, 3)"),
])
def test_bad_shapes_raise(submission, A, x, why):
    """raises ValueError naming the shapes for a non-square A or a mismatched x"""
    f = function(submission, "quadratic_form_gradient")
    try:
        got = f(A, x)
    except ValueError as e:
        if not any(s in str(e) for s in (str(np.shape(A)), str(np.shape(x)))):
            fail(f"quadratic_form_gradient with {why} raised ValueError({str(e)!r}); the message should give the "
                 f"shapes received, e.g. {np.shape(A)}.")
        return
    except Feedback:
        raise
    except Exception as e:  # noqa: BLE001
        fail(f"quadratic_form_gradient with {why} raised {type(e).__name__}: {e}; expected a ValueError that names "
             "the shapes (check A.ndim == 2, A.shape[0] == A.shape[1] == len(x) first).")
    fail(f"quadratic_form_gradient with {why} returned {show(got)}; expected a ValueError: xᵀAx needs a square A "
         "whose size matches x.")
