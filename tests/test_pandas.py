"""``to_records`` (JSON-ready dicts) and ``to_pandas`` (typed DataFrames) for every record kind."""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import pandas as pd
import pytest

import cuba_iran_relations as cir

KIND_NAMES = [kind.name for kind in cir.KINDS]


@pytest.mark.parametrize("kind", cir.KINDS, ids=KIND_NAMES)
def test_to_records_matches_the_shipped_data_file(kind: cir.Kind) -> None:
    shipped = json.loads(files("cuba_iran_relations.data").joinpath(kind.file).read_text("utf-8"))
    records = cir.to_records(kind.name)
    assert sorted(records, key=lambda r: r["id"]) == sorted(shipped, key=lambda r: r["id"])
    assert json.loads(json.dumps(records)) == records  # JSON-ready: nothing json cannot write or read back


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_to_pandas_has_one_row_per_record_in_query_order(kind: str) -> None:
    frame = cir.to_pandas(kind)
    assert list(frame["id"]) == [record.id for record in cir.dataset().of_kind(kind)]
    assert frame["id"].is_unique


def test_to_records_and_to_pandas_read_the_dataset_they_are_given() -> None:
    data = cir.Dataset(events=cir.events()[:2], sources=cir.sources(), countries=cir.dataset().countries())
    assert [r["id"] for r in cir.to_records("events", data)] == [e.id for e in cir.events()[:2]]
    assert list(cir.to_pandas("events", data)["id"]) == [e.id for e in cir.events()[:2]]
    assert cir.to_records("people", data) == []
    pd.testing.assert_frame_equal(data.to_pandas("countries"), cir.to_pandas("countries", data))


def test_event_columns_are_typed() -> None:
    frame = cir.to_pandas("events")
    assert str(frame["date_earliest"].dtype) == "datetime64[s]"
    assert str(frame["date_latest"].dtype) == "datetime64[s]"
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert set(frame["kind"].cat.categories) == {k.value for k in cir.EventKind}
    assert list(frame["date_precision"].cat.categories) == ["day", "month", "year"]
    assert frame["stated_count"].dtype == "Int64"
    assert frame["quad_class"].dtype == "Int64"
    assert frame["goldstein"].dtype == "Float64"
    for event, (_, row) in zip(cir.events(), frame.iterrows(), strict=True):
        assert row["date_earliest"].date() == event.date.earliest
        assert row["date_latest"].date() == event.date.latest
        assert row["date_edtf"] == event.date.edtf
        assert row["date_precision"] == str(event.date.precision)
        phrase: Any = row["date_phrase"]
        assert (None if pd.isna(phrase) else phrase) == event.date.phrase
        assert row["participants"] == event.participants
        assert row["citation_sources"] == tuple(c.source_id for c in event.citations)
        assert row["citation_quotes"] == tuple(c.quote for c in event.citations)
        assert (None if pd.isna(row["quad_class"]) else row["quad_class"]) == event.quad_class


def test_amounts_stay_exact_decimals() -> None:
    frame = cir.to_pandas("figures")
    for figure, (_, row) in zip(cir.figures(), frame.iterrows(), strict=True):
        assert isinstance(row["money_amount"], Decimal)
        assert row["money_amount"] == figure.amount
        assert row["money_currency"] == figure.currency
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)


def test_multi_valued_fields_explode_to_one_row_per_value() -> None:
    frame = cir.to_pandas("agreements")
    exploded = frame.explode("fields")
    banking = set(exploded.loc[exploded["fields"] == "banking", "id"])
    assert banking == {a.id for a in cir.agreements_by_field("banking")}
    people = cir.to_pandas("people").set_index("id")
    raisi = cir.get("person:ebrahim-raisi")
    assert isinstance(raisi, cir.Person)
    assert people.loc[raisi.id, "aliases"] == raisi.aliases
    assert people.loc[raisi.id, "roles"] == tuple(str(role) for role in raisi.roles)


def _events_dated(*edtf: str) -> cir.Dataset:
    """A dataset of copies of the first bundled event, one per EDTF date, with ids ``event:date-N``."""
    event = cir.events()[0]
    copies = [attrs.evolve(event, id=f"event:date-{n}", date=cir.PartialDate(text)) for n, text in enumerate(edtf)]
    data = cir.dataset()
    return cir.Dataset(events=copies, sources=data.sources(), countries=data.countries(), places=data.places())


def test_an_open_end_is_not_a_time_and_a_missing_date_is_not_a_time() -> None:
    frame = _events_dated("1979/..", "../1976").to_pandas("events").set_index("id")
    assert frame.loc["event:date-0", "date_earliest"] == pd.Timestamp(date(1979, 1, 1))
    assert frame.loc["event:date-0", "date_latest"] is pd.NaT
    assert frame.loc["event:date-1", "date_earliest"] is pd.NaT
    assert frame.loc["event:date-1", "date_latest"] == pd.Timestamp(date(1976, 12, 31))
    people = cir.to_pandas("people").set_index("id")
    assert cir.get("person:bruno-rodriguez").born is None  # type: ignore[union-attr]
    assert people.loc["person:bruno-rodriguez", "born_earliest"] is pd.NaT


def test_the_first_and_last_representable_days_are_themselves_not_open_ends() -> None:
    frame = _events_dated("0001-01-01", "9999-12-31").to_pandas("events").set_index("id")
    first, last = frame.loc["event:date-0"], frame.loc["event:date-1"]
    assert first["date_earliest"].date() == first["date_latest"].date() == date(1, 1, 1)
    assert last["date_earliest"].date() == last["date_latest"].date() == date(9999, 12, 31)


def test_an_empty_kind_gives_an_empty_frame_with_the_columns() -> None:
    frame = cir.Dataset().to_pandas("events")
    assert len(frame) == 0
    assert list(frame.columns) == list(cir.to_pandas("events").columns)
    assert str(frame["date_earliest"].dtype) == "datetime64[s]"


@pytest.mark.parametrize("function", [cir.to_pandas, cir.to_records, cir.dataset().of_kind])
def test_an_unknown_kind_is_a_value_error_naming_the_kinds(function: Any) -> None:
    with pytest.raises(ValueError, match=r"kind: got 'event'; expected one of sources, .*events"):
        function("event")
    with pytest.raises(TypeError, match="kind: got int"):
        function(3)


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"cuba-iran-relations\[pandas\]"):
        cir.to_pandas("events")
    assert cir.to_records("events")  # plain records need no pandas
