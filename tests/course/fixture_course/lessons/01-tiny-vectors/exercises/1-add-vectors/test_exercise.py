import numpy as np
from hypothesis import given, settings, strategies as st

from la4ml.course.grading import call, expect_close, function


def test_small(submission):
    """adds [1, 2] and [3, 4] to get [4, 6]"""
    add = function(submission, "add")
    got = call(add, np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    expect_close(got, [4.0, 6.0], because="vectors add entry by entry")


@settings(max_examples=20, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=5))
def test_commutes(submission, xs):
    """x + y equals y + x for random vectors"""
    add = function(submission, "add")
    x = np.array(xs)
    y = x[::-1].copy()
    expect_close(call(add, x, y), x + y)
