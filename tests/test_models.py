"""The record classes: the validators that keep bad records out, the vocabularies, and what the bundled records
hold, checked against ISO 3166 and ISO 4217 (pycountry).

Immutability and hashing are tested in ``test_immutability.py``, the JSON round trip in ``test_properties.py``.
"""

from __future__ import annotations

import enum
from decimal import Decimal
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
from cuba_iran_relations._files import MAX_FILE_BYTES


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


@pytest.mark.parametrize(
    ("amount", "allowed"),
    [
        ("9" * 20, True),  # 20 digits before the point: what decimal128(38, 18) and the exports hold
        ("1" + "0" * 20, False),
        ("0." + "0" * 17 + "1", True),  # 18 after it
        ("0." + "0" * 18 + "1", False),
        ("9" * 20 + "." + "9" * 18, True),
    ],
)
def test_an_amount_holds_at_most_20_digits_before_the_point_and_18_after(amount: str, allowed: bool) -> None:
    if allowed:
        assert Money(amount=Decimal(amount), currency="USD").amount == Decimal(amount)
    else:
        with pytest.raises(ValueError, match=r"amount: got Decimal\(.*at most 20 digits before the point and 18"):
            Money(amount=Decimal(amount), currency="USD")


@pytest.mark.parametrize(
    ("start", "allowed"), [(MAX_FILE_BYTES - 1, True), (MAX_FILE_BYTES, True), (MAX_FILE_BYTES + 1, False)]
)
def test_a_citation_cannot_start_beyond_the_largest_source_text_the_loader_reads(start: int, allowed: bool) -> None:
    def cite() -> cir.Citation:
        return cir.Citation(source_id="source:x", quote="x", start=start, end=start + 1)

    if allowed:
        assert cite().start == start
    else:
        with pytest.raises(ValueError, match=rf"start: got {start}; expected an int from 0 to {MAX_FILE_BYTES}"):
            cite()


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
        ({"participants": ("event:a-meeting",)}, ValueError),
        ({"date": "2006"}, TypeError),
        ({"kind": "meeting"}, TypeError),
        ({"summary": "  "}, ValueError),
        ({"stated_count": 0}, ValueError),
        ({"stated_count": 2**63}, ValueError),
        ({"stated_count": True}, TypeError),
        ({"stated_count": 2.0}, TypeError),
        ({"location": "Havana"}, ValueError),
        ({"location": "person:fidel-castro"}, ValueError),
        ({"money": 5}, TypeError),
    ],
)
def test_an_event_with_a_bad_value_is_rejected(changes: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error, match=next(iter(changes))):
        event(**changes)


def test_a_stated_count_may_be_as_large_as_a_64_bit_integer_column_holds() -> None:
    assert event(stated_count=2**63 - 1).stated_count == 2**63 - 1
    assert event(stated_count=1).stated_count == 1


def test_a_reference_names_the_kinds_of_record_it_may_point_to() -> None:
    with pytest.raises(ValueError, match="participants") as caught:
        event(participants=("country:cu", "event:a-meeting"))
    assert "'person:' or 'country:' or 'org:'" in str(caught.value)


# Every attribute holding a list of ids, with a bundled record that has one.
ID_LISTS = [
    (cir.Event, "participants"),
    (cir.Agreement, "parties"),
    (cir.Statement, "speakers"),
    (cir.Figure, "parties"),
    (cir.Fact, "attributed_to"),
]


@pytest.mark.parametrize(("cls", "attribute"), ID_LISTS, ids=[f"{c.__name__}.{a}" for c, a in ID_LISTS])
def test_an_id_repeated_in_a_records_id_list_is_refused_when_the_record_is_built(cls: type, attribute: str) -> None:
    # A repeated id would make the queries filtering on the list (events(actor=), statements(speaker=)) return
    # the record twice.
    record: Any = next(r for r in cir.dataset() if isinstance(r, cls) and getattr(r, attribute))
    ids = getattr(record, attribute)
    assert attrs.evolve(record, **{attribute: ids}) == record  # the list as it is builds
    with pytest.raises(ValueError, match=f"^{attribute}: got .*; expected ids without repeats$"):
        attrs.evolve(record, **{attribute: (*ids, ids[0])})


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
    with pytest.raises(ValueError, match="aliases"):
        Person(**fields, aliases=("Another", "Another"))


# --- vocabularies ------------------------------------------------------------------------------------------------

VOCABULARIES = [Field, EventKind, AgreementKind, cir.FactTopic, cir.FigureKind, cir.RelationsStatus]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_no_word_of_a_vocabulary_names_two_members(vocabulary: type[enum.Enum]) -> None:
    # normalize_term is the folding the queries match words with; no public function exposes it.
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
