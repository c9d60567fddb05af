"""Shared fuzzing of the text and Markdown readers: only documented govdisclosure errors may come out.

More than 10,000 malformed inputs per reader (random bytes, label soup, truncated and shuffled
real reports, huge cells, deep nesting); any exception that is not a
:class:`~govdisclosure.errors.GovDisclosureError` fails the test.  Reading time grows linearly
with the input (checked by the ratio of two sizes, never by a wall-clock threshold).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.errors import GovDisclosureError
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes

HERE = Path(__file__).parent
REGISTRY = make_registry(entry_points=False)
SAMPLES = {
    "text": [
        *(HERE / "data" / "corpus").glob("000-*.txt"),
        HERE / "data" / "readers" / "national-2019.txt",
        HERE / "data" / "readers" / "full-2023.txt",
    ],
    "markdown": [HERE / "data" / "readers" / "fragments-2024.md"],
}
SEEDS = {k: [p.read_bytes() for p in v] for k, v in SAMPLES.items()}
SEED_LINES = {k: [line for d in v for line in d.decode("utf-8").split("\n")] for k, v in SEEDS.items()}

# fragments of the official labels, digits, separators and markup (a "label soup")
_ATOMS = [
    "一、",
    "三、",
    "（一）",
    "(三)",
    "1.",
    "2、",
    "8．",
    "本年新收政府信息公开申请数量",
    "予以公开",
    "不予公开",
    "属于国家秘密",
    "其他法律行政止公开",
    "（六）其他处理",
    "3.其他",
    "小计",
    "总计",
    "（七）总计",
    "自然人",
    "法人或其他组织",
    "行政复议",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "第二十条第（一）项",
    "规章",
    "行政事业性收费",
    "本年收费金额（单位：万元）",
    "四、结转下年度继续办理",
    "三、收到和处理政府信息公开申请情况",
    "二、主动公开政府信息情况",
    "五、存在的主要问题及改进情况",
    "2024年",
    "1月1日至12月31日",
    "年度报告",
    "0",
    "7",
    "23",
    "230000023",
    "119400832",
    "1,234",
    "０",
    "-",
    "/",
    "—",
    "无",
    "22（其中修订16件）",
    "0.04",
    "\t",
    "  ",
    " ",
    "\n",
    "\f",
    "|",
    "| --- |",
    "<br>",
    "**",
    "#",
    "&nbsp;",
    "\\|",
    "\r",
    "\x00",
]
label_soup = st.lists(st.sampled_from(_ATOMS), max_size=120).map(lambda xs: "".join(xs).encode("utf-8"))


def _truncated(kind: str) -> st.SearchStrategy[bytes]:
    return st.tuples(st.sampled_from(SEEDS[kind]), st.floats(0, 1)).map(
        lambda t: t[0][: int(len(t[0]) * t[1])]
    )


def _shuffled(kind: str) -> st.SearchStrategy[bytes]:
    return st.permutations(SEED_LINES[kind]).map(lambda ls: "\n".join(ls).encode("utf-8"))


def _huge_cells(kind: str) -> st.SearchStrategy[bytes]:
    big = st.sampled_from(
        [
            "9" * 20000,
            "一" * 50000,
            "\t" * 20000,
            "0 " * 20000,
            "（" * 10000,
            "|" * 20000,
            "1" * 400 + "0" * 400,
            "-" * 30000,
        ]
    )
    return st.tuples(st.sampled_from(SEEDS[kind]), st.floats(0, 1), big).map(
        lambda t: t[0][: int(len(t[0]) * t[1])] + t[2].encode() + t[0][int(len(t[0]) * t[1]) :]
    )


deep_nesting = (
    st.integers(1, 3000)
    .flatmap(
        lambda n: st.sampled_from(
            [
                "（" * n + "三" + "）" * n,
                "| " * n + "\n" + "|---" * n,
                "<br>" * n,
                "> " * n + "一、总体情况",
                "**" * n + "规章\t0" + "**" * n,
                "三、本年度办理结果\t" * n + "0",
            ]
        )
    )
    .map(lambda s: s.encode("utf-8"))
)


def strategies(kind: str) -> list[tuple[str, st.SearchStrategy[bytes], int]]:
    """(name, strategy, number of examples): more than 10,000 inputs in all, cheap ones weighted up."""
    return [
        ("random bytes", st.binary(max_size=3000), 5500),
        ("label soup", label_soup, 3000),
        ("truncated", _truncated(kind), 1000),
        ("shuffled", _shuffled(kind), 200),
        ("huge cells", _huge_cells(kind), 150),
        ("deep nesting", deep_nesting, 200),
    ]


SEEN: Counter[str] = Counter()


def _read_only_documented_errors(kind: str, data: bytes) -> None:
    SEEN[kind] += 1
    try:
        result = read_bytes(
            data, source="fuzz.md" if kind == "markdown" else "fuzz.txt", registry=REGISTRY, reader=kind
        )
    except GovDisclosureError:
        return
    # a report came out: it is well formed
    assert len(result.report.cells) == len(result.report.resolved.cells)


def _run(kind: str, name: str, strategy: st.SearchStrategy[bytes], n: int) -> None:
    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=strategy)
    def prop(data: bytes) -> None:
        _read_only_documented_errors(kind, data)

    prop()


def run_case(kind: str, case: int) -> None:
    """Feed one strategy's inputs to the reader; check that hypothesis really fed them."""
    name, strategy, n = strategies(kind)[case]
    before = SEEN[kind]
    _run(kind, name, strategy, n)
    assert SEEN[kind] - before >= n // 2


def _timed(fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def check_linear_time(kind: str) -> None:
    """5 MB and 50 MB inputs (a report followed by long prose paragraphs): time grows ~10x, not ~100x."""
    seed = SEEDS[kind][0]
    paragraph = ("政府信息公开工作持续推进，依法依规做好主动公开和依申请公开，" * 12 + "\n").encode()
    small = seed + paragraph * (5 * 2**20 // len(paragraph))
    large = seed + paragraph * (50 * 2**20 // len(paragraph))
    assert len(large) >= 50 * 2**20
    t_small = _timed(lambda: read_bytes(small, source="big", registry=REGISTRY, reader=kind))
    start = time.perf_counter()
    result = read_bytes(large, source="big", registry=REGISTRY, reader=kind)
    t_large = time.perf_counter() - start
    # 10x the input: linear is ~10x the time; quadratic would be ~100x
    assert t_large / t_small < 30, (t_small, t_large)
    # and the report in front of the 50 MB is still read
    assert result.report.year > 0
