"""Hidden tests of exercise 18.5 — njw_embedding(W, n_clusters) and spectral_labels(X, n_clusters, ...)."""

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import kneighbors_graph

from la4ml.course.grading import call, expect, fail, function, last_call, show
from la4ml.course.testdata import make_blobs, make_circles, make_moons


def _knn_W(X, n_neighbors=10, include_self=False):
    C = kneighbors_graph(X, n_neighbors, include_self=include_self).toarray()
    W = (C + C.T) / 2
    if include_self:
        np.fill_diagonal(W, 0.0)
    return W


def _bottom(L, k, top=False):
    _, V = np.linalg.eigh(L)
    return V[:, -k:] if top else V[:, :k]


def _lsym(W):
    s = np.sqrt(W.sum(axis=1))
    return np.eye(len(W)) - W / np.outer(s, s)


def _rows(U):
    return U / np.linalg.norm(U, axis=1, keepdims=True)


def _ref_embedding(W, k):
    return _rows(_bottom(_lsym(W), k))


def _ref_labels(X, k, n_neighbors=10, random_state=0, rows=True):
    U = _bottom(_lsym(_knn_W(X, n_neighbors)), k)
    return KMeans(k, n_init=10, random_state=random_state).fit_predict(_rows(U) if rows else U)


X_SMALL, _ = make_moons(60, noise=0.08, random_state=4)
W_SMALL = _knn_W(X_SMALL, 6)


def _embed(submission, W, k):
    f = function(submission, "njw_embedding")
    got = call(f, np.array(W, dtype=float), k)
    try:
        T = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape ({len(W)}, {k}).")
    if T.shape != (len(W), k):
        hint = (" Keep the eigenvectors as COLUMNS: V[:, :n_clusters], one row per node." if T.shape == (k, len(W))
                else " Keep exactly n_clusters eigenvectors, the first n_clusters columns of V.")
        fail(f"Called {last_call()}; the result has shape {T.shape}; expected ({len(W)}, {k}).{hint}")
    return T


def _check_embedding(submission, W, k):
    """Compare T Tᵀ (which does not depend on the signs or the basis eigh picks) with the reference."""
    T = _embed(submission, W, k)
    want = _ref_embedding(W, k)
    norms = np.linalg.norm(T, axis=1)
    U = _bottom(_lsym(W), k)
    same = lambda G: np.allclose(G @ G.T, T @ T.T, rtol=0, atol=1e-8)  # noqa: E731
    if not np.allclose(norms, 1.0, atol=1e-9):
        if same(U):
            fail(f"Called {last_call()}; the rows of the result have norms {show(norms)}; you returned the eigenvectors "
                 "U unchanged (dividing by np.linalg.norm(U, axis=0) normalizes the COLUMNS, which eigh already returns "
                 "with norm 1). Ng–Jordan–Weiss scale each ROW of U to unit length (U / np.linalg.norm(U, axis=1, "
                 "keepdims=True)) before k-means: running k-means on the unnormalized rows is a different algorithm, "
                 "which lets low-degree points (small rows) pile up near the origin.")
        fail(f"Called {last_call()}; the rows of the result have norms {show(norms)}; expected every row to have norm 1 "
             "(normalize along axis=1, each row, not each column).")
    if same(want):
        return T
    if same(_rows(_bottom(np.diag(W.sum(axis=1)) - W, k))):
        fail(f"Called {last_call()}; you used the eigenvectors of the UNNORMALIZED Laplacian D - W; NJW use the "
             "normalized I - D^(-1/2) W D^(-1/2), entry (i, j) of W divided by sqrt(d_i d_j).")
    if same(_rows(_bottom(_lsym(W), k, top=True))):
        fail(f"Called {last_call()}; you kept the eigenvectors of the LARGEST eigenvalues (the last columns of eigh); "
             "spectral clustering needs the SMALLEST ones, V[:, :n_clusters]: they vary least across the graph's edges.")
    if same(_rows(_bottom(_lsym(W), k + 1)[:, 1:])):
        fail(f"Called {last_call()}; you dropped the first eigenvector and kept columns 1..n_clusters; NJW keep the "
             "first n_clusters, V[:, :n_clusters], the first one included (after row normalization it carries "
             "information).")
    fail(f"Called {last_call()}; the rows of the result do not span the same directions as the expected "
         f"{show(want)} (compared through T @ T.T, which does not depend on the eigenvectors' signs).")


def test_embedding_two_components(submission):
    """W with two separate groups: rows are equal within a group and orthogonal across groups"""
    W = np.zeros((6, 6))
    for i, j in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5)]:
        W[i, j] = W[j, i] = 1.0
    T = _check_embedding(submission, W, 2)
    expect(bool(np.allclose(T[:3], T[0]) and np.allclose(T[3:], T[3]) and abs(T[0] @ T[3]) < 1e-10),
           got=T, expected="equal rows within {0,1,2} and within {3,4,5}, orthogonal between",
           because="the two bottom eigenvectors are combinations of the groups' indicators (scaled by sqrt(d))")


