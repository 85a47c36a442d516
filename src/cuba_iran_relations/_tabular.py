"""Records as flat rows and JSON-ready dicts: the shapes written by the command line's CSV, JSON and export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._convert import unstructure

__all__ = ["LIST_SEPARATOR", "csv_text", "flat_row", "json_text", "jsonl_text", "to_jsonable"]

# Multi-valued fields in CSV cells are joined with this separator (ids and field names never contain it).
LIST_SEPARATOR = "|"


def to_jsonable(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Each record as a JSON-ready dict, in the package's own data-file schema."""
    return [unstructure(record) for record in records]


def flat_row(record: Any) -> dict[str, Any]:
    """One record as a flat row: scalars as they are, dates as EDTF (and phrase), lists joined, nested as JSON."""
    row: dict[str, Any] = {}
    for key, value in unstructure(record).items():
        if key == "money":
            row["money_amount"] = value["amount"] if value else None
            row["money_currency"] = value["currency"] if value else None
        elif isinstance(value, dict) and set(value) <= {"edtf", "phrase"}:
            row[key] = value["edtf"]
            row[f"{key}_phrase"] = value.get("phrase")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            row[key] = LIST_SEPARATOR.join(value)
        elif isinstance(value, (dict, list)):
            row[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            row[key] = value
    return row


def _columns(record_type: type) -> list[str]:
    """Column order for a record type: its attributes in definition order, phrases beside their dates."""
    names = [a.name for a in attrs.fields(record_type) if a.name != "root"]
    columns: list[str] = []
    for name in names:
        if name == "money":
            columns += ["money_amount", "money_currency"]
            continue
        columns.append(name)
        if name in ("date", "signed", "period", "start", "end", "published", "born", "died"):
            columns.append(f"{name}_phrase")
    return columns


def csv_text(records: Sequence[Any], record_type: type) -> str:
    """Records of one type as CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_columns(record_type), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for record in records:
        writer.writerow(flat_row(record))
    return buffer.getvalue()


def json_text(records: Iterable[Any]) -> str:
    """Records as a pretty-printed JSON array."""
    return json.dumps(to_jsonable(records), ensure_ascii=False, indent=2) + "\n"


def jsonl_text(records: Iterable[Any]) -> str:
    """Records as JSON Lines: one compact object per line."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in to_jsonable(records))
