"""la4ml.graphs against SciPy, NetworkX and scikit-learn: Laplacians, components, Fiedler vector, clustering."""

import networkx as nx
import numpy as np
import pytest
import scipy.sparse
import scipy.sparse.csgraph as csgraph
from hypothesis import example, given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.cluster import SpectralClustering as SkSpectralClustering
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.metrics import adjusted_rand_score

from la4ml.errors import DTypeError, InvalidParameterError, NotSquareError, NotSymmetricError, OutOfRangeError
from la4ml.graphs import SpectralClustering, connected_components_from_spectrum, fiedler_vector, laplacian
from la4ml.graphs._spectral import _kmeans, _knn_affinity, _rbf_affinity, _spectral_embedding


def _random_graph(n, p, seed, *, directed=False, weighted=True, scale=1.0, loops=False):
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < p) * (rng.uniform(0.5, 2.0, (n, n)) if weighted else 1.0)
    if not directed:
        A = np.triu(A, 1)
        A = A + A.T
    if loops:
        A[np.diag_indices(n)] = rng.uniform(0, 3, n)
    else:
        np.fill_diagonal(A, 0)
    return A * scale


ZOO = {
    "karate": nx.to_numpy_array(nx.karate_club_graph()),
    "path5": nx.to_numpy_array(nx.path_graph(5)),
    "two-triangles+isolated": np.block([[np.ones((3, 3)) - np.eye(3), np.zeros((3, 4))],
                                        [np.zeros((3, 3)), np.ones((3, 3)) - np.eye(3), np.zeros((3, 1))],
                                        [np.zeros((1, 7))]]),
    "weighted": _random_graph(12, 0.4, 1),
    "directed": _random_graph(10, 0.3, 2, directed=True),
    "self-loops": _random_graph(9, 0.5, 3, loops=True),
    "scale-1e-6": _random_graph(8, 0.5, 4, scale=1e-6),
    "scale-1e6": _random_graph(8, 0.5, 4, scale=1e6),
    "all-isolated": np.zeros((4, 4)),
    "1x1": np.zeros((1, 1)),
}


@pytest.mark.parametrize("name", list(ZOO))
@pytest.mark.parametrize("normed", [False, True])
@pytest.mark.parametrize("out", [False, True])
def test_laplacian_equals_scipy_dense_and_sparse(name, normed, out):
    """laplacian(A) equals scipy.sparse.csgraph.laplacian for dense and sparse A, every degree convention."""
    A = ZOO[name]
    expected = csgraph.laplacian(A, normed=normed, use_out_degree=out)
    L = laplacian(A, normed=normed, use_out_degree=out)
    assert isinstance(L, np.ndarray) and L.dtype == np.float64
    tol = 2 * len(A) * np.finfo(float).eps * np.abs(expected).max(initial=0)  # degrees: sums of n terms
    np.testing.assert_allclose(L, expected, rtol=0, atol=tol)
    Ls = laplacian(scipy.sparse.csr_array(A), normed=normed, use_out_degree=out)
    assert scipy.sparse.issparse(Ls)
    np.testing.assert_allclose(Ls.toarray(), expected, rtol=0, atol=tol)


def test_laplacian_defaults_and_float32():
    """Default is unnormalized with in-degree (column sums); float32 stays float32; integers become float64."""
    A = ZOO["directed"]
    np.testing.assert_array_equal(np.diag(laplacian(A)), A.sum(axis=0))
    assert not np.allclose(A.sum(axis=0), A.sum(axis=1))  # the test can tell the conventions apart
    assert laplacian(A.astype(np.float32)).dtype == np.float32
    assert laplacian(ZOO["path5"].astype(int)).dtype == np.float64


def test_normalized_isolated_node_has_zero_diagonal():
    """An isolated node's row of the normalized Laplacian is zero (diagonal 0), as in SciPy."""
    L = laplacian(ZOO["two-triangles+isolated"], normed=True)
    np.testing.assert_array_equal(L[6], np.zeros(7))
    np.testing.assert_array_equal(np.diag(L)[:6], np.ones(6))


def test_laplacian_does_not_modify_input():
    """The adjacency passed in (diagonal included) is left untouched."""
    A = ZOO["self-loops"].copy()
    before = A.copy()
    laplacian(A, normed=True)
    laplacian(scipy.sparse.coo_array(A), normed=True)
    np.testing.assert_array_equal(A, before)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(arrays(np.float64, st.tuples(st.integers(1, 8), st.just(0)).map(lambda t: (t[0], t[0])),
              elements=st.floats(0, 10)))
