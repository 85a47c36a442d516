"""A Frictionless Data Package descriptor (``datapackage.json``) for the CSV export.

It names each CSV file as a tabular resource with a Table Schema: every column with its type (string, integer,
number, boolean, or array for cells holding JSON arrays), allowed values for vocabulary columns, ``id`` as the
primary key. Multi-valued columns of ids or words are strings joined with ``|`` (see ``_tabular``).
"""

from __future__ import annotations

import enum
import json
import typing
from decimal import Decimal
from typing import Any

import attrs

from ._dates import PartialDate
from ._tabular import LIST_SEPARATOR
from ._tabular import _columns as csv_columns

__all__ = ["datapackage", "datapackage_text"]

_DATA_LICENSE = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution Share-Alike 4.0",
}


def _field_types(record_type: type) -> dict[str, dict[str, Any]]:
    """Table Schema type (and constraints) of each attribute of ``record_type``, by attribute name."""
    hints = typing.get_type_hints(record_type)
    fields: dict[str, dict[str, Any]] = {}
    for attribute in attrs.fields(record_type):
        hint = hints[attribute.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = type(None) in typing.get_args(hint)
        base = args[0] if optional and len(args) == 1 else hint
        origin = typing.get_origin(base)
        if origin in (tuple, frozenset):
            element = typing.get_args(base)[0]
            if element is str or (isinstance(element, type) and issubclass(element, enum.Enum)):
                fields[attribute.name] = {
                    "type": "string",
                    "description": f"values joined with '{LIST_SEPARATOR}'",
                }
            else:
                fields[attribute.name] = {"type": "array", "description": "a JSON array"}
        elif base is bool:
            fields[attribute.name] = {"type": "boolean"}
        elif base is int:
            fields[attribute.name] = {"type": "integer"}
        elif isinstance(base, type) and issubclass(base, enum.Enum):
            fields[attribute.name] = {"type": "string", "constraints": {"enum": [m.value for m in base]}}
        elif base is PartialDate:
            fields[attribute.name] = {"type": "string", "description": "an EDTF date or interval"}
        else:
            fields[attribute.name] = {"type": "string"}
        if not optional and attribute.default is attrs.NOTHING and origin not in (tuple, frozenset):
            fields[attribute.name].setdefault("constraints", {})["required"] = True
    return fields


def _schema(record_type: type) -> dict[str, Any]:
    types = _field_types(record_type)
    fields = []
    for column in csv_columns(record_type):
        if column == "money_amount":
            spec: dict[str, Any] = {"type": "number", "description": f"an exact decimal ({Decimal.__name__})"}
        elif column == "money_currency":
            spec = {"type": "string", "description": "an ISO 4217 currency code"}
        elif column.endswith("_phrase"):
            spec = {"type": "string", "description": "the source's relative wording for the date"}
        else:
            spec = dict(types[column])
        fields.append({"name": column, **spec})
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def datapackage(csv_files: dict[str, type], data_version: str | None = None) -> dict[str, Any]:
    """The descriptor for CSV files named in ``csv_files`` (``{"events.csv": Event, ...}``)."""
    resources = [
        {
            "name": path.removesuffix(".csv"),
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": _schema(record_type),
        }
        for path, record_type in csv_files.items()
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


def datapackage_text(csv_files: dict[str, type], data_version: str | None = None) -> str:
    """The descriptor as the JSON text written to ``datapackage.json``."""
    return json.dumps(datapackage(csv_files, data_version), ensure_ascii=False, indent=2) + "\n"
