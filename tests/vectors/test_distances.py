"""Tests of la4ml.vectors._distances: pairwise distances and Mahalanobis, against SciPy and scikit-learn."""

import numpy as np
import pytest
import sklearn.metrics
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.spatial import distance
from scipy.spatial.distance import cdist

import zoo
from la4ml.errors import (
    NotPositiveDefiniteError,
    NotSymmetricError,
    OutOfRangeError,
    ShapeError,
    SingularMatrixError,
    ZeroVectorError,
)
from la4ml.vectors import (
    chebyshev,
    cosine_distance,
    euclidean,
    mahalanobis,
    manhattan,
    minkowski,
    pairwise_distances,
)

SETTINGS = settings(max_examples=30, deadline=None)
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False).map(lambda v: 0.0 if abs(v) < 1e-100 else v)
ROWS = [z for z in zoo.ZOO if z.A.size and z.A.shape[0] >= 2]
NO_ZERO_ROWS = [z for z in ROWS if np.all(np.any(z.A != 0, axis=1))]
PAIRS = [
    (euclidean, distance.euclidean, {}),
    (manhattan, distance.cityblock, {}),
    (chebyshev, distance.chebyshev, {}),
    (lambda x, y: minkowski(x, y, 3), lambda x, y: distance.minkowski(x, y, 3), {}),
]
PAIR_IDS = ["euclidean", "manhattan", "chebyshev", "minkowski3"]


def pair_of_vectors(max_n=8):
    return st.integers(1, max_n).flatmap(
        lambda n: st.tuples(*(hnp.arrays(np.float64, n, elements=finite) for _ in range(3)))
    )


@pytest.mark.parametrize("case", ROWS, ids=zoo.ids)
@pytest.mark.parametrize(("ours", "scipys", "_"), PAIRS, ids=PAIR_IDS)
def test_pair_distances_match_scipy_on_zoo_rows(case, ours, scipys, _):
    """d(A[0], A[1]) and d(A[0], A[-1]) agree with scipy.spatial.distance."""
    A = case.A.astype(np.float64)
    for x, y in [(A[0], A[1]), (A[0], A[-1])]:
        assert np.isclose(ours(x, y), scipys(x, y), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("case", NO_ZERO_ROWS, ids=zoo.ids)
def test_cosine_distance_matches_scipy(case):
    """cosine_distance(x, y) == scipy.spatial.distance.cosine(x, y) for nonzero rows."""
    A = case.A.astype(np.float64)
    assert np.isclose(cosine_distance(A[0], A[-1]), distance.cosine(A[0], A[-1]), atol=1e-12)


CDIST_METRICS = [
    ("euclidean", {}, "euclidean", {}),
    ("manhattan", {}, "cityblock", {}),
    ("cityblock", {}, "cityblock", {}),
    ("chebyshev", {}, "chebyshev", {}),
    ("minkowski", {"p": 1.5}, "minkowski", {"p": 1.5}),
    ("minkowski", {"p": np.inf}, "chebyshev", {}),
]


@pytest.mark.parametrize("case", ROWS, ids=zoo.ids)
@pytest.mark.parametrize(("metric", "params", "scipy_metric", "scipy_params"), CDIST_METRICS,
                         ids=["euclidean", "manhattan", "cityblock", "chebyshev", "minkowski1.5", "minkowski-inf"])
def test_pairwise_matches_cdist_on_zoo(case, metric, params, scipy_metric, scipy_params):
    """pairwise_distances(X, Y, metric) == scipy's cdist(X, Y, metric), and Y=None means Y=X."""
    X = case.A.astype(np.float64)
    Y = X[::-1] + 0.5
    assert np.allclose(pairwise_distances(X, Y, metric, **params), cdist(X, Y, scipy_metric, **scipy_params), rtol=1e-12)
    assert np.allclose(pairwise_distances(X, metric=metric, **params), cdist(X, X, scipy_metric, **scipy_params),
                       rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", NO_ZERO_ROWS, ids=zoo.ids)
@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "cosine"])
def test_pairwise_matches_sklearn_on_zoo(case, metric):
    """pairwise_distances agrees with sklearn.metrics.pairwise_distances (diagonal exactly 0 for Y=None)."""
    X = case.A.astype(np.float64)
    D = pairwise_distances(X, metric=metric)
    assert np.allclose(D, sklearn.metrics.pairwise_distances(X, metric=metric), atol=1e-10)
    assert np.all(np.diag(D) == 0.0)


