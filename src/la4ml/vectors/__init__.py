"""Vectors, norms, distances and similarity: the toolkit of Parts 1, 4 and 6 (rows are samples)."""

from la4ml.vectors._distances import (
    chebyshev,
    cosine_distance,
    euclidean,
    mahalanobis,
    manhattan,
    minkowski,
    pairwise_distances,
)
from la4ml.vectors._geometry import Projection, angle_between, project
from la4ml.vectors._norms import matrix_norm, norm
from la4ml.vectors._random import random_unit_vectors
from la4ml.vectors._similarity import cosine_similarity, top_k

__all__ = [
    "norm",
    "matrix_norm",
    "euclidean",
    "manhattan",
    "chebyshev",
    "minkowski",
    "cosine_distance",
    "mahalanobis",
    "pairwise_distances",
    "cosine_similarity",
    "top_k",
    "project",
    "Projection",
    "angle_between",
    "random_unit_vectors",
]
