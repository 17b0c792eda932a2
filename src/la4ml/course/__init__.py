"""The course machinery: catalog, build pipeline, grader, progress store and CLI."""

__all__ = ["show_source"]


def __getattr__(name):  # lazy: `la4ml check` must not pay for inspect/ast at start-up
    if name == "show_source":
        from la4ml.course.show import show_source

        return show_source
    raise AttributeError(f"module 'la4ml.course' has no attribute {name!r}")
