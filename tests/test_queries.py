"""The queries of the public API on the bundled data: the sources' own examples, order, lookups by name and id, a
Dataset of one's own, and the errors bad arguments give. Queries against brute-force scans of every record, on
the bundled and on generated datasets, are in ``test_properties.py``."""

from __future__ import annotations

import copy
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import (
    Agreement,
    Citation,
    Dataset,
    DateLike,
    Event,
    EventKind,
    FactTopic,
    Field,
    PartialDate,
    Person,
    RelationsStatus,
    Statement,
)

R = TypeVar("R", bound=Any)

SIGNING_2006 = "event:2006-01-havana-cooperation-document-signing"
CREDIT_2008 = "event:2008-iran-credit-line-to-cuba"


def chronological(records: Iterable[R]) -> tuple[R, ...]:
    """The SPEC's order for dated records: earliest, then latest, then id; undated records last."""

    def key(record: Any) -> tuple[date, date, str]:
        when = next(
            (getattr(record, name) for name in ("date", "signed", "period", "start") if getattr(record, name, None)),
            None,
        )
        if when is None:
            return (date.max, date.max, record.id)
        return (when.earliest, when.latest, record.id)

    return tuple(sorted(records, key=key))


def all_of(kind: type[R]) -> list[R]:
    return [record for record in cir.dataset() if isinstance(record, kind)]


def cite() -> Citation:
    return Citation(source_id="source:test", quote="x", start=0, end=1)


# --- events_between ---------------------------------------------------------------------------------------------


def test_events_between_default_mode_is_overlaps() -> None:
    assert cir.events_between("2005-12-31", "2006-01-01") == cir.events_between(
        "2005-12-31", "2006-01-01", mode="overlaps"
    )
    assert cir.get(SIGNING_2006) in cir.events_between("2005-12-31", "2006-01-01")


def test_the_sources_dates_of_the_2006_signing_and_the_2008_credit_line() -> None:
    # "In January 2006 the governments of Cuba and Iran signed ..."; "In 2008, Iran granted Cuba ...".
    signing = cir.get(SIGNING_2006)
    credit = cir.get(CREDIT_2008)
    assert isinstance(signing, Event)
    assert isinstance(credit, Event)
    assert signing.date.edtf == "2006-01"
    assert signing.date.precision is cir.Precision.MONTH
    assert credit.date.edtf == "2008"
    assert credit.date.precision is cir.Precision.YEAR


# (start, end, overlaps?, within?) for the month-precision 2006-01 signing.
MONTH_CASES = [
    ("2005-12-31", "2006-01-01", True, False),
    ("2006-01-31", "2006-02-01", True, False),
    ("2006-01-15", "2006-01-15", True, False),
    ("2006-01-02", "2006-01-31", True, False),
    ("2006-01-01", "2006-01-30", True, False),
    ("2006-01-01", "2006-01-31", True, True),
    ("2006-01", "2006-01", True, True),
    ("2006", "2006", True, True),
    (2005, 2006, True, True),
    (PartialDate("2006-01"), PartialDate("2006-01"), True, True),
    (date(2006, 1, 1), date(2006, 1, 31), True, True),
    ("2005-12-31", "2005-12-31", False, False),
    ("2005", "2005-12", False, False),
    ("2006-02-01", "2006-12-31", False, False),
    ("2006-02", 2007, False, False),
]

# (start, end, overlaps?, within?) for the year-precision 2008 credit line.
YEAR_CASES = [
    ("2007-12-31", "2008-01-01", True, False),
    ("2008-12-31", "2009-01-01", True, False),
    ("2008-06", "2008-06", True, False),
    ("2008-06-15", "2008-06-15", True, False),
    ("2008-01-02", "2008-12-31", True, False),
    ("2008-01", "2008-11", True, False),
    ("2008", "2008", True, True),
    (2008, 2008, True, True),
    ("2008-01-01", "2008-12-31", True, True),
    ("2008-01", "2008-12", True, True),
    ("2007", "2009", True, True),
    ("2007", "2007-12-31", False, False),
    ("2009-01-01", "2010", False, False),
    ("1900", "2007-12", False, False),
]


