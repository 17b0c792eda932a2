"""Exercise 11.5 — Latent semantic analysis: documents as topic vectors (reference solution)."""

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer


def lsa_embed(documents, n_components):
    """Return ``Z = U_k Σ_k`` (n_documents × n_components): TF-IDF, then TruncatedSVD with ARPACK."""
    X = TfidfVectorizer(stop_words="english").fit_transform(documents)   # sparse (n_docs, n_terms)
    svd = TruncatedSVD(n_components=n_components, algorithm="arpack")
    return svd.fit_transform(X)                                          # (n_docs, n_components)


def most_similar(Z, i):
    """Return the index ``j != i`` of the row of ``Z`` with the largest cosine similarity to row ``i``."""
    Z = np.asarray(Z, dtype=float)
    norms = np.linalg.norm(Z, axis=1)
    if norms[i] == 0:
        raise ValueError(f"row {i} of Z is the zero vector: it has no direction to compare")
    unit = np.divide(Z, norms[:, None], out=np.zeros_like(Z), where=norms[:, None] > 0)
    similarity = unit @ unit[i]                       # cosine with row i; 0 for zero rows
    similarity[i] = -np.inf                           # a document is not its own neighbour
    return int(np.argmax(similarity))                 # argmax returns the first of tied maxima


if __name__ == "__main__":
    from la4ml.datasets import load_mini_corpus

    corpus = load_mini_corpus()
    Z = lsa_embed(corpus.data, 5)
    X = TfidfVectorizer(stop_words="english").fit_transform(corpus.data).toarray()
    same_lsa = np.mean([corpus.target[most_similar(Z, d)] == corpus.target[d] for d in range(len(Z))])
    same_raw = np.mean([corpus.target[most_similar(X, d)] == corpus.target[d] for d in range(len(X))])
    print(f"nearest neighbour on the same topic: LSA {same_lsa:.2f}, raw TF-IDF {same_raw:.2f}")
