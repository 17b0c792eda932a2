"""The Examples sections of la4ml.vectors's docstrings run and print what they show (doctest)."""

import doctest
import importlib
import pkgutil

import pytest

import la4ml.vectors

MODULES = sorted(m.name for m in pkgutil.iter_modules(la4ml.vectors.__path__, "la4ml.vectors."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Every >>> line of every docstring in the module gives the output written under it."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
