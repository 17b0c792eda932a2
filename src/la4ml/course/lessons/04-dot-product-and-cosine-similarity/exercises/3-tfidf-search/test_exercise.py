"""Hidden tests of exercise 4.3 — search(query, documents, k) with TF-IDF and cosine similarity."""

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.course.grading import Feedback, call, fail, function, last_call, show
from la4ml.datasets import load_mini_corpus

CORPUS = load_mini_corpus()
DOCS = CORPUS.data
TOPICS = np.array(CORPUS.topics)


def _reference_scores(query, documents, **kwargs):
    v = TfidfVectorizer(**({"stop_words": "english"} | kwargs))
    D = v.fit_transform(documents)
    return cosine_similarity(v.transform([query]), D)[0]


def _run(submission, query, documents, k=None):
    f = function(submission, "search")
    try:
        got = call(f, query, documents) if k is None else call(f, query, documents, k=k)
    except Feedback as fb:
        if ("features" in str(fb) or "dimension" in str(fb) or "shape" in str(fb)) and "Error" in str(fb):
            fail(f"{fb}\nThe query vector and the document vectors have different lengths: did you fit a separate "
                 "vectorizer on the query? Fit ONE vectorizer on the documents and call its transform([query]).")
        raise
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (indices, scores).")
    try:
        idx = np.asarray(got[0]).astype(int).ravel()
        scores = np.asarray(got[1], dtype=float).ravel()
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays: integer indices and float scores.")
    want = 5 if k is None else k
    if idx.shape != (want,) or scores.shape != (want,):
        default = " (k was not passed: its default is 5)" if k is None else ""
        fail(f"Called {last_call()}; returned {idx.size} indices and {scores.size} scores; expected k = {want} of each"
             f"{default}.")
    return idx, scores


def _diagnose(query, documents, idx, scores):
    ref = _reference_scores(query, documents)
    k = len(idx)
    order = np.argsort(-ref, kind="stable")[:k]
    if np.array_equal(idx, order) and np.allclose(scores, ref[order], atol=1e-9):
        return None
    if np.allclose(scores, np.sort(ref)[:k], atol=1e-9) or np.array_equal(idx, np.argsort(ref, kind="stable")[:k]):
        return ("these are the LEAST similar documents: np.argsort sorts ascending; rank by np.argsort(-scores, "
                "kind='stable') so the highest score comes first")
    refit = TfidfVectorizer(stop_words="english").fit(list(documents) + [query])
    alt = cosine_similarity(refit.transform([query]), refit.transform(documents))[0]
    if np.allclose(scores, alt[np.asarray(idx)], atol=1e-9) and not np.allclose(scores, ref[idx], atol=1e-9):
        return ("the scores match a vectorizer fitted on the documents PLUS the query, which changes the IDF weights; "
                "fit on the documents only and transform the query")
    no_stop = _reference_scores(query, documents, stop_words=None)
    if np.allclose(scores, no_stop[idx], atol=1e-9):
        return "the scores match a TfidfVectorizer without stop_words='english'; pass stop_words='english'"
    cv = CountVectorizer(stop_words="english").fit(documents)
    for name, s in (("cosine of raw word counts (CountVectorizer)", cosine_similarity(cv.transform([query]), cv.transform(documents))[0]),
                    ("dot products of raw word counts, not normalized", (cv.transform(documents) @ cv.transform([query]).T).toarray().ravel())):
        if np.allclose(scores, s[idx], atol=1e-9):
            return f"the scores are {name}; use TfidfVectorizer(stop_words='english') and cosine similarity"
    if np.allclose(scores, ref[idx], atol=1e-9):
        return (f"each score belongs to its document, but the order is wrong; expected the documents {order.tolist()} "
                "(highest score first, equal scores by lower index)")
    if np.allclose(scores, ref[order], atol=1e-9):
        return (f"the scores are right but the indices are not; expected {order.tolist()} (did you return positions "
                "in the sorted array instead of document positions?)")
    return f"expected indices {order.tolist()} with scores {np.round(ref[order], 4).tolist()}"


