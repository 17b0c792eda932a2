"""Exercise 19.6 — A linear and an RBF support vector machine on two circles, plotted (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_circles
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC


def svm_on_circles(n_samples=200, noise=0.1, gamma=1.0, random_state=0):
    """Fit a linear and an RBF SVM on two circles, plot both decision boundaries, return the test accuracies.

    Parameters
    ----------
    n_samples : int, default 200
    noise : float, default 0.1
    gamma : float, default 1.0
    random_state : int, default 0

    Returns
    -------
    fig : matplotlib.figure.Figure
    acc_linear, acc_rbf : float
    """
    X, y = make_circles(n_samples=n_samples, noise=noise, factor=0.4, random_state=random_state)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=random_state)
    g1, g2 = np.meshgrid(np.linspace(-1.5, 1.5, 150), np.linspace(-1.5, 1.5, 150))
    grid = np.column_stack([g1.ravel(), g2.ravel()])       # (22500, 2)

    models = {"linear": SVC(kernel="linear"), "rbf": SVC(kernel="rbf", gamma=gamma)}
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.8))
    acc = {}
    for ax, (name, model) in zip(axes, models.items()):
        model.fit(X_train, y_train)
        acc[name] = float(model.score(X_test, y_test))    # accuracy on points the model has not seen
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", s=12)
        ax.contour(g1, g2, model.decision_function(grid).reshape(g1.shape), levels=[0], colors="k")
        ax.set_title(f"{name}: {acc[name]:.2f}")
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
    return fig, acc["linear"], acc["rbf"]


if __name__ == "__main__":
    fig, acc_linear, acc_rbf = svm_on_circles()
    print(f"test accuracy: linear {acc_linear:.2f}, rbf {acc_rbf:.2f}")
    fig.savefig("svm_on_circles.png")
