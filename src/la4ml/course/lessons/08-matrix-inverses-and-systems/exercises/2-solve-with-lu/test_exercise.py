"""Hidden tests of exercise 8.2 — solve_lu(P, L, U, b), forward and back substitution from scratch."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
SOLVERS = ("numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.pinv", "numpy.linalg.lstsq", "numpy.linalg.tensorsolve",
           "scipy.linalg.solve", "scipy.linalg.solve_triangular", "scipy.linalg.lu_solve", "scipy.linalg.lu_factor",
           "scipy.linalg.inv", "scipy.linalg.pinv", "scipy.linalg.lstsq", "scipy.linalg.cho_solve",
           "scipy.sparse.linalg.spsolve", "scipy.sparse.linalg.spsolve_triangular",
           "torch.linalg.solve", "torch.linalg.solve_triangular", "torch.linalg.inv", "torch.inverse",
           "torch.linalg.lu_solve", "torch.linalg.lstsq", "torch.linalg.pinv")


def _substitute(T, y, order):
    """Triangular substitution in the given row order, with the unknowns not yet computed taken as 0."""
    x = np.zeros_like(y)
    n = T.shape[0]
    for i in order:
        others = [j for j in range(n) if j != i]
        x[i] = (y[i] - T[i, others] @ x[others]) / T[i, i]
    return x


def _variants(P, L, U, b):
    """What common mistakes return, to name them in feedback."""
    n = U.shape[0]
    up, down = list(range(n)), list(range(n - 1, -1, -1))
    with np.errstate(all="ignore"):
        return {
            "P @ b": _substitute(U, _substitute(L, P @ b, up), down),
            "no P": _substitute(U, _substitute(L, b, up), down),
            "back substitution top-down": _substitute(U, _substitute(L, P.T @ b, up), up),
            "forward substitution bottom-up": _substitute(U, _substitute(L, P.T @ b, down), down),
            "U before L": _substitute(L, _substitute(U, P.T @ b, down), up),
        }


MESSAGES = {
    "P @ b": "you reordered b with P @ b; A = P L U gives L U x = P⁻¹ b = P.T @ b (P is a permutation, so its "
             "inverse is its transpose) — the two differ whenever P is not symmetric",
    "no P": "you never reordered b: A = P L U, so solve L U x = P.T @ b, not L U x = b",
    "back substitution top-down": "your back substitution runs top-down; in U x = z the LAST equation has one "
                                  "unknown, so solve for x[n-1] first and go up (range(n - 1, -1, -1)): going down, "
                                  "x[i] is computed before the x[i+1:] it depends on",
    "forward substitution bottom-up": "your forward substitution runs bottom-up; in L z = y the FIRST equation has one "
                                      "unknown, so solve for z[0] first and go down",
    "U before L": "you solved with U first and L second; A x = P L (U x): first L z = P.T @ b, then U x = z",
}


def _solve(submission, P, L, U, b, because=""):
    """Call solve_lu on factors of a nonsingular A and explain the first thing wrong with x."""
    P, L, U, b = (np.array(M, dtype=float) for M in (P, L, U, b))
    A = P @ L @ U
    expected = np.linalg.solve(A, b)
    got = call(function(submission, "solve_lu"), P, L, U, b)
    why = f" ({because})" if because else ""
    if got is None:
        fail(f"Called {last_call()}; returned None; expected x = {show(expected)}. Did you forget `return x`?")
    try:
        x = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {b.shape}.")
    if x.shape != b.shape:
        extra = (" With b of shape (n, k), solve all k systems at once: the same loops work when z[i] and x[i] are rows."
                 if b.ndim == 2 else "")
        fail(f"Called {last_call()}; x has shape {x.shape}; expected {b.shape}, the shape of b.{extra}")
    if not np.all(np.isfinite(x)):
        fail(f"Called {last_call()}; x = {show(x)} contains NaN or infinity, but A is invertible{why}.")
    kappa = np.linalg.cond(A)
    tol = 100 * A.shape[0] * EPS * kappa
    scale = np.abs(expected).max()
    if not np.allclose(x, expected, rtol=tol, atol=tol * scale):
        for name, v in _variants(P, L, U, b).items():
            if np.all(np.isfinite(v)) and np.allclose(x, v, rtol=tol, atol=tol * np.abs(v).max()):
                fail(f"Called {last_call()}; returned x = {show(x)}; expected {show(expected)}{why}: {MESSAGES[name]}.")
        r = b - A @ x
        fail(f"Called {last_call()}; returned x = {show(x)}; expected {show(expected)}{why}: A @ x misses b by "
             f"{np.abs(r).max():.3g}. Check y = P.T @ b, the forward loop z[i] = (y[i] - L[i, :i] @ z[:i]) / L[i, i] "
             "and the backward loop x[i] = (z[i] - U[i, i+1:] @ x[i+1:]) / U[i, i].")
    return x


def _factors(A):
    return scipy.linalg.lu(np.array(A, dtype=float))


STRANG = np.array([[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])


def test_strang(submission):
    """Strang's system [[2, 1, 1], [4, -6, 0], [-2, 7, 2]] x = [5, -2, 9] gives x = [1, 1, 2]"""
    x = _solve(submission, *_factors(STRANG), [5.0, -2.0, 9.0], "P swaps rows 0 and 1")
    if not np.allclose(x, [1.0, 1.0, 2.0], rtol=1e-14):
        fail(f"Called {last_call()}; returned {show(x)}; expected exactly [1, 1, 2].")


