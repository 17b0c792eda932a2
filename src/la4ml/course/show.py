"""Show the real source of a toolkit object inside a lesson (an include, never a copy)."""

from __future__ import annotations

import inspect
import textwrap


class SourceListing:
    """Displays as a highlighted Python listing in Jupyter, the site and the blog export."""

    def __init__(self, source: str, origin: str):
        self.source = source
        self.origin = origin

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.source}\n```\n"

    def __repr__(self) -> str:
        return self.source


def show_source(obj) -> SourceListing:
    """Return the source of ``obj`` (a function, class or module) for display in a lesson.

    The listing is read from the installed la4ml at execution time, so the lesson shows exactly
    the code its later cells run and the tests test.
    """
    src = textwrap.dedent(inspect.getsource(obj)).rstrip()
    origin = f"{obj.__module__}.{getattr(obj, '__qualname__', getattr(obj, '__name__', ''))}"
    return SourceListing(src, origin)
