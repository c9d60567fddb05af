"""Rules generated from the layout's relations, the wrong-cell locator and the split-digit hint.

One rule per relation *template* (``national.requests.balance`` …); it yields one finding per
failing relation instance (error) and one per instance that cannot be assessed because a cell it
reads was not printed or holds a placeholder (info, status ``not_assessable`` — never a pass).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import NamedTuple

from ..findings import Finding, FindingStatus, Severity
from ..layout import AxisSum, Balance, CellRef, GroupSum, Layout, Node, RelationTemplate
from ..relations import Relation, RelationResult, Status
from .engine import Rule, RuleContext
from .labels import column_label, row_label, table_title
from .locate import Cluster, cluster_of
from .locate_pairs import pair_rule
from .plugin import national_root

__all__ = ["locator_rules", "relation_rules"]

_BASIS = {
    "requests.balance": "国办公开办函〔2021〕30号 表三 勾稽说明“第一项加第二项之和，等于第三项加第四项之和”"
    "（每列）；format spec §2.5(1)",
    "requests.outcome_total": "表三 “（七）总计”为各办理结果之和；format spec §2.5(2) [derived]",
    "requests.row_total": "表三 “总计”列为各类申请人之和；format spec §2.5(3) [derived]",
    "appeals.total": "表四 每组“总计”为四种结果之和；format spec §2.5(4) [derived]",
    "requests.legal_entity_subtotal": "软件增列的“法人或其他组织小计”列（format spec §6 #6）："
    "小计等于其各列之和 [derived]",
    "requests.category_subtotal": "部分报告印有（三）至（六）类别小计行：小计等于其各子项之和 [derived]",
}
_EXAMPLES = {
    "requests.balance": (
        "自然人列：一 21 + 二 0 = （七）21 + 四 0",
        "自然人列：一 21 + 二 0 ≠ （七）20 + 四 0（相差 1）",
    ),
    "requests.outcome_total": (
        "（一）4 + （二）2 + … = （七）总计 6",
        "（一）4 + （二）2 = 6，但（七）总计印为 7",
    ),
    "requests.row_total": (
        "一、本年新收：自然人 3 + 商业企业 1 = 总计 4",
        "一、本年新收：自然人 3 + 商业企业 1，但总计印为 5",
    ),
    "appeals.total": (
        "行政复议：维持 1 + 纠正 1 + 其他 0 + 尚未审结 0 = 总计 2",
        "行政复议：维持 10 + 纠正 1 + 其他 0 + 尚未审结 0 = 11，但总计印为 0（001 洪泽区 2023）",
    ),
    "requests.legal_entity_subtotal": (
        "商业企业 1 + 科研机构 0 + … = 小计 1",
        "商业企业 1 + 科研机构 1，但小计印为 1",
    ),
    "requests.category_subtotal": ("（四）小计 3 = 1 + 2 + 0", "（四）小计印为 4，但 1 + 2 + 0 = 3"),
}


def _find_label(nodes: tuple[Node, ...], key: str) -> str:
    for n in nodes:
        if n.key == key:
            return n.label
        found = _find_label(n.children, key)
        if found != key:
            return found
    return key


def _formula(layout: Layout, tpl: RelationTemplate) -> str:
    tables = [t for t in layout.tables if tpl in t.relations]
    if not tables:
        return tpl.description_zh
    t = tables[0]
    if isinstance(tpl, AxisSum):
        axis = t.columns if tpl.axis == "column" else t.rows
        parts = " + ".join(_find_label(axis, p) for p in tpl.parts)
        per = "每行" if tpl.axis == "column" else "每列"
        return f"{t.number_zh} {per}：{_find_label(axis, tpl.total)} = {parts}"
    if isinstance(tpl, Balance):
        lhs = " + ".join(_find_label(t.rows, r) for r in tpl.lhs)
        rhs = " + ".join(_find_label(t.rows, r) for r in tpl.rhs)
        return f"{t.number_zh} 每列：{lhs} = {rhs}"
    per = "每列" if tpl.axis == "row" else "每行"
    return f"{t.number_zh} {per}：印出的小计 = Σ 其子项（{tpl.description_zh}）"


def _rule_id(layout: Layout, tpl: RelationTemplate) -> str:
    return f"national.{tpl.id}" if national_root(layout) is not None else f"relations.{tpl.id}"


def _describe(ctx: RuleContext, refs: tuple[CellRef, ...], fixed: str, lang: str = "zh") -> str:
    r = ctx.resolved

    def short(ref: CellRef) -> str:
        if fixed == "row":
            return column_label(r, ref.table, ref.column)
        if fixed == "column":
            return row_label(r, ref.table, ref.row)
        return f"{row_label(r, ref.table, ref.row)} {column_label(r, ref.table, ref.column)}"

    if len(refs) <= 4:
        return " + ".join(short(c) for c in refs)
    if lang == "en":
        return f"the sum of the {len(refs)} cells {short(refs[0])} … {short(refs[-1])}"
    return f"{short(refs[0])} … {short(refs[-1])} 共{len(refs)}项之和"


def _where(ctx: RuleContext, res: RelationResult) -> tuple[str, str, str]:
    rel = res.relation
    cells = rel.cells
    title = table_title(ctx.resolved, rel.table)
    if len({c.row for c in cells}) == 1:
        label = row_label(ctx.resolved, rel.table, cells[0].row)
        return f"{title} {label} 行", f"{title} row {label}", "row"
    if len({c.column for c in cells}) == 1:
        label = column_label(ctx.resolved, rel.table, cells[0].column)
        return f"{title} {label} 列", f"{title} column {label}", "column"
    return title, title, ""


def location_text(ctx: RuleContext, cluster: Cluster | None) -> tuple[str, str]:
    """The zh/en sentence naming the located cell of a cluster, or saying none can be (once per cluster)."""
    if cluster is None:
        return "", ""
    key = ("location text", id(cluster))
    hit: tuple[Cluster, tuple[str, str]] | None = ctx.cache.get(key)
    if hit is not None and hit[0] is cluster:
        return hit[1]
    found = _location_text(ctx, cluster)
    ctx.cache[key] = (cluster, found)
    return found


def _location_text(ctx: RuleContext, cluster: Cluster) -> tuple[str, str]:
    if cluster.cell is not None:
        basis_zh = "按行列合计" if len(cluster.results) > 1 else "按合计"
        basis_en = "the row and column sums give" if len(cluster.results) > 1 else "the sum gives"
        if cluster.assumed:
            basis_zh, basis_en = "按分项合计（假定各分项无误）", "assuming the parts are right, the sum gives"
        return (
            f"{ctx.where_zh(cluster.cell)} 印为 {cluster.printed}，{basis_zh}应为 {cluster.corrected}",
            f"{ctx.where_en(cluster.cell)} is printed as {cluster.printed}; {basis_en} {cluster.corrected}",
        )
    n = len(cluster.results)
    return (
        f"{n} 项勾稽关系不成立，无法归因于单一单元格",
        f"{n} relation(s) fail and cannot be pinned to a single cell",
    )


class _Wording(NamedTuple):
    """The wording of one relation in findings (it depends on the layout only)."""

    where_zh: str
    where_en: str
    lhs: str
    rhs: str
    lhs_en: str
    rhs_en: str
    lhs_paths: tuple[str, ...]
    rhs_paths: tuple[str, ...]


def _wording(ctx: RuleContext, res: RelationResult) -> _Wording:
    """The wording of a relation, worked out once per layout (kept in the layout's plan)."""
    rel = res.relation
    key = ("relation wording", id(rel))
    hit: tuple[Relation, _Wording] | None = ctx.plan.memo.get(key)
    if hit is not None and hit[0] is rel:
        return hit[1]
    where_zh, where_en, fixed = _where(ctx, res)
    found = _Wording(
        where_zh,
        where_en,
        _describe(ctx, rel.lhs, fixed),
        _describe(ctx, rel.rhs, fixed),
        _describe(ctx, rel.lhs, fixed, "en"),
        _describe(ctx, rel.rhs, fixed, "en"),
        tuple(map(str, rel.lhs)),
        tuple(map(str, rel.rhs)),
    )
    ctx.plan.memo[key] = (rel, found)
    return found


def _relation_findings(rule: Rule, tpl: RelationTemplate, ctx: RuleContext) -> Iterator[Finding]:
    for res in ctx.problems.get(tpl.id, ()):
        where_zh, where_en, lhs, rhs, lhs_en, rhs_en, lhs_paths, rhs_paths = _wording(ctx, res)
        rel = res.relation
        if res.status is Status.NOT_ASSESSABLE:
            missing = "、".join(ctx.label(c) for c in res.missing[:3]) + (
                "等" if len(res.missing) > 3 else ""
            )
            yield ctx.finding(
                rule,
                severity=Severity.INFO,
                status=FindingStatus.NOT_ASSESSABLE,
                cells=res.missing,
                message_zh=f"{where_zh}：无法检查“{lhs} = {rhs}”，因 {missing} 未印或为占位符",
                message_en=f"{where_en}: '{lhs_en} = {rhs_en}' cannot be assessed: "
                f"{len(res.missing)} cell(s) not printed or holding a placeholder "
                f"({', '.join(str(c) for c in res.missing[:3])})",
                data={"relation": rel.id, "missing": [str(c) for c in res.missing]},
            )
            continue
        cluster = cluster_of(ctx.locations, rel.id)
        loc_zh, loc_en = location_text(ctx, cluster)
        diff = res.difference
        data: dict[str, object] = {"relation": rel.id, "lhs": list(lhs_paths), "rhs": list(rhs_paths)}
        if cluster is not None and cluster.cell is not None:
            data.update(
                located_cell=str(cluster.cell),
                printed=cluster.printed,
                corrected=cluster.corrected,
                assumed=cluster.assumed,
            )
        yield ctx.finding(
            rule,
            cells=rel.cells,
            expected=res.expected,
            actual=res.actual,
            message_zh=f"{where_zh}：{lhs} 为 {res.actual}，{rhs} 为 {res.expected}，相差 {diff}"
            f"（{tpl.description_zh}）" + (f"；{loc_zh}" if loc_zh else ""),
            message_en=f"{where_en}: {lhs_en} = {res.actual} but {rhs_en} = {res.expected} "
            f"(difference {diff}; {tpl.description_en})" + (f"; {loc_en}" if loc_en else ""),
            data=data,
        )


def relation_rule(layout: Layout, tpl: RelationTemplate) -> Rule:
    """The rule that checks every instance of one relation template."""
    table = next((t for t in layout.tables if tpl in t.relations), None)
    tags = {"relations", "tables"}
    if table is not None:
        tags.add(table.key)
    passing, failing = _EXAMPLES.get(tpl.id, (f"{tpl.description_zh}：成立", f"{tpl.description_zh}：不成立"))

    def check(ctx: RuleContext) -> Iterable[Finding]:
        return _relation_findings(rule, tpl, ctx) if tpl.id in ctx.problems else ()

    rule = Rule(
        id=_rule_id(layout, tpl),
        severity=Severity.ERROR,
        title_zh=tpl.description_zh,
        title_en=tpl.description_en,
        formula=_formula(layout, tpl),
        basis=_BASIS.get(tpl.id, f"{layout.id} 版式声明的关系 relation declared by the layout [derived]"),
        example_pass=passing,
        example_fail=failing,
        func=check,
        tags=frozenset(tags),
    )
    return rule


def relation_rules(layout: Layout) -> list[Rule]:
    """One rule per relation template of the layout (in layout order, each template once)."""
    seen: dict[str, Rule] = {}
    for table in layout.tables:
        for tpl in table.relations:
            if tpl.id not in seen:
                seen[tpl.id] = relation_rule(layout, tpl)
    return list(seen.values())


# -- locator ---------------------------------------------------------------------------------------


def _locate_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    for cluster in ctx.locations:
        zh, en = location_text(ctx, cluster)
        ids = list(cluster.relation_ids)
        if cluster.cell is not None:
            yield ctx.finding(
                rule,
                cells=(cluster.cell,),
                expected=cluster.corrected,
                actual=cluster.printed,
                message_zh=zh,
                message_en=en,
                data={
                    "relations": ids,
                    "located_cell": str(cluster.cell),
                    "corrected": cluster.corrected,
                    "assumed": cluster.assumed,
                    "candidates": [str(c) for c in cluster.candidates],
                },
            )
        else:
            cand = "、".join(ctx.label(c) for c in cluster.candidates[:4])
            cand_en = ", ".join(str(c) for c in cluster.candidates[:4])
            title = table_title(ctx.resolved, cluster.results[0].relation.table)
            yield ctx.finding(
                rule,
                cells=cluster.candidates,
                message_zh=f"{title}：{zh}" + (f"（可能的单元格：{cand}）" if cand else ""),
                message_en=f"{title}: {en}" + (f" (possible cells: {cand_en})" if cand_en else ""),
                data={"relations": ids, "candidates": [str(c) for c in cluster.candidates]},
            )


_GLUE_GAPS = frozenset(9 * a for a in range(1, 10))


def _split_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    for res in (r for results in ctx.problems.values() for r in results):
        tpl = res.relation.template
        if res.status is not Status.FAILS or not isinstance(tpl, AxisSum | GroupSum) or tpl.axis != "column":
            continue
        rel, values = res.relation, ctx.report.cells
        total = res.actual
        assert total is not None and res.expected is not None
        if (
            total.__class__ is int
            and res.expected.__class__ is int
            and total - res.expected not in _GLUE_GAPS
        ):
            continue  # exact whole numbers: gluing a, b adds 9a (1 ≤ a ≤ 9) to the parts' sum
        for (a_ref, b_ref), (i, j) in zip(pairwise(rel.rhs), pairwise(rel.rhs_index), strict=True):
            a, b = values[i], values[j]  # the relation's cells are in the layout: their printed values
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a <= 9 and 0 <= b <= 9 and a > 0):
                continue
            glued = 10 * a + b
            if res.expected - a - b + glued != total:
                continue
            la, lb = ctx.label(a_ref), ctx.label(b_ref)
            yield ctx.finding(
                rule,
                cells=(a_ref, b_ref),
                expected=total,
                actual=res.expected,
                message_zh=f"{la} 印为 {a}、{lb} 印为 {b}：可能原为一个数 {glued}（提取时被拆开），"
                f"按此合计与印出的 {total} 相符。仅为提示，未作修改",
                message_en=f"{la} = {a} and {lb} = {b} may be one number {glued} split in extraction; "
                f"read so, the parts add up to the printed {total}. A suggestion only; nothing was changed",
                data={"relation": res.relation.id, "glued": glued},
            )


