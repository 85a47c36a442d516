"""``Results``: the tuple every query returns, which also renders as a table in Jupyter and IPython.

It is a plain ``tuple`` subclass with no extra state (``__slots__ = ()``), so building one costs what building a
tuple costs, and equality, hashing, slicing and ``repr`` are the tuple's own. The rendering code lives in
``_display`` and is imported only when something is displayed.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any, Generic, TypeVar

__all__ = ["EMPTY", "Results"]

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
    """A query's records: a tuple, shown as an HTML table in Jupyter and as aligned lines in IPython."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from ._display import results_html

        return results_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from ._display import results_text

        printer.text("Results(...)" if cycle else results_text(self))


EMPTY: Results[Any] = Results()
