"""The data attributes of a record class, and what a reference attribute may point to.

Everything that lists a record's values (conversion, schemas, tables, display, reference checks) goes through
``data_attributes``, so that what is not data (the folder a source's text is read from, a date's derived
bounds) is left out by one rule: data is what equality compares.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

__all__ = ["REFERS_TO", "data_attributes", "refers_to"]

# The attrs metadata key of a reference attribute: the id prefixes (record kinds) it may point to; empty: any.
REFERS_TO = "refers_to"


@functools.cache
def data_attributes(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs attributes of ``cls`` that are data, in definition order: those that equality compares."""
    return tuple(attribute for attribute in attrs.fields(cls) if attribute.eq)


def refers_to(*prefixes: str) -> dict[str, tuple[str, ...]]:
    """attrs metadata marking an attribute as holding record ids of these kinds (``"person"``...; none: any)."""
    return {REFERS_TO: prefixes}