@pytest.mark.parametrize(
    ("event_id", "start", "end", "overlaps", "within"),
    [(SIGNING_2006, *case) for case in MONTH_CASES] + [(CREDIT_2008, *case) for case in YEAR_CASES],
)
def test_a_partial_date_event_against_ranges_that_meet_contain_and_miss_it(
    event_id: str, start: DateLike, end: DateLike, overlaps: bool, within: bool
) -> None:
    event = cir.get(event_id)
    assert (event in cir.events_between(start, end, mode="overlaps")) is overlaps
    assert (event in cir.events_between(start, end, mode="within")) is within


@pytest.mark.parametrize(
    ("start", "end", "mode", "error", "words"),
    [
        ("2007", "2006", "overlaps", ValueError, ("start", "'2007'", "end")),
        ("2006-02", "2006-01-31", "overlaps", ValueError, ("start", "'2006-02'")),
        ("2006-13", "2007", "overlaps", ValueError, ("start", "'2006-13'")),
        ("2006", "2006-02-30", "overlaps", ValueError, ("end", "'2006-02-30'")),
        ("2006", "2007", "inside", ValueError, ("mode", "'inside'", "'overlaps'", "'within'")),
        ("2006", "2007", "Overlaps", ValueError, ("mode", "'Overlaps'")),
        ("2006", "2007", None, TypeError, ("mode", "None")),
        (2006.5, "2007", "overlaps", TypeError, ("start", "float", "int year")),
        ("2006", True, "overlaps", TypeError, ("end", "bool")),
        (None, "2007", "overlaps", TypeError, ("start", "NoneType")),
    ],
)
def test_events_between_rejects_bad_input_naming_the_argument_and_value(
    start: object, end: object, mode: object, error: type[Exception], words: tuple[str, ...]
) -> None:
    with pytest.raises(error) as caught:
        cir.events_between(start, end, mode=mode)  # type: ignore[arg-type]
    for word in words:
        assert word in str(caught.value)


# --- events(kind=, actor=) --------------------------------------------------------------------------------------


def test_events_kind_accepts_its_aliases() -> None:
    for value, aliases in EventKind.aliases().items():
        for alias in aliases:
            assert cir.events(kind=alias) == cir.events(kind=EventKind(value)), alias


def test_an_actor_who_took_part_in_nothing_gives_no_events() -> None:
    quiet = [p for p in cir.people() if not any(p.id in e.participants for e in all_of(Event))]
    assert quiet
    assert cir.events(actor=quiet[0]) == ()


