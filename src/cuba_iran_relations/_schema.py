"""JSON Schema (draft 2020-12) for the files of a dataset folder, generated from the models.

Written here rather than taken from a library: the schema must say what the package's own strict cattrs
converter and the models' validators accept (no extra keys, no coercion, amounts as decimal strings, dates as
EDTF strings or ``{"edtf", "phrase"}`` objects, ids of the kinds a reference may point to), and no maintained
attrs-to-JSON-Schema library knows those. Every rule the loader applies to a single value or record is here, as
far as JSON Schema can say it; the rules between values, records and files are listed in ``CHECK_ADDS`` and on
the docs' data-model page (``check`` applies them). The tests check each schema refuses what the loader refuses,
and that the shipped files under ``data/schemas/`` are what this module generates.

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

from . import _models as models
from ._attributes import REFERS_TO, data_attributes
from ._dates import PartialDate
from ._files import MAX_FILE_BYTES
from ._models import AMOUNT_PATTERN, ID_SLUG, KINDS, MAX_COUNT, Metadata, Redirect, Uncited, kind_named

__all__ = ["CHECK_ADDS", "FILES", "SCHEMA_DIALECT", "json_schema", "schema_file_name", "schema_text", "write_schemas"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_BASE = "https://cuba-iran-relations.readthedocs.io/schemas/"

# The end of the string. Not "$": jsonschema matches with Python's re, where "$" also matches before a final
# newline, so "event:x\n" would pass.
_END = r"(?![\s\S])"

# The files of a dataset folder that are not record files: what each holds (an object, or an array of these).
FILES: dict[str, tuple[str, type]] = {
    "metadata": ("metadata.json", Metadata),
    "uncited": ("uncited.json", Uncited),
    "redirects": ("redirects.json", Redirect),
}

# What the loader (and ``check``) apply that a schema of one file cannot say.
CHECK_ADDS = (
    "every id is unique in the folder, and every reference names a record of the folder",
    (
        "a citation's quote is found at its offsets in its source's text (end = start + the quote's length), and each "
        "source text has its SHA-256"
    ),
    "a date's day exists in its month (2006-02-29 does not), and an interval's start is not after its end",
    "a person does not die before being born, and a relations period does not end before it starts",
    "an event's actors and targets are among its participants, and none is both",
    (
        "a verbal event (a statement, criticism or intent to cooperate) has the statement holding its words, which "
        "points back to it; other events have none"
    ),
    "a JSON object does not repeat a key",
    "a redirect's old id is no record's id now, and no id is redirected twice",
)


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern}){_END}"


def _id_pattern(prefixes: tuple[str, ...]) -> str:
    """An id of one of the kinds ``prefixes`` (any kind, if there are none)."""
    kinds = "|".join(prefixes) if prefixes else "[a-z]+"
    return _anchored(f"(?:{kinds}):{ID_SLUG}")


# A string that is not only spaces: "\S" is searched for, as JSON Schema's "pattern" does.
_TEXT = {"type": "string", "pattern": r"\S"}


def _references(attribute: attrs.Attribute[Any]) -> dict[str, Any]:
    return {"type": "string", "pattern": _id_pattern(attribute.metadata.get(REFERS_TO, ()))}


def _validator_schema(validator: object, attribute: attrs.Attribute[Any], owner: type) -> dict[str, Any] | None:
    """What a validator of the models accepts, in JSON Schema's terms (``None``: nothing beyond the type)."""
    if validator is models._record_id:  # the models' validators are the rules said here
        return {"type": "string", "pattern": _id_pattern((models.prefix_of(owner),))}
    if validator in (models._required_id, models._optional_id):
        return _references(attribute)
    if validator in (models._ids, models._some_ids):
        schema = {"type": "array", "items": _references(attribute), "uniqueItems": True}
        return schema | ({"minItems": 1} if validator is models._some_ids else {})
    if validator in (models._text, models._optional_text):
        return dict(_TEXT)
    if validator is models._strings:
        return {"type": "array", "items": _TEXT, "uniqueItems": True}
    if validator is models._count:
        return {"type": "integer", "minimum": 1, "maximum": MAX_COUNT}
    if validator is models._citations:
        return {"minItems": 1}
    if validator is models._format:
        return {"const": models.FORMAT}
    if validator is models.Citation._check_start:
        return {"minimum": 0, "maximum": MAX_FILE_BYTES}
    if validator is models.Citation._check_end:
        return {"minimum": 1}  # start + the length of a quote that is not empty
    pattern = getattr(validator, "pattern", None) or getattr(getattr(validator, "validator", None), "pattern", None)
    if isinstance(pattern, re.Pattern):  # attrs' matches_re, perhaps within optional()
        return {"type": "string", "pattern": _anchored(pattern.pattern)}
    options = getattr(validator, "options", None)  # attrs' in_
    if isinstance(options, (tuple, list, frozenset, set)):
        return {"enum": [o.value if isinstance(o, enum.Enum) else o for o in options]}
    return None


