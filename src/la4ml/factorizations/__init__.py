"""Matrix factorizations built from scratch (Cholesky, LU, Gram–Schmidt, QR) and triangular solves."""

from la4ml.factorizations._cholesky import cholesky, cholesky_solve, solve_spd
from la4ml.factorizations._gram_schmidt import gram_schmidt
from la4ml.factorizations._lu import det, lu, lu_solve, slogdet
from la4ml.factorizations._qr import givens_rotation, householder_vector, lstsq_qr, qr
from la4ml.factorizations._triangular import back_substitution, forward_substitution

__all__ = ["cholesky", "cholesky_solve", "solve_spd", "forward_substitution", "back_substitution",
           "lu", "lu_solve", "det", "slogdet", "gram_schmidt",
           "qr", "householder_vector", "givens_rotation", "lstsq_qr"]
