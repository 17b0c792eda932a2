"""Tests of la4ml.recsys._metrics against hand-computed cases and scikit-learn."""

import numpy as np
import pytest
from sklearn.metrics import mean_absolute_error, mean_squared_error, ndcg_score

from la4ml.errors import ShapeError
from la4ml.recsys import ALS, mae, ndcg_at_k, precision_at_k, ranking_metrics, recall_at_k, rmse


def test_rmse_mae_hand_and_sklearn():
    """RMSE and MAE of a hand case, and equal to scikit-learn's on random data."""
    assert rmse([1, 2, 3], [1, 2, 5]) == pytest.approx(np.sqrt(4 / 3))
    assert mae([1, 2, 3], [1, 2, 5]) == pytest.approx(2 / 3)
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=50), rng.normal(size=50)
    assert rmse(a, b) == pytest.approx(np.sqrt(mean_squared_error(a, b)))
    assert mae(a, b) == pytest.approx(mean_absolute_error(a, b))


def test_rmse_rejects_mismatch():
    """Different lengths and NaNs are rejected with la4ml's errors."""
    with pytest.raises(ShapeError):
        rmse([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="finite"):
        rmse([1, np.nan], [1, 2])


def test_ranking_hand_cases():
    """precision/recall/NDCG@k of two users computed by hand; users without relevant items skipped."""
    rec = [[10, 20, 30, 40], [1, 2, 3, 4], [7, 8, 9, 5]]
    rel = [{20, 40, 50}, {9}, set()]
    # user 1: hits at ranks 2 and 4 of top-4; user 2: none
    assert precision_at_k(rec, rel, k=4) == pytest.approx((2 / 4 + 0) / 2)
    assert recall_at_k(rec, rel, k=4) == pytest.approx((2 / 3 + 0) / 2)
    dcg = 1 / np.log2(3) + 1 / np.log2(5)
    idcg = 1 + 1 / np.log2(3) + 1 / np.log2(4)
    assert ndcg_at_k(rec, rel, k=4) == pytest.approx((dcg / idcg + 0) / 2)
    assert precision_at_k(rec, rel, k=1) == 0.0


def test_ndcg_matches_sklearn():
    """Binary-relevance NDCG@k equals scikit-learn's ndcg_score when scores rank the items."""
    rng = np.random.default_rng(1)
    for _ in range(5):
        scores = rng.permutation(20).astype(float)
        relevant = set(rng.choice(20, size=4, replace=False).tolist())
        ranked = np.argsort(-scores)
        y_true = np.isin(np.arange(20), list(relevant)).astype(float)
        assert ndcg_at_k([ranked], [relevant], k=5) == pytest.approx(ndcg_score([y_true], [scores], k=5))


def test_ranking_rejects_repeats_and_bad_k():
    """A list that repeats an item, k < 1, and mismatched lengths raise clear errors."""
    with pytest.raises(ValueError, match="repeats an item"):
        precision_at_k([[1, 1, 2]], [{1}], k=3)
    with pytest.raises(ValueError, match="k must be >= 1"):
        recall_at_k([[1]], [{1}], k=0)
    with pytest.raises(ValueError, match="one entry per user"):
        ndcg_at_k([[1]], [{1}, {2}], k=1)


def test_ranking_metrics_of_a_model(lowrank):
    """ranking_metrics returns RMSE equal to rmse(predict) and ranking scores in [0, 1]."""
    _, _, train, test = lowrank
    model = ALS(n_components=3, reg=0.05, max_iter=5, random_state=0).fit(train)
    out = ranking_metrics(model, test, k=5, threshold=4.0)
    assert out["rmse"] == pytest.approx(rmse(test.rating, model.predict(test)))
    for key in ("precision@5", "recall@5", "ndcg@5"):
        assert 0.0 < out[key] <= 1.0
