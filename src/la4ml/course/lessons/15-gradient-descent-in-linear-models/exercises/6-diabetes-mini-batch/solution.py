"""Exercise 15.6 — Mini-batch gradient descent on Diabetes (3 features): 100 epochs and a test MSE (reference solution)."""

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def diabetes_minibatch(features=("bmi", "bp", "s5"), batch_size=32, lr=0.01, n_epochs=100, test_size=0.2,
                       random_state=0):
    """Mini-batch gradient descent on standardized Diabetes features, with a seeded split.

    Parameters
    ----------
    features : sequence of str, default ("bmi", "bp", "s5")
        Names from ``load_diabetes().feature_names``, in the order of the weights.
    batch_size : int, default 32
    lr : float, default 0.01
    n_epochs : int, default 100
    test_size : float or int, default 0.2
        Passed to ``train_test_split``: a fraction, or a number of test samples.
    random_state : int, default 0
        Passed to ``train_test_split``, and the seed of ``np.random.default_rng`` for the batches.

    Returns
    -------
    theta : ndarray of shape (len(features) + 1,)
        ``[b, w₁, …]`` for the features standardized by a ``StandardScaler`` fitted on the training part.
    losses : ndarray of shape (n_epochs + 1,)
        The training MSE at ``θ = 0`` and after each epoch.
    test_mse : float
        ``mean((A_test θ - y_test)²)``.
    """
    data = load_diabetes()
    names = list(data.feature_names)
    X = data.data[:, [names.index(f) for f in features]]
    X_train, X_test, y_train, y_test = train_test_split(X, data.target, test_size=test_size,
                                                        random_state=random_state)
    scaler = StandardScaler().fit(X_train)  # the training part only: the test set stays unseen
    A = np.column_stack([np.ones(len(X_train)), scaler.transform(X_train)])
    A_test = np.column_stack([np.ones(len(X_test)), scaler.transform(X_test)])
    n = A.shape[0]
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(random_state)
    losses = [np.mean((A @ theta - y_train) ** 2)]
    for _ in range(n_epochs):
        order = rng.permutation(n)  # a new order every epoch
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            A_b, y_b = A[batch], y_train[batch]
            theta = theta - lr * (2 / len(batch)) * (A_b.T @ (A_b @ theta - y_b))
        losses.append(np.mean((A @ theta - y_train) ** 2))
    return theta, np.array(losses), float(np.mean((A_test @ theta - y_test) ** 2))


if __name__ == "__main__":
    theta, losses, test_mse = diabetes_minibatch()
    for epoch in range(0, 101, 20):
        print(f"epoch {epoch:3d}: training MSE {losses[epoch]:.1f}")
    print("θ =", theta.round(3))
    data = load_diabetes()
    idx = [list(data.feature_names).index(f) for f in ("bmi", "bp", "s5")]
    X_train, X_test, y_train, y_test = train_test_split(data.data[:, idx], data.target, test_size=0.2, random_state=0)
    model = LinearRegression().fit(X_train, y_train)
    print(f"test MSE: gradient descent {test_mse:.2f}, LinearRegression {np.mean((model.predict(X_test) - y_test) ** 2):.2f}")
