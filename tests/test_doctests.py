"""The doctest examples in the docstrings of every module, and in the hand-written docs pages.

Runs doctest on each module of ``src/govdisclosure`` (one test per module, so a failure names it)
without changing the global pytest options, plus the ``>>>`` examples of the quick start and
concepts pages.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import govdisclosure

ROOT = Path(__file__).resolve().parent.parent
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# __main__ runs the CLI when imported.
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(govdisclosure.__path__, "govdisclosure.")
    if m.name.split(".")[-1] != "__main__"
)
MODULES.insert(0, "govdisclosure")

# Modules whose examples document the core API: each must keep at least one (the python-stdnum habit).
MUST_HAVE_EXAMPLES = (
    "govdisclosure",
    "govdisclosure.layout",
    "govdisclosure.cells",
    "govdisclosure.relations",
    "govdisclosure.serialize",
)
DOC_PAGES = ("docs/quickstart.md", "docs/concepts.md")


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, name):
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{name}: {results.failed} doctest example(s) failed (see the output above)"
    if name in MUST_HAVE_EXAMPLES:
        assert results.attempted > 0, f"{name} lost its doctest examples"


def _fenced_examples(text: str) -> str:
    """The contents of the fenced code blocks that hold ``>>>`` examples, separated by blank lines."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.M | re.S)
    return "\n".join(b for b in blocks if b.lstrip().startswith(">>>"))


@pytest.mark.parametrize("page", DOC_PAGES)
def test_docs_page_examples(page: str) -> None:
    text = _fenced_examples((ROOT / page).read_text("utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted > 0, f"{page} has no >>> example any more"
    assert results.failed == 0, f"{page}: {results.failed} example(s) failed (see the output above)"


def test_a_broken_example_is_caught() -> None:
    """The runner set-up above really compares outputs (guards against a vacuous doctest run)."""
    bad = doctest.DocTestParser().get_doctest(">>> 1 + 1\n3\n", {}, "bad", None, 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(bad, out=lambda _s: None)
    assert runner.summarize(verbose=False).failed == 1