@SETTINGS
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 5), st.integers(0, 2**31),
       st.sampled_from(["euclidean", "manhattan", "chebyshev"]))
def test_pairwise_matches_cdist_on_random_data(n_x, n_y, n_features, seed, metric):
    """pairwise_distances(X, Y) == cdist(X, Y) on random data of random shape."""
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((n_x, n_features)), rng.standard_normal((n_y, n_features))
    scipy_metric = "cityblock" if metric == "manhattan" else metric
    D = pairwise_distances(X, Y, metric)
    assert D.shape == (n_x, n_y)
    assert np.allclose(D, cdist(X, Y, scipy_metric), rtol=1e-12)


def test_pairwise_subtracts_instead_of_expanding():
    """Two points 1 apart at 1e8 are 1 apart: the expansion ||x||^2 + ||y||^2 - 2 x.y would cancel to rubbish."""
    X = np.array([[1e8, 0.0], [1e8 + 1.0, 0.0]])
    assert pairwise_distances(X)[0, 1] == 1.0
    expansion = np.sqrt(max(X[0] @ X[0] + X[1] @ X[1] - 2 * X[0] @ X[1], 0.0))
    assert expansion != 1.0  # what the shortcut gives instead


def test_pairwise_blocks_cover_every_row():
    """More rows than one memory block still fills every entry: matches cdist on 3000 x 1500 points."""
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((3000, 2)), rng.standard_normal((1500, 2))
    assert np.allclose(pairwise_distances(X, Y), cdist(X, Y))


@SETTINGS
@given(pair_of_vectors(), st.sampled_from([1, 1.5, 2, 3, np.inf]))
def test_minkowski_is_a_metric(xyz, p):
    """d(x, y) >= 0, d(x, x) = 0, d(x, y) = d(y, x), d(x, z) <= d(x, y) + d(y, z), d(x + t, y + t) = d(x, y)."""
    x, y, z = xyz
    d = lambda a, b: minkowski(a, b, p)  # noqa: E731
    assert d(x, y) >= 0 and d(x, x) == 0
    assert np.isclose(d(x, y), d(y, x), rtol=1e-14)
    assert d(x, z) <= (d(x, y) + d(y, z)) * (1 + 1e-12) + 1e-12
    assert np.isclose(d(x + z, y + z), d(x, y), rtol=1e-9, atol=1e-9)


@SETTINGS
@given(pair_of_vectors())
def test_named_distances_are_minkowski(xyz):
    """manhattan = minkowski(p=1), euclidean = minkowski(p=2), chebyshev = minkowski(p=inf)."""
    x, y, _ = xyz
    assert manhattan(x, y) == minkowski(x, y, 1)
    assert euclidean(x, y) == minkowski(x, y, 2)
    assert chebyshev(x, y) == minkowski(x, y, np.inf)


def test_cosine_distance_is_not_a_metric():
    """Cosine distance breaks the triangle inequality: d(e1, e2) = 1 > 2 (1 - cos 45) = 0.586."""
    e1, e2, mid = np.array([1.0, 0.0]), np.array([0.0, 1.0]), np.array([1.0, 1.0])
    assert cosine_distance(e1, e2) == 1.0
    assert cosine_distance(e1, mid) + cosine_distance(mid, e2) < 0.6


