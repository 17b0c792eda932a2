"""A dense layer, three activations and a multilayer perceptron with a hand-written backward pass (Part 16)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_random_state, check_scalar, describe
from la4ml.errors import InvalidParameterError, ShapeError
from la4ml.nn._losses import sigmoid

__all__ = ["Dense", "ReLU", "Tanh", "Sigmoid", "MLP"]


def _check_batch(X: Any, n_features: int, name: str) -> np.ndarray:
    X = as_float_array(X, name)
    if X.ndim != 2 or X.shape[1] != n_features:
        raise ShapeError(
            f"{name} must have shape (n_samples, {n_features}), got {describe(X)}; "
            "pass one sample per row (X.reshape(1, -1) for a single sample)"
        )
    return X


def _no_forward(layer: str) -> InvalidParameterError:
    return InvalidParameterError(f"{layer}.backward was called before forward; call forward(X) first "
                                 "(backward uses the input it saw there)")


class Dense:
    """A fully connected layer ``Y = X W + b``, with its backward pass.

    Parameters
    ----------
    n_in : int
        Number of input features (columns of ``X``).
    n_out : int
        Number of outputs (columns of ``Y``).
    random_state : None, int or numpy.random.Generator, default None
        Seed of the initialisation.

    Attributes
    ----------
    W : ndarray of shape (n_in, n_out)
        Weights, drawn uniformly from ``[-1/√n_in, 1/√n_in]`` (PyTorch's ``nn.Linear`` default range).
        Note that ``torch.nn.Linear.weight`` is stored the other way round, ``(n_out, n_in)``, and
        ``nn.Linear`` computes ``X weightᵀ + bias``: ``W = linear.weight.T``.
    b : ndarray of shape (n_out,)
        Bias, from the same range.
    dW : ndarray of shape (n_in, n_out) or None
        ``Xᵀ dY`` after :meth:`backward`.
    db : ndarray of shape (n_out,) or None
        ``dY`` summed over the samples (axis 0) after :meth:`backward`.

    Examples
    --------
    >>> layer = Dense(3, 2, random_state=0)
    >>> X = np.arange(6.0).reshape(2, 3)
    >>> Y = layer.forward(X)
    >>> dX = layer.backward(np.ones((2, 2)))
    >>> layer.W.shape, layer.dW.shape, layer.db.shape, dX.shape
    ((3, 2), (3, 2), (2,), (2, 3))
    >>> bool(np.allclose(Y, X @ layer.W + layer.b)) and bool(np.allclose(layer.dW, X.T @ np.ones((2, 2))))
    True
    """

    def __init__(self, n_in: int, n_out: int, *, random_state: Any = None) -> None:
        check_scalar(n_in, "n_in", kind=numbers.Integral, min_val=1)
        check_scalar(n_out, "n_out", kind=numbers.Integral, min_val=1)
        rng = check_random_state(random_state)
        bound = 1.0 / np.sqrt(n_in)
        self.n_in, self.n_out = int(n_in), int(n_out)
        self.W = rng.uniform(-bound, bound, (self.n_in, self.n_out))
        self.b = rng.uniform(-bound, bound, self.n_out)
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None
        self._X: np.ndarray | None = None

    def __repr__(self) -> str:
        return f"Dense(n_in={self.n_in}, n_out={self.n_out})"

    def forward(self, X: Any) -> np.ndarray:
        """Return ``X W + b`` for ``X`` of shape ``(n_samples, n_in)``; keep ``X`` for :meth:`backward`."""
        X = _check_batch(X, self.n_in, "X")
        self._X = X
        return X @ self.W + self.b

    def backward(self, dY: Any) -> np.ndarray:
        """Store ``dW = Xᵀ dY`` and ``db = Σ_samples dY``; return ``dX = dY Wᵀ``.

        ``dY`` is the gradient of the loss with respect to this layer's output, shape
        ``(n_samples, n_out)``; the returned ``dX`` has the shape of the input, ``(n_samples, n_in)``.
        """
        if self._X is None:
            raise _no_forward("Dense")
        dY = as_float_array(dY, "dY")
        if dY.shape != (self._X.shape[0], self.n_out):
            raise ShapeError(f"dY must have the shape of this layer's output, ({self._X.shape[0]}, {self.n_out}), "
                             f"got {describe(dY)}; pass the gradient of the loss with respect to forward's result")
        self.dW = self._X.T @ dY
        self.db = dY.sum(axis=0)
        return dY @ self.W.T

    def params(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """The pairs ``(W, dW)`` and ``(b, db)``, for an optimiser to update in place."""
        return [(self.W, self.dW), (self.b, self.db)]


class _Activation:
    """An entrywise function with its derivative; no parameters."""

    name = "activation"

    def __init__(self) -> None:
        self._saved: np.ndarray | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def forward(self, X: Any) -> np.ndarray:
        """Apply the function entrywise."""
        X = as_float_array(X, "X")
        Y = self._f(X)
        self._saved = self._keep(X, Y)
        return Y

    def backward(self, dY: Any) -> np.ndarray:
        """Multiply ``dY`` entrywise by the derivative at the input of the last :meth:`forward`."""
        if self._saved is None:
            raise _no_forward(type(self).__name__)
        dY = as_float_array(dY, "dY")
        if dY.shape != self._saved.shape:
            raise ShapeError(f"dY must have the shape of the last output, {self._saved.shape}, got {describe(dY)}")
        return dY * self._df(self._saved)

    def params(self) -> list:
        """No parameters."""
        return []


class ReLU(_Activation):
    """``max(x, 0)``; its derivative is taken as 0 at ``x = 0`` (as PyTorch does).

    Examples
    --------
    >>> r = ReLU()
    >>> r.forward(np.array([[-1.0, 0.0, 2.0]])), r.backward(np.ones((1, 3)))
    (array([[0., 0., 2.]]), array([[0., 0., 1.]]))
    >>> bool(np.array_equal(r.forward(np.array([[-1.0, 3.0]])), np.maximum([[-1.0, 3.0]], 0)))
    True
    """

    def _f(self, X):
        return np.maximum(X, 0.0)

    def _keep(self, X, Y):
        return X

    def _df(self, X):
        return (X > 0).astype(X.dtype)


class Tanh(_Activation):
    """``tanh(x)``, derivative ``1 - tanh(x)²``.

    Examples
    --------
    >>> t = Tanh()
    >>> y = t.forward(np.array([[0.5]]))
    >>> bool(np.allclose(t.backward(np.ones((1, 1))), 1 - np.tanh(0.5) ** 2))
    True
    """

    def _f(self, X):
        return np.tanh(X)

    def _keep(self, X, Y):
        return Y

    def _df(self, Y):
        return 1.0 - Y**2


class Sigmoid(_Activation):
    """``σ(x) = 1 / (1 + e^{-x})``, derivative ``σ(x)(1 - σ(x))``.

    Examples
    --------
    >>> from scipy.special import expit
    >>> s = Sigmoid()
    >>> y = s.forward(np.array([[0.3]]))
    >>> bool(np.allclose(s.backward(np.ones((1, 1))), expit(0.3) * (1 - expit(0.3))))
    True
    """

    def _f(self, X):
        return sigmoid(X)

    def _keep(self, X, Y):
        return Y

    def _df(self, Y):
        return Y * (1.0 - Y)


_ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid}


class MLP:
    """A multilayer perceptron: ``Dense → activation → … → Dense`` (no activation after the last layer).

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[n_in, h₁, …, n_out]``, at least two entries; layer ``i`` is ``Dense(layer_sizes[i], layer_sizes[i + 1])``.
    activation : {"relu", "tanh", "sigmoid"}, default "relu"
        The activation after every hidden layer.
    random_state : None, int or numpy.random.Generator, default None
        Seed of the initialisation (one generator, used by the layers in order).

    Attributes
    ----------
    layers : list
        The ``Dense`` and activation layers in order.

    Examples
    --------
    >>> net = MLP([3, 8, 4, 2], random_state=0)
    >>> [(d.W.shape, d.b.shape) for d in net.dense_layers()]
    [((3, 8), (8,)), ((8, 4), (4,)), ((4, 2), (2,))]
    >>> X = np.ones((5, 3))
    >>> d1, d2, d3 = net.dense_layers()
    >>> manual = np.maximum(np.maximum(X @ d1.W + d1.b, 0) @ d2.W + d2.b, 0) @ d3.W + d3.b
    >>> bool(np.allclose(net.forward(X), manual))
    True
    """

    def __init__(self, layer_sizes: Any, *, activation: str = "relu", random_state: Any = None) -> None:
        if activation not in _ACTIVATIONS:
            raise InvalidParameterError(f"activation must be one of {', '.join(map(repr, _ACTIVATIONS))}, "
                                        f"got {activation!r}")
        try:
            sizes = list(layer_sizes)
        except TypeError:
            raise InvalidParameterError(f"layer_sizes must be a list of ints like [2, 4, 1], got {layer_sizes!r}") from None
        if len(sizes) < 2:
            raise InvalidParameterError(f"layer_sizes must have at least two entries (inputs and outputs), got {sizes!r}")
        for i, s in enumerate(sizes):
            check_scalar(s, f"layer_sizes[{i}]", kind=numbers.Integral, min_val=1)
        rng = check_random_state(random_state)
        self.layer_sizes = [int(s) for s in sizes]
        self.activation = activation
        self.layers: list = []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            self.layers.append(Dense(a, b, random_state=rng))
            if i < len(sizes) - 2:
                self.layers.append(_ACTIVATIONS[activation]())

    def __repr__(self) -> str:
        return f"MLP({self.layer_sizes}, activation={self.activation!r})"

    def dense_layers(self) -> list[Dense]:
        """The ``Dense`` layers, in order."""
        return [layer for layer in self.layers if isinstance(layer, Dense)]

    def forward(self, X: Any) -> np.ndarray:
        """The output ``(n_samples, layer_sizes[-1])`` for ``X`` of shape ``(n_samples, layer_sizes[0])``."""
        out = _check_batch(X, self.layer_sizes[0], "X")
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def backward(self, dY: Any) -> np.ndarray:
        """Back-propagate ``dY`` (gradient of the loss w.r.t. the output): fill every layer's ``dW``, ``db``; return ``dX``."""
        grad = dY
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def params(self) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """Every ``(parameter, gradient)`` pair, first layer first."""
        return [pair for layer in self.layers for pair in layer.params()]

    def step(self, lr: float) -> None:
        """One gradient-descent step ``p ← p - lr · dp`` on every parameter, in place."""
        check_scalar(lr, "lr", min_val=0.0)
        for p, g in self.params():
            if g is None:
                raise _no_forward("MLP")
            p -= lr * g
