"""Tests of la4ml.recsys._data: the Ratings container, StreamRec, MovieLens loaders, splitting."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.errors import EmptyInputError, NonFiniteError, OutOfRangeError
from la4ml.recsys import (
    DuplicateRatingError,
    Ratings,
    RatingsFormatError,
    UnknownIdError,
    load_movielens,
    make_streamrec,
    streamrec_chunks,
    train_test_split,
)


def test_ratings_sorted_and_equal_to_scipy():
    """Ratings stores entries sorted by (user, item) and to_csr equals SciPy's COO -> CSR."""
    rng = np.random.default_rng(0)
    key = rng.choice(30 * 20, size=200, replace=False)
    u, i = key // 20, key % 20
    r = rng.integers(1, 6, size=200).astype(float)
    R = Ratings(u, i, r)
    assert np.all(np.diff(R.user.astype(np.int64) * 20 + R.item) > 0)
    ref = sp.coo_array((r, (u, i)), shape=(30, 20)).toarray()
    np.testing.assert_array_equal(R.to_csr().toarray(), ref)
    np.testing.assert_array_equal(np.nan_to_num(R.to_dense()), ref)
    assert R.indptr[-1] == 200 and R.shape == (30, 20)


def test_from_raw_maps_ids_both_ways():
    """from_raw gives contiguous indices in sorted id order and maps them back to the raw ids."""
    R = Ratings.from_raw(["bob", "ann", "bob"], [20, 10, 10], [3, 4, 5], rating_scale=(1, 5))
    assert list(R.user_map.ids) == ["ann", "bob"] and list(R.item_map.ids) == [10, 20]
    assert R.user_index("bob") == 1 and R.item_index(20) == 1
    assert sorted(zip(R.raw_users, R.raw_items, R.rating)) == [("ann", 10, 4), ("bob", 10, 5), ("bob", 20, 3)]


def test_unknown_id_error_explains():
    """Looking up a never-seen user raises UnknownIdError (a KeyError) naming the id and a fix."""
    R = Ratings.from_raw([1, 2], [1, 1], [3, 4])
    with pytest.raises(UnknownIdError, match=r"user id 99 was never seen.*2 known users") as exc:
        R.user_index(99)
    assert isinstance(exc.value, KeyError)


def test_nan_rating_rejected_with_position():
    """A NaN rating raises NonFiniteError naming its index, user and item."""
    with pytest.raises(NonFiniteError, match=r"got nan at index 1 \(user 1, item 0\)"):
        Ratings([0, 1], [0, 0], [3.0, np.nan])


def test_rating_outside_scale_rejected():
    """A rating outside the declared scale raises OutOfRangeError with the value and index."""
    with pytest.raises(OutOfRangeError, match=r"\[1.0, 5.0\], got 7.0 at index 2"):
        Ratings([0, 1, 2], [0, 0, 0], [3, 4, 7], rating_scale=(1, 5))


def test_empty_rejected():
    """Empty ratings raise EmptyInputError."""
    with pytest.raises(EmptyInputError):
        Ratings([], [], [])


def test_bad_indices_rejected():
    """Negative, fractional or string indices raise clear errors pointing to from_raw."""
    with pytest.raises(ValueError, match="non-negative"):
        Ratings([-1], [0], [3.0])
    with pytest.raises(TypeError, match="from_raw"):
        Ratings(["a"], [0], [3.0])
    with pytest.raises(ValueError, match="out of range"):
        Ratings([0, 5], [0, 0], [3.0, 3.0], n_users=3)


