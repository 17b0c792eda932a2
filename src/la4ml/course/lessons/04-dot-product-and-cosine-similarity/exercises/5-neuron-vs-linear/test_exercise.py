"""Hidden tests of exercise 4.5 — neuron(x, w, b, activation) and dense_forward(X, W, b, activation)."""

import numpy as np
import torch

from la4ml.course.grading import Feedback, call, expect_close, fail, function, last_call, show

ACTS = {"relu": torch.relu, "sigmoid": torch.sigmoid, "identity": lambda z: z}
NP_ACTS = {"relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "identity": lambda z: z}


def _layer(n_in, n_out, seed):
    torch.manual_seed(seed)
    layer = torch.nn.Linear(n_in, n_out, dtype=torch.float64)
    return layer, layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()


def _torch_out(layer, X, activation):
    with torch.no_grad():
        return ACTS[activation](layer(torch.from_numpy(X))).numpy()


def _check_dense(submission, n_samples, n_in, n_out, activation, seed=0, pass_activation=True):
    layer, W, b = _layer(n_in, n_out, seed)
    X = np.random.default_rng(seed).standard_normal((n_samples, n_in)) * 2
    expected = _torch_out(layer, X, activation)
    f = function(submission, "dense_forward")
    got = call(f, X, W, b, activation=activation) if pass_activation else call(f, X, W, b)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {expected.shape}.")
    try:
        Y = np.asarray(got.detach().numpy() if hasattr(got, "detach") else got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {expected.shape}.")
    if Y.shape != expected.shape:
        hint = " (the transpose: one ROW per sample, one COLUMN per neuron)" if Y.shape == expected.shape[::-1] else ""
        fail(f"Called {last_call()}; the result has shape {Y.shape}; expected {expected.shape}{hint}.")
    if np.allclose(Y, expected, atol=1e-10):
        return
    f = NP_ACTS[activation]
    if n_in == n_out and np.allclose(Y, f(X @ W + b)):
        fail(f"Called {last_call()}; you computed X @ W; expected X @ W.T: nn.Linear stores weight as (out_features, "
             "in_features), one ROW per neuron, so neuron j's dot products are X @ W[j] — the columns of X @ W.T. "
             "(With a square W, X @ W runs and is silently wrong.)")
    if np.allclose(Y, f(X @ W.T)):
        fail(f"Called {last_call()}; the bias is missing; expected activation(X @ W.T + b).")
    if np.allclose(Y, f(X @ W.T) + b):
        fail(f"Called {last_call()}; the bias was added AFTER the activation; expected activation(X @ W.T + b).")
    if n_samples == n_out and np.allclose(Y, f(X @ W.T + b[:, None])):
        fail(f"Called {last_call()}; the bias was added along the wrong axis (b[:, None], one bias per SAMPLE); "
             "b has one entry per neuron, a column of the output: X @ W.T + b broadcasts it across the rows.")
    if np.allclose(Y, f(X @ W.T - b)):
        fail(f"Called {last_call()}; the bias was subtracted; expected activation(X @ W.T + b).")
    if activation == "sigmoid" and np.allclose(Y, 1 / (1 + np.exp(X @ W.T + b))):
        fail(f"Called {last_call()}; you computed 1 / (1 + exp(+z)), which is sigmoid(-z); the sigmoid is "
             "1 / (1 + exp(-z)), so that large z gives values near 1.")
    if activation == "relu" and np.allclose(Y, np.abs(X @ W.T + b)):
        fail(f"Called {last_call()}; negative pre-activations came out positive: ReLU is max(z, 0), not |z|.")
    for other, g in NP_ACTS.items():
        if other != activation and np.allclose(Y, g(X @ W.T + b)):
            default = "" if pass_activation else " (activation was not passed: its default is 'relu')"
            fail(f"Called {last_call()}; the result is the {other} of X @ W.T + b; expected the {activation}{default}.")
    expect_close(Y, expected, rtol=1e-9, atol=1e-10,
                 because=f"nn.Linear({n_in}, {n_out}) with these weights, then {activation}, gives it")


def test_relu_layer(submission):
    """dense_forward matches nn.Linear(4, 3) + ReLU on 5 samples"""
    _check_dense(submission, 5, 4, 3, "relu")


def test_square_layer(submission):
    """dense_forward matches nn.Linear(3, 3) + ReLU (a square W, where X @ W runs but is wrong)"""
    _check_dense(submission, 4, 3, 3, "relu", seed=1)


def test_default_activation(submission):
    """without the activation argument, dense_forward applies ReLU (the default)"""
    _check_dense(submission, 5, 4, 3, "relu", seed=6, pass_activation=False)


def test_as_many_samples_as_neurons(submission):
    """dense_forward matches nn.Linear(4, 3) + ReLU on 3 samples (where a bias added per sample would still run)"""
    _check_dense(submission, 3, 4, 3, "identity", seed=7)


def test_sigmoid_and_identity(submission):
    """dense_forward matches nn.Linear + sigmoid, and nn.Linear alone with activation='identity'"""
    _check_dense(submission, 6, 5, 2, "sigmoid", seed=2)
    _check_dense(submission, 6, 5, 2, "identity", seed=3)


def test_single_neuron_layer(submission):
    """dense_forward with one neuron (W of shape (1, 30)) on 10 samples gives shape (10, 1)"""
    _check_dense(submission, 10, 30, 1, "sigmoid", seed=4)


def test_unknown_activation(submission):
    """dense_forward raises ValueError for an unknown activation such as 'tanhh'"""
    f = function(submission, "dense_forward")
    try:
        got = call(f, np.ones((2, 2)), np.ones((3, 2)), np.zeros(3), activation="tanhh")
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError naming the allowed activations.")
    fail(f"Called {last_call()}; returned {show(got)}; expected a ValueError, because 'tanhh' is not 'relu', "
         "'sigmoid' or 'identity' (a typo should not silently mean 'no activation').")


def test_neuron(submission):
    """neuron(x, w, b) equals one output of nn.Linear(4, 1) + activation, for each activation"""
    layer, W, b = _layer(4, 1, 5)
    rng = np.random.default_rng(5)
    for activation in ("relu", "sigmoid", "identity"):
        for _ in range(3):
            x = rng.standard_normal(4) * 2
            expected = float(_torch_out(layer, x[None, :], activation)[0, 0])
            got = call(function(submission, "neuron"), x, W[0], float(b[0]), activation=activation)
            try:
                value = float(np.asarray(got, dtype=float).reshape(()))
            except (TypeError, ValueError):
                fail(f"Called {last_call()}; returned {show(got)}; expected one number.")
            z = float(W[0] @ x + b[0])
            if not np.isclose(value, expected, rtol=1e-9, atol=1e-12):
                if np.isclose(value, NP_ACTS[activation](z - b[0]), rtol=1e-9):
                    fail(f"Called {last_call()}; returned {value:.6g}; expected {expected:.6g}: the bias is missing.")
                fail(f"Called {last_call()}; returned {value:.10g}; expected {expected:.10g} = {activation}(w·x + b) "
                     f"with w·x + b = {z:.6g}.")


def test_relu_kills_negative(submission):
    """neuron with ReLU returns exactly 0 when w·x + b < 0, also when the activation is left at its default"""
    for kwargs in ({"activation": "relu"}, {}):
        got = call(function(submission, "neuron"), np.array([1.0, 2.0]), np.array([-1.0, -1.0]), 0.5, **kwargs)
        value = float(np.asarray(got, dtype=float).reshape(()))
        if value != 0.0:
            default = "" if kwargs else " (activation was not passed: its default is 'relu')"
            fail(f"Called {last_call()}; returned {show(got)}; expected 0.0, because w·x + b = -3 + 0.5 < 0 and "
                 f"ReLU keeps max(z, 0){default}.")
