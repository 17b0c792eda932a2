"""Small data sets that ship inside la4ml, for lessons that need data scikit-learn does not bundle."""

from la4ml.datasets._corpus import load_mini_corpus

__all__ = ["load_mini_corpus"]
