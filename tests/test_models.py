"""The records: JSON round-trip, deep immutability, hashability, and the validators that keep bad records out."""

from __future__ import annotations

import enum
import json
import re
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import pycountry
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import (
    Agreement,
    AgreementKind,
    Citation,
    Country,
    Event,
    EventKind,
    Field,
    Money,
    PartialDate,
    Person,
    Role,
)
from cuba_iran_relations._convert import structure, unstructure
from cuba_iran_relations._load import RECORD_FILES
from immutability import mutable_parts

RECORDS: list[Any] = list(cir.dataset())
RECORD_IDS = [record.id for record in RECORDS]


def cite(quote: str = "x") -> Citation:
    return Citation(source_id="source:test", quote=quote, start=0, end=len(quote))


def event(**changes: Any) -> Event:
    fields: dict[str, Any] = {
        "id": "event:2006-test",
        "date": PartialDate("2006"),
        "kind": EventKind.MEETING,
        "participants": ("country:cu",),
        "summary": "A test event.",
        "citations": (cite(),),
    }
    return Event(**(fields | changes))


def money(**changes: Any) -> Money:
    fields: dict[str, Any] = {"amount": Decimal(5000000), "currency": "USD"}
    return Money(**(fields | changes))


def country(**changes: Any) -> Country:
    fields: dict[str, Any] = {
        "id": "country:cu",
        "name": "Cuba",
        "alpha2": "CU",
        "alpha3": "CUB",
        "numeric": "192",
        "citations": (cite(),),
    }
    return Country(**(fields | changes))


# --- JSON round trip --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("record", RECORDS, ids=RECORD_IDS)
def test_every_record_survives_a_json_round_trip(record: Any) -> None:
    data = unstructure(record)
    assert structure(data, type(record)) == record
    assert structure(json.loads(json.dumps(data)), type(record)) == record


def test_the_data_files_are_exactly_what_the_converter_writes() -> None:
    folder = files("cuba_iran_relations.data")
    for name, cls, _ in RECORD_FILES:
        raw = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        assert [unstructure(structure(item, cls)) for item in raw] == raw, name


def test_a_phrase_is_written_beside_its_date_and_read_back() -> None:
    with_phrase = [r for r in RECORDS if isinstance(getattr(r, "signed", None), PartialDate) and r.signed.phrase]
    assert with_phrase
    for record in with_phrase:
        assert unstructure(record)["signed"] == {"edtf": record.signed.edtf, "phrase": record.signed.phrase}


def test_money_is_written_as_a_decimal_string_and_read_back_exactly() -> None:
    for amount in ("5000000", "0.1", "200000000.50", "1E+3", "1E-7"):
        value = money(amount=Decimal(amount))
        data = unstructure(value)
        assert isinstance(data["amount"], str)
        assert structure(json.loads(json.dumps(data)), Money) == value


def test_a_constructed_record_with_every_optional_part_round_trips() -> None:
    record = event(
        date=PartialDate("2025-06/..", phrase="after the strikes"),
        location="place:havana",
        cameo="0571",
        money=money(amount=Decimal("12.5"), currency="EUR"),
        stated_count=3,
        citations=(cite("a"), cite("bb")),
    )
    assert structure(json.loads(json.dumps(unstructure(record))), Event) == record


# --- deep immutability and hashing ------------------------------------------------------------------------------


@pytest.mark.parametrize("record", RECORDS, ids=RECORD_IDS)
def test_no_list_dict_or_set_is_reachable_from_a_record(record: Any) -> None:
    assert list(mutable_parts(record)) == []


@pytest.mark.parametrize("record", RECORDS, ids=RECORD_IDS)
def test_every_record_is_hashable_and_equal_to_its_copy(record: Any) -> None:
    assert hash(record) == hash(attrs.evolve(record))
    assert attrs.evolve(record) == record
    assert len({record, attrs.evolve(record)}) == 1