def test_duplicates_policy():
    """Repeated (user, item) pairs: 'error' names the first pair; 'mean'/'first'/'last' keep one."""
    u, i, r = [0, 1, 0, 0], [2, 0, 2, 1], [1.0, 5.0, 3.0, 4.0]
    with pytest.raises(DuplicateRatingError, match=r"1 repeat; the first is user 0, item 2.*duplicates="):
        Ratings(u, i, r)
    for policy, want in (("mean", 2.0), ("first", 1.0), ("last", 3.0)):
        R = Ratings(u, i, r, duplicates=policy)
        assert len(R) == 3
        assert R.to_dense()[0, 2] == want


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4), st.integers(1, 5)), min_size=1, max_size=60))
def test_canonical_form_property(triples):
    """For any triples, Ratings(duplicates='last') equals a dict filled in input order."""
    u, i, r = (np.array(x) for x in zip(*triples))
    R = Ratings(u, i, r.astype(float), duplicates="last", n_users=7, n_items=5)
    want = {}
    for a, b, c in triples:
        want[(a, b)] = c
    got = {(int(a), int(b)): float(c) for a, b, c in zip(R.user, R.item, R.rating)}
    assert got == want
    assert list(got) == sorted(got)


def test_streamrec_shape_scale_and_uniqueness():
    """StreamRec gives exactly n_ratings distinct pairs in [1, 5], every user with >= 2 ratings."""
    R = make_streamrec(500, 80, n_ratings=6000, random_state=0)
    assert len(R) == 6000 and R.shape == (500, 80)
    assert 1 <= R.rating.min() and R.rating.max() <= 5
    key = R.user.astype(np.int64) * 80 + R.item
    assert np.unique(key).size == key.size
    assert np.diff(R.indptr).min() >= 2


def test_streamrec_reproducible_and_chunked():
    """Same seed, same data; the chunk stream concatenated equals make_streamrec; skew works."""
    a = make_streamrec(300, 50, n_ratings=3000, random_state=5, chunk_size=500)
    b = make_streamrec(300, 50, n_ratings=3000, random_state=5, chunk_size=500)
    np.testing.assert_array_equal(a.rating, b.rating)
    chunks = list(streamrec_chunks(300, 50, n_ratings=3000, random_state=5, chunk_size=500))
    assert len(chunks) > 3 and max(c[0].size for c in chunks) < 1000
    np.testing.assert_array_equal(np.concatenate([c[2] for c in chunks]), a.rating)
    skew = make_streamrec(300, 50, n_ratings=3000, popularity=1.0, random_state=5)
    counts = np.sort(np.bincount(skew.item, minlength=50))
    assert counts[-1] > 4 * max(counts[0], 1)


def test_streamrec_truth_noise_floor():
    """The truth's predictions miss the ratings by about the noise level (clipping lowers it a bit)."""
    R, t = make_streamrec(400, 100, n_ratings=8000, noise=0.5, random_state=2, return_truth=True)
    pred = t["mean"] + t["user_bias"][R.user] + t["item_bias"][R.item] + np.einsum(
        "ij,ij->i", t["user_factors"][R.user], t["item_factors"][R.item])
    err = np.sqrt(np.mean((np.clip(pred, 1, 5) - R.rating) ** 2))
    assert 0.42 < err < 0.52


def test_streamrec_dense_request():
    """A request denser than some users can rate (many ratings, few items) still gives distinct pairs."""
    R = make_streamrec(30, 10, density=0.9, random_state=1)
    assert len(R) == 270 and np.diff(R.indptr).max() <= 10


def test_split_per_user():
    """The split is disjoint, covers the data, keeps >= 1 train rating per user and ~test_size in test."""
    R = make_streamrec(2000, 100, n_ratings=40_000, random_state=0)
    train, test = train_test_split(R, test_size=0.2, random_state=0)
    assert len(train) + len(test) == len(R)
    k_all = set((R.user.astype(np.int64) * 100 + R.item).tolist())
    k_tr = set((train.user.astype(np.int64) * 100 + train.item).tolist())
    k_te = set((test.user.astype(np.int64) * 100 + test.item).tolist())
    assert k_tr | k_te == k_all and not (k_tr & k_te)
    assert np.all(np.diff(train.indptr) >= 1)
    assert abs(len(test) / len(R) - 0.2) < 0.01
    assert train.user_map is R.user_map


def test_split_rejects_bad_size():
    """test_size outside (0, 1) is rejected."""
    R = make_streamrec(50, 10, n_ratings=200, random_state=0)
    with pytest.raises(ValueError, match="test_size"):
        train_test_split(R, test_size=1.5)