def test_events_reject_an_unknown_actor_or_kind() -> None:
    with pytest.raises(KeyError, match="actor"):
        cir.events(actor="person:nobody")
    with pytest.raises(TypeError, match="actor"):
        cir.events(actor=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind") as caught:
        cir.events(kind="picnic")
    assert "'picnic'" in str(caught.value)
    with pytest.raises(TypeError, match="kind"):
        cir.events(kind=5)  # type: ignore[arg-type]


# --- agreements_by_field ----------------------------------------------------------------------------------------


def test_the_2006_document_covers_the_fields_the_source_names() -> None:
    document = cir.get("agreement:2006-01-havana-cooperation-document")
    assert isinstance(document, Agreement)
    assert document.signed.edtf == "2006-01"
    for words in ("sugar industry", "commercial", "banking", "communications", "water resources", "tourism"):
        assert document in cir.agreements_by_field(words), words


def test_the_credit_line_has_no_field_and_is_not_returned_for_transportation() -> None:
    credit = cir.get("agreement:2008-iran-credit-line")
    assert isinstance(credit, Agreement)
    assert credit.fields == frozenset()
    assert credit not in cir.agreements_by_field("transportation")


def test_agreements_by_field_rejects_an_unknown_field_or_a_non_string() -> None:
    with pytest.raises(ValueError, match="field") as caught:
        cir.agreements_by_field("astronomy")
    assert "'astronomy'" in str(caught.value)
    assert "'sugar_industry'" in str(caught.value)
    with pytest.raises(ValueError, match="field"):
        cir.agreements_by_field("")
    for value in (5, None, EventKind.MEETING, ["banking"]):
        with pytest.raises(TypeError, match="field"):
            cir.agreements_by_field(value)  # type: ignore[arg-type]


# --- statements, facts, figures, agreements, people, missions, sources --------------------------------------------


def test_statements_reject_an_unknown_speaker() -> None:
    with pytest.raises(KeyError, match="speaker"):
        cir.statements(speaker="person:nobody")
    with pytest.raises(TypeError, match="speaker"):
        cir.statements(speaker=3.5)  # type: ignore[arg-type]


def test_facts_of_each_topic_equal_a_scan() -> None:
    assert cir.facts() == chronological(all_of(cir.Fact))
    for topic in FactTopic:
        expected = chronological(f for f in all_of(cir.Fact) if f.topic is topic)
        assert cir.facts(topic=topic) == expected
        assert cir.facts(topic=topic.value.replace("_", " ").title()) == expected
    assert cir.facts(topic="jamming") == cir.facts(topic=FactTopic.BROADCAST_JAMMING)
    with pytest.raises(ValueError, match="topic"):
        cir.facts(topic="weather")
    with pytest.raises(TypeError, match="topic"):
        cir.facts(topic=1)  # type: ignore[arg-type]


def test_the_records_of_each_kind_come_in_query_order() -> None:
    # Dated kinds chronologically (earliest, then latest, then id; undated last), the others by id; each kind's
    # own query gives the same records as of_kind.
    data = cir.dataset()
    queries: dict[str, Callable[[], tuple[Any, ...]]] = {
        "sources": data.sources,
        "countries": data.countries,
        "organizations": data.organizations,
        "places": data.places,
        "missions": data.missions,
        "people": data.people,
        "events": data.events,
        "agreements": data.agreements,
        "statements": data.statements,
        "figures": data.figures,
        "facts": data.facts,
        "relations": data.relations_history,
    }
    assert set(queries) == {kind.name for kind in cir.KINDS}
    for kind in cir.KINDS:
        found = [record for record in data if type(record) is kind.cls]
        assert found, kind.name
        expected = chronological(found) if kind.dated else tuple(sorted(found, key=lambda r: r.id))
        assert data.of_kind(kind.name) == expected, kind.name
        assert queries[kind.name]() == expected, kind.name


@pytest.mark.parametrize(("kind", "error"), [("event", ValueError), ("Events", ValueError), (cir.Event, TypeError)])
def test_of_kind_refuses_what_is_not_a_kind_name(kind: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="kind") as caught:
        cir.dataset().of_kind(kind)
    assert "relations" in str(caught.value)


def test_module_functions_answer_from_the_cached_bundled_dataset() -> None:
    data = cir.dataset()
    assert cir.dataset() is data
    assert cir.events_between("2006", "2008") == data.events_between("2006", "2008")
    assert cir.agreements_by_field("banking") == data.agreements_by_field("banking")
    assert cir.people() == data.people()
    assert cir.find_person("Raisi") == data.find_person("Raisi")


# --- find_person ------------------------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def test_every_name_and_alias_finds_its_person_in_any_case_and_without_accents() -> None:
    for person in cir.people():
        for name in (person.name, *person.aliases):
            for spelling in (name, name.upper(), name.lower(), strip_accents(name), f"  {name} "):
                assert cir.find_person(spelling) is person, spelling


def test_an_unambiguous_surname_finds_its_person() -> None:
    surnames: dict[str, set[str]] = {}
    for person in cir.people():
        for name in (person.name, *person.aliases):
            surnames.setdefault(strip_accents(name.split()[-1]).casefold(), set()).add(person.id)
    unique = {surname: ids.pop() for surname, ids in surnames.items() if len(ids) == 1}
    assert unique
    for surname, person_id in unique.items():
        assert cir.find_person(surname).id == person_id
        assert cir.find_person(surname.upper()).id == person_id


def test_the_sources_spellings_find_the_usual_transliteration() -> None:
    assert cir.find_person("Jatibzadeh").name == "Saeed Khatibzadeh"
    assert cir.find_person("Ebrahím Raisí").name == "Ebrahim Raisi"
    assert cir.find_person("diaz-canel").name == "Miguel Díaz-Canel"
    assert cir.find_person("Bruno Rodriguez").name == "Bruno Rodríguez"


@pytest.mark.parametrize("name", ["", "   ", "Nobody Here", "Castro Fidel", "person:fidel-castro"])
def test_no_match_raises_lookup_error_naming_the_value(name: str) -> None:
    with pytest.raises(LookupError, match="name") as caught:
        cir.find_person(name)
    assert repr(name) in str(caught.value)


def test_a_near_miss_suggests_close_matches() -> None:
    with pytest.raises(LookupError) as caught:
        cir.find_person("Fidel Kastro")
    assert "'Fidel Castro'" in str(caught.value)


@pytest.mark.parametrize("name", [None, 5, b"Fidel Castro", ["Fidel Castro"]])
def test_find_person_rejects_a_non_string(name: object) -> None:
    with pytest.raises(TypeError, match="name"):
        cir.find_person(name)  # type: ignore[arg-type]


def person(person_id: str, name: str, *aliases: str) -> Person:
    return Person(id=person_id, name=name, aliases=aliases, citations=(cite(),))


def test_a_surname_two_people_share_is_ambiguous_and_names_both() -> None:
    data = Dataset(
        people=[
            person("person:fidel-castro", "Fidel Castro"),
            person("person:raul-castro", "Raúl Castro", "Raul Castro"),
            person("person:ebrahim-raisi", "Ebrahim Raisi"),
        ]
    )
    with pytest.raises(LookupError) as caught:
        data.find_person("castro")
    message = str(caught.value)
    assert "'Fidel Castro'" in message
    assert "'Raúl Castro'" in message
    assert data.find_person("raul castro").id == "person:raul-castro"
    assert data.find_person("Raisi").id == "person:ebrahim-raisi"


def test_a_full_name_two_people_share_is_ambiguous() -> None:
    data = Dataset(
        people=[
            person("person:ali-khan-1", "Ali Khan"),
            person("person:ali-khan-2", "Ali Khan"),
        ]
    )
    with pytest.raises(LookupError) as caught:
        data.find_person("Ali Khan")
    assert "person:ali-khan-1" in str(caught.value)
    assert "person:ali-khan-2" in str(caught.value)


# --- a Dataset of your own ---------------------------------------------------------------------------------------


def test_a_dataset_built_from_records_answers_like_the_bundled_one() -> None:
    bundled = cir.dataset()
    data = Dataset(events=list(reversed(bundled.events())), people=bundled.people(), data_version="mine")
    assert data.events() == bundled.events()
    assert data.events_between("2006", "2008") == bundled.events_between("2006", "2008")
    assert data.find_person("Raisi") == bundled.find_person("Raisi")
    assert data.data_version == "mine"


def test_a_dataset_rejects_records_of_the_wrong_kind() -> None:
    event_record = cir.events()[0]
    with pytest.raises(TypeError, match=r"countries\[0\]: got Person") as caught:
        Dataset(countries=[cir.people()[0]])
    assert "expected a Country" in str(caught.value)
    with pytest.raises(TypeError, match=r"events\[1\]: got int"):
        Dataset(events=[event_record, 1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="events: got Event"):
        Dataset(events=event_record)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="people: got str"):
        Dataset(people="person:fidel-castro")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data_version"):
        Dataset(data_version=5)  # type: ignore[arg-type]


def test_a_dataset_refuses_an_unknown_keyword_naming_the_kinds() -> None:
    with pytest.raises(TypeError, match="'event'") as caught:
        Dataset(event=cir.events())
    for kind in cir.KINDS:
        assert kind.name in str(caught.value)


def answers(data: Dataset) -> tuple[object, ...]:
    """What the queries of ``data`` answer, for comparing two datasets."""
    actors = sorted({p for e in data.events() for p in e.participants})
    speakers = sorted({s for st in data.statements() for s in st.speakers})
    return (
        data.data_version,
        tuple(data),
        data.events_between(1975, 2025),
        data.events_between("2006", "2008", mode="within"),
        tuple(data.agreements_by_field(field) for field in Field),
        tuple(data.events(kind=kind) for kind in EventKind),
        tuple(data.events(actor=actor) for actor in actors),
        tuple(data.statements(speaker=speaker) for speaker in speakers),
        tuple(data.facts(topic=topic) for topic in FactTopic),
        tuple(data.find_person(p.name) for p in data.people()),
        tuple(data.relations_status(year) for year in range(1970, 2030)),
        data.verify(),  # reads every source text again: the copy knows its folder
    )


@pytest.mark.parametrize(
    "duplicate",
    [copy.copy, copy.deepcopy, lambda data: pickle.loads(pickle.dumps(data))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_a_dataset_survives_pickle_copy_and_deepcopy_with_equal_query_results(
    duplicate: Callable[[Dataset], Dataset],
) -> None:
    data = cir.dataset()
    twin = duplicate(data)
    assert isinstance(twin, Dataset)
    assert twin.verify().ok
    assert answers(twin) == answers(data)


def test_a_dataset_rejects_an_id_used_twice() -> None:
    event_record = cir.events()[0]
    with pytest.raises(ValueError, match=re.escape(repr(event_record.id))):
        Dataset(events=[event_record, event_record])


# --- get --------------------------------------------------------------------------------------------------------


def test_get_returns_every_record_by_its_id() -> None:
    records = list(cir.dataset())
    assert len(records) == len(cir.dataset())
    assert len({r.id for r in records}) == len(records)
    for record in records:
        assert cir.get(record.id) is record
        assert record.id in cir.dataset()


def test_every_reference_in_the_data_resolves_with_get() -> None:
    for event in all_of(Event):
        for ref in (*event.participants, *filter(None, [event.location])):
            cir.get(ref)
    for agreement in all_of(Agreement):
        for ref in (*agreement.parties, *filter(None, [agreement.place, agreement.signing_event])):
            cir.get(ref)
    for statement in all_of(Statement):
        for ref in statement.speakers:
            cir.get(ref)


@pytest.mark.parametrize("record_id", [None, 5, b"person:fidel-castro", ("person:fidel-castro",)])
def test_get_rejects_a_non_string(record_id: object) -> None:
    with pytest.raises(TypeError, match="record_id"):
        cir.get(record_id)  # type: ignore[arg-type]


@pytest.mark.parametrize("record_id", ["", "person:nobody", "Fidel Castro", "PERSON:FIDEL-CASTRO"])
def test_get_raises_key_error_for_an_unknown_id(record_id: str) -> None:
    with pytest.raises(KeyError, match="record_id") as caught:
        cir.get(record_id)
    assert repr(record_id) in str(caught.value)


# --- relations_status -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (1900, RelationsStatus.NONE),
        ("1974", RelationsStatus.NONE),
        ("1974-12-31", RelationsStatus.NONE),
        (PartialDate("../1974"), RelationsStatus.NONE),
        ("1975-01-01", RelationsStatus.UNCERTAIN),
        (1975, RelationsStatus.UNCERTAIN),
        ("1975-06", RelationsStatus.UNCERTAIN),
        (1976, RelationsStatus.UNCERTAIN),
        ("1976-12-31", RelationsStatus.UNCERTAIN),
        (1979, RelationsStatus.UNCERTAIN),
        ("1979-01-01", RelationsStatus.UNCERTAIN),
        ("1979-12-31", RelationsStatus.UNCERTAIN),
        (1977, RelationsStatus.INTERRUPTED),
        ("1977-01-01", RelationsStatus.INTERRUPTED),
        (date(1978, 12, 31), RelationsStatus.INTERRUPTED),
        (PartialDate("1977/1978"), RelationsStatus.INTERRUPTED),
        ("1980-01-01", RelationsStatus.ACTIVE),
        (2006, RelationsStatus.ACTIVE),
        ("2025-04-01", RelationsStatus.ACTIVE),
        (datetime(2025, 4, 1, 9, 30), RelationsStatus.ACTIVE),
        (9999, RelationsStatus.ACTIVE),
        (PartialDate("1980/.."), RelationsStatus.ACTIVE),
        (PartialDate("1974/1977"), RelationsStatus.UNCERTAIN),
        (PartialDate("1977/1980"), RelationsStatus.UNCERTAIN),
        (PartialDate("1970/1974"), RelationsStatus.NONE),
        (PartialDate("1979/.."), RelationsStatus.UNCERTAIN),
    ],
)
def test_relations_status_follows_the_recorded_history(on: DateLike, status: RelationsStatus) -> None:
    assert cir.relations_status(on) is status


def test_relations_history_is_the_three_periods_the_source_gives() -> None:
    history = cir.relations_history()
    assert [(p.status, p.start.edtf, p.end.edtf if p.end else None) for p in history] == [
        (RelationsStatus.ACTIVE, "1975", "1976"),
        (RelationsStatus.INTERRUPTED, "1976", "1979"),
        (RelationsStatus.ACTIVE, "1979", None),
    ]


def test_relations_status_rejects_bad_dates() -> None:
    with pytest.raises(ValueError, match="on"):
        cir.relations_status("1977-13")
    with pytest.raises(TypeError, match="on"):
        cir.relations_status(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on"):
        cir.relations_status(True)


def test_a_dataset_without_relations_history_reports_none() -> None:
    assert Dataset().relations_status(2000) is RelationsStatus.NONE


# --- verify -----------------------------------------------------------------------------------------------------


def test_verify_checks_every_source_and_every_citation() -> None:
    report = cir.verify()
    assert report.ok
    assert bool(report)
    assert report.problems == ()
    citations = sum(len(getattr(record, "citations", ())) for record in cir.dataset())
    assert citations > len(cir.dataset()) - len(cir.sources())
    assert report.checked == len(cir.sources()) + citations


def test_every_quote_is_in_its_source_text_at_its_offsets() -> None:
    texts = {source.id: source.text for source in cir.sources()}
    for record in cir.dataset():
        for citation in getattr(record, "citations", ()):
            assert texts[citation.source_id][citation.start : citation.end] == citation.quote


# --- bad input changes nothing ----------------------------------------------------------------------------------


def snapshot() -> tuple[object, ...]:
    return (
        tuple(cir.dataset()),
        cir.events_between("1975", "2025"),
        cir.agreements_by_field("banking"),
        cir.events(kind="signing"),
        cir.statements(speaker="person:bruno-rodriguez"),
        cir.people(),
        cir.relations_status(1977),
        cir.find_person("Castro"),
        cir.verify(),
    )


BAD_CALLS: list[Callable[[], object]] = [
    lambda: cir.events_between("2008", "2006"),
    lambda: cir.events_between("2006", "2008", mode="sideways"),  # type: ignore[arg-type]
    lambda: cir.events_between("2006-13", "2008"),
    lambda: cir.agreements_by_field("astronomy"),
    lambda: cir.agreements_by_field(None),  # type: ignore[arg-type]
    lambda: cir.events(actor="person:nobody"),
    lambda: cir.events(kind="picnic"),
    lambda: cir.statements(speaker="person:nobody"),
    lambda: cir.facts(topic="weather"),
    lambda: cir.find_person(""),
    lambda: cir.find_person(5),  # type: ignore[arg-type]
    lambda: cir.get("event:none"),
    lambda: cir.get(None),  # type: ignore[arg-type]
    lambda: cir.relations_status("1977-13"),
]


def test_bad_input_raises_and_changes_nothing() -> None:
    before = snapshot()
    for call in BAD_CALLS:
        with pytest.raises((TypeError, ValueError, LookupError)):
            call()
    assert snapshot() == before