def locator_rules() -> list[Rule]:
    """The wrong-cell locator and the extraction-split hint (both informational diagnoses)."""
    locate_rule = Rule(
        id="national.locate.cell",
        severity=Severity.INFO,
        title_zh="定位出错的单元格",
        title_en="Locate the wrong cell",
        formula="一个单元格位于某组不成立关系的每一项上、不在任何成立的关系上，且唯一修正值（非负整数）使它们全部成立",
        basis="由表格勾稽关系推出 [derived]；issue 3 §3",
        example_pass="所有关系成立：无定位结果",
        example_fail="表三 （四）1 自然人 印为 3057，按行列合计应为 3075",
        func=lambda ctx: _locate_findings(locate_rule, ctx) if ctx.locations else (),
        tags=frozenset({"relations", "locate", "tables"}),
    )
    split_rule = Rule(
        id="national.locate.split_digits",
        severity=Severity.INFO,
        title_zh="疑似提取时被拆开的数字",
        title_en="Number likely split in two during extraction",
        formula="某行合计不成立，而把相邻两个一位数 a、b 合为 10a+b 后成立",
        basis="常见的 PDF/文本提取错误（rule candidates #8）；仅提示",
        example_pass="自然人 12，商业企业 0，总计 12",
        example_fail="自然人 1，商业企业 2，…，总计 12：可能原为 12",
        func=lambda ctx: _split_findings(split_rule, ctx) if ctx.problems else (),
        tags=frozenset({"relations", "locate", "tables"}),
    )
    return [locate_rule, pair_rule(), split_rule]