# -- MovieLens loaders ----------------------------------------------------------------------------

ML100K = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n196\t377\t4\t881250950\n"
ML1M = "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n"
MLCSV = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n6,1,0.5,964982224\n"


@pytest.mark.parametrize("name,text,n,scale", [("u.data", ML100K, 4, (1, 5)), ("ratings.dat", ML1M, 3, (1, 5)),
                                                ("ratings.csv", MLCSV, 3, (0.5, 5))])
def test_movielens_formats(tmp_path, name, text, n, scale):
    """Each MovieLens format loads from a file and from its folder, with raw ids and the right scale."""
    (tmp_path / name).write_text(text)
    for where in (tmp_path / name, tmp_path):
        R = load_movielens(where)
        assert len(R) == n and R.rating_scale == scale
    first = text.splitlines()[1 if name.endswith(".csv") else 0]
    sep = {"u.data": "\t", "ratings.dat": "::", "ratings.csv": ","}[name]
    u, i, r = first.split(sep)[:3]
    j = np.flatnonzero((R.raw_users == int(u)) & (R.raw_items == int(i)))
    assert R.rating[j[0]] == float(r)


@pytest.mark.parametrize("name,text,pattern", [
    ("u.data", "196\t242\t3\t1\n186\t302\n", r"line 2: expected at least 3 fields"),
    ("u.data", "196\t242\t3\t1\n186\t302\tfive\t1\n", r"line 2: rating must be a number, got 'five'"),
    ("u.data", "196\t242\t3\t1\n1\t2\t3\t4\n7\t8\t9\t1\n", r"line 3: rating '9' is outside"),
    ("ratings.dat", "1::1193::5::1\nx::661::3::1\n", r"line 2: user id must be an integer, got 'x'"),
    ("ratings.dat", "1\t1193\t5\t1\n", r"line 1: expected at least 3 fields separated by '::'"),
    ("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,3,,1\n", r"line 3: rating must be a number"),
    ("ratings.csv", "userId,movieId,rating,timestamp\n", r"no ratings after the header"),
    ("u.data", "", r"the file is empty"),
    ("u.data", "1\t2\t3\t4\n\n5\t6\t1\t1\n3\t4\n", r"line 4: expected at least 3 fields"),
])
def test_movielens_malformed(tmp_path, name, text, pattern):
    """A malformed file raises RatingsFormatError with the line number and what was expected."""
    (tmp_path / name).write_text(text)
    with pytest.raises(RatingsFormatError, match=pattern):
        load_movielens(tmp_path / name)


def test_movielens_blank_lines_skipped(tmp_path):
    """Blank lines (a trailing newline, an empty line) are skipped, like np.loadtxt does."""
    (tmp_path / "u.data").write_text("1\t2\t3\t4\n\n5\t6\t1\t1\n\n")
    assert len(load_movielens(tmp_path / "u.data")) == 2


def test_movielens_missing(tmp_path):
    """An absent file or a folder without a ratings file raises FileNotFoundError naming the formats."""
    with pytest.raises(FileNotFoundError, match=r"u.data \(100K\), ratings.dat \(1M\)"):
        load_movielens(tmp_path / "nope" / "u.data")
    with pytest.raises(FileNotFoundError, match="looked for u.data, ratings.dat, ratings.csv"):
        load_movielens(tmp_path)
    (tmp_path / "movies.dat").write_text("1::Toy Story::Animation\n")
    with pytest.raises(RatingsFormatError, match="unknown MovieLens file name"):
        load_movielens(tmp_path / "movies.dat")


def test_movielens_duplicates(tmp_path):
    """A repeated (user, movie) pair in a file is reported with the file name."""
    (tmp_path / "u.data").write_text("1\t2\t3\t1\n1\t2\t4\t2\n")
    with pytest.raises(DuplicateRatingError, match="u.data"):
        load_movielens(tmp_path / "u.data")
    assert load_movielens(tmp_path / "u.data", duplicates="last").rating.tolist() == [4.0]


