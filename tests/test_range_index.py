"""The interval index behind ``events_between`` answers exactly what a scan answers, for ranges of any length:
single days, decades, open-ended ones (``1979/..``, ``../1976``), crowded together or far apart."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuba_iran_relations import Citation, Dataset, Event, EventKind, PartialDate

# The index itself, only for what no query shows: how many ranges a "within" query looks at, and the index's
# refusal of unsorted input (a Dataset always sorts its events first).
from cuba_iran_relations._index import RangeIndex

FIRST, LAST = date.min.toordinal(), date.max.toordinal()
days = st.integers(min_value=FIRST, max_value=LAST)
near = st.integers(min_value=720_000, max_value=740_000)  # 1972-2026: where ranges crowd together
lengths = st.one_of(st.just(0), st.integers(0, 31), st.integers(300, 400), st.integers(0, 40_000))
CITATION = Citation(source_id="source:s", quote="q", start=0, end=1)


@st.composite
def ranges(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Day ranges as ordinals: short and long, many starting at the first day or running to the last."""
    result = []
    for _ in range(draw(st.integers(0, 60))):
        start = draw(st.one_of(near, days, st.just(FIRST)))
        end = min(start + draw(lengths), LAST) if draw(st.booleans()) else draw(st.sampled_from([start, LAST]))
        result.append((start, end))
    return sorted(result)


def edtf_of(start: int, end: int) -> str:
    """The EDTF of a day range: a day, an interval of days, or an interval open at the first or last day."""
    first, last = date.fromordinal(start).isoformat(), date.fromordinal(end).isoformat()
    if start == end:
        return first
    if end == LAST:
        return f"{first}/.."
    if start == FIRST:
        return f"../{last}"
    return f"{first}/{last}"


@given(ranges(), st.one_of(near, days), st.integers(0, 50_000))
def test_events_between_equals_a_scan_for_ranges_of_any_length(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    end = min(start + width, LAST)
    events = [
        Event(
            id=f"event:e{n}",
            date=PartialDate(edtf_of(*span)),
            kind=EventKind.MEETING,
            participants=(),
            summary="s",
            citations=(CITATION,),
        )
        for n, span in enumerate(spans)
    ]
    data = Dataset(events=events)
    # Chronological: by the range's first day, then its last, then id.
    order = sorted(range(len(spans)), key=lambda n: (*spans[n], events[n].id))
    overlapping = tuple(events[n] for n in order if spans[n][0] <= end and spans[n][1] >= start)
    within = tuple(events[n] for n in order if spans[n][0] >= start and spans[n][1] <= end)
    first, last = date.fromordinal(start), date.fromordinal(end)
    assert data.events_between(first, last) == overlapping
    assert data.events_between(first, last, mode="within") == within


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
