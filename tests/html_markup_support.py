"""Markup strategies shared by the HTML tokenizer tests: table cells, rows, the element-by-element form."""

from __future__ import annotations

from hypothesis import strategies as st


def token_by_token(markup: str) -> str:
    """The same markup with an empty comment before every tag: no row, cell or inline run is read whole
    (a comment is no text and no element, so the page reads the same)."""
    return markup.replace("<", "<!----><")


def cells(texts: st.SearchStrategy[str], attrs: list[str]) -> st.SearchStrategy[str]:
    """A ``td``/``th`` cell (any case) with one of ``attrs`` around one of ``texts``."""
    return st.builds(
        lambda tag, attr, text: f"<{tag}{attr}>{text}</{tag}>",
        st.sampled_from(["td", "th", "TD"]),
        st.sampled_from(attrs),
        texts,
    )


def rows(cell: st.SearchStrategy[str], gaps: list[str], max_size: int) -> st.SearchStrategy[str]:
    """A ``tr`` of up to ``max_size`` cells, one of ``gaps`` between them and before ``</tr>``."""
    return st.builds(
        lambda items, gap: "<tr>" + gap.join(items) + gap + "</tr>",
        st.lists(cell, max_size=max_size),
        st.sampled_from(gaps),
    )
