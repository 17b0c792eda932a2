"""What every recommender shares: input checks, the baseline fallback, predict and recommend."""

from __future__ import annotations

import numbers
import sys
import time
import warnings
from typing import Any

import numpy as np

from la4ml._validation import check_bool, check_option, check_scalar, describe
from la4ml.errors import DTypeError, OutOfRangeError, ShapeError
from la4ml.recsys._data import Ratings
from la4ml.recsys._errors import ColdStartWarning, UnknownIdError

_UNKNOWN_POLICIES = ("warn", "error", "ignore")


def check_ratings(X: Any, name: str = "X") -> Ratings:
    """Accept a :class:`Ratings`, or an array of shape (n, 3) of (user, item, rating) raw triples."""
    if isinstance(X, Ratings):
        if len(X) == 0:
            from la4ml.errors import EmptyInputError

            raise EmptyInputError(f"{name} has no ratings; fit needs at least one")
        return X
    arr = np.asarray(X) if not isinstance(X, tuple) else None
    if arr is not None and arr.ndim == 2 and arr.shape[1] == 3 and arr.dtype.kind in "iuf":
        return Ratings.from_raw(arr[:, 0], arr[:, 1], arr[:, 2])
    raise DTypeError(
        f"{name} must be a la4ml.recsys.Ratings or an array of (user, item, rating) rows, got {describe(X)}; "
        "build one with Ratings(user, item, rating) or Ratings.from_raw(...)"
    )


def regularized_biases(R: Ratings, reg: float = 5.0, n_iter: int = 3):
    """Global mean and damped user/item biases (Koren's baseline), by a few alternating passes.

    ``b_i = sum_u (r_ui - mu - b_u) / (reg + n_i)`` and ``b_u = sum_i (r_ui - mu - b_i) / (reg + n_u)``.
    """
    from la4ml.recsys import _kernels

    reg = float(reg)  # an int beyond C long (10**30) would not mix with NumPy's counts
    mu = float(R.rating.mean(dtype=np.float64))
    n_u = np.diff(R.indptr)
    n_i = np.bincount(R.item, minlength=R.n_items)
    bu = np.zeros(R.n_users)
    bi = np.zeros(R.n_items)
    for _ in range(n_iter):  # compiled sums: no n_ratings-sized temporaries at 100 million ratings
        bi = _kernels.residual_sums(R.item, R.user, R.rating, mu, bu, R.n_items) / (reg + n_i)
        bu = _kernels.residual_sums(R.user, R.item, R.rating, mu, bi, R.n_users) / (reg + n_u)
    return mu, bu, bi


