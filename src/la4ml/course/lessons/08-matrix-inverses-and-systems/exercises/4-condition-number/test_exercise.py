"""Hidden tests of exercise 8.4 — condition_number(A, p=2) and amplification(A, b, db)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect, fail, function, last_call, show

NORMS = {2: "2-norm", 1: "1-norm", np.inf: "infinity norm", "fro": "Frobenius norm"}


def _orthogonal(n, seed):
    Q, R = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def _kappa(submission, A, *args, because="", **kwargs):
    """Call condition_number and compare with np.linalg.cond, naming the mistake when it is a known one."""
    A = np.array(A, dtype=float)
    p = args[0] if args else kwargs.get("p", 2)
    with np.errstate(all="ignore"):
        expected = float(np.linalg.cond(A, p))
        got = call(function(submission, "condition_number"), A, *args, **kwargs)
    why = f" ({because})" if because else ""
    try:
        k = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, κ = {expected:.10g}.")
    if np.isinf(expected):
        expect(np.isinf(k) and k > 0, got=k, expected=np.inf,
               because=f"A is singular{why}, so ‖A⁻¹‖ is infinite: return np.inf (catch np.linalg.LinAlgError from "
                       "np.linalg.inv; for p = 2 test σ_min == 0) instead of a NaN or an error")
        return k
    if np.isclose(k, expected, rtol=1e-8):
        return k
    s = np.linalg.svd(A, compute_uv=False)
    with np.errstate(all="ignore"):
        A_inv = np.linalg.inv(A)
        lam = np.abs(np.linalg.eigvals(A))
        candidates = {
            "the Frobenius norm": np.linalg.norm(A) * np.linalg.norm(A_inv),
            "the 1-norm": np.linalg.norm(A, 1) * np.linalg.norm(A_inv, 1),
            "the infinity norm": np.linalg.norm(A, np.inf) * np.linalg.norm(A_inv, np.inf),
            "the 2-norm": s[0] / s[-1],
        }
    if np.isclose(k, s[-1] / s[0], rtol=1e-8):
        fail(f"Called {last_call()}; returned {k:.10g}, expected {expected:.10g}{why}: you computed σ_min / σ_max; the "
             "condition number is σ_max / σ_min, always >= 1.")
    if np.isclose(k, lam.max() / lam.min(), rtol=1e-8):
        fail(f"Called {last_call()}; returned {k:.10g}, expected {expected:.10g}{why}: that is the ratio of the "
             "largest to the smallest |eigenvalue|. It equals κ₂ only for symmetric (normal) matrices; in general use "
             "the singular values, σ_max / σ_min.")
    for name, value in candidates.items():
        if np.isclose(k, value, rtol=1e-8):
            hint = (" np.linalg.norm(M) without ord is the Frobenius norm, not the 2-norm."
                    if name == "the Frobenius norm" and p == 2 else "")
            fail(f"Called {last_call()}; returned {k:.10g} = κ in {name}, expected κ in the {NORMS[p]} = "
                 f"{expected:.10g}{why}: pass the norm along, np.linalg.norm(A, p) * np.linalg.norm(np.linalg.inv(A), p)"
                 f" (and for p = 2, σ_max / σ_min).{hint}")
    fail(f"Called {last_call()}; returned {k:.10g}, expected κ = ‖A‖ ‖A⁻¹‖ in the {NORMS[p]} = {expected:.10g}{why}.")


def test_diagonal_by_hand(submission):
    """κ₂ of diag(2, 0.5) is 2 / 0.5 = 4"""
    _kappa(submission, [[2.0, 0.0], [0.0, 0.5]], because="a diagonal matrix stretches by 2 and by 0.5")


def test_default_is_two_norm(submission):
    """without p, returns the 2-norm κ of the nonsymmetric [[1, 2], [0, 1]] (not κ₁ nor κ_F)"""
    _kappa(submission, [[1.0, 2.0], [0.0, 1.0]], because="the default is p = 2, like np.linalg.cond")


def test_orthogonal_is_perfectly_conditioned(submission):
    """κ₂ of a random 50 × 50 orthogonal matrix is 1 (np.linalg.norm(Q) * np.linalg.norm(inv(Q)) would say 50)"""
    _kappa(submission, _orthogonal(50, 0), because="an orthogonal matrix only rotates: σ_max = σ_min = 1")


def test_shear_singular_values_not_eigenvalues(submission):
    """κ₂ of the shear [[1, 100], [0, 1]] is about 1e4 although both eigenvalues are 1"""
    _kappa(submission, [[1.0, 100.0], [0.0, 1.0]], because="its singular values are about 100 and 0.01")


@pytest.mark.parametrize("p", [1, np.inf, "fro", 2], ids=["p=1", "p=inf", "p=fro", "p=2"])
def test_each_norm(submission, p):
    """κ₁, κ_∞, κ_F and κ₂ of a nonsymmetric 3 × 3 matrix, whose four condition numbers all differ"""
    A = np.array([[4.0, -2.0, 1.0], [3.0, 6.0, -4.0], [2.0, 1.0, 8.0]]) @ np.diag([1.0, 10.0, 0.1])
    _kappa(submission, A, p, because="the column sums and the row sums of |A| differ, so κ₁ ≠ κ_∞")


@pytest.mark.parametrize("p", [2, 1, np.inf, "fro"], ids=["p=2", "p=1", "p=inf", "p=fro"])
def test_singular_is_infinite(submission, p):
    """an exactly singular matrix (the zero matrix, and a zero column) has κ = inf in every norm"""
    _kappa(submission, np.zeros((2, 2)), p, because="the zero matrix: σ_min = σ_max = 0, no inverse")
    _kappa(submission, [[1.0, 0.0, 2.0], [3.0, 0.0, 1.0], [0.0, 0.0, 5.0]], p, because="its second column is zero")


def test_nearly_singular(submission):
    """the nearly singular [[1, 1], [1, 1.0001]] has κ₂ about 4e4"""
    _kappa(submission, [[1.0, 1.0], [1.0, 1.0001]], because="two nearly parallel rows")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale_invariant(submission, scale):
    """κ(cA) = κ(A): scaling by 1e-6 or 1e6 changes nothing, in the 2-norm and the 1-norm"""
    A = scale * np.array([[4.0, -2.0, 1.0], [3.0, 6.0, -4.0], [2.0, 1.0, 8.0]])
    _kappa(submission, A, because=f"entries of size {scale:g}: the condition number does not depend on the scale")
    _kappa(submission, A, 1, because=f"entries of size {scale:g}")


def test_from_scratch(submission):
    """computes κ itself: still works when np.linalg.cond is unavailable"""
    f = function(submission, "condition_number")
    with blocked("numpy.linalg.cond", "torch.linalg.cond", reason="compute κ from singular values or norms"):
        try:
            got = call(f, np.array([[2.0, 0.0], [0.0, 0.5]]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build κ from the singular values (p = 2) or from the norms of "
                     "A and of its inverse; use np.linalg.cond only outside condition_number, to compare.")
            raise
    expect(np.isclose(float(got), 4.0), got=got, expected=4.0, because="κ₂(diag(2, 0.5)) = 2 / 0.5")


# ---------------------------------------------------------------------------------------------- amplification


def _amp(submission, A, b, db, because=""):
    A, b, db = (np.array(v, dtype=float) for v in (A, b, db))
    x, dx = np.linalg.solve(A, b), np.linalg.solve(A, db)
    expected = (np.linalg.norm(dx) / np.linalg.norm(x)) / (np.linalg.norm(db) / np.linalg.norm(b))
    with np.errstate(all="ignore"):
        got = call(function(submission, "amplification"), A, b, db)
    why = f" ({because})" if because else ""
    try:
        r = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, {expected:.10g}.")
    if np.isclose(r, expected, rtol=1e-6, atol=0):
        return r
    absolute = np.linalg.norm(dx) / np.linalg.norm(db)
    x_moved = np.linalg.solve(A, b + db)
    if np.isclose(r, 1 / expected, rtol=1e-6, atol=0):
        fail(f"Called {last_call()}; returned {r:.10g}, expected {expected:.10g}{why}: the ratio is upside down; "
             "divide the relative change of x by the relative change of b.")
    if np.isclose(r, absolute, rtol=1e-6, atol=0):
        fail(f"Called {last_call()}; returned {r:.10g} = ‖dx‖ / ‖db‖, expected {expected:.10g}{why}: compare RELATIVE "
             "changes, (‖dx‖ / ‖x‖) / (‖db‖ / ‖b‖) — the condition number bounds the ratio of relative errors.")
    if np.isclose(r, (np.linalg.norm(dx) / np.linalg.norm(x_moved)) / (np.linalg.norm(db) / np.linalg.norm(b + db)),
                  rtol=1e-6, atol=0):
        fail(f"Called {last_call()}; returned {r:.10g}, expected {expected:.10g}{why}: you divided by the norms of the "
             "CHANGED x + dx and b + db; the relative change is measured against the original ‖x‖ and ‖b‖.")
    fail(f"Called {last_call()}; returned {r:.10g}, expected (‖dx‖ / ‖x‖) / (‖db‖ / ‖b‖) = {expected:.10g}{why}, "
         "with x = np.linalg.solve(A, b), dx = np.linalg.solve(A, db) and 2-norms.")


NEAR = np.array([[1.0, 1.0], [1.0, 1.0001]])


def test_amplification_nearly_singular(submission):
    """A = [[1, 1], [1, 1.0001]], b = (2, 2.0001), db = (0, 1e-4): x jumps from (1, 1) to (0, 2), amplification about 2.8e4"""
    _amp(submission, NEAR, [2.0, 2.0001], [0.0, 1e-4], "x = (1, 1) moves to (0, 2): its relative change is 1")


def test_amplification_relative_not_absolute(submission):
    """for A = 2I the relative changes are equal (amplification 1), although ‖dx‖ = ‖db‖ / 2"""
    _amp(submission, 2 * np.eye(3), [1.0, 2.0, 3.0], [0.1, 0.0, -0.2], "A only scales, so it cannot amplify relative errors")


def test_worst_case_reaches_kappa(submission):
    """b along the top singular vector and db along the bottom one: the amplification equals κ₂(A)"""
    A = np.array([[4.0, -2.0, 1.0], [3.0, 6.0, -4.0], [2.0, 1.0, 8.0]]) @ np.diag([1.0, 10.0, 0.1])
    U, s, _ = np.linalg.svd(A)
    r = _amp(submission, A, U[:, 0], 1e-8 * U[:, -1], f"the worst case: the bound κ₂ = {s[0] / s[-1]:.6g} is attained")
    expect(np.isclose(r, s[0] / s[-1], rtol=1e-6, atol=0), got=r, expected=s[0] / s[-1], because="this is the worst case")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_amplification_scale(submission, scale):
    """scaling b and db together, or db alone, by 1e-6 or 1e6 leaves the amplification unchanged"""
    b, db = np.array([2.0, 2.0001]), np.array([0.0, 1e-4])
    _amp(submission, NEAR, scale * b, scale * db, f"b and db scaled by {scale:g}")
    _amp(submission, NEAR, b, scale * db, f"db scaled by {scale:g}: x depends linearly on b")


def test_amplification_zero_change(submission):
    """db = 0 gives 0.0 (nothing changes), not NaN"""
    with np.errstate(all="ignore"):
        got = call(function(submission, "amplification"), NEAR, np.array([2.0, 2.0001]), np.zeros(2))
    expect(got is not None and float(got) == 0.0, got=got, expected=0.0,
           because="with db = 0 the solution does not move: return 0.0 before dividing 0 by 0")


def test_amplification_zero_b_raises(submission):
    """b = 0 raises ValueError: x = 0 and no relative change exists"""
    f = function(submission, "amplification")
    try:
        with np.errstate(all="ignore"):
            got = f(NEAR, np.zeros(2), np.array([0.0, 1e-4]))
    except ValueError:
        return
    except NotImplementedError:
        fail("Called amplification and it raised NotImplementedError: replace the `raise NotImplementedError` line "
             "of the starter with your code.")
    except Exception as err:
        fail(f"Called amplification(A, b=[0, 0], db=[0, 1e-4]) and it raised {type(err).__name__}: {err}; expected "
             "ValueError, because with b = 0 the solution is x = 0 and ‖db‖ / ‖b‖ is undefined.")
    fail(f"Called amplification(A, b=[0, 0], db=[0, 1e-4]); returned {show(got)}; expected it to raise ValueError, "
         "because with b = 0 the solution is x = 0 and ‖db‖ / ‖b‖ is undefined.")


def test_amplification_solves(submission):
    """amplification solves the two systems: it works when np.linalg.inv, pinv and scipy's inverses are unavailable"""
    f = function(submission, "amplification")
    with blocked("numpy.linalg.inv", "numpy.linalg.pinv", "scipy.linalg.inv", "scipy.linalg.pinv", "torch.linalg.inv",
                 "torch.inverse", reason="solve the systems, do not invert"):
        try:
            got = call(f, 2 * np.eye(2), np.array([1.0, 0.0]), np.array([0.0, 1e-3]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nUse np.linalg.solve(A, b) and np.linalg.solve(A, db): forming A⁻¹ costs three times as "
                     "much and its rounding error grows with the very condition number being measured.")
            raise
    expect(np.isclose(float(got), 1.0), got=got, expected=1.0, because="A = 2I does not amplify relative changes")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 6), seed=st.integers(0, 2**32 - 1))
def test_property_bounded_by_kappa(submission, n, seed):
    """for random A, b, db (n up to 6): 1/κ₂ <= amplification <= κ₂, and it equals the definition"""
    rng = np.random.default_rng(seed)
    A, b, db = rng.standard_normal((n, n)), rng.standard_normal(n), rng.standard_normal(n)
    r = _amp(submission, A, b, db)
    kappa = np.linalg.cond(A)
    expect(1 / kappa * (1 - 1e-9) <= r <= kappa * (1 + 1e-9), got=r, expected=f"a value in [1/κ, κ] = [{1 / kappa:.4g}, {kappa:.4g}]",
           because="the condition number bounds the amplification both ways")
