"""Exercise 4.3 — Rank the mini corpus against a query with TF-IDF.

Write ``search(query, documents, k=5)``, then try it on queries about each topic of the mini corpus.
"""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.datasets import load_mini_corpus


def search(query, documents, k=5):
    """Rank ``documents`` by TF-IDF cosine similarity to ``query``.

    Parameters
    ----------
    query : str
    documents : list of str
    k : int, default 5
        How many documents to return (1 <= k <= len(documents)).

    Returns
    -------
    indices : ndarray of int of shape (k,)
        Positions in ``documents`` of the ``k`` most similar documents, most similar first; equal
        scores are ordered by position, lowest first.
    scores : ndarray of float of shape (k,)
        Their cosine similarities with the query, in the same order (non-increasing).

    Raises
    ------
    ValueError
        If ``k`` is not between 1 and ``len(documents)``.

    Notes
    -----
    Fit ``TfidfVectorizer(stop_words="english")`` on ``documents`` only, and transform the query
    with that fitted vectorizer.
    """
    # TODO: fit the vectorizer on the documents, transform the query, score, rank.
    raise NotImplementedError


if __name__ == "__main__":
    corpus = load_mini_corpus()
    for query in ["how long should I bake bread in the oven", "the striker scored a penalty",
                  "eigenvalues of a symmetric matrix", "planets and stars in the night sky",
                  "when to prune roses and plant tomatoes"]:
        idx, scores = search(query, corpus.data, k=3)
        print(query, "->", [(corpus.topics[i], round(float(s), 3)) for i, s in zip(idx, scores)])