@pytest.mark.parametrize("record", RECORDS, ids=RECORD_IDS)
def test_setting_or_deleting_an_attribute_of_a_record_raises(record: Any) -> None:
    for field in attrs.fields(type(record)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field.name, getattr(record, field.name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(record, field.name)
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        record.not_a_field = 1


def test_nested_values_are_frozen_too() -> None:
    nested: list[Any] = [cite(), money(), PartialDate("2006"), Role(title="President")]
    for value in nested:
        name = attrs.fields(type(value))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, name, getattr(value, name))
        assert list(mutable_parts(value)) == []


def query_results() -> list[tuple[str, object]]:
    data = cir.dataset()
    return [
        ("events_between", cir.events_between("1975", "2025")),
        ("events_between within", cir.events_between("2006", "2008", mode="within")),
        ("agreements_by_field", cir.agreements_by_field("telecommunications")),
        ("events", cir.events()),
        ("events kind actor", cir.events(kind="signing", actor="country:cu")),
        ("agreements", cir.agreements()),
        ("statements", cir.statements()),
        ("statements speaker", cir.statements(speaker="person:miguel-diaz-canel")),
        ("figures", cir.figures()),
        ("facts", cir.facts()),
        ("facts topic", cir.facts(topic="nuclear")),
        ("people", cir.people()),
        ("missions", cir.missions()),
        ("sources", cir.sources()),
        ("relations_history", cir.relations_history()),
        ("find_person", cir.find_person("Raisi")),
        ("get", cir.get("agreement:2023-raisi-visit-agreements")),
        ("relations_status", cir.relations_status(1977)),
        ("verify", cir.verify()),
        ("countries", data.countries()),
        ("organizations", data.organizations()),
        ("places", data.places()),
    ]


def test_no_list_dict_or_set_is_reachable_from_any_query_result() -> None:
    for name, result in query_results():
        assert list(mutable_parts(result)) == [], name


def test_query_results_cannot_be_changed_in_place() -> None:
    result = cir.events()
    assert isinstance(result, tuple)
    with pytest.raises(TypeError):
        result[0] = result[1]  # type: ignore[index]
    with pytest.raises(AttributeError):
        result.extra = 1  # type: ignore[attr-defined]
    report = cir.verify()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.ok = False  # type: ignore[misc]


def test_the_dataset_cannot_be_changed_once_built() -> None:
    data = cir.dataset()
    version = data.data_version
    with pytest.raises(AttributeError, match="data_version"):
        data.data_version = "changed"
    with pytest.raises(AttributeError, match="_events"):
        data._events = ()
    with pytest.raises(AttributeError, match="data_version"):
        del data.data_version
    with pytest.raises(AttributeError):
        data.extra = 1
    assert data.data_version == version
    assert len(data.events()) > 0


def test_every_record_type_is_frozen_and_slotted() -> None:
    for _, cls, _ in RECORD_FILES:
        assert "__slots__" in vars(cls), cls
        assert attrs.has(cls)
    assert "__weakref__" not in {f.name for f in attrs.fields(Event)}


# --- validators -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["person:x", "event:", "event", "Event:x", "event:Bad-Slug", "event:a b", "event:-x"]
)
def test_an_id_with_the_wrong_prefix_or_slug_is_rejected(bad_id: str) -> None:
    with pytest.raises(ValueError, match="id") as caught:
        event(id=bad_id)
    assert repr(bad_id) in str(caught.value)


def test_a_citation_end_must_be_start_plus_the_quote_length() -> None:
    assert Citation(source_id="source:a", quote="abc", start=10, end=13).end == 13
    for end in (12, 14, 3):
        with pytest.raises(ValueError, match="end") as caught:
            Citation(source_id="source:a", quote="abc", start=10, end=end)
        assert "13" in str(caught.value)
    with pytest.raises(ValueError, match="start"):
        Citation(source_id="source:a", quote="abc", start=-1, end=2)
    with pytest.raises(ValueError, match="quote"):
        Citation(source_id="source:a", quote="", start=0, end=0)
    with pytest.raises(ValueError, match="source_id"):
        Citation(source_id="event:a", quote="abc", start=0, end=3)