# EDTF levels 0-1 as far as a pattern can say: a year (the last digits may be unspecified, "201X", "19XX"; not
# 0000), optionally a month 01-12 and a day that can exist in some year (or "XX"), and a qualifier; or an interval
# of two of them, either end open ("..").
_MONTH_DAY = (
    r"-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12][0-9]|3[01]|XX))?"
    r"|(?:0[469]|11)(?:-(?:0[1-9]|[12][0-9]|30|XX))?"
    r"|02(?:-(?:0[1-9]|1[0-9]|2[0-9]|XX))?"
    r"|XX(?:-XX)?)"
)
_ONE_DATE = rf"(?:(?!0000)[0-9]{{4}}(?:{_MONTH_DAY})?|[0-9]{{3}}X|[0-9]{{2}}XX)[?~%]?"
_EDTF = _anchored(rf"{_ONE_DATE}(?:/(?:{_ONE_DATE}|\.\.))?|\.\./{_ONE_DATE}")

_PARTIAL_DATE = {
    "description": (
        "A date in EDTF (levels 0-1), such as '2006', '2006-01', '2025-04-01', '2023~' or '1975/1976', or an "
        "object with that string as 'edtf' and the source's relative wording as 'phrase'."
    ),
    "anyOf": [
        {"type": "string", "pattern": _EDTF},
        {
            "type": "object",
            "properties": {
                "edtf": {"type": "string", "pattern": _EDTF},
                "phrase": {"anyOf": [_TEXT, {"type": "null"}]},
            },
            "required": ["edtf"],
            "additionalProperties": False,
        },
    ],
}


class _Builder:
    """Collects a ``$defs`` entry for each attrs class reached from a record type."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def for_type(self, hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if type(None) in args:
            (inner,) = (a for a in args if a is not type(None))
            return {"anyOf": [self.for_type(inner), {"type": "null"}]}
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
            return {"type": "string", "pattern": _anchored(AMOUNT_PATTERN)}
        if hint is PartialDate:
            return {"$ref": "#/$defs/PartialDate"}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [m.value for m in hint]}
        if isinstance(hint, type) and attrs.has(hint):
            self.add(hint)
            return {"$ref": f"#/$defs/{hint.__name__}"}
        raise TypeError(f"no JSON Schema for type {hint!r}")  # pragma: no cover - every model type is above

    def add(self, cls: type) -> None:
        """Add ``cls`` (an attrs class) to ``$defs``: its data attributes, strictly (no other keys)."""
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # reserve the name first: classes may refer to each other
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for attribute in data_attributes(cls):
            schema = self.for_type(hints[attribute.name])
            validators = getattr(attribute.validator, "_validators", (attribute.validator,))
            for validator in validators:
                said = _validator_schema(validator, attribute, cls)
                if said is not None:
                    schema = _narrow(schema, said)
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


def _narrow(schema: dict[str, Any], said: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with what a validator says added; a ``null`` it allows stays allowed."""
    if "anyOf" in schema and schema["anyOf"][-1] == {"type": "null"}:
        return {"anyOf": [_narrow(schema["anyOf"][0], said), {"type": "null"}]}
    if "$ref" in schema:  # a nested record: its own definition says it all
        return schema
    return schema | said


def schema_file_name(file_name: str) -> str:
    """The shipped schema's file name for a data file: ``events.json`` -> ``events.schema.json``."""
    return file_name.removesuffix(".json") + ".schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a file of a dataset folder: a record kind's (``"events"``...), an
    array of its records; or ``"metadata"`` (an object), ``"uncited"`` or ``"redirects"``.

    It says every rule the loader applies to a single value or record, as far as JSON Schema can; what the
    loader and ``check`` add (references, unique ids, quotes at their offsets...) is listed in the docs' data
    model. Raises ``TypeError`` for a non-string ``kind`` and ``ValueError`` for an unknown one.
    """
    given: object = kind  # the annotation is a promise callers may break; a list is no key of FILES
    if isinstance(given, str) and given in FILES:
        file_name, record_type = FILES[given]
    else:
        try:
            found = kind_named(kind)
        except ValueError:
            accepted = ", ".join((*(k.name for k in KINDS), *FILES))
            raise ValueError(f"kind: got {kind!r:.80}; expected one of {accepted}") from None
        file_name, record_type = found.file, found.cls
    builder = _Builder()
    builder.add(record_type)
    defs = dict(builder.defs)
    defs["PartialDate"] = _PARTIAL_DATE
    shape: dict[str, Any] = {"$ref": f"#/$defs/{record_type.__name__}"}
    if kind != "metadata":
        shape = {"type": "array", "items": shape}
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": _ID_BASE + schema_file_name(file_name),
        "title": f"{file_name} of a Cuba–Iran relations dataset folder: {record_type.__name__}",
        **shape,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(kind: str) -> str:
    """A schema exactly as the shipped file holds it."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> None:
    """Write every file's schema into ``folder``, as the package ships them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, file_name in [(kind.name, kind.file) for kind in KINDS] + [(n, f) for n, (f, _) in FILES.items()]:
        (folder / schema_file_name(file_name)).write_text(schema_text(name), encoding="utf-8", newline="\n")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "schemas")
