"""Rich display: records and query results as HTML tables (Jupyter) and aligned plain text (IPython).

Everything shown is HTML-escaped. A record renders as a two-column table of its attributes; a query result as
one table per record type with a row per record. Long cells (quotes, citations) are shortened; the record itself
keeps every character.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Sequence
from typing import Any

from ._attributes import data_attributes

__all__ = ["cell_text", "record_html", "record_text", "results_html", "results_text"]

_MAX_CELL = 120  # characters shown per table cell before shortening with an ellipsis
_MAX_ROWS = 200  # rows shown per table in a notebook; the rest are counted
_TABLE_STYLE = "border-collapse:collapse;text-align:left;vertical-align:top"


def _shorten(text: str, limit: int = _MAX_CELL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value: object, separator: str = "; ") -> str:
    """One attribute value as readable text (not escaped): its own ``str``, a vocabulary member's value, the
    items of a collection joined by ``separator`` (a set's sorted)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, frozenset):
        return separator.join(sorted(cell_text(v) for v in value))
    if isinstance(value, tuple):
        return separator.join(cell_text(v) for v in value)
    return str(value)


def _fields(record_type: type) -> list[str]:
    """The attributes a record type displays: its data."""
    return [a.name for a in data_attributes(record_type)]


def record_html(record: Any) -> str:
    """A record as an HTML table of attribute and value, headed by its type and id."""
    rows = "".join(
        f"<tr><th style='{_TABLE_STYLE}'>{html.escape(name)}</th>"
        f"<td style='{_TABLE_STYLE}'>{html.escape(_full_cell(getattr(record, name)))}</td></tr>"
        for name in _fields(type(record))
    )
    caption = f"{type(record).__name__} <code>{html.escape(record.id)}</code>"
    return f"<table class='cuba-iran-relations record'><caption>{caption}</caption><tbody>{rows}</tbody></table>"


def _full_cell(value: object) -> str:
    """A value in full for a single record's table: the items of a tuple one per line."""
    return cell_text(value, "\n") if isinstance(value, tuple) else cell_text(value)


def record_text(record: Any) -> str:
    """A record as plain text: its type and id, then one ``name: value`` line per attribute."""
    names = _fields(type(record))
    width = max(len(n) for n in names)
    lines = [f"{type(record).__name__} {record.id}"]
    for name in names:
        if name == "id":
            continue
        text = _full_cell(getattr(record, name)).replace("\n", "\n" + " " * (width + 4))
        lines.append(f"  {name:<{width}}: {text}")
    return "\n".join(lines)


def _by_type(records: Iterable[Any]) -> dict[type, list[Any]]:
    groups: dict[type, list[Any]] = {}
    for record in records:
        groups.setdefault(type(record), []).append(record)
    return groups


def _table_html(record_type: type, records: Sequence[Any]) -> str:
    names = _fields(record_type)
    head = "".join(f"<th style='{_TABLE_STYLE}'>{html.escape(n)}</th>" for n in names)
    body = "".join(
        "<tr>"
        + "".join(f"<td style='{_TABLE_STYLE}'>{html.escape(_shorten(cell_text(getattr(r, n))))}</td>" for n in names)
        + "</tr>"
        for r in records[:_MAX_ROWS]
    )
    more = len(records) - _MAX_ROWS
    if more > 0:
        body += f"<tr><td colspan='{len(names)}'>… and {more} more</td></tr>"
    caption = f"{len(records)} {html.escape(record_type.__name__)} record{'s' if len(records) != 1 else ''}"
    return (
        f"<table class='cuba-iran-relations results'><caption>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def results_html(records: Sequence[Any]) -> str:
    """Query results as HTML: one table per record type, a row per record."""
    if not records:
        return "<p class='cuba-iran-relations results'>No records.</p>"
    return "".join(_table_html(t, group) for t, group in _by_type(records).items())


# What a one-line summary of each record shows after its id and date: the first of these it has.
_HEADLINE = ("summary", "title", "text", "description", "name")


def _line(record: Any) -> list[str]:
    when = next((getattr(record, n) for n in ("date", "signed", "period", "start") if hasattr(record, n)), None)
    kind = getattr(record, "kind", None) or getattr(record, "topic", None) or getattr(record, "status", None)
    headline = next((getattr(record, n) for n in _HEADLINE if hasattr(record, n)), "")
    return [record.id, cell_text(when), cell_text(kind), _shorten(cell_text(headline), 100)]


def results_text(records: Sequence[Any]) -> str:
    """Query results as aligned plain-text lines: id, date, kind and a headline per record."""
    if not records:
        return "Results: no records"
    rows = [_line(r) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"Results: {len(records)} record{'s' if len(records) != 1 else ''}"]
    lines += [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)) + "  " + row[3] for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)
