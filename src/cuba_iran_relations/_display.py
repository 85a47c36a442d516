"""Rich display: records and query results as HTML tables (Jupyter) and aligned plain text (terminals, IPython).

A query's result knows the dataset it came from (``Results.dataset``), so its table shows every record it refers
to by name, with the id kept in the cell's ``title``: citations one per line with their source's name, and a date
the source gave as a relative phrase ("two years ago") with the report it counts from. A lone record, or a result
built by hand, shows what it holds: ids as they are. Everything shown is HTML-escaped; long text in a results
table is shortened (the record itself keeps every character).

Records call this module to show themselves, so it reads them by their attributes and never imports the models.
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._attributes import REFERS_TO, data_attributes
from ._cameo import cameo_code
from ._dates import PartialDate
from ._words import name_of, reported_in

__all__ = ["cell_text", "record_html", "record_text", "results_html", "results_text"]

_MAX_CELL = 120  # characters of text shown per cell of a results table before shortening with an ellipsis
_MAX_ROWS = 200  # rows shown per table in a notebook; the rest are counted
_CELL_STYLE = "text-align:left;vertical-align:top"
_e = html.escape
_TAG = re.compile(r"<[^>]*>")  # a tag of the markup this module writes, to measure a cell's text
# What a record is dated by, what kind it is, and what it says: the first of each it has.
_WHEN = ("date", "signed", "period", "start")
_KIND = ("kind", "topic", "status")
_HEADLINE = ("summary", "title", "text", "description", "name")


def _shorten(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value: object, separator: str = "; ") -> str:
    """One attribute value as plain text: its own ``str``, a vocabulary term's value, the items of a collection
    joined by ``separator`` (a set's sorted)."""
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


# --- HTML ---------------------------------------------------------------------------------------------------------


@attrs.frozen
class _Cells:
    """Renders the values of records as table cells, naming referenced records from ``dataset`` where there is
    one; ``limit`` shortens free text (a results table) or not (a lone record's table)."""

    dataset: Any  # a Dataset, or None: ids are shown as they are
    limit: int | None

    def name(self, record_id: str) -> str:
        """A referenced record by name, its id in the ``title``; an id the dataset lacks as it is."""
        if self.dataset is None or record_id not in self.dataset:
            return _e(record_id)
        return f'<span title="{_e(record_id)}">{_e(name_of(self.dataset.get(record_id)))}</span>'

    def value(self, record: Any, attribute: attrs.Attribute[Any]) -> str:
        value = getattr(record, attribute.name)
        if value is None:
            return ""
        if attribute.name == "id" and self.limit is not None:  # a row's own id, in a results table
            return f"<small>{_e(value)}</small>"
        if REFERS_TO in attribute.metadata:
            return "<br>".join(self.name(ref) for ref in (value if isinstance(value, tuple) else (value,)))
        if isinstance(value, PartialDate):
            return self.date(value, record)
        if isinstance(value, tuple):
            return "<br>".join(self.item(item) for item in value)
        if attribute.name == "cameo":
            return f'<span title="{_e(cameo_code(value).name or "")}">{_e(value)}</span>'
        text = cell_text(value)
        return _e(_shorten(text, self.limit) if isinstance(value, str) else text)

    def item(self, item: object) -> str:
        """One item of a list: a citation, a role, or a value. Told apart by their attributes: records call this
        module, so it does not import the model classes."""
        if hasattr(item, "quote"):
            return self.citation(item)
        if hasattr(item, "qualifier"):
            return self.role(item)
        return _e(cell_text(item))

    def date(self, when: PartialDate, record: Any) -> str:
        """A date as EDTF; a relative phrase with the report it counts from, where the dataset has the source of
        the record's first citation, or else as the date gives it."""
        citations = getattr(record, "citations", ())
        source_id = citations[0].source_id if citations else None
        if when.phrase is None or self.dataset is None or source_id not in self.dataset:
            return _e(str(when))
        reference = reported_in(self.dataset.get(source_id))
        return f"{_e(when.edtf)}<br><small style='display:block;min-width:10em'>“{_e(when.phrase)}”, in {_e(reference)}</small>"

    def citation(self, citation: Any) -> str:
        """A citation on one line: its source (by name), where in it, and the quote."""
        quote = _shorten(citation.quote, self.limit)
        return f"{self.name(citation.source_id)} [{citation.start}:{citation.end}]: “{_e(quote)}”"

    def role(self, role: Any) -> str:
        title = f"{role.qualifier} {role.title}" if role.qualifier else role.title
        parts = [self.name(ref) for ref in (role.country, role.organization) if ref]
        if role.period is not None:
            parts.append(_e(str(role.period)))
        return _e(title) + (f" ({'; '.join(parts)})" if parts else "")


def _cell(content: str, tag: str = "td", style: str = "") -> str:
    return f"<{tag} style='{_CELL_STYLE}{';' + style if style else ''}'>{content}</{tag}>"


def record_html(record: Any) -> str:
    """A lone record as an HTML table of attribute and value, headed by its type and id: what it holds, in
    full."""
    cells = _Cells(None, None)
    record_type: type = type(record)
    rows = "".join(
        f"<tr>{_cell(_e(a.name), 'th')}{_cell(cells.value(record, a))}</tr>" for a in data_attributes(record_type)
    )
    caption = f"{type(record).__name__} <code>{_e(record.id)}</code>"
    return f"<table class='cuba-iran-relations record'><caption>{caption}</caption><tbody>{rows}</tbody></table>"


def _by_type(records: Iterable[Any]) -> dict[type, list[Any]]:
    groups: dict[type, list[Any]] = {}
    for record in records:
        groups.setdefault(type(record), []).append(record)
    return groups


# The columns a results table shows first, in this order: what a row is, when, what kind, and what it says;
# the other attributes follow in their own order.
_FIRST_COLUMNS = ("id", *_WHEN, *_KIND, *_HEADLINE)


def _table_html(record_type: type, records: Sequence[Any], cells: _Cells) -> str:
    """One record type's rows; a column empty in every row shown is left out and named in the caption."""
    shown = records[:_MAX_ROWS]
    attributes = sorted(
        data_attributes(record_type),
        key=lambda a: _FIRST_COLUMNS.index(a.name) if a.name in _FIRST_COLUMNS else len(_FIRST_COLUMNS),
    )
    rows = [[cells.value(r, a) for a in attributes] for r in shown]
    kept = [i for i in range(len(attributes)) if any(row[i] for row in rows)]
    # Columns of sentences get room to be read.
    wide = {i for i in kept if attributes[i].name not in _WHEN and any(len(_TAG.sub("", row[i])) > 60 for row in rows)}
    head = "".join(_cell(_e(attributes[i].name), "th", "min-width:18em" if i in wide else "") for i in kept)
    body = "".join("<tr>" + "".join(_cell(row[i]) for i in kept) + "</tr>" for row in rows)
    more = len(records) - len(shown)
    if more > 0:
        body += f"<tr><td colspan='{len(kept)}'>… and {more} more</td></tr>"
    caption = f"{len(records)} {_e(record_type.__name__)} record{'s' if len(records) != 1 else ''}"
    shown_names = {attributes[i].name for i in kept}
    empty = [a.name for a in data_attributes(record_type) if a.name not in shown_names]
    if empty:
        caption += f" <small>(columns empty in every row shown: {_e(', '.join(empty))})</small>"
    return (
        f"<table class='cuba-iran-relations results'><caption style='text-align:left'>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def results_html(records: Sequence[Any]) -> str:
    """Query results as HTML: one table per record type, a row per record, referenced records by name where
    the result knows its dataset."""
    if not records:
        return "<p class='cuba-iran-relations results'>No records.</p>"
    cells = _Cells(getattr(records, "dataset", None), _MAX_CELL)
    return "".join(_table_html(t, group, cells) for t, group in _by_type(records).items())


# --- plain text ---------------------------------------------------------------------------------------------------


def _full_cell(value: object) -> str:
    """A value in full for a single record's text: the items of a tuple one per line."""
    return cell_text(value, "\n") if isinstance(value, tuple) else cell_text(value)


def record_text(record: Any) -> str:
    """A record as plain text: its type and id, then one aligned ``name: value`` line per attribute (a list's
    items on lines of their own, "(none)" for nothing)."""
    names = _fields(type(record))
    width = max(len(n) for n in names)
    lines = [f"{type(record).__name__} {record.id}"]
    for name in names:
        if name == "id":
            continue
        text = _full_cell(getattr(record, name)).replace("\n", "\n" + " " * (width + 4)) or "(none)"
        lines.append(f"  {name:<{width}}: {text}")
    return "\n".join(lines)


def _line(record: Any) -> list[str]:
    when = next((getattr(record, n) for n in _WHEN if hasattr(record, n)), None)
    kind = next((getattr(record, n) for n in _KIND if getattr(record, n, None)), None)
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
