"""The guard arrays of la4ml.course.grading keep guarding after the trip to the learner's worker.

A check's arguments are pickled on their way to the sandboxed worker; ndarray's pickling drops
instance attributes, so a guarded array used to arrive there with no shapes to refuse, and every
"from scratch" check built on guard_whole_products passed a solution that multiplied the whole
matrices (exercises 3.1 and 3.5).
"""

import pickle

import numpy as np
import pytest

from la4ml.course.grading import guard_no_dot, guard_whole_products


def test_guard_whole_products_survives_pickling():
    """the unpickled copies still refuse a whole-matrix product, and still allow a matrix-vector one"""
    A, B = guard_whole_products(np.ones((3, 4)), np.ones((4, 2)), reason="build it from smaller products")
    A2, B2 = pickle.loads(pickle.dumps((A, B), protocol=5))
    with pytest.raises(RuntimeError, match="blocked.*build it from smaller products"):
        A2 @ B2
    with pytest.raises(RuntimeError, match="blocked"):
        np.dot(A2, B2)
    np.testing.assert_array_equal(A2 @ B2[:, 0], np.full(3, 4.0))  # a column is fine
    np.testing.assert_array_equal(np.asarray(A2), np.ones((3, 4)))


def test_guard_no_dot_survives_pickling():
    """the unpickled copy still refuses @ and np.dot"""
    (u,) = guard_no_dot(np.arange(3.0))
    u2 = pickle.loads(pickle.dumps(u, protocol=5))
    with pytest.raises(RuntimeError, match="blocked"):
        u2 @ np.ones(3)
    assert float((u2 * np.ones(3)).sum()) == 3.0


def test_blocked_also_catches_a_module_first_imported_inside_the_block():
    """`from sklearn... import f` inside the learner's function, run while the block is on: blocked at the
    first call too (it used to slip through until the module happened to be imported), and undone after"""
    import builtins
    import sys

    from la4ml.course.grading import _LocalBackend

    sys.modules.pop("colorsys", None)  # a module nothing imported yet
    real_import = builtins.__import__
    restore = _LocalBackend().block(["colorsys.rgb_to_hsv", "colorsys.not_a_function"], "test reason")
    try:
        from colorsys import rgb_to_hsv

        with pytest.raises(RuntimeError, match=r"colorsys.rgb_to_hsv is blocked in this check \(test reason\)"):
            rgb_to_hsv(1.0, 0.0, 0.0)
    finally:
        restore()
    import colorsys

    assert colorsys.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0) and builtins.__import__ is real_import
