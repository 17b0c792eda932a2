"""Exercise 19.6 — A linear and an RBF support vector machine on two circles, plotted.

Complete ``svm_on_circles(n_samples=200, noise=0.1, gamma=1.0, random_state=0)``.
"""

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
        Number of points (half on each circle).
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to the points.
    gamma : float, default 1.0
        The RBF kernel's ``γ`` in ``exp(-γ‖x - y‖²)``.
    random_state : int, default 0
        Seed of the data and of the split.

    Returns
    -------
    fig : matplotlib.figure.Figure
        Two axes (linear, RBF), each with a scatter of all points coloured by class, the model's
        decision boundary (zero level of ``decision_function``), a title ``"<kernel>: <accuracy>"``
        and the labels ``"x1"``, ``"x2"``.
    acc_linear, acc_rbf : float
        Test accuracies of the two models.
    """
    X, y = make_circles(n_samples=n_samples, noise=noise, factor=0.4, random_state=random_state)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=random_state)
    g1, g2 = np.meshgrid(np.linspace(-1.5, 1.5, 150), np.linspace(-1.5, 1.5, 150))
    grid = np.column_stack([g1.ravel(), g2.ravel()])       # (22500, 2): evaluate decision_function here
    # TODO: fit the two SVCs on the training part, score them on the test part,
    #       draw the two panels, and return fig, acc_linear, acc_rbf.
    raise NotImplementedError


if __name__ == "__main__":
    fig, acc_linear, acc_rbf = svm_on_circles()
    print(f"test accuracy: linear {acc_linear:.2f}, rbf {acc_rbf:.2f}")
    fig.savefig("svm_on_circles.png")
