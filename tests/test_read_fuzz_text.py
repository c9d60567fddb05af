"""Fuzzing the text reader: more than 10,000 malformed inputs, only govdisclosure errors come out.

Random bytes, label soup, truncated and shuffled real reports, huge cells and deep nesting
(strategies in ``read_fuzz_support``); a 50 MB input reads in linear time (by ratio).
"""

from __future__ import annotations

import pytest

from read_fuzz_support import check_linear_time, run_case, strategies

KIND = "text"


def test_more_than_ten_thousand_inputs() -> None:
    assert sum(n for _name, _s, n in strategies(KIND)) >= 10_000


@pytest.mark.parametrize("case", range(len(strategies(KIND))))
def test_fuzz(case: int) -> None:
    run_case(KIND, case)


def test_fifty_megabytes_read_in_linear_time() -> None:
    check_linear_time(KIND)
