"""Hidden tests of exercise 19.3 — is_kernel_matrix(K, rtol=None), tolerances relative to the scale."""

import numpy as np

from la4ml.course.grading import call, fail, function, last_call, show

EPS = np.finfo(float).eps
_X50 = np.random.default_rng(0).standard_normal((50, 3))
GRAM50 = _X50 @ _X50.T   # rank 3: 47 zero eigenvalues, some computed negative


def _rotated(lams, seed):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((len(lams), len(lams))))
    A = Q @ np.diag(lams) @ Q.T
    return (A + A.T) / 2


def _check(submission, K, expected, because, **kw):
    got = call(function(submission, "is_kernel_matrix"), K, **kw)
    if not isinstance(got, (bool, np.bool_)):
        fail(f"Called {last_call()}; returned {show(got)} of type {type(got).__name__}; expected True or False.")
    if bool(got) != expected:
        fail(f"Called {last_call()}; returned {bool(got)}; expected {expected}, because {because}")
    if not isinstance(got, bool):
        fail(f"Called {last_call()}; returned a NumPy bool ({type(got).__name__}); return a Python bool: "
             "bool(lam[0] >= ...).")


def test_singular_gram_matrix(submission):
    """the Gram matrix X Xᵀ of 50 samples with 3 features (47 zero eigenvalues) is a kernel matrix"""
    lam = np.linalg.eigvalsh(GRAM50)
    _check(submission, GRAM50, True,
           f"it is X Xᵀ, PSD by construction; its smallest computed eigenvalue {lam[0]:.3g} is a zero eigenvalue "
           f"spoiled by rounding (the largest is {lam[-1]:.4g}). Testing λ_min >= 0 (a zero tolerance) rejects it: "
           "compare with -rtol · max|λ|, rtol = n · eps by default.")


def test_large_scale(submission):
    """the same Gram matrix with X scaled by 1e6 (entries near 1e12) is still a kernel matrix"""
    K = (1e6 * _X50) @ (1e6 * _X50).T
    lam = np.linalg.eigvalsh(K)
    _check(submission, K, True,
           f"only the units changed; the rounding residue is now λ_min = {lam[0]:.3g} next to λ_max = {lam[-1]:.3g}. "
           "A fixed threshold such as 1e-10 is absolute: make it relative, -rtol · max|λ|.")


def test_small_scale_indefinite(submission):
    """an indefinite matrix at scale 1e-12 (λ_min = -1e-3 · λ_max) is not a kernel matrix"""
    K = 1e-12 * _rotated([1.0, 0.5, 0.2, -1e-3], 1)
    _check(submission, K, False,
           "its eigenvalues are 1e-12 × (1, 0.5, 0.2, -0.001): the negative one is a thousandth of the largest, far "
           "beyond rounding (n·eps = 9e-16 relative). It is tiny only because K is tiny: an absolute threshold like "
           "1e-10 accepts it, a relative one does not.")


def test_clearly_indefinite(submission):
    """[[1, 2], [2, 1]] (eigenvalues 3 and -1) is not a kernel matrix"""
    _check(submission, np.array([[1.0, 2.0], [2.0, 1.0]]), False, "it has the eigenvalue -1 (xᵀKx = -2 at x = (1, -1)).")


def test_zero_matrix(submission):
    """the 3 × 3 zero matrix is a kernel matrix (every eigenvalue 0, which is >= 0)"""
    _check(submission, np.zeros((3, 3)), True,
           "the zero matrix is PSD (xᵀ0x = 0 >= 0): with max|λ| = 0 the test is λ_min >= 0, so use >=, not >, "
           "and do not divide by max|λ|.")


def test_rtol_boundary(submission):
    """diag(1, -1e-3) is accepted with rtol=1e-3 (at the tolerance) and rejected with rtol=9e-4"""
    K = np.diag([1.0, -1e-3])
    _check(submission, K, True, "λ_min = -1e-3 equals -rtol · max|λ| = -1e-3 exactly: the test is λ_min >= -rtol · max|λ| "
           "(>=, not >), with the rtol that was passed.", rtol=1e-3)
    _check(submission, K, False, "λ_min = -1e-3 is below -rtol · max|λ| = -9e-4: use the rtol that was passed.", rtol=9e-4)


