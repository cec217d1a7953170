"""The examples in the library's docstrings run and print what they show
(examples that need files or the NLP model are marked to skip)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_there_are_examples():
    attempted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in MODULES)
    assert attempted >= 5