def test_cyclic_permutation(submission):
    """reorders b with P.T (not P) when P is a 3-cycle, for A = [[1, 2, 3], [4, 5, 6], [7, 8, 10]]"""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
    _solve(submission, *_factors(A), [1.0, -2.0, 4.0], "its P is a 3-cycle, so P ≠ P.T")


def test_back_substitution_order(submission):
    """back substitution goes bottom-up: a 4 × 4 upper-triangular system with P = L = I"""
    U = np.array([[2.0, 1.0, -1.0, 3.0], [0.0, 1.0, 2.0, 1.0], [0.0, 0.0, 3.0, -2.0], [0.0, 0.0, 0.0, 4.0]])
    _solve(submission, np.eye(4), np.eye(4), U, [1.0, 2.0, 3.0, 4.0], "only U is not the identity")


def test_forward_substitution_order(submission):
    """forward substitution goes top-down: a 4 × 4 unit lower-triangular system with P = U = I"""
    L = np.array([[1.0, 0.0, 0.0, 0.0], [0.5, 1.0, 0.0, 0.0], [-1.0, 0.25, 1.0, 0.0], [0.3, -0.7, 0.5, 1.0]])
    _solve(submission, np.eye(4), L, np.eye(4), [1.0, 2.0, 3.0, 4.0], "only L is not the identity")


def test_one_by_one(submission):
    """a 1 × 1 system [[4]] x = [2] gives x = [0.5]"""
    x = _solve(submission, [[1.0]], [[1.0]], [[4.0]], [2.0])
    if not np.array_equal(x, [0.5]):
        fail(f"Called {last_call()}; returned {show(x)}; expected [0.5].")


def test_many_right_hand_sides(submission):
    """b of shape (n, 3): returns x of shape (n, 3), each column solving its own system"""
    _solve(submission, *_factors(STRANG), np.array([[5.0, 1.0, 0.0], [-2.0, 0.0, 1.0], [9.0, 0.0, 0.0]]),
           "three right-hand sides as columns: the third column of x is the third column of A⁻¹")


def test_ill_conditioned_backward_stable(submission):
    """on a 40 × 40 matrix with condition number 1e12 the residual stays at rounding level (no inverse formed)"""
    rng = np.random.default_rng(8)
    Q1, _ = np.linalg.qr(rng.standard_normal((40, 40)))
    Q2, _ = np.linalg.qr(rng.standard_normal((40, 40)))
    A = (Q1 * np.logspace(0, -12, 40)) @ Q2.T
    b = A @ rng.standard_normal(40)
    P, L, U = scipy.linalg.lu(A)
    x = np.asarray(call(function(submission, "solve_lu"), P, L, U, b), dtype=float)
    if x.shape != b.shape or not np.all(np.isfinite(x)):
        fail(f"Called {last_call()}; returned {show(x)}; expected a finite vector of shape {b.shape}.")
    eta = np.linalg.norm(b - A @ x) / (np.linalg.norm(A, 2) * np.linalg.norm(x))
    if eta > 100 * 40 * EPS:
        fail(f"Called {last_call()} on a matrix with condition number 1e12; the backward error "
             f"‖b - A x‖ / (‖A‖ ‖x‖) is {eta:.2e}, far above rounding level ({EPS:.1e}). Substitution straight from "
             "the factors keeps it at rounding level; forming an inverse (of A, L or U) and multiplying by it does "
             "not — its error grows with the condition number.")