@pytest.mark.parametrize("amount", ["-1", "-0.01", "NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_negative_or_non_finite_amount_is_rejected(amount: str) -> None:
    with pytest.raises(ValueError, match="amount"):
        money(amount=Decimal(amount))


@pytest.mark.parametrize("amount", [5, 5.0, "5"])
def test_an_amount_that_is_not_a_decimal_is_rejected(amount: object) -> None:
    with pytest.raises(TypeError, match="amount"):
        money(amount=amount)


@pytest.mark.parametrize("currency", ["usd", "US", "EURO", "E U", "", "\u20ac\u20ac\u20ac"])
def test_a_currency_that_is_not_an_iso_4217_shaped_code_is_rejected(currency: str) -> None:
    with pytest.raises(ValueError, match="currency"):
        money(currency=currency)


@pytest.mark.parametrize("cameo", ["57", "12345", "05a", "abc", "", " 057", "\u0660\u0665\u0667"])
def test_a_malformed_cameo_code_is_rejected(cameo: str) -> None:
    with pytest.raises(ValueError, match="cameo"):
        event(cameo=cameo)


def test_a_cameo_code_must_be_a_string() -> None:
    with pytest.raises(TypeError):
        event(cameo=57)


@pytest.mark.parametrize(
    "changes",
    [
        {"alpha2": "cu"},
        {"alpha2": "CUB"},
        {"alpha3": "CU"},
        {"numeric": "19"},
        {"numeric": "1920"},
        {"numeric": "\u0661\u0669\u0662"},
        {"id": "country:Cuba"},
    ],
)
def test_malformed_iso_3166_codes_are_rejected(changes: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=next(iter(changes))):
        country(**changes)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"citations": ()}, ValueError),
        ({"citations": [cite()]}, TypeError),
        ({"citations": ("not a citation",)}, TypeError),
        ({"participants": ["country:cu"]}, ValueError),
        ({"participants": ("Cuba",)}, ValueError),
        ({"date": "2006"}, TypeError),
        ({"kind": "meeting"}, TypeError),
        ({"summary": "  "}, ValueError),
        ({"stated_count": 0}, ValueError),
        ({"location": "Havana"}, ValueError),
        ({"money": 5}, TypeError),
    ],
)
def test_an_event_with_a_bad_value_is_rejected(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        event(**changes)


def test_agreement_fields_must_be_a_frozenset_of_field_members() -> None:
    fields: dict[str, Any] = {
        "id": "agreement:test",
        "kind": AgreementKind.AGREEMENT,
        "title": "A test agreement",
        "signed": PartialDate("2023"),
        "parties": ("country:cu", "country:ir"),
        "citations": (cite(),),
    }
    assert Agreement(**fields, fields=frozenset({Field.BANKING})).fields == {Field.BANKING}
    bad_values: list[Any] = [{Field.BANKING}, frozenset({"banking"}), (Field.BANKING,)]
    for bad in bad_values:
        with pytest.raises(TypeError):
            Agreement(**fields, fields=bad)


def test_person_collections_must_be_tuples() -> None:
    role = Role(title="President")
    fields: dict[str, Any] = {"id": "person:test", "name": "A Person", "citations": (cite(),)}
    assert Person(**fields, roles=(role,), aliases=("Another",)).roles == (role,)
    with pytest.raises(ValueError, match="aliases"):
        Person(**fields, aliases=["Another"])  # type: ignore[arg-type]
    with pytest.raises((TypeError, ValueError), match="roles"):
        Person(**fields, roles=[role])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Person(**fields, roles=("President",))  # type: ignore[arg-type]


# --- vocabularies ------------------------------------------------------------------------------------------------

VOCABULARIES = [Field, EventKind, AgreementKind, cir.FactTopic, cir.FigureKind, cir.RelationsStatus]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_no_word_of_a_vocabulary_names_two_members(vocabulary: type[enum.Enum]) -> None:
    from cuba_iran_relations._vocab import normalize_term

    aliases: dict[str, tuple[str, ...]] = vocabulary.aliases()  # type: ignore[attr-defined]
    assert set(aliases) <= {member.value for member in vocabulary}
    owner: dict[str, enum.Enum] = {}
    for member in vocabulary:
        for word in (member.value, member.name, *aliases.get(member.value, ())):
            key = normalize_term(word)
            assert owner.setdefault(key, member) is member, (word, owner[key], member)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_a_vocabulary_member_prints_as_its_value(vocabulary: type[enum.Enum]) -> None:
    for member in vocabulary:
        assert str(member) == member.value
        assert member.value == member.name.lower()


# --- what the bundled records hold --------------------------------------------------------------------------------


def test_every_event_cameo_is_none_or_a_code_string() -> None:
    codes = [e.cameo for e in cir.events()]
    assert any(code is not None for code in codes)
    for code in codes:
        assert code is None or re.fullmatch(r"[0-9]{3,4}", code), code


def test_countries_carry_their_iso_3166_1_codes() -> None:
    countries = cir.dataset().countries()
    assert {c.alpha2 for c in countries} >= {"CU", "IR"}
    for found in countries:
        standard = pycountry.countries.get(alpha_2=found.alpha2)
        assert standard is not None, found.alpha2
        assert (found.alpha3, found.numeric) == (standard.alpha_3, standard.numeric)


def test_every_currency_is_an_iso_4217_code() -> None:
    amounts = [f.money for f in cir.figures()] + [e.money for e in cir.events() if e.money is not None]
    assert amounts
    for amount in amounts:
        assert pycountry.currencies.get(alpha_3=amount.currency) is not None, amount.currency


def test_every_record_cites_at_least_one_quote() -> None:
    for record in RECORDS:
        if not isinstance(record, cir.Source):
            assert len(record.citations) >= 1, record.id