def _check(submission, query, documents, k=None):
    idx, scores = _run(submission, query, documents, k)
    problem = _diagnose(query, documents, idx, scores)
    if problem:
        fail(f"Called {last_call()}; returned indices {idx.tolist()} and scores {np.round(scores, 4).tolist()}; {problem}.")
    return idx, scores


def test_bread_query(submission):
    """'how long should I bake bread in the oven': the top 3 are cooking documents, best first"""
    idx, _ = _check(submission, "how long should I bake bread in the oven", DOCS, 3)
    if not all(TOPICS[idx] == "cooking"):
        fail(f"Called {last_call()}; the top 3 topics are {TOPICS[idx].tolist()}; expected cooking.")


def test_each_topic(submission):
    """a query on each of the five topics puts a document of that topic first"""
    queries = {"linear algebra": "eigenvalues of a symmetric matrix", "cooking": "simmer the tomato sauce with garlic",
               "football": "the striker scored a penalty goal", "astronomy": "planets and galaxies in the night sky",
               "gardening": "prune roses and mulch the soil"}
    for topic, query in queries.items():
        idx, _ = _check(submission, query, DOCS, 5)
        if TOPICS[idx[0]] != topic:
            fail(f"Called {last_call()}; the best document is about {TOPICS[idx[0]]}; expected {topic}.")


def test_k_and_order(submission):
    """returns exactly k results with non-increasing scores, for k = 1 and k = 35 (the whole corpus)"""
    for k in (1, 35):
        idx, scores = _check(submission, "the goalkeeper saved a shot", DOCS, k)
        if np.any(np.diff(scores) > 1e-12):
            fail(f"Called {last_call()}; the scores {np.round(scores, 4).tolist()} are not in non-increasing order.")
    if sorted(idx.tolist()) != list(range(35)):
        fail(f"Called {last_call()}; with k = 35 every document must appear exactly once.")


def test_default_k(submission):
    """without k, returns the 5 best documents (the default k = 5)"""
    _check(submission, "the referee showed a red card", DOCS)


def test_k_out_of_range(submission):
    """raises ValueError for k = 0 and for k larger than the number of documents (36 of 35)"""
    f = function(submission, "search")
    for k, why in ((0, "k = 0 asks for no documents at all"),
                   (36, "there are only 35 documents: slicing [:36] would silently return 35")):
        try:
            got = call(f, "goal", DOCS, k=k)
        except Feedback as fb:
            if "raised ValueError" in str(fb):
                continue
            if "NotImplementedError" in str(fb):
                raise
            fail(f"{fb}\nExpected a ValueError saying that k must be between 1 and {len(DOCS)}, because {why}.")
        fail(f"Called {last_call()}; returned {show(got)}; expected a ValueError, because {why}: check "
             f"1 <= k <= len(documents) first.")


def test_ties_by_index(submission):
    """documents sharing no word with the query all score 0 and come in index order (ties broken by lower index)"""
    _check(submission, "telescope", DOCS, 10)


def test_other_collection(submission):
    """works on any list of documents, not just the mini corpus (the vectorizer is fitted inside search)"""
    docs = ["the cat sat on the mat", "dogs and cats are pets", "stock markets fell sharply today",
            "the market for pet food grew", "a cat chased a dog"]
    _check(submission, "cat and dog", docs, 3)
    _check(submission, "stock market", docs, 2)


def test_scores_are_cosines(submission):
    """the scores are TF-IDF cosine similarities, between 0 and 1"""
    _, scores = _check(submission, "Jupiter and Saturn through a small telescope", DOCS, 5)
    if scores.max() > 1 + 1e-12 or scores.min() < 0:
        fail(f"Called {last_call()}; scores {np.round(scores, 4).tolist()} are outside [0, 1].")
