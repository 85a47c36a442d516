"""Records as CSV, JSON and JSON Lines text: what the command line prints and ``export`` writes.

JSON and JSON Lines hold each record in the data files' own schema. CSV holds the columns of ``_columns`` (a
date's EDTF beside its bounds, precision and phrase), one row per record: a missing value is an empty cell, a
multi-valued cell is a JSON array of strings (so that no value is lost, whatever characters it holds), an amount
is written in full, never with an exponent.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ._columns import columns
from ._convert import unstructure

__all__ = ["csv_text", "json_text", "jsonl_text"]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)  # a date is written as YYYY-MM-DD


def csv_text(records: Sequence[Any], record_type: type) -> str:
    """Records of one type as CSV with a header row."""
    table = columns(record_type)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in table])
    writer.writerows([_cell(column.value(record)) for column in table] for record in records)
    return buffer.getvalue()


def json_text(records: Iterable[Any]) -> str:
    """Records as a pretty-printed JSON array."""
    return json.dumps([unstructure(record) for record in records], ensure_ascii=False, indent=2) + "\n"


def jsonl_text(records: Iterable[Any]) -> str:
    """Records as JSON Lines: one compact object per line."""
    return "".join(json.dumps(unstructure(r), ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
