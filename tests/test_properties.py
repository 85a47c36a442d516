"""Property tests: dates, queries and JSON conversion checked against independent oracles on generated input.

The oracles are the ``edtf`` package for date bounds, brute-force scans of every record for queries and the
shipped JSON Schemas (read by ``jsonschema``) for what ``to_records`` writes, so an indexed query that skips or
invents a record, a parser that disagrees with EDTF, or JSON that does not read back, fails here. The scans use
``PartialDate.earliest``/``latest``, which the first properties check against the ``edtf`` package (too slow to
parse every generated record's date).
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime, timedelta
from typing import Any, Literal

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations import Agreement, Dataset, DateLike, Event, EventKind, Field, PartialDate, Statement

# The way back from JSON to records: no public function structures a single record (load reads a whole folder,
# whose references must resolve), and the round trip of generated records needs one.
from cuba_iran_relations._convert import structure
from strategies import (
    ACTOR_POOL,
    RECORD_STRATEGIES,
    bounds,
    datasets,
    edtf_bounds,
    edtf_strings,
    relations_histories,
    span_of_bound,
)

MODES: tuple[Literal["overlaps", "within"], ...] = ("overlaps", "within")


def _chronological(records: list[Any]) -> tuple[Any, ...]:
    """Records ordered as the spec says: earliest, then latest, then id (undated last)."""

    def key(record: Any) -> tuple[date, date, str]:
        when = record.date if isinstance(record, Event) else record.signed if isinstance(record, Agreement) else None
        if when is None:
            when = getattr(record, "date", None)
        if when is None:
            return (date.max, date.max, record.id)
        return (when.earliest, when.latest, record.id)

    return tuple(sorted(records, key=key))


# --- PartialDate ---------------------------------------------------------------------------------------------


@given(edtf_strings())
def test_partial_date_parses_and_formats_every_accepted_edtf_form_unchanged(text: str) -> None:
    when = PartialDate(text)
    assert when.edtf == text
    assert str(when) == text
    assert PartialDate(str(when)) == when
    assert when.is_interval == ("/" in text)


@given(edtf_strings())
def test_partial_date_bounds_are_the_edtf_packages_strict_bounds(text: str) -> None:
    when = PartialDate(text)
    assert (when.earliest, when.latest) == edtf_bounds(text)
    assert when.earliest <= when.latest


# --- events_between ------------------------------------------------------------------------------------------


def _events_between_by_brute_force(
    data: Dataset, start: DateLike, end: DateLike, mode: Literal["overlaps", "within"]
) -> tuple[Event, ...]:
    """The definition of ``events_between``, evaluated over every event with oracle bounds."""
    first, _ = span_of_bound(start)
    _, last = span_of_bound(end)
    kept = []
    for event in (record for record in data if isinstance(record, Event)):
        earliest, latest = event.date.earliest, event.date.latest
        if (mode == "overlaps" and earliest <= last and first <= latest) or (
            mode == "within" and first <= earliest and latest <= last
        ):
            kept.append(event)
    return _chronological(kept)


def _check_events_between(data: Dataset, start: DateLike, end: DateLike, mode: Literal["overlaps", "within"]) -> None:
    if span_of_bound(start)[0] > span_of_bound(end)[1]:
        with pytest.raises(ValueError, match="start"):
            data.events_between(start, end, mode=mode)
        return
    assert data.events_between(start, end, mode=mode) == _events_between_by_brute_force(data, start, end, mode)


def _days_near_bundled_events() -> list[date]:
    """Each bound of a bundled event's date, and the days either side of it: where an off-by-one day shows."""
    ends = {d for e in cir.events() for d in (e.date.earliest, e.date.latest) if d not in (date.min, date.max)}
    return sorted({day + timedelta(days=step) for day in ends for step in (-1, 0, 1)})


def _as_every_bound_type(day: date) -> st.SearchStrategy[DateLike]:
    text = day.isoformat()
    forms: list[DateLike] = [day, datetime(day.year, day.month, day.day, 12), text, text[:7], text[:4], day.year]
    return st.sampled_from(forms)


# Bounds of every type, and bounds of every type at and beside the bundled events' dates.
BUNDLED_BOUNDS = st.one_of(bounds(), st.sampled_from(_days_near_bundled_events()).flatmap(_as_every_bound_type))


@given(BUNDLED_BOUNDS, BUNDLED_BOUNDS, st.sampled_from(MODES))
def test_events_between_on_the_bundled_data_equals_its_definition(
    start: DateLike, end: DateLike, mode: Literal["overlaps", "within"]
) -> None:
    _check_events_between(cir.dataset(), start, end, mode)
    if span_of_bound(start)[0] <= span_of_bound(end)[1]:
        assert cir.events_between(start, end, mode=mode) == cir.dataset().events_between(start, end, mode=mode)


@given(datasets(), bounds(), bounds(), st.sampled_from(MODES))
def test_events_between_on_generated_datasets_equals_its_definition(
    data: Dataset, start: DateLike, end: DateLike, mode: Literal["overlaps", "within"]
) -> None:
    _check_events_between(data, start, end, mode)


@given(datasets(), bounds(), st.sampled_from(MODES))
def test_events_between_one_bound_twice_covers_its_whole_span(
    data: Dataset, bound: DateLike, mode: Literal["overlaps", "within"]
) -> None:
    _check_events_between(data, bound, bound, mode)


@given(datasets())
def test_events_between_the_widest_bounds_returns_every_event_in_both_modes(data: Dataset) -> None:
    every_event = _chronological([r for r in data if isinstance(r, Event)])
    years = PartialDate("0001/9999")
    assert data.events_between(years, years, mode="overlaps") == every_event
    # Open ends are date.min and date.max, so the widest dates hold even open-ended events wholly.
    assert data.events_between(date.min, date.max, mode="within") == every_event