@example(np.zeros((3, 3)))
def test_laplacian_psd_and_rows_sum_to_zero(A):
    """For a symmetric A, L is positive semidefinite (λ_min >= -n·eps·‖L‖) and L·1 = 0."""
    A = A + A.T
    L = laplacian(A)
    lam = np.linalg.eigvalsh(L)
    scale = max(np.abs(lam).max(), np.abs(A).max(), 1e-300)
    n = len(A)
    assert lam.min() >= -4 * n * np.finfo(float).eps * scale
    np.testing.assert_allclose(L @ np.ones(n), 0, atol=4 * n * np.finfo(float).eps * scale)


def test_laplacian_errors():
    """Bad adjacency gets errors naming A and the fix."""
    with pytest.raises(NotSquareError, match="A must be square"):
        laplacian(np.ones((2, 3)))
    with pytest.raises(NotSquareError, match="square"):
        laplacian(scipy.sparse.csr_array(np.ones((2, 3))))
    with pytest.raises(OutOfRangeError, match="nonnegative"):
        laplacian(np.array([[0, -1.0], [-1.0, 0]]))
    with pytest.raises(OutOfRangeError, match="nonnegative"):
        laplacian(scipy.sparse.csr_array(np.array([[0, -1.0], [-1.0, 0]])))
    with pytest.raises(ValueError, match="finite"):
        laplacian(np.array([[0, np.nan], [np.nan, 0]]))
    with pytest.raises(DTypeError, match="normed"):
        laplacian(np.eye(2), normed="yes")


def _block_graph(sizes, seed, scale=1.0):
    """A graph made of len(sizes) connected random blocks (each a path plus random chords)."""
    rng = np.random.default_rng(seed)
    n = sum(sizes)
    A = np.zeros((n, n))
    start = 0
    for s in sizes:
        idx = np.arange(start, start + s)
        for i in range(s - 1):
            A[idx[i], idx[i + 1]] = A[idx[i + 1], idx[i]] = rng.uniform(0.5, 2)
        for _ in range(s):
            i, j = rng.choice(idx, 2)
            if i != j:
                A[i, j] = A[j, i] = rng.uniform(0.5, 2)
        start += s
    return A * scale


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
@pytest.mark.parametrize("normed", [False, True])
@pytest.mark.parametrize("sizes", [(1,), (5,), (3, 4), (1, 1, 6), (10, 20, 30, 1), (50, 50)])
def test_components_match_scipy(sizes, normed, scale):
    """The number of zero eigenvalues equals csgraph.connected_components, at every weight scale."""
    A = _block_graph(sizes, len(sizes), scale)
    k = connected_components_from_spectrum(laplacian(A, normed=normed))
    assert isinstance(k, int)
    assert k == csgraph.connected_components(A)[0] == len(sizes)


def test_components_exact_zero_test_would_undercount():
    """The default tolerance matters: on the karate club's 2 copies, λ == 0 finds fewer than 2 zeros."""
    K = ZOO["karate"]
    A = np.block([[K, np.zeros_like(K)], [np.zeros_like(K), K]])
    L = laplacian(A, normed=True)
    lam = np.linalg.eigvalsh(L)
    assert np.count_nonzero(lam == 0) < 2  # why an exact-zero test is wrong
    assert connected_components_from_spectrum(L) == 2
    assert connected_components_from_spectrum(scipy.sparse.csr_array(L)) == 2


def test_components_tol_and_errors():
    """An explicit tol is used as given; empty L has 0 components; a nonsymmetric L is refused."""
    L = laplacian(_block_graph((4, 4), 0))
    lam = np.linalg.eigvalsh(L)
    assert connected_components_from_spectrum(L, tol=lam[2]) == 3  # <= tol, inclusive
    assert connected_components_from_spectrum(L, tol=0.0) <= 2
    assert connected_components_from_spectrum(np.zeros((0, 0))) == 0
    assert connected_components_from_spectrum(np.zeros((3, 3))) == 3
    with pytest.raises(NotSymmetricError, match="symmetric"):
        connected_components_from_spectrum(laplacian(ZOO["directed"]))
    with pytest.raises(OutOfRangeError, match="tol"):
        connected_components_from_spectrum(L, tol=-1.0)


@pytest.mark.parametrize("G", [nx.karate_club_graph(), nx.path_graph(7), nx.les_miserables_graph(),
                               nx.barbell_graph(5, 2)], ids=["karate", "path7", "lesmis", "barbell"])
