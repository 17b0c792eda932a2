"""Hidden tests of exercise 21.4 — choose_solver(A)."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.krylov import poisson2d

P = poisson2d(4).toarray()


def _check(submission, A, expected, because):
    got = call(function(submission, "choose_solver"), np.array(A, dtype=float))
    if got != expected:
        fail(f"Called {last_call()}; returned {got!r}; expected {expected!r}, because {because}.")


def test_spd_gives_cg(submission):
    """the 2D Poisson matrix (SPD) gives "cg", also scaled by 1e-12 and 1e6"""
    for s in (1.0, 1e-12, 1e6):
        _check(submission, P * s, "cg", f"A = {s:g} × Poisson is symmetric positive definite (smallest eigenvalue "
               f"{np.linalg.eigvalsh(P * s)[0]:.3g} > 0, far above rounding); compare with n·eps·max|λ|, not a fixed number")


def test_indefinite_gives_minres(submission):
    """the shifted Poisson matrix A − 1.0·I (symmetric indefinite) gives "minres\""""
    A = P - 1.0 * np.eye(16)
    _check(submission, A, "minres", f"A is symmetric with eigenvalues from {np.linalg.eigvalsh(A)[0]:.3f} to "
           f"{np.linalg.eigvalsh(A)[-1]:.3f}: indefinite, so CG does not apply but the short recurrence does")
    _check(submission, -P, "minres", "−Poisson is symmetric negative definite: not positive definite")


def test_singular_psd_gives_minres(submission):
    """a singular B Bᵀ (rank 2 of 4), whose zero eigenvalues rounding makes ±1e-16, gives "minres\""""
    B = np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.3], [1.5, 1.5]])
    A = B @ B.T
    A = (A + A.T) / 2
    lam = np.linalg.eigvalsh(A)
    _check(submission, A, "minres", f"B Bᵀ has rank 2: its smallest eigenvalues {show(lam[:2])} are zero up to "
           "rounding (compare with n·eps·max|λ|, not with 0), so A is not positive definite and CG can meet pᵀAp = 0")
    _check(submission, np.zeros((3, 3)), "minres", "the zero matrix is symmetric but not positive definite")


def test_nonsymmetric_gives_gmres_even_with_positive_eigenvalues(submission):
    """nonsymmetric matrices give "gmres", even with positive eigenvalues (never MINRES on a nonsymmetric A)"""
    A = P + np.diag(-0.5 * np.ones(15), -1)
    _check(submission, A, "gmres", "A (Poisson plus a convection term below the diagonal) is not symmetric: "
           "max|A − Aᵀ| = 0.5; MINRES and CG assume symmetry, so test symmetry BEFORE definiteness")
    _check(submission, np.array([[2.0, 1.0], [0.0, 2.0]]), "gmres", "A ≠ Aᵀ (A[0, 1] = 1, A[1, 0] = 0); its "
           "eigenvalues 2, 2 are positive but that does not make it symmetric")


def test_symmetry_tolerance_is_relative(submission):
    """rounding-level asymmetry counts as symmetric at any scale; a 1e-3 relative asymmetry at scale 1e-6 does not"""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 5))
    for s in (1e-6, 1.0, 1e6):
        G = (X * s).T @ (X * s) + np.eye(5) * s * s
        G[0, 1] = G[0, 1] * (1 + 8e-16)  # a few units of rounding, as a product computed in another order leaves
        _check(submission, G, "cg", f"A = XᵀX + I (scaled by {s * s:g}) is SPD; its asymmetry "
               f"{np.abs(G - G.T).max():.2e} is rounding ({np.abs(G - G.T).max() / np.abs(G).max():.1e} of max|A|): "
               "compare max|A − Aᵀ| with n·eps·max|A|, relative to A")
    A = P * 1e-6
    A[0, 1] += 1e-9
    _check(submission, A, "gmres", "A has entries of size 1e-6 and A[0, 1] − A[1, 0] = 1e-9, an asymmetry of a part in "
           "a thousand; np.allclose(A, A.T) says symmetric only because its atol = 1e-8 is absolute")


def test_definiteness_tolerance_is_relative(submission):
    """SPD at scale 1e-12 gives "cg"; a PSD matrix with a +1e-17 eigenvalue (relative) gives "minres\""""
    Q, _ = np.linalg.qr(np.random.default_rng(1).standard_normal((5, 5)))
    A = Q @ np.diag([1e-12, 2e-12, 3e-12, 4e-12, 5e-12]) @ Q.T
    A = (A + A.T) / 2
    _check(submission, A, "cg", "the eigenvalues are 1e-12 … 5e-12, all positive: compare the smallest with "
           "n·eps·max|λ| = 5.5e-27, not with an absolute threshold like 1e-10")
    A = np.diag([5.0, 3.0, 1.0, 1e-17])
    _check(submission, A, "minres", "the smallest eigenvalue 1e-17 is below n·eps·max|λ| = 4.4e-15: zero to working "
           "precision, so A is singular for CG")
    A = np.diag([5e6, 3e6, 1e6, 1e-11])
    _check(submission, A, "minres", "the smallest eigenvalue 1e-11 is below n·eps·max|λ| = 4.4e-09 (max|λ| = 5e6): zero "
           "to working precision at this scale, so A is singular for CG (compare with n·eps·max|λ|, not with its "
           "square root or an absolute number)")


def test_non_square_raises(submission):
    """a non-square A raises ValueError"""
    f = function(submission, "choose_solver")
    try:
        got = f(np.ones((2, 3)))
    except ValueError as e:
        if "(2, 3)" not in str(e) and "2, 3" not in str(e):
            fail(f"choose_solver(array of shape (2, 3)) raised ValueError({str(e)!r}); the message should show the shape "
                 "(2, 3) and say that A must be square (check A.shape yourself before any arithmetic).")
        return
    except Exception as e:  # noqa: BLE001
        fail(f"choose_solver(array of shape (2, 3)) raised {type(e).__name__}: {e}; expected ValueError (A must be square).")
    fail(f"choose_solver(array of shape (2, 3)) returned {got!r}; expected ValueError: Krylov solvers need a square A.")


def test_one_by_one(submission):
    """1 × 1 matrices: [[2]] gives "cg", [[-2]] and [[0]] give "minres\""""
    _check(submission, [[2.0]], "cg", "a positive 1 × 1 matrix is SPD")
    _check(submission, [[-2.0]], "minres", "a negative 1 × 1 matrix is symmetric but not positive definite")
    _check(submission, [[0.0]], "minres", "[[0]] is symmetric and singular")


def test_tolerances_scale_with_n(submission):
    """the tolerances are n·eps: asymmetry of 5·eps·max|A| in a 16 × 16 matrix is still symmetric (n = 16)"""
    eps = np.finfo(float).eps
    A = P.copy()
    A[0, 1] += 5 * eps * 4  # 5 eps relative to max|A| = 4: above eps, below n·eps = 16 eps
    _check(submission, A, "cg", "max|A − Aᵀ| = 5·eps·max|A| is below the tolerance n·eps·max|A| with n = 16 "
           "(use n·eps, not eps: rounding errors grow with the size of the computation)")
