"""Hidden tests of exercise 2.6 — matmul_shape(a_shape, b_shape)."""

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, fail, function, last_call, show

# Shrinking a failing example costs seconds per test; the small integer shapes are readable anyway.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


def _numpy(a, b):
    try:
        return np.matmul(np.ones(a), np.ones(b)).shape
    except ValueError:
        return None


def _ok(submission, a, b):
    expected = _numpy(a, b)
    got = call(function(submission, "matmul_shape"), a, b)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected {expected}. Return the shape as a tuple.")
    try:
        got_t = tuple(int(x) for x in got)
    except TypeError:
        fail(f"Called {last_call()}; returned {show(got)}; expected the tuple {expected}.")
    if not isinstance(got, tuple):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected the tuple {expected}, like "
             "NumPy's .shape: a list never equals a tuple ([150, 3] == (150, 3) is False), so comparing your "
             "prediction with np.matmul(A, B).shape would fail.")
    if got_t != expected:
        why = ""
        if expected == () and got_t in ((1,), (1, 1)):
            why = " A vector @ a vector is their dot product, a scalar: shape ()"
        elif len(a) == 1 or len(b) == 1:
            why = " A 1-D operand contributes no outer size: the result keeps a_shape[:-1] + b_shape[1:]"
        fail(f"Called {last_call()}; returned {got_t}; expected {expected}, like np.matmul.{why}")


def _raises(submission, a, b, want_hint=False):
    f = function(submission, "matmul_shape")
    try:
        got = f(a, b)
    except NotImplementedError:
        fail(f"Called matmul_shape(a_shape={a}, b_shape={b}) and it raised NotImplementedError: replace the `raise "
             "NotImplementedError` line of the starter with your code.")
    except ValueError as exc:
        msg = str(exc)
        if str(a) not in msg or str(b) not in msg:
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({msg!r}); the message should contain "
                 f"both shapes as Python prints them, {a} and {b}, so the reader sees what was multiplied.")
        if str(a[-1]) not in msg.replace(str(a), "").replace(str(b), "") or \
                str(b[0]) not in msg.replace(str(a), "").replace(str(b), ""):
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({msg!r}); say which sizes disagree: "
                 f"A has {a[-1]} columns but B has {b[0]} rows.")
        mentions = ".T" in msg or "transpose" in msg.lower()
        if want_hint and not mentions:
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({msg!r}); here B.T of shape "
                 f"{b[::-1]} would conform: say so (mention B.T or 'transpose').")
        if want_hint and str(b[::-1]) not in msg:
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({msg!r}); the hint should give the "
                 f"shape of B.T, {b[::-1]} (b_shape[::-1]), so the reader sees that it conforms.")
        if mentions and not (len(b) == 2 and b[1] == a[-1]):
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({msg!r}); B.T would have shape "
                 f"{b[::-1]}, which does not conform with {a} either, so suggesting a transpose misleads: give that "
                 "hint only when b_shape[-1] equals a_shape[-1].")
        return
    except Feedback:
        raise
    except Exception as exc:  # noqa: BLE001
        fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); it raised {type(exc).__name__}: {exc}; expected a "
             "ValueError that you raise yourself after comparing the inner sizes.")
    fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); returned {show(got)}; expected a ValueError, because A has "
         f"{a[-1]} columns and B has {b[0]} rows: the inner sizes must be equal.")


def test_design_matrix_times_weights(submission):
    """(150, 4) @ (4, 3) is (150, 3)"""
    _ok(submission, (150, 4), (4, 3))


def test_matrix_vector(submission):
    """(3, 5) @ (5,) is (3,) and (5,) @ (5, 2) is (2,)"""
    _ok(submission, (3, 5), (5,))
    _ok(submission, (5,), (5, 2))


def test_vector_vector(submission):
    """(4,) @ (4,) is a scalar: shape ()"""
    _ok(submission, (4,), (4,))


def test_outer_shapes_not_inner(submission):
    """(2, 3) @ (3, 7) is (2, 7): the inner 3s disappear, the outer 2 and 7 survive"""
    _ok(submission, (2, 3), (3, 7))


def test_mismatch_with_transpose_hint(submission):
    """(5, 4) @ (3, 4) raises ValueError naming both shapes, 4 vs 3, and suggesting B.T"""
    _raises(submission, (5, 4), (3, 4), want_hint=True)


def test_mismatch_same_first_sizes(submission):
    """(3, 2) @ (3, 2) raises ValueError (equal FIRST sizes do not make a product)"""
    _raises(submission, (3, 2), (3, 2), want_hint=True)


def test_no_transpose_hint_when_it_would_not_help(submission):
    """(3, 2) @ (4, 5) raises ValueError WITHOUT suggesting B.T (whose shape (5, 4) does not conform either)"""
    _raises(submission, (3, 2), (4, 5))


@pytest.mark.parametrize("a, b", [((2, 3, 4), (4, 5)), ((3, 4), ()), ((3, 4), (4, 2, 2))], ids=str)
def test_other_ranks_raise(submission, a, b):
    """a shape with 0 or more than 2 entries raises ValueError naming it"""
    f = function(submission, "matmul_shape")
    bad = a if len(a) not in (1, 2) else b
    try:
        got = f(a, b)
    except NotImplementedError:
        fail(f"Called matmul_shape(a_shape={a}, b_shape={b}) and it raised NotImplementedError: replace the `raise "
             "NotImplementedError` line of the starter with your code.")
    except ValueError as exc:
        if str(bad) not in str(exc):
            fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); raised ValueError({str(exc)!r}); name the shape "
                 f"that is neither a vector nor a matrix, {bad}.")
        return
    except Feedback:
        raise
    except Exception as exc:  # noqa: BLE001
        fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); it raised {type(exc).__name__}: {exc}; expected a "
             f"ValueError that you raise yourself: {bad} has {len(bad)} entries, and only 1 (a vector) or 2 (a "
             "matrix) are covered.")
    fail(f"Called matmul_shape(a_shape={a}, b_shape={b}); returned {show(got)}; expected a ValueError: {bad} has "
         f"{len(bad)} entries, and only vectors (1) and matrices (2) are covered; check len() of both shapes first.")


def test_vector_mismatch(submission):
    """(3,) @ (4,) and (2, 3) @ (2,) raise ValueError"""
    _raises(submission, (3,), (4,))
    _raises(submission, (2, 3), (2,))


shape = st.lists(st.integers(1, 4), min_size=1, max_size=2).map(tuple)


@settings(max_examples=40, deadline=None, phases=NO_SHRINK)
@given(a=shape, b=shape)
def test_property_agrees_with_numpy(submission, a, b):
    """on random 1-D/2-D shapes with sizes 1–4, returns np.matmul's shape or raises exactly when np.matmul does"""
    if _numpy(a, b) is None:
        _raises(submission, a, b)
    else:
        _ok(submission, a, b)
