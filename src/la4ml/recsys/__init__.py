"""Recommender engine for the StreamRec running example: ratings data, baselines, ALS, SGD, metrics."""

from la4ml.recsys._als import ALS
from la4ml.recsys._baseline import BaselineModel, ImputedSVD
from la4ml.recsys._data import IdMap, Ratings, load_movielens, make_streamrec, streamrec_chunks, train_test_split
from la4ml.recsys._errors import ColdStartWarning, DuplicateRatingError, RatingsFormatError, UnknownIdError
from la4ml.recsys._metrics import mae, ndcg_at_k, precision_at_k, ranking_metrics, recall_at_k, rmse
from la4ml.recsys._sgd import SGDMF

__all__ = [
    "IdMap",
    "Ratings",
    "make_streamrec",
    "streamrec_chunks",
    "load_movielens",
    "train_test_split",
    "BaselineModel",
    "ImputedSVD",
    "ALS",
    "SGDMF",
    "rmse",
    "mae",
    "precision_at_k",
    "recall_at_k",
    "ndcg_at_k",
    "ranking_metrics",
    "ColdStartWarning",
    "DuplicateRatingError",
    "RatingsFormatError",
    "UnknownIdError",
]
