"""randomized_range_finder: equal to scikit-learn's, exact on low rank, shared with la4ml.svd."""

import numpy as np
import pytest
import scipy.sparse
from sklearn.utils.extmath import randomized_range_finder as sk_rrf

from la4ml.errors import InvalidParameterError, OutOfRangeError
from la4ml.sketching import randomized_range_finder


@pytest.mark.parametrize("n_iter,norm", [(0, "auto"), (2, "auto"), (4, "auto"), (3, "QR"), (3, "LU"), (3, "none")])
@pytest.mark.parametrize("shape", [(80, 30), (30, 80)])
def test_equals_sklearn(n_iter, norm, shape):
    """Same Q as scikit-learn for the same int random_state, every normalizer, tall and wide A."""
    A = np.random.default_rng(0).standard_normal(shape)
    Q = randomized_range_finder(A, 10, n_iter, power_iteration_normalizer=norm, random_state=1)
    W = sk_rrf(A, size=10, n_iter=n_iter, power_iteration_normalizer=norm, random_state=1)
    assert Q.shape == (shape[0], 10)
    np.testing.assert_allclose(Q, W, atol=1e-10 * np.sqrt(shape[0]))


def test_low_rank_exact_and_orthonormal():
    """Rank 5 with size 5: QQᵀA = A and QᵀQ = I to rounding; float32 and sparse A are accepted."""
    rng = np.random.default_rng(1)
    A = rng.standard_normal((60, 5)) @ rng.standard_normal((5, 40)) * 1e6
    Q = randomized_range_finder(A, 5, 1, random_state=0)
    np.testing.assert_allclose(Q.T @ Q, np.eye(5), atol=1e-12)
    assert np.linalg.norm(A - Q @ (Q.T @ A)) <= 1e-10 * np.linalg.norm(A)
    assert randomized_range_finder(A.astype(np.float32), 5, 1, random_state=0).dtype == np.float32
    S = scipy.sparse.random(50, 40, density=0.1, format="csr", random_state=0)
    np.testing.assert_allclose(randomized_range_finder(S, 4, 2, random_state=0),
                               sk_rrf(S, size=4, n_iter=2, random_state=0), atol=1e-10)


def test_power_iterations_help():
    """On a slowly decaying spectrum, 4 power iterations leave a smaller error than none."""
    rng = np.random.default_rng(2)
    U, _ = np.linalg.qr(rng.standard_normal((200, 100)))
    V, _ = np.linalg.qr(rng.standard_normal((100, 100)))
    A = U * (1.0 / np.arange(1, 101) ** 0.5) @ V.T
    err = [np.linalg.norm(A - (Q := randomized_range_finder(A, 10, q, random_state=0)) @ (Q.T @ A), 2)
           for q in (0, 4)]
    assert err[1] < 0.8 * err[0]


def test_errors():
    """size and n_iter out of range, an unknown normalizer: errors naming the parameter."""
    A = np.ones((5, 3))
    with pytest.raises(OutOfRangeError, match="size"):
        randomized_range_finder(A, 6, 0)
    with pytest.raises(OutOfRangeError, match="n_iter"):
        randomized_range_finder(A, 2, -1)
    with pytest.raises(InvalidParameterError, match="power_iteration_normalizer"):
        randomized_range_finder(A, 2, 1, power_iteration_normalizer="qr")


def test_shared_with_randomized_svd():
    """One implementation: la4ml.svd.randomized_svd and this function run the same _range_sketch."""
    import la4ml.sketching._range as r
    import la4ml.svd._randomized as s
    assert r._range_sketch is s._range_sketch and r._gaussian is s._gaussian


# ---- fuzz findings (issue #9) ----
@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("top", [1e308, -1.7e308])
def test_range_finder_near_the_largest_float(sparse, top):
    """A near the largest float: the sketch is redone in units of max|A| (Q does not change with scale), no warning."""
    import warnings

    rng = np.random.default_rng(0)
    A = rng.standard_normal((20, 6)) @ rng.standard_normal((6, 15))
    A /= np.abs(A).max()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        big = A * top
        Q = randomized_range_finder(scipy.sparse.csr_array(big) if sparse else big, 6, 2, random_state=0)
    np.testing.assert_allclose(Q @ (Q.T @ A), A, atol=1e-10)
    np.testing.assert_allclose(Q.T @ Q, np.eye(6), atol=1e-12)
