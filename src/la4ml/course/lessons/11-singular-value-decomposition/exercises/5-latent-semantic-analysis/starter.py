"""Exercise 11.5 — Latent semantic analysis: documents as topic vectors."""

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer


def lsa_embed(documents, n_components):
    """Return the LSA coordinates of the documents: TF-IDF, then a truncated SVD.

    Parameters
    ----------
    documents : list of str
        The texts.
    n_components : int
        The number of latent topics ``k`` (smaller than the number of documents and of terms).

    Returns
    -------
    Z : ndarray of shape (n_documents, n_components)
        Row ``d`` holds document ``d``'s coordinates along the ``k`` topics: ``Z = U_k Σ_k``, what
        ``TruncatedSVD(n_components, algorithm="arpack").fit_transform`` returns for the TF-IDF
        matrix of ``TfidfVectorizer(stop_words="english")``.

    Examples
    --------
    >>> docs = ["the matrix has rank two", "rank and null space of a matrix", "bake the bread in the oven",
    ...         "the oven is hot, bake for an hour"]
    >>> lsa_embed(docs, 2).shape
    (4, 2)
    """
    # TODO: TfidfVectorizer(stop_words="english").fit_transform, then
    #       TruncatedSVD(n_components=n_components, algorithm="arpack").fit_transform
    raise NotImplementedError


def most_similar(Z, i):
    """Return the index ``j != i`` of the row of ``Z`` most similar to row ``i`` by cosine similarity.

    Parameters
    ----------
    Z : ndarray of shape (n, k)
        One vector per row (for instance, documents in the LSA space).
    i : int
        The row to find a neighbour for.

    Returns
    -------
    j : int
        ``argmax`` over ``j != i`` of ``Z[i] · Z[j] / (‖Z[i]‖ ‖Z[j]‖)``; the smallest such ``j`` on a
        tie. A zero row ``j`` has similarity 0.

    Raises
    ------
    ValueError
        If ``Z[i]`` is the zero vector (it has no direction to compare).

    Examples
    --------
    >>> most_similar(np.array([[1.0, 0.0], [10.0, 10.0], [0.9, 0.1]]), 0)   # cosine, not dot product
    2
    """
    # TODO: normalize the rows (leave zero rows at zero), cosine similarities with row i,
    #       exclude i itself, return int(np.argmax(...))
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.datasets import load_mini_corpus

    corpus = load_mini_corpus()
    Z = lsa_embed(corpus.data, 5)
    X = TfidfVectorizer(stop_words="english").fit_transform(corpus.data).toarray()
    same_lsa = np.mean([corpus.target[most_similar(Z, d)] == corpus.target[d] for d in range(len(Z))])
    same_raw = np.mean([corpus.target[most_similar(X, d)] == corpus.target[d] for d in range(len(X))])
    print(f"nearest neighbour on the same topic: LSA {same_lsa:.2f}, raw TF-IDF {same_raw:.2f}")
