"""Kernel methods: linear, polynomial and RBF Gram matrices, kernel centering, kernel ridge regression."""

from la4ml.kernels._kernel_ridge import KernelRidge
from la4ml.kernels._pairwise import center_kernel, linear_kernel, polynomial_kernel, rbf_kernel

__all__ = ["linear_kernel", "polynomial_kernel", "rbf_kernel", "center_kernel", "KernelRidge"]
