"""Ratings data: the COO container with id maps, the StreamRec generator, MovieLens loaders, splits."""

from __future__ import annotations

import io
import math
import numbers
import os
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from la4ml._validation import (
    as_float_array,
    check_bool,
    check_in_range,
    check_option,
    check_path,
    check_random_state,
    check_same_length,
    check_scalar,
    check_size,
    describe,
)
from la4ml.errors import (
    DatasetNotFoundError,
    DTypeError,
    EmptyInputError,
    InvalidParameterError,
    NonFiniteError,
    OutOfRangeError,
    ShapeError,
)
from la4ml.recsys import _kernels
from la4ml.recsys._errors import DuplicateRatingError, RatingsFormatError, UnknownIdError

__all__ = [
    "IdMap",
    "Ratings",
    "make_streamrec",
    "streamrec_chunks",
    "load_movielens",
    "train_test_split",
]

_DUPLICATE_POLICIES = {"error": -1, "mean": 0, "first": 1, "last": 2}


class IdMap:
    """Map raw ids (any sortable values) to contiguous indices ``0..n-1`` and back.

    ``IdMap(n)`` is the identity on ``range(n)`` and stores nothing; ``IdMap.from_values(raw)``
    keeps the sorted unique raw ids, so looking one up is a binary search.
    """

    def __init__(self, n: int, ids: np.ndarray | None = None, *, kind: str = "user") -> None:
        check_scalar(n, "n", kind=numbers.Integral, min_val=0, max_val=np.iinfo(np.int32).max)
        if not isinstance(kind, str):
            raise DTypeError(f"kind must be a string such as 'user' or 'item', got {kind!r}")
        if ids is not None:
            ids = np.asarray(ids)
            if ids.shape != (int(n),):
                raise ShapeError(f"ids must have shape ({int(n)},), one raw id per index, got {describe(ids)}")
        self.n = int(n)
        self._ids = ids
        self.kind = kind

    @classmethod
    def from_values(cls, raw: Any, *, kind: str = "user") -> tuple["IdMap", np.ndarray]:
        """Build the map from raw ids; return it and the index of each raw value."""
        raw = _raw_ids(raw, f"{kind} ids")
        ids, inverse = np.unique(raw, return_inverse=True)
        return cls(ids.size, ids, kind=kind), inverse.astype(np.int32).reshape(-1)

    @property
    def ids(self) -> np.ndarray:
        """Raw id of each index (``arange(n)`` for the identity map)."""
        return np.arange(self.n) if self._ids is None else self._ids

    @property
    def is_identity(self) -> bool:
        return self._ids is None

    def lookup(self, raw: Any) -> tuple[np.ndarray, np.ndarray]:
        """Indices of ``raw`` ids and a mask of which were known (unknown ones get index 0)."""
        raw = np.asarray(raw)
        if self._ids is None:
            if raw.dtype.kind not in "iuf" and raw.size:
                return np.zeros(raw.shape, np.int64), np.zeros(raw.shape, bool)
            known = (raw >= 0) & (raw < self.n) & (raw == np.floor(raw)) if raw.size else raw.astype(bool)
            idx = np.where(known, raw, 0).astype(np.int64)
            return idx, known
        if self.n == 0:  # an empty map knows no id (searchsorted would point past its end)
            return np.zeros(raw.shape, np.int64), np.zeros(raw.shape, bool)
        try:
            pos = np.searchsorted(self._ids, raw)
            pos = np.minimum(pos, self.n - 1)
            known = np.asarray(self._ids[pos] == raw, bool)
        except (TypeError, ValueError):  # e.g. strings looked up in an integer map, None among strings
            return np.zeros(raw.shape, np.int64), np.zeros(raw.shape, bool)
        return np.where(known, pos, 0).astype(np.int64), known

    def index(self, raw: Any) -> int:
        """Index of one raw id; raises :class:`UnknownIdError` if it was never seen."""
        if isinstance(raw, (list, tuple, set, dict)) or np.ndim(raw) != 0:
            raise DTypeError(
                f"raw must be one {self.kind} id, got {describe(raw)}; to look up several ids at once use "
                f"lookup(ids), which returns their indices and which of them are known"
            )
        idx, known = self.lookup(np.asarray([raw]))
        if not known[0]:
            sample = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in self.ids[:3])
            nan = isinstance(raw, (float, np.floating)) and raw != raw
            raise UnknownIdError(
                f"{self.kind} id {raw!r} was never seen in the training data ({self.n} known {self.kind}s"
                + (f", for example {sample}" if self.n else ", none at all") + "); "
                + ("NaN is a missing id, never a real one: drop the rows that lack it" if nan else
                   "check the id's type and spelling, or fit on data that contains it")
            )
        return int(idx[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IdMap) or other.n != self.n:
            return False
        if self._ids is None or other._ids is None:
            return self._ids is None and other._ids is None
        return self._ids is other._ids or np.array_equal(self._ids, other._ids)

    def __repr__(self) -> str:
        return f"IdMap(n={self.n}, {'identity' if self._ids is None else 'raw ids'})"


def _asarray(a: Any, name: str) -> np.ndarray:
    """``np.asarray(a)``, with a ragged nested list refused by name."""
    try:
        return np.asarray(a)
    except ValueError as exc:
        raise ShapeError(f"{name} must be a flat sequence, got a ragged {type(a).__name__}; make it 1-D") from exc


def _raw_ids(raw: Any, name: str) -> np.ndarray:
    """Raw ids: a 1-D array of mutually sortable values (all numbers or all strings), no NaN, no None."""
    arr = _asarray(raw, name)
    if arr.ndim != 1:
        raise ShapeError(f"{name} must be a 1-D sequence of ids, got {describe(arr)}")
    if arr.dtype.kind == "f" and arr.size and not np.all(np.isfinite(arr)):
        i = int(np.argmax(~np.isfinite(arr)))
        raise NonFiniteError(
            f"{name} must not contain NaN or infinity (a missing id is not an id), got {arr[i]} at position {i}; "
            "drop the rows with a missing id, or fill them with an id of their own"
        )
    if arr.dtype.kind in "cV" or arr.dtype == bool:
        raise DTypeError(f"{name} must be integers or strings, got {describe(arr)}")
    if arr.dtype == object:
        kinds = {type(v).__name__ for v in arr.tolist()}
        bad = [v for v in arr.tolist() if v is None or (isinstance(v, float) and v != v)]
        if bad or len({"str" if k == "str" else "number" if k in ("int", "float") else k for k in kinds}) > 1:
            raise DTypeError(
                f"{name} must all be strings or all numbers (ids are sorted), got a mix of {sorted(kinds)}"
                + ("; None or NaN marks a missing id: drop those rows" if bad else "; convert them to one type")
            )
    return arr


def _as_index_array(a: Any, name: str, n: int | None) -> tuple[np.ndarray, int]:
    arr = _asarray(a, name)
    if arr.ndim != 1:
        raise ShapeError(f"{name} must be a 1-D array of indices, got {describe(arr)}")
    if n is not None:
        check_scalar(n, f"n_{name}s", kind=numbers.Integral, min_val=0)
    if arr.dtype.kind == "f":
        if arr.size and not np.all(np.isfinite(arr)) or not np.all(arr == np.floor(arr)):
            raise DTypeError(
                f"{name} must hold whole-number indices, got {describe(arr)} with fractional or NaN values; "
                "use Ratings.from_raw(...) for arbitrary ids"
            )
    elif arr.dtype.kind not in "iu":
        raise DTypeError(
            f"{name} must hold integer indices 0..n-1, got {describe(arr)}; "
            "use Ratings.from_raw(users, items, ratings) to map raw ids (strings, sparse ints) to indices"
        )
    if arr.size and arr.min() < 0:
        i = int(np.argmin(arr))
        raise OutOfRangeError(f"{name} must be non-negative indices, got {arr[i].item()} at position {i}")
    top = int(arr.max()) + 1 if arr.size else 0
    if n is None:
        n = top
    elif top > n:
        i = int(np.argmax(arr))
        raise OutOfRangeError(
            f"{name} index {arr[i].item()} at position {i} is out of range for {n} rows; "
            f"pass n_{name}s >= {top} or check the data"
        )
    if n > np.iinfo(np.int32).max:
        raise OutOfRangeError(f"at most 2**31 - 1 {name}s are supported, got {n}")
    return arr.astype(np.int32, copy=False), int(n)


def _check_scale(rating_scale: Any) -> tuple[float, float]:
    """``(low, high)``: two finite real numbers with ``low <= high``."""
    pair = tuple(rating_scale) if isinstance(rating_scale, (tuple, list, np.ndarray)) else None
    if pair is None or len(pair) != 2 or not all(
        isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in pair
    ):
        raise DTypeError(f"rating_scale must be a pair of numbers (low, high), such as (1, 5), got {rating_scale!r}")
    low, high = float(pair[0]), float(pair[1])
    if not (np.isfinite(low) and np.isfinite(high) and low <= high):
        raise OutOfRangeError(f"rating_scale must be (low, high) with finite low <= high, got {rating_scale!r}")
    return low, high


class Ratings:
    """Explicit ratings as COO arrays, sorted by (user, item), with raw-id maps.

    Parameters
    ----------
    user, item : array_like of int, shape (n_ratings,)
        Contiguous indices ``0..n_users-1`` and ``0..n_items-1``. For arbitrary raw ids
        (strings, sparse integers) use :meth:`Ratings.from_raw`.
    rating : array_like of float, shape (n_ratings,)
        The ratings; stored as float32.
    n_users, n_items : int, optional
        Sizes of the index spaces (default: largest index + 1).
    user_map, item_map : IdMap, optional
        Raw ids of the indices (default: the identity, raw id = index).
    rating_scale : (float, float), optional
        Declared (low, high) scale; ratings outside it raise :class:`~la4ml.errors.OutOfRangeError`.
        Defaults to the observed range.
    duplicates : {"error", "mean", "first", "last"}, default "error"
        What to do when one (user, item) pair appears more than once: raise
        :class:`DuplicateRatingError`, or keep the mean, the first or the last rating (in input order).

    Attributes
    ----------
    user, item : ndarray of int32, rating : ndarray of float32
        The entries, sorted by user then item, without repeated pairs.
    indptr : ndarray of int64, shape (n_users + 1,)
        Row pointers of the user-major CSR: user ``u``'s entries are ``indptr[u]:indptr[u+1]``.

    Raises
    ------
    NonFiniteError, OutOfRangeError, DuplicateRatingError, EmptyInputError, ShapeError, DTypeError

    Examples
    --------
    >>> r = Ratings.from_raw(["ann", "bob", "ann"], ["m1", "m1", "m2"], [4, 3, 5], rating_scale=(1, 5))
    >>> r.shape, len(r)
    ((2, 2), 3)
    >>> np.allclose(r.to_csr().toarray(), [[4, 5], [3, 0]])
    True
    """

    def __init__(
        self,
        user: Any,
        item: Any,
        rating: Any,
        *,
        n_users: int | None = None,
        n_items: int | None = None,
        user_map: IdMap | None = None,
        item_map: IdMap | None = None,
        rating_scale: tuple[float, float] | None = None,
        duplicates: str = "error",
        allow_empty: bool = False,
    ) -> None:
        check_option(duplicates, "duplicates", sorted(_DUPLICATE_POLICIES))
        allow_empty = check_bool(allow_empty, "allow_empty")
        for which, m in (("user_map", user_map), ("item_map", item_map)):
            if m is not None and not isinstance(m, IdMap):
                raise DTypeError(
                    f"{which} must be a la4ml.recsys.IdMap (or None for raw id = index), got {describe(m)}; "
                    "build one with IdMap.from_values(raw_ids), or use Ratings.from_raw(...)"
                )
        if user_map is not None:
            n_users = user_map.n
        if item_map is not None:
            n_items = item_map.n
        rating = as_float_array(rating, "rating")
        if rating.ndim != 1:
            raise ShapeError(f"rating must be a 1-D array, got {describe(rating)}")
        user, n_users = _as_index_array(user, "user", n_users)
        item, n_items = _as_index_array(item, "item", n_items)
        check_same_length(user=user, item=item, rating=rating)
        if rating.size == 0 and not allow_empty:
            raise EmptyInputError(
                "ratings must not be empty, got 0 ratings; check the file or the filter that produced them"
            )
        if rating.size and not np.all(np.isfinite(rating)):
            i = int(np.argmax(~np.isfinite(rating)))
            raise NonFiniteError(
                f"rating must be finite, got {rating[i]} at index {i} (user {user[i]}, item {item[i]}); "
                "drop or impute the missing ratings before building Ratings"
            )
        big = float(np.finfo(np.float32).max)
        if rating.size and float(np.max(np.abs(rating))) > big:
            i = int(np.argmax(np.abs(rating)))
            raise OutOfRangeError(
                f"rating must fit float32 (|r| <= {big:.4g}), got {rating[i]} at index {i}; ratings are stored as "
                "float32: rescale them"
            )
        if rating_scale is None:
            rating_scale = (float(rating.min()), float(rating.max())) if rating.size else (0.0, 0.0)
        else:
            rating_scale = _check_scale(rating_scale)
            check_in_range(
                rating, "rating", *rating_scale,
                hint="fix the data or declare the right rating_scale=(low, high)",
            )
        rating = rating.astype(np.float32, copy=False)

        if not _kernels.is_canonical(user, item):
            indptr, perm = _kernels.counting_sort(user, n_users)
            _kernels.sort_segments(indptr, perm, item)
            user, item, rating = user[perm], item[perm], rating[perm]
            del perm
            n_dup, first = _kernels.find_duplicates(user, item)
            if n_dup:
                if duplicates == "error":
                    u_raw = (user_map or IdMap(n_users)).ids[user[first]].item()
                    i_raw = (item_map or IdMap(n_items)).ids[item[first]].item()
                    raise DuplicateRatingError(
                        f"(user, item) pairs must be unique, but {n_dup} repeat; the first is "
                        f"user {u_raw!r}, item {i_raw!r}; pass duplicates='mean', 'first' or 'last' "
                        "to keep one rating per pair"
                    )
                keep, merged = _kernels.merge_duplicates(user, item, rating, _DUPLICATE_POLICIES[duplicates])
                user, item, rating = user[keep], item[keep], merged[keep]
        self.user = np.ascontiguousarray(user)
        self.item = np.ascontiguousarray(item)
        self.rating = np.ascontiguousarray(rating)
        self.n_users = int(n_users)
        self.n_items = int(n_items)
        self.user_map = user_map if user_map is not None else IdMap(n_users, kind="user")
        self.item_map = item_map if item_map is not None else IdMap(n_items, kind="item")
        self.rating_scale = rating_scale
        self._indptr: np.ndarray | None = None

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_raw(
        cls,
        users: Any,
        items: Any,
        ratings: Any,
        *,
        rating_scale: tuple[float, float] | None = None,
        duplicates: str = "error",
    ) -> "Ratings":
        """Build from raw ids of any sortable kind; indices follow the sorted order of the ids."""
        users, items = _raw_ids(users, "users"), _raw_ids(items, "items")
        check_same_length(users=users, items=items, ratings=_asarray(ratings, "ratings").reshape(-1))
        if users.size == 0:
            raise EmptyInputError("ratings must not be empty, got 0 ratings")
        umap, u = IdMap.from_values(users, kind="user")
        imap, i = IdMap.from_values(items, kind="item")
        return cls(u, i, ratings, user_map=umap, item_map=imap, rating_scale=rating_scale, duplicates=duplicates)

    def _with(self, mask: np.ndarray) -> "Ratings":
        """A subset of the entries, sharing the id maps (so indices stay comparable)."""
        new = object.__new__(Ratings)
        new.user, new.item, new.rating = self.user[mask], self.item[mask], self.rating[mask]
        new.n_users, new.n_items = self.n_users, self.n_items
        new.user_map, new.item_map = self.user_map, self.item_map
        new.rating_scale = self.rating_scale
        new._indptr = None
        return new

    # -- views ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.rating.size)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.n_users, self.n_items)

    @property
    def density(self) -> float:
        return len(self) / max(1, self.n_users * self.n_items)

    @property
    def indptr(self) -> np.ndarray:
        if self._indptr is None:
            counts = np.bincount(self.user, minlength=self.n_users)
            self._indptr = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        return self._indptr

    def user_index(self, raw: Any) -> int:
        """Index of a raw user id (raises :class:`UnknownIdError` with a hint if never seen)."""
        return self.user_map.index(raw)

    def item_index(self, raw: Any) -> int:
        """Index of a raw item id (raises :class:`UnknownIdError` with a hint if never seen)."""
        return self.item_map.index(raw)

    @property
    def raw_users(self) -> np.ndarray:
        return self.user_map.ids[self.user]

    @property
    def raw_items(self) -> np.ndarray:
        return self.item_map.ids[self.item]

    def to_csr(self):
        """The ratings as a ``scipy.sparse.csr_array`` of shape ``(n_users, n_items)``."""
        import scipy.sparse as sp

        return sp.csr_array((self.rating, self.item, self.indptr), shape=self.shape)

    def to_dense(self, fill: float = np.nan) -> np.ndarray:
        """Dense ``(n_users, n_items)`` float64 matrix with ``fill`` where nothing was rated."""
        D = np.full(self.shape, fill, dtype=np.float64)
        D[self.user, self.item] = self.rating
        return D

    def to_parquet(self, path: str | os.PathLike) -> None:
        """Write columns ``user, item, rating`` (indices, int32/float32) to a Parquet file."""
        path = Path(check_path(path))
        if path.is_dir():
            raise InvalidParameterError(f"path {str(path)!r} is a folder; give the name of the file to write")
        if not path.parent.is_dir():
            raise DatasetNotFoundError(f"cannot write {str(path)!r}: the folder {str(path.parent)!r} does not exist")
        pa, pq = _import_pyarrow()
        table = pa.table({"user": self.user, "item": self.item, "rating": self.rating})
        try:
            pq.write_table(table, str(path))
        except OSError as exc:  # permissions, a full disk: pyarrow's message, with the path
            raise DatasetNotFoundError(f"cannot write the Parquet file {str(path)!r}: {exc}") from None

    @classmethod
    def read_parquet(cls, path: str | os.PathLike, **kwargs: Any) -> "Ratings":
        """Read a Parquet file with integer columns ``user, item`` and a numeric ``rating``."""
        pa, pq = _import_pyarrow()
        path = check_path(path)
        if not Path(path).exists():
            raise DatasetNotFoundError(f"no Parquet file or folder at {str(path)!r}")
        expected = "integer columns user, item and a numeric column rating, as Ratings.to_parquet writes"
        try:
            t = pq.read_table(str(path), columns=["user", "item", "rating"])
            columns = [t.column(c).to_numpy() for c in ("user", "item", "rating")]
        except (pa.ArrowException, OSError, ValueError) as exc:  # not Parquet, empty, columns missing
            raise RatingsFormatError(
                f"{str(path)!r} cannot be read as ratings: {str(exc).splitlines()[0][:200]}; expected a Parquet "
                f"file or folder with {expected}"
            ) from None
        kinds = [c.dtype.kind for c in columns]
        if kinds[0] not in "iu" or kinds[1] not in "iu" or kinds[2] not in "iuf":
            raise RatingsFormatError(
                f"{str(path)!r} has columns of types {[str(c.dtype) for c in columns]}; expected {expected}"
            )
        return cls(*columns, **kwargs)

    def __repr__(self) -> str:
        return (
            f"Ratings({len(self)} ratings, {self.n_users} users x {self.n_items} items, "
            f"density {self.density:.3g}, scale {self.rating_scale})"
        )


def _import_pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "reading and writing Parquet needs pyarrow: pip install 'la4ml[spark]' or pip install pyarrow"
        ) from exc
    return pa, pq


