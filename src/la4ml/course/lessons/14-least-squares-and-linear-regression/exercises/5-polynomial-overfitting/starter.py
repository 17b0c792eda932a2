"""Exercise 14.5 — Polynomial degrees 1–5: training and test MSE, plotted.

Write ``polynomial_design(x, degree)``, ``mse_by_degree(...)`` and ``plot_mse_by_degree(...)``, then run
this file on ten noisy samples of sin(2πx).
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def polynomial_design(x, degree):
    """The polynomial features of ``x`` up to ``degree``, the column of ones first.

    Parameters
    ----------
    x : ndarray of shape (n_samples,)
    degree : int
        ``>= 0``.

    Returns
    -------
    X : ndarray of shape (n_samples, degree + 1)
        ``X[:, k] = x ** k`` for ``k = 0, 1, …, degree``.

    Examples
    --------
    >>> polynomial_design(np.array([2.0, 3.0]), 2)
    array([[1., 2., 4.],
           [1., 3., 9.]])
    """
    # TODO: x[:, None] ** np.arange(degree + 1) (or np.vander(x, degree + 1, increasing=True)).
    raise NotImplementedError


def mse_by_degree(x_train, y_train, x_test, y_test, degrees=(1, 2, 3, 4, 5)):
    """Least-squares polynomial fits of each degree: training and test mean squared errors.

    Parameters
    ----------
    x_train, y_train : ndarray of shape (n_train,)
        The points the weights are fitted on.
    x_test, y_test : ndarray of shape (n_test,)
        Held-out points, never used for fitting.
    degrees : sequence of int, default (1, 2, 3, 4, 5)

    Returns
    -------
    train_mse : ndarray of shape (len(degrees),)
        ``mean((X_train w - y_train)²)`` for the weights ``w`` fitted at each degree.
    test_mse : ndarray of shape (len(degrees),)
        ``mean((X_test w - y_test)²)`` for the same weights.
    """
    # TODO: for each degree: w = np.linalg.lstsq(polynomial_design(x_train, d), y_train, rcond=None)[0];
    #       then the two MSEs with polynomial_design(x_train, d) @ w and polynomial_design(x_test, d) @ w.
    raise NotImplementedError


def plot_mse_by_degree(degrees, train_mse, test_mse):
    """Training and test MSE against the polynomial degree.

    Parameters
    ----------
    degrees : sequence of int
    train_mse, test_mse : ndarray of shape (len(degrees),)

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes, two lines with markers (x = degrees): one labelled with "train", one with
        "test"; log-scale y axis; axis labels; a legend.
    """
    # TODO: fig, ax = plt.subplots(); ax.plot(degrees, train_mse, "o-", label="train"); same for test;
    #       ax.set_yscale("log"); ax.set_xlabel(...); ax.set_ylabel(...); ax.legend(); return fig.
    raise NotImplementedError


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
