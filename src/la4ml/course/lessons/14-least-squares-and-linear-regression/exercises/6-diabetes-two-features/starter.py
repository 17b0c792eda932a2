"""Exercise 14.6 — Diabetes with two features: a seeded split, coefficients and test MSE.

Write ``fit_two_features(features, test_size, random_state)``, then run this file.
"""

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split


def fit_two_features(features=("bmi", "s5"), test_size=0.2, random_state=0):
    """Linear regression of diabetes progression on two named features, evaluated on held-out patients.

    Parameters
    ----------
    features : sequence of two str, default ("bmi", "s5")
        Names from ``load_diabetes().feature_names``; the columns are used in this order.
    test_size : float, default 0.2
        Share of the patients held out for testing.
    random_state : int, default 0
        Seed of the split (passed to ``train_test_split``).

    Returns
    -------
    coef : ndarray of shape (2,)
        The fitted weights, in the order of ``features``.
    intercept : float
        The fitted intercept.
    test_mse : float
        Mean squared error of the model on the test part of the split.
    """
    # TODO: data = load_diabetes(); columns by name; train_test_split(..., test_size=..., random_state=...);
    #       LinearRegression().fit on the training part; MSE on the test part.
    raise NotImplementedError


if __name__ == "__main__":
    coef, intercept, test_mse = fit_two_features()
    print(f"bmi, s5: coef {coef}, intercept {intercept:.2f}, test MSE {test_mse:.1f}")
    for seed in range(3):
        print(f"  split seed {seed}: test MSE {fit_two_features(random_state=seed)[2]:.1f}")
    print(f"age, sex: test MSE {fit_two_features(('age', 'sex'))[2]:.1f}")
