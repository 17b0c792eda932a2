"""Tests of la4ml.vectors._similarity: cosine_similarity and top_k, against scikit-learn and PyTorch."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.spatial.distance import cdist
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

import zoo
from la4ml.errors import DTypeError, OutOfRangeError, ShapeError, ZeroVectorError
from la4ml.vectors import cosine_similarity, top_k

SETTINGS = settings(max_examples=30, deadline=None)
NONZERO_ROWS = [z for z in zoo.ZOO if z.A.size and np.all(np.any(z.A != 0, axis=1))]
# entries away from 0 in magnitude: scikit-learn leaves rows with norm < 10 eps undivided (see Notes)
entries = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False).map(lambda v: 0.0 if abs(v) < 1e-6 else v)


def row_matrices(n_features):
    return hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.just(n_features)), elements=entries).filter(
        lambda A: np.all(np.any(A != 0, axis=1))
    )


@st.composite
def two_row_matrices(draw):
    n_features = draw(st.integers(1, 5))
    return draw(row_matrices(n_features)), draw(row_matrices(n_features))


@pytest.mark.parametrize("case", NONZERO_ROWS, ids=zoo.ids)
def test_matches_sklearn_on_zoo(case):
    """cosine_similarity(X) and (X, Y) equal sklearn's cosine_similarity on zoo matrices (rows are vectors)."""
    X = case.A
    tol = 1e-6 if X.dtype == np.float32 else 1e-12
    assert np.allclose(cosine_similarity(X), sk_cosine(X), atol=tol)
    Y = X[::-1] * 3.0 + 1.0
    assert np.allclose(cosine_similarity(X, Y), sk_cosine(X, Y), atol=tol)


@SETTINGS
@given(two_row_matrices())
def test_matches_sklearn_on_random_rows(XY):
    """cosine_similarity(X, Y) == sklearn's on Hypothesis row matrices without zero rows."""
    X, Y = XY
    assert np.allclose(cosine_similarity(X, Y), sk_cosine(X, Y), atol=1e-12)


