"""Matrix factorizations built from scratch (Cholesky now; LU and QR join later) and triangular solves."""

from la4ml.factorizations._cholesky import cholesky, cholesky_solve, solve_spd
from la4ml.factorizations._gram_schmidt import gram_schmidt
from la4ml.factorizations._lu import det, lu, lu_solve, slogdet
from la4ml.factorizations._triangular import back_substitution, forward_substitution

__all__ = ["cholesky", "cholesky_solve", "solve_spd", "forward_substitution", "back_substitution",
           "lu", "lu_solve", "det", "slogdet", "gram_schmidt"]
