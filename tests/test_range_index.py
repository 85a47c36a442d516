"""The interval index answers exactly what a scan answers, for ranges of any length, open-ended ones included."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuba_iran_relations._dates import as_ordinals, as_span
from cuba_iran_relations._index import RangeIndex

FIRST, LAST = date.min.toordinal(), date.max.toordinal()
days = st.integers(min_value=FIRST, max_value=LAST)
near = st.integers(min_value=720_000, max_value=740_000)  # 1972-2026: where ranges crowd together
lengths = st.one_of(st.just(0), st.integers(0, 31), st.integers(300, 400), st.integers(0, 40_000))


@st.composite
def ranges(draw: st.DrawFn) -> list[tuple[int, int]]:
    result = []
    for _ in range(draw(st.integers(0, 60))):
        start = draw(st.one_of(near, days, st.just(FIRST)))
        end = min(start + draw(lengths), LAST) if draw(st.booleans()) else draw(st.sampled_from([start, LAST]))
        result.append((start, end))
    return sorted(result)


@given(ranges(), st.one_of(near, days), st.integers(0, 50_000))
def test_overlapping_and_within_equal_a_scan(spans: list[tuple[int, int]], start: int, width: int) -> None:
    end = min(start + width, LAST)
    index = RangeIndex(list(range(len(spans))), spans)
    assert index.overlapping(start, end) == tuple(i for i, (s, e) in enumerate(spans) if s <= end and e >= start)
    assert index.within(start, end) == tuple(i for i, (s, e) in enumerate(spans) if s >= start and e <= end)


@given(ranges(), st.one_of(near, days), st.integers(0, 50_000))
def test_a_within_query_scans_no_more_ranges_than_an_overlaps_query_returns(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    # The cost bound of "within": each range it looks at (a match or not) is in the "overlaps" answer.
    end = min(start + width, LAST)
    index = RangeIndex(list(range(len(spans))), spans)
    scanned = [
        position for group, lo, hi in index._within_candidates(start, end) for position in group.positions[lo:hi]
    ]
    assert set(scanned) <= set(index.overlapping(start, end))
    assert set(index.within(start, end)) <= set(scanned)


def test_index_refuses_ranges_not_sorted_by_start() -> None:
    with pytest.raises(ValueError, match="sorted by the start"):
        RangeIndex(["later", "earlier"], [(10, 20), (5, 6)])


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31), st.sampled_from([4, 7, 10]))
def test_ordinal_bounds_of_a_string_equal_its_span(year: int, month: int, day: int, size: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"[:size]
    try:
        first, last = as_span(text, "start")
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error).split(";")[0]):
            as_ordinals(text, "start")
        return
    assert as_ordinals(text, "start") == (first.toordinal(), last.toordinal())


@given(st.text(alphabet="0123456789-+ :TW٢", min_size=4, max_size=10))
def test_ordinal_bounds_accept_and_refuse_exactly_what_as_span_does(text: str) -> None:
    try:
        first, last = as_span(text, "end")
    except ValueError as error:
        with pytest.raises(ValueError, match=re.escape(str(error))):
            as_ordinals(text, "end")
        return
    assert as_ordinals(text, "end") == (first.toordinal(), last.toordinal())
