"""Hidden tests of exercise 11.5 — lsa_embed(documents, n_components) and most_similar(Z, i)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, fail, function, last_call, show
from la4ml.datasets import load_mini_corpus

CORPUS = load_mini_corpus().data
SMALL = ["the matrix has rank two and a null space",
         "rank and null space of a matrix, and its columns",
         "bake the bread in a hot oven for an hour",
         "the oven is hot: bake the bread and the cake",
         "the goalkeeper saved the penalty in the final minute",
         "a penalty in the final: the striker beat the goalkeeper"]


def _tfidf(documents, **kwargs):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(**{"stop_words": "english", **kwargs}).fit_transform(documents).toarray()


def _lsa(X, k):
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return U[:, :k] * s[:k], Vt[:k]


def _same_up_to_column_signs(Z, Z0, rtol=1e-6):
    if Z.shape != Z0.shape:
        return False
    signs = np.sign(np.sum(Z * Z0, axis=0))
    signs[signs == 0] = 1
    return np.allclose(Z, Z0 * signs, rtol=0, atol=rtol * np.abs(Z0).max())


def _diagnose(documents, k, Z):
    from sklearn.feature_extraction.text import CountVectorizer

    X = _tfidf(documents)
    counts = CountVectorizer(stop_words="english").fit_transform(documents).toarray().astype(float)
    if _same_up_to_column_signs(Z, _lsa(counts, k)[0]):
        return " It matches the SVD of the raw word COUNTS: use TfidfVectorizer, not CountVectorizer."
    if _same_up_to_column_signs(Z, _lsa(_tfidf(documents, stop_words=None), k)[0]):
        return ' It matches TF-IDF without the stop-word list: TfidfVectorizer(stop_words="english").'
    Xc = X - X.mean(axis=0)
    if _same_up_to_column_signs(Z, _lsa(Xc, k)[0]):
        return (" It matches PCA (the SVD of the CENTERED matrix). TruncatedSVD does not center, which is what keeps "
                "a sparse TF-IDF matrix sparse: use TruncatedSVD.")
    Z0 = _lsa(X, k)[0]
    if Z.shape == Z0.shape and _same_up_to_column_signs(Z, Z0, rtol=0.1):
        return (' It is close to the exact answer but not equal: the default algorithm="randomized" is approximate. '
                'Use TruncatedSVD(n_components=n_components, algorithm="arpack").')
    return ""


def _check_embed(submission, documents, k):
    X = _tfidf(documents)
    Z0, Vt0 = _lsa(X, k)
    got = call(function(submission, "lsa_embed"), list(documents), k)
    if hasattr(got, "toarray"):
        got = got.toarray()
    try:
        Z = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {Z0.shape}.")
    n_docs, n_terms = X.shape
    if Z.shape != Z0.shape:
        hint = ""
        if Z.shape == (k, n_terms):
            hint = (f" That is svd.components_, the {k} topics as rows over the {n_terms} terms (V_kᵀ). The documents' "
                    "coordinates are what svd.fit_transform(X) returns: U_k Σ_k, one row per document.")
        elif Z.shape == (k, n_docs):
            hint = " That is the transpose: one ROW per document, one column per component."
        elif Z.ndim == 2 and Z.shape[0] == n_docs and abs(Z.shape[1] - k) == 1:
            hint = f" Use n_components={k}, the value you were given."
        fail(f"Called {last_call()}; the result has shape {Z.shape}; expected {Z0.shape} (n_documents, n_components).{hint}")
    if not _same_up_to_column_signs(Z, Z0):
        fail(f"Called {last_call()}; the result is not U_k Σ_k of the TF-IDF matrix (up to the sign of each column): "
             f"its first row is {show(Z[0])}, expected ±{show(Z0[0])}.{_diagnose(documents, k, Z)}")
    return Z


def _reference_most_similar(Z, i):
    norms = np.linalg.norm(Z, axis=1)
    unit = np.divide(Z, norms[:, None], out=np.zeros_like(Z), where=norms[:, None] > 0)
    sim = unit @ unit[i]
    sim[i] = -np.inf
    return int(np.argmax(sim))


def _check_similar(submission, Z, i, because=""):
    Z = np.array(Z, dtype=float)
    expected = _reference_most_similar(Z, i)
    got = call(function(submission, "most_similar"), Z, i)
    if isinstance(got, bool) or not isinstance(got, int):
        if isinstance(got, (np.integer,)):
            fail(f"Called {last_call()}; returned {show(got)} of type {type(got).__name__}; return a Python int: "
                 "int(np.argmax(...)).")
        fail(f"Called {last_call()}; returned {show(got)} ({type(got).__name__}); expected the index {expected}, an int.")
    if got == expected:
        return
    hint = ""
    if got == i:
        hint = " That is row i itself (every vector has cosine 1 with itself): exclude it."
    else:
        dots = Z @ Z[i]
        dots[i] = -np.inf
        norms = np.linalg.norm(Z, axis=1)
        with np.errstate(all="ignore"):
            cos = Z @ Z[i] / (norms * norms[i])
        cos[i] = -np.inf
        if got == int(np.argmax(dots)):
            hint = (f" Row {got} has the largest DOT PRODUCT with row {i}, but not the largest cosine: divide by both "
                    "norms, or long vectors win whatever their direction.")
        elif np.isnan(cos[got]):
            hint = (f" Row {got} is a zero vector: its cosine is 0 / 0 = NaN, which np.argmax treats as the largest. "
                    "Give zero rows similarity 0.")
        elif got == int(np.argmin(np.where(np.isinf(cos), np.inf, cos))):
            hint = " That is the LEAST similar row: use argmax."
        elif got > expected and np.isclose(cos[got], cos[expected]):
            hint = f" Rows {expected} and {got} tie; return the smallest index (np.argmax does)."
    fail(f"Called {last_call()}; returned {got}; expected {expected}" + (f", because {because}" if because else "")
         + f".{hint}")


# ------------------------------------------------------------------------------------------------ checks

def test_small_corpus(submission):
    """six documents on three subjects, 2 components: U₂Σ₂ of the TF-IDF matrix (any column signs)"""
    _check_embed(submission, SMALL, 2)


def test_mini_corpus(submission):
    """the la4ml mini corpus (35 documents), 5 and 3 components: the exact truncated SVD (ARPACK)"""
    _check_embed(submission, CORPUS, 5)
    _check_embed(submission, CORPUS, 3)


def test_cosine_not_dot_product(submission):
    """rows (1, 0), (10, 10), (0.9, 0.1): row 2 is the most similar to row 0 by cosine (row 1 by dot product)"""
    _check_similar(submission, [[1.0, 0.0], [10.0, 10.0], [0.9, 0.1]], 0,
                   "cos(row 0, row 2) = 0.994 > cos(row 0, row 1) = 0.707")


def test_not_itself(submission):
    """never returns i itself, even when i is the last row or every other row is far"""
    Z = [[1.0, 2.0], [-3.0, 0.5], [0.5, -2.0], [2.0, 4.1]]
    for i in range(4):
        _check_similar(submission, Z, i)


def test_ties_smallest_index(submission):
    """two rows in the same direction as row 2 (lengths 1 and 5): the smallest index wins"""
    _check_similar(submission, [[3.0, 0.0], [0.0, 1.0], [1.0, 1.0], [5.0, 5.0], [1.0, 1.0]], 2,
                   "rows 3 and 4 both have cosine 1 with row 2; return the smallest index")
    _check_similar(submission, [[1.0, 1.0], [2.0, 2.0], [0.0, 3.0], [1.0, 1.0]], 3,
                   "rows 0 and 1 both have cosine 1 with row 3")


def test_zero_rows(submission):
    """a zero row has similarity 0 (not NaN): it loses to a row at cosine 0.995 and wins over rows pointing away"""
    _check_similar(submission, [[1.0, 0.0], [0.0, 0.0], [1.0, 0.1]], 0, "row 2 has cosine 0.995, the zero row 0")
    _check_similar(submission, [[1.0, 0.0], [0.0, 0.0], [-1.0, 0.1]], 0,
                   "row 2 points away (cosine -0.995) and the zero row has similarity 0")


def test_zero_row_i_raises(submission):
    """asking for the neighbour of a zero row raises ValueError"""
    f = function(submission, "most_similar")
    try:
        got = call(f, np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), 0)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError: row 0 is the zero vector, it has no direction to compare.")
    fail(f"Called {last_call()}; returned {show(got)}; expected it to raise ValueError: row 0 is the zero vector.")


def test_neighbours_in_lsa_space(submission):
    """on the mini corpus in 5-dimensional LSA space: the most similar document of every document"""
    Z = _lsa(_tfidf(CORPUS), 5)[0]
    for i in range(len(CORPUS)):
        _check_similar(submission, Z, i)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 12), k=st.integers(1, 6),
       scale=st.sampled_from([1e-6, 1.0, 1e6]))
def test_property_random(submission, seed, n, k, scale):
    """random n × k matrices at scales 1e-6, 1 and 1e6: the row of largest cosine similarity"""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, k)) * scale
    _check_similar(submission, Z, int(rng.integers(n)))
