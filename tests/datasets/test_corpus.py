"""Tests for la4ml.datasets.load_mini_corpus."""

import json

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from la4ml.datasets import load_mini_corpus
from la4ml.datasets._corpus import DatasetNotFoundError


def test_shape_and_labels():
    """35 documents, 5 topics, 7 documents per topic, labels consistent with topic names"""
    c = load_mini_corpus()
    assert len(c.data) == len(c.topics) == len(c.ids) == c.target.shape[0] == 35
    assert c.target_names == ["linear algebra", "cooking", "football", "astronomy", "gardening"]
    assert np.bincount(c.target).tolist() == [7] * 5
    assert [c.target_names[t] for t in c.target] == c.topics
    assert len(set(c.ids)) == 35
    assert c.target.dtype.kind == "i"


def test_documents_are_short_real_text():
    """every document is 2-4 sentences of plain text, and no two documents are equal"""
    c = load_mini_corpus()
    for doc in c.data:
        n_sentences = doc.count(". ") + doc.rstrip().endswith(".")
        assert 2 <= n_sentences <= 4, doc
        assert 100 < len(doc) < 400
    assert len(set(c.data)) == len(c.data)


def test_return_X_y():
    """return_X_y=True gives (documents, target) as scikit-learn's loaders do"""
    X, y = load_mini_corpus(return_X_y=True)
    c = load_mini_corpus()
    assert X == c.data and np.array_equal(y, c.target)


def test_descr_names_license():
    """the description says the corpus was written for la4ml and is released with it"""
    assert "la4ml" in load_mini_corpus().DESCR and "MIT" in load_mini_corpus().DESCR


def test_topics_are_separable_by_tfidf_cosine():
    """each document's nearest neighbour by TF-IDF cosine shares its topic for at least 90% of documents"""
    c = load_mini_corpus()
    X = TfidfVectorizer(stop_words="english").fit_transform(c.data)
    S = cosine_similarity(X)
    np.fill_diagonal(S, -1)
    nearest = S.argmax(axis=1)
    assert np.mean(c.target[nearest] == c.target) >= 0.9


def test_missing_file_error(tmp_path):
    """a missing data file raises DatasetNotFoundError (a FileNotFoundError) that names the file and says to reinstall"""
    missing = tmp_path / "mini_corpus.json"
    with pytest.raises(FileNotFoundError, match="reinstall") as info:
        load_mini_corpus(path=missing)
    assert isinstance(info.value, DatasetNotFoundError)
    assert str(missing) in str(info.value)


@pytest.mark.parametrize("content", ["{not json", json.dumps({"topics": ["a"]}),
                                     json.dumps({"topics": ["a"], "documents": [{"text": "x", "topic": "b"}]})])
def test_malformed_file_error(tmp_path, content):
    """a malformed data file raises DatasetNotFoundError with the fix"""
    bad = tmp_path / "mini_corpus.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetNotFoundError, match="reinstall"):
        load_mini_corpus(path=bad)


def test_custom_path_roundtrip(tmp_path):
    """path= reads a file in the same format"""
    f = tmp_path / "c.json"
    f.write_text(json.dumps({"topics": ["x", "y"], "documents": [{"text": "b a", "topic": "y"},
                                                                 {"text": "a c", "topic": "x"}]}), encoding="utf-8")
    c = load_mini_corpus(path=f)
    assert c.data == ["b a", "a c"] and c.target.tolist() == [1, 0] and c.ids == ["0", "1"]
