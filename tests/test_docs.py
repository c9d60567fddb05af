"""The documentation: generated pages up to date, every official label documented, docstrings present.

The site build itself (``mkdocs build --strict``) runs in ``scripts/check_release.sh``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import govdisclosure
from govdisclosure import NATIONAL_2019, NATIONAL_2021
from govdisclosure.layout import Layout, Node

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", DOCS / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _gen_docs()


def test_generated_docs_are_up_to_date() -> None:
    files = GEN.generated()
    stale = [
        str(p.relative_to(ROOT))
        for p, text in files.items()
        if not p.exists() or p.read_text("utf-8") != text
    ]
    stale += [str(p.relative_to(ROOT)) for p in GEN.stale_cli_pages(files)]
    assert not stale, f"stale generated docs {stale}: run `python docs/gen_docs.py`"


def test_check_mode_reports_a_stale_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--check fails (exit 1) when a generated page differs from what the code gives."""
    page = tmp_path / "cli" / "convert.md"
    page.parent.mkdir()
    page.write_text("# out of date\n", "utf-8")
    fake = {page: "# current\n"}
    monkeypatch.setattr(GEN, "generated", lambda: fake)
    monkeypatch.setattr(GEN, "ROOT", tmp_path)
    monkeypatch.setattr(GEN, "DOCS", tmp_path)
    assert GEN.main(["--check"]) == 1
    assert GEN.main([]) == 0
    assert page.read_text("utf-8") == "# current\n"
    assert GEN.main(["--check"]) == 0


def _labels(nodes: tuple[Node, ...]) -> list[str]:
    out = []
    for n in nodes:
        out += [n.label, *n.aliases, *_labels(n.children)]
    return out


@pytest.mark.parametrize(
    ("layout", "page"), [(NATIONAL_2021, "format/2021.md"), (NATIONAL_2019, "format/2019.md")]
)
def test_format_page_has_every_label_and_key(layout: Layout, page: str) -> None:
    text = (DOCS / page).read_text("utf-8")
    missing = [s.heading for s in layout.sections if s.heading not in text]
    for t in layout.tables:
        missing += [x for x in (t.label, t.number_zh, t.row_header, t.corner_note) if x and x not in text]
        missing += [x for x in _labels(t.rows) + _labels(t.columns) if x not in text]
        missing += [f"`{p}`" for p in layout.resolve().table(t.key).row_paths if f"`{p}`" not in text]
        missing += [r.id for r in t.relations if f"`{r.id}`" not in text]
    missing += [f.key for f in layout.features if f"`{f.key}`" not in text]
    assert not missing, f"{page} lacks {missing}"


# Labels typed here from the published format (spec §2.4, §3.1), independently of the layouts.
SPEC_LABELS = {
    "format/2021.md": [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "3.危及“三安全一稳定”",
        "本年收费金额（单位：万元）",
        "四、政府信息公开行政复议、行政诉讼情况",
        "复议后起诉",
        "国办公开办函〔2021〕30号",
    ],
    "format/2019.md": [
        "本年新制作数量",
        "本年增/减",
        "其他对外管理服务事项",
        "第二十条第（九）项",
        "采购总金额",
    ],
}


@pytest.mark.parametrize("page", sorted(SPEC_LABELS))
def test_format_page_has_spec_labels(page: str) -> None:
    text = (DOCS / page).read_text("utf-8")
    assert [label for label in SPEC_LABELS[page] if label not in text] == []


def test_cli_pages_show_each_commands_help() -> None:
    from govdisclosure.plugins.registry import make_registry

    commands = make_registry(entry_points=False).commands
    assert {"convert", "example", "schema"} <= set(commands)
    for name, command in commands.items():
        text = (DOCS / "cli" / f"{name}.md").read_text("utf-8")
        assert f"usage: govdisclosure {name}" in text
        assert command.help in text
    index = (DOCS / "cli" / "index.md").read_text("utf-8")
    assert all(f"({name}.md)" in index for name in commands)


def test_nav_lists_every_page() -> None:
    """Every Markdown page under docs/ is in the mkdocs nav (the strict build warns otherwise)."""
    nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1]
    listed = set(re.findall(r"([\w./-]+\.md)\s*$", nav, flags=re.M))
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert pages - listed == set()


def _public_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.walk_packages(govdisclosure.__path__, "govdisclosure.")]
    return [govdisclosure, *(importlib.import_module(n) for n in names if not n.endswith("__main__"))]


def test_every_module_has_a_docstring() -> None:
    assert [m.__name__ for m in _public_modules() if not (m.__doc__ or "").strip()] == []


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in govdisclosure.__all__:
        obj = getattr(govdisclosure, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
                if attr.startswith("_") or not inspect.isfunction(func):
                    continue
                if not (func.__doc__ or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []


def _griffe_ext() -> ModuleType:
    spec = importlib.util.spec_from_file_location("griffe_docstrings", DOCS / "griffe_docstrings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_reference_docstrings_become_markdown() -> None:
    """Roles become inline code; doctest and ``::`` blocks become fenced code (not Markdown quotes)."""
    to_markdown = _griffe_ext().to_markdown
    text = (
        "See :class:`~govdisclosure.layout.Layout` and ``x``.\n"
        "\n"
        ">>> 1 + 1\n"
        "2\n"
        "\n"
        "Usage::\n"
        "\n"
        "    govdisclosure validate FILE\n"
    )
    assert to_markdown(text).split("\n") == [
        "See `govdisclosure.layout.Layout` and `x`.",
        "",
        "```pycon",
        ">>> 1 + 1",
        "2",
        "```",
        "",
        "Usage:",
        "",
        "```text",
        "govdisclosure validate FILE",
        "```",
        "",
    ]


def test_nav_sections_follow_the_pages_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """readers/ and writers/ pages get a nav section (index first); an empty directory gets none."""
    (tmp_path / "readers").mkdir()
    for name in ("pdf.md", "index.md", "html.md"):
        (tmp_path / "readers" / name).write_text("# x\n", "utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        "nav:\n  - a.md\n"
        "  # BEGIN GENERATED nav cli\n  - stale.md\n  # END GENERATED nav cli\n"
        "  # BEGIN GENERATED nav readers\n  # END GENERATED nav readers\n"
        "  # BEGIN GENERATED nav writers\n  # END GENERATED nav writers\n"
        "  - z.md\n",
        "utf-8",
    )
    monkeypatch.setattr(GEN, "DOCS", tmp_path)
    monkeypatch.setattr(GEN, "MKDOCS_YML", yml)
    text = GEN.mkdocs_yml({"cli/index.md": "", "cli/convert.md": ""})
    assert text == (
        "nav:\n  - a.md\n"
        "  # BEGIN GENERATED nav cli\n  - cli/index.md\n  - govdisclosure convert: cli/convert.md\n"
        "  # END GENERATED nav cli\n"
        "  # BEGIN GENERATED nav readers\n  - 读取 Readers:\n"
        "      - readers/index.md\n      - readers/html.md\n      - readers/pdf.md\n"
        "  # END GENERATED nav readers\n"
        "  # BEGIN GENERATED nav writers\n  # END GENERATED nav writers\n"
        "  - z.md\n"
    )
