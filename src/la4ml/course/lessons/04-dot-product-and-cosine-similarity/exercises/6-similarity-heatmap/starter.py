"""Exercise 4.6 — Heatmap of the corpus's cosine similarities, grouped by topic.

Write ``plot_similarity_heatmap(documents, labels, label_names)`` and run this file to draw it for
the shuffled mini corpus.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.datasets import load_mini_corpus


def plot_similarity_heatmap(documents, labels, label_names):
    """Heatmap of the TF-IDF cosine similarities of ``documents``, grouped by topic.

    Parameters
    ----------
    documents : list of str
    labels : ndarray of int of shape (n_documents,)
        The topic number of each document.
    label_names : list of str
        ``label_names[t]`` is the name of topic ``t``.

    Returns
    -------
    matplotlib.figure.Figure
        One heatmap (``imshow``) of the ``(n, n)`` cosine-similarity matrix of the documents
        reordered by topic (stable sort of ``labels``), with the topic names as tick labels on
        both axes, a title and a colorbar. The diagonal may be blank (NaN).
    """
    # TODO: order = np.argsort(labels, kind="stable"); TF-IDF of the reordered documents;
    #       cosine similarities; imshow; ticks named after the topics; title; colorbar.
    raise NotImplementedError


if __name__ == "__main__":
    corpus = load_mini_corpus()
    shuffle = np.random.default_rng(0).permutation(len(corpus.data))
    docs = [corpus.data[i] for i in shuffle]
    plot_similarity_heatmap(docs, corpus.target[shuffle], corpus.target_names)
    plt.show()
