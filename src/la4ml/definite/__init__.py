"""Definiteness of symmetric matrices: quadratic forms, three tests, jitter and Gaussian sampling."""

from la4ml.definite._gaussian import sample_gaussian
from la4ml.definite._jitter import add_jitter, nearest_psd
from la4ml.definite._definiteness import (
    DEFINITENESS_CLASSES,
    definiteness,
    is_positive_definite,
    leading_principal_minors,
    quadratic_form,
)

__all__ = [
    "DEFINITENESS_CLASSES",
    "quadratic_form",
    "definiteness",
    "is_positive_definite",
    "leading_principal_minors",
    "add_jitter",
    "nearest_psd",
    "sample_gaussian",
]