@pytest.mark.parametrize("scale", [1e-200, 1e-6, 1e6, 1e200])
def test_scale(submission, scale):
    """a well-conditioned system scaled by 1e-200, 1e-6, 1e6 or 1e200 is solved (the pivot test is relative)"""
    A = scale * STRANG
    _solve(submission, *_factors(A), scale * np.array([5.0, -2.0, 9.0]),
           f"A's entries are of size {scale:g}; its pivots are tiny or huge but not small RELATIVE to max|U|")


def _expect_singular(submission, P, L, U, b, because, index):
    f = function(submission, "solve_lu")
    P, L, U, b = (np.array(M, dtype=float) for M in (P, L, U, b))
    try:
        with np.errstate(all="ignore"):
            got = f(P, L, U, b)
    except np.linalg.LinAlgError as err:
        if f"U[{index}, {index}]" not in str(err):
            fail(f"Called solve_lu with U = {show(U)} and it raised LinAlgError({str(err)!r}); the message must name "
                 f"the pivot as U[{index}, {index}] (the first one that is zero to working precision).")
        return
    except NotImplementedError:
        fail("Called solve_lu and it raised NotImplementedError: replace the `raise NotImplementedError` line of the "
             "starter with your code.")
    except Exception as err:
        fail(f"Called solve_lu with U = {show(U)} and it raised {type(err).__name__}: {err}; expected "
             f"np.linalg.LinAlgError naming U[{index}, {index}], because {because}.")
    fail(f"Called solve_lu with U = {show(U)}; returned {show(got)}; expected it to raise np.linalg.LinAlgError naming "
         f"U[{index}, {index}], because {because}. Check every |U[i, i]| <= n * eps * max|U| before solving.")


def test_singular_raises(submission):
    """raises LinAlgError naming U[1, 1] for the singular [[1, 2], [2, 4]] (pivot exactly 0)"""
    _expect_singular(submission, *_factors([[1.0, 2.0], [2.0, 4.0]]), [1.0, 1.0], "the second pivot is exactly 0", 1)
    _expect_singular(submission, *_factors(np.zeros((3, 3))), [1.0, 1.0, 1.0], "every pivot of the zero matrix is 0", 0)


def test_pivot_at_the_tolerance(submission):
    """a pivot equal to n·eps·max|U| raises; ten times that is solved"""
    n = 2
    tol = n * EPS * 1.0
    U = np.array([[1.0, 0.5], [0.0, tol]])
    _expect_singular(submission, np.eye(n), np.eye(n), U, [1.0, 1.0],
                     f"|U[1, 1]| = {tol:.3g} equals n·eps·max|U|, and the test is <=", 1)
    U10 = np.array([[1.0, 0.5], [0.0, 10 * tol]])
    _solve(submission, np.eye(n), np.eye(n), U10, [1.0, 1.0], "|U[1, 1]| is ten times n·eps·max|U|")


def test_tolerance_uses_largest_entry_of_U(submission):
    """the tolerance scales with the largest entry of U, not only of its diagonal: [[1, 1e3], [0, 1e-13]] raises"""
    U = np.array([[1.0, 1e3], [0.0, 1e-13]])
    _expect_singular(submission, np.eye(2), np.eye(2), U, [1.0, 1.0],
                     f"max|U| = 1000, so n·eps·max|U| = {2 * EPS * 1e3:.3g} > 1e-13", 1)


def test_no_library_solver(submission):
    """solves by substitution: still works when NumPy's, SciPy's and torch's solvers and inverses are unavailable"""
    f = function(submission, "solve_lu")
    P, L, U = _factors(STRANG)
    with blocked(*SOLVERS, reason="solve by forward and back substitution"):
        try:
            got = call(f, P, L, U, np.array([5.0, -2.0, 9.0]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the two substitution loops themselves; np.linalg.solve (or an "
                     "inverse) may only be used outside solve_lu, to compare.")
            raise
    if not np.allclose(np.asarray(got, dtype=float), [1.0, 1.0, 2.0]):
        fail(f"Called {last_call()}; returned {show(got)}; expected [1, 1, 2].")


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 8), k=st.integers(0, 3), seed=st.integers(0, 2**32 - 1))
def test_property_random(submission, n, k, seed):
    """on random n × n systems (n up to 8) with a vector or up to 3 right-hand sides, x equals np.linalg.solve's"""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    b = rng.standard_normal(n) if k == 0 else rng.standard_normal((n, k))
    _solve(submission, *_factors(A), b)
