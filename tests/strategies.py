"""Hypothesis strategies for the package's values: EDTF strings, query date bounds, records and datasets.

Every strategy builds only values the package must accept, so a property test failing on one is a bug in the
package (or in the strategy's reading of the spec), never expected bad input. ``junk()`` is the opposite: any
value at all, for fuzzing the API.
"""

from __future__ import annotations

import calendar
import functools
import string
import time
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import edtf
from hypothesis import strategies as st

from cuba_iran_relations import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Dataset,
    DateLike,
    Event,
    EventKind,
    Fact,
    FactTopic,
    Field,
    Figure,
    FigureKind,
    Mission,
    Money,
    Organization,
    PartialDate,
    Person,
    Place,
    RelationsPeriod,
    RelationsStatus,
    Role,
    Source,
    Statement,
)

QUALIFIERS = ("", "?", "~", "%")

# --- EDTF ------------------------------------------------------------------------------------------------------


@st.composite
def edtf_dates(draw: st.DrawFn, *, unspecified: bool = True) -> str:
    """One EDTF date of a level 0-1 form the package accepts: ``2006``, ``2006-01``, ``2006-01-15``, with
    ``unspecified`` digits ``201X``, ``19XX``, ``2006-XX``, ``2006-01-XX``, ``2006-XX-XX``; each optionally
    qualified ``?``/``~``/``%``.
    """
    year = draw(st.integers(1, 9999))
    year_text = f"{year:04d}"
    unspecified_digits = draw(st.sampled_from((0, 0, 0, 1, 2))) if unspecified else 0
    if unspecified_digits and int(year_text[: 4 - unspecified_digits]) > 0:
        year_text = year_text[: 4 - unspecified_digits] + "X" * unspecified_digits
    shape = draw(st.sampled_from(("year", "month", "month", "day", "day", "day")))
    if "X" in year_text:
        shape = "year"  # a year with unspecified digits and a month or day is level 2
    text = year_text
    if shape != "year":
        # 0 stands for an unspecified month, "XX"
        month = draw(st.one_of(st.integers(1, 12), st.just(0))) if unspecified else draw(st.integers(1, 12))
        text += f"-{month:02d}" if month else "-XX"
        if shape == "day":
            if month and "X" not in year_text and (not unspecified or draw(st.booleans())):
                text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
            else:
                text += "-XX"
    return text + draw(st.sampled_from(QUALIFIERS))


@functools.lru_cache(maxsize=4096)  # the edtf package parses slowly; the same strings recur within an example
def edtf_bounds(text: str) -> tuple[date, date]:
    """The strict bounds of an EDTF string according to the ``edtf`` package: the independent oracle."""
    parsed = edtf.parse_edtf(text)
    return _oracle_date(parsed.lower_strict(), date.min), _oracle_date(parsed.upper_strict(), date.max)


def _oracle_date(value: object, infinite: date) -> date:
    if isinstance(value, float):  # the edtf package gives ±inf for an open end
        return infinite
    assert isinstance(value, time.struct_time)
    return date(value.tm_year, value.tm_mon, value.tm_mday)


@st.composite
def edtf_intervals(draw: st.DrawFn) -> str:
    """An EDTF level 1 interval the package accepts: ``a/b`` (start not after end), ``a/..`` or ``../b``, its ends
    qualified or not."""
    ends = edtf_dates(unspecified=False)
    first = draw(ends)
    kind = draw(st.sampled_from(("closed", "closed", "open-end", "open-start")))
    if kind == "open-end":
        return f"{first}/.."
    if kind == "open-start":
        return f"../{first}"
    second = draw(ends)
    # Order the ends by the package's own bounds (the edtf package parses too slowly to call while generating);
    # those bounds are checked against the edtf package by the PartialDate property tests.
    if PartialDate(first).earliest > PartialDate(second).latest:
        first, second = second, first
    return f"{first}/{second}"


def edtf_strings() -> st.SearchStrategy[str]:
    """Every EDTF level 0-1 form the package accepts: single dates and intervals."""
    return st.one_of(edtf_dates(), edtf_intervals())


def phrases() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=30).filter(str.strip)