# ----------------------------------------------------------------------------------------------
# StreamRec: a synthetic low-rank ratings generator
# ----------------------------------------------------------------------------------------------


def _streamrec_plan(n_users, n_items, n_ratings, density, rank, noise, popularity, random_state, min_per_user):
    check_scalar(n_users, "n_users", kind=numbers.Integral, min_val=1)
    check_scalar(n_items, "n_items", kind=numbers.Integral, min_val=1)
    check_scalar(rank, "rank", kind=numbers.Integral, min_val=1)
    check_scalar(noise, "noise", min_val=0)
    check_scalar(popularity, "popularity", min_val=0)
    check_scalar(min_per_user, "min_per_user", kind=numbers.Integral, min_val=0)
    check_size(n_items * rank, "n_items * rank", hint="the item factors are kept in memory")
    check_size(n_users, "n_users", hint="one rating count per user is kept in memory")
    if (n_ratings is None) == (density is None):
        raise InvalidParameterError(
            f"pass exactly one of n_ratings or density, got {'both' if density is not None else 'neither'}"
        )
    if density is not None:
        check_scalar(density, "density", min_val=0, max_val=1, include_min=False)
        n_ratings = int(round(density * n_users * n_items))
    check_scalar(n_ratings, "n_ratings", kind=numbers.Integral, min_val=1, max_val=n_users * n_items)
    check_size(n_ratings, "n_ratings", itemsize=12, hint="stream them with streamrec_chunks instead")
    if isinstance(random_state, (bool, np.bool_)) or not isinstance(random_state, (numbers.Integral, type(None))):
        raise DTypeError(f"random_state must be an int or None for StreamRec, got {random_state!r}")
    if random_state is not None and random_state < 0:
        raise OutOfRangeError(f"random_state must be an int >= 0 (a seed), got {random_state!r}")
    seed = np.random.SeedSequence(random_state)
    s_plan, s_items, s_chunks = seed.spawn(3)
    rng = np.random.default_rng(s_plan)
    min_per_user = min(min_per_user, n_items, n_ratings // n_users)
    activity = rng.lognormal(0.0, 0.6, size=n_users)
    counts = rng.multinomial(n_ratings - min_per_user * n_users, activity / activity.sum()) + min_per_user
    # users cannot rate more items than exist: move the overflow to users with room
    over = counts - n_items
    excess = int(over[over > 0].sum())
    np.minimum(counts, n_items, out=counts)
    while excess > 0:
        free = np.flatnonzero(counts < n_items)
        give = np.minimum(n_items - counts[free], -(-excess // free.size))
        cum = np.cumsum(give)
        if cum[-1] <= excess:
            counts[free] += give
            excess -= int(cum[-1])
            continue
        stop = int(np.searchsorted(cum, excess))  # first position where the running total reaches excess
        give = give[: stop + 1]
        give[-1] -= int(cum[stop]) - excess
        counts[free[: stop + 1]] += give
        excess = 0
    rng_i = np.random.default_rng(s_items)
    scale = (0.8**2 / rank) ** 0.25  # x.y has standard deviation ~0.8
    V = rng_i.normal(0.0, scale, size=(n_items, rank))
    item_bias = rng_i.normal(0.0, 0.3, size=n_items)
    if popularity > 0:
        if float(popularity) < 700 / math.log(max(n_items, 2)):  # i**popularity stays below the largest float
            p = 1.0 / np.arange(1, n_items + 1) ** popularity
        else:  # p_i proportional to i**-popularity, from logarithms: the power itself would overflow
            with np.errstate(over="ignore"):  # -inf logs for i > 1 give p_i = 0, as they should
                p = np.exp(-float(popularity) * np.log(np.arange(1, n_items + 1)))
        p = p[rng_i.permutation(n_items)]
        p /= p.sum()
        possible = int(np.count_nonzero(p))  # items that can be drawn at all
        if possible < int(counts.max()):
            raise OutOfRangeError(
                f"popularity={popularity!r} puts the draws on only {possible} item(s), but some user needs "
                f"{int(counts.max())} distinct items; lower popularity (Zipf exponents of real catalogs lie near 1)"
            )
    else:
        p = None
    return dict(counts=counts, V=V, item_bias=item_bias, p=p, scale=scale, s_chunks=s_chunks, noise=noise,
                rank=rank, n_items=n_items, n_users=n_users)


def _block_seed(plan: dict, b: int) -> np.random.SeedSequence:
    """The seed of block ``b``: the same every time it is asked for (``spawn`` is stateful)."""
    ss = plan["s_chunks"]
    return np.random.SeedSequence(ss.entropy, spawn_key=ss.spawn_key + (b,))


def _sample_items(counts, n_items, p, rng):
    """Items for a block of users, distinct within each user, in (user, item) order."""
    n_local = counts.size
    total = int(counts.sum())
    u = np.repeat(np.arange(n_local, dtype=np.int64), counts)
    dense_users = counts > n_items // 4  # sample these without replacement directly
    items = np.empty(total, dtype=np.int64)
    if dense_users.any():
        starts = np.concatenate(([0], np.cumsum(counts)))
        for lu in np.flatnonzero(dense_users):
            items[starts[lu]:starts[lu + 1]] = rng.choice(n_items, size=counts[lu], replace=False, p=p)
    sparse_pos = np.flatnonzero(~dense_users[u])
    todo = sparse_pos
    for _ in range(100):
        if todo.size == 0:
            break
        items[todo] = rng.choice(n_items, size=todo.size, p=p) if p is not None else rng.integers(0, n_items, todo.size)
        key = u * n_items + items
        order = np.argsort(key, kind="stable")
        ks = key[order]
        rep = np.flatnonzero(ks[1:] == ks[:-1]) + 1
        todo = np.sort(order[rep])
    else:  # pragma: no cover - only under extreme skew
        raise OutOfRangeError("could not draw distinct items for every user; lower popularity or density")
    key = u * n_items + items
    key.sort()
    return (key // n_items), (key % n_items)


def streamrec_chunks(
    n_users: int = 5_000_000,
    n_items: int = 200_000,
    n_ratings: int | None = None,
    *,
    density: float | None = None,
    rank: int = 10,
    noise: float = 0.5,
    popularity: float = 0.0,
    integer: bool = False,
    random_state: int | None = 0,
    chunk_size: int = 2_000_000,
    min_per_user: int = 2,
    _plan: dict | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Yield StreamRec ratings block by block of users, as ``(user, item, rating)`` arrays.

    The parameters are those of :func:`make_streamrec`; ``chunk_size`` is the approximate number of
    ratings per block. Memory stays proportional to a block (and the item factors), whatever the
    total, so 100 million ratings can be streamed to disk or into preallocated arrays.
    """
    check_scalar(chunk_size, "chunk_size", kind=numbers.Integral, min_val=1)
    integer = check_bool(integer, "integer")
    plan = _plan or _streamrec_plan(n_users, n_items, n_ratings, density, rank, noise, popularity,
                                    random_state, min_per_user)
    counts, V, item_bias, p = plan["counts"], plan["V"], plan["item_bias"], plan["p"]
    per_user = max(1.0, counts.mean())
    block = max(1, int(chunk_size / per_user))
    n_blocks = -(-n_users // block)
    for b in range(n_blocks):
        rng = np.random.default_rng(_block_seed(plan, b))
        u0, u1 = b * block, min(n_users, (b + 1) * block)
        U = rng.normal(0.0, plan["scale"], size=(u1 - u0, rank))
        user_bias = rng.normal(0.0, 0.3, size=u1 - u0)
        lu, it = _sample_items(counts[u0:u1], n_items, p, rng)
        r = np.einsum("ij,ij->i", U[lu], V[it])
        r += 3.5 + user_bias[lu] + item_bias[it]
        r += rng.normal(0.0, noise, size=r.size)
        if integer:
            np.rint(r, out=r)
        np.clip(r, 1.0, 5.0, out=r)
        yield (lu + u0).astype(np.int32), it.astype(np.int32), r.astype(np.float32)


def make_streamrec(
    n_users: int = 5_000_000,
    n_items: int = 200_000,
    n_ratings: int | None = None,
    *,
    density: float | None = None,
    rank: int = 10,
    noise: float = 0.5,
    popularity: float = 0.0,
    integer: bool = False,
    random_state: int | None = 0,
    chunk_size: int = 2_000_000,
    min_per_user: int = 2,
    return_truth: bool = False,
):
    """Generate the StreamRec ratings: a low-rank matrix plus noise, sampled sparsely and clipped.

    Each user ``u`` and item ``i`` gets hidden factors ``x_u, y_i`` (``rank`` entries each) and
    biases; the rating is ``clip(3.5 + b_u + b_i + x_u . y_i + noise * N(0, 1), 1, 5)``, observed
    for a sparse set of pairs. Users' activity is log-normal; items are drawn uniformly, or with
    Zipf-like skew when ``popularity > 0``. No dense matrix is ever formed: ratings are generated
    per block of users (see :func:`streamrec_chunks`).

    Parameters
    ----------
    n_users, n_items : int
        Sizes (StreamRec's defaults: 5 million users, 200,000 items).
    n_ratings : int, optional
        Number of ratings (exact). Give this or ``density``.
    density : float, optional
        Fraction of the ``n_users * n_items`` pairs that are rated.
    rank : int, default 10
        Rank of the hidden low-rank part.
    noise : float, default 0.5
        Standard deviation of the Gaussian noise (the best achievable RMSE is about this).
    popularity : float, default 0.0
        Zipf exponent of item popularity (0 is uniform).
    integer : bool, default False
        Round ratings to whole stars.
    random_state : int or None, default 0
        Seed; the output depends on it and on ``chunk_size``.
    chunk_size : int, default 2,000,000
        Ratings per generated block (bounds the temporary memory).
    min_per_user : int, default 2
        Every user rates at least this many items (so per-user splits leave a test rating).
    return_truth : bool, default False
        Also return the noiseless expected rating function as a dict of the hidden parameters
        (only sensible for small problems: it holds the user factors).

    Returns
    -------
    ratings : Ratings
        With ``rating_scale=(1, 5)``.
    truth : dict, optional
        ``{"user_factors", "item_factors", "user_bias", "item_bias", "mean"}``.

    Examples
    --------
    >>> R = make_streamrec(1000, 200, n_ratings=20_000, random_state=0)
    >>> len(R), R.shape, bool(1 <= R.rating.min() and R.rating.max() <= 5)
    (20000, (1000, 200), True)
    """
    check_scalar(chunk_size, "chunk_size", kind=numbers.Integral, min_val=1)
    integer, return_truth = check_bool(integer, "integer"), check_bool(return_truth, "return_truth")
    plan = _streamrec_plan(n_users, n_items, n_ratings, density, rank, noise, popularity, random_state,
                           min_per_user)
    total = int(plan["counts"].sum())
    user = np.empty(total, np.int32)
    item = np.empty(total, np.int32)
    rating = np.empty(total, np.float32)
    pos = 0
    for u, i, r in streamrec_chunks(n_users, n_items, rank=rank, noise=noise, integer=integer,
                                    chunk_size=chunk_size, _plan=plan):
        user[pos:pos + u.size], item[pos:pos + u.size], rating[pos:pos + u.size] = u, i, r
        pos += u.size
    R = Ratings(user, item, rating, n_users=n_users, n_items=n_items, rating_scale=(1.0, 5.0))
    if not return_truth:
        return R
    # regenerate the user-side hidden parameters with the same per-block streams
    counts = plan["counts"]
    block = max(1, int(chunk_size / max(1.0, counts.mean())))
    n_blocks = -(-n_users // block)
    Us, bus = [], []
    for b in range(n_blocks):
        rng = np.random.default_rng(_block_seed(plan, b))
        m = min(n_users, (b + 1) * block) - b * block
        Us.append(rng.normal(0.0, plan["scale"], size=(m, rank)))
        bus.append(rng.normal(0.0, 0.3, size=m))
    truth = {"user_factors": np.vstack(Us), "item_factors": plan["V"], "user_bias": np.concatenate(bus),
             "item_bias": plan["item_bias"], "mean": 3.5}
    return R, truth


# ----------------------------------------------------------------------------------------------
# MovieLens loaders
# ----------------------------------------------------------------------------------------------

_FORMATS = {
    # file name: (separator, header, rating scale, description)
    "u.data": ("\t", False, (1.0, 5.0), "user id<TAB>item id<TAB>rating<TAB>timestamp (MovieLens 100K)"),
    "ratings.dat": ("::", False, (1.0, 5.0), "UserID::MovieID::Rating::Timestamp (MovieLens 1M/10M)"),
    "ratings.csv": (",", True, (0.5, 5.0), "userId,movieId,rating,timestamp with a header line (MovieLens 20M/25M/latest)"),
}


def _scan_for_error(lines: list[bytes], sep: str, header: bool, scale, path: Path, expected: str) -> None:
    """Walk the lines and raise RatingsFormatError at the first malformed one."""
    low, high = scale
    for n, raw in enumerate(lines, start=1):
        if header and n == 1:
            continue
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if not line.strip():  # blank lines are skipped, as np.loadtxt does
            continue
        fields = line.split(sep)
        if len(fields) < 3:
            raise RatingsFormatError(
                f"{path}, line {n}: expected at least 3 fields separated by {sep!r} ({expected}), "
                f"got {len(fields)} field(s): {line[:80]!r}"
            )
        for name, text, conv in (("user id", fields[0], int), ("item id", fields[1], int), ("rating", fields[2], float)):
            try:
                value = conv(text)
            except ValueError:
                raise RatingsFormatError(
                    f"{path}, line {n}: {name} must be {'an integer' if conv is int else 'a number'}, "
                    f"got {text!r} in {line[:80]!r}; expected {expected}"
                ) from None
        if not (low <= value <= high) or value != value:
            raise RatingsFormatError(
                f"{path}, line {n}: rating {fields[2]!r} is outside the MovieLens scale [{low}, {high}]; "
                f"expected {expected}"
            )


def load_movielens(path: str | os.PathLike, *, duplicates: str = "error") -> Ratings:
    """Load MovieLens ratings from a local ``u.data``, ``ratings.dat`` or ``ratings.csv``.

    Parameters
    ----------
    path : str or path-like
        The file, or a folder that contains one of those files (as unzipped from GroupLens).
    duplicates : {"error", "mean", "first", "last"}
        Policy for repeated (user, item) pairs (MovieLens has none).

    Returns
    -------
    Ratings
        Raw ids are the file's user and movie ids; the scale is (1, 5) for 100K/1M and
        (0.5, 5) for ``ratings.csv``. Timestamps are dropped.

    Raises
    ------
    FileNotFoundError
        When nothing is at ``path`` (the message says which files were looked for).
    RatingsFormatError
        At the first malformed line: its number, its text and the expected format.
    """
    check_option(duplicates, "duplicates", sorted(_DUPLICATE_POLICIES))
    path = Path(check_path(path))
    if path.is_dir():
        found = [path / name for name in _FORMATS if (path / name).is_file()]
        if not found:
            raise DatasetNotFoundError(
                f"no MovieLens ratings file in folder {str(path)!r}: looked for {', '.join(_FORMATS)}; "
                "download a MovieLens archive from GroupLens (grouplens.org/datasets/movielens), unzip it "
                "and pass the folder or the ratings file"
            )
        path = found[0]
    elif not path.is_file():
        raise DatasetNotFoundError(
            f"no MovieLens ratings file at {str(path)!r}; expected a path to u.data (100K), ratings.dat (1M) "
            "or ratings.csv (20M/25M/latest) from an unzipped GroupLens MovieLens archive"
        )
    if path.name not in _FORMATS:
        raise RatingsFormatError(
            f"{path}: unknown MovieLens file name {path.name!r}; expected one of {', '.join(_FORMATS)} "
            "(rename the file if it has one of these formats)"
        )
    sep, header, scale, expected = _FORMATS[path.name]
    blob = path.read_bytes()
    if not blob.strip():
        raise RatingsFormatError(f"{path}: the file is empty; expected lines of {expected}")
    lines = blob.splitlines()
    if header and not any(line.strip() for line in lines[1:]):
        raise RatingsFormatError(f"{path}: no ratings after the header; expected lines of {expected}")
    if sep == "::":
        text = blob.replace(b"::", b"\x1f")  # one-character delimiter for np.loadtxt
        delim = "\x1f"
    else:
        text, delim = blob, sep
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy warns on empty input
            table = np.loadtxt(io.BytesIO(text), delimiter=delim, usecols=(0, 1, 2), skiprows=int(header),
                               dtype=np.float64, ndmin=2, comments=None)
    except (ValueError, UserWarning):
        _scan_for_error(lines, sep, header, scale, path, expected)
        raise RatingsFormatError(f"{path}: could not parse the file as {expected}") from None
    if table.shape[0] == 0:
        raise RatingsFormatError(f"{path}: no ratings after the header; expected lines of {expected}")
    users, items, ratings = table[:, 0], table[:, 1], table[:, 2]
    bad = ~np.isfinite(ratings) | (ratings < scale[0]) | (ratings > scale[1]) | (users != np.floor(users)) | (
        items != np.floor(items))
    if bad.any():
        _scan_for_error(lines, sep, header, scale, path, expected)
        line = int(np.argmax(bad)) + 1 + int(header)
        raise RatingsFormatError(f"{path}, line {line}: bad value; expected {expected}")
    try:
        return Ratings.from_raw(users.astype(np.int64), items.astype(np.int64), ratings, rating_scale=scale,
                                duplicates=duplicates)
    except DuplicateRatingError as exc:
        raise DuplicateRatingError(f"{path}: {exc}") from None


# ----------------------------------------------------------------------------------------------
# Splitting
# ----------------------------------------------------------------------------------------------


def train_test_split(
    ratings: Ratings, *, test_size: float = 0.1, random_state: Any = None
) -> tuple[Ratings, Ratings]:
    """Split each user's ratings at random into train and test, keeping at least one in train.

    A user with ``n_u`` ratings gives ``floor(test_size * n_u + U)`` of them to the test set
    (``U`` uniform on [0, 1): unbiased rounding, so the overall test fraction is ``test_size``),
    at most ``n_u - 1``. Both parts share the id maps of ``ratings``.

    Returns
    -------
    train, test : Ratings
    """
    if not isinstance(ratings, Ratings):
        raise DTypeError(f"ratings must be a la4ml.recsys.Ratings, got {describe(ratings)}")
    check_scalar(test_size, "test_size", min_val=0, max_val=1, include_min=False, include_max=False)
    rng = check_random_state(random_state)
    indptr = ratings.indptr
    n_u = np.diff(indptr)
    n_test = np.floor(test_size * n_u + rng.random(n_u.size)).astype(np.int64)
    n_test = np.clip(n_test, 0, np.maximum(n_u - 1, 0))
    mask = _kernels.split_rows(indptr, n_test, int(rng.integers(0, 2**31 - 1)))
    return ratings._with(~mask), ratings._with(mask)