def test_default_rtol_is_n_eps(submission):
    """with the default rtol = n·eps, n = 50: λ_min = -0.5·n·eps·λ_max passes, λ_min = -3·n·eps·λ_max does not"""
    n = 50
    for factor, expected in ((0.5, True), (3.0, False)):
        lam = np.ones(n)
        lam[-1] = -factor * n * EPS
        _check(submission, np.diag(lam), expected,
               f"the smallest eigenvalue is -{factor:g}·n·eps·max|λ| = {lam[-1]:.3g}, and the default tolerance is "
               f"rtol = n·eps = {n * EPS:.3g} (n = {n}), relative to max|λ| = 1.")


def test_not_symmetric(submission):
    """[[1, 1], [0, 1]] (eigenvalues 1, 1, but not symmetric) is not a kernel matrix"""
    _check(submission, np.array([[1.0, 1.0], [0.0, 1.0]]), False,
           "a Gram matrix is symmetric (K[i, j] = k(x_i, x_j) = k(x_j, x_i)) and this one is not. Test symmetry first: "
           "np.linalg.eigvalsh reads only one triangle, so it would report the eigenvalues of the identity.")


def test_not_symmetric_with_negative_entries(submission):
    """[[2, -1], [1, 2]] is not symmetric (its lower triangle alone would look PSD)"""
    _check(submission, np.array([[2.0, -1.0], [1.0, 2.0]]), False,
           "K[0, 1] = -1 but K[1, 0] = 1: max|K - Kᵀ| = 2, as large as K. Compare np.abs(K - K.T).max() with "
           "rtol * np.abs(K).max() (absolute values: a square root or a plain max of a matrix with negative entries "
           "gives NaN or the wrong size, and a comparison with NaN is always False).")


def test_tiny_not_symmetric(submission):
    """1e-12 · [[1, 1], [0, 1]] is not symmetric either (symmetry is relative to max|K| too)"""
    _check(submission, 1e-12 * np.array([[1.0, 1.0], [0.0, 1.0]]), False,
           "K - Kᵀ has an entry 1e-12, as large as K itself. np.allclose(K, K.T) uses an absolute atol = 1e-8 and calls "
           "every tiny matrix symmetric: compare max|K - Kᵀ| with rtol · max|K|.")


def test_symmetric_up_to_rounding(submission):
    """an RBF Gram matrix with its upper triangle perturbed by rounding (1 ulp) is a kernel matrix"""
    rng = np.random.default_rng(3)
    Xs = rng.standard_normal((6, 2))
    K = np.exp(-((Xs[:, None, :] - Xs[None, :, :]) ** 2).sum(-1))
    K = K + np.triu(np.full_like(K, EPS), 1) * K   # one unit in the last place above the diagonal
    _check(submission, K, True,
           "it differs from its transpose only by rounding (max|K - Kᵀ| ≈ 2e-16 · max|K|), well within rtol · max|K|; "
           "an exact test (np.array_equal(K, K.T)) rejects matrices that are symmetric to working precision.")


def test_not_square(submission):
    """a 2 × 3 array raises ValueError"""
    f = function(submission, "is_kernel_matrix")
    try:
        got = f(np.ones((2, 3)))
    except ValueError:
        return
    except Exception as exc:  # noqa: BLE001 - the learner's
        fail(f"Called is_kernel_matrix(K of shape (2, 3)); it raised {type(exc).__name__}: {exc}; expected ValueError "
             "(a Gram matrix is square: one row and one column per sample).")
    fail(f"Called is_kernel_matrix(K of shape (2, 3)); returned {show(got)}; expected ValueError "
         "(a Gram matrix is square: one row and one column per sample).")