def test_parquet_round_trip(tmp_path):
    """to_parquet then read_parquet gives back the same entries."""
    pytest.importorskip("pyarrow")
    R = make_streamrec(100, 30, n_ratings=900, random_state=0)
    R.to_parquet(tmp_path / "r.parquet")
    S = Ratings.read_parquet(tmp_path / "r.parquet", rating_scale=(1, 5))
    np.testing.assert_array_equal(S.rating, R.rating)
    np.testing.assert_array_equal(S.item, R.item)


# edges found by fuzzing (issue #9) -----------------------------------------------------------------
import la4ml.errors as _errors  # noqa: E402
from la4ml.recsys import IdMap  # noqa: E402


def test_empty_idmap_knows_no_id():
    """An empty IdMap (from no ids) looks nothing up: all unknown, UnknownIdError from index(), no IndexError."""
    m, idx = IdMap.from_values([])
    assert m.n == 0 and idx.size == 0
    i, known = m.lookup([3, 5])
    assert not known.any() and i.tolist() == [0, 0]
    with pytest.raises(UnknownIdError, match=r"user id 3 was never seen in the training data \(0 known users, none"):
        m.index(3)


@pytest.mark.parametrize("raw", [[0, 1], np.array([0, 1]), np.zeros(0), (0,)])
def test_idmap_index_takes_one_id(raw):
    """index([0, 1]) used to fail on 'the truth value of an array is ambiguous': now DTypeError pointing to lookup."""
    m, _ = IdMap.from_values([0, 1, 2])
    with pytest.raises(_errors.DTypeError, match=r"raw must be one user id, got .*use\s+lookup\(ids\)"):
        m.index(raw)


@pytest.mark.parametrize("n", [-1, 1.5, float("nan"), float("inf"), "3", None])
def test_idmap_size_is_checked(n):
    """IdMap(n) with a bad n names n (it raised OverflowError for inf, ValueError for NaN, TypeError for None)."""
    with pytest.raises((_errors.DTypeError, _errors.OutOfRangeError), match=r"\bn must be"):
        IdMap(n)


def test_nan_raw_ids_are_refused():
    """NaN raw ids were accepted and then never found (NaN != NaN): refused up front, with the position."""
    with pytest.raises(NonFiniteError, match=r"users must not contain NaN .* got nan at position 1"):
        Ratings.from_raw([0.0, np.nan, 2.0], ["a", "b", "c"], [1.0, 2.0, 3.0])
    with pytest.raises(_errors.DTypeError, match=r"items must all be strings or all numbers .*None"):
        Ratings.from_raw(["u", "v"], np.array(["a", None], dtype=object), [1.0, 2.0])
    m, _ = IdMap.from_values([1.0, 2.0])
    with pytest.raises(UnknownIdError, match="NaN is a missing id"):
        m.index(float("nan"))


@pytest.mark.parametrize("bad, exc, pattern", [
    ("abc", "DTypeError", r"user_map must be a la4ml.recsys.IdMap .* got str 'abc'"),
    (3, "DTypeError", r"user_map must be a la4ml.recsys.IdMap"),
    (np.arange(3), "DTypeError", r"user_map must be a la4ml.recsys.IdMap .* array of shape \(3,\)"),
])
def test_ratings_rejects_a_bad_user_map(bad, exc, pattern):
    """Ratings(user_map='abc') used to raise AttributeError: 'str' object has no attribute 'n'."""
    with pytest.raises(getattr(_errors, exc), match=pattern):
        Ratings([0, 1], [0, 1], [1.0, 2.0], user_map=bad)


@pytest.mark.parametrize("scale, exc", [((5, 1), "OutOfRangeError"), ((np.nan, 5), "OutOfRangeError"),
                                        (("a", "b"), "DTypeError"), (3, "DTypeError"), ((1, 2, 3), "DTypeError")])
def test_rating_scale_is_checked(scale, exc):
    """rating_scale must be two finite numbers low <= high; each failure names rating_scale."""
    with pytest.raises(getattr(_errors, exc), match="rating_scale must be"):
        Ratings([0], [0], [1.0], rating_scale=scale)


