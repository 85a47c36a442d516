"""A fast, strict path from parsed JSON to records, used before the cattrs converter of ``_convert``.

Importing cattrs and generating its structuring hooks costs more than reading the whole bundled dataset, and
the first query pays for it. This module builds records directly from each field's annotation, with the same
strictness as ``_convert`` (unknown keys rejected, nothing coerced) and the same attrs validators (every record
is built by its class's ``__init__``, or as that ``__init__`` builds it: see ``_direct_constructor``). It only
ever accepts what the converter accepts: on anything it does not expect it raises ``Unsupported`` (its own,
unreported exception), and the loader then structures that file with the converter, which reports every
problem with its JSON path. A field annotation this module does not know turns the fast path off for its class,
so a new model field can never be structured wrongly here.

It works a column at a time: a file's records are checked and parsed one field over all records at once, with
the loops in C (``map``, ``set.issuperset``, ``chain``) rather than a Python call per record and field, because
loading 10^5 events would otherwise make millions of Python calls before any constructor runs.
"""

from __future__ import annotations

import enum
import inspect
import sys
from collections import deque
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import chain, compress, islice, repeat
from operator import contains, getitem, is_not, itemgetter
from types import MemberDescriptorType
from typing import Any, NoReturn

import attrs

from ._dates import PartialDate
from ._models import accepts_all

__all__ = ["Unsupported", "structure_all"]

# A column parser takes the JSON values of one field over many records and returns one value per item, in order.
Column = Callable[[list[Any]], list[Any]]


class Unsupported(Exception):
    """The fast path cannot build this input; the cattrs converter must structure it (and report its errors)."""


def _fail() -> NoReturn:
    raise Unsupported


def _consume(iterable: Iterable[Any]) -> None:
    """Run an iterator of side effects to its end, in C (the ``consume`` recipe of ``itertools``)."""
    deque(iterable, maxlen=0)


def _of_types(types: frozenset[type]) -> Column:
    """A column of JSON scalars kept as they are, each of one of ``types`` exactly (a bool is not an int)."""

    def check(column: list[Any]) -> list[Any]:
        return column if types.issuperset(map(type, column)) else _fail()

    return check


def _decimal(value: Any) -> Any:
    # The converter's rule: a string of optional "-", digits, optionally "." and digits.
    if type(value) is str and value:
        body = value[1:] if value[0] == "-" else value
        whole, dot, fraction = body.partition(".")
        if whole.isascii() and whole.isdigit() and (not dot or (fraction.isascii() and fraction.isdigit())):
            return Decimal(value)
    return _fail()


def _partial_date(value: Any) -> Any:
    if type(value) is str:
        return PartialDate(value)
    if type(value) is dict and "edtf" in value and value.keys() <= {"edtf", "phrase"}:
        edtf, phrase = value["edtf"], value.get("phrase")
        if type(edtf) is str and (phrase is None or type(phrase) is str):
            return PartialDate(edtf, phrase=phrase)
    return _fail()


def _partial_dates(column: list[Any]) -> list[Any]:
    if _ONLY_STR.issuperset(map(type, column)):
        # Each distinct string is parsed once and its records share the PartialDate (it is immutable):
        # datasets repeat the same few thousand dates.
        parsed = {text: PartialDate(text) for text in dict.fromkeys(column)}
        return list(map(parsed.__getitem__, column))
    return list(map(_partial_date, column))


def _each(parse: Callable[[Any], Any]) -> Column:
    """A column parser applying an item parser to each value."""
    return lambda column: list(map(parse, column))


def _enum(cls: type[enum.Enum]) -> Column:
    members = cls._value2member_map_
    if all(type(value) is str for value in members):
        # Only a str equals a str key: any other value, or an unknown string, raises KeyError or TypeError
        # (unhashable), which structure_all turns into Unsupported, as it does every exception.
        return _each(members.__getitem__)

    def parse_enum(value: Any) -> Any:
        member = members.get(value) if type(value) is str else None
        return _fail() if member is None else member

    return _each(parse_enum)


def _optional(parse: Column) -> Column:
    def parse_optional(column: list[Any]) -> list[Any]:
        present = list(compress(range(len(column)), map(is_not, column, repeat(None))))
        if len(present) == len(column):
            return parse(column)
        result: list[Any] = [None] * len(column)
        _consume(map(result.__setitem__, present, parse(list(map(column.__getitem__, present)))))
        return result

    return parse_optional


_ONLY_STR = frozenset({str})
_ONLY_LIST = frozenset({list})
_ONLY_DICT = frozenset({dict})


def _flat(column: list[Any]) -> list[Any]:
    """The items of a column of JSON arrays, one after another; ``Unsupported`` unless every value is an array."""
    return list(chain.from_iterable(column)) if _ONLY_LIST.issuperset(map(type, column)) else _fail()


def _regrouped(column: list[Any], flat: list[Any], into: type[tuple[Any, ...] | frozenset[Any]]) -> list[Any]:
    """``flat`` (parsed from the arrays of ``column``, in order) cut back into one ``into`` per array."""
    items = iter(flat)
    lengths = set(map(len, column))
    if into is tuple and len(lengths) == 1 and (length := lengths.pop()):
        return list(zip(*[items] * length, strict=True))  # arrays of one length (one citation each, often)
    return list(map(into, map(islice, repeat(items), map(len, column))))


