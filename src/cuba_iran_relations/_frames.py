"""Records of one kind as JSON-ready dicts (``to_records``) or as a typed pandas DataFrame (``to_pandas``).

``to_pandas`` makes one row per record, with columns typed for analysis:

- a date ``d`` becomes ``d_edtf`` (EDTF string), ``d_earliest`` and ``d_latest`` (``datetime64[s]``; an open end
  such as ``1979/..`` is ``NaT``), ``d_precision`` (categorical: day, month, year) and ``d_phrase``;
- an amount of money becomes ``money_amount`` (``decimal.Decimal`` objects, exact, in an ``object`` column) and
  ``money_currency``;
- vocabularies (kinds, topics, statuses) become categoricals over every member of their enum;
- multi-valued fields (participants, parties, speakers, aliases, fields, provisions) stay tuples in one cell, so
  ``df.explode("participants")`` gives a row per value; a person's roles are tuples of readable strings;
- citations become ``citation_sources`` and ``citation_quotes``, tuples in the citations' order;
- events also get ``cameo_root_code``, ``quad_class`` and ``goldstein`` from GDELT's CAMEO table.

pandas is the optional extra ``cuba-iran-relations[pandas]``; it is imported only when ``to_pandas`` runs.
"""

from __future__ import annotations

import enum
import functools
import typing
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import PartialDate, Precision
from ._models import Citation, Event, Money, Role
from ._optional import import_extra

if TYPE_CHECKING:
    import pandas as pd

    from ._dataset import Dataset

__all__ = ["KINDS", "kind_records", "kind_type", "to_pandas", "to_records"]

# Each kind a caller may name, the Dataset method listing its records, and its record type's name.
KINDS: dict[str, str] = {
    "sources": "sources",
    "countries": "countries",
    "organizations": "organizations",
    "places": "places",
    "missions": "missions",
    "people": "people",
    "events": "events",
    "agreements": "agreements",
    "statements": "statements",
    "figures": "figures",
    "facts": "facts",
    "relations": "relations_history",
}


def _check_kind(kind: object) -> str:
    if not isinstance(kind, str):
        raise TypeError(f"kind: got {type(kind).__name__} {kind!r}; expected a str, one of {', '.join(KINDS)}")
    if kind not in KINDS:
        raise ValueError(f"kind: got {kind!r}; expected one of {', '.join(KINDS)}")
    return kind


def kind_records(kind: object, data: Dataset | None = None) -> tuple[Any, ...]:
    """The records of ``kind`` (``"events"``, ``"people"``...) in ``data`` (default: the bundled dataset)."""
    from ._api import dataset_argument

    name = _check_kind(kind)
    records: tuple[Any, ...] = getattr(dataset_argument(data), KINDS[name])()
    return records


def kind_type(kind: str) -> type:
    """The record type of ``kind``."""
    from ._load import RECORD_FILES

    return next(cls for _, cls, argument in RECORD_FILES if argument == _check_kind(kind))


def to_records(kind: str, data: Dataset | None = None) -> list[dict[str, Any]]:
    """Every record of ``kind`` as a JSON-ready dict in the data files' own schema (see ``json_schema``).

    ``kind`` is one of ``"events"``, ``"agreements"``, ``"statements"``, ``"figures"``, ``"facts"``,
    ``"people"``, ``"organizations"``, ``"places"``, ``"countries"``, ``"missions"``, ``"sources"``,
    ``"relations"``. Raises ``TypeError`` for a non-string and ``ValueError`` for an unknown kind.
    """
    from ._tabular import to_jsonable

    return to_jsonable(kind_records(kind, data))


def _role_text(role: Role) -> str:
    where = ", ".join(p for p in (role.country, role.organization, role.period and str(role.period)) if p)
    title = f"{role.qualifier} {role.title}" if role.qualifier else role.title
    return f"{title} ({where})" if where else title


def _multi(value: object) -> object:
    """A multi-valued attribute as a tuple of plain values (enum members as their values, sorted if a set)."""
    if isinstance(value, frozenset):
        return tuple(sorted(v.value if isinstance(v, enum.Enum) else v for v in value))
    if isinstance(value, tuple):
        return tuple(_role_text(v) if isinstance(v, Role) else v for v in value)
    return value


