"""Exercise 14.6 — Diabetes with two features: a seeded split, coefficients and test MSE (reference solution)."""

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split


def fit_two_features(features=("bmi", "s5"), test_size=0.2, random_state=0):
    """``(coef, intercept, test_mse)`` of ``LinearRegression`` on two named diabetes features, fitted on a seeded split."""
    data = load_diabetes()
    names = list(data.feature_names)
    X = data.data[:, [names.index(f) for f in features]]  # (442, 2), in the order asked for
    X_train, X_test, y_train, y_test = train_test_split(X, data.target, test_size=test_size,
                                                        random_state=random_state)
    model = LinearRegression().fit(X_train, y_train)  # the training part only
    test_mse = np.mean((model.predict(X_test) - y_test) ** 2)
    return model.coef_, float(model.intercept_), float(test_mse)


if __name__ == "__main__":
    coef, intercept, test_mse = fit_two_features()
    print(f"bmi, s5: coef {coef}, intercept {intercept:.2f}, test MSE {test_mse:.1f}")
    for seed in range(3):
        print(f"  split seed {seed}: test MSE {fit_two_features(random_state=seed)[2]:.1f}")
    print(f"age, sex: test MSE {fit_two_features(('age', 'sex'))[2]:.1f}")
