"""A fast, strict path from parsed JSON to records, used before the cattrs converter of ``_convert``.

Importing cattrs and generating its structuring hooks costs more than reading the whole bundled dataset, and
the first query pays for it. This module builds records directly from each field's annotation, with the same
strictness as ``_convert`` (unknown keys rejected, nothing coerced) and the same attrs validators (they run in
each class's ``__init__``). It only ever accepts what the converter accepts: on anything it does not expect it
raises ``Unsupported`` (its own, unreported exception), and the loader then structures that file with the
converter, which reports every problem with its JSON path. A field annotation this module does not know turns
the fast path off for its class, so a new model field can never be structured wrongly here.
"""

from __future__ import annotations

import enum
import inspect
import operator
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from ._dates import PartialDate

__all__ = ["Unsupported", "structure_all"]

Parse = Callable[[Any], Any]


class Unsupported(Exception):
    """The fast path cannot build this input; the cattrs converter must structure it (and report its errors)."""


def _fail() -> Any:
    raise Unsupported


def _str(value: Any) -> Any:
    return value if type(value) is str else _fail()


def _int(value: Any) -> Any:
    return value if type(value) is int else _fail()


def _bool(value: Any) -> Any:
    return value if type(value) is bool else _fail()


def _decimal(value: Any) -> Any:
    # The converter's rule: a string of optional "-", digits, optionally "." and digits.
    if type(value) is str and value:
        body = value[1:] if value[0] == "-" else value
        whole, dot, fraction = body.partition(".")
        if whole.isascii() and whole.isdigit() and (not dot or (fraction.isascii() and fraction.isdigit())):
            return Decimal(value)
    return _fail()


# PartialDate is immutable, so records may share one: datasets repeat the same few thousand date strings.
_dates: dict[str, PartialDate] = {}


def _partial_date(value: Any) -> Any:
    if type(value) is str:
        found = _dates.get(value)
        if found is None:
            found = _dates[value] = PartialDate(value)
        return found
    if type(value) is dict and "edtf" in value and value.keys() <= {"edtf", "phrase"}:
        edtf, phrase = value["edtf"], value.get("phrase")
        if type(edtf) is str and (phrase is None or type(phrase) is str):
            return PartialDate(edtf, phrase=phrase)
    return _fail()


def _optional(parse: Parse) -> Parse:
    def parse_optional(value: Any) -> Any:
        return None if value is None else parse(value)

    return parse_optional


# The parsers below loop in C where they can (map, set.issuperset): loading 10^5 events calls them 10^6 times.
_ONLY_STR = frozenset({str})


def _tuple_of(parse: Parse) -> Parse:
    if parse is _str:

        def parse_strings(value: Any) -> Any:
            if type(value) is not list or not _ONLY_STR.issuperset(map(type, value)):
                return _fail()
            return tuple(value)

        return parse_strings

    def parse_tuple(value: Any) -> Any:
        if type(value) is not list:
            return _fail()
        return tuple(map(parse, value))

    return parse_tuple


def _frozenset_of(parse: Parse) -> Parse:
    def parse_frozenset(value: Any) -> Any:
        if type(value) is not list:
            return _fail()
        result = frozenset(map(parse, value))
        return result if len(result) == len(value) else _fail()

    return parse_frozenset


def _enum(cls: type[enum.Enum]) -> Parse:
    members = cls._value2member_map_
    if all(type(value) is str for value in members):
        # Only a str equals a str key: any other value, or an unknown string, raises KeyError or TypeError
        # (unhashable), which structure_all turns into Unsupported, as it does every exception.
        return members.__getitem__

    def parse_enum(value: Any) -> Any:
        member = members.get(value) if type(value) is str else None
        return _fail() if member is None else member

    return parse_enum


_SCALARS: dict[str, Parse] = {
    "str": _str,
    "int": _int,
    "bool": _bool,
    "Decimal": _decimal,
    "PartialDate": _partial_date,
}
# The scalar annotations whose type record_parser checks in bulk, with the types each accepts (exactly:
# ``type(x) is int``, so that a bool is not an int, as in _int).
_SCALAR_TYPES: dict[str, frozenset[type]] = {
    **{name: frozenset({kind}) for name, kind in (("str", str), ("int", int), ("bool", bool))},
    **{f"{name} | None": frozenset({kind, type(None)}) for name, kind in (("str", str), ("int", int), ("bool", bool))},
}
_contains = frozenset.__contains__
_OMITTED = {"root"}  # Source.root is where a source was loaded from, set by the loader, never read from JSON
_parsers: dict[type, Parse | None] = {}


def _parser_for(annotation: str, namespace: dict[str, Any]) -> Parse | None:
    """A parser for a field annotation written as a string, or ``None`` when the fast path does not know it."""
    annotation = annotation.strip()
    if annotation.endswith(" | None"):
        inner = _parser_for(annotation[: -len(" | None")], namespace)
        return None if inner is None else _optional(inner)
    if annotation.startswith("tuple[") and annotation.endswith(", ...]"):
        inner = _parser_for(annotation[len("tuple[") : -len(", ...]")], namespace)
        return None if inner is None else _tuple_of(inner)
    if annotation.startswith("frozenset[") and annotation.endswith("]"):
        inner = _parser_for(annotation[len("frozenset[") : -1], namespace)
        return None if inner is None else _frozenset_of(inner)
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    target = namespace.get(annotation)
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return _enum(target)
    if isinstance(target, type) and attrs.has(target):
        return record_parser(target)
    return None


