"""Records of one kind as a typed ``pyarrow.Table`` (the optional extra ``cuba-iran-relations[arrow]``), and the
Parquet export built on it.

The columns are those of ``_columns`` (the same names as ``to_pandas``), each with an explicit Arrow type, so that
every reader (pyarrow, pandas, polars, DuckDB) sees the same types: a date's bounds ``date32`` (an open end is
null, a closed 0001-01-01 or 9999-12-31 is itself), amounts ``decimal128(38, 18)`` (what the models allow),
multi-valued fields ``list<string>``, vocabularies and precisions dictionary-encoded strings, CAMEO codes and
other text strings, counts ``int64``.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._columns import Column, columns
from ._dates import Precision
from ._models import AMOUNT_DIGITS, KINDS, kind_named
from ._optional import import_extra

if TYPE_CHECKING:
    from pathlib import Path

    import pyarrow as pa

    from ._dataset import Dataset

__all__ = ["to_arrow", "write_parquet"]


def _pyarrow() -> Any:
    return import_extra("pyarrow", feature="to_arrow and the Parquet export", package="pyarrow", extra="arrow")


def _arrow_type(pa: Any, column: Column) -> Any:
    """The Arrow type of one column."""
    kind = column.type
    if kind is date:
        return pa.date32()
    if kind is Decimal:
        return pa.decimal128(sum(AMOUNT_DIGITS), AMOUNT_DIGITS[1])
    if kind is int:
        return pa.int64()
    if kind is float:
        return pa.float64()
    if kind is bool:
        return pa.bool_()
    if kind is tuple:
        return pa.list_(pa.string())
    if kind is Precision or (isinstance(kind, type) and issubclass(kind, enum.Enum)):
        return pa.dictionary(pa.int8(), pa.string())
    return pa.string()


def schema_of(record_type: type) -> pa.Schema:
    """The Arrow schema of a table of ``record_type`` records; a column that is never missing is not nullable."""
    pa = _pyarrow()
    fields = [pa.field(c.name, _arrow_type(pa, c), nullable=c.nullable) for c in columns(record_type)]
    return pa.schema(fields)


def to_arrow(data: Dataset, kind: str) -> pa.Table:
    """Every record of ``kind`` in ``data`` as a ``pyarrow.Table`` with the columns of ``to_pandas``, typed."""
    records = data.of_kind(kind)
    record_type = kind_named(kind).cls
    # Column by column: pyarrow converts a list per column several times faster than a dict per row.
    values = {column.name: list(map(column.value, records)) for column in columns(record_type)}
    table: pa.Table = _pyarrow().Table.from_pydict(values, schema=schema_of(record_type))
    return table


def write_parquet(data: Dataset, folder: Path) -> list[tuple[Path, int]]:
    """Write ``<kind>.parquet`` for every record kind into ``folder``; return each file with its row count."""
    parquet = import_extra("pyarrow.parquet", feature="the Parquet export", package="pyarrow", extra="arrow")
    written = []
    for kind in KINDS:
        table = to_arrow(data, kind.name)
        path = folder / f"{kind.name}.parquet"
        parquet.write_table(table, path)
        written.append((path, table.num_rows))
    return written
