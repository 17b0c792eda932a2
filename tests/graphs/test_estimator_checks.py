"""scikit-learn's own estimator checks for la4ml.graphs.SpectralClustering, for each affinity."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from la4ml.graphs import SpectralClustering

ESTIMATORS = [
    SpectralClustering(),
    SpectralClustering(n_clusters=3, random_state=0),
    SpectralClustering(n_clusters=2, affinity="nearest_neighbors", n_neighbors=5, random_state=0),
]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_compatible_estimator(estimator, check):
    """Each check of sklearn.utils.estimator_checks passes."""
    check(estimator)
