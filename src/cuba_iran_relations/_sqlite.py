"""A dataset as one SQLite database: a table per record kind, link tables for lists, foreign keys, views with
names beside ids, and full-text search (FTS5) over every record's words.

Written with the standard library's ``sqlite3``: the schema is a handful of statements generated from the column
plan (``_columns``), and a library such as sqlite-utils would make it a dependency for that. The layout:

- ``records``: every record's ``id``, ``kind``, ``label`` (its name, title or summary: what the reader site calls it) and ``words`` (its own
  text and its quotes); every reference anywhere is a foreign key to ``records(id)``, which a reference that
  may point to several kinds (a participant: a person, a country or an organization) needs.
- a table per kind (``events``...), its columns those of ``to_pandas`` that hold one value each (a date's EDTF,
  bounds as ``YYYY-MM-DD``, precision and phrase; an amount as exact text), ``id`` its primary key.
- a table per list attribute (``events_participants``, ``agreements_fields``, ``people_roles``...): the record's
  id, the position in the list, and the value (``record_id`` for a list of references); ``citations`` holds every
  record's citations.
- a view ``<table>_named`` beside each table that refers to records, with the label of each id it names.
- ``records_fts``, an FTS5 index of ``records`` (``label`` and ``words``; accents ignored), which datasette uses
  for ``?_search=``.
"""

from __future__ import annotations

import enum
import sqlite3
import typing
from contextlib import closing
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._attributes import REFERS_TO, data_attributes
from ._columns import Column, columns
from ._models import KINDS, Citation, Kind, kind_of
from ._search import own_texts
from ._words import name_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ._dataset import Dataset

__all__ = ["write_sqlite"]


def _sql_value(value: object) -> object:
    """A column value as SQLite stores it: dates as ISO text, amounts as exact text, vocabularies as values."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _sql_type(column: Column) -> str:
    if column.type is int or column.type is bool:
        return "INTEGER"
    if column.type is float:
        return "REAL"
    return "TEXT"


def _declare(column: Column) -> str:
    """A column's declaration: its type, NOT NULL if it is never missing, a foreign key if it refers to records."""
    parts = [f'"{column.name}"', _sql_type(column)]
    if not column.nullable:
        parts.append("NOT NULL")
    if column.refers_to is not None:
        parts.append("REFERENCES records(id)")
    return " ".join(parts)


def _scalar_columns(record_type: type) -> list[Column]:
    """The columns of ``record_type`` holding one value each (lists get tables of their own)."""
    return [c for c in columns(record_type) if c.type is not tuple]


class _Writer:
    """Creates the tables as it meets them, and fills them."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self.named: list[tuple[str, list[str]]] = []  # tables with columns of ids, for the views

    def create(self, table: str, declarations: list[str], references: list[str]) -> None:
        """A table of these column declarations and constraints; ``references``: its columns of ids."""
        self.db.execute(f'CREATE TABLE "{table}" ({", ".join(declarations)})')
        if references:
            self.named.append((table, references))

    def insert(self, table: str, rows: list[tuple[object, ...]]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)

    def views(self) -> None:
        """``<table>_named``: the table's columns, each column of ids followed by the label of the record it names."""
        for table, references in self.named:
            labels = ", ".join(f'(SELECT label FROM records WHERE id = t."{c}") AS "{c}_label"' for c in references)
            self.db.execute(f'CREATE VIEW "{table}_named" AS SELECT t.*, {labels} FROM "{table}" AS t')


def _list_attributes(record_type: type) -> Iterator[tuple[attrs.Attribute[Any], Any]]:
    """Each list attribute of ``record_type`` but its citations, with the type of its elements."""
    hints = typing.get_type_hints(record_type)
    for attribute in data_attributes(record_type):
        origin = typing.get_origin(hints[attribute.name])
        if origin in (tuple, frozenset) and attribute.name != "citations":
            yield attribute, typing.get_args(hints[attribute.name])[0]


