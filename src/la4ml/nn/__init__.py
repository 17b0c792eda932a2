"""Neural networks as matrix functions (Part 16): a dense layer, an MLP, losses and im2col convolution, in NumPy."""

from la4ml.nn._conv import conv2d, im2col
from la4ml.nn._layers import MLP, Dense, ReLU, Sigmoid, Tanh
from la4ml.nn._losses import bce_with_logits_loss, mse_loss, sigmoid

__all__ = [
    "Dense",
    "ReLU",
    "Tanh",
    "Sigmoid",
    "MLP",
    "mse_loss",
    "bce_with_logits_loss",
    "sigmoid",
    "im2col",
    "conv2d",
]
