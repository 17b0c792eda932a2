"""Sketching: Johnson–Lindenstrauss random projections, the fast Walsh–Hadamard transform, SRHT and range finding.

A random ``k × n`` matrix scaled by ``1/√k`` keeps every pairwise distance of ``n_samples`` points
within a factor ``1 ± ε`` with high probability once ``k ≥ 4 ln(n_samples) / (ε²/2 − ε³/3)``
(:func:`johnson_lindenstrauss_min_dim`). :class:`GaussianRandomProjection` and
:class:`SparseRandomProjection` are such maps with scikit-learn's interface and random draws;
:func:`fwht` applies the Walsh–Hadamard matrix in ``O(n log n)``, :func:`srht` uses it for a
structured projection, and :func:`randomized_range_finder` sketches the range of a matrix.
"""

from la4ml.sketching._hadamard import fwht, srht
from la4ml.sketching._jl import johnson_lindenstrauss_min_dim
from la4ml.sketching._projections import GaussianRandomProjection, SparseRandomProjection
from la4ml.sketching._range import randomized_range_finder

__all__ = [
    "johnson_lindenstrauss_min_dim",
    "GaussianRandomProjection",
    "SparseRandomProjection",
    "fwht",
    "srht",
    "randomized_range_finder",
]
