"""Graphs as matrices: Laplacians, components from the spectrum, the Fiedler vector, spectral clustering.

``laplacian`` builds ``L = D - A`` (or ``I - D^{-1/2} A D^{-1/2}``) exactly as
``scipy.sparse.csgraph.laplacian`` does; the number of zero eigenvalues of ``L`` is the number of
connected components; the eigenvector of the second-smallest eigenvalue (the Fiedler vector)
splits a connected graph in two; ``SpectralClustering`` clusters the rows of the bottom
eigenvectors with k-means (von Luxburg, "A tutorial on spectral clustering", Statistics and
Computing 17(4), 2007).
"""

from la4ml.graphs._laplacian import connected_components_from_spectrum, fiedler_vector, laplacian
from la4ml.graphs._spectral import SpectralClustering

__all__ = ["laplacian", "connected_components_from_spectrum", "fiedler_vector", "SpectralClustering"]
