"""Accuracy metrics (RMSE, MAE) and top-k ranking metrics (precision, recall, NDCG)."""

from __future__ import annotations

import numbers
from typing import Any, Sequence

import numpy as np

from la4ml._validation import check_no_overflow, check_same_length, check_scalar, check_vector, describe, scale_of
from la4ml.errors import DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, ShapeError

__all__ = ["rmse", "mae", "precision_at_k", "recall_at_k", "ndcg_at_k", "ranking_metrics"]


def rmse(y_true: Any, y_pred: Any) -> float:
    """Root mean squared error, ``sqrt(mean((y_true - y_pred)^2))``.

    >>> rmse([1, 2, 3], [1, 2, 5])
    1.1547005383792515
    """
    d, s = _scaled_errors(y_true, y_pred)
    with np.errstate(over="ignore"):
        return float(check_no_overflow(s * np.sqrt(np.mean(d * d)), "the RMSE"))


def mae(y_true: Any, y_pred: Any) -> float:
    """Mean absolute error, ``mean(|y_true - y_pred|)``.

    >>> mae([1, 2, 3], [1, 2, 5])
    0.6666666666666666
    """
    d, s = _scaled_errors(y_true, y_pred)
    with np.errstate(over="ignore"):
        return float(check_no_overflow(s * np.mean(np.abs(d)), "the MAE"))


def _scaled_errors(y_true: Any, y_pred: Any) -> tuple[np.ndarray, float]:
    """``(y_true - y_pred) / s`` and ``s``, a power of two: the squares and sums of the errors of
    ratings near 1e308 cannot overflow (the answer itself may: that raises NumericOverflowError)."""
    y_true = check_vector(y_true, "y_true").astype(np.float64)
    y_pred = check_vector(y_pred, "y_pred").astype(np.float64)
    check_same_length(y_true=y_true, y_pred=y_pred)
    s = scale_of(y_true, y_pred)
    return y_true / s - y_pred / s, s


def _per_user(recommended: Sequence, relevant: Sequence, k: Any) -> list[tuple[list, set]]:
    """Per user: the top-k list and the relevant set, checked; users without a relevant item dropped.

    Raises :class:`EmptyInputError` when no user has a relevant item: every metric is then 0/0.
    """
    check_scalar(k, "k", kind=numbers.Integral, min_val=1)
    for name, seq in (("recommended", recommended), ("relevant", relevant)):
        if isinstance(seq, (str, bytes, dict, set)) or not hasattr(seq, "__len__") or not hasattr(seq, "__iter__"):
            raise DTypeError(f"{name} must be a sequence with one entry per user, got {describe(seq)}")
    if len(recommended) != len(relevant):
        raise ShapeError(
            f"recommended and relevant must have one entry per user, got {len(recommended)} and {len(relevant)}"
        )
    out = []
    for u, (rec, rel) in enumerate(zip(recommended, relevant)):
        if isinstance(rel, (str, bytes)) or not hasattr(rel, "__iter__"):
            raise DTypeError(f"relevant[{u}] must be a collection of item ids, got {describe(rel)}")
        if isinstance(rec, (str, bytes)) or not (hasattr(rec, "__iter__") or isinstance(rec, np.ndarray)):
            raise DTypeError(f"recommended[{u}] must be a list of item ids, best first, got {describe(rec)}")
        try:
            rel = set(np.asarray(list(rel)).tolist())
            top = list(np.asarray(rec).reshape(-1)[:k].tolist())
        except (ValueError, TypeError) as exc:
            raise ShapeError(
                f"recommended[{u}] and relevant[{u}] must be flat collections of item ids ({exc})"
            ) from None
        if any(isinstance(v, float) and v != v for v in top):
            raise NonFiniteError(f"recommended[{u}] contains NaN, which is not an item id: {top}")
        if len(set(top)) != len(top):
            raise InvalidParameterError(
                f"a recommendation list repeats an item: {top}; each item may be recommended once"
            )
        if rel:
            out.append((top, rel))
    if not out:
        raise EmptyInputError(
            f"no user has a relevant item (all {len(relevant)} relevant sets are empty), so precision, recall and "
            "NDCG are 0/0; evaluate on users with at least one relevant item (for ranking_metrics: lower threshold)"
        )
    return out


def precision_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of ``|top-k ∩ relevant| / k``; users with no relevant item are skipped.

    If no user has a relevant item the mean is 0/0: :class:`~la4ml.errors.EmptyInputError`.

    Parameters
    ----------
    recommended : sequence of array_like
        Per user, the recommended items, best first.
    relevant : sequence of collections
        Per user, the items that count as hits (for example rated >= 4 in the test set).
    k : int

    >>> precision_at_k([[1, 2, 3]], [{1, 3}], k=2)
    0.5
    """
    return float(np.mean([len(set(top) & rel) / k for top, rel in _per_user(recommended, relevant, k)]))


def recall_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of ``|top-k ∩ relevant| / |relevant|``; users with no relevant item are skipped.

    >>> recall_at_k([[1, 2, 3]], [{1, 3}], k=2)
    0.5
    """
    return float(np.mean([len(set(top) & rel) / len(rel) for top, rel in _per_user(recommended, relevant, k)]))


