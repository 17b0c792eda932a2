"""Hidden tests of exercise 2.5 — linear_forward(X, W, b) reproduces nn.Linear."""

import numpy as np
import pytest
import torch

from la4ml.course.grading import Feedback, call, expect_close, fail, function, last_call, show


def _numbers(got):
    """The learner's result as a float array, or feedback saying it is not one."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers (a ragged list or an "
             "object array?); build the result as one NumPy array of floats.")

def _layer(n_in, n_out, seed):
    torch.manual_seed(seed)
    layer = torch.nn.Linear(n_in, n_out, dtype=torch.float64)
    return layer, layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()


def _check(submission, n, n_in, n_out, seed=0, single=False, scale=1.0):
    layer, W, b = _layer(n_in, n_out, seed)
    if scale != 1.0:
        with torch.no_grad():
            layer.weight.mul_(scale)
            layer.bias.mul_(scale)
        W, b = layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()
    rng = np.random.default_rng(seed)
    X = rng.standard_normal(n_in) if single else rng.standard_normal((n, n_in))
    with torch.no_grad():
        expected = layer(torch.from_numpy(X)).numpy()
    tol = 1e-12 * float(np.abs(X).max() * np.abs(W).sum(axis=1).max() + np.abs(b).max())  # relative to the scale
    try:
        got = call(function(submission, "linear_forward"), X, W, b)
    except Feedback as fb:
        text = str(fb)
        if "NotImplementedError" not in text and ("matmul" in text or "broadcast" in text or "aligned" in text):
            fail(f"{text}\nThe shapes: X is {X.shape}, W is {W.shape} = (out_features, in_features), b is {b.shape}. "
                 "The inner sizes of a product must agree: X @ W.T is (n, in) @ (in, out); then b lines up with the "
                 "last axis.")
        raise
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {expected.shape}.")
    if not isinstance(got, np.ndarray):
        fail(f"Called {last_call()}; returned a {type(got).__name__}; expected a NumPy array: the task is to compute "
             "with NumPy what the layer computes (X @ W.T + b), not to call PyTorch.")
    arr = _numbers(got)
    if arr.shape != expected.shape:
        if arr.shape == expected.T.shape and np.allclose(arr.T, expected):
            fail(f"Called {last_call()}; the result has shape {arr.shape}: the right numbers, transposed. Keep one "
                 f"sample per ROW: X @ W.T + b has shape {expected.shape}, while W @ X.T puts samples in columns.")
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape}, like nn.Linear's output "
             f"(n_samples, out_features). W has shape {W.shape} = (out_features, in_features).")
    if not np.allclose(arr, expected, rtol=0, atol=tol):
        if np.allclose(arr, expected - b, rtol=0, atol=tol):
            fail(f"Called {last_call()}; the result equals X @ W.T without the bias; add b = {show(b)}.")
        if n_in == n_out and np.allclose(arr, X @ W + b, rtol=0, atol=tol):
            fail(f"Called {last_call()}; you computed X @ W + b; W is stored as (out_features, in_features), so the "
                 "layer computes X @ W.T + b (row j of W is the weights of output j).")
        if not single and n == n_out and np.allclose(arr, X @ W.T + b[:, None], rtol=0, atol=tol):
            fail(f"Called {last_call()}; the bias was added down the columns (b[:, None]); b has one entry per OUTPUT, so "
                 "add it along the last axis: X @ W.T + b.")
    expect_close(arr, expected, rtol=0, atol=tol, what="the output",
                 because="nn.Linear computes X @ W.T + b")


def test_batch(submission):
    """matches nn.Linear(4, 3) on a batch of 5 samples: output (5, 3)"""
    _check(submission, 5, 4, 3)


def test_square_layer(submission):
    """matches nn.Linear(3, 3) on 2 samples (a square W hides a missing transpose)"""
    _check(submission, 2, 3, 3, seed=1)


def test_bias_axis(submission):
    """matches nn.Linear(2, 4) on 4 samples (n_samples = out_features hides a bias on the wrong axis)"""
    _check(submission, 4, 2, 4, seed=2)


def test_single_sample(submission):
    """a single sample of shape (in_features,) gives shape (out_features,)"""
    _check(submission, 1, 6, 2, seed=3, single=True)


def test_wide_layer(submission):
    """matches nn.Linear(64, 10) on 32 flattened 8 × 8 images"""
    _check(submission, 32, 64, 10, seed=4)


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["tiny-weights", "huge-weights"])
def test_weight_scales(submission, scale):
    """matches nn.Linear(5, 3) whose weights and bias are all about 1e-6, or about 1e6"""
    _check(submission, 4, 5, 3, seed=5, scale=scale)