def test_cosine_distance_zero_vector_policy():
    """A zero vector raises ZeroVectorError naming it; zero_vectors='zero' gives distance 1 like scikit-learn."""
    with pytest.raises(ZeroVectorError, match=r"^y is the zero vector"):
        cosine_distance([1.0, 2.0], [0.0, 0.0])
    assert cosine_distance([1.0, 2.0], [0.0, 0.0], zero_vectors="zero") == 1.0
    X = np.array([[1.0, 2.0], [0.0, 0.0], [3.0, -1.0]])
    ours = pairwise_distances(X, metric="cosine", zero_vectors="zero")
    assert np.allclose(ours, sklearn.metrics.pairwise.cosine_distances(X))


# Mahalanobis ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", [z for z in zoo.select("spd") if z.A.shape[0] >= 2], ids=zoo.ids)
def test_mahalanobis_matches_scipy_on_spd_zoo(case):
    """mahalanobis(x, y, cov=S) == scipy's mahalanobis(x, y, inv(S)); with VI=inv(S) too; pairwise == cdist."""
    S = case.A.astype(np.float64)
    n = S.shape[0]
    rng = np.random.default_rng(n)
    X = rng.standard_normal((4, n))
    VI = np.linalg.inv(S)
    expected = distance.mahalanobis(X[0], X[1], VI)
    assert np.isclose(mahalanobis(X[0], X[1], cov=S), expected, rtol=1e-7)
    assert np.isclose(mahalanobis(X[0], X[1], VI), expected, rtol=1e-10)
    assert np.allclose(pairwise_distances(X, X[:2], "mahalanobis", VI=VI), cdist(X, X[:2], "mahalanobis", VI=VI))
    assert np.allclose(pairwise_distances(X, metric="mahalanobis", cov=S), cdist(X, X, "mahalanobis", VI=VI),
                       rtol=1e-7, atol=1e-9)


