"""Singular value decomposition: the textbook route through AᵀA, best low-rank approximation, energy, randomized SVD."""

from la4ml.svd._eigh import svd_via_eigh
from la4ml.svd._flip import svd_flip
from la4ml.svd._low_rank import EckartYoungError, LowRankApproximation, energy, low_rank_approximation
from la4ml.svd._randomized import randomized_svd

__all__ = [
    "svd_via_eigh",
    "low_rank_approximation",
    "EckartYoungError",
    "LowRankApproximation",
    "energy",
    "randomized_svd",
    "svd_flip",
]