def _tuple_of(parse: Column, types: frozenset[type] | None) -> Column:
    def parse_tuples(column: list[Any]) -> list[Any]:
        flat = _flat(column)
        if types is not None:  # scalars: checked, and each array becomes a tuple as it is
            return list(map(tuple, column)) if types.issuperset(map(type, flat)) else _fail()
        return _regrouped(column, parse(flat), tuple)

    return parse_tuples


def _frozenset_of(parse: Column) -> Column:
    def parse_frozensets(column: list[Any]) -> list[Any]:
        sets = _regrouped(column, parse(_flat(column)), frozenset)
        # A repeated member is refused, as the converter refuses it.
        return sets if list(map(len, sets)) == list(map(len, column)) else _fail()

    return parse_frozensets


_SCALAR_TYPES: dict[str, frozenset[type]] = {
    **{name: frozenset({kind}) for name, kind in (("str", str), ("int", int), ("bool", bool))},
    **{f"{name} | None": frozenset({kind, type(None)}) for name, kind in (("str", str), ("int", int), ("bool", bool))},
}
_PARSERS: dict[str, Column] = {
    "Decimal": _each(_decimal),
    "PartialDate": _partial_dates,
    **{name: _of_types(types) for name, types in _SCALAR_TYPES.items() if "None" not in name},
}
_OMITTED = {"root"}  # Source.root is where a source was loaded from, set by the loader, never read from JSON
_builders: dict[type, Column | None] = {}


def _parser_for(annotation: str, namespace: dict[str, Any]) -> Column | None:
    """A column parser for a field annotation written as a string, or ``None`` when the fast path does not know it."""
    annotation = annotation.strip()
    if annotation.endswith(" | None"):
        inner = _parser_for(annotation[: -len(" | None")], namespace)
        return None if inner is None else _optional(inner)
    if annotation.startswith("tuple[") and annotation.endswith(", ...]"):
        item = annotation[len("tuple[") : -len(", ...]")].strip()
        inner = _parser_for(item, namespace)
        return None if inner is None else _tuple_of(inner, _SCALAR_TYPES.get(item))
    if annotation.startswith("frozenset[") and annotation.endswith("]"):
        inner = _parser_for(annotation[len("frozenset[") : -1], namespace)
        return None if inner is None else _frozenset_of(inner)
    if annotation in _PARSERS:
        return _PARSERS[annotation]
    target = namespace.get(annotation)
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return _enum(target)
    if isinstance(target, type) and attrs.has(target):
        return _builder(target)
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


def _builder(cls: type) -> Column | None:
    """A column parser building one ``cls`` per JSON object, or ``None`` if the fast path cannot build ``cls``."""
    if cls in _builders:
        return _builders[cls]
    _builders[cls] = None  # a self-referencing class is not supported
    namespace = vars(sys.modules[cls.__module__])
    # A scalar field's values are only checked: the type of each (its default where it is absent) must be one of
    # the field's types. The other fields' values are parsed.
    scalars: list[tuple[str, frozenset[type], Any]] = []
    parsed: list[tuple[str, Column, Any]] = []
    omitted: list[tuple[str, Any]] = []
    for field in attrs.fields(cls):
        if not _taken_as_given(field):
            return None  # left to the converter
        if field.name in _OMITTED:
            omitted.append((field.name, field.default))
            continue
        annotation = _annotation(cls, field.name)
        parse = None if annotation is None else _parser_for(annotation, namespace)
        if parse is None or annotation is None:
            return None
        types = _SCALAR_TYPES.get(annotation.strip())
        if types is not None and (field.default is attrs.NOTHING or type(None) in types):
            scalars.append((field.name, types, field.default))
        else:
            parsed.append((field.name, parse, field.default))
    allowed = frozenset(name for name, _, _ in scalars) | {name for name, _, _ in parsed}
    if not parsed and not omitted and len(scalars) > 1 and all(d is attrs.NOTHING for _, _, d in scalars):
        build = _builders[cls] = _shared_records(cls, tuple(name for name, _, _ in scalars), [t for _, t, _ in scalars])
        return build
    construct = _direct_constructor(cls) or _keyword_constructor(cls)

    def build_records(column: list[Any], extra: dict[str, Any] | None = None) -> list[Any]:
        if not _ONLY_DICT.issuperset(map(type, column)) or not all(map(allowed.issuperset, column)):
            return _fail()
        values: dict[str, list[Any]] = {}
        for name, types, default in scalars:
            if default is attrs.NOTHING:  # a required field missing from an object raises KeyError: Unsupported
                values[name] = list(map(getitem, column, repeat(name)))
            else:
                values[name] = list(map(dict.get, column, repeat(name), repeat(default)))
            if not types.issuperset(map(type, values[name])):
                return _fail()
        for name, parse, default in parsed:
            if default is attrs.NOTHING:
                values[name] = parse(list(map(getitem, column, repeat(name))))
                continue
            values[name] = found = [default] * len(column)
            present = list(compress(range(len(column)), map(contains, column, repeat(name))))
            if present:
                given = parse(list(map(getitem, map(column.__getitem__, present), repeat(name))))
                _consume(map(found.__setitem__, present, given))
        for name, default in omitted:
            values[name] = [extra[name] if extra and name in extra else default] * len(column)
        return construct(values, len(column))

    _builders[cls] = build_records
    return build_records


