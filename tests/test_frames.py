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
from cuba_iran_relations._frames import KINDS
from cuba_iran_relations._load import RECORD_FILES

FILE_OF_KIND = {kind: name for name, _, kind in RECORD_FILES}


@pytest.mark.parametrize("kind", list(KINDS))
def test_to_records_matches_the_shipped_data_file(kind: str) -> None:
    shipped = json.loads(files("cuba_iran_relations.data").joinpath(FILE_OF_KIND[kind]).read_text("utf-8"))
    records = cir.to_records(kind)
    assert sorted(records, key=lambda r: r["id"]) == sorted(shipped, key=lambda r: r["id"])
    json.dumps(records)  # JSON-ready: nothing json cannot write


@pytest.mark.parametrize("kind", list(KINDS))
def test_to_pandas_has_one_row_per_record_in_query_order(kind: str) -> None:
    frame = cir.to_pandas(kind)
    records = cir.dataset().to_records(kind)
    assert list(frame["id"]) == [r["id"] for r in records]
    assert frame["id"].is_unique


def test_dataset_methods_match_module_functions() -> None:
    data = cir.dataset()
    assert data.to_records("events") == cir.to_records("events")
    pd.testing.assert_frame_equal(data.to_pandas("figures"), cir.to_pandas("figures"))


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
        assert row["citation_quotes"] == tuple(c.quote for c in event.citations)


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
    people = cir.to_pandas("people")
    raisi = people.set_index("id").loc["person:ebrahim-raisi"]
    assert raisi["aliases"] == cir.get("person:ebrahim-raisi").aliases  # type: ignore[union-attr]
    assert all(isinstance(role, str) for role in raisi["roles"])


def test_missing_and_open_dates_are_not_a_time() -> None:
    event = cir.events()[0]
    open_ended = attrs.evolve(event, id="event:open", date=cir.PartialDate("1979/.."))
    before = attrs.evolve(event, id="event:before", date=cir.PartialDate("../1976"))
    data = cir.Dataset(events=[open_ended, before], sources=cir.sources(), countries=cir.dataset().countries())
    frame = data.to_pandas("events").set_index("id")
    assert frame.loc["event:open", "date_earliest"] == pd.Timestamp(date(1979, 1, 1))
    assert frame.loc["event:open", "date_latest"] is pd.NaT
    assert frame.loc["event:before", "date_earliest"] is pd.NaT
    people = cir.to_pandas("people").set_index("id")
    assert people.loc["person:bruno-rodriguez", "born_earliest"] is pd.NaT


def test_an_empty_kind_gives_an_empty_frame_with_the_columns() -> None:
    frame = cir.Dataset().to_pandas("events")
    assert len(frame) == 0
    assert {"id", "date_earliest", "kind", "goldstein"} <= set(frame.columns)


@pytest.mark.parametrize("function", [cir.to_pandas, cir.to_records])
def test_an_unknown_kind_is_a_value_error_naming_the_kinds(function: object) -> None:
    with pytest.raises(ValueError, match=r"kind: got 'event'; expected one of sources, .*events"):
        function("event")  # type: ignore[operator]
    with pytest.raises(TypeError, match="kind: got int"):
        function(3)  # type: ignore[operator]


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"cuba-iran-relations\[pandas\]"):
        cir.to_pandas("events")
    assert cir.to_records("events")  # plain records need no pandas
