"""JSON Schema (draft 2020-12) for the data files, generated from the record models.

Written here rather than taken from a library: the schema must say exactly what the package's own strict
cattrs converter accepts (``_convert``: no extra keys, no coercion, Decimals as strings, dates as EDTF strings or
``{"edtf", "phrase"}`` objects), and no maintained attrs-to-JSON-Schema library knows those hooks. Walking
``attrs.fields`` and their type hints is short and keeps the two in step; a test fails when the shipped files
under ``data/schemas/`` differ from what this module generates.

Regenerate the shipped files with ``python -m cuba_iran_relations._schema``.
"""

from __future__ import annotations

import enum
import json
import re
import sys
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ._attributes import data_attributes
from ._convert import DECIMAL_PATTERN
from ._dates import PartialDate
from ._models import KINDS, kind_named

__all__ = ["SCHEMA_DIALECT", "json_schema", "schema_file_name", "schema_text", "write_schemas"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_BASE = "https://cuba-iran-relations.readthedocs.io/schemas/"


def _regex_of(validator: object) -> str | None:
    """The pattern of an attrs ``matches_re`` validator (possibly inside ``optional``/``and_``), anchored."""
    pattern = getattr(validator, "pattern", None)
    if isinstance(pattern, re.Pattern):
        return f"^(?:{pattern.pattern})$"
    inner = getattr(validator, "validator", None)  # optional(...)
    if inner is not None:
        return _regex_of(inner)
    for part in getattr(validator, "_validators", ()):  # and_(...)
        found = _regex_of(part)
        if found is not None:
            return found
    return None


def _options_of(validator: object) -> tuple[Any, ...] | None:
    """The allowed values of an attrs ``in_`` validator, if that is what ``validator`` is."""
    options = getattr(validator, "options", None)
    if isinstance(options, (tuple, list, frozenset, set)):
        return tuple(options)
    for part in getattr(validator, "_validators", ()):
        found = _options_of(part)
        if found is not None:
            return found
    return None


class _Builder:
    """Collects a ``$defs`` entry for each attrs class reached from a record type."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def for_type(self, hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [self.for_type(a) for a in args if a is not type(None)]
            schema = options[0] if len(options) == 1 else {"anyOf": options}
            return {"anyOf": [schema, {"type": "null"}]} if type(None) in args else schema
        if origin is tuple:
            return {"type": "array", "items": self.for_type(args[0])}
        if origin is frozenset:
            return {"type": "array", "items": self.for_type(args[0]), "uniqueItems": True}
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is Decimal:
            return {"type": "string", "pattern": f"^(?:{DECIMAL_PATTERN})$"}
        if hint is PartialDate:
            return {"$ref": "#/$defs/PartialDate"}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [m.value for m in hint]}
        if isinstance(hint, type) and attrs.has(hint):
            self.add(hint)
            return {"$ref": f"#/$defs/{hint.__name__}"}
        raise TypeError(f"no JSON Schema for type {hint!r}")  # pragma: no cover - every model type is above

    def add(self, cls: type) -> None:
        """Add ``cls`` (an attrs class) to ``$defs``: its fields, strictly (no other keys)."""
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # reserve the name first: classes may refer to each other
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for attribute in data_attributes(cls):
            schema = self.for_type(hints[attribute.name])
            schema = _narrow(schema, attribute.validator)
            properties[attribute.name] = schema
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        self.defs[cls.__name__] = {
            "type": "object",
            "description": " ".join(doc.split()),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def _narrow(schema: dict[str, Any], validator: object) -> dict[str, Any]:
    """Add what a field's attrs validator says and the type does not: a regular expression, a set of values."""
    pattern, options = _regex_of(validator), _options_of(validator)
    if pattern is None and options is None:
        return schema
    target = schema["anyOf"][0] if "anyOf" in schema and schema["anyOf"][-1] == {"type": "null"} else schema
    target = dict(target)
    if pattern is not None and target.get("type") == "string":
        target["pattern"] = pattern
    if options is not None:
        target["enum"] = [o.value if isinstance(o, enum.Enum) else o for o in options]
    if "anyOf" in schema and schema["anyOf"][-1] == {"type": "null"}:
        return {"anyOf": [target, {"type": "null"}]}
    return target


_PARTIAL_DATE = {
    "description": (
        "A date in EDTF (levels 0-1), such as '2006', '2006-01', '2025-04-01', '2023~' or '1975/1976', or an "
        "object with that string as 'edtf' and the source's relative wording as 'phrase'."
    ),
    "anyOf": [
        {"type": "string", "minLength": 4},
        {
            "type": "object",
            "properties": {"edtf": {"type": "string", "minLength": 4}, "phrase": {"type": ["string", "null"]}},
            "required": ["edtf"],
            "additionalProperties": False,
        },
    ],
}


def schema_file_name(file_name: str) -> str:
    """The shipped schema's file name for a data file: ``events.json`` -> ``events.schema.json``."""
    return file_name.removesuffix(".json") + ".schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file: an array of records of ``kind`` (``"events"``...).

    Raises ``TypeError``/``ValueError`` for a bad ``kind``, as :func:`to_records` does.
    """
    found = kind_named(kind)
    record_type, file_name = found.cls, found.file
    builder = _Builder()
    builder.add(record_type)
    defs = dict(sorted(builder.defs.items()))
    defs["PartialDate"] = _PARTIAL_DATE
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": _ID_BASE + schema_file_name(file_name),
        "title": f"{file_name}: {record_type.__name__} records of the Cuba–Iran relations dataset",
        "type": "array",
        "items": {"$ref": f"#/$defs/{record_type.__name__}"},
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(kind: str) -> str:
    """A schema exactly as the shipped file holds it."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> None:
    """Write every data file's schema into ``folder``, as the package ships them."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (folder / schema_file_name(kind.file)).write_text(schema_text(kind.name), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "schemas")
