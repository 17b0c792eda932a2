"""Exercise 4.2 — Cosine similarity of all pairs, from scratch vs scikit-learn.

Write ``cosine_similarity_matrix(X, Y=None)`` with NumPy, then compare it with
``sklearn.metrics.pairwise.cosine_similarity`` on the Iris data.
"""

import numpy as np
from sklearn.datasets import load_iris


def cosine_similarity_matrix(X, Y=None):
    """Cosine similarity between every row of ``X`` and every row of ``Y``.

    Parameters
    ----------
    X : ndarray of shape (n_X, n_features)
    Y : ndarray of shape (n_Y, n_features), optional
        Defaults to ``X``.

    Returns
    -------
    S : ndarray of shape (n_X, n_Y)
        ``S[i, j] = X[i] · Y[j] / (‖X[i]‖ ‖Y[j]‖)``, in ``[-1, 1]``; 0 where ``X[i]`` or ``Y[j]``
        is a zero row (as in scikit-learn).

    Examples
    --------
    >>> cosine_similarity_matrix(np.array([[1.0, 0.0], [1.0, 1.0]]))
    array([[1.        , 0.70710678],
           [0.70710678, 1.        ]])
    """
    # TODO: divide each row by its length (keep zero rows as zeros), then one matrix product.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.metrics.pairwise import cosine_similarity

    X = load_iris().data
    S = cosine_similarity_matrix(X)
    print(S.shape, "matches scikit-learn:", np.allclose(S, cosine_similarity(X)))
