"""A griffe extension for the API reference: render our reST-flavoured docstrings as Markdown.

The source docstrings follow the Python habit (``:class:`Layout```, doctest examples after ``>>>``);
mkdocstrings renders Markdown.  This extension, loaded from ``mkdocs.yml``, rewrites each docstring
before rendering: cross-reference roles become inline code, doctest blocks become ``pycon`` code
blocks, and reST ``literal``/``::`` blocks become code blocks.  The source itself is not changed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|obj|exc|const|ref):`~?([^`]+)`")
_DOUBLE_BACKTICK = re.compile(r"``([^`]+)``")


def _fence_doctests(lines: list[str]) -> list[str]:
    """Wrap each run of doctest lines (``>>>`` prompts, continuations and outputs) in a pycon fence."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
                block.append(lines[i][len(indent) :])
                i += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        out.append(line)
        i += 1
    return out


def _fence_literal_blocks(lines: list[str]) -> list[str]:
    """Turn a reST literal block (a paragraph ending in ``::`` then an indented block) into a fence."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::") and not line.strip().startswith(">>>"):
            out.append(line.rstrip()[:-1])  # "Usage::" -> "Usage:"
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            base = len(line) - len(line.lstrip())
            body = []
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > base):
                body.append(lines[j])
                j += 1
            while body and not body[-1].strip():
                body.pop()
            if body:
                cut = min(len(b) - len(b.lstrip()) for b in body if b.strip())
                out += ["", "```text", *(b[cut:] for b in body), "```", ""]
                i = j
                continue
        out.append(line)
        i += 1
    return out


def to_markdown(text: str) -> str:
    """Rewrite one docstring.

    >>> to_markdown("See :class:`~govdisclosure.layout.Layout` and ``x``.")
    'See `govdisclosure.layout.Layout` and `x`.'
    """
    text = _ROLE.sub(r"`\1`", text)
    lines = _fence_literal_blocks(_fence_doctests(text.split("\n")))
    out = []
    in_fence = False
    for line in lines:
        if line.strip().startswith("```"):
            in_fence = not in_fence
        out.append(line if in_fence else _DOUBLE_BACKTICK.sub(r"`\1`", line))
    return "\n".join(out)


class MarkdownDocstrings(griffe.Extension):
    """Rewrite every docstring griffe loads (see :func:`to_markdown`)."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