def test_matches_torch():
    """cosine_similarity(x, Y) == torch.nn.functional.cosine_similarity(x, Y, dim=1) in float64."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    x, Y = rng.standard_normal(5), rng.standard_normal((7, 5))
    expected = torch.nn.functional.cosine_similarity(torch.from_numpy(x)[None, :], torch.from_numpy(Y), dim=1)
    assert np.allclose(cosine_similarity(x, Y), expected.numpy(), atol=1e-12)
    assert np.allclose(cosine_similarity(torch.from_numpy(x), torch.from_numpy(Y)), expected.numpy(), atol=1e-12)


def test_output_shapes_follow_the_inputs():
    """Vector-vector gives a float, vector-matrix (m,), matrix-vector (n,), matrix-matrix (n, m)."""
    x, X, Y = np.ones(3), np.ones((4, 3)), np.ones((2, 3))
    assert isinstance(cosine_similarity(x, x), float)
    assert cosine_similarity(x, Y).shape == (2,)
    assert cosine_similarity(X, x).shape == (4,)
    assert cosine_similarity(X, Y).shape == (4, 2)
    assert cosine_similarity(X).shape == (4, 4)


def test_known_answers():
    """cos 0 = 1, cos 90 = 0, cos 180 = -1, cos 45 = 1/sqrt(2); a tiny vector still has a direction."""
    assert cosine_similarity([2.0, 0.0], [5.0, 0.0]) == 1.0
    assert cosine_similarity([1.0, 0.0], [0.0, 3.0]) == 0.0
    assert np.isclose(cosine_similarity([1.0, 1.0], [-2.0, -2.0]), -1.0, rtol=1e-15)
    assert np.isclose(cosine_similarity([1.0, 0.0], [1.0, 1.0]), 1 / np.sqrt(2), rtol=1e-15)
    assert cosine_similarity([1e-300, 0.0], [1.0, 0.0]) == 1.0
    assert np.isclose(cosine_similarity([1e300, 1e300], [1.0, 1.0]), 1.0, rtol=1e-15)  # no overflow


@SETTINGS
@given(two_row_matrices(), st.floats(0.01, 100), st.floats(-100, -0.01))
def test_cauchy_schwarz_and_scale_invariance(XY, a, b):
    """|x.y| <= ||x|| ||y|| (so |cos| <= 1), and cos(a x, b y) = sign(ab) cos(x, y)."""
    X, Y = XY
    S = cosine_similarity(X, Y)
    assert np.all(np.abs(S) <= 1.0)
    assert np.all(np.abs(X @ Y.T) <= np.outer(np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)) * (1 + 1e-12))
    assert np.allclose(cosine_similarity(a * X, b * Y), -S, atol=1e-12)


@SETTINGS
@given(row_matrices(4))
def test_self_similarity_is_symmetric_with_unit_diagonal(X):
    """S = cos(X, X) is symmetric with ones on the diagonal."""
    S = cosine_similarity(X)
    assert np.allclose(S, S.T, atol=1e-15)
    assert np.allclose(np.diag(S), 1.0, atol=1e-14)


def test_zero_vector_raises_by_default():
    """A zero row raises ZeroVectorError (a ValueError) naming the row and the two ways out."""
    X = np.array([[1.0, 2.0], [0.0, 0.0], [0.0, 0.0]])
    with pytest.raises(ZeroVectorError, match=r"^X\[1\] is the zero vector.*2 of 3 rows of X are zero.*zero_vectors='zero'") as info:
        cosine_similarity(X)
    assert isinstance(info.value, ValueError)
    with pytest.raises(ZeroVectorError, match=r"^Y is the zero vector"):
        cosine_similarity([1.0, 2.0], [0.0, 0.0])


def test_zero_vector_policy_zero_matches_sklearn():
    """zero_vectors='zero' scores a zero vector 0 against everything, itself included, exactly as scikit-learn."""
    X = np.array([[1.0, 2.0], [0.0, 0.0], [3.0, -1.0]])
    S = cosine_similarity(X, zero_vectors="zero")
    assert np.allclose(S, sk_cosine(X))
    assert np.all(S[1] == 0.0) and np.all(S[:, 1] == 0.0)


def test_bad_arguments():
    """Unknown zero policy, mismatched features and bad inputs raise with the parameter named."""
    with pytest.raises(OutOfRangeError, match="zero_vectors must be one of"):
        cosine_similarity(np.ones((2, 2)), zero_vectors="nan")
    with pytest.raises(ShapeError, match=r"X and Y must have the same number of features"):
        cosine_similarity(np.ones((2, 2)), np.ones((2, 3)))


@pytest.mark.parametrize("case", [c for c in zoo.BAD_INPUTS if c[0] != "vector"], ids=zoo.ids)
def test_rejects_bad_inputs(case):
    """Every zoo bad input except a plain vector raises its expected type naming X."""
    _, bad, exc = case
    if case[0] == "3d":
        exc = ShapeError
    with pytest.raises(exc, match=r"\bX\b"):
        cosine_similarity(bad)


# top_k ----------------------------------------------------------------------------------------

# small integers make exact ties common, which is what the tie-break tests need
int_rows = st.integers(1, 4).flatmap(
    lambda d: st.tuples(
        hnp.arrays(np.float64, d, elements=st.integers(-3, 3).map(float)).filter(np.any),
        hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.just(d)), elements=st.integers(-3, 3).map(float)).filter(
            lambda X: np.all(np.any(X != 0, axis=1))),
    )
)


@SETTINGS
@given(int_rows, st.data())
def test_top_k_matches_sklearn_argsort(qX, data):
    """top_k(q, X, k) picks the scores of sklearn.cosine_similarity + argsort, and the same rows barring near-ties.

    Cosines that are equal in exact arithmetic can differ in the last bit between libraries
    (a fused multiply-add in one dot product and not the other), so rows whose scores agree to
    1e-12 may swap places; exact ties are tested below.
    """
    q, X = qX
    k = data.draw(st.integers(1, X.shape[0]))
    idx, scores = top_k(q, X, k)
    s = sk_cosine(q[None, :], X)[0]
    expected = np.argsort(-s, kind="stable")[:k]
    assert np.allclose(scores, s[expected], atol=1e-12)
    assert np.allclose(s[idx], s[expected], atol=1e-12)
    assert len(set(idx.tolist())) == k and np.all(np.diff(scores) <= 0)
    distinct = np.min(np.abs(np.subtract.outer(s, s)) + np.eye(len(s)), initial=1.0) > 1e-9
    if distinct:
        assert np.array_equal(idx, expected)


@SETTINGS
@given(int_rows, st.sampled_from(["euclidean", "manhattan", "chebyshev"]))
def test_top_k_by_distance_is_ascending(qX, metric):
    """With a distance metric, top_k returns the nearest rows first: a stable argsort of cdist."""
    q, X = qX
    idx, scores = top_k(q, X, X.shape[0], metric=metric)
    d = cdist(q[None, :], X, "cityblock" if metric == "manhattan" else metric)[0]
    assert np.array_equal(idx, np.argsort(d, kind="stable"))
    assert np.allclose(scores, d[idx]) and np.all(np.diff(scores) >= 0)


def test_ties_are_broken_by_index():
    """Rows pointing the same way (power-of-2 multiples) tie exactly; the lower row number comes first."""
    X = np.array([[0.0, 1.0], [2.0, 0.0], [1.0, 0.0], [5.0, 0.0], [1.0, 0.0]])
    assert top_k([1.0, 0.0], X, 3)[0].tolist() == [1, 2, 3]
    assert top_k([1.0, 0.0], X, 2, metric="euclidean")[0].tolist() == [2, 4]
    assert top_k([1.0, 0.0], X, 2, metric="dot")[0].tolist() == [3, 1]


def test_batch_of_queries():
    """A (n_queries, n_features) query gives (n_queries, k) results, row i the ranking for query i."""
    rng = np.random.default_rng(3)
    Q, X = rng.standard_normal((4, 6)), rng.standard_normal((20, 6))
    idx, scores = top_k(Q, X, 5)
    assert idx.shape == scores.shape == (4, 5)
    for i in range(4):
        one_idx, one_scores = top_k(Q[i], X, 5)
        assert np.array_equal(idx[i], one_idx) and np.allclose(scores[i], one_scores)


def test_top_k_with_distance_parameters():
    """Metric parameters pass through: Mahalanobis needs cov, Minkowski takes p, cosine zero_vectors."""
    X = np.array([[2.0, 0.0], [0.0, 1.5], [0.0, 0.0]])
    assert top_k([0.0, 0.0], X, 2, metric="mahalanobis", cov=np.diag([4.0, 1.0]))[0].tolist() == [2, 0]
    assert top_k([0.0, 0.0], X, 3, metric="minkowski", p=1)[0].tolist() == [2, 1, 0]
    idx, scores = top_k([1.0, 0.0], X, 3, zero_vectors="zero")
    assert idx.tolist() == [0, 1, 2] and scores.tolist() == [1.0, 0.0, 0.0]


@pytest.mark.parametrize(("k", "exc", "message"), [
    (0, OutOfRangeError, r"k must be between 1 and the number of rows of X \(3\), got k=0"),
    (4, OutOfRangeError, r"got k=4"),
    (2.0, DTypeError, r"k must be an int"),
    (True, DTypeError, r"k must be an int"),
])
def test_top_k_rejects_bad_k(k, exc, message):
    """k outside 1..n_samples, or not an int, raises with k named."""
    with pytest.raises(exc, match=message):
        top_k([1.0, 0.0], np.eye(3, 2), k)


def test_top_k_rejects_mismatched_query_and_zero_query():
    """A query of the wrong length names query and X; a zero query raises ZeroVectorError naming query."""
    with pytest.raises(ShapeError, match="query and X must have the same number of features"):
        top_k([1.0, 0.0, 0.0], np.eye(3, 2), 1)
    with pytest.raises(ZeroVectorError, match=r"^query is the zero vector"):
        top_k([0.0, 0.0], np.eye(3, 2), 1)
    with pytest.raises(ZeroVectorError, match=r"^query\[1\] is the zero vector"):
        top_k([[1.0, 0.0], [0.0, 0.0]], np.eye(3, 2), 1)
    with pytest.raises(TypeError, match="takes only zero_vectors"):
        top_k([1.0, 0.0], np.eye(3, 2), 1, p=3)
