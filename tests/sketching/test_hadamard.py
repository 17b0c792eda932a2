"""fwht and srht: against scipy.linalg.hadamard, orthogonality, norms, padding, errors."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings, strategies as st

from la4ml.errors import DTypeError, EmptyInputError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.sketching import fwht, srht


@pytest.mark.parametrize("n", [1, 2, 4, 8, 64, 1024])
def test_equals_dense_hadamard(n):
    """Unnormalized fwht(x) equals scipy.linalg.hadamard(n) @ x (exactly for integers, to n·eps·‖x‖ for floats)."""
    rng = np.random.default_rng(n)
    H = scipy.linalg.hadamard(n)
    xi = rng.integers(-5, 6, n)
    np.testing.assert_array_equal(fwht(xi), H @ xi)
    x = rng.standard_normal(n)
    tol = 4 * np.log2(max(n, 2)) * np.finfo(float).eps * np.sqrt(n) * np.linalg.norm(x)
    assert np.max(np.abs(fwht(x) - H @ x)) <= tol


def test_by_hand():
    """H_4 (1, 2, 3, 4) = (10, −2, −4, 0) and H_2 (a, b) = (a + b, a − b)."""
    np.testing.assert_array_equal(fwht([1, 2, 3, 4]), [10.0, -2.0, -4.0, 0.0])
    np.testing.assert_array_equal(fwht([3.0, 1.0]), [4.0, 2.0])
    np.testing.assert_array_equal(fwht([1, 2, 3, 4], normalized=True), [5.0, -1.0, -2.0, 0.0])


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_rows_and_scale(scale):
    """A 2-D input is transformed row by row (X @ H), at scales 1e-6, 1 and 1e6, relative to the scale."""
    X = scale * np.random.default_rng(1).standard_normal((3, 32))
    want = X @ scipy.linalg.hadamard(32)
    np.testing.assert_allclose(fwht(X), want, rtol=0, atol=64 * np.finfo(float).eps * np.abs(X).sum(axis=1).max())
    Xn = fwht(X, normalized=True)
    np.testing.assert_allclose(np.linalg.norm(Xn, axis=1), np.linalg.norm(X, axis=1), rtol=1e-14)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 8), st.integers(0, 2**32 - 1))
@example(0, 0)
def test_normalized_is_orthogonal_involution(m, seed):
    """Normalized fwht keeps norms and undoes itself (H/√n is symmetric and orthogonal)."""
    x = np.random.default_rng(seed).standard_normal(2**m)
    y = fwht(x, normalized=True)
    assert np.isclose(np.linalg.norm(y), np.linalg.norm(x), rtol=1e-13)
    np.testing.assert_allclose(fwht(y, normalized=True), x, rtol=0, atol=1e-13 * (m + 1) * np.linalg.norm(x))


def test_dtype_and_input_untouched():
    """float32 stays float32, integers become float64, and x is never modified."""
    x = np.arange(8, dtype=np.float32)
    x0 = x.copy()
    y = fwht(x)
    assert y.dtype == np.float32 and fwht(np.arange(8)).dtype == np.float64
    np.testing.assert_array_equal(x, x0)
    y[0] = 99
    np.testing.assert_array_equal(x, x0)


@pytest.mark.parametrize("n,nxt", [(3, 4), (6, 8), (1000, 1024)])
def test_not_power_of_two(n, nxt):
    """A length that is not a power of two is refused, and the message names the padding length."""
    with pytest.raises(ShapeError, match=f"power of two.*got {n}.*pad x with zeros up to {nxt}"):
        fwht(np.ones(n))


def test_bad_input():
    """Empty, 3-D, non-finite, complex and non-bool `normalized` are refused with named errors."""
    with pytest.raises(EmptyInputError):
        fwht(np.ones(0))
    with pytest.raises(ShapeError, match="1-D"):
        fwht(np.ones((2, 2, 2)))
    with pytest.raises(NonFiniteError):
        fwht([1.0, np.nan])
    with pytest.raises(DTypeError):
        fwht([1j, 1])
    with pytest.raises(DTypeError, match="normalized"):
        fwht([1.0, 2.0], normalized="yes")


def test_srht_full_sample_keeps_norms_and_distances():
    """With n_components equal to the padded length, srht is orthogonal: norms and distances exactly kept."""
    X = np.random.default_rng(2).standard_normal((6, 100))          # padded to 128
    Y = srht(X, 128, random_state=3)
    np.testing.assert_allclose(np.linalg.norm(Y, axis=1), np.linalg.norm(X, axis=1), rtol=1e-13)
    np.testing.assert_allclose(np.linalg.norm(Y[0] - Y[1]), np.linalg.norm(X[0] - X[1]), rtol=1e-13)


def test_srht_distortion_small_and_unbiased():
    """At k = 256 of 1024, squared distances are kept within 30 % and on average within 3 % (not shrunk by k/n)."""
    X = np.random.default_rng(4).standard_normal((40, 1000))
    Y = srht(X, 256, random_state=5)
    i, j = np.triu_indices(40, 1)
    ratio = ((Y[i] - Y[j]) ** 2).sum(1) / ((X[i] - X[j]) ** 2).sum(1)
    assert np.all(np.abs(ratio - 1) < 0.3) and abs(ratio.mean() - 1) < 0.03
    assert Y.shape == (40, 256)


def test_srht_reproducible_and_linear():
    """The same random_state gives the same map; the map is linear (same signs and sample for every row)."""
    X = np.random.default_rng(6).standard_normal((4, 50))
    np.testing.assert_array_equal(srht(X, 10, random_state=7), srht(X, 10, random_state=7))
    Y = srht(X, 10, random_state=7)
    np.testing.assert_allclose(srht(X[:1] + 2 * X[1:2], 10, random_state=7), Y[:1] + 2 * Y[1:2], atol=1e-13)
    assert srht(X.astype(np.float32), 10, random_state=7).dtype == np.float32


def test_srht_errors():
    """n_components out of range or not an int, sparse or 1-D X: named errors."""
    X = np.ones((2, 5))
    with pytest.raises(OutOfRangeError, match=r"n_components must be in \[1, 8\]"):
        srht(X, 9)
    with pytest.raises(OutOfRangeError):
        srht(X, 0)
    with pytest.raises(DTypeError, match="n_components must be an int"):
        srht(X, 2.0)
    with pytest.raises(ShapeError):
        srht(np.ones(5), 2)
    import scipy.sparse
    with pytest.raises(DTypeError, match="dense"):
        srht(scipy.sparse.eye(4, format="csr"), 2)


# ---- fuzz findings (issue #9): entries near the largest float ----
def test_fwht_overflow_is_a_la4ml_error_naming_x():
    """Unnormalized, H x can exceed 1.8e308 (here 2e308): NumericOverflowError naming x, max|x| and the fix."""
    import warnings

    from la4ml.errors import NumericOverflowError

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(NumericOverflowError, match=r"fwht\(x\) is too large.*max\|x\| = 1e\+308.*normalized=True"):
            fwht(np.array([1.0, 1.0, 0.0, 0.0]) * 1e308)


def test_fwht_normalized_near_the_largest_float_is_computed_in_units_of_max_x():
    """Normalized, the answer (norm-preserving) is representable: computed scaled, no warning, exact for 2**k."""
    import warnings

    x = np.array([1.0, 1.0, 0.5, -0.25])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        y = fwht(x * 2.0**1023, normalized=True)
    np.testing.assert_array_equal(y, fwht(x, normalized=True) * 2.0**1023)


def test_srht_near_the_largest_float():
    """srht of rows near -1.7e308: finite (computed scaled) where representable, NumericOverflowError where not."""
    import warnings

    from la4ml.errors import NumericOverflowError

    X = np.array([[1.0, 0.5], [0.0, 1.0], [-1.0, 0.25]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        Y = srht(X * -1e308, 2, random_state=0)  # all coordinates: the norms are kept
        np.testing.assert_allclose(np.linalg.norm(Y / 1e308, axis=1), np.linalg.norm(X, axis=1), rtol=1e-12)
        with pytest.raises(NumericOverflowError, match=r"srht\(X\).*max\|X\| = 1\.7e\+308"):
            srht(np.array([[1.0, 1.0]]) * 1.7e308, 1, random_state=1)
