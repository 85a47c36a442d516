"""``Results``: the tuple every query returns, which also renders as a table in Jupyter and as text when printed.

It is a plain ``tuple`` subclass with no state of its own (``__slots__ = ()``), so building one costs what building
a tuple costs, and equality, hashing, slicing and ``repr`` are the tuple's own. A result knows the dataset it came
from, to show names for the ids it holds, through its class: each dataset builds its results from its own
subclass (``results_type``), whose class attribute ``dataset`` is that dataset. A tuple subclass can keep nothing
per instance in slots, and a ``__dict__`` would cost every query an attribute write. The rendering code lives in
``_display`` and is imported only when something is displayed.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["Results", "results_type"]

T_co = TypeVar("T_co", covariant=True)

if TYPE_CHECKING:

    class _Tuple(tuple[T_co, ...], Generic[T_co]):
        """What type checkers see: a generic tuple."""

else:

    class _Tuple(tuple):
        """At run time a plain tuple subclass: ``Generic`` would make building each result about 50 % slower."""

        __slots__ = ()
        __class_getitem__ = classmethod(types.GenericAlias)


class Results(_Tuple[T_co]):
    """A query's records: a tuple, shown as an HTML table in Jupyter and as aligned lines when printed.

    ``dataset`` is the dataset the records came from (``None`` for results built by hand): its tables show the
    records they refer to by name.
    """

    __slots__ = ()
    dataset: ClassVar[Dataset | None] = None

    def __reduce__(self) -> tuple[Any, ...]:
        # A dataset's own subclass cannot be imported by name: a result pickles (and copies) as a plain Results.
        return (Results, (tuple(self),))

    def __str__(self) -> str:
        from ._display import results_text

        return results_text(self)

    def _repr_html_(self) -> str:
        from ._display import results_html

        return results_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from ._display import results_text

        printer.text("Results(...)" if cycle else results_text(self))


def results_type(dataset: Dataset) -> type[Results[Any]]:
    """The ``Results`` class of ``dataset``: a subclass whose ``dataset`` is it."""
    return type("Results", (Results,), {"__slots__": (), "dataset": dataset, "__module__": __name__})
