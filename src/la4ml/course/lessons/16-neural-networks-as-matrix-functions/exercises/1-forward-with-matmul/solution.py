"""Exercise 16.1 — A one-hidden-layer forward pass with torch.matmul, matched against nn.Linear (reference solution)."""

import torch


def forward_by_matmul(X, layer1, layer2):
    """``relu(X W₁ᵀ + b₁) W₂ᵀ + b₂``: what ``nn.Sequential(layer1, nn.ReLU(), layer2)`` computes.

    Parameters
    ----------
    X : torch.Tensor of shape (n_samples, in_features)
        One sample per row.
    layer1 : torch.nn.Linear
        The hidden layer; its ``weight`` has shape ``(hidden, in_features)``.
    layer2 : torch.nn.Linear
        The output layer; its ``weight`` has shape ``(out_features, hidden)``.

    Returns
    -------
    torch.Tensor of shape (n_samples, out_features)
        The network's output, in ``X``'s dtype.
    """
    # nn.Linear stores W as (out, in): X (n, in) @ Wᵀ (in, out) -> (n, out); the bias broadcasts over rows.
    H = torch.relu(torch.matmul(X, layer1.weight.T) + layer1.bias)
    return torch.matmul(H, layer2.weight.T) + layer2.bias


if __name__ == "__main__":
    torch.manual_seed(0)
    X = torch.randn(10, 2)
    layer1, layer2 = torch.nn.Linear(2, 4), torch.nn.Linear(4, 1)
    print("W1:", tuple(layer1.weight.shape), "b1:", tuple(layer1.bias.shape),
          "W2:", tuple(layer2.weight.shape), "b2:", tuple(layer2.bias.shape))
    mine = forward_by_matmul(X, layer1, layer2)
    theirs = torch.nn.Sequential(layer1, torch.nn.ReLU(), layer2)(X)
    print("output shape:", tuple(mine.shape))
    print("max |difference| from nn.Sequential:", (mine - theirs).abs().max().item())