def partial_dates(*, intervals: bool = True) -> st.SearchStrategy[PartialDate]:
    texts = edtf_strings() if intervals else edtf_dates()
    return st.builds(PartialDate, texts, phrase=st.one_of(st.none(), phrases()))


# --- query date bounds ---------------------------------------------------------------------------------------


dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
# Include time zones: a datetime bound means its own calendar date, whatever its zone.
datetimes = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=-5))]),
)


@st.composite
def bound_strings(draw: st.DrawFn) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, always a real calendar date."""
    day = draw(dates)
    return draw(st.sampled_from((f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat())))


def bounds() -> st.SearchStrategy[DateLike]:
    """Every type of date bound a query accepts."""
    return st.one_of(dates, datetimes, st.integers(1, 9999), bound_strings(), partial_dates())


def span_of_bound(value: DateLike) -> tuple[date, date]:
    """The days a query bound covers, computed here without the package's own parsing (the test oracle)."""
    if isinstance(value, datetime):
        return value.date(), value.date()
    if isinstance(value, date):
        return value, value
    if isinstance(value, int):
        return date(value, 1, 1), date(value, 12, 31)
    if isinstance(value, PartialDate):
        return value.earliest, value.latest  # checked against the edtf package by the PartialDate properties
    assert isinstance(value, str)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


# --- records ---------------------------------------------------------------------------------------------------

_SLUG_CHARS = string.ascii_lowercase + string.digits


@st.composite
def slugs(draw: st.DrawFn) -> str:
    inner = draw(st.text(alphabet=_SLUG_CHARS + "-.", max_size=12))
    return draw(st.sampled_from(_SLUG_CHARS)) + (inner + draw(st.sampled_from(_SLUG_CHARS)) if inner else "")


def ids(prefix: str) -> st.SearchStrategy[str]:
    return slugs().map(lambda slug: f"{prefix}:{slug}")


texts = st.text(min_size=1, max_size=40).filter(str.strip)


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    quote = draw(texts)
    start = draw(st.integers(0, 10**6))
    return Citation(source_id=draw(ids("source")), quote=quote, start=start, end=start + len(quote))


citation_tuples = st.lists(citations(), min_size=1, max_size=2).map(tuple)
actor_ids = st.one_of(ids("person"), ids("country"), ids("org"))
amounts = st.one_of(
    st.integers(0, 10**15).map(Decimal),
    st.decimals(min_value=0, max_value=10**12, places=6, allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [Decimal("1E-7"), Decimal("2E+8"), Decimal("0.10"), Decimal("99999999999999999999.999999999999999999")]
    ),
)
moneys = st.builds(Money, amount=amounts, currency=st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3))
optional_date = st.one_of(st.none(), partial_dates())
# A stated count is an int from 1 to 2**63 - 1, what a 64-bit integer column holds.
counts = st.one_of(st.none(), st.integers(1, 1000), st.sampled_from([2**63 - 1]))
id_tuples = st.lists(actor_ids, max_size=3, unique=True).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    return st.builds(
        Source,
        id=ids("source"),
        title=texts,
        publisher=texts,
        kind=texts,
        language=st.sampled_from(["en", "es", "fa", "en-GB"]),
        published=optional_date,
        license=texts,
        attribution=texts,
        url=st.one_of(st.none(), slugs().map(lambda s: f"https://example.org/{s}")),
        text_file=slugs().map(lambda s: f"texts/{s}.txt"),
        sha256=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
        notes=st.one_of(st.none(), texts),
    )


def countries() -> st.SearchStrategy[Country]:
    upper = string.ascii_uppercase
    return st.builds(
        Country,
        id=ids("country"),
        name=texts,
        alpha2=st.text(alphabet=upper, min_size=2, max_size=2),
        alpha3=st.text(alphabet=upper, min_size=3, max_size=3),
        numeric=st.text(alphabet=string.digits, min_size=3, max_size=3),
        citations=citation_tuples,
    )


roles = st.builds(
    Role,
    title=texts,
    country=st.one_of(st.none(), ids("country")),
    organization=st.one_of(st.none(), ids("org")),
    period=optional_date,
    qualifier=st.one_of(st.none(), texts),
)


