"""Spark backend: train Spark MLlib's ALS on ratings stored as Parquet, on any Spark master.

Install with ``pip install 'la4ml[spark]'`` (pyspark; Spark needs Java 17 on ``PATH`` or in
``JAVA_HOME``). The fitted :class:`SparkALS` pulls the factors back to NumPy, so it has the same
``predict``/``recommend`` interface and works with the same metrics as :class:`la4ml.recsys.ALS`.
"""

from __future__ import annotations

import numbers
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from la4ml._validation import check_scalar
from la4ml.errors import DTypeError, InvalidParameterError
from la4ml.recsys._base import RecommenderBase, check_rank, check_ratings
from la4ml.recsys._data import Ratings

__all__ = ["SparkALS", "get_spark", "stop_spark"]

_TMP: str | None = None
_MASTER = re.compile(r"local(\[(\d+|\*)(,\d+)?\])?|(spark|k8s|mesos)://\S+|yarn")


def _import_pyspark():
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ImportError(
            "la4ml.recsys.spark needs pyspark: pip install 'la4ml[spark]' (and Java 17 for Spark itself)"
        ) from exc
    return SparkSession


def java_available() -> bool:
    """True when a ``java`` executable can be found (``JAVA_HOME/bin/java`` or on ``PATH``)."""
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        return True
    return shutil.which("java") is not None


