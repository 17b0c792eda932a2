"""The Examples sections of la4ml.spaces's docstrings run and print what they show (doctest)."""

import doctest
import importlib
import pkgutil

import pytest

import la4ml.spaces

MODULES = sorted(m.name for m in pkgutil.iter_modules(la4ml.spaces.__path__, "la4ml.spaces."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Every >>> line of every docstring in the module gives the output written under it."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
