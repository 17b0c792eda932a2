"""scikit-learn's own estimator checks (the contract every estimator must keep), for every solver."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from la4ml.decomposition import PCA

ESTIMATORS = [
    PCA(),
    PCA(n_components=2),
    PCA(svd_solver="covariance_eigh"),
    PCA(n_components=0.9, svd_solver="covariance_eigh"),
    PCA(n_components=2, svd_solver="randomized", random_state=0),
    PCA(whiten=True),
    PCA(n_components="mle"),
]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_compatible_estimator(estimator, check):
    """Each check of sklearn.utils.estimator_checks passes."""
    check(estimator)
