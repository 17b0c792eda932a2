"""Alternating least squares for explicit ratings (weighted-λ, optional biases), CPU or GPU."""

from __future__ import annotations

import numbers
import time
from typing import Any

import numpy as np

from la4ml._validation import check_bool, check_matrix, check_option, check_random_state, check_scalar, describe
from la4ml.errors import DTypeError, ShapeError
from la4ml.recsys import _kernels
from la4ml.recsys._base import Progress, RecommenderBase, check_rank, check_ratings
from la4ml.recsys._data import Ratings
from la4ml.recsys._metrics import rmse

__all__ = ["ALS"]


_PREFETCH = 16  # ratings ahead


def _n_blocks() -> int:
    import numba

    return 64 * numba.get_num_threads()


class ALS(RecommenderBase):
    """Matrix factorization of explicit ratings by alternating least squares.

    Model: ``r_ui ≈ mu + b_u + b_i + x_u · y_i`` (the default), ``r_ui ≈ mu + x_u · y_i``
    (``biases=False``: ALS-WR on the centered ratings) or ``r_ui ≈ x_u · y_i``
    (``biases=False, center=False``: the model of Spark MLlib's ALS). ``mu`` is the mean training
    rating. Each iteration fixes the item side and solves one small ridge problem per user, then
    the other way round; each solve is an exact minimization, so the objective (``history_``)
    never increases.

    Parameters
    ----------
    n_components : int, default 10
        Rank ``k`` of the factors; at most ``min(n_users, n_items)``.
    reg : float, default 0.1
        Regularization ``λ`` (> 0); 0.1 is also Spark's default ``regParam``.
    max_iter : int, default 15
        Number of iterations (each updates users, then items).
    weighted : bool, default True
        Weighted-λ regularization (ALS-WR, as Spark): user ``u``'s penalty is ``λ n_u ||x_u||²``
        with ``n_u`` its number of ratings; otherwise ``λ ||x_u||²``. Unweighted, ``λ`` is a
        penalty per user (item), not per rating, so it must be about a weighted ``λ`` times the
        typical count to regularize as much: ``reg=0.1`` unweighted overfits sparse data; on the
        data of the Notes (18 ratings per user), ``reg=3`` suited it best (see Notes).
    biases : bool, default True
        Learn per-user and per-item biases ``b_u, b_i`` (regularized like the factors).
    center : bool, default True
        Subtract ``mu``, the mean training rating, from every rating before fitting (and add it
        back in ``predict``). ``center=False`` with ``biases=False`` is Spark's uncentered model,
        whose factors must also carry the mean rating, at the cost of part of the rank. Which
        fits better depends on the data: on ratings near 3 without biases the centered model
        halved the objective (see Notes); on StreamRec data, which has user and item biases, the
        uncentered one reached a lower test RMSE (0.7727 against 0.7944 at rank 10 in
        ``benchmarks/recsys/results/bench_als.txt``), and ``biases=True`` a lower one still (0.7199).
    init : "random" or array_like of shape (n_items, n_components), default "random"
        Initial item factors (the user factors come from the first solve). ``"random"`` draws
        ``G = numpy.random.default_rng(random_state).standard_normal((n_items, n_components))``
        and scales each row to unit norm (as Spark does); an array is used as given (copied), so
        that two implementations can start from the same point.
    dtype : {numpy.float32, numpy.float64}, default numpy.float32
        Storage of the factors. On the numba path the Gram matrices are accumulated and solved in
        float64 either way, so float32 only rounds the stored solutions, and halves memory traffic.
    solver : {"auto", "numba", "torch"}, default "auto"
        ``"numba"``: compiled parallel loop with a hand-written Cholesky per user (CPU).
        ``"torch"``: batched Gram matrices and batched Cholesky solves in PyTorch, on ``device``.
        ``"auto"`` is ``"torch"`` when ``device`` is given, else ``"numba"``.
    device : str or None, default None
        PyTorch device for ``solver="torch"``, such as ``"cuda"`` or ``"cpu"``
        (None: CUDA when available).
    batch_size : int, default 1,000,000
        Ratings per batch on the torch path (bounds its ``k² × batch`` temporaries).
    random_state : int, Generator or None
        Seeds the initial item factors when ``init="random"``.
    verbose : bool, default False
        Show a progress bar with the loss and RMSE of each iteration.
    unknown : {"warn", "error", "ignore"}, default "warn"
        What ``predict``/``recommend`` do with ids never seen in training.

    Attributes
    ----------
    user_factors_ : ndarray of shape (n_users, k)
    item_factors_ : ndarray of shape (n_items, k)
    user_bias_, item_bias_ : ndarray (zeros when ``biases=False``)
    mean_ : float
        ``mu`` (0 when ``center=False``).
    n_iter_ : int
    history_ : list of dict
        One dict per iteration: ``iteration``; ``time``, seconds since fit started (evaluating
        the objective excluded, so differences are the cost of the iterations alone); ``loss``,
        the objective after the iteration,
        ``Σ_(u,i) (r_ui − mu − b_u − b_i − x_u·y_i)² + λ Σ_u w_u (||x_u||² + b_u²) + λ Σ_i w_i (||y_i||² + b_i²)``
        over the training ratings, with ``w`` the counts ``n_u, n_i`` (``weighted=True``) or 1
        (absent terms are zero); ``train_rmse``, the root of its first sum over the number of
        ratings; and ``test_rmse`` of the ``eval_set`` when one is given.

    Notes
    -----
    With the items fixed, user ``u``'s factors solve the ``k × k`` (``k+1`` with a bias)
    symmetric positive definite system

    ``(Σ_{i ∈ I_u} y_i y_iᵀ + λ n_u I) x_u = Σ_{i ∈ I_u} (r_ui − mu − b_i) y_i``.

    In words: a ridge regression of the user's ratings on the items' factors. One iteration
    costs about ``nnz · (k+1)²`` multiply-adds to form the Gram matrices plus
    ``(n_users + n_items) (k+1)³ / 3`` for the Cholesky factorizations.

    Centering matters when the ratings sit far from 0 (stars from 1 to 5). On 100,000 users x
    20,000 items with 1.8 million uniformly drawn training ratings ``3 + p_u·q_i + noise`` of a
    rank-10 truth (18 per user, 90 per item), rank 10, ``reg=0.1``, 40 iterations:
    ``biases=False`` reaches the objective of a NumPy ALS-WR on ``r − mu`` (1.025e6, test RMSE
    0.751), while ``biases=False, center=False`` ends at 2.02 times that objective (test RMSE
    0.870): ``benchmarks/recsys/results/bench_als_reference.txt``.

    ``weighted=False`` is a different penalty, not a weaker ALS-WR: ``reg`` is spent once per user
    (item) instead of once per rating, so for the same shrinkage it must be about the weighted
    ``reg`` times the typical number of ratings per row. On the data above (default model),
    ``weighted=False, reg=0.1`` overfits to a test RMSE of 1.67 (train 0.34); of
    ``reg`` in {0.1, 1, 3, 10, 30, 100}, 3 was best (test RMSE 0.82), against 0.79 for weighted
    ``reg=0.1``. That is the expected behaviour of the model, not a defect of the solver: the
    unweighted half-steps equal the dense reference's too.

    References
    ----------
    Y. Zhou, D. Wilkinson, R. Schreiber, R. Pan, "Large-scale parallel collaborative filtering for
    the Netflix Prize", AAIM 2008 (ALS-WR). Y. Koren, R. Bell, C. Volinsky, "Matrix factorization
    techniques for recommender systems", IEEE Computer 42(8), 2009.

    Examples
    --------
    >>> from la4ml.recsys import make_streamrec, train_test_split, rmse
    >>> R = make_streamrec(2000, 300, n_ratings=60_000, rank=5, random_state=0)
    >>> train, test = train_test_split(R, random_state=0)
    >>> model = ALS(n_components=5, reg=0.05, max_iter=10, random_state=0).fit(train)
    >>> rmse(test.rating, model.predict(test)) < 0.6   # the noise is 0.5
    True
    >>> loss = [h["loss"] for h in model.history_]     # the objective never increases
    >>> bool(np.all(np.diff(loss) <= 0))
    True
    """

    def __init__(
        self,
        *,
        n_components: int = 10,
        reg: float = 0.1,
        max_iter: int = 15,
        weighted: bool = True,
        biases: bool = True,
        center: bool = True,
        init: Any = "random",
        dtype: Any = np.float32,
        solver: str = "auto",
        device: str | None = None,
        batch_size: int = 1_000_000,
        random_state: Any = None,
        verbose: bool = False,
        unknown: str = "warn",
    ) -> None:
        self.n_components = n_components
        self.reg = reg
        self.max_iter = max_iter
        self.weighted = weighted
        self.biases = biases
        self.center = center
        self.init = init
        self.dtype = dtype
        self.solver = solver
        self.device = device
        self.batch_size = batch_size
        self.random_state = random_state
        self.verbose = verbose
        self.unknown = unknown

    # -- checks -----------------------------------------------------------------------------------
    def _validate(self, R: Ratings) -> tuple[int, np.dtype, str]:
        k = check_rank(self.n_components, R)
        check_scalar(self.reg, "reg", min_val=0, include_min=False)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1)
        check_scalar(self.batch_size, "batch_size", kind=numbers.Integral, min_val=1)
        for flag in ("weighted", "biases", "center"):
            check_bool(getattr(self, flag), flag)
        self._check_unknown()
        dtype = np.dtype(self.dtype)
        if dtype not in (np.float32, np.float64):
            raise DTypeError(f"dtype must be numpy.float32 or numpy.float64, got {self.dtype!r}")
        if self.solver not in ("auto", "numba", "torch"):
            raise ValueError(f"solver must be 'auto', 'numba' or 'torch', got {self.solver!r}")
        solver = self.solver
        if solver == "auto":
            solver = "torch" if self.device is not None else "numba"
        if solver == "numba" and self.device not in (None, "cpu"):
            raise ValueError(
                f"solver='numba' runs on the CPU only, got device={self.device!r}; pass solver='torch' "
                "(or solver='auto') to run on a GPU"
            )
        return k, dtype, solver

    # -- fitting ----------------------------------------------------------------------------------
    def _initial_item_factors(self, R: Ratings, k: int) -> np.ndarray:
        """The item factors the first iteration starts from, float64 of shape (n_items, k)."""
        if isinstance(self.init, str) and self.init == "random":
            Y = check_random_state(self.random_state).standard_normal((R.n_items, k))
            norms = np.linalg.norm(Y, axis=1, keepdims=True)
            return Y / np.where(norms > 0, norms, 1.0)
        if isinstance(self.init, str):
            check_option(self.init, "init", ("random",),
                         hint="or pass an array of initial item factors of shape (n_items, n_components)")
        Y = check_matrix(self.init, "init")
        if Y.shape != (R.n_items, k):
            raise ShapeError(
                f"init must have shape (n_items, n_components) = ({R.n_items}, {k}), got {describe(Y)}; "
                "pass one row of initial factors per item of the training data, or init='random'"
            )
        return np.array(Y, dtype=np.float64)

    def fit(self, X: Ratings, y: Any = None, *, eval_set: Ratings | None = None) -> "ALS":
        """Fit the factors to a :class:`Ratings`; returns ``self``.

        Parameters
        ----------
        X : Ratings
            Training ratings.
        eval_set : Ratings, optional
            Held-out ratings whose RMSE is recorded in ``history_`` after each iteration.
        """
        R = check_ratings(X)
        k, dtype, solver = self._validate(R)
        Y = self._initial_item_factors(R, k).astype(dtype)
        t0 = time.perf_counter()
        self._store_training(R)
        use_bias = bool(self.biases)
        mu = float(R.rating.mean(dtype=np.float64)) if self.center else 0.0
        X_ = np.zeros((R.n_users, k), dtype=dtype)
        bu = np.zeros(R.n_users, dtype=dtype)
        bi = np.zeros(R.n_items, dtype=dtype)
        # by-user CSR is the Ratings' own order; the by-item CSR is built once
        u_ptr, u_idx, u_val = R.indptr, R.item, R.rating
        i_ptr, i_idx, i_val = _kernels.transpose_csr(u_ptr, u_idx, u_val, R.n_items)
        i_counts = np.diff(i_ptr)
        self.history_ = []
        bar = Progress(int(self.max_iter), "ALS", self.verbose)
        n_blocks = _n_blocks()
        reg = float(self.reg)
        weighted = bool(self.weighted)
        if solver == "torch":
            runner = _TorchALS(self, k, dtype, use_bias, (u_ptr, u_idx, u_val), (i_ptr, i_idx, i_val), X_, Y, bu, bi)

            def objective():
                return runner.objective(mu, reg)
        else:
            fast = _kernels.specialized_half_step(k, use_bias)
            # factors and bias of a row side by side, so one gather per rating (see padded_factors)
            Xp = _kernels.padded_factors(R.n_users, k, dtype, use_bias)
            Yp = _kernels.padded_factors(R.n_items, k, dtype, use_bias)
            Yp[:, :k] = Y

            def half(ptr, idx, val, F, out):
                # software prefetch of the factor row needed _PREFETCH ratings later: the gathers are
                # random, so without it every rating waits for memory (measured 2-10x slower)
                if fast is not None:
                    fast(ptr, idx, val, F, mu, reg, weighted, out, n_blocks, _PREFETCH)
                else:
                    _kernels.als_half_step(ptr, idx, val, F, k, mu, reg, weighted, use_bias, out, n_blocks)

            def objective():
                return _kernels.als_objective(u_ptr, u_idx, u_val, i_counts, Xp, Yp, k, mu, reg, weighted, n_blocks)

            def export():
                X_[:] = Xp[:, :k]
                Y[:] = Yp[:, :k]
                if use_bias:
                    bu[:] = Xp[:, k]
                    bi[:] = Yp[:, k]

        import numba

        # dynamic scheduling: threads take blocks of users one at a time, so a thread slowed down
        # (a busy machine, users with many ratings) does not hold the others up
        old_chunk = numba.set_parallel_chunksize(1)
        untimed = 0.0  # seconds spent evaluating the objective and the eval_set, left out of "time"
        try:
            for it in range(1, int(self.max_iter) + 1):
                if solver == "numba":
                    half(u_ptr, u_idx, u_val, Yp, Xp)
                    half(i_ptr, i_idx, i_val, Xp, Yp)
                else:
                    runner.iterate(mu, reg)
                t_it = time.perf_counter()
                sse, penalty = objective()
                row = {"iteration": it, "time": t_it - t0 - untimed, "loss": float(sse + penalty),
                       "train_rmse": float(np.sqrt(sse / len(R)))}
                if eval_set is not None:
                    if solver == "torch":
                        runner.to_numpy(X_, Y, bu, bi)
                    else:
                        export()
                    self._set(X_, Y, bu, bi, mu, use_bias)
                    row["test_rmse"] = rmse(eval_set.rating, self.predict(eval_set))
                bar.update(loss=row["loss"], train_rmse=row["train_rmse"], test_rmse=row.get("test_rmse"))
                self.history_.append(row)
                untimed += time.perf_counter() - t_it
        finally:
            numba.set_parallel_chunksize(old_chunk)
            bar.close()
        if solver == "torch":
            runner.to_numpy(X_, Y, bu, bi)
        else:
            export()
            del Xp, Yp
        self._set(X_, Y, bu, bi, mu, use_bias)
        self.n_iter_ = int(self.max_iter)
        return self

    def _set(self, X_, Y, bu, bi, mu, use_bias) -> None:
        self.user_factors_, self.item_factors_ = X_, Y
        self.user_bias_, self.item_bias_ = bu, bi
        self.mean_ = mu
        # predictions add mu + b_u + b_i (zeros where the model has none) unless all are absent
        self._use_bias = use_bias or mu != 0.0

    # -- scoring ----------------------------------------------------------------------------------
    def _scores(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        out = np.empty(u.size, dtype=np.float64)
        _kernels.predict_pairs(u, i, self.user_factors_, self.item_factors_, self.user_bias_, self.item_bias_,
                               self.mean_, self._use_bias, out)
        return out

    def _scores_all(self, u: np.ndarray) -> np.ndarray:
        S = self.user_factors_[u] @ self.item_factors_.T
        if self._use_bias:
            S = S + (self.mean_ + self.user_bias_[u])[:, None] + self.item_bias_[None, :]
        return S


class _TorchALS:
    """The torch path: Gram matrices by ``index_add_`` of outer products, batched Cholesky solves."""

    def __init__(self, est: ALS, k, dtype, use_bias, by_user, by_item, X_, Y, bu, bi) -> None:
        import torch

        from la4ml._torch import default_device

        self.torch = torch
        self.dev = default_device(est.device)
        self.tdtype = torch.float64 if dtype == np.float64 else torch.float32
        self.k, self.use_bias, self.weighted = k, use_bias, bool(est.weighted)
        self.batch = int(est.batch_size)

        def side(csr):
            ptr, idx, val = csr
            counts = np.diff(ptr)
            return (torch.as_tensor(ptr), torch.as_tensor(idx.astype(np.int64), device=self.dev),
                    torch.as_tensor(val, device=self.dev, dtype=self.tdtype),
                    torch.as_tensor(counts, device=self.dev, dtype=self.tdtype))

        self.users, self.items = side(by_user), side(by_item)
        t = lambda a: torch.as_tensor(a, device=self.dev, dtype=self.tdtype)  # noqa: E731
        self.X, self.Y, self.bu, self.bi = t(X_), t(Y), t(bu), t(bi)

    def _half(self, side, F, other_bias, mu, reg, out, out_bias) -> None:
        torch = self.torch
        ptr, idx, val, counts = side
        k = self.k
        m = k + 1 if self.use_bias else k
        n = ptr.numel() - 1
        eye = torch.eye(m, device=self.dev, dtype=self.tdtype)
        start = 0
        ptr_np = ptr.numpy()
        while start < n:
            # the largest block of rows whose ratings fit in one batch (at least one row)
            stop = int(np.searchsorted(ptr_np, ptr_np[start] + self.batch, side="right")) - 1
            stop = min(n, max(stop, start + 1))
            lo, hi = int(ptr_np[start]), int(ptr_np[stop])
            rows = torch.repeat_interleave(
                torch.arange(stop - start, device=self.dev), counts[start:stop].long(), output_size=hi - lo)
            cols = idx[lo:hi]
            Fj = F[cols]  # (nnz_batch, k)
            t = val[lo:hi] - mu
            if self.use_bias:
                Fj = torch.cat([Fj, torch.ones(hi - lo, 1, device=self.dev, dtype=self.tdtype)], dim=1)
                t = t - other_bias[cols]
            A = torch.zeros(stop - start, m, m, device=self.dev, dtype=self.tdtype)
            A.index_add_(0, rows, Fj[:, :, None] * Fj[:, None, :])
            b = torch.zeros(stop - start, m, device=self.dev, dtype=self.tdtype)
            b.index_add_(0, rows, Fj * t[:, None])
            cnt = counts[start:stop]
            lam = reg * cnt if self.weighted else torch.full_like(cnt, reg)
            lam = torch.where(cnt > 0, lam, torch.ones_like(lam))  # empty rows: identity, zero solution
            A += lam[:, None, None] * eye
            L, info = torch.linalg.cholesky_ex(A)
            if int(info.max()) > 0:  # pragma: no cover - needs reg <= 0, which is rejected
                raise np.linalg.LinAlgError("a Gram matrix was not positive definite; increase reg")
            z = torch.cholesky_solve(b[:, :, None], L)[:, :, 0]
            out[start:stop] = z[:, :k]
            if self.use_bias:
                out_bias[start:stop] = z[:, k]
            start = stop

    def iterate(self, mu, reg) -> None:
        self._half(self.users, self.Y, self.bi, mu, reg, self.X, self.bu)
        self._half(self.items, self.X, self.bu, mu, reg, self.Y, self.bi)

    def objective(self, mu, reg) -> tuple[float, float]:
        """``(sse, penalty)`` of the current factors (see ``_kernels.als_objective``), in float64."""
        torch = self.torch
        ptr, idx, val, counts = self.users
        f64 = lambda a: a.to(torch.float64)  # noqa: E731
        X, Y, bu, bi = f64(self.X), f64(self.Y), f64(self.bu), f64(self.bi)
        n = ptr.numel() - 1
        ptr_np = ptr.numpy()
        sse = torch.zeros((), device=self.dev, dtype=torch.float64)
        start = 0
        while start < n:
            stop = int(np.searchsorted(ptr_np, ptr_np[start] + self.batch, side="right")) - 1
            stop = min(n, max(stop, start + 1))
            lo, hi = int(ptr_np[start]), int(ptr_np[stop])
            rows = start + torch.repeat_interleave(
                torch.arange(stop - start, device=self.dev), counts[start:stop].long(), output_size=hi - lo)
            cols = idx[lo:hi]
            e = f64(val[lo:hi]) - mu - bu[rows] - bi[cols] - (X[rows] * Y[cols]).sum(dim=1)
            sse += e @ e
            start = stop
        wu = f64(self.users[3]) if self.weighted else torch.ones_like(bu)
        wi = f64(self.items[3]) if self.weighted else torch.ones_like(bi)
        pen = wu @ ((X * X).sum(dim=1) + bu * bu) + wi @ ((Y * Y).sum(dim=1) + bi * bi)
        return float(sse), float(reg * pen)

    def to_numpy(self, X_, Y, bu, bi) -> None:
        X_[:] = self.X.cpu().numpy()
        Y[:] = self.Y.cpu().numpy()
        bu[:] = self.bu.cpu().numpy()
        bi[:] = self.bi.cpu().numpy()
