"""Exercise 4.3 — Rank the mini corpus against a query with TF-IDF (reference solution)."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.datasets import load_mini_corpus


def search(query, documents, k=5):
    """Rank ``documents`` by TF-IDF cosine similarity to ``query``."""
    if not 1 <= k <= len(documents):
        raise ValueError(f"k must be between 1 and {len(documents)}, got {k}")
    vectorizer = TfidfVectorizer(stop_words="english")
    D = vectorizer.fit_transform(documents)          # (n_documents, vocabulary): fitted on the documents only
    q = vectorizer.transform([query])                # (1, vocabulary): the same words, the same IDF weights
    scores = cosine_similarity(q, D)[0]              # (n_documents,)
    indices = np.argsort(-scores, kind="stable")[:k]  # highest first; a stable sort breaks ties by position
    return indices, scores[indices]


if __name__ == "__main__":
    corpus = load_mini_corpus()
    for query in ["how long should I bake bread in the oven", "the striker scored a penalty",
                  "eigenvalues of a symmetric matrix", "planets and stars in the night sky",
                  "when to prune roses and plant tomatoes"]:
        idx, scores = search(query, corpus.data, k=3)
        print(query, "->", [(corpus.topics[i], round(float(s), 3)) for i, s in zip(idx, scores)])
