"""Every example in the toolkit's docstrings runs and prints what it shows (the course is tested apart)."""

import doctest
import importlib
import pkgutil

import pytest

import la4ml

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(la4ml.__path__, "la4ml.")
    if not m.name.startswith("la4ml.course") and not m.name.endswith("__main__")  # __main__ runs the CLI
)


def test_modules_found():
    """The walk reaches the toolkit packages (so an empty list cannot pass silently)."""
    assert {"la4ml.recsys._sgd", "la4ml.factorizations", "la4ml.vectors"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, capsys):
    """doctest.testmod over one module: no example may fail."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}:\n{capsys.readouterr().out}"