def test_mahalanobis_on_data_covariance():
    """With cov estimated from the data, matches cdist(XA, XB, 'mahalanobis'), which estimates it from vstack(XA, XB)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 3)) @ np.array([[2.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.5, 0.3]])
    cov = np.cov(np.vstack([X[:5], X]), rowvar=False)
    assert np.allclose(pairwise_distances(X[:5], X, "mahalanobis", cov=cov), cdist(X[:5], X, "mahalanobis"))


@SETTINGS
@given(st.integers(1, 5), st.integers(0, 2**31))
def test_mahalanobis_invariants(n, seed):
    """With cov = I it is Euclidean; it is unchanged by an invertible map applied to points and covariance."""
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal(n), rng.standard_normal(n)
    assert np.isclose(mahalanobis(x, y, cov=np.eye(n)), euclidean(x, y))
    B = rng.standard_normal((n, n)) + 3 * np.eye(n)
    S = B @ B.T + np.eye(n)
    M = rng.standard_normal((n, n)) + 3 * np.eye(n)  # invertible (diagonally dominated)
    assert np.isclose(mahalanobis(M @ x, M @ y, cov=M @ S @ M.T), mahalanobis(x, y, cov=S), rtol=1e-6)


def test_mahalanobis_scales_by_standard_deviation():
    """Known answer: two units along an axis with variance 4 is one standard deviation."""
    cov = np.diag([4.0, 1.0])
    assert mahalanobis([2.0, 0.0], [0.0, 0.0], cov=cov) == 1.0
    assert mahalanobis([0.0, 2.0], [0.0, 0.0], cov=cov) == 2.0


@pytest.mark.parametrize("case", zoo.select("singular", "psd"), ids=zoo.ids)
def test_mahalanobis_rejects_singular_covariance(case):
    """A singular covariance raises SingularMatrixError (a LinAlgError) naming cov and suggesting jitter."""
    n = case.A.shape[0]
    with pytest.raises(SingularMatrixError, match=r"cov is singular.*np.eye") as info:
        mahalanobis(np.ones(n), np.zeros(n), cov=case.A)
    assert isinstance(info.value, np.linalg.LinAlgError)


@pytest.mark.parametrize("case", zoo.select("indefinite") + zoo.select("nd"), ids=zoo.ids)
@pytest.mark.parametrize("name", ["cov", "VI"])
def test_mahalanobis_rejects_non_psd(case, name):
    """A matrix with a negative eigenvalue raises NotPositiveDefiniteError naming the parameter and the eigenvalue."""
    n = case.A.shape[0]
    with pytest.raises(NotPositiveDefiniteError, match=rf"^{name} is not positive semidefinite: its smallest eigenvalue is -"):
        mahalanobis(np.ones(n), np.zeros(n), **{name: case.A})


def test_mahalanobis_vi_symmetry_tolerance_grows_with_cond():
    """VI = inv(S) may be asymmetric by n eps cond ||VI||_F (LU ignores symmetry); cov only by n eps ||cov||_F.

    The same relative asymmetry, 1e-9, is rounding for the inverse of a covariance with
    cond 1e10 and a wrong matrix for a covariance with cond 10, or for cov itself.
    """
    def skew(A):  # an antisymmetric part of 1e-9 relative: changes no quadratic form
        K = np.triu(np.ones_like(A), 1)
        return A + 0.5e-9 * np.abs(A).max() * (K - K.T)

    ill = zoo.select("ill-conditioned", "spd")[0].A  # cond 1e10
    well = zoo.select("spd", "invertible", exclude=("ill-conditioned",))[1].A  # spd-8: cond 10
    x, y = np.arange(ill.shape[0], dtype=float), np.zeros(ill.shape[0])
    VI = skew(np.linalg.inv(ill))
    assert np.isclose(mahalanobis(x, y, VI), distance.mahalanobis(x, y, VI), rtol=1e-12)
    with pytest.raises(NotSymmetricError, match=r"cov must be symmetric.*6 \* eps \* \|\|cov\|\|_F"):
        mahalanobis(x, y, cov=skew(ill))
    VI = skew(np.linalg.inv(well))
    x, y = np.arange(well.shape[0], dtype=float), np.zeros(well.shape[0])
    with pytest.raises(NotSymmetricError, match=r"VI must be symmetric.*8 \* eps \* cond \* \|\|VI\|\|_F, cond = 10\b"):
        mahalanobis(x, y, VI)


def test_mahalanobis_vi_message_shows_the_numbers():
    """The issue's message printed -1.24172e+09 twice: now both entries, their difference and the tolerance show."""
    VI = np.linalg.inv(zoo.select("ill-conditioned", "spd")[0].A)
    VI[1, 2] *= 1 + 1e-4
    with pytest.raises(NotSymmetricError) as info:
        mahalanobis(np.ones(6), np.zeros(6), VI)
    msg = str(info.value)
    assert f"VI[1, 2] = {VI[1, 2]} while VI[2, 1] = {VI[2, 1]}" in msg or f"VI[2, 1] = {VI[2, 1]} while VI[1, 2] = {VI[1, 2]}" in msg
    assert f"differ by {abs(VI[1, 2] - VI[2, 1]):.3g}" in msg and "tolerance" in msg and "cond = " in msg


def test_mahalanobis_accepts_singular_psd_inverse():
    """VI only needs to be PSD (a pseudo-inverse is): the distance along its null space is 0."""
    VI = np.diag([1.0, 0.0])
    assert mahalanobis([3.0, 5.0], [0.0, 0.0], VI) == 3.0


def test_mahalanobis_argument_errors():
    """Neither or both of VI/cov, a nonsymmetric or wrongly sized matrix: each names the problem."""
    with pytest.raises(ValueError, match="exactly one of VI .* or cov"):
        mahalanobis([1.0], [0.0])
    with pytest.raises(ValueError, match="got both"):
        mahalanobis([1.0], [0.0], [[1.0]], cov=[[1.0]])
    with pytest.raises(NotSymmetricError, match=r"cov must be symmetric"):
        mahalanobis([1.0, 0.0], [0.0, 0.0], cov=[[2.0, 1.0], [0.0, 2.0]])
    with pytest.raises(ShapeError, match=r"VI must be 3x3 to match vectors of length 3"):
        mahalanobis([1.0, 0.0, 0.0], [0.0, 0.0, 0.0], np.eye(2))


