"""The hooks reference is generated from the hookspecs, complete and up to date; the author guide exists."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from govdisclosure.plugins import hookspecs
from govdisclosure.plugins.docs import hook_specs, hooks_markdown
from govdisclosure.plugins.registry import make_registry

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _pm_hooks() -> set[str]:
    pm = make_registry(entry_points=False).pm
    return {name for name in vars(pm.hook) if not name.startswith("_")}


def test_every_hook_is_specified_and_documented() -> None:
    names = {f.__name__ for f in hook_specs()}
    assert names == _pm_hooks()
    assert {
        "gd_register_variants",
        "gd_register_rules",
        "gd_register_readers",
        "gd_register_writers",
        "gd_choose_variant",
        "gd_register_commands",
    } <= names
    for func in hook_specs():
        doc = inspect.getdoc(func) or ""
        assert len(doc.split()) >= 10, f"{func.__name__} is undocumented"
        assert ".. versionadded::" in doc, f"{func.__name__} does not say in which version it was added"


def test_hooks_md_is_generated_and_current() -> None:
    text = (DOCS / "hooks.md").read_text("utf-8")
    assert text == hooks_markdown(), (
        "docs/hooks.md is stale: run python -m govdisclosure.plugins.docs > docs/hooks.md"
    )
    headings = re.findall(r"^## `(gd_\w+)`$", text, flags=re.MULTILINE)
    assert set(headings) == _pm_hooks()
    # signatures are shown as written in the spec, with their annotations
    sig = inspect.signature(hookspecs.gd_choose_variant)
    assert f"def gd_choose_variant(hints: {sig.parameters['hints'].annotation}) -> str | None: ..." in text
    assert "Options: `firstresult=True`" in text


def test_author_guide_covers_the_four_tasks() -> None:
    text = (DOCS / "plugins.md").read_text("utf-8")
    for heading in ("Write a variant", "Write a writer", "Test it with the kit", "Publish"):
        assert re.search(rf"^## .*{heading}", text, flags=re.MULTILINE), heading
    for name in _pm_hooks():
        assert name in text, f"docs/plugins.md never mentions {name}"
    assert "examples/plugins/gd-hubei" in text
