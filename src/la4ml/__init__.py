"""la4ml — Linear Algebra for Machine Learning: an executable course and the toolkit behind it.

Toolkit topics live in sub-packages (``la4ml.definite``, ``la4ml.factorizations``,
``la4ml.recsys`` ...); the course machinery (build pipeline, grader, progress store, CLI) lives
in ``la4ml.course`` and the interactive figures in ``la4ml.widgets``.
"""

__version__ = "0.1.0"


def load_ipython_extension(ipython):
    """``%load_ext la4ml``: the ``%%la4ml check ID`` cell magic (see :mod:`la4ml.course.jupyter`)."""
    from la4ml.course.jupyter import load_ipython_extension as load

    load(ipython)
