"""Hidden tests of exercise 4.2 — cosine_similarity_matrix(X, Y=None) from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show
from la4ml.course.testdata import load_iris


def _unit(A):
    n = np.linalg.norm(A, axis=1, keepdims=True)
    return A / np.where(n == 0, 1, n)


def _check(submission, X, Y=None):
    X = np.array(X, dtype=float)
    Yv = X if Y is None else np.array(Y, dtype=float)
    f = function(submission, "cosine_similarity_matrix")
    with np.errstate(all="ignore"):
        got = call(f, X) if Y is None else call(f, X, Yv)
    expected = sk_cosine(X, Yv)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {expected.shape}. Did you forget `return`?")
    try:
        S = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {expected.shape}.")
    if S.shape != expected.shape:
        hint = " (the transpose: rows of the result are the rows of X)" if S.shape == expected.shape[::-1] else ""
        if S.shape == (X.shape[1], X.shape[1]):
            hint = " (one entry per pair of FEATURES: you compared columns; compare the rows, X_hat @ Y_hat.T)"
        fail(f"Called {last_call()}; the result has shape {S.shape}; expected {expected.shape}: one row per row of X, "
             f"one column per row of Y{hint}.")
    if np.allclose(S, expected, atol=1e-9):
        return S
    nonzero = np.linalg.norm(X, axis=1).all() and np.linalg.norm(Yv, axis=1).all()
    if np.isnan(S).any():
        if not nonzero:
            fail(f"Called {last_call()}; the result contains NaN; a zero row has length 0 and dividing by it gives NaN. "
                 "Like scikit-learn, leave a zero row as zeros (divide by np.where(length == 0, 1, length)) so its "
                 "similarities are 0.")
        fail(f"Called {last_call()}; the result contains NaN; expected {show(expected)}.")
    c = lambda A: np.clip(A, -1, 1)  # noqa: E731  (a clipped wrong answer is still the wrong answer)
    same = lambda M: np.allclose(S, M, rtol=1e-7, atol=1e-12) or np.allclose(S, c(M), rtol=1e-7, atol=1e-12)  # noqa: E731
    if same(X @ Yv.T):
        fail(f"Called {last_call()}; returned the raw dot products X @ Y.T; expected cosines. You forgot to normalize: "
             "divide each row by its length first (cosine similarity is the dot product of UNIT vectors), so that "
             "long vectors do not look more similar.")
    if same(_unit(X) @ Yv.T) or same(X @ _unit(Yv).T):
        fail(f"Called {last_call()}; only one side was normalized; divide the rows of BOTH X and Y by their lengths.")
    col = lambda A: A / np.where(np.linalg.norm(A, axis=0) == 0, 1, np.linalg.norm(A, axis=0))  # noqa: E731
    if same(col(X) @ col(Yv).T) or same(X @ Yv.T / np.linalg.norm(X) ** 2):
        fail(f"Called {last_call()}; the rows were not each divided by their OWN length (you normalized the columns, "
             "axis=0, or the whole matrix). Use np.linalg.norm(X, axis=1, keepdims=True), shape (n_samples, 1).")
    sq = lambda A: A / np.where(np.linalg.norm(A, axis=1, keepdims=True) == 0, 1, np.sum(A * A, axis=1, keepdims=True))  # noqa: E731
    if same(sq(X) @ sq(Yv).T):
        fail(f"Called {last_call()}; each row was divided by its SQUARED length (the sum of squares); divide by the "
             "length itself, its square root, so that every row gets length 1.")
    if np.allclose(S, np.clip(expected, 0, 1), rtol=1e-7, atol=1e-12) and expected.min() < 0:
        fail(f"Called {last_call()}; the negative cosines came out as 0 (e.g. {expected.min():.4g} became 0): clip to "
             "[-1, 1], not [0, 1]; rows pointing in opposite directions have a negative cosine.")
    lengths = np.concatenate([np.linalg.norm(X, axis=1), np.linalg.norm(Yv, axis=1)])
    for thr in (1e-12, 1e-10, 1e-8, 1e-6, 1e-4):
        if np.any((lengths > 0) & (lengths < thr)):
            t = lambda A: A / np.where(np.linalg.norm(A, axis=1, keepdims=True) < thr, 1, np.linalg.norm(A, axis=1, keepdims=True))  # noqa: E731,B023
            if same(t(X) @ t(Yv).T):
                fail(f"Called {last_call()}; rows shorter than a fixed threshold (about {thr:g}) were treated as zero "
                     "rows and left unnormalized. A row is directionless only when its length is exactly 0: use "
                     "np.where(length == 0, 1, length).")
    expect_close(S, expected, rtol=1e-7, atol=1e-9, because="S[i, j] is the cosine of row i of X and row j of Y")
    return S


def test_two_by_two(submission):
    """[[1, 0], [1, 1]] with itself gives [[1, 0.7071], [0.7071, 1]]"""
    _check(submission, [[1.0, 0.0], [1.0, 1.0]])


def test_lengths_do_not_matter(submission):
    """rows of very different lengths pointing the same way have cosine 1 (no forgotten normalization)"""
    X = np.array([[1.0, 2.0, 2.0], [10.0, 20.0, 20.0], [0.0, 3.0, -4.0]])
    S = _check(submission, X)
    if not np.allclose(np.diag(S), 1):
        fail(f"Called {last_call()}; the diagonal is {show(np.diag(S))}; every row has cosine 1 with itself.")


def test_x_and_y(submission):
    """X of 3 rows against Y of 4 rows gives the (3, 4) matrix of scikit-learn"""
    rng = np.random.default_rng(0)
    _check(submission, rng.standard_normal((3, 5)) * [1, 10, 100, 1, 1], rng.standard_normal((4, 5)) * 5)


def test_iris(submission):
    """on the 150 Iris flowers (4 measurements each), matches scikit-learn's cosine_similarity"""
    X = load_iris().data
    _check(submission, X)
    _check(submission, X[:10], X[100:])