@pytest.mark.parametrize("normed", [False, True])
def test_fiedler_matches_networkx(G, normed):
    """fiedler_vector equals networkx.fiedler_vector up to sign, is unit norm, and its largest entry is positive."""
    A = nx.to_numpy_array(G, nodelist=list(G))  # networkx orders its vector as list(G)
    v = fiedler_vector(A, normed=normed)
    ref = nx.fiedler_vector(G, normalized=normed, method="lanczos", tol=1e-12, seed=0)
    assert v.shape == (len(A),)
    assert abs(np.linalg.norm(v) - 1) < 1e-12
    assert abs(abs(v @ ref) / np.linalg.norm(ref) - 1) < 1e-8
    assert v[np.argmax(np.abs(v))] > 0
    L = laplacian(A, normed=normed)
    lam = np.linalg.eigvalsh(L)
    np.testing.assert_allclose(v @ L @ v, lam[1], rtol=1e-10)
    np.testing.assert_allclose(v.sum() if not normed else 0.0, 0.0, atol=1e-10)


def test_fiedler_sign_and_errors():
    """The sign rule picks one vector; a disconnected graph and a 1-node graph are refused."""
    A = ZOO["path5"]
    np.testing.assert_allclose(fiedler_vector(A), fiedler_vector(scipy.sparse.csr_array(A)))
    with pytest.raises(InvalidParameterError, match="not connected"):
        fiedler_vector(ZOO["two-triangles+isolated"])
    with pytest.raises(InvalidParameterError, match="at least 2"):
        fiedler_vector(np.zeros((1, 1)))
    with pytest.raises(NotSymmetricError):
        fiedler_vector(ZOO["directed"] + 0.1)


def test_affinities_match_sklearn():
    """The rbf and nearest-neighbour affinities equal scikit-learn's on the same data."""
    from sklearn.metrics.pairwise import rbf_kernel
    from sklearn.neighbors import kneighbors_graph
    X, _ = make_moons(60, noise=0.05, random_state=0)
    np.testing.assert_allclose(_rbf_affinity(X, 3.0), rbf_kernel(X, gamma=3.0), rtol=1e-12)
    C = kneighbors_graph(X, 7, include_self=True).toarray()
    np.testing.assert_array_equal(_knn_affinity(X, 7), 0.5 * (C + C.T))


def test_embedding_matches_sklearn():
    """The spectral embedding equals scikit-learn's spectral_embedding(drop_first=False) up to sign."""
    from sklearn.manifold import spectral_embedding
    X, _ = make_circles(80, factor=0.5, noise=0.05, random_state=1)
    W = _knn_affinity(X, 10)
    E = _spectral_embedding(W, 3)
    ref = spectral_embedding(W, n_components=3, drop_first=False, random_state=0)
    for j in range(1, 3):  # the first is constant·D^{-1/2}·1 up to scale
        c = abs(E[:, j] @ ref[:, j]) / np.linalg.norm(E[:, j]) / np.linalg.norm(ref[:, j])
        assert c > 1 - 1e-8


DATASETS = {
    "moons-knn": (lambda: make_moons(300, noise=0.05, random_state=0), dict(affinity="nearest_neighbors")),
    "circles-knn": (lambda: make_circles(300, factor=0.5, noise=0.05, random_state=0),
                    dict(affinity="nearest_neighbors")),
    "circles-rbf": (lambda: make_circles(300, factor=0.3, noise=0.03, random_state=1), dict(gamma=30.0)),
    "blobs3-rbf": (lambda: make_blobs(300, centers=3, random_state=2), dict(n_clusters=3, gamma=0.1)),
}


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.filterwarnings("ignore:Graph is not fully connected")
def test_spectral_clustering_matches_sklearn(name):
    """On moons, circles and blobs the adjusted Rand index equals scikit-learn's with the same affinity."""
    make, params = DATASETS[name]
    X, y = make()
    params = {"n_clusters": 2, **params}
    ours = SpectralClustering(**params, random_state=0).fit(X)
    theirs = SkSpectralClustering(**params, random_state=0).fit(X)
    assert adjusted_rand_score(ours.labels_, theirs.labels_) == 1.0
    assert adjusted_rand_score(y, ours.labels_) == adjusted_rand_score(y, theirs.labels_)
    assert ours.labels_.shape == (len(X),) and set(ours.labels_) == set(range(params["n_clusters"]))


