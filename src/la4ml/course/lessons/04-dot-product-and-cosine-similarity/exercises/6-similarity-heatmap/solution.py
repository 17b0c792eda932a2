"""Exercise 4.6 — Heatmap of the corpus's cosine similarities, grouped by topic (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.datasets import load_mini_corpus


def plot_similarity_heatmap(documents, labels, label_names):
    """Heatmap of the TF-IDF cosine similarities of ``documents``, grouped by topic."""
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")                 # topics together, original order within each
    sorted_docs = [documents[i] for i in order]
    sorted_labels = labels[order]
    S = cosine_similarity(TfidfVectorizer(stop_words="english").fit_transform(sorted_docs))   # (n, n)
    np.fill_diagonal(S, np.nan)                               # self-similarity 1 would set the color scale

    fig, ax = plt.subplots(figsize=(7, 6), constrained_layout=True)
    im = ax.imshow(S, cmap="viridis", vmin=0, vmax=np.nanmax(S))
    topics = np.unique(sorted_labels)
    centers = [np.flatnonzero(sorted_labels == t).mean() for t in topics]
    names = [label_names[t] for t in topics]
    ax.set_xticks(centers)
    ax.set_xticklabels(names, rotation=30, ha="right")
    ax.set_yticks(centers)
    ax.set_yticklabels(names)
    ax.set_title("TF-IDF cosine similarity, documents grouped by topic")
    fig.colorbar(im, ax=ax, label="cosine similarity")
    return fig


if __name__ == "__main__":
    corpus = load_mini_corpus()
    shuffle = np.random.default_rng(0).permutation(len(corpus.data))
    docs = [corpus.data[i] for i in shuffle]
    plot_similarity_heatmap(docs, corpus.target[shuffle], corpus.target_names)
    plt.show()
