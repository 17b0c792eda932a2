"""Hidden tests of exercise 4.6 — plot_similarity_heatmap(documents, labels, label_names)."""

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.course.grading import call, close_figures, expect_figure, fail, function, is_instance, last_call, type_name
from la4ml.datasets import load_mini_corpus

CORPUS = load_mini_corpus()


def _shuffled(seed=0):
    perm = np.random.default_rng(seed).permutation(len(CORPUS.data))
    return [CORPUS.data[i] for i in perm], CORPUS.target[perm].copy(), list(CORPUS.target_names)


def _same_offdiag(a, b):
    mask = ~np.eye(a.shape[0], dtype=bool)
    return a.shape == b.shape and np.allclose(a[mask], b[mask], atol=1e-9)


def _check(submission, documents, labels, names):
    close_figures()
    fig = call(function(submission, "plot_similarity_heatmap"), documents, labels, names)
    expect_figure(fig, hint="return fig")
    axes = [ax for ax in fig.axes if ax.images and ax.get_label() != "<colorbar>"]
    if len(axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(axes)} axes with an image; expected one heatmap (ax.imshow).")
    ax = axes[0]
    data = np.ma.filled(np.ma.asarray(ax.images[0].get_array(), dtype=float), np.nan)
    n = len(documents)
    if data.shape != (n, n):
        fail(f"Called {last_call()}; the image has shape {data.shape}; expected ({n}, {n}), one row and one column per "
             "document.")
    order = np.argsort(labels, kind="stable")
    sdocs = [documents[i] for i in order]
    expected = cosine_similarity(TfidfVectorizer(stop_words="english").fit_transform(sdocs))
    diag = np.diag(data)
    if not _same_offdiag(np.nan_to_num(data, nan=-9), np.nan_to_num(expected, nan=-9)):
        unsorted = cosine_similarity(TfidfVectorizer(stop_words="english").fit_transform(documents))
        if _same_offdiag(data, unsorted):
            fail(f"Called {last_call()}; the heatmap shows the documents in their given (shuffled) order; expected "
                 "them sorted by topic, order = np.argsort(labels, kind='stable'), so each topic forms a block.")
        cv = CountVectorizer(stop_words="english").fit_transform(sdocs)
        raw = (cv @ cv.T).toarray()
        tf = TfidfVectorizer(stop_words="english").fit_transform(sdocs)
        if _same_offdiag(data, raw) or np.nanmax(data) > 1 + 1e-9:
            fail(f"Called {last_call()}; the heatmap has values up to {np.nanmax(data):.3g}: these are dot products of "
                 "unnormalized vectors (raw counts), not cosines. You forgot to normalize: use cosine_similarity "
                 "(of TF-IDF vectors), whose entries lie in [-1, 1].")
        if _same_offdiag(data, cosine_similarity(cv)):
            fail(f"Called {last_call()}; the heatmap shows cosines of raw word counts; expected TF-IDF vectors "
                 "(TfidfVectorizer(stop_words='english')).")
        if _same_offdiag(data, cosine_similarity(TfidfVectorizer().fit_transform(sdocs))):
            fail(f"Called {last_call()}; the heatmap matches TF-IDF without stop words; pass stop_words='english'.")
        if _same_offdiag(data, cosine_similarity(tf.T) if tf.shape[1] == n else np.zeros((1, 1))):
            fail(f"Called {last_call()}; the heatmap compares words, not documents.")
        fail(f"Called {last_call()}; the heatmap is not the TF-IDF cosine-similarity matrix of the documents sorted "
             "by topic.")
    if not np.all(np.isnan(diag) | np.isclose(diag, 1.0)):
        fail(f"Called {last_call()}; the diagonal holds {diag[:3]}...; expected 1 (each document with itself) or blank "
             "(NaN).")
    ticks = {t.get_text().strip() for t in ax.get_yticklabels() + ax.get_xticklabels()}
    missing = [name for name in names if name not in ticks]
    if missing:
        fail(f"Called {last_call()}; the tick labels {sorted(t for t in ticks if t)} do not name the topics {missing}; "
             "label the axes with the topic names: ax.set_yticks(centers); ax.set_yticklabels(names).")
    sorted_labels = np.asarray(labels)[order]
    for axis, tick_labels, coord in (("y", ax.get_yticklabels(), 1), ("x", ax.get_xticklabels(), 0)):
        for t in tick_labels:
            name = t.get_text().strip()
            if name not in names:
                continue
            rows = np.flatnonzero(sorted_labels == names.index(name))
            where = float(t.get_position()[coord])
            if rows.size and not rows[0] - 0.5 <= where <= rows[-1] + 0.5:
                fail(f"Called {last_call()}; the {axis} tick labeled {name!r} is at {where:g}, but the documents of "
                     f"{name!r} are rows {rows[0]} to {rows[-1]} of the sorted matrix; put each topic's tick inside its "
                     "block, e.g. at the mean of np.flatnonzero(sorted_labels == t), and name it label_names[t].")
    off = expected[~np.eye(n, dtype=bool)]
    lo, hi = np.percentile(off, [5, 95])
    vmin, vmax = (float(v) for v in ax.images[0].get_clim())
    if not (vmin <= lo + 1e-9 and vmax >= hi - 1e-9 and vmin < vmax):
        fail(f"Called {last_call()}; the colour scale runs from {vmin:.3g} to {vmax:.3g}, but the similarities between "
             f"different documents run from {off.min():.3g} to {off.max():.3g} (90% of them between {lo:.3g} and "
             f"{hi:.3g}): most of them get one colour. Let imshow choose (no vmin/vmax), or use vmin=0 and "
             "vmax=np.nanmax(S) with the diagonal blanked.")
    width, height = (float(v) for v in fig.get_size_inches())
    if min(width, height) < 1:
        fail(f"Called {last_call()}; the figure is {width:g} × {height:g} inches: too small to show the heatmap.")
    if not ax.get_title().strip():
        fail(f"Called {last_call()}; the heatmap has no title; give it one (ax.set_title(...)).")
    if not any(a.get_label() == "<colorbar>" for a in fig.axes):
        fail(f"Called {last_call()}; there is no colorbar; add fig.colorbar(im, ax=ax) so the colors have a scale.")
    close_figures()


def test_shuffled_corpus(submission):
    """on the shuffled mini corpus, shows the topic-sorted TF-IDF cosine matrix with topic tick labels, a title and a colorbar"""
    _check(submission, *_shuffled(0))


def test_other_shuffle(submission):
    """the picture does not depend on the input order: another shuffle gives the same sorted matrix"""
    _check(submission, *_shuffled(1))


def test_small_collection(submission):
    """works on a small collection of 6 documents with 2 topics given out of order"""
    docs = ["the cat sat on the mat", "stock markets fell sharply", "a cat chased the dog",
            "bond markets rallied", "the dog and the cat slept", "investors sold stock"]
    labels = np.array([0, 1, 0, 1, 0, 1])
    _check(submission, docs, labels, ["pets", "finance"])
