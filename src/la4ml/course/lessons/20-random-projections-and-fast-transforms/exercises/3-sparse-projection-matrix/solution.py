"""Exercise 20.3 — A sparse (Achlioptas / Li) random projection matrix (reference solution)."""

import numpy as np


def sparse_projection_matrix(n_components, n_features, rng, density="auto"):
    """A sparse random projection matrix with entries ``0`` and ``±√(s / n_components)``, ``s = 1/density``.

    Parameters
    ----------
    n_components : int
        Rows ``k`` (the target dimension).
    n_features : int
        Columns ``d`` (the original dimension).
    rng : numpy.random.Generator
        Draw with exactly one call, ``u = rng.random((n_components, n_features))``.
    density : float in (0, 1] or "auto", default "auto"
        The probability that an entry is nonzero; ``"auto"`` is ``1 / sqrt(n_features)``.

    Returns
    -------
    R : ndarray of shape (n_components, n_features)
        ``+√(s/k)`` where ``u < density / 2``, ``−√(s/k)`` where ``density / 2 <= u < density``,
        ``0`` elsewhere.

    Raises
    ------
    ValueError
        ``density`` is not ``"auto"`` and not in (0, 1]; the message names ``density``.

    Examples
    --------
    >>> R = sparse_projection_matrix(2, 4, np.random.default_rng(0), density=1.0)
    >>> np.abs(R)
    array([[0.70710678, 0.70710678, 0.70710678, 0.70710678],
           [0.70710678, 0.70710678, 0.70710678, 0.70710678]])
    """
    if isinstance(density, str):
        if density != "auto":
            raise ValueError(f"density must be a number in (0, 1] or 'auto', got {density!r}")
        density = 1 / np.sqrt(n_features)
    elif not 0 < density <= 1:
        raise ValueError(f"density must be in (0, 1] or 'auto', got {density!r}")
    s = 1 / density
    u = rng.random((n_components, n_features))
    signs = (u < density / 2).astype(float) - ((u >= density / 2) & (u < density))   # +1, -1 or 0
    return np.sqrt(s / n_components) * signs


if __name__ == "__main__":
    R = sparse_projection_matrix(200, 10_000, np.random.default_rng(0))
    print("fraction nonzero:", np.count_nonzero(R) / R.size, " variance × k:", R.var() * 200)
