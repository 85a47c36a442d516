"""Records of one kind as a typed pandas DataFrame (the optional extra ``cuba-iran-relations[pandas]``).

One row per record, with the columns of ``_columns``, typed for analysis: dates ``datetime64[s]`` (an open end is
``NaT``), precisions and vocabularies categoricals over every value, amounts exact ``Decimal`` objects (in an
``object`` column), strings pandas' ``string``, counts ``Int64``, multi-valued fields tuples in one cell (so
``df.explode("participants")`` gives a row per value). pandas is imported only when ``to_pandas`` runs.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING, Any

from ._columns import columns, row
from ._dates import Precision
from ._models import kind_named
from ._optional import import_extra

if TYPE_CHECKING:
    import pandas as pd

    from ._dataset import Dataset

__all__ = ["to_pandas"]


def _series(pandas: Any, values: list[Any], kind: Any) -> Any:
    """One column with the dtype its values' type calls for."""
    if kind is date:
        import numpy as np  # a dependency of pandas; datetime64[s] holds every year from 1 to 9999

        return pandas.Series(np.array(values, dtype="datetime64[s]"))
    if kind is Precision:
        return pandas.Series(pandas.Categorical(values, categories=[str(p) for p in Precision], ordered=True))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return pandas.Series(pandas.Categorical(values, categories=[m.value for m in kind]))
    if kind is str:
        return pandas.Series(values, dtype="string")
    if kind is bool:
        return pandas.Series(values, dtype="boolean")
    if kind is int:
        return pandas.Series(values, dtype="Int64")
    if kind is float:
        return pandas.Series(values, dtype="Float64")
    return pandas.Series(values, dtype=object)


def to_pandas(data: Dataset, kind: str) -> pd.DataFrame:
    """Every record of ``kind`` in ``data`` as a pandas DataFrame, one row per record, with typed columns."""
    records = data.of_kind(kind)
    pandas = import_extra("pandas", feature="to_pandas", package="pandas", extra="pandas")
    rows = [row(record) for record in records]
    frame: pd.DataFrame = pandas.DataFrame(
        {
            column.name: _series(pandas, [r[column.name] for r in rows], column.type)
            for column in columns(kind_named(kind).cls)
        }
    )
    return frame
