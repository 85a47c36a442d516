"""The package's cattrs converters: the one way between JSON data and records, with readable error paths.

Strict: unknown keys are refused, and nothing is coerced (cattrs would otherwise turn ``1`` into ``"1"`` for a
``str`` field, or a string into a tuple of its characters). Every record is built by its class's own
``__init__``, so its validators run.

Two converters, configured alike: ``converter`` builds records without cattrs' detailed validation (its fast
setting, for data that is valid); the detailed one, built only when something fails, reports every problem of a
record with its JSON path (``describe_error``).
"""

from __future__ import annotations

import enum
import functools
import re
import reprlib
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._attributes import data_attributes
from ._dates import PartialDate
from ._models import AMOUNT_DIGITS, AMOUNT_PATTERN
from ._vocab import parse_term

__all__ = ["converter", "describe_error", "detailed_converter", "structure", "unstructure"]

T = TypeVar("T")
# An array's invalid elements are reported up to this many.
MAX_ELEMENT_ERRORS = 100
_is_amount = re.compile(AMOUNT_PATTERN).fullmatch


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxstring = short.maxother = 60
    short.maxlevel = short.maxlist = short.maxdict = 3
    return short


# Bounded repr for error messages: a plain repr of a huge or deeply nested JSON value would build a string of
# its full size first, or overflow the stack.
_SHORT_REPR = _short_repr()


def _describe(value: object) -> str:
    text = _SHORT_REPR.repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"got {_describe(value)}; expected a string")
    return value


def _strict_int(value: object, _: type) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"got {_describe(value)}; expected an integer")
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"got {_describe(value)}; expected true or false")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    """An amount, written as ``AMOUNT_PATTERN`` says (its limits are the ``Money`` validator's)."""
    if isinstance(value, str) and _is_amount(value):
        return Decimal(value)
    raise TypeError(
        f'got {_describe(value)}; expected a non-negative decimal number written as a string, such as "5000000", '
        f"with at most {AMOUNT_DIGITS[0]} digits before the point and {AMOUNT_DIGITS[1]} after"
    )


# A date with the source's relative wording is this object: {"edtf": "2023", "phrase": "Two years ago"}.
_DATE_OBJECT_KEYS = frozenset({"edtf", "phrase"})


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if isinstance(value, str):
        return PartialDate(value)
    if isinstance(value, dict):
        extra = value.keys() - _DATE_OBJECT_KEYS
        if extra:
            raise ForbiddenExtraKeysError("", PartialDate, set(extra))
        if "edtf" not in value:
            raise ValueError('got an object without \'edtf\'; expected {"edtf": ..., "phrase": ...}')
        edtf, phrase = value["edtf"], value.get("phrase")
        if not isinstance(edtf, str) or not (phrase is None or isinstance(phrase, str)):
            raise TypeError(f"got {_describe(value)}; expected string 'edtf' and 'phrase'")
        return PartialDate(edtf, phrase=phrase)
    raise TypeError(f'got {_describe(value)}; expected an EDTF string or {{"edtf": ..., "phrase": ...}}')


def _unstructure_partial_date(value: PartialDate) -> str | dict[str, str]:
    if value.phrase is None:
        return value.edtf
    return {"edtf": value.edtf, "phrase": value.phrase}


def _structure_enum(value: object, cls: type[Any]) -> enum.Enum:
    # The data files name a member by its exact value; the queries' aliases and spellings are not data.
    return parse_term(cls, value, "", aliases=False)  # type: ignore[no-any-return]


def _is_homogeneous_collection(cls: Any) -> bool:
    origin = typing.get_origin(cls)
    args = typing.get_args(cls)
    return (origin is tuple and len(args) == 2 and args[1] is Ellipsis) or origin is frozenset


def _collection_hook_factory(
    conv: cattrs.Converter, detailed: bool
) -> Callable[[Any], Callable[[object, type], object]]:
    """Structure a JSON array (nothing else) into a tuple or a frozenset; a frozenset's values must not repeat.

    With ``detailed``, every element's failure is collected with its index, as cattrs' own detailed hooks do.
    """

    def factory(cls: Any) -> Callable[[object, type], object]:
        element_type = typing.get_args(cls)[0]
        to_frozenset = typing.get_origin(cls) is frozenset
        handler = conv.get_structure_hook(element_type)

        def structure_collection(value: object, _: type) -> object:
            if not isinstance(value, list):
                raise TypeError(f"got {_describe(value)}; expected an array")
            items = (
                _structure_elements(value, handler, element_type, cls)
                if detailed
                else [handler(element, element_type) for element in value]
            )
            if not to_frozenset:
                return tuple(items)
            unique = frozenset(items)
            if len(unique) != len(items):
                raise ValueError(f"got {_describe(value)}; expected an array without repeated values")
            return unique

        return structure_collection

    return factory


