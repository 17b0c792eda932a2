"""Hidden tests of exercise 24.2 — gauss_newton_step(J, r, rtol=None): the SVD least-squares step, rank checked."""

import numpy as np

from la4ml.course.grading import Feedback, call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _orth(n, seed):
    Q, R = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    return Q * np.sign(np.diag(R))


def _with_singular_values(m, n, s, seed):
    return _orth(m, seed)[:, :len(s)] @ np.diag(s) @ _orth(n, seed + 1)[:, :len(s)].T


def _step(submission, J, r, **kwargs):
    J, r = np.array(J, dtype=float), np.array(r, dtype=float)
    J0, r0 = J.copy(), r.copy()
    got = call(function(submission, "gauss_newton_step"), J, r, **kwargs)
    if not (np.array_equal(J, J0) and np.array_equal(r, r0)):
        fail(f"Called {last_call()}; it modified J or r in place. Work on the SVD's outputs, never on the inputs.")
    return got


def _check_step(submission, J, r, what, rtol_p=None, **kwargs):
    J, r = np.array(J, dtype=float), np.array(r, dtype=float)
    try:
        got = _step(submission, J, r, **kwargs)
    except Feedback as fb:
        if "LinAlgError" in str(fb):
            s = np.linalg.svd(J, compute_uv=False)
            fail(f"{fb}\nBut J ({what}) has full column rank: its singular values are {show(s)}, the smallest "
                 f"{s[-1] / s[0]:.2e} × the largest, above the default rtol = max(m, n)·eps = {max(J.shape) * EPS:.2e}. "
                 "Compare each singular value with rtol * s[0] (relative to the largest), not with a fixed number.")
        raise
    p_ref = np.linalg.lstsq(J, -r, rcond=None)[0]
    try:
        p = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected the step, an array of shape {p_ref.shape}.")
    if p.shape != p_ref.shape:
        fail(f"Called {last_call()}; the result has shape {p.shape}; expected {p_ref.shape}: one entry per parameter "
             f"(n = J.shape[1] = {J.shape[1]}).")
    kappa = np.linalg.cond(J)
    tol = rtol_p if rtol_p is not None else 1e3 * kappa * EPS
    err = np.linalg.norm(p - p_ref) / np.linalg.norm(p_ref)
    if err <= tol:
        return p
    if np.linalg.norm(p + p_ref) / np.linalg.norm(p_ref) <= tol:
        fail(f"Called {last_call()} on {what}; returned {show(p)}, the NEGATIVE of the Gauss–Newton step {show(p_ref)}. "
             "The step solves J p ≈ −r (it drives r + J p towards 0): p = -Vt.T @ ((U.T @ r) / s).")
    with np.errstate(all="ignore"):
        p_normal = np.linalg.solve(J.T @ J, -J.T @ r) if J.shape[0] >= J.shape[1] else None
    if p_normal is not None and np.allclose(p, p_normal, rtol=1e-12 * kappa ** 2, atol=0):
        fail(f"Called {last_call()} on {what} (condition number κ = {kappa:.1e}); returned {show(p)}; expected "
             f"{show(p_ref)} (relative error {err:.1e}, allowed {tol:.1e} ≈ 1000·κ·eps). That is the answer of the normal "
             f"equations JᵀJ p = −Jᵀr, whose condition number is κ² = {kappa ** 2:.1e}: forming JᵀJ loses half the "
             "digits. Use the SVD of J itself.")
    fail(f"Called {last_call()} on {what}; returned {show(p)}; expected {show(p_ref)} (np.linalg.lstsq(J, -r)), "
         f"relative error {err:.1e}. The step is p = -Vt.T @ ((U.T @ r) / s) from the thin SVD of J.")