def write_sqlite(data: Dataset, path: Path) -> list[tuple[str, int]]:
    """Write ``data`` as a SQLite database at ``path`` (replacing the file); return each table with its rows."""
    path.unlink(missing_ok=True)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        writer = _Writer(connection)
        with connection:
            _write(writer, data)
            writer.views()
            # content="records" (double quotes) is how datasette finds the index of a table, for ?_search=.
            connection.execute(
                'CREATE VIRTUAL TABLE records_fts USING fts5(label, words, content="records", '
                "tokenize='unicode61 remove_diacritics 2')"
            )
            connection.execute("INSERT INTO records_fts(rowid, label, words) SELECT rowid, label, words FROM records")
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [
            (name, connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in tables
            if not name.startswith("records_fts")
        ]


def _write(writer: _Writer, data: Dataset) -> None:
    writer.create(
        "records", ["id TEXT PRIMARY KEY", "kind TEXT NOT NULL", "label TEXT NOT NULL", "words TEXT NOT NULL"], []
    )
    writer.insert(
        "records",
        [
            (
                record.id,
                kind_of(type(record)).name,
                name_of(record),
                "\n".join([*own_texts(record), *(c.quote for c in getattr(record, "citations", ()))]),
            )
            for record in data
        ],
    )
    writer.create(
        "citations",
        [
            "record_id TEXT NOT NULL REFERENCES records(id)",
            "position INTEGER NOT NULL",
            *(_declare(c) for c in columns(Citation)),
            "PRIMARY KEY (record_id, position)",
        ],
        ["record_id", "source_id"],
    )
    for kind in KINDS:
        records = data.of_kind(kind.name)
        table = _scalar_columns(kind.cls)
        writer.create(
            kind.name,
            [
                *(_declare(c) + (" PRIMARY KEY" if c.name == "id" else "") for c in table),
                "FOREIGN KEY (id) REFERENCES records(id)",
            ],
            [c.name for c in table if c.refers_to is not None],
        )
        writer.insert(kind.name, [tuple(_sql_value(c.value(r)) for c in table) for r in records])
        writer.insert(
            "citations",
            [
                (r.id, position, *(_sql_value(c.value(citation)) for c in columns(Citation)))
                for r in records
                for position, citation in enumerate(getattr(r, "citations", ()))
            ],
        )
        for attribute, element in _list_attributes(kind.cls):
            _write_list(writer, kind, attribute, element, records)


def _write_list(writer: _Writer, kind: Kind, attribute: attrs.Attribute[Any], element: Any, records: Any) -> None:
    """A list attribute's table (``events_participants``): the id of the record holding the list (``event_id``),
    the position in it, and the value (``record_id`` for a list of references; a nested part's columns)."""
    table, key = f"{kind.name}_{attribute.name}", f"{kind.prefix}_id"
    head = [f'{key} TEXT NOT NULL REFERENCES "{kind.name}"(id)', "position INTEGER NOT NULL"]
    tail = [f"PRIMARY KEY ({key}, position)"]
    values = [(r.id, p, value) for r in records for p, value in enumerate(_in_order(getattr(r, attribute.name)))]
    if attrs.has(element):  # a list of nested parts (a person's roles): a column for each of their attributes
        nested = columns(element)
        writer.create(
            table, [*head, *(_declare(c) for c in nested), *tail], [c.name for c in nested if c.refers_to is not None]
        )
        writer.insert(table, [(i, p, *(_sql_value(c.value(v)) for c in nested)) for i, p, v in values])
        return
    refers = REFERS_TO in attribute.metadata
    value_column = "record_id TEXT NOT NULL REFERENCES records(id)" if refers else "value TEXT NOT NULL"
    writer.create(table, [*head, value_column, *tail], ["record_id"] if refers else [])
    writer.insert(table, [(i, p, _sql_value(v)) for i, p, v in values])


def _in_order(values: Any) -> list[Any]:
    """A list attribute's values in a stable order: a tuple as it is, a set sorted by value."""
    if isinstance(values, frozenset):
        return sorted(values, key=lambda v: str(_sql_value(v)))
    return list(values)
