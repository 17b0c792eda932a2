"""Hidden tests of exercise 10.3 — matrix_power_eig(A, k) through A = V Λ V⁻¹."""

import ast

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, learner_source, show

EPS = np.finfo(float).eps
LIMIT = 1 / np.sqrt(EPS)


def _power(submission, A, k):
    A = np.array(A, dtype=float)
    got = call(function(submission, "matrix_power_eig"), A, k)
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__} ({show(got)}); expected a NumPy array.")
    if got.shape != A.shape:
        fail(f"Called {last_call()}; the result has shape {got.shape}; expected {A.shape}, the shape of A.")
    if np.iscomplexobj(got):
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected a real float array. For a real A the "
             "imaginary part of V Λᵏ V⁻¹ is rounding (complex eigenvalues come in conjugate pairs): return "
             "np.real(...).")
    if not np.all(np.isfinite(got)):
        fail(f"Called {last_call()}; the result {show(got)} contains NaN or infinity.")
    return got


def _tolerance(A, k):
    """Forward-error bound of V Λᵏ V⁻¹: ~ k·n·eps·κ(V)·‖V‖‖Λᵏ‖‖V⁻¹‖ (with a safety factor)."""
    w, V = np.linalg.eig(A)
    size = np.linalg.norm(V, 2) * np.max(np.abs(w) ** k) * np.linalg.norm(np.linalg.inv(V), 2) if len(A) else 0.0
    return 100 * max(k, 1) * len(A) * EPS * np.linalg.cond(V) * max(size, 1e-300)


def _check(submission, A, k, expected=None):
    """Compare with np.linalg.matrix_power and name the usual diagonalization mistakes."""
    A = np.array(A, dtype=float)
    expected = np.linalg.matrix_power(A, k) if expected is None else np.asarray(expected, dtype=float)
    got = _power(submission, A, k)
    tol = _tolerance(A, k)
    if np.linalg.norm(got - expected) <= tol:
        return got
    w, V = np.linalg.eig(A)
    candidates = {
        "the eigenvectors taken from the ROWS of V (np.linalg.eig returns them as columns: V[:, i] goes with w[i])":
            np.real(V.T @ np.diag(w**k) @ np.linalg.inv(V.T)),
        "Vᵀ used as V⁻¹ (true only for a symmetric A, whose eigenvector matrix is orthogonal): use np.linalg.inv(V)":
            np.real(V @ np.diag(w**k) @ V.T),
        "the eigenvalues multiplied by k instead of raised to the power k (Λᵏ = diag(w ** k))":
            np.real(V @ np.diag(w * k) @ np.linalg.inv(V)),
        "each ENTRY of A raised to the power k (A ** k): a matrix power is repeated matrix multiplication":
            A**k,
        "one power too few (w ** (k - 1))": np.real(V @ np.diag(w ** max(k - 1, 0)) @ np.linalg.inv(V)),
        "the absolute values of the eigenvalues (their signs matter: (-3)ᵏ alternates)":
            np.real(V @ np.diag(np.abs(w) ** k) @ np.linalg.inv(V)),
    }
    for mistake, value in candidates.items():
        if value.shape == got.shape and np.allclose(got, value, rtol=1e-9, atol=1e-12 * max(np.abs(value).max(), 1)):
            fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)} (np.linalg.matrix_power). Your "
                 f"result matches {mistake}.")
    diff = np.abs(got - expected)
    i, j = np.unravel_index(int(np.argmax(diff)), diff.shape)
    fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)} (np.linalg.matrix_power): entry "
         f"[{i}, {j}] is {got[i, j]:.10g} instead of {expected[i, j]:.10g}.")


