"""The mini corpus: 35 short documents on five topics, for bag-of-words and TF-IDF retrieval."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from la4ml._validation import check_bool, check_path
from la4ml.errors import DatasetNotFoundError  # a La4mlError and a FileNotFoundError

__all__ = ["load_mini_corpus", "DatasetNotFoundError", "DATA_DIR"]

DATA_DIR = Path(__file__).resolve().parent / "data"
_FILE_NAME = "mini_corpus.json"




def _read(path: Path) -> dict:
    """Read and validate the corpus file; every problem names the file and the fix."""
    if not path.is_file():
        raise DatasetNotFoundError(
            f"the mini corpus file {path} is missing. It ships inside the la4ml package "
            "(la4ml/datasets/data/mini_corpus.json); reinstall la4ml (pip install --force-reinstall la4ml, "
            "or pip install -e . in a source checkout) to restore it"
        )
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetNotFoundError(
            f"the mini corpus file {path} cannot be read as UTF-8 JSON ({exc}); reinstall la4ml to restore it"
        ) from exc
    docs = raw.get("documents") if isinstance(raw, dict) else None
    topics = raw.get("topics") if isinstance(raw, dict) else None
    if not isinstance(docs, list) or not isinstance(topics, list) or not docs:
        raise DatasetNotFoundError(
            f"the mini corpus file {path} has no 'topics' and 'documents' lists; reinstall la4ml to restore it"
        )
    for i, doc in enumerate(docs):
        if not (isinstance(doc, dict) and isinstance(doc.get("text"), str) and doc.get("topic") in topics):
            raise DatasetNotFoundError(
                f"document {i} of the mini corpus file {path} needs a 'text' string and a 'topic' among "
                f"{topics}, got {doc!r:.120}; reinstall la4ml to restore it"
            )
    return raw


def load_mini_corpus(*, return_X_y: bool = False, path: str | Path | None = None):
    """Load the la4ml mini corpus: 35 short English documents on five topics, with topic labels.

    The documents were written for la4ml (Linear Algebra for Machine Learning) and are released
    with it under the same license (MIT); they contain no third-party text. There are seven
    documents of two to four sentences on each of five topics, in this order: linear algebra,
    cooking, football, astronomy, gardening. The vocabularies overlap a little (a *star* striker,
    a *plant* that grows, a *rotation* of a matrix), as real text does, but each topic has words
    of its own, so bag-of-words or TF-IDF vectors ranked by cosine similarity find documents of
    the query's topic. Nothing is downloaded: the file ships inside the package.

    Parameters
    ----------
    return_X_y : bool, default False
        If True, return ``(documents, target)`` instead of a Bunch, like scikit-learn's loaders.
    path : str or Path, optional
        Read the corpus from this JSON file instead of the one shipped with la4ml (same format).

    Returns
    -------
    Bunch
        Like scikit-learn's loaders (keys are also attributes):

        - ``data``: list of 35 str, the documents;
        - ``target``: ndarray of int of shape (35,), the topic number of each document;
        - ``target_names``: list of 5 str, the topic names (``target_names[target[i]]`` is the
          topic of document ``i``);
        - ``topics``: list of 35 str, the topic name of each document;
        - ``ids``: list of 35 str such as ``'cooking-3'``;
        - ``DESCR``: a description of the corpus.
    (documents, target) : tuple of (list of str, ndarray of int)
        If ``return_X_y`` is True.

    Raises
    ------
    DatasetNotFoundError
        (a :class:`FileNotFoundError`) if the data file is missing or malformed: la4ml is
        installed incompletely; reinstall it.

    Examples
    --------
    >>> corpus = load_mini_corpus()
    >>> len(corpus.data), corpus.target_names[corpus.target[0]]
    (35, 'linear algebra')
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> TfidfVectorizer().fit_transform(corpus.data).shape[0]
    35
    """
    return_X_y = check_bool(return_X_y, "return_X_y")
    raw = _read(Path(check_path(path)) if path is not None else DATA_DIR / _FILE_NAME)
    target_names = [str(t) for t in raw["topics"]]
    docs = raw["documents"]
    data = [d["text"] for d in docs]
    topics = [d["topic"] for d in docs]
    target = np.array([target_names.index(t) for t in topics], dtype=np.int64)
    if return_X_y:
        return data, target
    from sklearn.utils import Bunch  # here, not at the top: `import la4ml.datasets` stays cheap

    return Bunch(
        data=data,
        target=target,
        target_names=target_names,
        topics=topics,
        ids=[str(d.get("id", i)) for i, d in enumerate(docs)],
        DESCR=f"{raw.get('description', '')}\n\nLicense: {raw.get('license', 'MIT, released with la4ml')}",
    )
