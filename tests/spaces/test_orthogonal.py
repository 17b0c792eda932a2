"""Tests of la4ml.spaces.projection_matrix and la4ml.spaces.random_orthogonal: against SciPy/NumPy on the
zoo, by the projector's invariants, and (random_orthogonal) by the distribution it must have (Haar)."""

import numpy as np
import pytest
import scipy.linalg
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import DTypeError, La4mlError, ShapeError
from la4ml.spaces import numerical_rank, projection_matrix, random_orthogonal

EPS = np.finfo(np.float64).eps
ALL = [z for z in zoo.ZOO if z.A.ndim == 2 and z.A.size]


def _c(A):
    return 10 * max(A.shape)


def _rank_r(m, n, r, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return scale * rng.standard_normal((m, r)) @ rng.standard_normal((r, n))


# ------------------------------------------------------------------ projection_matrix on the zoo


@pytest.mark.parametrize("case", ALL, ids=zoo.ids)
def test_projector_invariants_on_the_zoo(case):
    """P is m × m, exactly symmetric, idempotent to rounding, with trace = rank, and P A = A (columns are fixed)."""
    A = case.A
    P = projection_matrix(A)
    m = A.shape[0]
    eps = np.finfo(A.dtype if A.dtype == np.float32 else np.float64).eps
    assert P.shape == (m, m) and P.dtype == (np.float32 if A.dtype == np.float32 else np.float64)
    assert np.array_equal(P, P.T)
    assert np.linalg.norm(P @ P - P, 2) <= _c(A) * eps
    r = numerical_rank(A)
    assert np.isclose(np.trace(P), r, rtol=0, atol=_c(A) * eps)
    np.testing.assert_allclose(np.linalg.eigvalsh(P), [0.0] * (m - r) + [1.0] * r, atol=_c(A) * eps)
    assert np.linalg.norm(P @ A - A) <= _c(A) * eps * max(np.linalg.norm(A), np.finfo(float).tiny)


@pytest.mark.parametrize("case", ALL, ids=zoo.ids)
def test_matches_scipy_orth_and_pinv(case):
    """P equals orth(A) orth(A)ᵀ (SciPy) and A pinv(A) (NumPy) wherever the rank is clear-cut."""
    A = case.A.astype(np.float64)
    P = projection_matrix(A)
    s = np.linalg.svd(A, compute_uv=False)
    r = numerical_rank(A)
    gap = s[r - 1] / s[0] if r else 1.0  # the smallest kept singular value, relative
    tol = _c(A) * EPS / gap
    Q = scipy.linalg.orth(A)
    np.testing.assert_allclose(P, Q @ Q.T, atol=tol)
    np.testing.assert_allclose(P, A @ np.linalg.pinv(A), atol=tol)


@pytest.mark.parametrize("case", zoo.select("tall", "full-rank") + zoo.select("invertible"), ids=zoo.ids)
def test_matches_textbook_formula_for_independent_columns(case):
    """For independent columns P = A (AᵀA)⁻¹ Aᵀ, to within the κ(A)² rounding that formula itself carries."""
    A = case.A.astype(np.float64)
    kappa = np.linalg.cond(A)
    tol = _c(A) * EPS * kappa**2
    if tol >= 1:
        pytest.skip(f"κ = {kappa:.1e}: the textbook formula has no correct digit")
    np.testing.assert_allclose(projection_matrix(A), A @ np.linalg.solve(A.T @ A, A.T), atol=tol)


@pytest.mark.parametrize("case", ALL, ids=zoo.ids)
def test_residual_orthogonal_and_closest(case):
    """For b: b − Pb ⟂ every column of A, and Pb is lstsq's closest point A x̂."""
    A = case.A.astype(np.float64)
    b = np.random.default_rng(0).standard_normal(A.shape[0])
    P = projection_matrix(A)
    e = b - P @ b
    assert np.linalg.norm(A.T @ e) <= _c(A) * EPS * np.linalg.norm(A, 2) * np.linalg.norm(b)
    x_hat, *_ = np.linalg.lstsq(A, b, rcond=None)  # same rank cut as numerical_rank
    s = np.linalg.svd(A, compute_uv=False)
    r = numerical_rank(A)
    gap = s[r - 1] / s[0] if r else 1.0
    assert np.linalg.norm(P @ b - A @ x_hat) <= _c(A) * EPS / gap * np.linalg.norm(b)


def test_worked_example_plane():
    """The plane of (1, 0, 1) and (0, 1, 1): (1, 1, 0) projects to (1, 1, 2)/3, the residual (2, 2, −2)/3 has length 2/√3."""
    A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    P = projection_matrix(A)
    np.testing.assert_allclose(P, np.array([[2, -1, 1], [-1, 2, 1], [1, 1, 2]]) / 3, atol=1e-15)
    b = np.array([1.0, 1.0, 0.0])
    np.testing.assert_allclose(P @ b, [1 / 3, 1 / 3, 2 / 3], atol=1e-15)
    assert np.isclose(np.linalg.norm(b - P @ b), 2 / np.sqrt(3), rtol=1e-15)


def test_line_and_rank_deficient():
    """One column a gives aaᵀ/aᵀa; adding a dependent column or a zero column changes nothing."""
    a = np.array([[3.0], [1.0]])
    expected = a @ a.T / (a.T @ a)
    np.testing.assert_allclose(projection_matrix(a), expected, atol=1e-16)
    np.testing.assert_allclose(projection_matrix(np.hstack([a, 2 * a, 0 * a])), expected, atol=1e-15)
    np.testing.assert_allclose(projection_matrix([a[:, 0], -a[:, 0]]), expected, atol=1e-15)  # a list of vectors


def test_textbook_formula_breaks_where_projection_matrix_does_not():
    """With a duplicated column AᵀA is singular (NumPy's solve raises), yet projection_matrix is the right projector."""
    a, c = np.array([1.0, 2.0, 2.0]), np.array([0.0, 1.0, -1.0])
    A = np.column_stack([a, c, a])
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.solve(A.T @ A, A.T)
    np.testing.assert_allclose(projection_matrix(A), projection_matrix(A[:, :2]), atol=1e-15)


def test_zero_matrix_projects_onto_zero():
    """A = 0 spans {0}: P is the zero matrix (not an error)."""
    assert np.array_equal(projection_matrix(np.zeros((4, 2))), np.zeros((4, 4)))


@pytest.mark.parametrize("scale", [1e-150, 1e-6, 1e6, 1e150])
def test_scale_does_not_change_p(scale):
    """P depends only on the column space: scaling A by 1e±6 or 1e±150 leaves P (and its rank) unchanged."""
    A = _rank_r(6, 4, 2, seed=1)
    np.testing.assert_allclose(projection_matrix(scale * A), projection_matrix(A), atol=100 * EPS)


def test_rank_decided_relative_to_largest_singular_value():
    """A singular value 1e-20 times the largest counts as zero, one 1e-10 times it does not, at any scale."""
    U, _ = np.linalg.qr(np.random.default_rng(2).standard_normal((5, 3)))
    for scale in (1e-12, 1.0, 1e12):
        for small, rank in ((1e-20, 2), (1e-10, 3)):
            A = scale * U @ np.diag([1.0, 0.5, small])
            assert np.isclose(np.trace(projection_matrix(A)), rank, atol=1e-12)


def test_does_not_modify_input():
    """A is left as it was."""
    A = _rank_r(5, 3, 2, seed=3)
    A0 = A.copy()
    projection_matrix(A)
    assert np.array_equal(A, A0)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_projection_bad_inputs(case):
    """Empty, NaN, infinite, 1-D, 3-D, string, complex and ragged input raise la4ml errors of the standard types."""
    _, bad, exc = case
    with pytest.raises(exc) as info:
        projection_matrix(bad)
    assert isinstance(info.value, La4mlError)


def test_vector_input_says_how_to_make_a_column():
    """A 1-D vector is not silently taken as a row or a column: the error says to reshape it."""
    with pytest.raises(ShapeError, match=r"reshape\(-1, 1\)"):
        projection_matrix(np.array([3.0, 1.0]))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(m=st.integers(1, 9), n=st.integers(1, 9), r=st.integers(0, 9), seed=st.integers(0, 2**32 - 1),
       scale=st.integers(-100, 100))
def test_property_projector(m, n, r, seed, scale):
    """For any m × n A of rank r (any scale): P symmetric, P² = P, trace P = r, Aᵀ(b − Pb) = 0."""
    r = min(r, m, n)
    A = _rank_r(m, n, r, seed, scale=10.0**scale)
    P = projection_matrix(A)
    assert np.array_equal(P, P.T)
    assert np.linalg.norm(P @ P - P, 2) <= _c(A) * EPS
    assert np.isclose(np.trace(P), r, atol=_c(A) * EPS)
    b = np.random.default_rng(seed).standard_normal(m)
    assert np.linalg.norm(A.T @ (b - P @ b)) <= _c(A) * EPS * np.linalg.norm(A, 2) * np.linalg.norm(b) * 10


# ------------------------------------------------------------------ random_orthogonal


@pytest.mark.parametrize("n", [1, 2, 3, 10, 50])
def test_orthogonal(n):
    """QᵀQ = QQᵀ = I to rounding and |det Q| = 1, for n = 1 … 50."""
    Q = random_orthogonal(n, random_state=n)
    assert Q.shape == (n, n) and Q.dtype == np.float64
    assert np.linalg.norm(Q.T @ Q - np.eye(n), 2) <= _c(Q) * EPS
    assert np.linalg.norm(Q @ Q.T - np.eye(n), 2) <= _c(Q) * EPS
    assert np.isclose(abs(np.linalg.det(Q)), 1.0, atol=_c(Q) * EPS)


def test_preserves_lengths_and_angles():
    """‖Qx‖ = ‖x‖ and (Qx)·(Qy) = x·y."""
    rng = np.random.default_rng(5)
    Q = random_orthogonal(7, random_state=rng)
    x, y = rng.standard_normal(7), rng.standard_normal(7)
    assert np.isclose(np.linalg.norm(Q @ x), np.linalg.norm(x), rtol=10 * EPS * 7)
    assert np.isclose((Q @ x) @ (Q @ y), x @ y, rtol=0, atol=100 * EPS * np.linalg.norm(x) * np.linalg.norm(y))


def test_is_the_sign_fixed_qr_of_the_gaussian_drawn():
    """Q is the orthogonal factor of G = rng.standard_normal((n, n)) with R's diagonal made positive."""
    G = np.random.default_rng(11).standard_normal((6, 6))
    Q = random_orthogonal(6, random_state=11)
    R = Q.T @ G
    assert np.allclose(R, np.triu(R), atol=1e-12) and np.all(np.diag(R) > 0)


def test_reproducible_and_generator_advances():
    """The same int seed gives the same Q; a Generator passed in is advanced (two draws differ); None works."""
    assert np.array_equal(random_orthogonal(5, random_state=3), random_orthogonal(5, random_state=3))
    rng = np.random.default_rng(3)
    Q1, Q2 = random_orthogonal(5, random_state=rng), random_orthogonal(5, random_state=rng)
    assert np.array_equal(Q1, random_orthogonal(5, random_state=3)) and not np.allclose(Q1, Q2)
    assert random_orthogonal(3).shape == (3, 3)
    assert random_orthogonal(np.int64(2), random_state=0).shape == (2, 2)


@pytest.mark.parametrize("bad, exc", [(0, ValueError), (-3, ValueError), (2.5, DTypeError), (True, DTypeError),
                                      ("3", DTypeError), (None, DTypeError)])
def test_bad_n(bad, exc):
    """n must be a positive int: 0, −3, 2.5, True, '3' and None are refused, naming n."""
    with pytest.raises(exc, match="n must"):
        random_orthogonal(bad)


def test_bad_random_state():
    """A random_state that is not None, an int or a Generator is refused, naming random_state."""
    with pytest.raises(DTypeError, match="random_state"):
        random_orthogonal(3, random_state="seed")


def _haar_first_entry_cdf(n):
    """Q[0, 0] of a Haar orthogonal n × n matrix is the first coordinate of a uniform point on the sphere:
    (Q[0, 0] + 1) / 2 ~ Beta((n − 1)/2, (n − 1)/2)."""
    return scipy.stats.beta((n - 1) / 2, (n - 1) / 2, loc=-1, scale=2).cdf


@pytest.mark.parametrize("n", [2, 3, 5])
def test_distribution_of_an_entry_is_haar(n):
    """Over 2000 draws, Q[0, 0] and Q[n−1, n−1] follow the exact Haar law (KS p > 0.001); NumPy's raw QR fails it."""
    rng = np.random.default_rng(100 + n)
    draws = np.array([random_orthogonal(n, random_state=rng) for _ in range(2000)])
    cdf = _haar_first_entry_cdf(n)
    assert scipy.stats.kstest(draws[:, 0, 0], cdf).pvalue > 1e-3
    assert scipy.stats.kstest(draws[:, -1, -1], cdf).pvalue > 1e-3
    # the same test has the power to reject QR without the sign fix
    raw = np.array([np.linalg.qr(np.random.default_rng(k).standard_normal((n, n)))[0] for k in range(2000)])
    assert scipy.stats.kstest(raw[:, 0, 0], cdf).pvalue < 1e-10
    assert raw[:, 0, 0].max() <= 0  # numpy's R[0, 0] = -sign(G[0, 0])‖g‖: Q[0, 0] is never positive


def test_trace_matches_scipy_ortho_group_and_moments():
    """n = 5, 3000 draws: trace Q has mean 0 and variance 1 (Haar moments), the law of scipy's ortho_group
    (two-sample KS p > 0.001), and rotations and reflections are equally likely."""
    rng = np.random.default_rng(7)
    Qs = np.array([random_orthogonal(5, random_state=rng) for _ in range(3000)])
    tr = np.trace(Qs, axis1=1, axis2=2)
    se = 1 / np.sqrt(3000)  # std of trace is 1
    assert abs(tr.mean()) < 4 * se
    assert abs(tr.var() - 1) < 4 * np.sqrt(2 / 3000) * 1.5  # var of trace² is about 2 for Haar, allow 1.5x
    ref = scipy.stats.ortho_group.rvs(5, size=3000, random_state=np.random.default_rng(8))
    assert scipy.stats.ks_2samp(tr, np.trace(ref, axis1=1, axis2=2)).pvalue > 1e-3
    dets = np.sign(np.linalg.det(Qs))
    assert scipy.stats.binomtest(int((dets > 0).sum()), 3000, 0.5).pvalue > 1e-3


def test_without_sign_fix_trace_is_biased_as_documented():
    """The docstring's claim: NumPy's raw Q (no sign fix) has mean trace about −1 for n = 5 (4000 draws: in [−1.2, −0.9])."""
    rng = np.random.default_rng(1)
    tr = [np.trace(np.linalg.qr(rng.standard_normal((5, 5)))[0]) for _ in range(4000)]
    assert -1.2 <= np.mean(tr) <= -0.9


def test_one_by_one_takes_both_signs():
    """n = 1: Q = [[sign(g)]] for the drawn g, so [[1]] and [[−1]] both occur (O(1) = {±1}, each with probability 1/2)."""
    values = [float(random_orthogonal(1, random_state=s)[0, 0]) for s in range(200)]
    assert set(values) == {1.0, -1.0}
    assert scipy.stats.binomtest(values.count(1.0), 200, 0.5).pvalue > 1e-3
