"""The loader's fast path (``_structure``) builds exactly what the cattrs converter builds, and nothing it rejects."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations
from cuba_iran_relations import (
    Agreement,
    AgreementKind,
    Citation,
    Event,
    EventKind,
    FactTopic,
    Field,
    FigureKind,
    Money,
    PartialDate,
    Person,
    Role,
    Source,
)
from cuba_iran_relations._convert import structure
from cuba_iran_relations._load import RECORD_FILES
from cuba_iran_relations._models import accepts_all
from cuba_iran_relations._structure import Unsupported, _direct_constructor, structure_all
from strategies import RECORD_STRATEGIES, citations, moneys, roles, slugs

DATA = Path(cuba_iran_relations.__file__).parent / "data"


def _records(name: str) -> list[Any]:
    data: list[Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(("name", "cls"), [(name, cls) for name, cls, _ in RECORD_FILES])
def test_fast_path_builds_the_same_records_as_the_converter(name: str, cls: type) -> None:
    data = _records(name)
    fast = structure_all(data, cls)
    assert fast == [structure(item, cls) for item in data]
    assert [repr(r) for r in fast] == [repr(structure(item, cls)) for item in data]


def _event() -> dict[str, Any]:
    events = _records("events.json")
    return copy.deepcopy(next(e for e in events if e.get("money")))


MUTATIONS = {
    "unknown key": lambda e: e.update(colour="red"),
    "missing required key": lambda e: e.pop("summary"),
    "int for a string": lambda e: e.update(summary=5),
    "bool for an int": lambda e: e.update(stated_count=True),
    "string for an array": lambda e: e.update(participants="country:cu"),
    "unknown enum value": lambda e: e.update(kind="picnic"),
    "number for a decimal": lambda e: e["money"].update(amount=5),
    "malformed decimal": lambda e: e["money"].update(amount="5."),
    "malformed date": lambda e: e.update(date="2006-13"),
    "date object with an unknown key": lambda e: e.update(date={"edtf": "2006", "when": "then"}),
    "validator failure": lambda e: e.update(id="event:Not A Slug"),
    "citation offsets that disagree": lambda e: e["citations"][0].update(end=e["citations"][0]["end"] + 1),
    "not an object": lambda e: e.clear(),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_fast_path_refuses_what_the_converter_rejects(mutation: str) -> None:
    from cuba_iran_relations._models import Event

    event = _event()
    MUTATIONS[mutation](event)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the converter's own error, whatever it is
        structure(event, Event)
    with pytest.raises(Unsupported):
        structure_all([event], Event)


def test_fast_path_refuses_repeated_fields_in_a_frozenset() -> None:
    from cuba_iran_relations._models import Agreement

    agreement = copy.deepcopy(next(a for a in _records("agreements.json") if a.get("fields")))
    agreement["fields"] = [*agreement["fields"], agreement["fields"][0]]
    with pytest.raises(Unsupported):
        structure_all([agreement], Agreement)


# --- column checks: the fast path validates a field over all records at once --------------------------------

ID_KINDS = ("source", "event", "person", "country", "org", "place", "agreement", "statement", "fact", "figure")


class _Text(str):
    """A str subclass: validators take ``isinstance(value, str)``, so they accept it."""


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.binary(max_size=3),
    st.text(max_size=4),
    st.sampled_from(["", "  ", "\t", "x", "Event:A", "event:", "event:-a", _Text("person:a"), _Text(" ")]),
    st.builds("{}:{}".format, st.sampled_from(ID_KINDS), slugs()),
)
_OBJECTS = st.sampled_from(
    [
        PartialDate("2006"),
        Citation(source_id="source:a", quote="q", start=0, end=1),
        Money(amount=Decimal(1), currency="USD"),
        *(next(iter(vocabulary)) for vocabulary in (EventKind, AgreementKind, FactTopic, Field, FigureKind)),
    ]
)
_VALUES = st.one_of(_SCALARS, _OBJECTS, st.lists(st.one_of(_SCALARS, _OBJECTS), max_size=3).map(tuple))


def _instances(value: Any) -> list[Any]:
    """Every attrs record in ``value``, nested ones included."""
    cls: Any = type(value)
    if attrs.has(cls):
        return [value, *(r for f in attrs.fields(cls) for r in _instances(getattr(value, f.name)))]
    if isinstance(value, (tuple, frozenset)):
        return [r for item in value for r in _instances(item)]
    return []


# Each validator with a column check, with the values it accepts in the bundled data (from every field it
# validates), so that lists it accepts are drawn as often as lists it refuses.
_VALID: dict[Any, list[Any]] = {}
for _record in (r for top in cuba_iran_relations.dataset() for r in _instances(top)):
    for _field in attrs.fields(type(_record)):
        if _field.validator in accepts_all:
            _VALID.setdefault(_field.validator, []).append(getattr(_record, _field.name))
_FIELD_OF = {
    field.validator: field
    for cls in (*RECORD_STRATEGIES, Citation, Money, Role)
    for field in attrs.fields(cls)
    if field.validator in accepts_all
}


def _accepted(field: attrs.Attribute[Any], value: object) -> bool:
    try:
        field.validator(None, field, value)  # type: ignore[misc]  # these validators never read the record
    except (TypeError, ValueError):
        return False
    return True


def test_every_column_check_is_tested_with_values_it_accepts() -> None:
    assert set(_VALID) == set(_FIELD_OF) == set(accepts_all)


@pytest.mark.parametrize("validator", list(_FIELD_OF), ids=lambda v: f"{_FIELD_OF[v].name}")
@given(data=st.data())
def test_a_column_check_accepts_a_list_exactly_when_its_validator_accepts_every_value(
    validator: Any, data: st.DataObject
) -> None:
    field = _FIELD_OF[validator]
    values = data.draw(st.lists(st.one_of(st.sampled_from(_VALID[validator]), _VALUES), max_size=5))
    assert accepts_all[validator](values) == all(_accepted(field, value) for value in values)


# --- records built a field at a time, as attrs' __init__ builds them -----------------------------------------


def _columns(records: list[Any]) -> dict[str, list[Any]]:
    return {field.name: [getattr(r, field.name) for r in records] for field in attrs.fields(type(records[0]))}


@pytest.mark.parametrize("cls", [Event, Citation, Agreement, Person, Role, Money], ids=lambda c: c.__name__)
@given(data=st.data())
def test_direct_construction_builds_what_init_builds(cls: type, data: st.DataObject) -> None:
    construct = _direct_constructor(cls)
    assert construct is not None
    strategy = {Citation: citations(), Role: roles, Money: moneys, **RECORD_STRATEGIES}[cls]
    records = data.draw(st.lists(strategy, min_size=1, max_size=4))
    built = construct(_columns(records), len(records))
    assert built == records
    assert [repr(r) for r in built] == [repr(r) for r in records]
    assert all(type(r) is cls for r in built)
    for record, original in zip(built, records, strict=True):
        assert all(getattr(record, f.name) is getattr(original, f.name) for f in attrs.fields(cls))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built[0].id = "event:other"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "event:Not A Slug"),
        ("summary", " "),
        ("participants", ("country:cu", "cuba")),
        ("location", "Havana"),
        ("cameo", "5"),  # a validator without a column check, called for each record
        ("stated_count", 0),
        ("citations", ()),
        ("date", "2006"),
    ],
)
def test_direct_construction_refuses_what_a_validator_refuses(field: str, value: object) -> None:
    events = list(cuba_iran_relations.dataset().events())
    columns = _columns(events)
    columns[field][-1] = value
    with pytest.raises((TypeError, ValueError)):
        Event(**{name: column[-1] for name, column in columns.items()})
    with pytest.raises((Unsupported, TypeError, ValueError)):
        _direct_constructor(Event)(columns, len(events))  # type: ignore[misc]


def test_direct_construction_skips_validators_only_when_attrs_does() -> None:
    events = list(cuba_iran_relations.dataset().events())
    columns = _columns(events)
    columns["summary"][0] = " "
    construct = _direct_constructor(Event)
    assert construct is not None
    attrs.validators.set_disabled(True)
    try:
        assert construct(columns, len(events))[0].summary == " "
    finally:
        attrs.validators.set_disabled(False)
    with pytest.raises(Unsupported):
        construct(columns, len(events))


@attrs.frozen
class _PostInit:
    x: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen
class _Converted:
    x: int = attrs.field(converter=int)


@attrs.frozen
class _Factory:
    x: list[int] = attrs.field(factory=list)


@attrs.frozen(cache_hash=True)
class _CachedHash:
    x: int


@attrs.define(slots=False)
class _NotSlotted:
    x: int


@pytest.mark.parametrize("cls", [_PostInit, _Converted, _Factory, _CachedHash, _NotSlotted, Source])
def test_a_class_whose_init_does_more_than_set_and_validate_is_built_through_init(cls: type) -> None:
    # Source: its cached ``text`` takes a slot that __init__ leaves empty.
    assert _direct_constructor(cls) is None
