"""The columns of a table of records: one plan per record class, shared by every table format.

``to_pandas``, ``to_arrow``, CSV, SQLite and the Data Package descriptor all write these columns, with these
names, each in its own types:

- a date ``d`` becomes ``d_edtf`` (its EDTF string), ``d_earliest`` and ``d_latest`` (its strict bounds, a
  ``date``; ``None`` for an open end such as ``1979/..``, while a closed ``0001-01-01`` is itself),
  ``d_precision`` (day, month or year) and ``d_phrase`` (the source's relative wording);
- an amount of money becomes ``money_amount`` (an exact ``Decimal``) and ``money_currency``;
- a vocabulary (kinds, topics, statuses) becomes its member's value;
- a multi-valued field (participants, parties, speakers, aliases, fields, provisions) stays a tuple of strings;
  a person's roles are tuples of readable strings;
- citations become ``citation_sources`` and ``citation_quotes``, tuples in the citations' order;
- events also get ``cameo_root_code``, ``quad_class`` and ``goldstein`` from GDELT's CAMEO table.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

import attrs

from ._attributes import REFERS_TO, data_attributes
from ._dates import PartialDate, Precision
from ._models import Event, Money

__all__ = ["Column", "columns", "row"]


@attrs.frozen
class Column:
    """One column: its name, the Python type of its values (``tuple`` for a tuple of strings, an enum class for
    a vocabulary's values), whether a value may be missing, and the ids' kinds where it holds references."""

    name: str
    type: Any
    value: Callable[[Any], Any] = attrs.field(repr=False)
    nullable: bool = True
    refers_to: tuple[str, ...] | None = None


def _date_columns(name: str, nullable: bool) -> list[Column]:
    def part(get: Callable[[PartialDate], Any]) -> Callable[[Any], Any]:
        def value(record: Any) -> Any:
            when = getattr(record, name)
            return None if when is None else get(when)

        return value

    return [
        Column(f"{name}_edtf", str, part(lambda d: d.edtf), nullable),
        Column(f"{name}_earliest", date, part(lambda d: None if d.open_start else d.earliest)),
        Column(f"{name}_latest", date, part(lambda d: None if d.open_end else d.latest)),
        Column(f"{name}_precision", Precision, part(lambda d: str(d.precision)), nullable),
        Column(f"{name}_phrase", str, part(lambda d: d.phrase)),
    ]


def _plain(value: object) -> object:
    """A value as a table holds it: a vocabulary member as its value, any other object as its text."""
    if isinstance(value, enum.Enum):
        return value.value
    return value if isinstance(value, (str, type(None))) else str(value)


def _plain_tuple(values: tuple[object, ...]) -> tuple[object, ...]:
    return tuple(map(_plain, values))


def _sorted_tuple(values: frozenset[object]) -> tuple[str, ...]:
    return tuple(sorted(str(_plain(value)) for value in values))


def _value_of(name: str, convert: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """The column value of a record: its attribute ``name``, converted if asked."""
    get = attrgetter(name)
    if convert is None:
        return get

    def value(record: Any) -> Any:
        return convert(get(record))

    return value


def _money_amount(record: Any) -> Decimal | None:
    return None if record.money is None else record.money.amount


def _money_currency(record: Any) -> str | None:
    return None if record.money is None else record.money.currency


def _citation_sources(record: Any) -> tuple[str, ...]:
    return tuple(citation.source_id for citation in record.citations)


def _citation_quotes(record: Any) -> tuple[str, ...]:
    return tuple(citation.quote for citation in record.citations)


@functools.cache
def columns(record_type: type) -> tuple[Column, ...]:
    """The columns of a table of ``record_type`` records, in the order of its attributes."""
    attrs.resolve_types(record_type)
    found: list[Column] = []
    for attribute in data_attributes(record_type):
        name, hint = attribute.name, attribute.type
        options = set(typing.get_args(hint)) - {type(None)}
        nullable = type(None) in typing.get_args(hint)
        base = options.pop() if nullable and len(options) == 1 else hint
        refers = attribute.metadata.get(REFERS_TO)
        if base is PartialDate:
            found += _date_columns(name, nullable)
        elif base is Money:
            found += [
                Column("money_amount", Decimal, _money_amount, nullable),
                Column("money_currency", str, _money_currency, nullable),
            ]
        elif name == "citations":
            found += [
                Column("citation_sources", tuple, _citation_sources, False, ("source",)),
                Column("citation_quotes", tuple, _citation_quotes, False),
            ]
        elif isinstance(base, type) and issubclass(base, enum.Enum):
            found.append(Column(name, base, _value_of(name, _plain), nullable))
        elif typing.get_origin(base) is frozenset:
            found.append(Column(name, tuple, _value_of(name, _sorted_tuple), False))
        elif typing.get_origin(base) is tuple:
            found.append(Column(name, tuple, _value_of(name, _plain_tuple), False, refers))
        else:
            found.append(Column(name, base, _value_of(name), nullable, refers))
    if record_type is Event:
        found += [
            Column("cameo_root_code", str, lambda e: e.cameo_root_code),
            Column("quad_class", int, lambda e: e.quad_class),
            Column("goldstein", float, lambda e: e.goldstein),
        ]
    return tuple(found)


def row(record: Any) -> dict[str, Any]:
    """One record's values, by column name."""
    record_type: type = type(record)
    return {column.name: column.value(record) for column in columns(record_type)}
