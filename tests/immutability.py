"""The deep-immutability walker shared by the tests: what mutable state is reachable from a value.

Used by ``test_models.py`` (records) and ``test_immutability.py`` (every query result, bundled and generated).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from importlib.resources.abc import Traversable

import attrs

__all__ = ["LEAVES", "frozen_problems", "mutable_parts"]

# Values that hold no mutable state: where the walk stops.
LEAVES = (str, int, bool, Decimal, date, enum.Enum, type(None))


def mutable_parts(value: object, path: str = "$") -> Iterator[str]:
    """The path of every list, dict, set, bytearray or unknown object reachable from ``value``."""
    if isinstance(value, (list, dict, set, bytearray)):
        yield f"{path}: {type(value).__name__}"
    elif isinstance(value, LEAVES):
        return
    elif isinstance(value, (tuple, frozenset)):
        if hasattr(value, "__dict__"):
            yield f"{path}: {type(value).__name__} has a __dict__"
        for position, item in enumerate(value):
            yield from mutable_parts(item, f"{path}[{position}]")
    elif attrs.has(type(value)):
        if hasattr(value, "__dict__"):
            yield f"{path}: {type(value).__name__} is not slotted"
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            item = getattr(value, field.name)
            if field.name == "root":  # a Source's dataset folder: where its text is read from, not data
                if not (item is None or isinstance(item, Traversable)):
                    yield f"{path}.root: unexpected {type(item).__name__}"
                continue
            yield from mutable_parts(item, f"{path}.{field.name}")
    else:
        yield f"{path}: unexpected {type(value).__name__}"


def frozen_problems(value: object, path: str = "$") -> Iterator[str]:
    """Every attrs instance reachable from ``value`` that is unhashable or lets an attribute be set or deleted."""
    if isinstance(value, (tuple, frozenset)):
        for position, item in enumerate(value):
            yield from frozen_problems(item, f"{path}[{position}]")
        return
    if not attrs.has(type(value)):
        return
    try:
        hash(value)
    except TypeError as exc:
        yield f"{path}: unhashable: {exc}"
    for field in attrs.fields(type(value)):  # type: ignore[arg-type]
        current = getattr(value, field.name)
        if _can_change(value, field.name, current):
            yield f"{path}.{field.name}: could be set or deleted"
        if field.name != "root":
            yield from frozen_problems(current, f"{path}.{field.name}")
    if _can_change(value, "not_a_field", 1):
        yield f"{path}: a new attribute could be added"


def _can_change(value: object, name: str, new: object) -> bool:
    """Whether setting or deleting attribute ``name`` of ``value`` succeeds (it must raise AttributeError)."""
    try:
        setattr(value, name, new)
    except AttributeError:  # attrs.exceptions.FrozenInstanceError is one
        pass
    else:
        return True
    try:
        delattr(value, name)
    except AttributeError:
        return False
    return True
