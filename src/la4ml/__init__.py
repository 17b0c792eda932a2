"""la4ml — Linear Algebra for Machine Learning: an executable course and the toolkit behind it.

Toolkit topics live in sub-packages (``la4ml.definite``, ``la4ml.factorizations``,
``la4ml.recsys`` ...); the course machinery (build pipeline, grader, progress store, CLI) lives
in ``la4ml.course`` and the interactive figures in ``la4ml.widgets``.
"""

__version__ = "0.1.0"
