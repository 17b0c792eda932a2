"""Biased matrix factorization by stochastic gradient descent (Funk-style SVD), compiled with numba."""

from __future__ import annotations

import numbers
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from la4ml._validation import check_random_state, check_scalar
from la4ml.errors import DTypeError
from la4ml.recsys import _kernels
from la4ml.recsys._base import Progress, RecommenderBase, check_n_jobs, check_rank, check_ratings
from la4ml.recsys._data import Ratings

__all__ = ["SGDMF"]


class SGDMF(RecommenderBase):
    """Biased matrix factorization ``r_ui ≈ mu + b_u + b_i + p_u · q_i`` fitted by SGD.

    The algorithm of Simon Funk's Netflix Prize write-up as popularized by Surprise's ``SVD``:
    visit the ratings one by one (in an order drawn at the start of ``fit``) and move the
    parameters of that rating's user and item against the gradient of its squared error.

    Parameters
    ----------
    n_components : int, default 10
        Number of factors ``k``; at most ``min(n_users, n_items)``.
    lr : float, default 0.005
        Learning rate (Surprise's default).
    reg : float, default 0.02
        L2 regularization of the factors (Surprise's default).
    reg_bias : float or None, default None
        L2 regularization of the biases (None: same as ``reg``).
    n_epochs : int, default 20
        Passes over the training ratings.
    init_std : float, default 0.1
        Factors start as ``N(0, init_std²)``; biases start at 0.
    biases : bool, default True
        Learn ``mu, b_u, b_i``; otherwise the model is ``p_u · q_i``.
    dtype : {numpy.float32, numpy.float64}, default numpy.float32
        Arithmetic and storage of the parameters (float32 is faster and as accurate here).
    order : {"user", "shuffle", "given"}, default "user"
        Order in which each epoch visits the ratings (drawn once per ``fit``). ``"user"``: users in
        a random order, each user's ratings together (how Surprise and Cornac visit them).
        ``"shuffle"``: a uniformly random order. Both are then dealt into four contiguous parts
        visited round-robin (``s0[0], s1[0], s2[0], s3[0], s0[1], ...``): still one update after the
        other in a fixed order, but consecutive updates belong to different users, so the CPU
        overlaps their work. With ``"user"`` the users are also relabeled by visiting position
        while fitting, so their rows are read one after the other. ``"given"``: exactly the
        (user, item) order of the training data, one stream.
    n_jobs : int, default 1
        Threads. With more than one, each thread runs SGD on its own part of the order and all
        share the parameters without locks (Hogwild!, as Cornac does): faster on several cores,
        same accuracy in practice, but not bit-for-bit reproducible. ``-1`` uses every core
        numba may use. Not with ``order="given"``.
    random_state : int, Generator or None
    verbose : bool, default False
        Progress bar with the training RMSE of each epoch.
    unknown : {"warn", "error", "ignore"}, default "warn"

    Attributes
    ----------
    user_factors_, item_factors_ : ndarray of shape (n_users, k), (n_items, k)
    user_bias_, item_bias_ : ndarray
    mean_ : float
    history_ : list of dict
        Per epoch: ``time``, ``train_rmse`` (measured during the epoch, as the parameters move)
        and ``test_rmse`` when an ``eval_set`` is given.

    Notes
    -----
    For a rating ``r_ui`` with error ``e = r_ui − (mu + b_u + b_i + p_uᵀq_i)``:

    ``b_u ← b_u + lr (e − reg_bias b_u)``, ``b_i ← b_i + lr (e − reg_bias b_i)``,
    ``p_u ← p_u + lr (e q_i − reg p_u)``, ``q_i ← q_i + lr (e p_u − reg q_i)``.

    In words: nudge each parameter in proportion to how wrong this one prediction was, and shrink
    it a little. The loop is compiled by numba; plain NumPy cannot express it without a
    Python-level loop over every rating. It keeps ``[p_u, b_u, 1]`` and ``[q_i, 1, b_i]`` as
    padded rows of one cache line, so a prediction is a single dot product and the four rules are
    one vectorized update of two rows (see ``la4ml.recsys._kernels``).

    References
    ----------
    B. Recht, C. Re, S. Wright, F. Niu, "Hogwild!: A lock-free approach to parallelizing stochastic
    gradient descent", NeurIPS 2011.
    S. Funk, "Netflix Update: Try This at Home", 2006. Y. Koren, R. Bell, C. Volinsky,
    "Matrix factorization techniques for recommender systems", IEEE Computer 42(8), 2009.

    Examples
    --------
    >>> from la4ml.recsys import make_streamrec, train_test_split, rmse
    >>> R = make_streamrec(2000, 300, n_ratings=60_000, rank=5, random_state=0)
    >>> train, test = train_test_split(R, random_state=0)
    >>> model = SGDMF(n_components=5, lr=0.02, n_epochs=30, random_state=0).fit(train)
    >>> rmse(test.rating, model.predict(test)) < 0.6
    True
    """

    def __init__(
        self,
        *,
        n_components: int = 10,
        lr: float = 0.005,
        reg: float = 0.02,
        reg_bias: float | None = None,
        n_epochs: int = 20,
        init_std: float = 0.1,
        biases: bool = True,
        dtype: Any = np.float32,
        order: str = "user",
        n_jobs: int = 1,
        random_state: Any = None,
        verbose: bool = False,
        unknown: str = "warn",
    ) -> None:
        self.n_components = n_components
        self.lr = lr
        self.reg = reg
        self.reg_bias = reg_bias
        self.n_epochs = n_epochs
        self.init_std = init_std
        self.biases = biases
        self.dtype = dtype
        self.order = order
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose
        self.unknown = unknown

    def fit(self, X: Ratings, y: Any = None, *, eval_set: Ratings | None = None) -> "SGDMF":
        """Run ``n_epochs`` of SGD on a :class:`Ratings`; returns ``self``."""
        R = check_ratings(X)
        k = check_rank(self.n_components, R)
        check_scalar(self.lr, "lr", min_val=0, include_min=False)
        check_scalar(self.reg, "reg", min_val=0)
        if self.order not in ("user", "shuffle", "given"):
            raise ValueError(f"order must be 'user', 'shuffle' or 'given', got {self.order!r}")
        if self.reg_bias is not None:
            check_scalar(self.reg_bias, "reg_bias", min_val=0)
        n_jobs = check_n_jobs(self.n_jobs)
        if n_jobs > 1 and self.order == "given":
            raise ValueError("order='given' visits the ratings one at a time in the data's order; it needs n_jobs=1")
        check_scalar(self.n_epochs, "n_epochs", kind=numbers.Integral, min_val=1)
        check_scalar(self.init_std, "init_std", min_val=0)
        self._check_unknown()
        dtype = np.dtype(self.dtype)
        if dtype not in (np.float32, np.float64):
            raise DTypeError(f"dtype must be numpy.float32 or numpy.float64, got {self.dtype!r}")
        t0 = time.perf_counter()
        self._store_training(R)
        rng = check_random_state(self.random_state)
        use_bias = bool(self.biases)
        mu = float(R.rating.mean(dtype=np.float64)) if use_bias else 0.0
        # augmented rows (see _kernels.sgd_rows): P[u] = [p_u, b_u, 1, 0..], Q[i] = [q_i, 1, b_i, 0..]
        P = _kernels.sgd_rows(R.n_users, k, dtype)
        Q = _kernels.sgd_rows(R.n_items, k, dtype)
        P[:, :k] = rng.normal(0.0, self.init_std, size=(R.n_users, k))
        Q[:, :k] = rng.normal(0.0, self.init_std, size=(R.n_items, k))
        if use_bias:
            P[:, k + 1] = 1.0
            Q[:, k] = 1.0
        # the visiting order, as arrays in that order (uint32 rows: numba then skips the
        # negative-index wraparound on every row access)
        n = len(R)
        users = np.empty(n, dtype=np.uint32)
        items = np.empty(n, dtype=np.uint32)
        ratings = np.empty(n, dtype=dtype)
        perm = None
        if self.order == "user":  # users in random order, each user's ratings together
            # users are relabeled by visiting position (undone by _set_from_rows), so their rows of
            # P are read one after the other and the hardware prefetcher follows
            perm = rng.permutation(R.n_users)
            _kernels.sgd_visit_arrays(perm, perm[:0], R.indptr, R.user, R.item, R.rating, users, items, ratings)
        elif self.order == "shuffle":
            order = rng.permutation(n)
            _kernels.sgd_visit_arrays(order[:0], order, R.indptr, R.user, R.item, R.rating, users, items, ratings)
            del order
        else:
            users[:], items[:], ratings[:] = R.user, R.item, R.rating
        cast = dtype.type
        reg_bias = self.reg if self.reg_bias is None else self.reg_bias
        interleave = self.order != "given"
        prefetch_users = self.order == "shuffle"  # rows of users in random order: fetch them ahead
        masks = _kernels.sgd_lane_masks(k, P.shape[1], self.lr, self.reg, reg_bias, dtype)
        self.history_ = []
        bar = Progress(int(self.n_epochs), "SGD", self.verbose)
        pool = ThreadPoolExecutor(n_jobs) if n_jobs > 1 else None
        try:
            for epoch in range(1, int(self.n_epochs) + 1):
                args = (users, items, ratings, P, Q, cast(mu), masks, interleave, prefetch_users)
                if n_jobs > 1:  # Hogwild!: threads on disjoint parts of the order, no locks
                    parts = [(t * n // n_jobs, (t + 1) * n // n_jobs) for t in range(n_jobs)]
                    sse = sum(pool.map(lambda lh: _kernels.sgd_epoch(*args, *lh), parts))
                else:
                    sse = _kernels.sgd_epoch(*args, 0, n)
                if not np.isfinite(sse):
                    raise FloatingPointError(
                        f"SGD diverged in epoch {epoch} (the squared error became {sse}); lower lr={self.lr!r}"
                    )
                row = {"iteration": epoch, "time": time.perf_counter() - t0, "train_rmse": float(np.sqrt(sse / len(R)))}
                if eval_set is not None:
                    self._set_from_rows(P, Q, perm, k, mu, use_bias)
                    row = self._history_row(epoch, t0, R, eval_set) | {"train_rmse": row["train_rmse"]}
                self.history_.append(row)
                bar.update(train_rmse=row["train_rmse"], test_rmse=row.get("test_rmse"))
        finally:
            bar.close()
            if pool is not None:
                pool.shutdown()
        self._set_from_rows(P, Q, perm, k, mu, use_bias)
        self.n_iter_ = int(self.n_epochs)
        return self

    def _set_from_rows(self, P, Q, perm, k, mu, use_bias) -> None:
        """Fitted attributes from the augmented rows (users back in index order when relabeled)."""
        rows = slice(None)
        if perm is not None:
            rows = np.empty(len(perm), dtype=np.intp)
            rows[perm] = np.arange(len(perm))
        self._set(np.ascontiguousarray(P[rows, :k]), np.ascontiguousarray(Q[:, :k]), P[rows, k].copy(),
                  Q[:, k + 1].copy(), mu, use_bias)

    def _set(self, P, Q, bu, bi, mu, use_bias) -> None:
        self.user_factors_, self.item_factors_ = P, Q
        self.user_bias_, self.item_bias_ = bu, bi
        self.mean_ = mu
        self._use_bias = use_bias

    def _scores(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        out = np.empty(u.size, dtype=np.float64)
        _kernels.predict_pairs(u, i, self.user_factors_, self.item_factors_, self.user_bias_, self.item_bias_,
                               self.mean_, self._use_bias, out)
        return out

    def _scores_all(self, u: np.ndarray) -> np.ndarray:
        S = (self.user_factors_[u] @ self.item_factors_.T).astype(np.float64)
        if self._use_bias:
            S += (self.mean_ + self.user_bias_[u])[:, None] + self.item_bias_[None, :]
        return S
