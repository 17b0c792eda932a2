"""Baselines: global / user / item means with damping, and the SVD of the imputed matrix."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import check_option, check_random_state, check_scalar
from la4ml.recsys._base import RecommenderBase, check_rank, check_ratings, regularized_biases
from la4ml.recsys._data import Ratings

__all__ = ["BaselineModel", "ImputedSVD"]

_KINDS = ("global", "user", "item", "user_item")
_MAX_ITER = 1000


class BaselineModel(RecommenderBase):
    """Predict from the global mean plus damped user and/or item biases.

    Parameters
    ----------
    kind : {"global", "user", "item", "user_item"}, default "user_item"
        ``mu``; ``mu + b_u``; ``mu + b_i``; or ``mu + b_u + b_i``.
    reg : float, default 5.0
        Damping: a bias is ``sum(residuals) / (reg + count)``, which pulls users and items with
        few ratings toward the mean.
    n_iter : int, default 3
        Alternating passes for ``"user_item"`` (item biases first, then user biases).
    unknown : {"warn", "error", "ignore"}, default "warn"
        What ``predict``/``recommend`` do with ids never seen in training.

    Attributes
    ----------
    mean_ : float
    user_bias_ : ndarray of shape (n_users,)
    item_bias_ : ndarray of shape (n_items,)

    Notes
    -----
    ``"user_item"`` is Koren's baseline predictor ``b_ui = mu + b_u + b_i`` fitted by
    alternating damped means, the usual starting point that factor models must beat.

    References
    ----------
    Y. Koren, "Factor in the neighbors: scalable and accurate collaborative filtering",
    ACM TKDD 4(1), 2010.

    Examples
    --------
    >>> R = Ratings([0, 0, 1], [0, 1, 0], [4.0, 2.0, 5.0])
    >>> m = BaselineModel(kind="global").fit(R)
    >>> bool(np.allclose(m.predict([1], [1]), 11 / 3))
    True
    """

    def __init__(self, *, kind: str = "user_item", reg: float = 5.0, n_iter: int = 3, unknown: str = "warn") -> None:
        self.kind = kind
        self.reg = reg
        self.n_iter = n_iter
        self.unknown = unknown

    def fit(self, X: Ratings, y: Any = None) -> "BaselineModel":
        """Fit the biases on a :class:`Ratings`; returns ``self``."""
        check_option(self.kind, "kind", _KINDS)
        check_scalar(self.reg, "reg", min_val=0)
        # the alternating damped means settle in a handful of passes; a huge count would never end
        check_scalar(self.n_iter, "n_iter", kind=numbers.Integral, min_val=1, max_val=_MAX_ITER)
        self._check_unknown()
        R = check_ratings(X)
        self._store_training(R)
        r = R.rating.astype(np.float64)
        mu = float(r.mean())
        bu = np.zeros(R.n_users)
        bi = np.zeros(R.n_items)
        n_u = np.bincount(R.user, minlength=R.n_users)
        n_i = np.bincount(R.item, minlength=R.n_items)
        reg = float(self.reg)
        if self.kind == "user":
            bu = np.bincount(R.user, weights=r - mu, minlength=R.n_users) / (reg + n_u)
        elif self.kind == "item":
            bi = np.bincount(R.item, weights=r - mu, minlength=R.n_items) / (reg + n_i)
        elif self.kind == "user_item":
            mu, bu, bi = regularized_biases(R, reg, self.n_iter)
        self.mean_, self.user_bias_, self.item_bias_ = mu, bu, bi
        self.baseline_ = {"mean": mu, "user_bias": bu, "item_bias": bi}
        return self

    def _scores(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        return self.mean_ + self.user_bias_[u] + self.item_bias_[i]

    def _scores_all(self, u: np.ndarray) -> np.ndarray:
        return self.mean_ + self.user_bias_[u][:, None] + self.item_bias_[None, :]


class ImputedSVD(RecommenderBase):
    """Fill the missing ratings, then keep the truncated SVD of the filled matrix.

    The filled matrix is ``M = S + (fill values)`` where ``S`` is sparse (the observed ratings
    minus their fill value); for ``solver="arpack"`` ``M`` is never formed: SciPy's ``svds``
    only multiplies by it, so this runs on large sparse data. ``solver="dense"`` forms ``M`` and
    calls ``numpy.linalg.svd`` (small problems, lessons).

    Parameters
    ----------
    n_components : int, default 10
        Rank ``k`` of the truncated SVD; at most ``min(n_users, n_items)`` (``< min`` for arpack).
    fill : {"item_mean", "user_mean", "global_mean", "zero"}, default "item_mean"
        Value put in every missing entry.
    solver : {"arpack", "dense"}, default "arpack"
    random_state : int, Generator or None
        Seeds ARPACK's start vector.
    unknown : {"warn", "error", "ignore"}, default "warn"

    Attributes
    ----------
    U_ : ndarray of shape (n_users, k)
    s_ : ndarray of shape (k,)
        Singular values, largest first.
    Vt_ : ndarray of shape (k, n_items)
    fill_user_, fill_item_ : ndarray
        The fill value of entry ``(u, i)`` is ``fill_user_[u] + fill_item_[i]``.

    Notes
    -----
    This is the lesson's cautionary baseline: the imputed zeros or means are treated as if they
    were observed, so with density ``d`` the SVD fits mostly made-up entries and its predictions
    are pulled toward the fill value (shrunk), which biases them. ALS and SGD fit only the
    observed entries and do not have this bias.

    Examples
    --------
    >>> R = Ratings([0, 0, 1, 2], [0, 1, 1, 0], [5.0, 3.0, 4.0, 1.0])
    >>> m = ImputedSVD(n_components=2, solver="dense").fit(R)
    >>> M = R.to_dense(); M[np.isnan(M)] = np.take(np.nanmean(M, axis=0), np.nonzero(np.isnan(M))[1])
    >>> U, s, Vt = np.linalg.svd(M)
    >>> bool(np.allclose((U[:, :2] * s[:2]) @ Vt[:2], m.U_ * m.s_ @ m.Vt_))
    True
    """

    def __init__(self, *, n_components: int = 10, fill: str = "item_mean", solver: str = "arpack",
                 random_state: Any = None, unknown: str = "warn") -> None:
        self.n_components = n_components
        self.fill = fill
        self.solver = solver
        self.random_state = random_state
        self.unknown = unknown

    def fit(self, X: Ratings, y: Any = None) -> "ImputedSVD":
        """Fill, factor, keep the top ``n_components`` singular triplets; returns ``self``."""
        check_option(self.fill, "fill", ("item_mean", "user_mean", "global_mean", "zero"))
        check_option(self.solver, "solver", ("arpack", "dense"))
        self._check_unknown()
        R = check_ratings(X)
        k = check_rank(self.n_components, R)
        self._store_training(R)
        r = R.rating.astype(np.float64)
        mu = float(r.mean())
        fu = np.zeros(R.n_users)
        fi = np.zeros(R.n_items)
        if self.fill == "item_mean":
            n_i = np.bincount(R.item, minlength=R.n_items)
            s_i = np.bincount(R.item, weights=r, minlength=R.n_items)
            fi = np.where(n_i > 0, s_i / np.maximum(n_i, 1), mu)
        elif self.fill == "user_mean":
            n_u = np.bincount(R.user, minlength=R.n_users)
            s_u = np.bincount(R.user, weights=r, minlength=R.n_users)
            fu = np.where(n_u > 0, s_u / np.maximum(n_u, 1), mu)
        elif self.fill == "global_mean":
            fi[:] = mu
        self.fill_user_, self.fill_item_ = fu, fi
        if self.solver == "dense":
            M = np.add.outer(fu, fi)
            M[R.user, R.item] = r
            U, s, Vt = np.linalg.svd(M, full_matrices=False)
            U, s, Vt = U[:, :k], s[:k], Vt[:k]
        else:
            U, s, Vt = self._svds(R, r, fu, fi, k)
        # deterministic signs (like sklearn's svd_flip): the largest |entry| of each u_j is positive
        signs = np.sign(U[np.argmax(np.abs(U), axis=0), np.arange(U.shape[1])])
        signs[signs == 0] = 1.0
        self.U_, self.s_, self.Vt_ = U * signs, s, Vt * signs[:, None]
        return self

    def _svds(self, R: Ratings, r, fu, fi, k):
        import scipy.sparse as sp
        from scipy.sparse.linalg import LinearOperator, svds

        if k >= min(R.shape):
            raise ValueError(
                f"n_components={k} must be < min(n_users, n_items) = {min(R.shape)} for solver='arpack'; "
                "use solver='dense' for a full-rank SVD of a small matrix"
            )
        S = sp.csr_array((r - fu[R.user] - fi[R.item], R.item, R.indptr), shape=R.shape)
        St = S.T.tocsr()
        ones_u, ones_i = np.ones(R.n_users), np.ones(R.n_items)

        # M = S + fu 1^T + 1 fi^T, applied without forming it
        def matvec(x):
            x = np.asarray(x).reshape(-1)
            return S @ x + fu * x.sum() + ones_u * (fi @ x)

        def rmatvec(y):
            y = np.asarray(y).reshape(-1)
            return St @ y + ones_i * (fu @ y) + fi * y.sum()

        def matmat(X):
            return S @ X + np.outer(fu, X.sum(axis=0)) + np.outer(ones_u, fi @ X)

        def rmatmat(Y):
            return St @ Y + np.outer(ones_i, fu @ Y) + np.outer(fi, Y.sum(axis=0))

        op = LinearOperator(R.shape, matvec=matvec, rmatvec=rmatvec, matmat=matmat, rmatmat=rmatmat,
                            dtype=np.float64)
        rng = check_random_state(self.random_state)
        v0 = rng.uniform(-1, 1, size=min(R.shape))
        U, s, Vt = svds(op, k=k, v0=v0, tol=1e-10)
        order = np.argsort(-s)
        return U[:, order], s[order], Vt[order]

    def _scores(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        return np.einsum("ij,ij->i", self.U_[u] * self.s_, self.Vt_[:, i].T)

    def _scores_all(self, u: np.ndarray) -> np.ndarray:
        return (self.U_[u] * self.s_) @ self.Vt_