def _check_raises(submission, J, r, because, **kwargs):
    J, r = np.array(J, dtype=float), np.array(r, dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = _step(submission, J, r, **kwargs)
    except Feedback as fb:
        if "LinAlgError" in str(fb):
            return
        if "NotImplementedError" in str(fb) or "modified" in str(fb):
            raise
        fail(f"{fb}\nExpected np.linalg.LinAlgError, because {because}. Raise it yourself after counting the rank.")
    fail(f"Called {last_call()}; returned {show(got)}; expected np.linalg.LinAlgError, because {because}. The Gauss–Newton "
         "step is not determined there: a rank-deficient Jacobian must be detected (count the singular values "
         "greater than rtol * s[0]; if fewer than n, raise np.linalg.LinAlgError), not solved with a "
         "minimum-norm or meaningless step.")


def test_hand_example(submission):
    """takes the step of the lesson's two-point example (J 2 × 2): new k = 0.6409"""
    J = np.array([[1.0, 0.0], [np.exp(-1), -2 * np.exp(-1)]])
    r = np.array([0.0, 2 * np.exp(-1) - 1])
    _check_step(submission, J, r, "the 2 × 2 decay example")


def test_tall_jacobian(submission):
    """equals np.linalg.lstsq(J, -r) for a tall 8 × 3 Jacobian (r not in the range of J)"""
    rng = np.random.default_rng(0)
    _check_step(submission, rng.standard_normal((8, 3)), rng.standard_normal(8), "a random 8 × 3 Jacobian")


def test_ill_conditioned_full_rank(submission):
    """solves an ill-conditioned full-rank J (κ = 1e7) to κ·eps accuracy, which JᵀJ cannot"""
    J = _with_singular_values(10, 3, [1.0, 1e-3, 1e-7], 2)
    r = np.random.default_rng(3).standard_normal(10)
    _check_step(submission, J, r, "a 10 × 3 Jacobian with singular values 1, 1e-3, 1e-7")


def test_tiny_scale_not_rank_deficient(submission):
    """does not call a well-conditioned Jacobian of size 1e-12 rank deficient (the test is relative)"""
    rng = np.random.default_rng(4)
    J = 1e-12 * (rng.standard_normal((6, 2)) + 2 * np.eye(6, 2))
    _check_step(submission, J, rng.standard_normal(6) * 1e-12, "1e-12 × a well-conditioned 6 × 2 Jacobian")


def test_duplicate_column(submission):
    """raises LinAlgError for a Jacobian with two equal columns (rank 1 < n = 2)"""
    t = np.linspace(0, 1, 5)
    J = np.column_stack([np.exp(-t), np.exp(-t)])
    _check_raises(submission, J, np.ones(5), "its two columns are equal (rank 1 < n = 2)")


def test_zero_column(submission):
    """raises LinAlgError for the decay model's Jacobian at a = 0 (the k column is zero)"""
    t = np.array([0.0, 1.0])
    J = np.column_stack([np.exp(-t), 0.0 * t])
    _check_raises(submission, J, np.array([-2.0, -1.0]), "its second column is zero: at a = 0 the rate k changes nothing")


def test_zero_jacobian(submission):
    """raises LinAlgError for J = 0 (rank 0)"""
    _check_raises(submission, np.zeros((4, 2)), np.ones(4), "J = 0 has rank 0")


def test_more_parameters_than_residuals(submission):
    """raises LinAlgError for a wide 2 × 3 Jacobian (rank at most 2 < n = 3)"""
    J = np.array([[1.0, 2.0, 0.5], [0.0, 1.0, -1.0]])
    _check_raises(submission, J, np.ones(2), "with m = 2 residuals and n = 3 parameters the rank is at most 2 < 3")


def test_huge_scale_rank_deficient(submission):
    """raises LinAlgError for a rank-2 Jacobian of size 1e8 whose smallest singular value is rounding (≈ 1e-8)"""
    rng = np.random.default_rng(5)
    J = 1e8 * (rng.standard_normal((6, 2)) @ rng.standard_normal((2, 3)))
    s = np.linalg.svd(J, compute_uv=False)
    assert s[-1] > 1e-10, s  # the test needs rounding to leave it clearly above a fixed 1e-10
    _check_raises(submission, J, rng.standard_normal(6),
                  f"J = 1e8 · (6 × 2)(2 × 3) has rank 2 < 3; its third singular value {s[-1]:.1e} is rounding, "
                  f"{s[-1] / s[0]:.1e} × the largest, below max(m, n)·eps = {6 * EPS:.1e}")


def test_rtol_boundary(submission):
    """with rtol = 1e-3, J = diag(1, 1e-3) (a singular value exactly AT the tolerance) raises; rtol = 1e-4 does not"""
    J = np.diag([1.0, 1e-3])
    _check_raises(submission, J, np.ones(2), rtol=1e-3,
                  because="its smallest singular value 1e-3 is not GREATER than rtol · σ_max = 1e-3 (count s > rtol * s[0])")
    _check_step(submission, J, np.ones(2), "diag(1, 1e-3) with rtol = 1e-4", rtol=1e-4)


def test_default_rtol_uses_max_of_shape(submission):
    """the default rtol is max(m, n)·eps: a 100 × 2 J with σ_min/σ_max = 20·eps raises"""
    J = _with_singular_values(100, 2, [1.0, 20 * EPS], 6)
    s = np.linalg.svd(J, compute_uv=False)
    _check_raises(submission, J, np.ones(100),
                  f"its singular values are {show(s)}: the smallest, {s[1] / s[0]:.1e} × the largest, is below the default "
                  f"rtol = max(m, n)·eps = 100·eps = {100 * EPS:.1e}")
