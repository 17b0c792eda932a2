"""Derivatives you can trust: central differences with steps chosen from the dtype, and a gradient check.

``numerical_gradient``, ``numerical_jacobian`` and ``numerical_hessian`` use the shapes of
``torch.autograd.functional`` (a Jacobian is ``out.shape + x.shape``); ``gradient_check`` says how far
a hand-derived gradient is from the numerical one (Part 25, *Matrix Calculus and Autograd*).
"""

from la4ml.calculus._finite_differences import (default_step, gradient_check, numerical_gradient, numerical_hessian,
                                                numerical_jacobian)

__all__ = ["numerical_gradient", "numerical_jacobian", "numerical_hessian", "gradient_check", "default_step"]
