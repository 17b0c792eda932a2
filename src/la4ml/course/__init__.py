"""The course machinery: catalog, build pipeline, grader, progress store and CLI."""

from la4ml.course.show import show_source

__all__ = ["show_source"]