@st.composite
def _people(draw: st.DrawFn) -> Person:
    born, died = draw(optional_date), draw(optional_date)
    if born is not None and died is not None and died.latest < born.earliest:
        born, died = died, born
    return Person(
        id=draw(ids("person")),
        name=draw(texts),
        aliases=tuple(draw(st.lists(texts, max_size=3, unique=True))),
        roles=tuple(draw(st.lists(roles, max_size=2))),
        born=born,
        died=died,
        citations=draw(citation_tuples),
    )


def people() -> st.SearchStrategy[Person]:
    return _people()


def organizations() -> st.SearchStrategy[Organization]:
    return st.builds(
        Organization,
        id=ids("org"),
        name=texts,
        aliases=st.lists(texts, max_size=2, unique=True).map(tuple),
        country=st.one_of(st.none(), ids("country")),
        citations=citation_tuples,
    )


def places() -> st.SearchStrategy[Place]:
    return st.builds(
        Place,
        id=ids("place"),
        name=texts,
        kind=st.sampled_from(["city", "building", "region", "site"]),
        country=st.one_of(st.none(), ids("country")),
        within=st.one_of(st.none(), ids("place")),
        citations=citation_tuples,
    )


def missions() -> st.SearchStrategy[Mission]:
    return st.builds(
        Mission,
        id=ids("mission"),
        name=texts,
        kind=st.just("embassy"),
        sending_country=ids("country"),
        host_country=ids("country"),
        place=st.one_of(st.none(), ids("place")),
        citations=citation_tuples,
    )