# argument checking ---------------------------------------------------------------------------


def test_pair_argument_errors():
    """Different lengths, p < 1 and matrices are refused with messages naming x, y or p."""
    with pytest.raises(ShapeError, match="x and y must have the same length, got 2 and 3"):
        euclidean([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(OutOfRangeError, match=r"p=0.5 is not a norm"):
        minkowski([1.0], [2.0], 0.5)
    with pytest.raises(ShapeError, match=r"^y must be a 1-D vector"):
        manhattan([1.0, 2.0], np.eye(2))


@pytest.mark.parametrize("case", [c for c in zoo.BAD_INPUTS if c[0] != "vector"], ids=zoo.ids)
@pytest.mark.parametrize("f", [euclidean, manhattan, chebyshev, minkowski, cosine_distance], ids=lambda f: f.__name__)
def test_pair_distances_reject_bad_inputs(case, f):
    """Every bad input raises its expected type with a message naming x."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bx\b"):
        f(bad, np.ones(2))


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("which", ["X", "Y"])
def test_pairwise_rejects_bad_inputs(case, which):
    """Every zoo bad input, as X or as Y, raises its expected type naming the parameter."""
    _, bad, exc = case
    args = (bad, np.ones((2, 2))) if which == "X" else (np.ones((2, 2)), bad)
    with pytest.raises(exc, match=rf"\b{which}\b"):
        pairwise_distances(*args)


def test_pairwise_argument_errors():
    """Unknown metric, mismatched features, stray VI and bad p each get a message that says the fix."""
    X = np.ones((2, 3))
    with pytest.raises(OutOfRangeError, match=r"metric must be one of .*'hamming'"):
        pairwise_distances(X, metric="hamming")
    with pytest.raises(ShapeError, match=r"same number of features.*\(2, 3\).*\(2, 2\)"):
        pairwise_distances(X, np.ones((2, 2)))
    with pytest.raises(ValueError, match="only used by metric='mahalanobis'"):
        pairwise_distances(X, metric="euclidean", VI=np.eye(3))
    with pytest.raises(OutOfRangeError, match=r"p=0.5 is not a norm"):
        pairwise_distances(X, metric="minkowski", p=0.5)


# near the largest float (issue #9) ------------------------------------------------------------------


def test_distances_of_huge_points():
    """x = 1e308 and y = -0.7e308: x - y overflows, the distance 1.7e308 does not; it is found exactly.

    Beyond the largest float, NumericOverflowError; never inf and a RuntimeWarning.
    """
    from la4ml.errors import NumericOverflowError

    x, y = np.array([1e308, 0.0]), np.array([-0.7e308, 0.0])
    assert euclidean(x, y) == manhattan(x, y) == chebyshev(x, y) == minkowski(x, y, 3) == 1.7e308
    assert pairwise_distances(x[None], y[None])[0, 0] == 1.7e308
    assert np.isclose(mahalanobis(x, y, cov=np.diag([4.0, 1.0])), 0.85e308)
    with pytest.raises(NumericOverflowError, match="the distance between x and y is too large"):
        euclidean(x, -x)
    with pytest.raises(NumericOverflowError, match="a euclidean distance between rows of X and Y is too large"):
        pairwise_distances(x[None], -x[None])


def test_mahalanobis_with_a_tiny_covariance():
    """cov = 1e-320 I (denormal): its inverse, 1e320 I, overflows; the distance 1e-160 / sqrt(1e-320) = 1 does not.

    (1e-320 carries only three significant digits, hence the loose tolerance.)
    """
    d = mahalanobis([1e-160, 0.0], [0.0, 0.0], cov=np.eye(2) * 1e-320)
    assert np.isclose(d, 1.0, rtol=1e-2)
