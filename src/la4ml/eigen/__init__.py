"""Eigenvalues and eigenvectors: power and inverse iteration, matrix powers by diagonalization, Markov chains, PageRank."""

from la4ml.eigen._diagonalize import matrix_power
from la4ml.eigen._markov import pagerank, stationary_distribution
from la4ml.eigen._power import inverse_iteration, power_iteration

__all__ = ["power_iteration", "inverse_iteration", "matrix_power", "stationary_distribution", "pagerank"]