@pytest.mark.parametrize("k", [2, 3])
def test_embedding_knn_graph(submission, k):
    """a 6-nearest-neighbour graph of 60 noisy moon points, 2 and 3 eigenvectors"""
    _check_embedding(submission, W_SMALL, k)


def test_embedding_weighted(submission):
    """a weighted RBF affinity of 40 blob points (zero diagonal)"""
    X, _ = make_blobs(40, centers=3, random_state=5)
    D2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    W = np.exp(-0.5 * D2)
    np.fill_diagonal(W, 0.0)
    _check_embedding(submission, W, 3)


def _labels(submission, X, k, **kwargs):
    f = function(submission, "spectral_labels")
    got = call(f, X, k, **kwargs)
    try:
        labels = np.asarray(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of {len(X)} integer labels.")
    if labels.shape != (len(X),):
        fail(f"Called {last_call()}; the labels have shape {labels.shape}; expected ({len(X)},), one per point.")
    if labels.dtype.kind not in "iu" or not set(np.unique(labels)) <= set(range(k)):
        fail(f"Called {last_call()}; the labels {show(labels)} are not integers in 0..{k - 1}; return "
             "KMeans(...).fit_predict(T) as it is.")
    return labels


def _fail_with_diagnosis(X, y, k, labels, ref, ari):
    """Name the variant the learner's labels match: another n_neighbors, raw rows, include_self=True."""
    variants = {f"n_neighbors={nn}: use the default n_neighbors=10": _ref_labels(X, k, n_neighbors=nn)
                for nn in (5, 8, 9, 11, 12, 15)}
    variants["k-means on the UNNORMALIZED eigenvector rows: normalize each row of U first"] = _ref_labels(X, k, rows=False)
    C = kneighbors_graph(X, 10, include_self=True).toarray()
    variants["a graph built with include_self=True: the task asks include_self=False"] = KMeans(
        k, n_init=10, random_state=0).fit_predict(_rows(_bottom(_lsym((C + C.T) / 2), k)))
    scores = {why: adjusted_rand_score(v, labels) for why, v in variants.items()}
    best = max(scores.values())
    diag = [f"they match {why}" for why, sc in scores.items() if sc == best and sc > ari and sc >= 0.98]
    truth = f" (the reference scores ARI {adjusted_rand_score(y, ref):.4f} against the truth)" if y is not None else ""
    fail(f"Called {last_call()}; the labels agree with the reference's only up to ARI {ari:.4f}{truth}; expected >= {0.99 if k == 3 else 0.98}"
         + (": " + "; ".join(diag) if diag else ": check the graph (kneighbors_graph, include_self=False, (C + C.T)/2), "
            "the embedding, and KMeans(n_clusters, n_init=10, random_state=random_state)") + ".")


@pytest.mark.parametrize("name", ["moons", "circles"])
def test_moons_and_circles_exact(submission, name):
    """on make_moons / make_circles (300 points, noise 0.05, random_state=0) every point is clustered right (ARI 1)"""
    X, y = (make_moons(300, noise=0.05, random_state=0) if name == "moons"
            else make_circles(300, factor=0.5, noise=0.05, random_state=0))
    labels = _labels(submission, X, 2)
    ari = adjusted_rand_score(y, labels)
    expect(ari == 1.0, got=f"ARI {ari:.4f}", expected="ARI 1.0",
           because=f"each {name[:-1]} is a connected chain of 10-nearest neighbours; k-means on the raw points "
                   f"scores {adjusted_rand_score(y, KMeans(2, n_init=10, random_state=0).fit_predict(X)):.3f} here")


def test_three_blobs(submission):
    """three blobs, n_clusters=3: the labels of the reference (ARI >= 0.99 between them)"""
    X, y = make_blobs(300, centers=3, random_state=2)
    labels = _labels(submission, X, 3)
    ref = _ref_labels(X, 3)
    ari = adjusted_rand_score(ref, labels)
    if ari < 0.99:
        _fail_with_diagnosis(X, y, 3, labels, ref, ari)


def test_noisy_moons_defaults(submission):
    """noisier moons (noise 0.1) with the defaults n_neighbors=10, random_state=0: the reference's labels"""
    X, y = make_moons(300, noise=0.1, random_state=0)
    labels = _labels(submission, X, 2)
    ref = _ref_labels(X, 2)
    ari = adjusted_rand_score(ref, labels)
    if ari >= 0.98:
        return
    _fail_with_diagnosis(X, y, 2, labels, ref, ari)
