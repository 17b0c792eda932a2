"""Tensors beyond matrices: column-major ``vec``, Kronecker products and mode-n products.

``vec`` stacks the COLUMNS of a matrix (column-major, Fortran order), the convention under which
``vec(A X B) = (Bᵀ ⊗ A) vec(X)`` holds. ``kron_matvec`` applies ``A ⊗ B`` to a vector without
forming the Kronecker product. ``unfold``/``fold``/``mode_product`` follow Kolda and Bader,
"Tensor Decompositions and Applications", SIAM Review 51(3), 2009, §2.4–2.5, with modes
numbered from 0 as NumPy numbers axes.
"""

from la4ml.tensors._kron import kron, kron_matvec
from la4ml.tensors._unfold import fold, mode_product, unfold
from la4ml.tensors._vec import unvec, vec

__all__ = ["vec", "unvec", "kron", "kron_matvec", "unfold", "fold", "mode_product"]
