"""Krylov solvers in SciPy's dialect (cg, gmres, minres), preconditioners, Arnoldi/Lanczos, the 2D Poisson matrix."""

from la4ml.krylov._basis import arnoldi, lanczos
from la4ml.krylov._cg import cg
from la4ml.krylov._gmres import gmres
from la4ml.krylov._minres import minres
from la4ml.krylov._precond import incomplete_cholesky, jacobi
from la4ml.krylov._system import poisson2d

__all__ = ["cg", "gmres", "minres", "jacobi", "incomplete_cholesky", "arnoldi", "lanczos", "poisson2d"]
