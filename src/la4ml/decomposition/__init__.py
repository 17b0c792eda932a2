"""Matrix decompositions of data: principal component analysis by SVD, by eigendecomposition, or randomized."""

from la4ml.decomposition._pca import PCA

__all__ = ["PCA"]