def test_karate_club_factions():
    """On the karate club (precomputed affinity) the two clusters agree with the 'club' factions on >= 32 of 34."""
    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, nodelist=range(34), weight=None)
    truth = np.array([G.nodes[i]["club"] == "Officer" for i in range(34)], dtype=int)
    labels = SpectralClustering(2, affinity="precomputed", random_state=0).fit_predict(A)
    agree = max(np.sum(labels == truth), np.sum(labels != truth))
    sk = SkSpectralClustering(2, affinity="precomputed", random_state=0).fit_predict(A)
    assert adjusted_rand_score(labels, sk) == 1.0
    assert agree >= 32


def test_kmeans_finds_separated_clusters_and_is_seeded():
    """The private k-means recovers well-separated blobs, and a seed makes it reproducible."""
    X, y = make_blobs(200, centers=4, cluster_std=0.3, random_state=0)
    labels, inertia = _kmeans(X, 4, np.random.default_rng(0))
    assert adjusted_rand_score(y, labels) == 1.0
    labels2, inertia2 = _kmeans(X, 4, np.random.default_rng(0))
    np.testing.assert_array_equal(labels, labels2)
    labels3, _ = _kmeans(np.zeros((5, 2)), 3, np.random.default_rng(0))  # fewer distinct points than k
    assert labels3.shape == (5,)


def test_spectral_clustering_parameter_errors():
    """Bad parameters get errors naming the parameter and the fix."""
    X, _ = make_moons(30, random_state=0)
    with pytest.raises(InvalidParameterError, match="affinity"):
        SpectralClustering(2, affinity="cosine").fit(X)
    with pytest.raises(ValueError, match="n_clusters"):
        SpectralClustering(0).fit(X)
    with pytest.raises(ValueError, match="gamma"):
        SpectralClustering(2, gamma=0.0).fit(X)
    with pytest.raises(OutOfRangeError, match="n_neighbors"):
        SpectralClustering(2, affinity="nearest_neighbors", n_neighbors=31).fit(X)
    with pytest.raises(InvalidParameterError, match="square"):
        SpectralClustering(2, affinity="precomputed").fit(X)
    with pytest.raises(InvalidParameterError, match="symmetric"):
        SpectralClustering(2, affinity="precomputed").fit(ZOO["directed"])
    with pytest.raises(ValueError, match="n_samples=3"):
        SpectralClustering(4).fit(X[:3])


# ---- fuzz findings (issue #9): weights near the largest float ----
import contextlib  # noqa: E402
import warnings  # noqa: E402

_TRI = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])


@pytest.mark.parametrize("sparse", [False, True])
def test_laplacian_degree_overflow_is_a_la4ml_error_naming_A(sparse):
    """D - A with degrees beyond 1.8e308 cannot be represented: NumericOverflowError naming A, max|A| and the fix."""
    from la4ml.errors import NumericOverflowError

    A = _TRI * 1e308
    with pytest.raises(NumericOverflowError, match=r"max\|A\| = 1e\+308.*node 0.*divide A by a common scale"):
        laplacian(scipy.sparse.csr_array(A) if sparse else A)


@pytest.mark.parametrize("sparse", [False, True])
def test_normalized_laplacian_does_not_depend_on_scale_even_near_overflow(sparse):
    """The normalized Laplacian is computed in units of max|A| when the degrees would overflow: no error, no warning."""
    A = _TRI * np.array([[1.0, 1.0, 0.5], [1.0, 1.0, 1.0], [0.5, 1.0, 1.0]]) * 1e308
    with warnings_as_errors():
        L = laplacian(scipy.sparse.csr_array(A) if sparse else A, normed=True)
    L = L.toarray() if sparse else L
    np.testing.assert_allclose(L, laplacian(A / 1e308, normed=True), rtol=1e-15, atol=1e-16)


def test_spectrum_and_fiedler_near_the_largest_float():
    """Component counts and the Fiedler vector do not change with the scale of the graph, up to 1.7e308."""
    A = np.array([[0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.5, 0.0], [0.0, 0.5, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    with warnings_as_errors():
        assert connected_components_from_spectrum(laplacian(A) * (1.7e308 / 1.5)) == 2
        assert connected_components_from_spectrum(-laplacian(A) * (1.7e308 / 1.5), tol=1e300) == 4  # tol in L's units
        v = fiedler_vector(A[:3, :3] * 1.7e308)
    np.testing.assert_allclose(v, fiedler_vector(A[:3, :3]), atol=1e-15)


@contextlib.contextmanager
def warnings_as_errors():
    """RuntimeWarnings (overflow, invalid) become errors inside the block."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield
