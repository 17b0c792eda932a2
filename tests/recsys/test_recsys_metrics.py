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


# edges found by fuzzing (issue #9) -----------------------------------------------------------------


def test_metrics_without_any_relevant_item_raise():
    """Every relevant set empty: 0/0, so EmptyInputError (the metrics used to return NaN silently)."""
    from la4ml.errors import EmptyInputError

    for metric in (precision_at_k, recall_at_k, ndcg_at_k):
        with pytest.raises(EmptyInputError, match=r"no user has a relevant item \(all 2 relevant sets are empty\)"):
            metric([[1, 2], [3]], [set(), set()], k=2)
    assert precision_at_k([[1, 2], [3]], [set(), {3}], k=2) == 0.5  # users without one are skipped


@pytest.mark.parametrize("recommended, relevant, exc, pattern", [
    ("abc", [{1}], "DTypeError", "recommended must be a sequence"),
    ([[1, 2]], None, "DTypeError", "relevant must be a sequence"),
    ([[1, 2]], [3], "DTypeError", r"relevant\[0\] must be a collection of item ids"),
    ([[np.nan, 1.0]], [{1.0}], "NonFiniteError", r"recommended\[0\] contains NaN"),
    ([[1, [2, 3]]], [{1}], "ShapeError", r"must be flat collections"),
])
def test_metric_inputs_are_checked(recommended, relevant, exc, pattern):
    import la4ml.errors

    with pytest.raises(getattr(la4ml.errors, exc), match=pattern):
        precision_at_k(recommended, relevant, k=2)


@pytest.fixture(scope="module")
def fitted():
    from la4ml.recsys import BaselineModel, make_streamrec, train_test_split

    R = make_streamrec(60, 20, n_ratings=600, random_state=0)
    train, test = train_test_split(R, test_size=0.3, random_state=0)
    return BaselineModel().fit(train), test


def test_ranking_metrics_max_users_zero_and_no_hits(fitted):
    """max_users=0 gave NaN ranking metrics: now OutOfRangeError; a threshold above every rating: EmptyInputError."""
    from la4ml.errors import EmptyInputError, OutOfRangeError

    model, test = fitted
    with pytest.raises(OutOfRangeError, match="max_users must be >= 1, got 0"):
        ranking_metrics(model, test, k=3, max_users=0)
    with pytest.raises(EmptyInputError, match=r"no test rating is >= threshold=6.0 .* lower threshold"):
        ranking_metrics(model, test, k=3, threshold=6)
    out = ranking_metrics(model, test, k=3, max_users=5)
    assert all(np.isfinite(v) for v in out.values())


@pytest.mark.parametrize("model", [None, "abc", np.ones(3)])
def test_ranking_metrics_rejects_a_non_model(fitted, model):
    """A string or None as model raised AttributeError: ... has no attribute 'predict'; now DTypeError."""
    from la4ml.errors import DTypeError

    with pytest.raises(DTypeError, match=r"model must be a fitted la4ml.recsys recommender"):
        ranking_metrics(model, fitted[1])


def test_ranking_metrics_rejects_bad_test_and_unfitted_model(fitted):
    from sklearn.exceptions import NotFittedError

    from la4ml.errors import DTypeError
    from la4ml.recsys import BaselineModel

    with pytest.raises(DTypeError, match=r"test must be a la4ml.recsys.Ratings"):
        ranking_metrics(fitted[0], np.ones((3, 3)))
    with pytest.raises(NotFittedError, match="not fitted yet"):
        ranking_metrics(BaselineModel(), fitted[1])


@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_rmse_mae_near_the_float_limits(scale):
    """Errors of 1e300: the squares overflowed (inf RMSE and a RuntimeWarning); now the exact answer, scaled."""
    y, y_hat = np.array([1.0, 2.0, 3.0]) * scale, np.array([1.0, 2.0, 5.0]) * scale
    assert np.isclose(rmse(y, y_hat), rmse([1, 2, 3], [1, 2, 5]) * scale, rtol=1e-14)
    assert np.isclose(mae(y, y_hat), mae([1, 2, 3], [1, 2, 5]) * scale, rtol=1e-14)