def test_tiny_and_huge_rows(submission):
    """rows of length about 1e-9 and 1e9 are normalized like any other (no fixed threshold on the length)"""
    X = np.array([[3e-9, 4e-9], [1e-9, 0.0], [3e9, -4e9]])
    S = _check(submission, X)
    if not np.allclose(np.diag(S), 1):
        fail(f"Called {last_call()}; the diagonal is {show(np.diag(S))}; expected 1 for every row: a row of length "
             "5e-9 is short, not zero. Treat a row as zero only when its length is exactly 0.")


def test_parallel_rows_stay_in_range(submission):
    """every entry lies in [-1, 1], also for parallel and opposite rows, where rounding gives ±1.0000000000000002"""
    rng = np.random.default_rng(0)
    base = [np.array([0.1, -0.5, 0.4])] + [np.round(rng.standard_normal(3), 1) for _ in range(40)]
    X = np.vstack([np.vstack([u, 3 * u, -7 * u]) for u in base if np.any(u)])  # (123, 3)
    S = _check(submission, X)
    if S.max() > 1.0 or S.min() < -1.0:
        worst = S.max() if S.max() - 1.0 >= -1.0 - S.min() else S.min()
        fail(f"Called {last_call()} on 123 rows made of parallel and opposite pairs; an entry is {worst!r}, outside "
             "[-1, 1]. A cosine cannot leave [-1, 1], but rounding in the unit rows pushes some products just past "
             "±1; clip the result: np.clip(S, -1.0, 1.0).")


def test_zero_row(submission):
    """a zero row gets similarity 0 with everything, as in scikit-learn (no NaN)"""
    _check(submission, [[1.0, 2.0], [0.0, 0.0], [3.0, -1.0]], [[0.0, 0.0], [2.0, 1.0]])


def test_from_scratch(submission):
    """builds the cosines with NumPy: still works with scikit-learn's, PyTorch's and la4ml's cosine functions blocked"""
    library = ("sklearn.metrics.pairwise.cosine_similarity", "sklearn.metrics.pairwise.cosine_distances",
               "sklearn.metrics.pairwise_distances", "torch.nn.functional.cosine_similarity",
               "la4ml.vectors.cosine_similarity", "scipy.spatial.distance.cdist", "scipy.spatial.distance.cosine",
               "scipy.spatial.distance.pdist")
    X = np.array([[1.0, 0.0], [1.0, 1.0]])
    with blocked(*library, reason="the cosines must be built with NumPy"):
        try:
            got = call(function(submission, "cosine_similarity_matrix"), X)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nWrite the cosines yourself with NumPy (normalize the rows, then one matrix product); "
                     "use scikit-learn afterwards, to compare.")
            raise
    expect_close(got, [[1.0, np.sqrt(0.5)], [np.sqrt(0.5), 1.0]])


@settings(max_examples=25, deadline=None)
@given(nx=st.integers(1, 6), ny=st.integers(1, 6), d=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_property_matches_sklearn(submission, nx, ny, d, seed):
    """on random X and Y (rows of very different lengths), matches scikit-learn and stays in [-1, 1]"""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((nx, d)) * rng.uniform(0.01, 100, size=(nx, 1))
    Y = rng.standard_normal((ny, d)) * rng.uniform(0.01, 100, size=(ny, 1))
    S = _check(submission, X, Y)
    if np.abs(S).max() > 1 + 1e-12:
        fail(f"Called {last_call()}; an entry is {np.abs(S).max()!r}, outside [-1, 1].")
