"""Tests of la4ml.vectors._random: random_unit_vectors."""

import numpy as np
import pytest
import scipy.stats

from la4ml.errors import DTypeError
from la4ml.vectors import random_unit_vectors


def test_shape_and_unit_length():
    """Shape (n, dim) and every row of length 1."""
    U = random_unit_vectors(50, 7, random_state=0)
    assert U.shape == (50, 7)
    assert np.allclose(np.linalg.norm(U, axis=1), 1.0, rtol=1e-15, atol=1e-15)


def test_reproducible():
    """The same seed gives the same vectors; a different seed different ones; a Generator works."""
    assert np.array_equal(random_unit_vectors(5, 3, 1), random_unit_vectors(5, 3, 1))
    assert not np.array_equal(random_unit_vectors(5, 3, 1), random_unit_vectors(5, 3, 2))
    assert np.array_equal(random_unit_vectors(5, 3, np.random.default_rng(1)), random_unit_vectors(5, 3, 1))


def test_uniform_on_the_circle():
    """In 2-D the angles are uniform on [-pi, pi) (Kolmogorov-Smirnov test, fixed seed)."""
    U = random_unit_vectors(2000, 2, random_state=0)
    angles = np.arctan2(U[:, 1], U[:, 0])
    assert scipy.stats.kstest(angles, scipy.stats.uniform(-np.pi, 2 * np.pi).cdf).pvalue > 0.01


@pytest.mark.parametrize("dim", [10, 100, 1000])
def test_high_dimensional_vectors_are_nearly_orthogonal(dim):
    """Cosines between random unit vectors have mean 0 and standard deviation 1/sqrt(dim)."""
    U = random_unit_vectors(200, dim, random_state=dim)
    cos = (U @ U.T)[np.triu_indices(200, 1)]
    assert abs(cos.mean()) < 3 / np.sqrt(dim) / np.sqrt(cos.size) * 10
    assert np.isclose(cos.std(), 1 / np.sqrt(dim), rtol=0.1)


@pytest.mark.parametrize(("n", "dim", "exc", "name"), [
    (0, 3, ValueError, "n"), (3, 0, ValueError, "dim"), (2.5, 3, DTypeError, "n"), (3, "3", DTypeError, "dim"),
])
def test_bad_sizes(n, dim, exc, name):
    """n and dim must be positive ints; the message names the parameter."""
    with pytest.raises(exc, match=rf"^{name} must be"):
        random_unit_vectors(n, dim)


def test_bad_random_state():
    """A random_state that is not None, an int or a Generator is refused."""
    with pytest.raises(DTypeError, match="random_state"):
        random_unit_vectors(2, 2, random_state="seed")
