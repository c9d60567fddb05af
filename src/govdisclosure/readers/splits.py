"""Cells that run together: ``230000023`` for 23, 0, 0, 0, 0, 0, 23.

Some crawled text prints a table row's digits with no separators.  :func:`candidate_splits`
enumerates every way to cut the printed digit strings into the row's number of cells (no
multi-digit number starts with 0) and keeps those for which every relation of the layout that
lies entirely within those cells holds.  The caller uses the split when exactly one fits and
reports the candidates when several do; it never guesses silently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from math import comb

from ..cells import CellValue, is_number, numeric_sum
from ..layout import CellRef
from ..relations import Relation

__all__ = ["MAX_ENUMERATION", "candidate_splits", "local_check", "local_relations", "narrow_by_relations"]

MAX_ENUMERATION = 50_000
"""Give up (too many ways to cut) above this many raw splits."""

MAX_CANDIDATES = 12
"""Stop collecting fitting candidates after this many (the caller only needs to know "several")."""


def local_relations(refs: Sequence[CellRef], relations: Sequence[Relation]) -> list[Relation]:
    """The relations whose every cell is one of ``refs``."""
    inside = set(refs)
    return [r for r in relations if r.lhs and r.rhs and set(r.lhs) <= inside and set(r.rhs) <= inside]


def local_check(
    refs: Sequence[CellRef], relations: Sequence[Relation]
) -> Callable[[Sequence[int]], bool] | None:
    """A predicate over candidate values for ``refs`` checking the local relations, or ``None`` if none."""
    rels = local_relations(refs, relations)
    if not rels:
        return None
    pos = {ref: i for i, ref in enumerate(refs)}
    compiled = [([pos[c] for c in r.lhs], [pos[c] for c in r.rhs]) for r in rels]

    def check(values: Sequence[int]) -> bool:
        return all(sum(values[i] for i in lhs) == sum(values[i] for i in rhs) for lhs, rhs in compiled)

    return check


def _count(tokens: Sequence[str], k: int) -> int:
    """An upper bound of the number of raw splits (ignoring the leading-zero rule)."""
    n = sum(len(t) for t in tokens)
    cuts_needed = k - len(tokens)
    free = n - len(tokens)
    if cuts_needed < 0 or cuts_needed > free:
        return 0
    return comb(free, cuts_needed)


def candidate_splits(
    tokens: Sequence[str], k: int, check: Callable[[Sequence[int]], bool]
) -> list[tuple[int, ...]] | None:
    """Every split of the digit ``tokens`` into ``k`` numbers that satisfies ``check``.

    Each token is cut into one or more numbers, in order; a number of several digits never
    starts with ``0``.  Returns ``None`` when there are too many ways to cut to enumerate
    (the caller reports the row as not assessable), otherwise the fitting candidates
    (at most :data:`MAX_CANDIDATES`).
    """
    if not tokens or any(not t.isascii() or not t.isdigit() for t in tokens):
        return []
    total = _count(tokens, k)
    if total == 0:
        return []
    if total > MAX_ENUMERATION:
        return None
    out: list[tuple[int, ...]] = []
    parts: list[int] = []

    def cut_token(ti: int, pos: int) -> None:
        if len(out) >= MAX_CANDIDATES:
            return
        if ti == len(tokens):
            if len(parts) == k and check(parts):
                out.append(tuple(parts))
            return
        token = tokens[ti]
        remaining_tokens = len(tokens) - ti - 1
        if len(parts) + 1 + remaining_tokens > k:
            return
        # a number of several digits never starts with 0
        ends = [pos + 1] if token[pos] == "0" else list(range(pos + 1, len(token) + 1))
        for end in ends:
            parts.append(int(token[pos:end]))
            if end == len(token):
                cut_token(ti + 1, 0)
            else:
                cut_token(ti, end)
            parts.pop()

    cut_token(0, 0)
    return out


def narrow_by_relations(
    refs: Sequence[CellRef],
    candidates: Sequence[tuple[int, ...]],
    known: Mapping[CellRef, CellValue],
    relations: Sequence[Relation],
) -> list[tuple[int, ...]]:
    """The candidates for ``refs`` that the rest of the table confirms.

    A candidate survives when every relation touching ``refs`` whose other cells were all read
    as numbers holds, and at least one such relation exists (otherwise nothing is confirmed and
    no candidate is returned).
    """
    inside = set(refs)
    touching = [r for r in relations if inside & set(r.cells)]
    out: list[tuple[int, ...]] = []
    for cand in candidates:
        values: dict[CellRef, CellValue] = {**known, **dict(zip(refs, cand, strict=True))}
        usable = False
        holds = True
        for rel in touching:
            cells = [values.get(c) for c in rel.cells]
            if not all(is_number(v) for v in cells):
                continue
            usable = True
            lhs = numeric_sum(values[c] for c in rel.lhs)
            rhs = numeric_sum(values[c] for c in rel.rhs)
            if lhs != rhs:
                holds = False
                break
        if usable and holds:
            out.append(cand)
    return out


def extra_position(printed: Sequence[int], check: Callable[[Sequence[int]], bool]) -> int | None:
    """Which of ``printed`` — one number more than the row has cells (a column the header did not
    name, such as an unnamed 小计) — is the extra one: the position whose removal makes the row's
    relations (``check``, from :func:`local_check`) hold, when every such position leaves the same
    values; ``None`` when none holds or two readings hold."""
    fits = [i for i in range(len(printed)) if check([*printed[:i], *printed[i + 1 :]])]
    readings = {(*printed[:i], *printed[i + 1 :]) for i in fits}
    return fits[0] if len(readings) == 1 else None
