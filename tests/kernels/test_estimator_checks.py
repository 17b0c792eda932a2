"""scikit-learn's own estimator checks (the contract every estimator must keep), for each kernel.

``kernel="precomputed"`` is left out: the checks pass random matrices with negative entries as the
"Gram matrix", which is not positive semidefinite, so ``K + alpha*I`` is not positive definite and
``fit`` raises ``NotPositiveDefiniteError`` by design; it is tested in ``test_kernel_ridge.py``.
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from la4ml.kernels import KernelRidge

ESTIMATORS = [
    KernelRidge(),
    KernelRidge(alpha=0.5, kernel="linear"),
    KernelRidge(alpha=2.0, kernel="poly", degree=2, gamma=0.5, coef0=1.0),
]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_compatible_estimator(estimator, check):
    """Each check of sklearn.utils.estimator_checks passes."""
    check(estimator)
