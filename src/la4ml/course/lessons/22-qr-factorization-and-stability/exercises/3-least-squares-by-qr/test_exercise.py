"""Hidden tests of exercise 22.3 — lstsq_householder(A, b): least squares by Householder QR without forming Q."""

import ast

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, learner_source, show

EPS = np.finfo(float).eps
BLOCKED = ("numpy.linalg.qr", "la4ml.factorizations._qr._qr_householder", "la4ml.factorizations._qr._householder_reflectors",
           "la4ml.factorizations._qr._apply_q", "la4ml.factorizations._qr._apply_qt", "la4ml.factorizations._qr._qr_givens",
           "la4ml.factorizations._qr._qr_gram_schmidt", "scipy.linalg.qr", "scipy.linalg.qr_multiply", "numpy.linalg.lstsq",
           "scipy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.pinv", "numpy.linalg.inv", "scipy.linalg.inv",
           "numpy.eye", "numpy.identity", "la4ml.factorizations.qr", "la4ml.factorizations.lstsq_qr",
           "la4ml.factorizations._qr.qr", "la4ml.factorizations._qr.lstsq_qr", "torch.linalg.qr", "torch.linalg.lstsq")


def _with_condition(m, n, kappa, seed):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ V.T


def _run(submission, A, b):
    f = function(submission, "lstsq_householder")
    A, b = np.array(A, dtype=float), np.array(b, dtype=float)
    try:
        with blocked(*BLOCKED, reason="apply the reflectors to b; never form Q or I - 2vvᵀ"):
            got = call(f, A, b)
    except Feedback as fb:
        if "blocked" in str(fb):
            if "eye" in str(fb) or "identity" in str(fb):
                fail(f"{fb}\nYou formed Q (or a reflector I - 2vvᵀ) explicitly from an identity matrix: that costs "
                     "O(m²) memory and work per column. Apply each reflector to b instead: y[j:] -= 2 * v * (v @ y[j:]).")
            fail(f"{fb}\nSolve it with your own reflectors (householder_vector is allowed) and a triangular solve.")
        raise
    try:
        x = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape ({A.shape[1]},).")
    if x.shape != (A.shape[1],):
        fail(f"Called {last_call()}; returned shape {x.shape}; expected ({A.shape[1]},), one coefficient per column of A.")
    return A, b, x


def _check(submission, A, b, because=""):
    A, b, x = _run(submission, A, b)
    x_ref = np.linalg.lstsq(A, b, rcond=None)[0]
    kappa = np.linalg.cond(A)
    r = b - A @ x_ref
    # perturbation theory of least squares: eps·(κ + κ²·‖r‖/(‖A‖‖x‖)) relative, times a size factor
    tol = 10 * max(A.shape) * EPS * (kappa + kappa**2 * np.linalg.norm(r) / (np.linalg.norm(A, 2) * max(np.linalg.norm(x_ref), 1e-300)))
    err = np.linalg.norm(x - x_ref) / max(np.linalg.norm(x_ref), np.finfo(float).tiny)
    if err > tol:
        x_ne = np.linalg.solve(A.T @ A, A.T @ b) if A.shape[1] else x_ref
        ne_err = np.linalg.norm(x_ne - x_ref) / np.linalg.norm(x_ref)
        hint = ""
        if kappa > 1e5 and err > 1e3 * tol and err < 100 * max(ne_err, tol):
            hint = (f" κ(A) = {kappa:.1e}; an error like yours, {err:.1e}, is what the normal equations AᵀA x = Aᵀb give "
                    f"({ne_err:.1e} here): they square κ and lose twice the digits. Work with A itself through its QR.")
        fail(f"Called {last_call()}; returned x = {show(x)}; expected {show(x_ref)} (numpy.linalg.lstsq), relative error "
             f"{err:.1e} > {tol:.1e} (10·max(m, n)·eps·κ for κ = {kappa:.2g}, plus the κ² term of the residual).{hint} "
             + because)
    return x


def test_line_fit(submission):
    """fits the line through (0, 1), (1, 2), (2, 4): intercept 5/6, slope 1.5"""
    x = _check(submission, [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 4.0])
    expect_close(x, [5 / 6, 1.5], rtol=0, atol=100 * EPS, what="x")


def test_random_with_residual(submission):
    """a random 30 × 4 problem with a nonzero residual: equal to numpy.linalg.lstsq"""
    rng = np.random.default_rng(1)
    _check(submission, rng.standard_normal((30, 4)), rng.standard_normal(30))


def test_ill_conditioned_not_normal_equations(submission):
    """κ(A) = 1e7, zero residual: x keeps about 9 digits (the normal equations would keep about 2)"""
    A = _with_condition(50, 6, 1e7, 2)
    _check(submission, A, A @ np.ones(6))


def test_square(submission):
    """a square 4 × 4 A: the exact solution of A x = b (n - 1 reflectors suffice)"""
    rng = np.random.default_rng(3)
    A = rng.standard_normal((4, 4))
    _check(submission, A, A @ np.array([1.0, -2.0, 3.0, 0.5]))


def test_one_column(submission):
    """a single column a: x = (a·b)/(a·a)"""
    _check(submission, [[2.0], [-1.0], [2.0]], [1.0, 1.0, 1.0])


def test_b_orthogonal_to_columns(submission):
    """b orthogonal to every column of A gives x = 0 (to rounding)"""
    A = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    _, _, x = _run(submission, A, [0.0, 0.0, 5.0])
    expect_close(x, [0.0, 0.0], rtol=0, atol=100 * EPS * 5, what="x",
                 because="b lies entirely in the part of R^m that no Ax reaches: its best fit is 0")


