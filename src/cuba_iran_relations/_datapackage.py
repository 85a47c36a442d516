"""A Frictionless Data Package descriptor (``datapackage.json``) for the CSV export.

It names each CSV file as a tabular resource with a Table Schema: every column of ``_columns`` with its type
(string, date, integer, number, boolean), the allowed values of vocabulary columns, ``id`` as the primary key,
and a foreign key for each column naming one record of one kind. It states the data's license for the package
and for each file, and beside it, for a file whose records quote a source that is not openly licensed (the EFE
report), that source's own terms.
Multi-valued columns are JSON arrays of strings (see ``_formats``).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._columns import Column, columns
from ._dates import Precision
from ._models import KINDS, Record, Source

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["datapackage", "datapackage_text"]

_DATA_LICENSE = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution Share-Alike 4.0",
}


def _field(column: Column) -> dict[str, Any]:
    """The Table Schema field of one column."""
    kind = column.type
    field: dict[str, Any] = {"name": column.name}
    if kind is date:
        field["type"] = "date"
    elif kind is int:
        field["type"] = "integer"
    elif kind is Decimal:
        field |= {"type": "number", "description": "an exact decimal, written in full"}
    elif kind is float:
        field["type"] = "number"
    elif kind is bool:
        field["type"] = "boolean"
    elif kind is tuple:
        field |= {"type": "array", "description": "a JSON array of strings"}
    elif kind is Precision:
        field |= {"type": "string", "constraints": {"enum": [str(p) for p in Precision]}}
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        field |= {"type": "string", "constraints": {"enum": [m.value for m in kind]}}
    else:
        field["type"] = "string"
    if not column.nullable:
        field.setdefault("constraints", {})["required"] = True
    return field


def _foreign_keys(record_type: type) -> list[dict[str, Any]]:
    """The Table Schema foreign keys of a table: each column holding one id of records of one kind (a Table
    Schema key names one resource; a column that may name several kinds, or holds a list, has none)."""
    resource_of = {kind.prefix: kind.name for kind in KINDS}
    return [
        {"fields": column.name, "reference": {"resource": resource_of[column.refers_to[0]], "fields": "id"}}
        for column in columns(record_type)
        if column.type is not tuple and column.refers_to is not None and len(column.refers_to) == 1
    ]


def _licenses(records: Sequence[Record], sources: dict[str, Source]) -> list[dict[str, str]]:
    """A resource's licenses: the data's, and beside it the terms of each source not openly licensed whose
    words its records quote (their ``citation_quotes``), which the data's license does not cover."""
    cited = {c.source_id for record in records for c in getattr(record, "citations", ())}
    quoted = [sources[i] for i in sorted(cited) if i in sources and not sources[i].open_license]
    return [_DATA_LICENSE] + [
        {
            "name": f"LicenseRef-{source.id.partition(':')[2]}",
            "title": f"{source.license}: the quotations of {source.title} in citation_quotes (where "
            f"citation_sources names {source.id}) are not under {_DATA_LICENSE['name']}",
        }
        for source in quoted
    ]


def datapackage(data: Dataset) -> dict[str, Any]:
    """The descriptor of ``data``'s CSV export: one ``<kind>.csv`` per record kind, the sources, and the
    licenses of the package and of each file."""
    sources = {source.id: source for source in data.sources()}
    resources = [
        {
            "name": kind.name,
            "path": f"{kind.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "licenses": _licenses(data.of_kind(kind.name), sources),
            "schema": {
                "fields": [_field(column) for column in columns(kind.cls)],
                "primaryKey": ["id"],
                "foreignKeys": _foreign_keys(kind.cls),
                "missingValues": [""],
            },
        }
        for kind in KINDS
    ]
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "cuba-iran-relations",
        "title": "Cuba–Iran relations",
        "description": "Source-verified records of Cuba–Iran relations, exported by the cuba-iran-relations package.",
        "licenses": [_DATA_LICENSE],
        "sources": [
            {"title": f"{source.title} ({source.license}; {source.attribution})"}
            | ({"path": source.url} if source.url else {})
            for source in sources.values()
        ],
        "resources": resources,
    }
    if data.data_version is not None:
        descriptor["version"] = data.data_version
    return descriptor


def datapackage_text(data: Dataset) -> str:
    """The descriptor as the JSON text written to ``datapackage.json``."""
    return json.dumps(datapackage(data), ensure_ascii=False, indent=2) + "\n"
