"""Typed data out: to_arrow, the Parquet export read back by pyarrow, pandas, polars and DuckDB, and the SQLite
database checked by SQLite itself and opened by datasette."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face

KINDS = [kind.name for kind in cir.KINDS]


def _edge_events() -> cir.Dataset:
    """Events on the first and last representable days, with open ends, and with a large exact amount."""
    base = cir.get("event:2008-iran-credit-line-to-cuba")
    assert isinstance(base, cir.Event)
    money = cir.Money(amount=Decimal("99999999999999999999.000000000000000001"), currency="EUR")
    events = [
        attrs.evolve(base, id="event:first", date=cir.PartialDate("0001-01-01"), money=money),
        attrs.evolve(base, id="event:last", date=cir.PartialDate("9999-12-31"), money=None),
        attrs.evolve(base, id="event:open-end", date=cir.PartialDate("1979/..")),
        attrs.evolve(base, id="event:open-start", date=cir.PartialDate("../1976")),
    ]
    data = cir.dataset()
    return cir.Dataset(sources=data.sources(), countries=data.countries(), events=events)


# --- to_arrow ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_to_arrow_has_the_columns_of_to_pandas_and_the_same_values(kind: str) -> None:
    table = cir.to_arrow(kind)
    frame = cir.to_pandas(kind)
    assert table.column_names == list(frame.columns)
    assert table.num_rows == len(frame)
    for name in table.column_names:
        values = table.column(name).to_pylist()
        expected: list[Any] = [None if not isinstance(v, tuple) and pd.isna(v) else v for v in frame[name]]
        if pa.types.is_date32(table.schema.field(name).type):
            expected = [None if v is None else v.date() for v in expected]
        elif pa.types.is_list(table.schema.field(name).type):
            expected = [list(v) for v in expected]
        assert values == expected, name


def test_to_arrow_types_every_kind_of_column() -> None:
    schema = cir.to_arrow("events").schema
    assert schema.field("date_earliest").type == pa.date32()
    assert schema.field("date_latest").type == pa.date32()
    assert schema.field("money_amount").type == pa.decimal128(38, 18)
    assert schema.field("participants").type == pa.list_(pa.string())
    assert schema.field("kind").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("date_precision").type == pa.dictionary(pa.int8(), pa.string())
    assert schema.field("cameo").type == pa.string()
    assert schema.field("stated_count").type == pa.int64()
    assert not schema.field("id").nullable
    assert schema.field("location").nullable


def test_to_arrow_writes_an_open_end_as_null_and_a_closed_extreme_date_as_itself() -> None:
    table = _edge_events().to_arrow("events").to_pylist()
    by_id = {row["id"]: row for row in table}
    assert (by_id["event:first"]["date_earliest"], by_id["event:first"]["date_latest"]) == (date.min, date.min)
    assert (by_id["event:last"]["date_earliest"], by_id["event:last"]["date_latest"]) == (date.max, date.max)
    assert (by_id["event:open-end"]["date_earliest"], by_id["event:open-end"]["date_latest"]) == (
        date(1979, 1, 1),
        None,
    )
    assert (by_id["event:open-start"]["date_earliest"], by_id["event:open-start"]["date_latest"]) == (
        None,
        date(1976, 12, 31),
    )
    assert by_id["event:first"]["money_amount"] == Decimal("99999999999999999999.000000000000000001")


def test_to_arrow_refuses_a_bad_kind_and_a_bad_dataset_naming_them() -> None:
    with pytest.raises(ValueError, match="kind: got 'event'; expected one of sources"):
        cir.to_arrow("event")
    with pytest.raises(TypeError, match="kind: got int"):
        cir.to_arrow(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data: got str"):
        cir.to_arrow("events", "x")  # type: ignore[arg-type]


def test_to_arrow_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"cuba-iran-relations\[arrow\]"):
        cir.to_arrow("events")
    assert len(cir.to_pandas("events")) == len(cir.events())  # pandas needs no pyarrow


# --- Parquet ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parquet")
    out = io.StringIO()
    assert main(["export", str(folder), "--format", "parquet"], out, io.StringIO()) == 0
    assert out.getvalue().count("wrote") == len(KINDS)
    return folder


@pytest.mark.parametrize("kind", KINDS)
def test_parquet_files_read_back_by_pyarrow_as_to_arrow_makes_them(parquet: Path, kind: str) -> None:
    read = pq.read_table(parquet / f"{kind}.parquet")
    assert read.schema.equals(cir.to_arrow(kind).schema)
    assert read.equals(cir.to_arrow(kind))


def test_pandas_reads_the_parquet_dates_as_dates_amounts_as_decimals_and_codes_as_strings(parquet: Path) -> None:
    events = pd.read_parquet(parquet / "events.parquet")
    assert isinstance(events["kind"].dtype, pd.CategoricalDtype)
    assert all(isinstance(d, date) for d in events["date_earliest"].dropna())
    assert list(events["cameo"]) == [e.cameo for e in cir.events()]  # "054" stays "054"
    assert [list(p) for p in events["participants"]] == [list(e.participants) for e in cir.events()]
    figures = pd.read_parquet(parquet / "figures.parquet")
    assert list(figures["money_amount"]) == [f.amount for f in cir.figures()]
    assert all(isinstance(a, Decimal) for a in figures["money_amount"])


def test_polars_reads_the_parquet_with_the_same_types(parquet: Path) -> None:
    events = pl.read_parquet(parquet / "events.parquet")
    assert events.schema["date_earliest"] == pl.Date
    assert events.schema["participants"] == pl.List(pl.String)
    assert events.schema["cameo"] == pl.String
    assert events.schema["kind"] in (pl.Categorical, pl.String)
    assert events["cameo"].to_list() == [e.cameo for e in cir.events()]
    figures = pl.read_parquet(parquet / "figures.parquet")
    assert figures.schema["money_amount"] == pl.Decimal(38, 18)
    assert figures["money_amount"].to_list() == [f.amount for f in cir.figures()]


def _duckdb(query: str) -> list[tuple[Any, ...]]:
    relation = duckdb.sql(query)
    assert relation is not None
    return relation.fetchall()


def _duckdb_types(path: Path) -> dict[str, str]:
    return {row[0]: row[1] for row in _duckdb(f"DESCRIBE SELECT * FROM read_parquet('{path}')")}


def test_duckdb_reads_the_parquet_with_the_same_types(parquet: Path) -> None:
    path = parquet / "events.parquet"
    types = _duckdb_types(path)
    assert types["date_earliest"] == "DATE"
    assert types["participants"] == "VARCHAR[]"
    assert types["cameo"] == "VARCHAR"
    assert _duckdb_types(parquet / "figures.parquet")["money_amount"] == "DECIMAL(38,18)"
    found = _duckdb(
        f"SELECT id FROM read_parquet('{path}') WHERE date_earliest <= DATE '2008-12-31' "
        "AND coalesce(date_latest, DATE '9999-12-31') >= DATE '2006-01-01' ORDER BY date_earliest, date_latest, id"
    )
    assert [row[0] for row in found] == [e.id for e in cir.events_between("2006", "2008")]


# --- SQLite -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite")
    out = io.StringIO()
    assert main(["export", str(folder), "--format", "sqlite"], out, io.StringIO()) == 0
    path = folder / "cuba-iran-relations.sqlite"
    assert out.getvalue() == f"wrote {path} (27 tables, {len(cir.dataset())} records)\n"
    return path


def _rows(database: Path, query: str) -> list[tuple[Any, ...]]:
    # closing(): a connection's own `with` ends a transaction but leaves it open (a ResourceWarning on Python 3.13).
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(query).fetchall()


def test_the_database_holds_every_record_once_with_its_kind_and_label(database: Path) -> None:
    records = _rows(database, "SELECT id, kind, label FROM records ORDER BY rowid")
    assert [(r[0], r[1]) for r in records] == [(r.id, k.name) for k in cir.KINDS for r in cir.dataset().of_kind(k.name)]
    assert {r[0]: r[2] for r in records}["person:bruno-rodriguez"] == "Bruno Rodríguez"


@pytest.mark.parametrize("kind", KINDS)
def test_a_table_per_kind_holds_the_single_valued_columns_of_to_pandas(database: Path, kind: str) -> None:
    with closing(sqlite3.connect(database)) as connection:
        cursor = connection.execute(f'SELECT * FROM "{kind}"')
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    frame = cir.to_pandas(kind)
    assert names == [name for name in frame.columns if frame[name].dtype != object or name == "money_amount"]
    assert [row[0] for row in rows] == list(frame["id"])


def test_lists_are_link_tables_in_their_order(database: Path) -> None:
    for found in cir.events():
        participants = _rows(
            database, f"SELECT record_id FROM events_participants WHERE event_id = '{found.id}' ORDER BY position"
        )
        assert tuple(row[0] for row in participants) == found.participants
    citations = _rows(database, 'SELECT record_id, position, source_id, quote, start, "end" FROM citations')
    expected = [
        (r.id, p, c.source_id, c.quote, c.start, c.end)
        for r in cir.dataset()
        for p, c in enumerate(getattr(r, "citations", ()))
    ]
    assert sorted(citations) == sorted(expected)
    roles = _rows(database, "SELECT title, country FROM people_roles WHERE person_id = 'person:fidel-castro'")
    assert roles == [("President", "country:cu")]


def test_every_foreign_key_holds_and_every_reference_is_declared(database: Path) -> None:
    assert _rows(database, "PRAGMA foreign_key_check") == []
    declared = {
        (table, row[3])
        for (table,) in _rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")
        for row in _rows(database, f'PRAGMA foreign_key_list("{table}")')
    }
    assert ("events", "location") in declared
    assert ("events_participants", "record_id") in declared
    assert ("statements_targets", "record_id") in declared
    assert ("citations", "source_id") in declared
    assert ("events", "id") in declared  # every record is in records


def test_the_views_show_names_beside_ids(database: Path) -> None:
    named = _rows(
        database,
        "SELECT record_id, record_id_label FROM events_participants_named "
        "WHERE event_id = 'event:2025-04-01-havana-foreign-ministry-meeting' ORDER BY position",
    )
    assert named[0] == ("person:bruno-rodriguez", "Bruno Rodríguez")
    assert _rows(
        database, "SELECT location_label FROM events_named WHERE id = 'event:2008-iran-credit-line-to-cuba'"
    ) == [(None,)]


def test_full_text_search_ignores_accents_and_case(database: Path) -> None:
    found = _rows(
        database,
        "SELECT records.id FROM records_fts JOIN records ON records.rowid = records_fts.rowid "
        "WHERE records_fts MATCH 'rodriguez' ORDER BY records.id",
    )
    assert [row[0] for row in found] == sorted(r.id for r in cir.search("rodriguez"))


def _datasette(database: Path, path: str) -> Any:
    # Where pip puts this interpreter's scripts (on Windows Scripts\datasette.exe, which outside a virtual
    # environment is not beside python.exe), or beside the interpreter.
    folders = os.pathsep.join(dict.fromkeys([sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]))
    datasette = shutil.which("datasette", path=folders)
    if datasette is None:
        pytest.skip("datasette is not installed with this interpreter")
    done = subprocess.run(
        [datasette, str(database), "--get", path],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # not the ANSI code page of a Windows pipe
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_datasette_opens_the_database_and_reads_a_table_and_a_full_text_search(database: Path) -> None:
    name = database.stem
    events = _datasette(database, f"/{name}/events.json?_shape=array&_size=max")
    assert [row["id"] for row in events] == [e.id for e in cir.events()]
    found = _datasette(database, f"/{name}/records.json?_search=radio+marti&_shape=array")
    assert sorted(row["id"] for row in found) == sorted(r.id for r in cir.search("radio marti"))
