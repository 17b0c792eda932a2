"""Hidden tests of exercise 7.4 — random_orthogonal(n, rng=None): the sign-fixed QR of a Gaussian matrix."""

import numpy as np
import scipy.stats

from la4ml.course.grading import call, fail, function, show

EPS = np.finfo(np.float64).eps


def _reference(n, seed):
    Q, R = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    return Q * np.where(np.diag(R) < 0, -1.0, 1.0)


def _desc(n, seed):
    """How a call is named in feedback (a Generator's repr carries a memory address)."""
    return f"random_orthogonal({n}, np.random.default_rng({seed}))" if seed is not None else f"random_orthogonal({n})"


def _draw(submission, n, seed):
    f = function(submission, "random_orthogonal")
    got = call(f, n, np.random.default_rng(seed)) if seed is not None else call(f, n)
    try:
        Q = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {_desc(n, seed)}; returned {show(got)}; expected an {n} × {n} array.")
    if Q.shape != (n, n):
        fail(f"Called {_desc(n, seed)}; returned an array of shape {Q.shape}; expected ({n}, {n}).")
    return Q


def _check_orthogonal(Q, n, seed):
    loss = np.linalg.norm(Q.T @ Q - np.eye(n), 2)
    if loss > 100 * n * EPS:
        fail(f"Called {_desc(n, seed)}; ‖QᵀQ − I‖ = {loss:.3g}: the result is not orthogonal. Return the Q of "
             "np.linalg.qr (with its columns' signs fixed), not R or G.")


def _diagnose(Q, n, seed):
    """Compare with the known wrong recipes on the same Gaussian draw; return the named mistake or None."""
    G = np.random.default_rng(seed).standard_normal((n, n))
    Q0, R0 = np.linalg.qr(G)
    d = np.where(np.diag(R0) < 0, -1.0, 1.0)
    close = lambda X: np.allclose(Q, X, atol=1e-10)  # noqa: E731
    if close(Q0) and not close(Q0 * d):
        return ("this is np.linalg.qr's Q without the sign fix: LAPACK chooses the signs of R's diagonal, and then Q "
                "is not uniformly distributed (Q[0, 0] is never positive). Multiply column j of Q by the sign of R[j, j]")
    if close(Q0 * np.where(np.diag(Q0) < 0, -1.0, 1.0)):
        return ("you made the diagonal of Q positive; the fix uses the signs of R's diagonal: Q * np.sign(np.diag(R)) "
                "(a positive diagonal in Q is a biased distribution)")
    if close(d[:, None] * Q0):
        return ("you multiplied the ROWS of Q by the signs; multiply its COLUMNS: Q * np.sign(np.diag(R)) scales "
                "column j (np.sign(...)[:, None] * Q would scale row j)")
    if close((Q0 * d).T):
        return "you returned Qᵀ; return Q itself (the factor with G = Q R)"
    if close(-(Q0 * d)):
        return "your signs are all flipped: make R's diagonal positive, not negative"
    Qu, Ru = np.linalg.qr(np.random.default_rng(seed).random((n, n)))
    if close(Qu * np.where(np.diag(Ru) < 0, -1.0, 1.0)) or close(Qu):
        return ("G must be Gaussian (rng.standard_normal): a uniform matrix (rng.random) is not the same from every "
                "direction, so its Q is not uniformly distributed")
    return None


def _check_value(submission, n, seed):
    Q = _draw(submission, n, seed)
    _check_orthogonal(Q, n, seed)
    Q_true = _reference(n, seed)
    if not np.allclose(Q, Q_true, atol=1e-10):
        mistake = _diagnose(Q, n, seed)
        fail(f"Called {_desc(n, seed)}; returned Q = {show(Q)}; expected {show(Q_true)}, the orthogonal factor of "
             f"G = rng.standard_normal(({n}, {n})) with R's diagonal made positive"
             + (f": {mistake}." if mistake else ". Draw G once from the generator you were given, factor it with "
                "np.linalg.qr and multiply column j of Q by the sign of R[j, j]."))
    return Q


def test_orthogonal(submission):
    """returns an n × n matrix with QᵀQ = I, for n = 1, 2, 5 and 20"""
    for n in (1, 2, 5, 20):
        _check_orthogonal(_draw(submission, n, seed=n), n, n)