@pytest.mark.parametrize("chunk_size", [float("inf"), 0, 2.5, "1000", None])
def test_chunk_size_is_checked(chunk_size):
    """chunk_size=inf raised OverflowError (int(inf)) on the first chunk: now a la4ml error naming chunk_size."""
    with pytest.raises((_errors.DTypeError, _errors.OutOfRangeError), match="chunk_size must be"):
        next(streamrec_chunks(50, 10, n_ratings=200, chunk_size=chunk_size))
    with pytest.raises((_errors.DTypeError, _errors.OutOfRangeError), match="chunk_size must be"):
        make_streamrec(50, 10, n_ratings=200, chunk_size=chunk_size)


@pytest.mark.parametrize("min_per_user", [-1, 1.5, float("inf"), "2", None, True])
def test_min_per_user_is_checked(min_per_user):
    """make_streamrec(min_per_user=...) was not validated (inf raised OverflowError, -1 gave a wrong count)."""
    with pytest.raises((_errors.DTypeError, _errors.OutOfRangeError), match="min_per_user must be"):
        make_streamrec(50, 10, n_ratings=200, min_per_user=min_per_user)


def test_min_per_user_is_honoured():
    """Every user gets at least min_per_user ratings (when n_ratings allows it)."""
    R = make_streamrec(50, 10, n_ratings=200, min_per_user=3, random_state=0)
    assert np.diff(R.indptr).min() >= 3


def test_to_parquet_refuses_bad_paths(tmp_path, monkeypatch):
    """to_parquet(None) wrote a file named 'None' in the working folder: now a DTypeError, and nothing is written."""
    monkeypatch.chdir(tmp_path)
    R = Ratings([0, 1], [0, 1], [1.0, 2.0])
    with pytest.raises(_errors.DTypeError, match=r"path must be a file path \(str or pathlib.Path\), got NoneType None"):
        R.to_parquet(None)
    with pytest.raises(_errors.InvalidParameterError, match="is a folder; give the name of the file"):
        R.to_parquet(tmp_path)
    with pytest.raises(_errors.DatasetNotFoundError, match="does not exist"):
        R.to_parquet(tmp_path / "no" / "such" / "r.parquet")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", [b"", b"\x00\x01 not a parquet file \xff" * 10])
def test_read_parquet_wraps_pyarrow_errors(tmp_path, content):
    """An empty or garbage file raised pyarrow's ArrowInvalid: now RatingsFormatError naming the file and the format."""
    bad = tmp_path / "r.parquet"
    bad.write_bytes(content)
    with pytest.raises(RatingsFormatError, match=r"r.parquet' cannot be read as ratings: .* expected a Parquet file"):
        Ratings.read_parquet(bad)


def test_read_parquet_missing_columns_and_paths(tmp_path):
    """A Parquet file without the user/item/rating columns, a missing path and a non-path each get a la4ml error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1, 2]}), tmp_path / "other.parquet")
    with pytest.raises(RatingsFormatError, match="cannot be read as ratings"):
        Ratings.read_parquet(tmp_path / "other.parquet")
    pq.write_table(pa.table({"user": ["x"], "item": [1], "rating": [1.0]}), tmp_path / "strings.parquet")
    with pytest.raises(RatingsFormatError, match="has columns of types"):
        Ratings.read_parquet(tmp_path / "strings.parquet")
    with pytest.raises(_errors.DatasetNotFoundError, match="no Parquet file or folder"):
        Ratings.read_parquet(tmp_path / "missing.parquet")
    with pytest.raises(_errors.DTypeError, match="path must be a file path"):
        Ratings.read_parquet(3)


def test_movielens_bad_path_types(tmp_path):
    """load_movielens(None) raised TypeError from pathlib; a missing file is a DatasetNotFoundError (a FileNotFoundError)."""
    with pytest.raises(_errors.DTypeError, match="path must be a file path"):
        load_movielens(None)
    with pytest.raises(FileNotFoundError) as info:
        load_movielens(tmp_path / "u.data")
    assert isinstance(info.value, _errors.La4mlError)