def ndcg_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of binary-relevance NDCG@k; users with no relevant item are skipped.

    ``DCG = sum_{p < k, top[p] relevant} 1 / log2(p + 2)`` and NDCG divides it by the DCG of a
    perfect list, ``sum_{p < min(k, |relevant|)} 1 / log2(p + 2)``.

    >>> round(ndcg_at_k([[1, 2, 3]], [{1, 3}], k=3), 4)  # (1 + 1/2) / (1 + 1/log2(3))
    0.9197
    """
    users = _per_user(recommended, relevant, k)
    longest = max(max(len(top), len(rel)) for top, rel in users)
    disc = 1.0 / np.log2(np.arange(min(k, longest)) + 2.0)  # no array of size k: k may be huge
    vals = []
    for top, rel in users:
        dcg = sum(disc[p] for p, it in enumerate(top) if it in rel)
        vals.append(dcg / disc[: min(k, len(rel))].sum())
    return float(np.mean(vals))


def ranking_metrics(model: Any, test: Any, *, k: int = 10, threshold: float = 4.0,
                    max_users: int | None = None, random_state: Any = 0) -> dict:
    """RMSE, MAE and precision/recall/NDCG@k of a fitted model on a held-out :class:`Ratings`.

    Relevant items of a user are its test items rated ``>= threshold``; recommendations exclude
    the items seen in training. ``max_users`` (an int >= 1) evaluates the ranking metrics on a
    random subset of the users who have a relevant item (RMSE and MAE always use every test
    rating). No test rating at or above ``threshold`` raises
    :class:`~la4ml.errors.EmptyInputError` (the ranking metrics would be 0/0, not NaN).
    """
    from la4ml._validation import check_random_state
    from la4ml.recsys._base import RecommenderBase
    from la4ml.recsys._data import Ratings

    if not isinstance(model, RecommenderBase):
        raise DTypeError(
            f"model must be a fitted la4ml.recsys recommender (ALS, SGDMF, BaselineModel...), got {describe(model)}"
        )
    model._check_fitted()
    if not isinstance(test, Ratings):
        raise DTypeError(f"test must be a la4ml.recsys.Ratings (held-out ratings), got {describe(test)}")
    if len(test) == 0:
        raise EmptyInputError("test has no ratings to evaluate on")
    check_scalar(k, "k", kind=numbers.Integral, min_val=1)
    check_scalar(threshold, "threshold")
    if max_users is not None:
        check_scalar(max_users, "max_users", kind=numbers.Integral, min_val=1)
    rng = check_random_state(random_state)
    y_hat = model.predict(test)
    out = {"rmse": rmse(test.rating, y_hat), "mae": mae(test.rating, y_hat)}
    threshold = float(threshold)
    hit = test.rating.astype(np.float64) >= threshold  # in float64: 1e308 does not overflow float32
    users = np.unique(test.user[hit])
    if users.size == 0:
        raise EmptyInputError(
            f"no test rating is >= threshold={threshold!r} (the test ratings lie in [{test.rating.min():g}, "
            f"{test.rating.max():g}]), so no user has a relevant item and the ranking metrics are 0/0; lower threshold"
        )
    if max_users is not None and users.size > max_users:
        users = np.sort(rng.choice(users, max_users, replace=False))
    raw_users = test.user_map.ids[users]
    u_idx, known = model.user_map_.lookup(raw_users)
    u_idx = u_idx[known]
    users = users[known]
    if users.size == 0:
        raise EmptyInputError(
            "none of the test users with a relevant item was seen in training, so the model cannot rank for "
            "them; split the data per user (train_test_split) so every test user has training ratings"
        )
    items, _ = model._top_n(u_idx, int(min(k, model.n_items_)), exclude_seen=True)
    raw_rec = model.item_map_.ids[items]
    indptr = test.indptr
    relevant = []
    for u in users:
        sl = slice(indptr[u], indptr[u + 1])
        rated = test.item[sl][test.rating[sl].astype(np.float64) >= threshold]
        relevant.append(set(test.item_map.ids[rated].tolist()))
    out[f"precision@{k}"] = precision_at_k(raw_rec, relevant, k)
    out[f"recall@{k}"] = recall_at_k(raw_rec, relevant, k)
    out[f"ndcg@{k}"] = ndcg_at_k(raw_rec, relevant, k)
    return out
