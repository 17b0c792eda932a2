"""Floating point at work: stable log-sum-exp, softmax and cross-entropy, condition numbers, digits lost, variance."""

from la4ml.numerics._conditioning import condition_number, correct_digits, digits_lost
from la4ml.numerics._softmax import cross_entropy, log_softmax, logsumexp, softmax
from la4ml.numerics._variance import VARIANCE_METHODS, variance

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "cross_entropy",
    "condition_number",
    "digits_lost",
    "correct_digits",
    "variance",
    "VARIANCE_METHODS",
]
