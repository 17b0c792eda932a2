"""Tests of la4ml.nn's Dense, activations, MLP and losses against PyTorch autograd in float64."""

import numpy as np
import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.errors import DTypeError, InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.nn import MLP, Dense, ReLU, Sigmoid, Tanh, bce_with_logits_loss, mse_loss, sigmoid

EPS = np.finfo(float).eps


def _tol(*arrays):
    """Rounding bound for a few chained products: a small multiple of eps times the sizes and scales."""
    size = max(a.size for a in arrays)
    scale = max(float(np.max(np.abs(a))) for a in arrays)
    return 64 * EPS * size * max(scale, 1.0)


def _t(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


@pytest.mark.parametrize("shape", [(5, 3, 2), (1, 1, 1), (7, 1, 4), (4, 6, 1)])
@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_dense_matches_nn_linear_autograd(shape, scale):
    n, n_in, n_out = shape
    rng = np.random.default_rng(n * 100 + n_in * 10 + n_out)
    layer = Dense(n_in, n_out, random_state=1)
    X = scale * rng.standard_normal((n, n_in))
    dY = rng.standard_normal((n, n_out))
    Y = layer.forward(X)
    dX = layer.backward(dY)
    lin = torch.nn.Linear(n_in, n_out).double()
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(layer.W.T))  # nn.Linear stores (out, in)
        lin.bias.copy_(torch.from_numpy(layer.b))
    Xt = _t(X, grad=True)
    Yt = lin(Xt)
    Yt.backward(torch.from_numpy(dY))
    assert lin.weight.shape == (n_out, n_in) and layer.W.shape == (n_in, n_out)
    np.testing.assert_allclose(Y, Yt.detach().numpy(), rtol=0, atol=_tol(X, layer.W) * n_in)
    np.testing.assert_allclose(layer.dW, lin.weight.grad.numpy().T, rtol=0, atol=_tol(X, dY) * n)
    np.testing.assert_allclose(layer.db, lin.bias.grad.numpy(), rtol=0, atol=_tol(dY) * n)
    np.testing.assert_allclose(dX, Xt.grad.numpy(), rtol=0, atol=_tol(dY, layer.W) * n_out)
    assert layer.dW.shape == layer.W.shape and layer.db.shape == layer.b.shape and dX.shape == X.shape


def test_dense_db_sums_over_samples_not_features():
    layer = Dense(2, 3, random_state=0)
    layer.forward(np.zeros((4, 2)))
    layer.backward(np.arange(12.0).reshape(4, 3))
    np.testing.assert_array_equal(layer.db, [18.0, 22.0, 26.0])
    np.testing.assert_array_equal(layer.dW, np.zeros((2, 3)))


def test_dense_init_is_seeded_and_in_pytorch_range():
    a, b = Dense(4, 3, random_state=7), Dense(4, 3, random_state=7)
    np.testing.assert_array_equal(a.W, b.W)
    np.testing.assert_array_equal(a.b, b.b)
    big = Dense(25, 400, random_state=0)
    assert np.abs(big.W).max() <= 1 / 5 and np.abs(big.W).max() > 0.19  # U(-1/√n_in, 1/√n_in)
    assert a.dW is None and a.db is None
    assert repr(a) == "Dense(n_in=4, n_out=3)"


@pytest.mark.parametrize("act,torch_fn", [(ReLU, torch.relu), (Tanh, torch.tanh), (Sigmoid, torch.sigmoid)])
def test_activations_match_autograd(act, torch_fn):
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.standard_normal((3, 4)) * 3, [[0.0, -0.0, 40.0, -800.0]]])
    dY = rng.standard_normal(X.shape)
    a = act()
    Y = a.forward(X)
    dX = a.backward(dY)
    Xt = _t(X, grad=True)
    Yt = torch_fn(Xt)
    Yt.backward(torch.from_numpy(dY))
    np.testing.assert_allclose(Y, Yt.detach().numpy(), rtol=4 * EPS, atol=0)
    np.testing.assert_allclose(dX, Xt.grad.numpy(), rtol=8 * EPS, atol=4 * EPS * np.abs(dY).max())


def test_relu_derivative_at_zero_is_zero():
    r = ReLU()
    r.forward(np.array([[0.0, 1e-300, -1e-300]]))
    np.testing.assert_array_equal(r.backward(np.ones((1, 3))), [[0.0, 1.0, 0.0]])


@pytest.mark.parametrize("sizes,activation", [([3, 8, 4, 2], "relu"), ([2, 5, 1], "sigmoid"), ([4, 3], "tanh"),
                                              ([1, 6, 6, 6, 1], "tanh")])
