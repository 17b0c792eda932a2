"""johnson_lindenstrauss_min_dim: equal to scikit-learn's, natural log, errors that name the parameter."""

import numpy as np
import pytest
from sklearn.random_projection import johnson_lindenstrauss_min_dim as sk_min_dim

from la4ml.errors import DTypeError, OutOfRangeError
from la4ml.sketching import johnson_lindenstrauss_min_dim


@pytest.mark.parametrize("n_samples", [1, 2, 10, 1797, 1e4, 1e6, 10**9])
@pytest.mark.parametrize("eps", [1e-3, 0.1, 0.3, 0.5, 0.9, 0.999])
def test_equals_sklearn(n_samples, eps):
    """Same integer as scikit-learn for scalars across six orders of magnitude of n and eps near both ends."""
    got = johnson_lindenstrauss_min_dim(n_samples, eps=eps)
    want = sk_min_dim(n_samples, eps=eps)
    assert got == want and type(got) is type(want)


def test_arrays_broadcast_like_sklearn():
    """Array arguments broadcast elementwise, as scikit-learn's docstring examples show."""
    for n, e in [([1e4, 1e5, 1e6], 0.1), (1e6, [0.5, 0.1, 0.01]), ([[10], [1000]], [0.2, 0.4])]:
        got, want = johnson_lindenstrauss_min_dim(n, eps=e), sk_min_dim(n, eps=e)
        np.testing.assert_array_equal(got, want)
        assert got.dtype == np.int64 and got.shape == np.shape(want)


def test_formula_by_hand():
    """1797 points at eps = 0.5: floor(4 ln 1797 / (1/8 − 1/24)) = floor(48 ln 1797) = 359 (natural log, not log10)."""
    assert johnson_lindenstrauss_min_dim(1797, eps=0.5) == int(np.floor(48 * np.log(1797))) == 359
    assert int(np.floor(48 * np.log10(1797))) == 156        # what the log10 mistake would give
    assert johnson_lindenstrauss_min_dim(1, eps=0.5) == 0    # one point: nothing to preserve


def test_default_eps_is_0_1():
    """eps defaults to 0.1."""
    assert johnson_lindenstrauss_min_dim(1000) == sk_min_dim(1000, eps=0.1) == johnson_lindenstrauss_min_dim(1000, 0.1)


@pytest.mark.parametrize("eps", [0, 1, -0.1, 1.5, [0.1, 1.0]])
def test_bad_eps(eps):
    """eps outside (0, 1) is refused, naming eps."""
    with pytest.raises(OutOfRangeError, match="eps must lie strictly between 0 and 1"):
        johnson_lindenstrauss_min_dim(100, eps=eps)


@pytest.mark.parametrize("n", [0, -5, 0.5, [10, 0]])
def test_bad_n_samples(n):
    """n_samples below 1 is refused, naming n_samples."""
    with pytest.raises(OutOfRangeError, match="n_samples must be at least 1"):
        johnson_lindenstrauss_min_dim(n, eps=0.1)


@pytest.mark.parametrize("bad", ["100", True, None, 1 + 2j, np.nan])
def test_bad_types(bad):
    """Non-numbers, booleans, complex and NaN are refused with the parameter named (a ValueError or TypeError)."""
    with pytest.raises((DTypeError, OutOfRangeError), match="n_samples"):
        johnson_lindenstrauss_min_dim(bad, eps=0.1)


# ---- fuzz findings (issue #9) ----
@pytest.mark.parametrize("eps", [1e-320, 1e-200, 1e-10])
def test_eps_too_small_for_an_int64_answer(eps):
    """eps = 1e-320 used to divide by zero (and 1e-10 to overflow int64): OutOfRangeError naming eps and its range."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(OutOfRangeError, match=r"eps = .* is too small.*eps must lie in \["):
            johnson_lindenstrauss_min_dim(100, eps=eps)


def test_one_sample_needs_no_components_for_any_eps():
    assert johnson_lindenstrauss_min_dim(1, eps=1e-320) == 0
