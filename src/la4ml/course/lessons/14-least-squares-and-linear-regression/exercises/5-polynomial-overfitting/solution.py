"""Exercise 14.5 — Polynomial degrees 1–5: training and test MSE, plotted (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def polynomial_design(x, degree):
    """Columns ``x**0, x**1, …, x**degree`` (the bias column once, first)."""
    return np.asarray(x, dtype=float)[:, None] ** np.arange(degree + 1)


def mse_by_degree(x_train, y_train, x_test, y_test, degrees=(1, 2, 3, 4, 5)):
    """Training and test MSE of the least-squares polynomial of each degree, fitted on the training points."""
    train_mse, test_mse = [], []
    for d in degrees:
        X_train = polynomial_design(x_train, d)  # (n_train, d + 1)
        w = np.linalg.lstsq(X_train, y_train, rcond=None)[0]  # QR/SVD-grade accuracy: XᵀX would square κ
        train_mse.append(np.mean((X_train @ w - y_train) ** 2))
        test_mse.append(np.mean((polynomial_design(x_test, d) @ w - y_test) ** 2))
    return np.array(train_mse), np.array(test_mse)


def plot_mse_by_degree(degrees, train_mse, test_mse):
    """Both curves against the degree, markers on, log-scale y axis."""
    fig, ax = plt.subplots()
    ax.plot(degrees, train_mse, "o-", label="train")
    ax.plot(degrees, test_mse, "s-", label="test")
    ax.set_yscale("log")
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel("MSE")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(4)
    x_train = np.linspace(0.0, 1.0, 10)
    y_train = np.sin(2 * np.pi * x_train) + 0.3 * rng.standard_normal(10)
    x_test = rng.uniform(0.0, 1.0, 100)
    y_test = np.sin(2 * np.pi * x_test) + 0.3 * rng.standard_normal(100)
    degrees = (1, 2, 3, 4, 5)
    train_mse, test_mse = mse_by_degree(x_train, y_train, x_test, y_test, degrees)
    for d, tr, te in zip(degrees, train_mse, test_mse):
        print(f"degree {d}: training MSE {tr:.4f}, test MSE {te:.4f}")
    plot_mse_by_degree(degrees, train_mse, test_mse).savefig("mse_by_degree.png")