def test_scales(submission):
    """1e6 · A with 1e-6 · b, and 1e-6 · A with 1e6 · b: x scales as 1e-12 and 1e12 (relative tolerances)"""
    rng = np.random.default_rng(4)
    A, b = rng.standard_normal((12, 3)), rng.standard_normal(12)
    _check(submission, 1e6 * A, 1e-6 * b)
    _check(submission, 1e-6 * A, 1e6 * b)


def test_dependent_columns_raise(submission):
    """dependent columns (the third is the sum of the first two) raise numpy.linalg.LinAlgError, at 1e-8 scale too"""
    f = function(submission, "lstsq_householder")
    base = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0], [2.0, 1.0, 3.0]])
    for scale in (1.0, 1e-8, 1e8):
        A = scale * base
        try:
            got = f(A, np.ones(4))
        except np.linalg.LinAlgError:
            continue
        except Exception as exc:  # noqa: BLE001
            fail(f"With dependent columns (A = {scale:g} · {show(base)}) your function raised {type(exc).__name__}: "
                 f"{exc}; expected numpy.linalg.LinAlgError.")
        fail(f"With dependent columns (A = {scale:g} · {show(base)}, column 2 = column 0 + column 1) it returned "
             f"{show(got)}; expected numpy.linalg.LinAlgError: R[2, 2] is zero up to rounding. Compare |R[j, j]| with "
             "max(m, n)·eps·max|diag R|, relative to A's size (not with 0, not with a fixed number).")


def test_nearly_dependent_but_solvable(submission):
    """κ(A) = 1e10 is ill-conditioned but not dependent: no error, x close to the true solution"""
    A = _with_condition(40, 5, 1e10, 5)
    _check(submission, A, A @ np.arange(1.0, 6.0))


def test_does_not_modify_inputs(submission):
    """A and b are left unchanged"""
    f = function(submission, "lstsq_householder")
    rng = np.random.default_rng(6)
    A, b = rng.standard_normal((6, 3)), rng.standard_normal(6)
    A0, b0 = A.copy(), b.copy()
    call(f, A, b)
    if not (np.array_equal(A, A0) and np.array_equal(b, b0)):
        fail(f"Called {last_call()}; afterwards A or b had changed; expected both unchanged: work on copies "
             "(R = A.copy(), y = b.copy()).")


def test_no_reflector_matrix(submission):
    """never forms a reflector matrix: no np.outer(v, v) (apply H as X - 2v(vᵀX))"""
    tree = ast.parse(learner_source())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "outer":
            if len(node.args) == 2 and ast.dump(node.args[0]) == ast.dump(node.args[1]):
                fail(f"Line {node.lineno} computes np.outer({ast.unparse(node.args[0])}, {ast.unparse(node.args[0])}): "
                     "that forms the m × m reflector matrix, O(m²) memory and work per column. Apply the reflector "
                     "instead: X[j:] -= 2 * np.outer(v, v @ X[j:]) for a matrix, y[j:] -= 2 * v * (v @ y[j:]) for b.")


def test_tolerance_boundary(submission):
    """A = [[1, 0], [0, t], [0, 0]]: t = 3·eps (exactly the tolerance max(m, n)·eps) and t = 2·eps raise; t = 4·eps solves"""
    f = function(submission, "lstsq_householder")
    b = np.array([1.0, 1.0, 1.0])
    for k in (3, 2):
        A = np.array([[1.0, 0.0], [0.0, k * EPS], [0.0, 0.0]])
        try:
            got = f(A, b)
        except np.linalg.LinAlgError:
            continue
        except Exception as exc:  # noqa: BLE001
            fail(f"For A = [[1, 0], [0, {k}·eps], [0, 0]] your function raised {type(exc).__name__}: {exc}; expected "
                 "numpy.linalg.LinAlgError.")
        rule = ("|R[1, 1]| = 3·eps equals the tolerance max(m, n)·eps·max|diag R| = 3·eps, and 'at most' means <=, not <"
                if k == 3 else "|R[1, 1]| = 2·eps is below max(m, n)·eps·max|diag R| = 3·eps: the tolerance grows "
                "with the size of A (max(m, n) = 3 here), it is not eps alone")
        fail(f"For A = [[1, 0], [0, {k}·eps], [0, 0]] it returned {show(got)}; expected numpy.linalg.LinAlgError, "
             f"because {rule}.")
    _check(submission, [[1.0, 0.0], [0.0, 4 * EPS], [0.0, 0.0]], [1.0, 4 * EPS, 1.0],
           "Here |R[1, 1]| = 4·eps is above the tolerance 3·eps: solve, do not raise.")


def test_bad_shapes_raise_value_error(submission):
    """a wide A (2 × 3) and a b of the wrong length raise ValueError"""
    f = function(submission, "lstsq_householder")
    for A, b, what in ((np.ones((2, 3)), np.ones(2), "A of shape (2, 3), more columns than rows"),
                       (np.eye(4, 2), np.ones(3), "A of shape (4, 2) with b of length 3")):
        try:
            got = f(A, b)
        except ValueError:
            continue
        except Exception as exc:  # noqa: BLE001
            fail(f"With {what} your function raised {type(exc).__name__}: {exc}; expected ValueError.")
        fail(f"With {what} your function returned {show(got)}; expected ValueError: the task asks m >= n and len(b) == m.")
