"""Span, independence, rank and bases: the toolkit of Part 5 (the vectors are the columns)."""

from la4ml.spaces._features import redundant_features, variance_inflation_factors
from la4ml.spaces._gram import gram_determinant, gram_matrix
from la4ml.spaces._independence import column_basis, in_span, is_linearly_independent, orthonormal_basis
from la4ml.spaces._orthogonal import projection_matrix, random_orthogonal
from la4ml.spaces._rank import numerical_rank, singular_values
from la4ml.spaces._rref import rref
from la4ml.spaces._subspaces import FundamentalSubspaces, fundamental_subspaces, null_space, pinv

__all__ = [
    "singular_values",
    "numerical_rank",
    "gram_matrix",
    "gram_determinant",
    "is_linearly_independent",
    "column_basis",
    "orthonormal_basis",
    "in_span",
    "rref",
    "redundant_features",
    "variance_inflation_factors",
    "null_space",
    "fundamental_subspaces",
    "FundamentalSubspaces",
    "pinv",
    "projection_matrix",
    "random_orthogonal",
]