def get_spark(master: str = "local[*]", *, conf: dict | None = None):
    """Start (or reuse) a SparkSession on ``master`` with its scratch folders in a temporary folder.

    The Spark UI is disabled and ``spark.local.dir``/``spark.sql.warehouse.dir`` point to a
    folder under the system's temporary directory, so nothing is written to the working tree.
    The JVM's own start-up chatter (log4j warnings about the host name, native BLAS not found, …)
    goes to ``<that folder>/jvm.log`` instead of this process's stderr, where it would land in a
    notebook's output; Spark's errors still reach Python as exceptions.
    """
    global _TMP
    SparkSession = _import_pyspark()
    if not java_available():
        raise RuntimeError(
            "Spark needs Java (17 recommended), but no java executable was found: install a JDK "
            "(apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
        )
    if _TMP is None:
        _TMP = tempfile.mkdtemp(prefix="la4ml-spark-")
    builder = (
        SparkSession.builder.master(master)
        .appName("la4ml-recsys")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.local.dir", str(Path(_TMP, "local")))
        .config("spark.sql.warehouse.dir", str(Path(_TMP, "warehouse")))
        .config("spark.driver.memory", os.environ.get("LA4ML_SPARK_DRIVER_MEMORY", "4g"))
        .config("spark.sql.shuffle.partitions", "8")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    # The JVM inherits file descriptor 2 when it is launched: point it at a log file for the launch,
    # so the JVM keeps writing there for its whole life, and give this process its stderr back.
    sys.stderr.flush()
    saved = os.dup(2)
    log = os.open(str(Path(_TMP, "jvm.log")), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.dup2(log, 2)
        spark = builder.getOrCreate()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(log)
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def stop_spark() -> None:
    """Stop the active SparkSession, if any, and remove its temporary folder."""
    global _TMP
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return
    spark = SparkSession.getActiveSession()
    if spark is not None:
        spark.stop()
    if _TMP is not None:
        shutil.rmtree(_TMP, ignore_errors=True)
        _TMP = None


class SparkALS(RecommenderBase):
    """Spark MLlib's ALS (explicit ratings) behind la4ml's recommender interface.

    Parameters
    ----------
    n_components : int, default 10
        Spark's ``rank``.
    reg : float, default 0.1
        Spark's ``regParam``. Spark scales it by each user's (item's) number of ratings
        (weighted-λ, ALS-WR), so it matches ``la4ml.recsys.ALS(reg=reg, weighted=True, biases=False, center=False)``.
    max_iter : int, default 10
        Spark's ``maxIter``. Above 30 a checkpoint folder is set (else the lineage overflows the stack).
    master : str, default "local[*]"
        Any Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``...).
    num_blocks : int or None
        ``numUserBlocks`` and ``numItemBlocks`` (Spark's default, 10, when None).
    random_state : int or None
        Spark's ``seed``.
    spark_conf : dict, optional
        Extra Spark configuration for :func:`get_spark`.
    unknown : {"warn", "error", "ignore"}, default "warn"

    Attributes
    ----------
    user_factors_, item_factors_ : ndarray of float32
        Spark's factors, indexed like the training :class:`Ratings` (rows of ids Spark never saw
        are zero).
    timings_ : dict
        Seconds spent starting Spark, writing/reading Parquet, fitting and collecting.

    Examples
    --------
    >>> from la4ml.recsys import make_streamrec, train_test_split, rmse   # doctest: +SKIP
    >>> R = make_streamrec(1000, 200, n_ratings=20_000)                    # doctest: +SKIP
    >>> model = SparkALS(n_components=5, reg=0.1, master="local[2]").fit(R)  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        n_components: int = 10,
        reg: float = 0.1,
        max_iter: int = 10,
        master: str = "local[*]",
        num_blocks: int | None = None,
        random_state: int | None = None,
        spark_conf: dict | None = None,
        unknown: str = "warn",
    ) -> None:
        self.n_components = n_components
        self.reg = reg
        self.max_iter = max_iter
        self.master = master
        self.num_blocks = num_blocks
        self.random_state = random_state
        self.spark_conf = spark_conf
        self.unknown = unknown

    def fit(self, X: Ratings | str | os.PathLike, y: Any = None) -> "SparkALS":
        """Fit on a :class:`Ratings` (written to Parquet first) or on a Parquet path.

        A Parquet file or folder must have integer columns ``user, item`` (indices) and a numeric
        ``rating``, as written by :meth:`Ratings.to_parquet`.
        """
        timings = {}
        t = time.perf_counter()
        # every parameter is checked before Spark starts (seconds of JVM start-up for nothing otherwise)
        if not isinstance(self.master, str) or not _MASTER.fullmatch(self.master):
            raise InvalidParameterError(
                f"master must be a Spark master URL: 'local', 'local[N]', 'local[*]', 'spark://host:port', 'yarn' "
                f"or 'k8s://...', got {self.master!r}"
            )
        if self.num_blocks is not None:
            check_scalar(self.num_blocks, "num_blocks", kind=numbers.Integral, min_val=1, max_val=2**31 - 1)
        if self.random_state is not None:
            check_scalar(self.random_state, "random_state", kind=numbers.Integral, min_val=-(2**63), max_val=2**63 - 1)
        if self.spark_conf is not None and not (
            isinstance(self.spark_conf, dict) and all(isinstance(key, str) for key in self.spark_conf)
        ):
            raise DTypeError(f"spark_conf must be a dict of Spark settings (str keys), got {self.spark_conf!r}")
        if isinstance(X, (str, os.PathLike)):
            path = str(X)
            R = Ratings.read_parquet(path)
        else:
            R = check_ratings(X)
            path = None
        k = check_rank(self.n_components, R)
        check_scalar(self.reg, "reg", min_val=0)
        check_scalar(self.max_iter, "max_iter", kind=numbers.Integral, min_val=1, max_val=2**31 - 1)
        self._check_unknown()
        self._store_training(R)
        timings["local_read"] = time.perf_counter() - t
        t = time.perf_counter()
        spark = get_spark(self.master, conf=self.spark_conf)
        timings["spark_start"] = time.perf_counter() - t
        t = time.perf_counter()
        if path is None:
            path = str(Path(_TMP, f"ratings-{os.getpid()}-{id(R)}.parquet"))
            R.to_parquet(path)
        df = spark.read.parquet(path)
        timings["parquet"] = time.perf_counter() - t
        from pyspark.ml.recommendation import ALS as _SparkALS

        als = _SparkALS(
            rank=k, maxIter=int(self.max_iter), regParam=float(self.reg), userCol="user", itemCol="item",
            ratingCol="rating", implicitPrefs=False, nonnegative=False, coldStartStrategy="nan",
            checkpointInterval=10,
        )
        if self.random_state is not None:
            als.setSeed(int(self.random_state))
        if self.num_blocks is not None:
            als.setNumUserBlocks(int(self.num_blocks)).setNumItemBlocks(int(self.num_blocks))
        if self.max_iter > 30:  # long lineages overflow the JVM stack without checkpoints
            spark.sparkContext.setCheckpointDir(str(Path(_TMP, "checkpoints")))
        t = time.perf_counter()
        model = als.fit(df)
        timings["fit"] = time.perf_counter() - t
        t = time.perf_counter()
        self.user_factors_ = self._collect(model.userFactors, R.n_users, k)
        self.item_factors_ = self._collect(model.itemFactors, R.n_items, k)
        timings["collect"] = time.perf_counter() - t
        self.user_bias_ = np.zeros(R.n_users, np.float32)
        self.item_bias_ = np.zeros(R.n_items, np.float32)
        self.mean_ = 0.0
        self._use_bias = False
        self.spark_model_ = model
        self.timings_ = timings
        self.n_iter_ = int(self.max_iter)
        return self

    @staticmethod
    def _collect(df, n: int, k: int) -> np.ndarray:
        F = np.zeros((n, k), dtype=np.float32)
        if hasattr(df, "toArrow"):  # pyspark >= 4: columnar transfer, no per-row Python objects
            table = df.toArrow()
            ids = table.column("id").to_numpy()
            feats = table.column("features").combine_chunks().flatten().to_numpy(zero_copy_only=False)
            feats = feats.astype(np.float32).reshape(-1, k)
        else:  # pragma: no cover - pyspark 3.5
            rows = df.collect()
            ids = np.array([r["id"] for r in rows])
            feats = np.array([r["features"] for r in rows], dtype=np.float32).reshape(-1, k)
        F[ids] = feats
        return F

    def _scores(self, u: np.ndarray, i: np.ndarray) -> np.ndarray:
        return np.einsum("ij,ij->i", self.user_factors_[u], self.item_factors_[i], dtype=np.float64)

    def _scores_all(self, u: np.ndarray) -> np.ndarray:
        return (self.user_factors_[u] @ self.item_factors_.T).astype(np.float64)
