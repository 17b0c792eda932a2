"""Hidden tests of exercise 1.4 — to_tensors(X, device="cpu")."""

import numpy as np
import torch

from la4ml.course.grading import call, call_keeping, expect_close, fail, function, last_call, show


def _run(submission, X):
    f = function(submission, "to_tensors")
    got = call(f, X)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (shared, model_ready) of two tensors.")
    for name, t in zip(("shared", "model_ready"), got):
        if not isinstance(t, torch.Tensor):
            fail(f"Called {last_call()}; {name} is a {type(t).__name__}; expected a torch.Tensor.")
        if tuple(t.shape) != X.shape:
            fail(f"Called {last_call()}; {name} has shape {tuple(t.shape)}; expected {X.shape}, the shape of X "
                 "(do not transpose or flatten it).")
    return got


def _data():
    return np.arange(12, dtype=np.float64).reshape(3, 4) / 7.0


def test_shared_dtype_and_values(submission):
    """shared keeps X's dtype (float64) and its values"""
    X = _data()
    shared, _ = _run(submission, X)
    if shared.dtype != torch.float64:
        fail(f"Called {last_call()}; shared has dtype {shared.dtype}; expected torch.float64, X's own dtype. A tensor "
             "can only share X's memory if it reads the same 8-byte numbers: converting with .float() makes a copy.")
    expect_close(shared, X, rtol=0, atol=0, what="shared")


def test_shared_shares_memory(submission):
    """writing into X after the call shows up in shared (no copy was made)"""
    _run(submission, _data())  # the shapes and types, with feedback
    (shared, _), (X,) = call_keeping(function(submission, "to_tensors"), _data())
    X[0, 0] = 42.0
    if float(shared[0, 0]) != 42.0:
        fail(f"Called {last_call()}, then set X[0, 0] = 42; shared[0, 0] is still {float(shared[0, 0]):.6g}, so shared is "
             "a copy. torch.tensor(X) (and any dtype change such as .float()) always copies; torch.from_numpy(X) "
             "shares X's memory.")
    if shared.data_ptr() != X.ctypes.data:
        fail(f"Called {last_call()}; shared does not start at X's buffer; use torch.from_numpy(X) on X itself.")


def test_model_ready_dtype_device(submission):
    """model_ready is float32 on the CPU with X's values"""
    X = _data()
    _, model_ready = _run(submission, X)
    if model_ready.dtype != torch.float32:
        fail(f"Called {last_call()}; model_ready has dtype {model_ready.dtype}; expected torch.float32, the dtype of "
             "torch.nn layers' weights (NumPy's default float64 would make nn.Linear raise 'mat1 and mat2 must have "
             "the same dtype').")
    if model_ready.device.type != "cpu":
        fail(f"Called {last_call()} with device='cpu'; model_ready is on {model_ready.device}; use the device argument.")
    expect_close(model_ready, X.astype(np.float32), rtol=1e-6, atol=1e-7, what="model_ready")


def test_model_ready_independent(submission):
    """model_ready is a copy: writing into X after the call does not change it"""
    _run(submission, _data())  # the shapes and types, with feedback
    (_, model_ready), (X,) = call_keeping(function(submission, "to_tensors"), _data())
    before = float(model_ready[1, 2])
    X[1, 2] = -99.0
    if float(model_ready[1, 2]) != before:
        fail(f"Called {last_call()}, then set X[1, 2] = -99; model_ready[1, 2] changed too, so it shares X's memory. The "
             "model-ready tensor must be an independent float32 copy (torch.tensor(X, dtype=torch.float32)).")


def test_device_argument(submission):
    """puts model_ready on the device it is given (checked with PyTorch's data-less 'meta' device) and shared on the CPU"""
    X = _data()
    shared, model_ready = call(function(submission, "to_tensors"), X, device="meta")
    if model_ready.device.type != "meta":
        fail(f"Called {last_call()}; model_ready is on {model_ready.device}; expected the device passed in, 'meta'. "
             "Pass device=device to torch.tensor (or call .to(device)): on a machine with a GPU, device='cuda' must "
             "put the model-ready copy on the GPU.")
    if shared.device.type != "cpu":
        fail(f"Called {last_call()}; shared is on {shared.device}; it must stay on the CPU, in X's own memory, "
             "whatever the device argument says.")
    if model_ready.dtype != torch.float32 or tuple(model_ready.shape) != X.shape:
        fail(f"Called {last_call()}; model_ready has dtype {model_ready.dtype} and shape {tuple(model_ready.shape)}; "
             f"expected torch.float32 and {X.shape}.")


def test_other_shapes(submission):
    """works for a 1-D vector and for a 3-D array"""
    for data in (np.array([1.5, -2.0, 3.25]), np.linspace(0, 1, 24).reshape(2, 3, 4)):
        _run(submission, data.copy())  # the shapes and types, with feedback
        (shared, model_ready), (X,) = call_keeping(function(submission, "to_tensors"), data.copy())
        X.flat[0] = 7.0
        if float(shared.flatten()[0]) != 7.0:
            fail(f"Called {last_call()}; shared is a copy for an array of shape {data.shape}; use torch.from_numpy(X).")
        if float(model_ready.flatten()[0]) == 7.0:
            fail(f"Called {last_call()}; model_ready shares memory with an array of shape {data.shape}; copy it.")
