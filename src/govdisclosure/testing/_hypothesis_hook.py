"""Target of the ``hypothesis`` entry point: registers ``st.from_type(Report)``."""

from __future__ import annotations


def _register_strategies() -> None:
    from hypothesis import strategies as st

    from ..model import Report
    from .strategies import reports

    st.register_type_strategy(Report, reports())
