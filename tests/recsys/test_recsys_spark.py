"""Tests of la4ml.recsys.spark: Spark MLlib's ALS in local mode against la4ml's ALS."""

import importlib.util

import numpy as np
import pytest

from la4ml.recsys import ALS, make_streamrec, ranking_metrics, rmse, train_test_split

pytestmark = [pytest.mark.spark, pytest.mark.filterwarnings("ignore::FutureWarning")]  # pyspark vs pandas 3

if importlib.util.find_spec("pyspark") is None:
    pytest.skip("pyspark is not installed (pip install 'la4ml[spark]')", allow_module_level=True)

from la4ml.recsys.spark import SparkALS, java_available, stop_spark  # noqa: E402

if not java_available():
    pytest.skip("Spark needs Java 17: no java on PATH and no JAVA_HOME", allow_module_level=True)


@pytest.fixture(scope="module")
def data():
    R = make_streamrec(3000, 400, n_ratings=60_000, rank=5, noise=0.5, random_state=0)
    yield train_test_split(R, test_size=0.1, random_state=0)
    stop_spark()


def test_same_rmse_as_la4ml_als(data):
    """Spark's ALS and la4ml's ALS (weighted-λ, no biases) reach test RMSE within ±0.01."""
    train, test = data
    spark = SparkALS(n_components=5, reg=0.1, max_iter=10, master="local[2]", random_state=0).fit(train)
    ours = ALS(n_components=5, reg=0.1, max_iter=10, biases=False, random_state=0).fit(train)
    r_spark, r_ours = rmse(test.rating, spark.predict(test)), rmse(test.rating, ours.predict(test))
    assert abs(r_spark - r_ours) <= 0.01, (r_spark, r_ours)
    # same interface: recommendations and ranking metrics
    assert len(spark.recommend(0, n=5)) == 5
    m = ranking_metrics(spark, test, k=10)
    assert m["rmse"] == pytest.approx(r_spark) and 0 <= m["ndcg@10"] <= 1


def test_fit_from_parquet_with_checkpoints(data, tmp_path):
    """Fitting from a Parquet path works, and > 30 iterations run (checkpointing avoids overflow)."""
    train, test = data
    train.to_parquet(tmp_path / "train.parquet")
    model = SparkALS(n_components=3, reg=0.1, max_iter=32, master="local[2]", random_state=0)
    model.fit(tmp_path / "train.parquet")
    assert model.user_factors_.shape == (train.n_users, 3)
    assert np.isfinite(rmse(test.rating, model.predict(test)))