def test_sign_fixed_qr_of_the_gaussian(submission):
    """equals the orthogonal factor of G = rng.standard_normal((n, n)) whose R has a positive diagonal (n = 3, 6)"""
    for n, seed in ((3, 11), (6, 12)):
        _check_value(submission, n, seed)


def test_uses_the_generator(submission):
    """draws from the rng it is given: the same seed gives the same Q, different seeds give different ones"""
    Q1, Q2, Q3 = (_draw(submission, 4, seed) for seed in (5, 5, 6))
    if not np.array_equal(Q1, Q2):
        fail(f"Called {_desc(4, 5)} twice; the two results differ. Draw G from rng (rng.standard_normal), not from "
             "np.random.randn or a new unseeded generator, so that a seed reproduces the result.")
    if np.array_equal(Q1, Q3):
        fail(f"Called {_desc(4, 5)} and {_desc(4, 6)}; both returned the same matrix. Draw from the rng you are "
             "given instead of a generator with a fixed seed.")


def test_default_rng(submission):
    """with rng omitted: still an orthogonal matrix, and a fresh one on each call"""
    Q1 = _draw(submission, 3, None)
    _check_orthogonal(Q1, 3, None)
    Q2 = _draw(submission, 3, None)
    if np.array_equal(Q1, Q2):
        fail(f"Called {_desc(3, None)} twice; both returned the same matrix. With rng=None use "
             "np.random.default_rng() (fresh entropy), not a fixed seed.")


def test_first_entry_is_uniform(submission):
    """Haar distribution: over 200 draws of 3 × 3 matrices, Q[0, 0] is uniform on [-1, 1] (half positive, KS test)"""
    f = function(submission, "random_orthogonal")
    q00 = np.array([np.asarray(f(3, np.random.default_rng(1000 + k)), dtype=float)[0, 0] for k in range(200)])
    what = "Called random_orthogonal(3, np.random.default_rng(seed)) for 200 seeds"
    positive = int(np.sum(q00 > 0))
    if positive == 0:
        fail(f"{what}; Q[0, 0] was never positive. np.linalg.qr always gives Q[0, 0] <= 0 (its R[0, 0] has the "
             "opposite sign of G[0, 0]); a uniform Q has Q[0, 0] > 0 half the time. Multiply column j of Q by the "
             "sign of R[j, j].")
    if positive == 200:
        fail(f"{what}; Q[0, 0] was always positive. Making Q's diagonal positive biases it; make R's diagonal "
             "positive instead (Q * np.sign(np.diag(R))).")
    p = scipy.stats.kstest(q00, scipy.stats.uniform(loc=-1, scale=2).cdf).pvalue
    if p < 1e-4:
        fail(f"{what}; Q[0, 0] is not uniform on [-1, 1] (Kolmogorov–Smirnov p-value {p:.1e}; {positive} of 200 "
             f"positive, mean {q00.mean():.3f}). For a uniformly random 3 × 3 orthogonal matrix the first column is "
             "a uniform point on the sphere, and its first coordinate is uniform on [-1, 1]. Is G Gaussian "
             "(rng.standard_normal)?")


def test_rotations_and_reflections(submission):
    """det Q = ±1 and both signs occur (rotations and reflections are equally likely) over 40 draws of 2 × 2"""
    f = function(submission, "random_orthogonal")
    dets = np.array([np.linalg.det(np.asarray(f(2, np.random.default_rng(500 + k)), dtype=float)) for k in range(40)])
    what = "Called random_orthogonal(2, np.random.default_rng(seed)) for 40 seeds"
    if not np.allclose(np.abs(dets), 1.0, atol=1e-12):
        fail(f"{what}; det Q = {dets[~np.isclose(np.abs(dets), 1)][0]:.6g} once; an orthogonal matrix has det ±1.")
    if np.all(dets > 0) or np.all(dets < 0):
        fail(f"{what}; det Q was always {np.sign(dets[0]):+.0f}. A uniformly random orthogonal matrix is a rotation "
             "or a reflection with probability 1/2 each.")


def test_one_by_one(submission):
    """n = 1: Q = [[sign(g)]] for the drawn g — both [[1]] and [[-1]] occur"""
    values = set()
    for seed in range(8):
        Q = _check_value(submission, 1, seed)
        values.add(float(Q[0, 0]))
    if values != {1.0, -1.0}:
        fail(f"Called random_orthogonal(1, np.random.default_rng(seed)) for 8 seeds; got only {sorted(values)}; expected both 1 and -1.")