def _keyword_constructor(cls: type) -> Callable[[dict[str, list[Any]], int], list[Any]]:
    """Build ``n`` records from columns of values through ``cls``'s ``__init__``, one call per record."""

    def construct(values: dict[str, list[Any]], n: int) -> list[Any]:
        names = tuple(values)
        return [cls(**dict(zip(names, row, strict=True))) for row in zip(*values.values(), strict=True)]

    return construct


def _direct_constructor(cls: type) -> Callable[[dict[str, list[Any]], int], list[Any]] | None:
    """Build records from columns of values as attrs' ``__init__`` builds them, a field at a time; ``None`` for
    a class whose ``__init__`` may do more than that.

    An ``__init__`` that attrs generates for a slotted class without converters, factories or init hooks does
    two things: it sets each field's slot, then (unless validators are disabled) calls each field's validator
    with the record, the field and the value. This does the same over all records at once: each slot is set
    with ``map`` and the slot's descriptor, and each field is validated with its validator's column check
    (``_models.accepts_all``, in C), or by calling the validator for each record where it has none. Loading
    10^5 events otherwise makes 10^6 validator calls, most of the time it takes to build them.
    """
    fields = attrs.fields(cls)
    if (
        any("__new__" in vars(klass) for klass in cls.__mro__ if klass is not object)
        or any(hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__"))
        or _slot_names(cls) - {"__weakref__"} != {field.name for field in fields}  # such as a cached hash
        or not all(isinstance(_declared(cls, field.name), MemberDescriptorType) for field in fields)
        or not all(map(_taken_as_given, fields))
    ):
        return None
    setters = [(field.name, _declared(cls, field.name).__set__) for field in fields]
    checks = [(field, accepts_all.get(field.validator)) for field in fields if field.validator is not None]

    def construct(values: dict[str, list[Any]], n: int) -> list[Any]:
        records: list[Any] = list(map(object.__new__, repeat(cls, n)))
        for name, set_slot in setters:
            _consume(map(set_slot, records, values[name]))
        if attrs.validators.get_disabled():  # as attrs' __init__ skips them
            return records
        for field, accepts in checks:
            if accepts is None:
                _consume(map(field.validator, records, repeat(field), values[field.name]))
            elif not accepts(values[field.name]):
                return _fail()
        return records

    return construct


def _shared_records(cls: type, keys: tuple[str, ...], types: list[frozenset[type]]) -> Column:
    """A column parser for a class of two or more fields, all required scalars (``Citation``).

    Objects with equal values share one record (it is immutable), as records share PartialDates: datasets cite
    the same few quotes again and again. Each value's type is checked exactly first, so that equal values mean
    identical arguments (``True == 1`` cannot mix an int with a bool); each distinct record is built by ``cls``,
    whose validators run as always.
    """
    values_of = itemgetter(*keys)
    width = {len(keys)}

    def build_shared(column: list[Any]) -> list[Any]:
        # Objects of as many keys as the class has fields, each of which they give (a missing one raises
        # KeyError, so Unsupported): exactly those keys.
        if not _ONLY_DICT.issuperset(map(type, column)) or not width.issuperset(map(len, column)):
            return _fail()
        rows = list(map(values_of, column))
        for position, accepted in enumerate(types):
            if not accepted.issuperset(map(type, map(itemgetter(position), rows))):
                return _fail()
        built = {row: cls(**dict(zip(keys, row, strict=True))) for row in dict.fromkeys(rows)}
        return list(map(built.__getitem__, rows))

    return build_shared


def _taken_as_given(field: attrs.Attribute[Any]) -> bool:
    """Whether ``__init__`` takes the field's value as given: no converter, and no default made per record."""
    return field.init and field.converter is None and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]


def _declared(cls: type, name: str) -> Any:
    """What ``cls`` or its nearest base declares as ``name`` (a slot's descriptor, for a slot), or ``None``."""
    for klass in cls.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    return None


def _slot_names(cls: type) -> set[str]:
    """The names of the slots ``cls`` and its bases declare."""
    names: set[str] = set()
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names.update((slots,) if isinstance(slots, str) else slots)
    return names


def structure_all(items: list[Any], cls: type, **extra: Any) -> list[Any]:
    """Build one ``cls`` per item; raise ``Unsupported`` if any item needs the converter (valid or not).

    ``extra`` is passed to every record's constructor (the loader's ``root`` for sources).
    """
    build = _builder(cls)
    if build is None:
        raise Unsupported
    try:
        return build(items, extra)  # type: ignore[call-arg]
    except Unsupported:
        raise
    except Exception as exc:  # a validator or PartialDate rejected a value: the converter reports it with its path
        raise Unsupported from exc