class Progress:
    """A progress bar over iterations: tqdm when it is installed, else one line on stderr."""

    def __init__(self, total: int, desc: str, enabled: bool) -> None:
        self.enabled = bool(enabled)
        self._bar = None
        self._n = 0
        self.total = total
        self.desc = desc
        if self.enabled:
            try:
                from tqdm.auto import tqdm

                self._bar = tqdm(total=total, desc=desc, leave=True)
            except ImportError:
                self._bar = None
        self._t0 = time.perf_counter()

    def update(self, **stats: float) -> None:
        if not self.enabled:
            return
        self._n += 1
        text = ", ".join(f"{k}={v:.4f}" for k, v in stats.items() if v is not None)
        if self._bar is not None:
            self._bar.set_postfix_str(text, refresh=False)
            self._bar.update(1)
        else:
            width = 20
            done = int(width * self._n / max(1, self.total))
            sys.stderr.write(
                f"\r{self.desc} [{'#' * done}{'.' * (width - done)}] {self._n}/{self.total} "
                f"{time.perf_counter() - self._t0:.1f}s {text}"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            sys.stderr.write("\n")


class RecommenderBase:
    """Shared machinery. Subclasses implement ``_fit(R)`` and ``_scores(u_idx, i_idx)`` /
    ``_scores_all(u_idx)`` on indices of known users and items, and set ``self._baseline``."""

    def _check_unknown(self) -> None:
        check_option(getattr(self, "unknown", "warn"), "unknown", _UNKNOWN_POLICIES)

    def _store_training(self, R: Ratings) -> None:
        self.user_map_ = R.user_map
        self.item_map_ = R.item_map
        self.n_users_ = R.n_users
        self.n_items_ = R.n_items
        self.rating_scale_ = R.rating_scale
        self._seen_indptr = R.indptr
        self._seen_items = R.item
        mu, bu, bi = regularized_biases(R)
        self.baseline_ = {"mean": mu, "user_bias": bu, "item_bias": bi}

    def _check_fitted(self) -> None:
        if not hasattr(self, "user_map_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet; call fit(ratings) before predict or recommend"
            )

    # -- mapping raw ids --------------------------------------------------------------------------
    def _lookup(self, users: Any, items: Any):
        if isinstance(users, Ratings) and items is None:
            X = users
            if X.user_map == self.user_map_ and X.item_map == self.item_map_:
                n = len(X)
                return X.user.astype(np.int64), X.item.astype(np.int64), np.ones(n, bool), np.ones(n, bool)
            users, items = X.raw_users, X.raw_items
        if items is None:
            raise DTypeError(
                f"predict needs users and items (arrays of raw ids of equal length), or one Ratings; got users="
                f"{describe(users)} and no items"
            )
        users = np.atleast_1d(_ids_array(users, "users"))
        items = np.atleast_1d(_ids_array(items, "items"))
        if users.ndim != 1 or items.ndim != 1 or users.shape != items.shape:
            raise ShapeError(
                f"users and items must be 1-D arrays of the same length, got {describe(users)} and {describe(items)}"
            )
        u, ku = self.user_map_.lookup(users)
        i, ki = self.item_map_.lookup(items)
        return u, i, ku, ki

    def _report_unknown(self, ku: np.ndarray, ki: np.ndarray, users: Any, items: Any) -> None:
        n_bad_u = int(np.count_nonzero(~ku))
        n_bad_i = int(np.count_nonzero(~ki))
        if not (n_bad_u or n_bad_i):
            return
        parts = []
        if n_bad_u:
            first = _first(users, ku) if not isinstance(users, Ratings) else "?"
            parts.append(f"{n_bad_u} unknown user(s) (first: {first!r})")
        if n_bad_i:
            first = _first(items, ki) if not isinstance(users, Ratings) else "?"
            parts.append(f"{n_bad_i} unknown item(s) (first: {first!r})")
        msg = (
            f"{' and '.join(parts)} never seen in training; "
        )
        if self.unknown == "error":
            raise UnknownIdError(msg + "pass unknown='warn' to fall back to the baseline (mean + known biases)")
        if self.unknown == "warn":
            warnings.warn(msg + "their predictions fall back to the baseline (mean + known biases)",
                          ColdStartWarning, stacklevel=3)

    # -- public API -------------------------------------------------------------------------------
    def predict(self, users: Any, items: Any = None, *, clip: bool = True) -> np.ndarray:
        """Predicted ratings for pairs of raw ids (or for every pair of a :class:`Ratings`).

        Parameters
        ----------
        users, items : array_like of shape (n,)
            Raw user and item ids (as in the training data). Alternatively pass one ``Ratings``.
        clip : bool, default True
            Clip predictions to the training rating scale.

        Returns
        -------
        y_hat : ndarray of float64, shape (n,)
            Unknown users or items get the baseline (global mean plus the known bias) with a
            :class:`ColdStartWarning` (``unknown="warn"``), or raise ``UnknownIdError`` (``"error"``).
        """
        self._check_fitted()
        u, i, ku, ki = self._lookup(users, items)
        self._report_unknown(ku, ki, users, items)
        both = ku & ki
        y_hat = np.empty(u.size, dtype=np.float64)
        if both.all():
            y_hat[:] = self._scores(u, i)
        else:
            y_hat[both] = self._scores(u[both], i[both])
            b = self.baseline_
            rest = ~both
            y_hat[rest] = b["mean"] + np.where(ku[rest], b["user_bias"][u[rest]], 0.0) + np.where(
                ki[rest], b["item_bias"][i[rest]], 0.0)
        if clip:
            np.clip(y_hat, *self.rating_scale_, out=y_hat)
        return y_hat

    def _top_n(self, u_idx: np.ndarray, n: int, exclude_seen: bool, chunk: int = 1024):
        """Top-n item indices (best first) and scores for each known user index."""
        n = min(n, self.n_items_)
        out_items = np.empty((u_idx.size, n), dtype=np.int64)
        out_scores = np.empty((u_idx.size, n), dtype=np.float64)
        for s in range(0, u_idx.size, chunk):
            uu = u_idx[s:s + chunk]
            S = np.array(self._scores_all(uu), dtype=np.float64)  # (chunk, n_items)
            if exclude_seen:
                for row, u in enumerate(uu):
                    S[row, self._seen_items[self._seen_indptr[u]:self._seen_indptr[u + 1]]] = -np.inf
            top = np.argpartition(-S, n - 1, axis=1)[:, :n] if n < S.shape[1] else np.tile(np.arange(S.shape[1]), (len(uu), 1))
            ts = np.take_along_axis(S, top, axis=1)
            order = np.argsort(-ts, axis=1, kind="stable")
            out_items[s:s + chunk] = np.take_along_axis(top, order, axis=1)
            out_scores[s:s + chunk] = np.take_along_axis(ts, order, axis=1)
        return out_items, out_scores

    def recommend(self, user: Any, n: int = 10, *, exclude_seen: bool = True, return_scores: bool = False):
        """The ``n`` items with the highest predicted rating for one user (raw ids, best first).

        Parameters
        ----------
        user : raw user id
        n : int, default 10
        exclude_seen : bool, default True
            Leave out the items the user rated in the training data.
        return_scores : bool, default False
            Also return the predicted ratings of the recommended items.

        Returns
        -------
        items : ndarray of raw item ids, shape (<= n,)
        scores : ndarray of float64, optional

        Notes
        -----
        A user never seen in training gets the items with the highest baseline (mean + item
        bias) and a :class:`ColdStartWarning`, or ``UnknownIdError`` when ``unknown="error"``.
        """
        self._check_fitted()
        check_scalar(n, "n", kind=numbers.Integral, min_val=1)
        exclude_seen = check_bool(exclude_seen, "exclude_seen")
        return_scores = check_bool(return_scores, "return_scores")
        if isinstance(user, (list, tuple, set, dict)) or np.ndim(user) != 0:
            raise DTypeError(
                f"user must be one raw user id, got {describe(user)}; recommend works one user at a time: "
                "call it in a loop, e.g. [model.recommend(u) for u in users]"
            )
        idx, known = self.user_map_.lookup(np.asarray([user]))
        if known[0]:
            items, scores = self._top_n(idx, int(n), exclude_seen)
            items, scores = items[0], scores[0]
        else:
            if self.unknown == "error":
                self.user_map_.index(user)  # raises UnknownIdError with the full explanation
            if self.unknown == "warn":
                warnings.warn(
                    f"user {user!r} was never seen in training; recommending the items with the highest baseline",
                    ColdStartWarning, stacklevel=2)
            S = self.baseline_["mean"] + self.baseline_["item_bias"]
            k = min(int(n), S.size)
            items = np.argsort(-S, kind="stable")[:k]
            scores = S[items]
        keep = np.isfinite(scores)
        items, scores = self.item_map_.ids[items[keep]], np.clip(scores[keep], *self.rating_scale_)
        return (items, scores) if return_scores else items

    def _history_row(self, it, t0, R, eval_set, loss=None, train_sse=None):
        row = {"iteration": it, "time": time.perf_counter() - t0}
        if loss is not None:
            row["loss"] = loss
        if train_sse is not None:
            row["train_rmse"] = float(np.sqrt(train_sse / len(R)))
        if eval_set is not None:
            from la4ml.recsys._metrics import rmse

            row["test_rmse"] = rmse(eval_set.rating, self.predict(eval_set))
        return row


def _ids_array(ids: Any, name: str) -> np.ndarray:
    """Raw ids as an array; a ragged nested list is refused by name."""
    try:
        return np.asarray(ids)
    except ValueError as exc:
        raise ShapeError(f"{name} must be a flat sequence of raw ids, got a ragged {type(ids).__name__}") from exc


def _first(ids: Any, known: np.ndarray) -> Any:
    """The first unknown id, as a plain Python value for the message (None stays None)."""
    v = np.asarray(ids).reshape(-1)[int(np.argmax(~known))]
    return v.item() if hasattr(v, "item") else v


def check_rank(n_components: Any, R: Ratings, name: str = "n_components") -> int:
    """Rank must be a positive integer no larger than min(n_users, n_items)."""
    import numbers

    from la4ml._validation import check_scalar

    check_scalar(n_components, name, kind=numbers.Integral, min_val=1)
    limit = min(R.n_users, R.n_items)
    if n_components > limit:
        raise OutOfRangeError(
            f"{name}={n_components} is larger than min(n_users, n_items) = min({R.n_users}, {R.n_items}) = {limit}; "
            f"a rank-{n_components} factorization of this matrix is not identifiable: pass {name} <= {limit}"
        )
    return int(n_components)


#: Hogwild threads per core beyond which more threads only contend for the same cores
_THREADS_PER_CORE = 4


def check_n_jobs(n_jobs: Any) -> int:
    """The number of threads to run: ``-1`` for every core numba may use, else an int in ``1..4 * cores``.

    A huge ``n_jobs`` used to be accepted and then ran out of memory building one work slice
    per thread (a bare ``MemoryError``); threads beyond a few per core add nothing but contention.
    """
    import numbers
    import os

    from la4ml._validation import check_scalar
    from la4ml.errors import OutOfRangeError

    if not isinstance(n_jobs, (bool, np.bool_)) and isinstance(n_jobs, (int, np.integer)) and n_jobs == -1:
        import numba

        return int(numba.get_num_threads())
    check_scalar(n_jobs, "n_jobs", kind=numbers.Integral, min_val=1)
    cores = os.cpu_count() or 1
    limit = _THREADS_PER_CORE * cores
    if n_jobs > limit:
        raise OutOfRangeError(
            f"n_jobs={n_jobs!r} asks for more threads than this machine can use ({cores} cores, at most "
            f"{_THREADS_PER_CORE} threads per core: {limit}); pass n_jobs=-1 to use every core, or a number "
            f"up to {limit}"
        )
    return int(n_jobs)