@st.composite
def _roles(draw: st.DrawFn, participants: st.SearchStrategy[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Participants, with actors and targets drawn from them (never both at once), as an Event wants them."""
    involved = draw(participants)
    actors = tuple(draw(st.lists(st.sampled_from(involved), unique=True, max_size=2))) if involved else ()
    rest = [ref for ref in involved if ref not in actors]
    targets = tuple(draw(st.lists(st.sampled_from(rest), unique=True, max_size=2))) if rest else ()
    return {"participants": involved, "actors": actors, "targets": targets}


@st.composite
def _kind_and_statement(draw: st.DrawFn) -> dict[str, Any]:
    """An event kind, and for a verbal one the statement holding its words (an event needs one iff verbal)."""
    kind = draw(st.sampled_from(EventKind))
    return {"kind": kind, "statement": draw(ids("statement")) if kind.verbal else None}


def events(participants: st.SearchStrategy[tuple[str, ...]] = id_tuples) -> st.SearchStrategy[Event]:
    return st.builds(
        lambda roles, kind, **fields: Event(**roles, **kind, **fields),
        roles=_roles(participants),
        kind=_kind_and_statement(),
        id=ids("event"),
        date=partial_dates(),
        location=st.one_of(st.none(), ids("place"), ids("country")),
        summary=texts,
        cameo=st.one_of(st.none(), st.text(alphabet=string.digits, min_size=3, max_size=4)),
        money=st.one_of(st.none(), moneys),
        stated_count=counts,
        citations=citation_tuples,
    )


def agreements(parties: st.SearchStrategy[tuple[str, ...]] = id_tuples) -> st.SearchStrategy[Agreement]:
    return st.builds(
        Agreement,
        id=ids("agreement"),
        kind=st.sampled_from(AgreementKind),
        title=texts,
        fields=st.frozensets(st.sampled_from(Field), max_size=4),
        signed=partial_dates(),
        parties=parties,
        place=st.one_of(st.none(), ids("place")),
        signing_event=st.one_of(st.none(), ids("event")),
        stated_count=counts,
        provisions=st.lists(texts, max_size=2, unique=True).map(tuple),
        citations=citation_tuples,
    )


def statements(speakers: st.SearchStrategy[tuple[str, ...]] | None = None) -> st.SearchStrategy[Statement]:
    return st.builds(
        Statement,
        id=ids("statement"),
        speakers=speakers
        if speakers is not None
        else st.lists(actor_ids, min_size=1, max_size=3, unique=True).map(tuple),
        text=texts,
        direct=st.booleans(),
        date=optional_date,
        reported_by=st.one_of(st.none(), actor_ids),
        reported_as=st.one_of(st.none(), texts),
        targets=st.lists(st.one_of(actor_ids, ids("event"), ids("place")), max_size=3, unique=True).map(tuple),
        event=st.one_of(st.none(), ids("event")),
        citations=citation_tuples,
    )


def figures() -> st.SearchStrategy[Figure]:
    return st.builds(
        Figure,
        id=ids("figure"),
        kind=st.sampled_from(FigureKind),
        money=moneys,
        period=partial_dates(),
        parties=id_tuples,
        description=texts,
        citations=citation_tuples,
    )


def facts() -> st.SearchStrategy[Fact]:
    return st.builds(
        Fact,
        id=ids("fact"),
        topic=st.sampled_from(FactTopic),
        text=texts,
        attribution=st.one_of(st.none(), texts),
        attributed_to=id_tuples,
        date=optional_date,
        citations=citation_tuples,
    )


@st.composite
def relations_periods(draw: st.DrawFn) -> RelationsPeriod:
    start = draw(partial_dates(intervals=False))
    end = draw(st.one_of(st.none(), partial_dates(intervals=False)))
    if end is not None and end.latest < start.earliest:
        start, end = end, start
    return RelationsPeriod(
        id=draw(ids("relations")),
        status=draw(st.sampled_from([RelationsStatus.ACTIVE, RelationsStatus.INTERRUPTED, RelationsStatus.NONE])),
        start=start,
        end=end,
        citations=draw(citation_tuples),
    )


RECORD_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    Source: sources(),
    Country: countries(),
    Organization: organizations(),
    Place: places(),
    Mission: missions(),
    Person: people(),
    Event: events(),
    Agreement: agreements(),
    Statement: statements(),
    Figure: figures(),
    Fact: facts(),
    RelationsPeriod: relations_periods(),
}


def records() -> st.SearchStrategy[Any]:
    """A record of any type."""
    return st.one_of(*RECORD_STRATEGIES.values())


# --- datasets --------------------------------------------------------------------------------------------------

# A small pool of actors, so that filters by actor and speaker have several matches each.
ACTOR_POOL = ("country:cu", "country:ir", "person:a", "person:b", "org:c")


def _pool_subsets(min_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(ACTOR_POOL), min_size=min_size, max_size=3, unique=True).map(tuple)


def _unique_ids(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            kept.append(item)
    return kept


_CITATION = Citation(source_id="source:s", quote="q", start=0, end=1)


def _query_events() -> st.SearchStrategy[Event]:
    """Events varying only in what queries look at (id, date, kind, participants and roles): cheap to generate."""
    return st.builds(
        lambda roles, kind, **fields: Event(**roles, **kind, **fields),
        roles=_roles(_pool_subsets(0)),
        kind=_kind_and_statement(),
        id=ids("event"),
        date=partial_dates(),
        summary=st.just("s"),
        citations=st.just((_CITATION,)),
    )


def _query_agreements() -> st.SearchStrategy[Agreement]:
    return st.builds(
        Agreement,
        id=ids("agreement"),
        kind=st.sampled_from(AgreementKind),
        title=st.just("t"),
        fields=st.frozensets(st.sampled_from(Field), max_size=4),
        signed=partial_dates(),
        parties=_pool_subsets(0),
        citations=st.just((_CITATION,)),
    )


def _query_statements() -> st.SearchStrategy[Statement]:
    return st.builds(
        Statement,
        id=ids("statement"),
        speakers=_pool_subsets(1),
        text=st.just("t"),
        direct=st.booleans(),
        date=optional_date,
        citations=st.just((_CITATION,)),
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A ``Dataset`` of generated events (short, long and open-ended), agreements and statements, whose
    participants, parties and speakers are drawn from ``ACTOR_POOL`` (which are records of the dataset too)."""
    return Dataset(
        countries=[
            Country(id=i, name=i, alpha2="XX", alpha3="XXX", numeric="000", citations=(_CITATION,))
            for i in ACTOR_POOL
            if i.startswith("country:")
        ],
        people=[Person(id=i, name=i, citations=(_CITATION,)) for i in ACTOR_POOL if i.startswith("person:")],
        organizations=[Organization(id=i, name=i, citations=(_CITATION,)) for i in ACTOR_POOL if i.startswith("org:")],
        events=_unique_ids(draw(st.lists(_query_events(), max_size=15))),
        agreements=_unique_ids(draw(st.lists(_query_agreements(), max_size=8))),
        statements=_unique_ids(draw(st.lists(_query_statements(), max_size=8))),
        data_version="generated",
    )


# --- junk, for fuzzing -----------------------------------------------------------------------------------------

ODD_STRINGS = (
    "",
    " ",
    "\x00",
    "\ud800",  # a lone surrogate
    "\u202e2006",  # right-to-left override
    "2006\u200b",  # zero-width space
    "\uff12\uff10\uff10\uff16",  # fullwidth digits
    "\u0662\u0660\u0660\u0666",  # Arabic-Indic digits
    "ǅ",
    "ß" * 3,
    "İstanbul",
    "\ufdfa" * 50,  # expands eighteen-fold under NFKD
    "e\u0301" * 100,  # combining accents
    "🇨🇺🇮🇷",
    "x" * 1_000_000,  # huge
    "2006-01-01" * 10_000,
    "-2006",
    "99999",
    "0000",
    "2006-02-30",
    "2006-13",
    "NaN",
    "None",
    "../..",
    "1979/..",
    "person:fidel-castro\x00",
    "banking\n",
    "BANKING",
    "sugar-industry",
)


def _sample_records() -> list[Any]:
    """One bundled record of each type (generating records is slow; fuzzing needs only some)."""
    import cuba_iran_relations as cir

    by_type: dict[type, Any] = {}
    for record in cir.dataset():
        by_type.setdefault(type(record), record)
    return list(by_type.values())


def junk() -> st.SearchStrategy[Any]:
    """Any value: many types, odd and huge strings, NaN, negative and far-future years, None, bytes, lists.

    Typed ``Any`` so that fuzzing code can pass it where the API declares narrower types.
    """
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([-(10**30), -1, 0, 10_000, 10**30, 2**63]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.complex_numbers(),
        st.text(),
        st.sampled_from(ODD_STRINGS),
        st.binary(max_size=20),
        st.just(bytearray(b"2006")),
        st.dates(),
        st.datetimes(),
        st.timedeltas(),
        st.sampled_from([date.min, date.max, datetime.min, datetime.max]),
        partial_dates(),
        st.sampled_from(list(Field) + list(EventKind) + list(FactTopic) + list(RelationsStatus)),
        st.sampled_from(_sample_records()),
        st.just(object()),
        st.just(Ellipsis),
        st.just(type),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.lists(inner, max_size=3).map(tuple),
            st.dictionaries(st.text(max_size=5), inner, max_size=3),
            st.frozensets(st.integers(), max_size=3),
        ),
        max_leaves=5,
    )


@st.composite
def relations_histories(draw: st.DrawFn) -> tuple[RelationsPeriod, ...]:
    """A diplomatic history as sources give one: periods that follow each other, each ending where the next
    starts (the change dates do not overlap); the last may be open."""
    changes = draw(st.lists(partial_dates(intervals=False), min_size=1, max_size=5))
    changes.sort(key=lambda d: (d.earliest, d.latest))
    distinct = [changes[0]]
    for change in changes[1:]:
        if change.earliest > distinct[-1].latest:
            distinct.append(change)
    # The last period is open, or ends in a year after it began.
    after = distinct[-1].latest.year + 1
    years_after = st.integers(after, 9999).map(lambda y: PartialDate(f"{y:04d}")) if after <= 9999 else st.none()
    ends: list[PartialDate | None] = [*distinct[1:], draw(st.one_of(st.none(), years_after))]
    statuses = [RelationsStatus.ACTIVE, RelationsStatus.INTERRUPTED, RelationsStatus.NONE]
    return tuple(
        RelationsPeriod(
            id=f"relations:period-{position}",
            status=draw(st.sampled_from(statuses)),
            start=start,
            end=end,
            citations=draw(citation_tuples),
        )
        for position, (start, end) in enumerate(zip(distinct, ends, strict=True))
    )