# --- filters agree with scans --------------------------------------------------------------------------------


def _check_filters(data: Dataset) -> None:
    all_events = [r for r in data if isinstance(r, Event)]
    all_agreements = [r for r in data if isinstance(r, Agreement)]
    all_statements = [r for r in data if isinstance(r, Statement)]
    for field in Field:
        scan = _chronological([a for a in all_agreements if field in a.fields])
        assert data.agreements_by_field(field) == scan
        assert data.agreements_by_field(field.value.upper().replace("_", " ")) == scan
        assert data.agreements_by_field(field.name.lower().replace("_", "-")) == scan
    actors = sorted({*ACTOR_POOL, *(p for e in all_events for p in e.participants)} & {r.id for r in data})
    for kind in EventKind:
        spellings = (kind.value, kind.name, kind.value.upper().replace("_", " "), kind.name.lower().replace("_", "-"))
        assert {data.events(kind=spelling) for spelling in spellings} == {data.events(kind=kind)}
    for kind in (None, *EventKind):
        for actor in (None, *actors):
            scan = _chronological(
                [
                    e
                    for e in all_events
                    if (kind is None or e.kind is kind) and (actor is None or actor in e.participants)
                ]
            )
            assert data.events(kind=kind, actor=actor) == scan, (kind, actor)
            if actor is not None:
                assert data.events(kind=kind, actor=data.get(actor)) == scan
    assert data.statements() == _chronological(all_statements)
    for speaker in sorted({s for st_ in all_statements for s in st_.speakers} & {r.id for r in data}):
        scan = _chronological([s for s in all_statements if speaker in s.speakers])
        assert data.statements(speaker=speaker) == scan
        assert data.statements(speaker=data.get(speaker)) == scan


def test_filters_on_the_bundled_data_agree_with_scans() -> None:
    _check_filters(cir.dataset())


@given(datasets())
def test_filters_on_generated_datasets_agree_with_scans(data: Dataset) -> None:
    _check_filters(data)


# --- JSON round trip: the one home of this behaviour -------------------------------------------------------------


@functools.cache
def _schema_validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(cir.json_schema(kind))


def _through_json(kind: cir.Kind, data: Dataset) -> list[Any]:
    """``to_records`` written as JSON text and read back, checked against the kind's JSON Schema on the way."""
    written = json.dumps(cir.to_records(kind.name, data), ensure_ascii=False, allow_nan=False)
    read = json.loads(written)
    _schema_validator(kind.name).validate(read)
    return [structure(item, kind.cls) for item in read]


@pytest.mark.parametrize("kind", cir.KINDS, ids=[kind.name for kind in cir.KINDS])
@given(data=st.data())
def test_generated_records_of_every_type_round_trip_through_json(kind: cir.Kind, data: st.DataObject) -> None:
    # Generated records carry every optional part: phrases beside dates, amounts such as 1E-7 and 2E+8, the
    # largest stated count, text in any script.
    record = data.draw(RECORD_STRATEGIES[kind.cls])
    records: dict[str, Any] = {kind.name: [record]}
    assert _through_json(kind, Dataset(**records)) == [record]


def test_every_bundled_record_round_trips_through_json() -> None:
    for kind in cir.KINDS:
        assert _through_json(kind, cir.dataset()) == list(cir.dataset().of_kind(kind.name)), kind.name


# --- relations_status ------------------------------------------------------------------------------------------


def _status_on_day(periods: tuple[cir.RelationsPeriod, ...], day: date) -> cir.RelationsStatus:
    """The status on one day, from the definition: uncertain inside a change's imprecision, none before the first
    period, otherwise the status of the last period begun (uncertain once it has ended with nothing after it)."""
    changes = [p.start for p in periods] + [p.end for p in periods if p.end is not None]
    if any(c.earliest <= day <= c.latest for c in changes):
        return cir.RelationsStatus.UNCERTAIN
    begun = [p for p in periods if p.start.latest < day]
    if not begun:
        return cir.RelationsStatus.NONE
    last = max(begun, key=lambda p: (p.start.earliest, p.start.latest))
    if last.end is not None and last.end.latest < day:
        return cir.RelationsStatus.UNCERTAIN
    return last.status


def _status_over(periods: tuple[cir.RelationsPeriod, ...], first: date, last: date) -> cir.RelationsStatus:
    """The status over [first, last] by brute force: the day statuses agree, or it is uncertain. The day status
    only changes at a change's bounds, so checking those days (and the ends) checks every day."""
    days = {first, last}
    for period in periods:
        for change in (period.start, period.end):
            if change is None:
                continue
            for edge in (change.earliest, change.latest):
                for step in (-1, 0, 1):
                    if date.min.toordinal() <= edge.toordinal() + step <= date.max.toordinal():
                        day = date.fromordinal(edge.toordinal() + step)
                        if first <= day <= last:
                            days.add(day)
    statuses = {_status_on_day(periods, day) for day in days}
    return statuses.pop() if len(statuses) == 1 else cir.RelationsStatus.UNCERTAIN


@given(bounds())
def test_relations_status_on_the_bundled_data_equals_its_day_by_day_definition(on: DateLike) -> None:
    first, last = span_of_bound(on)
    assert cir.relations_status(on) is _status_over(cir.relations_history(), first, last)


@given(relations_histories(), bounds())
def test_relations_status_on_generated_histories_equals_its_day_by_day_definition(
    periods: tuple[cir.RelationsPeriod, ...], on: DateLike
) -> None:
    data = Dataset(sources=[], relations=periods)
    first, last = span_of_bound(on)
    assert data.relations_status(on) is _status_over(periods, first, last)