@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_mlp_gradients_match_autograd(sizes, activation, loss):
    """micrograd's test_engine style: the same network forward and backward in both, compare every gradient."""
    rng = np.random.default_rng(len(sizes))
    net = MLP(sizes, activation=activation, random_state=3)
    X = rng.standard_normal((11, sizes[0]))
    y = (rng.random((11, sizes[-1])) > 0.5).astype(float)
    out = net.forward(X)
    value, dout = (mse_loss if loss == "mse" else bce_with_logits_loss)(out, y)
    dX = net.backward(dout)

    Xt = _t(X, grad=True)
    params = []
    h = Xt
    dense = net.dense_layers()
    fn = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}[activation]
    for i, d in enumerate(dense):
        W, b = _t(d.W, grad=True), _t(d.b, grad=True)
        params.append((W, b))
        h = h @ W + b
        if i < len(dense) - 1:
            h = fn(h)
    if loss == "mse":
        vt = torch.nn.functional.mse_loss(h, torch.from_numpy(y))
    else:
        vt = torch.nn.functional.binary_cross_entropy_with_logits(h, torch.from_numpy(y))
    vt.backward()
    assert abs(value - vt.item()) <= 16 * EPS * max(abs(vt.item()), 1.0)
    for d, (W, b) in zip(dense, params):
        np.testing.assert_allclose(d.dW, W.grad.numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(d.db, b.grad.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dX, Xt.grad.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(out, h.detach().numpy(), rtol=1e-13, atol=1e-14)


def test_mlp_structure_and_shapes():
    net = MLP([3, 8, 4, 2], random_state=0)
    assert [type(layer).__name__ for layer in net.layers] == ["Dense", "ReLU", "Dense", "ReLU", "Dense"]
    assert [(d.W.shape, d.b.shape) for d in net.dense_layers()] == [((3, 8), (8,)), ((8, 4), (4,)), ((4, 2), (2,))]
    assert sum(p.size for p, _ in net.params()) == 3 * 8 + 8 + 8 * 4 + 4 + 4 * 2 + 2
    assert repr(net) == "MLP([3, 8, 4, 2], activation='relu')"


def test_mlp_step_descends_and_trains_xor_like():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (200, 2))
    y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    net = MLP([2, 16, 1], activation="tanh", random_state=0)
    losses = []
    for _ in range(500):
        value, d = bce_with_logits_loss(net.forward(X), y)
        losses.append(value)
        net.backward(d)
        net.step(0.5)
    assert losses[-1] < 0.5 * losses[0]
    acc = np.mean((net.forward(X) > 0) == (y > 0.5))
    assert acc > 0.9


@given(st.floats(-1e4, 1e4, allow_nan=False), st.floats(0, 1))
@example(800.0, 0.0)
@example(-800.0, 1.0)
@example(0.0, 0.5)
@example(-33.0, 0.0)  # PyTorch's value is 7.1e-15, the true log1p(e^-33) = 4.66e-15: compare at eps·(|z| + 1)
@settings(max_examples=50, deadline=None)
def test_bce_with_logits_matches_torch_without_overflow(z, y):
    value, grad = bce_with_logits_loss([z], [y])
    ref_z = _t([z], grad=True)
    ref = torch.nn.functional.binary_cross_entropy_with_logits(ref_z, _t([y]))
    ref.backward()
    assert np.isfinite(value)
    # PyTorch's formula loses up to ~eps·|z| in absolute terms; ours is the log-sum-exp form itself
    assert abs(value - ref.item()) <= 4 * EPS * (abs(z) + 1.0)
    exact = np.logaddexp(0.0, z) - z * y
    assert abs(value - exact) <= 4 * EPS * (abs(exact) + abs(z * y))
    assert abs(grad[0] - ref_z.grad.item()) <= 4 * EPS


def test_bce_naive_form_overflows_where_ours_does_not():
    z = np.array([-40.0, 40.0])
    with np.errstate(divide="ignore"):
        naive = -np.log(1 - 1 / (1 + np.exp(-z)))  # y = 0
    assert np.isinf(naive[1])
    value, _ = bce_with_logits_loss(z, np.zeros(2))
    assert abs(value - (np.log1p(np.exp(-40.0)) + 40.0 + np.log1p(np.exp(-40.0))) / 2) <= 4 * EPS * 20


def test_sigmoid_extremes():
    np.testing.assert_array_equal(sigmoid(np.array([-1e308, 1e308, 0.0])), [0.0, 1.0, 0.5])


def test_mse_loss_values_and_gradient():
    value, grad = mse_loss([[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [0.0, 0.0]])
    assert value == 7.5
    np.testing.assert_array_equal(grad, [[0.5, 1.0], [1.5, 2.0]])


@pytest.mark.parametrize("call,exc,match", [
    (lambda: Dense(0, 3), OutOfRangeError, "n_in"),
    (lambda: Dense(2, 2.5), DTypeError, "n_out"),
    (lambda: Dense(2, 3).forward(np.ones((4, 3))), ShapeError, r"\(n_samples, 2\)"),
    (lambda: Dense(2, 3).forward(np.ones(2)), ShapeError, "reshape"),
    (lambda: Dense(2, 3).backward(np.ones((1, 3))), InvalidParameterError, "before forward"),
    (lambda: ReLU().backward(np.ones((1, 3))), InvalidParameterError, "before forward"),
    (lambda: MLP([3], random_state=0), InvalidParameterError, "two entries"),
    (lambda: MLP([3, 2], activation="gelu"), InvalidParameterError, "activation"),
    (lambda: MLP(3), InvalidParameterError, "layer_sizes"),
    (lambda: mse_loss(np.ones((3, 1)), np.ones(3)), ShapeError, "same shape"),
    (lambda: mse_loss([], []), Exception, "empty"),
    (lambda: bce_with_logits_loss([0.0], [2.0]), OutOfRangeError, "target"),
    (lambda: bce_with_logits_loss([np.nan], [1.0]), NonFiniteError, "logits"),
])
def test_errors_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_dense_backward_rejects_wrong_dY_shape():
    layer = Dense(2, 3, random_state=0)
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ShapeError, match=r"dY must have the shape .*\(4, 3\)"):
        layer.backward(np.ones((3, 4)))