@functools.cache
def _columns_of(record_type: type) -> dict[str, Any]:
    """The column names and the type each holds, for a record type (before pandas dtypes are chosen)."""
    hints = typing.get_type_hints(record_type)
    columns: dict[str, Any] = {}
    for attribute in attrs.fields(record_type):
        name, hint = attribute.name, hints[attribute.name]
        if name == "root":
            continue
        args = set(typing.get_args(hint)) - {type(None)}
        base = next(iter(args)) if len(args) == 1 and typing.get_origin(hint) not in (tuple, frozenset) else hint
        if base is PartialDate:
            columns |= {
                f"{name}_edtf": str,
                f"{name}_earliest": date,
                f"{name}_latest": date,
                f"{name}_precision": Precision,
                f"{name}_phrase": str,
            }
        elif base is Money:
            columns |= {"money_amount": "decimal", "money_currency": str}
        elif name == "citations":
            columns |= {"citation_sources": tuple, "citation_quotes": tuple}
        elif isinstance(base, type) and issubclass(base, enum.Enum):
            columns[name] = base
        elif typing.get_origin(base) in (tuple, frozenset):
            columns[name] = tuple
        else:
            columns[name] = base
    if record_type is Event:
        columns |= {"cameo_root_code": str, "quad_class": "Int64", "goldstein": float}
    return columns


def _row(record: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    record_type: type = type(record)
    columns = _columns_of(record_type)
    for attribute in attrs.fields(type(record)):
        name = attribute.name
        if name == "root":
            continue
        value = getattr(record, name)
        if isinstance(value, PartialDate) or (value is None and f"{name}_edtf" in columns):
            row[f"{name}_edtf"] = value and value.edtf
            row[f"{name}_earliest"] = value and (None if value.earliest == date.min else value.earliest)
            row[f"{name}_latest"] = value and (None if value.latest == date.max else value.latest)
            row[f"{name}_precision"] = value and str(value.precision)
            row[f"{name}_phrase"] = value and value.phrase
        elif name == "money":
            row["money_amount"] = value and value.amount
            row["money_currency"] = value and value.currency
        elif name == "citations":
            citations: tuple[Citation, ...] = value
            row["citation_sources"] = tuple(c.source_id for c in citations)
            row["citation_quotes"] = tuple(c.quote for c in citations)
        elif isinstance(value, enum.Enum):
            row[name] = value.value
        else:
            row[name] = _multi(value)
    if isinstance(record, Event):
        row |= {
            "cameo_root_code": record.cameo_root_code,
            "quad_class": record.quad_class,
            "goldstein": record.goldstein,
        }
    return row


def _series(pd: Any, values: list[Any], kind: Any) -> Any:
    """One column with the dtype its values' type calls for."""
    if kind is date:
        import numpy as np  # a dependency of pandas; datetime64[s] holds every year from 1 to 9999

        return pd.Series(np.array(values, dtype="datetime64[s]"))
    if kind is Precision:
        return pd.Series(pd.Categorical(values, categories=[str(p) for p in Precision], ordered=True))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return pd.Series(pd.Categorical(values, categories=[m.value for m in kind]))
    if kind is str:
        return pd.Series(values, dtype="string")
    if kind is bool:
        return pd.Series(values, dtype="boolean")
    if kind is int or kind == "Int64":
        return pd.Series(values, dtype="Int64")
    if kind is float:
        return pd.Series(values, dtype="Float64")
    return pd.Series(values, dtype=object)


def to_pandas(kind: str, data: Dataset | None = None) -> pd.DataFrame:
    """Every record of ``kind`` as a pandas DataFrame, one row per record, with typed columns.

    See the module documentation for the columns. Raises ``ImportError`` naming the ``pandas`` extra when pandas
    is not installed, ``TypeError``/``ValueError`` for a bad ``kind`` (as :func:`to_records`).
    """
    records = kind_records(kind, data)
    pandas = import_extra("pandas", feature="to_pandas", package="pandas", extra="pandas")
    columns = _columns_of(kind_type(kind))
    rows = [_row(r) for r in records]
    frame: pd.DataFrame = pandas.DataFrame(
        {name: _series(pandas, [row[name] for row in rows], column_type) for name, column_type in columns.items()}
    )
    return frame
