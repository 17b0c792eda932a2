"""Hidden tests of exercise 16.1 — forward_by_matmul(X, layer1, layer2) equals nn.Sequential(layer1, ReLU, layer2)."""

import numpy as np
import pytest
import torch

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show


def _net(n_in, hidden, n_out, seed, dtype=torch.float64, scale=1.0):
    torch.manual_seed(seed)
    l1 = torch.nn.Linear(n_in, hidden, dtype=dtype)
    l2 = torch.nn.Linear(hidden, n_out, dtype=dtype)
    with torch.no_grad():
        for p in (*l1.parameters(), *l2.parameters()):
            p.mul_(scale)
    return l1, l2


def _as_array(got, expected_shape):
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a torch.Tensor of shape {expected_shape} "
             "(keep the computation in PyTorch: torch.matmul, torch.relu).")
    return got.detach().cpu().numpy()


def _check(submission, n, n_in, hidden, n_out, seed, *, dtype=torch.float64, scale=1.0):
    l1, l2 = _net(n_in, hidden, n_out, seed, dtype, scale)
    X = scale * torch.randn(n, n_in, dtype=dtype, generator=torch.Generator().manual_seed(seed + 100))
    with torch.no_grad():
        expected = torch.nn.Sequential(l1, torch.nn.ReLU(), l2)(X).numpy().astype(float)
    x, w1, b1, w2, b2 = (t.detach().numpy().astype(float) for t in (X, l1.weight, l1.bias, l2.weight, l2.bias))
    # rounding bound, entry by entry: eps times the sizes of the sums, times the same computation on |values|
    mag = np.maximum(np.abs(x) @ np.abs(w1).T + np.abs(b1), 0) @ np.abs(w2).T + np.abs(b2)
    tol = 8 * (n_in + hidden) * torch.finfo(dtype).eps * mag
    try:
        with blocked("torch.nn.Linear.forward", "torch.nn.functional.linear", "torch.nn.Module.__call__",
                     reason="compute the layers with torch.matmul yourself"):
            got = call(function(submission, "forward_by_matmul"), X, l1, l2)
    except Feedback as fb:
        text = str(fb)
        if "blocked" in text:
            fail(f"{text}\nDo not call the layers (layer1(X)) or F.linear: read layer1.weight and layer1.bias and "
                 "multiply with torch.matmul.")
        if "NotImplementedError" not in text and ("shapes" in text or "size" in text):
            fail(f"{text}\nnn.Linear stores weight as (out_features, in_features): here layer1.weight is "
                 f"{tuple(l1.weight.shape)}, so X {tuple(X.shape)} must be multiplied by layer1.weight.T "
                 f"{tuple(l1.weight.T.shape)}, not by the weight itself.")
        raise
    arr = _as_array(got, tuple(expected.shape))
    if got.dtype != dtype:
        fail(f"Called {last_call()}; the result has dtype {got.dtype}; expected {dtype}, the dtype of X "
             "(do not convert: the layers' parameters already match X).")
    if arr.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape} = "
             "(n_samples, layer2.out_features).")
    if np.all(np.abs(arr - expected) <= tol):
        return
    with torch.no_grad():
        def mat(a, w):
            return a @ w.T
        tries = {
            "you multiplied by weight instead of weight.T (nn.Linear stores W as (out, in) and computes X @ W.T + b)":
                (lambda: torch.relu(X @ l1.weight + l1.bias) @ l2.weight + l2.bias) if n_in == hidden == n_out else None,
            "there is no ReLU between the layers": lambda: mat(mat(X, l1.weight) + l1.bias, l2.weight) + l2.bias,
            "there is a ReLU after the output layer too; the output must be free to be negative":
                lambda: torch.relu(mat(torch.relu(mat(X, l1.weight) + l1.bias), l2.weight) + l2.bias),
            "the biases are missing": lambda: mat(torch.relu(mat(X, l1.weight)), l2.weight),
            "the ReLU is applied before adding the first bias (relu(X W₁ᵀ) + b₁)":
                lambda: mat(torch.relu(mat(X, l1.weight)) + l1.bias, l2.weight) + l2.bias,
        }
        for why, f in tries.items():
            if f is None:
                continue
            try:
                alt = f().numpy().astype(float)
            except RuntimeError:
                continue
            if alt.shape == arr.shape and np.all(np.abs(arr - alt) <= tol) and not np.all(np.abs(alt - expected) <= tol):
                fail(f"Called {last_call()}; returned {show(arr)}; expected {show(expected)}: {why}.")
    i = np.unravel_index(np.argmax(np.abs(arr - expected) - tol), arr.shape)
    fail(f"Called {last_call()}; entry {tuple(int(k) for k in i)} is {arr[i]!r}; expected {expected[i]!r} "
         f"(nn.Sequential(layer1, nn.ReLU(), layer2)(X)), beyond rounding ({tol[i]:.3g}).")


def test_author_network(submission):
    """a 10 × 2 batch through 2 → 4 (ReLU) → 1 equals nn.Sequential, to rounding"""
    _check(submission, 10, 2, 4, 1, seed=0)


def test_square_layers(submission):
    """a 3 → 3 (ReLU) → 3 network: square weights hide a missing transpose"""
    _check(submission, 6, 3, 3, 3, seed=1)


def test_wide_outputs(submission):
    """5 → 7 (ReLU) → 2 on 9 samples: every output column"""
    _check(submission, 9, 5, 7, 2, seed=2)


def test_single_sample(submission):
    """a batch of one sample, shape (1, 2)"""
    _check(submission, 1, 2, 4, 1, seed=3)


def test_float32(submission):
    """float32 layers and input give a float32 result"""
    _check(submission, 10, 2, 4, 1, seed=4, dtype=torch.float32)


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["tiny", "huge"])
def test_scales(submission, scale):
    """inputs and parameters of size about 1e-6, or about 1e6: agreement relative to the size"""
    _check(submission, 8, 3, 5, 2, seed=5, scale=scale)
