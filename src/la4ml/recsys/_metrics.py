"""Accuracy metrics (RMSE, MAE) and top-k ranking metrics (precision, recall, NDCG)."""

from __future__ import annotations

import numbers
from typing import Any, Sequence

import numpy as np

from la4ml._validation import check_same_length, check_scalar, check_vector

__all__ = ["rmse", "mae", "precision_at_k", "recall_at_k", "ndcg_at_k", "ranking_metrics"]


def rmse(y_true: Any, y_pred: Any) -> float:
    """Root mean squared error, ``sqrt(mean((y_true - y_pred)^2))``.

    >>> rmse([1, 2, 3], [1, 2, 5])
    1.1547005383792515
    """
    y_true = check_vector(y_true, "y_true")
    y_pred = check_vector(y_pred, "y_pred")
    check_same_length(y_true=y_true, y_pred=y_pred)
    d = y_true.astype(np.float64) - y_pred.astype(np.float64)
    return float(np.sqrt(np.mean(d * d)))


def mae(y_true: Any, y_pred: Any) -> float:
    """Mean absolute error, ``mean(|y_true - y_pred|)``.

    >>> mae([1, 2, 3], [1, 2, 5])
    0.6666666666666666
    """
    y_true = check_vector(y_true, "y_true")
    y_pred = check_vector(y_pred, "y_pred")
    check_same_length(y_true=y_true, y_pred=y_pred)
    return float(np.mean(np.abs(y_true.astype(np.float64) - y_pred.astype(np.float64))))


def _per_user(recommended: Sequence, relevant: Sequence, k: Any):
    check_scalar(k, "k", kind=numbers.Integral, min_val=1)
    if len(recommended) != len(relevant):
        raise ValueError(
            f"recommended and relevant must have one entry per user, got {len(recommended)} and {len(relevant)}"
        )
    for rec, rel in zip(recommended, relevant):
        rel = set(np.asarray(list(rel)).tolist())
        top = list(np.asarray(rec).reshape(-1)[:k].tolist())
        if len(set(top)) != len(top):
            raise ValueError(f"a recommendation list repeats an item: {top}; each item may be recommended once")
        yield top, rel


def precision_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of ``|top-k ∩ relevant| / k``; users with no relevant item are skipped.

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
    vals = [len(set(top) & rel) / k for top, rel in _per_user(recommended, relevant, k) if rel]
    return float(np.mean(vals)) if vals else float("nan")


def recall_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of ``|top-k ∩ relevant| / |relevant|``; users with no relevant item are skipped.

    >>> recall_at_k([[1, 2, 3]], [{1, 3}], k=2)
    0.5
    """
    vals = [len(set(top) & rel) / len(rel) for top, rel in _per_user(recommended, relevant, k) if rel]
    return float(np.mean(vals)) if vals else float("nan")


def ndcg_at_k(recommended: Sequence, relevant: Sequence, k: int = 10) -> float:
    """Mean over users of binary-relevance NDCG@k; users with no relevant item are skipped.

    ``DCG = sum_{p < k, top[p] relevant} 1 / log2(p + 2)`` and NDCG divides it by the DCG of a
    perfect list, ``sum_{p < min(k, |relevant|)} 1 / log2(p + 2)``.

    >>> round(ndcg_at_k([[1, 2, 3]], [{1, 3}], k=3), 4)  # (1 + 1/2) / (1 + 1/log2(3))
    0.9197
    """
    disc = 1.0 / np.log2(np.arange(k) + 2.0)
    vals = []
    for top, rel in _per_user(recommended, relevant, k):
        if not rel:
            continue
        dcg = sum(disc[p] for p, it in enumerate(top) if it in rel)
        vals.append(dcg / disc[: min(k, len(rel))].sum())
    return float(np.mean(vals)) if vals else float("nan")


def ranking_metrics(model: Any, test: Any, *, k: int = 10, threshold: float = 4.0,
                    max_users: int | None = None, random_state: Any = 0) -> dict:
    """RMSE, MAE and precision/recall/NDCG@k of a fitted model on a held-out :class:`Ratings`.

    Relevant items of a user are its test items rated ``>= threshold``; recommendations exclude
    the items seen in training. ``max_users`` evaluates the ranking metrics on a random subset of
    the users who have a relevant item (RMSE and MAE always use every test rating).
    """
    from la4ml._validation import check_random_state

    y_hat = model.predict(test)
    out = {"rmse": rmse(test.rating, y_hat), "mae": mae(test.rating, y_hat)}
    hit = test.rating >= threshold
    users = np.unique(test.user[hit])
    if max_users is not None and users.size > max_users:
        users = np.sort(check_random_state(random_state).choice(users, max_users, replace=False))
    raw_users = test.user_map.ids[users]
    u_idx, known = model.user_map_.lookup(raw_users)
    u_idx = u_idx[known]
    users = users[known]
    items, _ = model._top_n(u_idx, k, exclude_seen=True)
    raw_rec = model.item_map_.ids[items]
    indptr = test.indptr
    relevant = []
    for u in users:
        sl = slice(indptr[u], indptr[u + 1])
        relevant.append(set(test.item_map.ids[test.item[sl][test.rating[sl] >= threshold]].tolist()))
    out[f"precision@{k}"] = precision_at_k(raw_rec, relevant, k)
    out[f"recall@{k}"] = recall_at_k(raw_rec, relevant, k)
    out[f"ndcg@{k}"] = ndcg_at_k(raw_rec, relevant, k)
    return out