def _expect_defective(submission, A, k, why, name=None):
    A = np.array(A, dtype=float)
    name = name or show(A)
    f = function(submission, "matrix_power_eig")
    try:
        got = f(A, k)
    except ValueError as exc:
        if "defective" not in str(exc).lower():
            fail(f"Called matrix_power_eig({name}, {k}); it raised ValueError({str(exc)!r}); the message must say "
                 "that A is defective.")
        return
    except Exception as exc:  # noqa: BLE001 - the learner's exception, reported
        fail(f"Called matrix_power_eig({name}, {k}); it raised {type(exc).__name__}: {exc}; expected ValueError "
             "saying A is defective.")
    fail(f"Called matrix_power_eig({name}, {k}); returned {show(got)}; expected ValueError: {why}. Check "
         "np.linalg.cond(V) > 1 / np.sqrt(np.finfo(float).eps) before using V.")


def test_nonsymmetric(submission):
    """[[4, 1], [2, 3]] to the 5th is [[2094, 1031], [2062, 1063]] (V is not orthogonal here)"""
    _check(submission, [[4.0, 1.0], [2.0, 3.0]], 5, expected=[[2094.0, 1031.0], [2062.0, 1063.0]])
    _check(submission, [[1.0, 2.0], [0.0, -3.0]], 4)


def test_fibonacci(submission):
    """Fibonacci's [[1, 1], [1, 0]] to the 10th and 30th powers: [[89, 55], [55, 34]] and f(31), f(30), f(29)"""
    _check(submission, [[1.0, 1.0], [1.0, 0.0]], 10, expected=[[89.0, 55.0], [55.0, 34.0]])
    _check(submission, [[1.0, 1.0], [1.0, 0.0]], 30, expected=[[1346269.0, 832040.0], [832040.0, 514229.0]])


def test_rotation_complex_eigenvalues(submission):
    """the rotation [[0, -1], [1, 0]] (eigenvalues ±i): squared it is -I, cubed [[0, 1], [-1, 0]], as a real array"""
    _check(submission, [[0.0, -1.0], [1.0, 0.0]], 2, expected=[[-1.0, 0.0], [0.0, -1.0]])
    _check(submission, [[0.0, -1.0], [1.0, 0.0]], 3, expected=[[0.0, 1.0], [-1.0, 0.0]])
    _check(submission, [[1.0, -2.0], [1.0, 1.0]], 5)


def test_k_zero_and_one(submission):
    """k = 0 gives the identity and k = 1 gives A back"""
    A = np.array([[4.0, 1.0, 0.0], [2.0, 3.0, 1.0], [0.0, 1.0, 5.0]])
    _check(submission, A, 0, expected=np.eye(3))
    _check(submission, A, 1, expected=A)


def test_defective_refused(submission):
    """defective matrices raise ValueError("... defective ..."): the shear, a 3 × 3 Jordan block, a nilpotent matrix"""
    _expect_defective(submission, [[1.0, 1.0], [0.0, 1.0]], 3,
                      "the shear has the eigenvalue 1 twice but one eigenvector direction; eig's V has condition "
                      "number about 9e15")
    _expect_defective(submission, [[2.0, 1.0, 0.0], [0.0, 2.0, 1.0], [0.0, 0.0, 2.0]], 2,
                      "a Jordan block has a single eigenvector for its triple eigenvalue")
    _expect_defective(submission, [[0.0, 1.0], [0.0, 0.0]], 2, "the nilpotent [[0, 1], [0, 0]] is defective")


def test_threshold(submission):
    """κ(V) ≈ 5.7e7 is accepted (and accurate), κ(V) ≈ 8e7 is refused: the line is 1/√eps ≈ 6.7e7"""
    ok = np.array([[1.0, 1.0], [0.0, 1.0 + 3.5e-8]])
    accept = (f"A = [[1, 1], [0, 1 + 3.5e-8]] is diagonalizable, and its eigenvector matrix has condition number "
              f"{np.linalg.cond(np.linalg.eig(ok)[1]):.3g} < 1/√eps = {LIMIT:.3g}, so it must be accepted")
    try:
        got = _power(submission, ok, 3)
    except Feedback as fb:
        fail(f"{fb}\n{accept}.")
    expected = np.linalg.matrix_power(ok, 3)
    if not np.allclose(got, expected, rtol=1e-6):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: {accept}.")
    _expect_defective(submission, [[1.0, 1.0], [0.0, 1.0 + 2.5e-8]], 3,
                      f"its eigenvector matrix has condition number about 8e7 > 1/√eps = {LIMIT:.3g}",
                      name="A=[[1, 1], [0, 1 + 2.5e-8]]")


