"""Tests of la4ml.recsys.spark: Spark MLlib's ALS in local mode against la4ml's ALS."""

import importlib.util

import numpy as np
import pytest

from la4ml.recsys import ALS, make_streamrec, ranking_metrics, rmse, train_test_split
from la4ml.recsys.spark import SparkALS, java_available, stop_spark  # imports pyspark only when Spark starts

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # pyspark vs pandas 3


def needs_spark(f):
    """The tests that start Spark: marked 'spark', skipped without pyspark or Java."""
    f = pytest.mark.skipif(not java_available(), reason="Spark needs Java 17: no java on PATH and no JAVA_HOME")(f)
    f = pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                           reason="pyspark is not installed (pip install 'la4ml[spark]')")(f)
    return pytest.mark.spark(f)


@pytest.fixture(scope="module")
def data():
    R = make_streamrec(3000, 400, n_ratings=60_000, rank=5, noise=0.5, random_state=0)
    yield train_test_split(R, test_size=0.1, random_state=0)
    stop_spark()


@needs_spark
def test_same_rmse_as_la4ml_als(data):
    """Spark's ALS and la4ml's ALS (weighted-λ, no biases) reach test RMSE within ±0.01."""
    train, test = data
    spark = SparkALS(n_components=5, reg=0.1, max_iter=10, master="local[2]", random_state=0).fit(train)
    ours = ALS(n_components=5, reg=0.1, max_iter=10, biases=False, center=False, random_state=0).fit(train)
    r_spark, r_ours = rmse(test.rating, spark.predict(test)), rmse(test.rating, ours.predict(test))
    assert abs(r_spark - r_ours) <= 0.01, (r_spark, r_ours)
    # same interface: recommendations and ranking metrics
    assert len(spark.recommend(0, n=5)) == 5
    m = ranking_metrics(spark, test, k=10)
    assert m["rmse"] == pytest.approx(r_spark) and 0 <= m["ndcg@10"] <= 1


@needs_spark
def test_fit_from_parquet_with_checkpoints(data, tmp_path):
    """Fitting from a Parquet path works, and > 30 iterations run (checkpointing avoids overflow)."""
    train, test = data
    train.to_parquet(tmp_path / "train.parquet")
    model = SparkALS(n_components=3, reg=0.1, max_iter=32, master="local[2]", random_state=0)
    model.fit(tmp_path / "train.parquet")
    assert model.user_factors_.shape == (train.n_users, 3)
    assert np.isfinite(rmse(test.rating, model.predict(test)))


# parameters are checked before Spark starts (issue #9): these run without Java or pyspark ----------


@pytest.mark.parametrize("params, exc, pattern", [
    (dict(master="no-such-master"), "InvalidParameterError", r"master must be a Spark master URL"),
    (dict(master=None), "InvalidParameterError", r"master must be a Spark master URL"),
    (dict(num_blocks=0), "OutOfRangeError", r"num_blocks must be >= 1"),
    (dict(num_blocks=2.5), "DTypeError", r"num_blocks must be a finite Integral"),
    (dict(random_state="seed"), "DTypeError", r"random_state must be a finite Integral"),
    (dict(spark_conf="abc"), "DTypeError", r"spark_conf must be a dict"),
    (dict(max_iter=0), "OutOfRangeError", r"max_iter must be >= 1"),
    (dict(unknown="maybe"), "InvalidParameterError", r"unknown must be one of 'warn', 'error', 'ignore'"),
])
def test_bad_parameters_are_refused_before_spark_starts(params, exc, pattern, monkeypatch):
    """No JVM start for nothing: get_spark is replaced by a tripwire that the checks must never reach."""
    import la4ml.errors
    from la4ml.recsys import spark

    def tripwire(*a, **k):  # pragma: no cover - reached only if a check is missing
        raise AssertionError("Spark would start with a bad parameter")

    monkeypatch.setattr(spark, "get_spark", tripwire)
    R = make_streamrec(30, 12, n_ratings=150, random_state=0)
    with pytest.raises(getattr(la4ml.errors, exc), match=pattern):
        SparkALS(n_components=2, **params).fit(R)
