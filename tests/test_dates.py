"""PartialDate: EDTF parsing and formatting, strict bounds checked against the ``edtf`` package, and query bounds."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import edtf
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import Citation, Dataset, Event, EventKind, PartialDate, Precision

# Every EDTF form the package accepts, with the precision it must report.
ACCEPTED: dict[str, Precision] = {
    "2006": Precision.YEAR,
    "2006-01": Precision.MONTH,
    "2025-04-01": Precision.DAY,
    "2004-02-29": Precision.DAY,
    "2023~": Precision.YEAR,
    "2006?": Precision.YEAR,
    "2006%": Precision.YEAR,
    "2006-01~": Precision.MONTH,
    "2006-01-15?": Precision.DAY,
    "2006-01-15%": Precision.DAY,
    "201X": Precision.YEAR,
    "19XX": Precision.YEAR,
    "2006-XX": Precision.YEAR,
    "2006-01-XX": Precision.MONTH,
    "2004-02-XX": Precision.MONTH,
    "2006-XX-XX": Precision.YEAR,
    "1975/1976": Precision.YEAR,
    "2006-01/2006-03": Precision.MONTH,
    "2005-12/2006": Precision.YEAR,
    "2006-01-15/2006-02": Precision.MONTH,
    "2025-04-01/2025-04-02": Precision.DAY,
    "2006-01-15/2006-01-15": Precision.DAY,
    "2006/2006-06": Precision.YEAR,
    "2006~/2008?": Precision.YEAR,
    "../1976": Precision.YEAR,
    "../2006-01-15": Precision.DAY,
    "1979/..": Precision.YEAR,
    "2025-06/..": Precision.MONTH,
    "2006%/..": Precision.YEAR,
}

MALFORMED = [
    "",
    " 2006",
    "2006 ",
    "2006-1",
    "06",
    "20061",
    "2006-13",
    "2006-00",
    "2006-02-30",
    "2005-02-29",
    "2006-01-32",
    "2006-01-00",
    "0000",
    "2006/2005",
    "2006-03/2006-02",
    "2006-01-02/2006-01-01",
    "../..",
    "1979/",
    "/1979",
    "1975/1976/1977",
    "2006-XX-15",
    "201X-01-15",
    "201X-02",  # unspecified year digits followed by a month: EDTF level 2
    "19XX-XX",
    "2006~~",
    "~2006",
    "2006-01-15T10:00",
    "\u0662\u0660\u0660\u0666",  # Arabic-Indic digits: EDTF digits are ASCII
    "\uff12\uff10\uff10\uff16-01",  # fullwidth digits
]


def _oracle_bound(value: object, infinite: date) -> date:
    """A bound from the edtf package as a date: struct_time, or ±inf for an open end."""
    if isinstance(value, float):
        assert value in (float("inf"), float("-inf"))
        return infinite
    assert isinstance(value, time.struct_time)
    return date(value.tm_year, value.tm_mon, value.tm_mday)


@pytest.mark.parametrize("text", sorted(ACCEPTED))
def test_bounds_equal_the_edtf_packages_strict_bounds(text: str) -> None:
    parsed = edtf.parse_edtf(text)
    when = PartialDate(text)
    assert when.earliest == _oracle_bound(parsed.lower_strict(), date.min)
    assert when.latest == _oracle_bound(parsed.upper_strict(), date.max)


@pytest.mark.parametrize(("text", "precision"), sorted(ACCEPTED.items()))
def test_precision_is_the_coarser_ends(text: str, precision: Precision) -> None:
    assert PartialDate(text).precision is precision


@pytest.mark.parametrize("text", sorted(ACCEPTED))
def test_an_accepted_form_formats_back_to_itself(text: str) -> None:
    when = PartialDate(text)
    assert when.edtf == text
    assert str(when) == text
    assert repr(when) == f"PartialDate({text!r})"
    assert eval(repr(when), {"PartialDate": PartialDate}) == when


def test_qualifiers_are_kept_but_do_not_widen_the_bounds() -> None:
    plain = PartialDate("2023")
    for text in ("2023~", "2023?", "2023%"):
        qualified = PartialDate(text)
        assert (qualified.earliest, qualified.latest) == (plain.earliest, plain.latest)
        assert qualified != plain
    assert PartialDate("2023~").approximate
    assert not PartialDate("2023~").uncertain
    assert PartialDate("2023?").uncertain
    assert not PartialDate("2023?").approximate
    assert PartialDate("2023%").approximate
    assert PartialDate("2023%").uncertain
    assert not PartialDate("2023").approximate
    assert not PartialDate("2023").uncertain


def test_unspecified_digits_cover_every_value_they_could_take() -> None:
    assert (PartialDate("201X").earliest, PartialDate("201X").latest) == (date(2010, 1, 1), date(2019, 12, 31))
    assert (PartialDate("19XX").earliest, PartialDate("19XX").latest) == (date(1900, 1, 1), date(1999, 12, 31))
    assert PartialDate("2004-02-XX").latest == date(2004, 2, 29)
    assert PartialDate("2006-02-XX").latest == date(2006, 2, 28)


def test_open_ends_are_date_min_and_date_max_and_say_they_are_open() -> None:
    assert PartialDate("1979/..").latest == date.max
    assert PartialDate("1979/..").earliest == date(1979, 1, 1)
    assert PartialDate("../1976").earliest == date.min
    assert PartialDate("../1976").latest == date(1976, 12, 31)
    assert (PartialDate("1979/..").open_start, PartialDate("1979/..").open_end) == (False, True)
    assert (PartialDate("../1976").open_start, PartialDate("../1976").open_end) == (True, False)
    # The first and last representable years are closed ends, though their bounds are date.min and date.max.
    widest = PartialDate("0001/9999")
    assert (widest.earliest, widest.latest) == (date.min, date.max)
    assert (widest.open_start, widest.open_end) == (False, False)
    assert (PartialDate("2006").open_start, PartialDate("2006").open_end) == (False, False)


def test_intervals_are_marked_as_intervals() -> None:
    assert PartialDate("1975/1976").is_interval
    assert PartialDate("1979/..").is_interval
    assert not PartialDate("1975").is_interval


def test_phrase_is_kept_beside_the_date_and_shown() -> None:
    when = PartialDate("2023", phrase="Two years ago")
    assert when.phrase == "Two years ago"
    assert str(when) == "2023 (Two years ago)"
    assert repr(when) == "PartialDate('2023', phrase='Two years ago')"
    assert when != PartialDate("2023")
    assert (when.earliest, when.latest) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize("phrase", ["", "   ", 5])
def test_a_blank_or_non_string_phrase_is_rejected(phrase: object) -> None:
    with pytest.raises(ValueError, match="phrase"):
        PartialDate("2023", phrase=phrase)  # type: ignore[arg-type]


def test_equal_dates_hash_equal_and_bounds_do_not_take_part() -> None:
    assert PartialDate("2006-01") == PartialDate("2006-01")
    assert hash(PartialDate("2006-01")) == hash(PartialDate("2006-01"))
    assert len({PartialDate("2006"), PartialDate("2006"), PartialDate("2006~")}) == 2


def test_sort_key_orders_by_earliest_then_latest() -> None:
    texts = ["2006", "2006-01", "2005-12/2006", "2006-01-15", "../2006", "2006/.."]
    ordered = sorted((PartialDate(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.edtf for d in ordered] == ["../2006", "2005-12/2006", "2006-01", "2006", "2006/..", "2006-01-15"]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_or_impossible_forms_raise_value_error_naming_edtf_and_the_value(text: str) -> None:
    with pytest.raises(ValueError, match=r"^edtf: ") as caught:
        PartialDate(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("value", [2006, None, b"2006", date(2006, 1, 1)])
def test_a_non_string_edtf_raises_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=r"^edtf: got "):
        PartialDate(value)  # type: ignore[arg-type]


def test_precision_is_ordered_from_fine_to_coarse_and_prints_its_name() -> None:
    assert Precision.DAY < Precision.MONTH < Precision.YEAR
    assert [str(p) for p in Precision] == ["day", "month", "year"]


# --- the date arguments of queries ---------------------------------------------------------------------------


def edtf_span(text: str) -> tuple[date, date]:
    """The strict bounds the edtf package gives a date string."""
    parsed = edtf.parse_edtf(text)
    return _oracle_bound(parsed.lower_strict(), date.min), _oracle_bound(parsed.upper_strict(), date.max)


def probe(first: date, last: date) -> tuple[Dataset, tuple[Event, ...]]:
    """A dataset of one-day events on the days ``first`` and ``last`` and the days either side of them, and its
    events on ``first`` and ``last``: exactly those a query covering the days ``first`` to ``last`` holds."""
    days = {first, last}
    if first > date.min:
        days.add(first - timedelta(days=1))
    if last < date.max:
        days.add(last + timedelta(days=1))
    citation = Citation(source_id="source:s", quote="q", start=0, end=1)
    events = [
        Event(
            id=f"event:{day.isoformat()}",
            date=PartialDate(day.isoformat()),
            kind=EventKind.MEETING,
            participants=(),
            summary="s",
            citations=(citation,),
        )
        for day in sorted(days)
    ]
    return Dataset(events=events), tuple(e for e in events if e.date.earliest in (first, last))


@pytest.mark.parametrize(
    ("value", "span"),
    [
        (date(2006, 1, 15), (date(2006, 1, 15), date(2006, 1, 15))),
        (datetime(2006, 1, 15, 23, 59), (date(2006, 1, 15), date(2006, 1, 15))),
        (datetime(2006, 1, 15, 0, 1, tzinfo=UTC), (date(2006, 1, 15), date(2006, 1, 15))),
        (PartialDate("2006-01"), edtf_span("2006-01")),
        (PartialDate("1979/.."), edtf_span("1979/..")),
        (2006, edtf_span("2006")),
        (1, edtf_span("0001")),
        (9999, edtf_span("9999")),
        *((text, edtf_span(text)) for text in ("1975", "2006", "2006-02", "2004-02", "2006-12", "2006-01-15")),
    ],
    ids=repr,
)
def test_a_query_date_covers_its_whole_span(value: PartialDate | date | int | str, span: tuple[date, date]) -> None:
    data, inside = probe(*span)
    assert data.events_between(value, value, mode="within") == inside
    assert data.events_between(value, value) == inside


@pytest.mark.parametrize(
    "value",
    [
        "2006-13",
        "2006-00",
        "2006-02-30",
        "2006-1",
        "06",
        "0000",
        "2006~",
        "1975/1976",
        " 2006",
        "2006\n",
        "",
        "\u0662\u0660\u0660\u0666",
        0,
        -5,
        10000,
    ],
)
def test_a_malformed_query_date_is_refused_naming_the_argument_and_value(value: str | int) -> None:
    with pytest.raises(ValueError, match=r"^end: got ") as caught:
        cir.events_between(2006, value)
    assert repr(value) in str(caught.value)


@pytest.mark.parametrize("value", [True, False, 2006.0, None, b"2006", ["2006"], (2006,), object()])
def test_a_query_date_of_a_wrong_type_is_refused_naming_what_is_accepted(value: object) -> None:
    with pytest.raises(TypeError, match=r"^start: got ") as caught:
        cir.events_between(value, 2007)  # type: ignore[arg-type]
    message = str(caught.value)
    assert type(value).__name__ in message
    for accepted in ("datetime.date", "PartialDate", "int year", "'YYYY-MM-DD'"):
        assert accepted in message
