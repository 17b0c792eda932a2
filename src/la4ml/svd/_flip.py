"""The sign convention of singular vectors: scikit-learn's ``svd_flip``, without modifying its inputs."""

from __future__ import annotations

import numpy as np

from la4ml._validation import check_bool, check_matrix, describe
from la4ml.errors import ShapeError

__all__ = ["svd_flip"]


def svd_flip(U, Vt, *, u_based_decision=True):
    """Fix the signs of singular vectors so that an SVD is reproducible.

    Each pair ``(u_i, v_i)`` of an SVD can be replaced by ``(-u_i, -v_i)``: the product
    ``U diag(s) Vt`` does not change. This picks one of the two, as scikit-learn's
    ``sklearn.utils.extmath.svd_flip`` does: the entry of largest magnitude in each column of
    ``U`` (or, with ``u_based_decision=False``, in each row of ``Vt``) becomes positive.

    Parameters
    ----------
    U : array_like of shape (m, k)
        Left singular vectors, as columns.
    Vt : array_like of shape (k, n)
        Right singular vectors, as rows (``Vt = Vᵀ``, what ``np.linalg.svd`` returns).
    u_based_decision : bool, default True
        Decide the signs from the columns of ``U`` (True) or from the rows of ``Vt`` (False;
        scikit-learn's PCA uses this one).

    Returns
    -------
    U : ndarray of shape (m, k)
        New array: the columns of ``U``, some multiplied by -1.
    Vt : ndarray of shape (k, n)
        New array: the rows of ``Vt`` multiplied by the same signs.

    Raises
    ------
    ShapeError
        ``U`` has a different number of columns than ``Vt`` has rows.

    Notes
    -----
    A column whose largest-magnitude entry is 0 (an all-zero column) keeps its sign; scikit-learn
    would multiply it by ``sign(0) = 0``. When two entries tie for the largest magnitude, the
    first one (lowest index) decides, as ``np.argmax`` chooses.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.svd import svd_flip
    >>> A = np.array([[2.0, 2.0], [-1.0, 2.0]])
    >>> U, s, Vt = np.linalg.svd(A)
    >>> U2, Vt2 = svd_flip(U, Vt)
    >>> U2 * np.sqrt(5)                     # columns (2, 1) and (-1, 2), largest entries positive
    array([[ 2., -1.],
           [ 1.,  2.]])
    >>> np.allclose(U2 @ np.diag(s) @ Vt2, A)
    True
    """
    U = check_matrix(U, "U")
    Vt = check_matrix(Vt, "Vt")
    u_based_decision = check_bool(u_based_decision, "u_based_decision")
    if U.shape[1] != Vt.shape[0]:
        raise ShapeError(
            f"U must have as many columns as Vt has rows (U @ diag(s) @ Vt), got U as {describe(U)} and Vt as "
            f"{describe(Vt)}; pass Vt = V.T (rows are the right singular vectors), as np.linalg.svd returns it"
        )
    return _svd_flip(U, Vt, u_based_decision)


def _svd_flip(U, Vt, u_based_decision=True):
    """svd_flip without validation (for la4ml's own, already checked, arrays)."""
    if u_based_decision:
        idx = np.argmax(np.abs(U), axis=0)                      # (k,) row of the largest entry of each column
        signs = np.sign(U[idx, np.arange(U.shape[1])])
    else:
        idx = np.argmax(np.abs(Vt), axis=1)                     # (k,) column of the largest entry of each row
        signs = np.sign(Vt[np.arange(Vt.shape[0]), idx])
    signs[signs == 0] = 1
    return U * signs, Vt * signs[:, None]