def _annotation(cls: type, name: str) -> str | None:
    """A field's annotation as written (a string: the models use ``from __future__ import annotations``).

    Read from the class bodies rather than ``attrs.fields``, whose types cattrs replaces with resolved ones.
    """
    for klass in cls.__mro__:
        annotations = inspect.get_annotations(klass)
        if name in annotations:
            found = annotations[name]
            return found if isinstance(found, str) else None
    return None


def record_parser(cls: type) -> Parse | None:
    """A parser building ``cls`` from a JSON object, or ``None`` if a field's annotation is not supported."""
    if cls in _parsers:
        return _parsers[cls]
    _parsers[cls] = None  # a self-referencing class is not supported
    namespace = vars(sys.modules[cls.__module__])
    # Scalar fields are checked together, in C: the type of each one's value (None where it is absent, which
    # only an optional field may be) must be one of the field's types. The other fields go through a parser.
    scalar_keys: list[str] = []
    scalar_types: list[frozenset[type]] = []
    parsed: list[tuple[str, Parse]] = []
    required: set[str] = set()
    for field in attrs.fields(cls):
        if field.name in _OMITTED or not field.init:
            continue
        annotation = _annotation(cls, field.name)
        parse = None if annotation is None else _parser_for(annotation, namespace)
        if parse is None or annotation is None:
            return None
        required_field = field.default is attrs.NOTHING
        types = _SCALAR_TYPES.get(annotation.strip())
        if types is not None and (required_field or type(None) in types):
            scalar_keys.append(field.name)
            scalar_types.append(types)
        else:
            parsed.append((field.name, parse))
        if required_field:
            required.add(field.name)
    allowed = frozenset(scalar_keys) | {name for name, _ in parsed}
    if not parsed and required == allowed:
        _parsers[cls] = parse_scalars = _scalar_record_parser(cls, tuple(scalar_keys), tuple(scalar_types))
        return parse_scalars

    required_names = tuple(name for name, _ in parsed if name in required)
    required_parsers = tuple(parse for name, parse in parsed if name in required)
    optional_parsed = tuple((name, parse) for name, parse in parsed if name not in required)

    def parse_record(value: Any) -> Any:
        if (
            type(value) is not dict
            or not value.keys() <= allowed
            or not required <= value.keys()
            or not all(map(_contains, scalar_types, map(type, map(value.get, scalar_keys))))
        ):
            return _fail()
        if parsed:
            value = value.copy()
            # Required fields are present (checked above): their parsers are applied in C, the rest one by one.
            value.update(
                zip(
                    required_names,
                    map(operator.call, required_parsers, map(value.__getitem__, required_names)),
                    strict=True,
                )
            )
            for name, parse in optional_parsed:
                if name in value:
                    value[name] = parse(value[name])
        return cls(**value)

    _parsers[cls] = parse_record
    return parse_record


# Records of only required scalar fields (Citation) built from equal values, in one file: they are immutable, so
# records may share one, as they share PartialDates. Datasets cite the same few quotes again and again. One
# cache per class, so that equal values of two classes never meet.
_shared: list[dict[tuple[Any, ...], Any]] = []


def _scalar_record_parser(cls: type, keys: tuple[str, ...], types: tuple[frozenset[type], ...]) -> Parse:
    """A parser for a class whose fields are all required scalars, sharing the record built from equal values.

    Each value's type is checked exactly first, so that equal keys mean identical arguments (``True == 1``
    cannot mix an int with a bool); a new combination is built by ``cls``, whose validators run as always.
    """
    allowed = frozenset(keys)
    width = len(keys)
    get_values = operator.itemgetter(*keys) if width > 1 else (lambda value: (value[keys[0]],))
    built: dict[tuple[Any, ...], Any] = {}
    _shared.append(built)

    def parse_scalars(value: Any) -> Any:
        if type(value) is not dict or len(value) != width or value.keys() != allowed:
            return _fail()
        values = get_values(value)
        if not all(map(_contains, types, map(type, values))):
            return _fail()
        found = built.get(values)
        if found is None:
            found = built[values] = cls(**value)
        return found

    return parse_scalars


def _clear_shared() -> None:
    for built in _shared:
        built.clear()


def structure_all(items: list[Any], cls: type, **extra: Any) -> list[Any]:
    """Build one ``cls`` per item; raise ``Unsupported`` if any item needs the converter (valid or not).

    ``extra`` is passed to every record's constructor (the loader's ``root`` for sources).
    """
    parse = record_parser(cls)
    if parse is None:
        raise Unsupported
    _dates.clear()  # shared within one file only, so that the caches never outgrow the data being read
    _clear_shared()
    try:
        if extra:
            return [attrs.evolve(parse(item), **extra) for item in items]
        return [parse(item) for item in items]
    except Unsupported:
        raise
    except Exception as exc:  # a validator or PartialDate rejected a value: the converter reports it with its path
        raise Unsupported from exc
    finally:
        _dates.clear()
        _clear_shared()