def _structure_elements(value: list[Any], handler: Any, element_type: Any, cls: Any) -> list[Any]:
    items: list[Any] = []
    errors: list[Exception] = []
    for index, element in enumerate(value):
        if len(errors) >= MAX_ELEMENT_ERRORS:
            break  # enough to fix first; an array of millions of bad elements must not take minutes
        try:
            items.append(handler(element, element_type))
        except Exception as exc:  # noqa: BLE001 - every element's failure is collected with its index
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ {index}", index, element_type)]
            errors.append(exc)
    if errors:
        raise IterableValidationError("invalid elements", errors, cls)
    return items


def _is_frozenset(cls: Any) -> bool:
    return cls is frozenset or typing.get_origin(cls) is frozenset


def _not_data(cls: type) -> dict[str, Any]:
    """cattrs overrides leaving out the attributes of ``cls`` that are not data (see ``data_attributes``)."""
    data = set(data_attributes(cls))
    return {a.name: override(omit=True) for a in attrs.fields(cls) if a not in data}


def _make_converter(detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    # Fixed-point, never an exponent: str(Decimal("1E-7")) is "1E-7", which the strict structure hook refuses.
    conv.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, _unstructure_partial_date)
    # Registered for the Enum class, which covers every subclass: cattrs 24 registers its own hook for Enum this
    # way, and it would win over a predicate hook (register_structure_hook_func).
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook_factory(_is_homogeneous_collection, _collection_hook_factory(conv, detailed))
    conv.register_unstructure_hook_func(
        _is_frozenset, lambda value: sorted((conv.unstructure(item) for item in value), key=str)
    )
    conv.register_structure_hook_factory(
        attrs.has, lambda cls: make_dict_structure_fn(cls, conv, _cattrs_use_linecache=False, **_not_data(cls))
    )
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_use_linecache=False, **_not_data(cls))
    )
    return conv


converter = _make_converter(detailed=False)


@functools.cache
def detailed_converter() -> cattrs.Converter:
    """The converter that reports every problem of a record, with its path; built when first needed."""
    return _make_converter(detailed=True)


def structure(data: object, cls: type[T]) -> T:
    """Build a record (or a tuple of records) from JSON-ready data, strictly."""
    return converter.structure(data, cls)


def unstructure(record: object) -> Any:
    """Turn a record (or a tuple of records) into JSON-ready data: dicts, lists, strings, numbers."""
    return converter.unstructure(record)


def _format(exc: BaseException, expected: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown key(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, (TypeError, ValueError)) and exc.args:
        return str(exc.args[0])
    return f"{type(exc).__name__}: {exc}"


# A record validator's message names the attribute it is about: "id: got ...", "'currency' must match ...".
_VALIDATOR_MESSAGE = re.compile(r"([a-z_][a-z0-9_]*): |.*?'([a-z_][a-z0-9_]*)' must ")


def _point_at_attributes(exc: BaseException) -> None:
    """Attach the attribute a record validator's error is about, so its path is ``$[8].id``, not ``$[8]``.

    cattrs knows the attribute for errors raised while structuring a value, but an attrs validator runs in the
    class's ``__init__``, after every value is structured, so cattrs reports it at the record.
    """
    if isinstance(exc, ClassValidationError):
        fields = attrs.fields_dict(exc.cl) if attrs.has(exc.cl) else {}
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            if any(isinstance(n, (AttributeValidationNote, IterableValidationNote)) for n in notes) or not sub.args:
                continue
            match = _VALIDATOR_MESSAGE.match(str(sub.args[0]))
            name = (match[1] or match[2]) if match else None
            if name in fields:
                sub.__notes__ = [*notes, AttributeValidationNote(f"Structuring attribute {name}", name, Any)]
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            _point_at_attributes(inner)


def describe_error(exc: BaseException, path: str = "$") -> list[str]:
    """Every problem in a cattrs structuring error, as ``path: message`` lines."""
    _point_at_attributes(exc)
    lines = cattrs.transform_error(exc, path=path, format_exception=_format)
    result = []
    for line in lines:
        message, _, where = line.rpartition(" @ ")
        attribute = where.rpartition(".")[2]
        message = message.removeprefix(f"{attribute}: ")  # the path names it already
        result.append(f"{where}: {message}")
    return result
