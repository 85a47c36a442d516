"""A Frictionless Data Package descriptor (``datapackage.json``) for the CSV export.

It names each CSV file as a tabular resource with a Table Schema: every column of ``_columns`` with its type
(string, date, integer, number, boolean), the allowed values of vocabulary columns, ``id`` as the primary key,
and a foreign key for each column naming one record of one kind.
Multi-valued columns are JSON arrays of strings (see ``_formats``).
"""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal
from typing import Any

from ._columns import Column, columns
from ._dates import Precision
from ._models import KINDS

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


def datapackage(data_version: str | None = None) -> dict[str, Any]:
    """The descriptor of the CSV export: one ``<kind>.csv`` per record kind."""
    resources = [
        {
            "name": kind.name,
            "path": f"{kind.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
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
        "resources": resources,
    }
    if data_version is not None:
        descriptor["version"] = data_version
    return descriptor


def datapackage_text(data_version: str | None = None) -> str:
    """The descriptor as the JSON text written to ``datapackage.json``."""
    return json.dumps(datapackage(data_version), ensure_ascii=False, indent=2) + "\n"