def test_repeated_eigenvalue_is_not_defective(submission):
    """repeated eigenvalues with a full set of eigenvectors are fine: (2I)⁴ = 16I, and diag(3, 3, 1) plus a corner"""
    _check(submission, 2 * np.eye(3), 4, expected=16 * np.eye(3))
    _check(submission, [[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [1.0, 0.0, 1.0]], 3)


def test_markov_power(submission):
    """a Markov matrix to the 50th power: every row is the stationary distribution"""
    P = np.array([[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.3, 0.5]])
    _check(submission, P, 50)


def test_scale(submission):
    """A·1e-6 and A·1e6 cubed give 1e-18·A³ and 1e18·A³, to 10 digits"""
    A = np.array([[4.0, 1.0], [2.0, 3.0]])
    for s in (1e-6, 1e6):
        got = _power(submission, s * A, 3)
        expected = s**3 * np.linalg.matrix_power(A, 3)
        if not np.allclose(got, expected, rtol=1e-10, atol=0):
            fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)} = ({s:g})³·A³.")


def test_not_matrix_power(submission):
    """builds V Λᵏ V⁻¹ itself: still works when np.linalg.matrix_power is unavailable"""
    f = function(submission, "matrix_power_eig")
    with blocked("numpy.linalg.matrix_power", "scipy.linalg.fractional_matrix_power", "la4ml.eigen.matrix_power",
                 reason="use the eigendecomposition"):
        try:
            got = call(f, np.array([[4.0, 1.0], [2.0, 3.0]]), 2)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for V Λᵏ V⁻¹ from np.linalg.eig; use np.linalg.matrix_power only to "
                     "compare, outside matrix_power_eig.")
            raise
    if not np.allclose(got, [[18.0, 7.0], [14.0, 11.0]], rtol=1e-12):
        fail(f"Called {last_call()}; returned {show(got)}; expected [[18, 7], [14, 11]].")


def _products_in_loops(source):
    """Line numbers of matrix products (@, dot, matmul, multi_dot) inside a for/while loop, or in a reduce(), in
    the file's functions (the `if __name__ == "__main__":` demo may loop as it likes)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = []

    def is_product(node):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.MatMult):
            return True
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            return name in ("dot", "matmul", "multi_dot")
        return False

    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    for node in (n for f in functions for n in ast.walk(f)):
        if isinstance(node, (ast.For, ast.While)):
            lines += [n.lineno for n in ast.walk(node) if is_product(n)]
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "reduce":
            lines.append(node.lineno)
    return sorted(set(lines))


def test_no_repeated_multiplication(submission):
    """computes the power through V Λᵏ V⁻¹, not by multiplying A by itself in a loop"""
    function(submission, "matrix_power_eig")
    lines = _products_in_loops(learner_source())
    if lines:
        fail(f"Your file multiplies matrices inside a loop (line {', '.join(map(str, lines))}). Repeated "
             "multiplication costs k products; the point of A = V Λ V⁻¹ is that one decomposition gives every power: "
             "return np.real(V @ np.diag(w ** k) @ np.linalg.inv(V)).")


@st.composite
def diagonalizable(draw):
    n = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    V = np.eye(n) + draw(st.floats(0.0, 0.5)) * rng.standard_normal((n, n))
    lam = rng.uniform(0.3, 1.8, n) * rng.choice([-1.0, 1.0], n)
    return V @ np.diag(lam) @ np.linalg.inv(V)


@settings(max_examples=40, deadline=None)
@given(A=diagonalizable(), k=st.integers(0, 9))
@example(A=np.array([[2.0, 1.0], [1.0, 2.0]]), k=2)
def test_property_random(submission, A, k):
    """random diagonalizable matrices (real eigenvalues of both signs, κ(V) moderate), k = 0…9: NumPy's power"""
    if np.linalg.cond(np.linalg.eig(A)[1]) > LIMIT / 10:
        return
    _check(submission, A, k)
