"""The record types: immutable, slotted attrs classes holding only tuples, frozensets and scalars.

Every record has a stable, human-readable ``id`` (``kind:slug``) and at least one ``Citation`` whose quote is a
verbatim substring of a shipped source text. Records refer to each other by id.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import is_not
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from ._dates import PartialDate
from ._vocab import AgreementKind, EventKind, FactTopic, Field, FigureKind, RelationsStatus

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
else:
    # At run time only cattrs and typing.get_type_hints read Source.root's annotation (and both leave the field
    # out); importing importlib.resources for it would add about 6 ms to the first query.
    Traversable = Any

__all__ = [
    "Agreement",
    "Citation",
    "Country",
    "Event",
    "Fact",
    "Figure",
    "Mission",
    "Money",
    "Organization",
    "Person",
    "Place",
    "Record",
    "RelationsPeriod",
    "Role",
    "Source",
    "Statement",
]

_ID_RE = re.compile(r"[a-z]+:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
# Bound methods looked up once: validators run for every field of every record, 10^5 records a second and more.
_is_id = _ID_RE.fullmatch


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# The validators below are plain functions, each doing all its checks in one call: attrs' composed validators
# (``and_``, ``optional``, ``deep_iterable``, ``instance_of``, ``min_len``) make one Python call per part, and
# loading a large folder runs them for every field of every record. Wrong types raise ``TypeError`` and wrong
# values ``ValueError``, as the attrs validators they replace did; each message names the attribute, the value
# and what is accepted.


# Column checks: for a validator below, a function of a list of values that is true exactly when the validator
# accepts every one of them, with its loop in C. The loader's fast path (``_structure``) validates a file's
# records a field at a time with them; a validator without one is called for each record, as attrs calls it.
# tests/test_structure_fast_path.py checks each against its validator.
accepts_all: dict[Validator, Callable[[list[Any]], bool]] = {}


def _all_match(is_match: Callable[[str], object], values: Iterable[object], *, repeated: bool = False) -> bool:
    """Whether every value is a str (or a subclass) that ``is_match`` accepts.

    ``repeated``: check each distinct value once, for fields whose values repeat (references to the same few
    records, codes); hashing values that never repeat (ids, summaries) would only add to the cost.
    """
    try:
        return all(map(is_match, set(values) if repeated else values))  # type: ignore[arg-type]
    except TypeError:  # unhashable, or a str method or pattern given anything but a str
        return False


def _present(values: list[Any]) -> Iterable[Any]:
    """The values that are not None."""
    return compress(values, map(is_not, values, repeat(None)))


def _all_instances(values: Iterable[object], cls: type) -> bool:
    return all(map(isinstance, values, repeat(cls)))


def _id_validator(prefix: str) -> Validator:
    """Check that an id reads ``prefix:slug`` with a lowercase, hyphenated slug."""
    # An id of the right kind starts with "prefix:" (the kind is lowercase letters and a slug has no ":"). One
    # pattern for every kind: compiling a pattern per kind would cost the first query about 1.5 ms.
    start = prefix + ":"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not value.startswith(start) or not _is_id(value):
            raise ValueError(
                f"{attribute.name}: got {value!r}; expected '{prefix}:' followed by a lowercase slug "
                f"of letters, digits and hyphens"
            )

    accepts_all[check] = lambda values: _all_match(_is_id, values) and all(map(str.startswith, values, repeat(start)))
    return check


def _ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, tuple):
        # Matched in C; a str pattern refuses anything but a str (or a subclass) with TypeError.
        try:
            if all(map(_is_id, value)):
                return
        except TypeError:
            pass
    raise ValueError(f"{attribute.name}: got {value!r}; expected a tuple of record ids ('kind:slug')")


accepts_all[_ids] = lambda values: (
    _all_instances(values, tuple) and _all_match(_is_id, chain.from_iterable(values), repeated=True)
)


def _required_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not (isinstance(value, str) and _is_id(value)):
        raise ValueError(f"{attribute.name}: got {value!r}; expected a record id ('kind:slug')")


def _optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not (isinstance(value, str) and _is_id(value)):
        raise ValueError(f"{attribute.name}: got {value!r}; expected None or a record id ('kind:slug')")


accepts_all[_optional_id] = lambda values: _all_match(_is_id, _present(values), repeated=True)


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: got {value!r}; expected a non-empty string")


accepts_all[_text] = functools.partial(_all_match, str.strip)


def _strings(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{attribute.name}: got {value!r}; expected a tuple of non-empty strings")


accepts_all[_strings] = lambda values: (
    _all_instances(values, tuple) and _all_match(str.strip, chain.from_iterable(values))
)


def _instance_of(cls: type, optional: bool = False) -> Validator:
    """``attrs.validators.instance_of(cls)`` (wrapped in ``optional`` if asked) as one plain function."""
    accepted = f"None or a {cls.__name__}" if optional else f"a {cls.__name__}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls) and not (optional and value is None):
            raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r}; expected {accepted}")

    accepts_all[check] = lambda values: _all_instances(_present(values) if optional else values, cls)
    return check


def _matches(pattern: str | re.Pattern[str], *, optional: bool = False) -> Validator:
    """``attrs.validators.matches_re(pattern)`` (in ``optional`` if asked), with a column check.

    An attrs validator rather than a plain function: the JSON Schema (``_schema``) reads the pattern from it.
    """
    matches = v.matches_re(pattern)
    validator = v.optional(matches) if optional else matches
    is_match = matches.pattern.fullmatch  # type: ignore[attr-defined]
    accepts_all[validator] = lambda values: _all_match(
        is_match, _present(values) if optional else values, repeated=True
    )
    return validator


_optional_text = v.optional(_text)
_optional_date = _instance_of(PartialDate, optional=True)


def _count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """None or an int of at least 1 (``bool`` is an ``int``, as for ``instance_of(int)``)."""
    if value is None:
        return
    if not isinstance(value, int):
        raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r}; expected None or an int >= 1")
    if value < 1:
        raise ValueError(f"{attribute.name}: got {value!r}; expected None or an int >= 1")


def _all_counts(values: list[Any]) -> bool:
    counts = list(_present(values))
    return _all_instances(counts, int) and min(counts, default=1) >= 1


accepts_all[_count] = _all_counts


class _Displayed:
    """Rich display for records in Jupyter (``_repr_html_``) and IPython (``_repr_pretty_``); it holds no state."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # IPython uses the first of __repr__ and _repr_pretty_ that it meets along the MRO, and attrs gives each
        # record class its own __repr__: the record class itself must hold _repr_pretty_.
        super().__init_subclass__(**kwargs)
        cls._repr_pretty_ = _Displayed._repr_pretty_  # type: ignore[method-assign]

    def _repr_html_(self) -> str:
        from ._display import record_html

        return record_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from ._display import record_text

        printer.text(repr(self) if cycle else record_text(self))


@attrs.frozen(kw_only=True)
class Citation:
    """Where a record's evidence is: a verbatim ``quote`` at ``[start, end)`` in a source's text.

    Offsets count Unicode code points, as W3C Web Annotation TextPositionSelector does; the quote is its
    TextQuoteSelector ``exact``.
    """

    source_id: str = attrs.field(validator=_id_validator("source"))
    quote: str = attrs.field(validator=_text)
    start: int = attrs.field()
    end: int = attrs.field()

    @start.validator
    def _check_start(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int):
            raise TypeError(f"start: got {type(value).__name__} {value!r}; expected an int >= 0")
        if value < 0:
            raise ValueError(f"start: got {value!r}; expected an int >= 0")

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int):
            raise TypeError(f"end: got {type(value).__name__} {value!r}; expected an int")
        if value - self.start != len(self.quote):
            raise ValueError(f"end: got {value!r}; expected start + len(quote) = {self.start + len(self.quote)}")


def _citations(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A tuple of ``Citation`` of length >= 1 (``deep_iterable(instance_of(Citation), instance_of(tuple))`` and
    ``min_len(1)``)."""
    accepted = "a tuple of Citation of length >= 1"
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r}; expected {accepted}")
    for item in value:
        if not isinstance(item, Citation):
            raise TypeError(f"{attribute.name}: got {type(item).__name__} {item!r} in the tuple; expected {accepted}")
    if not value:
        raise ValueError(f"{attribute.name}: got {value!r}; expected {accepted}")


accepts_all[_citations] = lambda values: (
    _all_instances(values, tuple) and all(values) and _all_instances(chain.from_iterable(values), Citation)
)


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money: a ``Decimal`` amount in an ISO 4217 ``currency`` (``"USD"``, ``"EUR"``)."""

    amount: Decimal = attrs.field(validator=v.instance_of(Decimal))
    currency: str = attrs.field(validator=_matches(r"[A-Z]{3}"))

    @amount.validator
    def _check_amount(self, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if not value.is_finite() or value < 0:
            raise ValueError(f"amount: got {value!r}; expected a finite, non-negative Decimal")

    def __str__(self) -> str:
        return f"{self.amount:,} {self.currency}"


@attrs.frozen(kw_only=True)
class Source(_Displayed):
    """A source document shipped with the package, so that every quote can be checked against it.

    ``text`` is read on first use and checked by :func:`verify` against ``sha256``.
    """

    id: str = attrs.field(validator=_id_validator("source"))
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=_text)
    language: str = attrs.field(validator=_matches(r"[a-z]{2,3}(-[A-Za-z0-9]+)*"))
    published: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    license: str = attrs.field(validator=_text)
    attribution: str = attrs.field(validator=_text)
    url: str | None = attrs.field(default=None, validator=_matches(r"https://\S+", optional=True))
    text_file: str = attrs.field(validator=_matches(r"texts/[A-Za-z0-9._-]+\.txt"))
    sha256: str = attrs.field(validator=_matches(_SHA256_RE))
    notes: str | None = attrs.field(default=None, validator=_optional_text)
    root: Traversable | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    @functools.cached_property
    def text(self) -> str:
        """The full text of the source, exactly as shipped (UTF-8)."""
        return self.raw_bytes.decode("utf-8")

    @property
    def raw_bytes(self) -> bytes:
        """The shipped file's bytes, as hashed by ``sha256``."""
        if self.root is None:
            raise LookupError(f"source {self.id!r} has no dataset folder to read {self.text_file!r} from")
        return self.root.joinpath(*self.text_file.split("/")).read_bytes()

    def computed_sha256(self) -> str:
        """The SHA-256 of the shipped file as it is now."""
        import hashlib  # only needed by verify(); importing it at first query would cost about 3 ms

        return hashlib.sha256(self.raw_bytes).hexdigest()


@attrs.frozen(kw_only=True)
class Country(_Displayed):
    """A country, with its ISO 3166-1 codes."""

    id: str = attrs.field(validator=_id_validator("country"))
    name: str = attrs.field(validator=_text)
    alpha2: str = attrs.field(validator=_matches(r"[A-Z]{2}"))
    alpha3: str = attrs.field(validator=_matches(r"[A-Z]{3}"))
    numeric: str = attrs.field(validator=_matches(r"[0-9]{3}"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Role:
    """A position a person held, as the source gives it: title, country, organization and period."""

    title: str = attrs.field(validator=_text)
    country: str | None = attrs.field(default=None, validator=_optional_id)
    organization: str | None = attrs.field(default=None, validator=_optional_id)
    period: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    qualifier: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Person(_Displayed):
    """A person named by a source; ``aliases`` holds the sources' spellings and the usual transliteration."""

    id: str = attrs.field(validator=_id_validator("person"))
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    roles: tuple[Role, ...] = attrs.field(
        default=(), validator=v.deep_iterable(v.instance_of(Role), v.instance_of(tuple))
    )
    born: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    died: PartialDate | None = attrs.field(default=None, validator=_optional_date)

    @died.validator
    def _check_lifetime(self, attribute: attrs.Attribute[PartialDate | None], value: PartialDate | None) -> None:
        if value is not None and isinstance(self.born, PartialDate) and value.latest < self.born.earliest:
            raise ValueError(f"died: got {value.edtf!r}, which is before born {self.born.edtf!r}")

    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Organization(_Displayed):
    """A government body, news organization or other institution named by a source."""

    id: str = attrs.field(validator=_id_validator("org"))
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    country: str | None = attrs.field(default=None, validator=_optional_id)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Place(_Displayed):
    """A city, building or region named by a source."""

    id: str = attrs.field(validator=_id_validator("place"))
    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=v.in_(("city", "building", "region", "site")))
    country: str | None = attrs.field(default=None, validator=_optional_id)
    within: str | None = attrs.field(default=None, validator=_optional_id)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Mission(_Displayed):
    """A diplomatic mission (an embassy) of one country in another."""

    id: str = attrs.field(validator=_id_validator("mission"))
    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=v.in_(("embassy",)))
    sending_country: str = attrs.field(validator=_required_id)
    host_country: str = attrs.field(validator=_required_id)
    place: str | None = attrs.field(default=None, validator=_optional_id)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Event(_Displayed):
    """Something that happened on a (possibly partial) date, with who took part and where.

    ``cameo`` is the CAMEO event code (CAMEO 1.1b3 codebook) as a string such as ``"057"``, or ``None`` where
    no code applies.
    """

    id: str = attrs.field(validator=_id_validator("event"))
    date: PartialDate = attrs.field(validator=_instance_of(PartialDate))
    kind: EventKind = attrs.field(validator=_instance_of(EventKind))
    participants: tuple[str, ...] = attrs.field(validator=_ids)
    location: str | None = attrs.field(default=None, validator=_optional_id)
    summary: str = attrs.field(validator=_text)
    cameo: str | None = attrs.field(default=None, validator=_matches(r"[0-9]{3,4}", optional=True))
    money: Money | None = attrs.field(default=None, validator=_instance_of(Money, optional=True))
    stated_count: int | None = attrs.field(default=None, validator=_count)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)

    @property
    def cameo_root_code(self) -> str | None:
        """The CAMEO root code (the first two digits of ``cameo``), or ``None`` without a code."""
        return None if self.cameo is None else self.cameo[:2]

    @property
    def quad_class(self) -> int | None:
        """GDELT's quad class for ``cameo`` (1 verbal cooperation ... 4 material conflict), or ``None``."""
        from ._cameo import cameo_code

        return None if self.cameo is None else cameo_code(self.cameo).quad_class

    @property
    def goldstein(self) -> float | None:
        """The Goldstein score of ``cameo`` in GDELT's CAMEO table, or ``None`` where it gives none."""
        from ._cameo import cameo_code

        return None if self.cameo is None else cameo_code(self.cameo).goldstein


@attrs.frozen(kw_only=True)
class Agreement(_Displayed):
    """A signed instrument, or a stated number of them (``stated_count``) where the source does not list them.

    ``fields`` are the fields of cooperation the source ties to it, in :class:`Field` terms.
    """

    id: str = attrs.field(validator=_id_validator("agreement"))
    kind: AgreementKind = attrs.field(validator=v.instance_of(AgreementKind))
    title: str = attrs.field(validator=_text)
    fields: frozenset[Field] = attrs.field(
        default=frozenset(), validator=v.deep_iterable(v.instance_of(Field), v.instance_of(frozenset))
    )
    signed: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    parties: tuple[str, ...] = attrs.field(validator=_ids)
    place: str | None = attrs.field(default=None, validator=_optional_id)
    signing_event: str | None = attrs.field(default=None, validator=_optional_id)
    stated_count: int | None = attrs.field(default=None, validator=_count)
    provisions: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Statement(_Displayed):
    """Something said: ``text`` is the source's words for it, ``direct`` whether they are a direct quotation.

    ``speakers`` are ids of people, organizations or countries; ``reported_by`` names who the source says
    reported it, where it says so.
    """

    id: str = attrs.field(validator=_id_validator("statement"))
    speakers: tuple[str, ...] = attrs.field(validator=v.and_(_ids, v.min_len(1)))
    text: str = attrs.field(validator=_text)
    direct: bool = attrs.field(validator=v.instance_of(bool))
    date: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    reported_by: str | None = attrs.field(default=None, validator=_optional_id)
    subject: str | None = attrs.field(default=None, validator=_optional_id)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Figure(_Displayed):
    """A money figure: a trade volume or a credit line, for a period."""

    id: str = attrs.field(validator=_id_validator("figure"))
    kind: FigureKind = attrs.field(validator=v.instance_of(FigureKind))
    money: Money = attrs.field(validator=v.instance_of(Money))
    period: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    parties: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    description: str = attrs.field(validator=_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)

    @property
    def amount(self) -> Decimal:
        """The figure's amount (``money.amount``)."""
        return self.money.amount

    @property
    def currency(self) -> str:
        """The figure's ISO 4217 currency code (``money.currency``)."""
        return self.money.currency


@attrs.frozen(kw_only=True)
class Fact(_Displayed):
    """A stated fact that is not a dated event, agreement, statement or figure.

    ``attribution`` keeps the source's words for who claims it ("According to the Christian Science Monitor");
    ``attributed_to`` the ids of those claimants that are records.
    """

    id: str = attrs.field(validator=_id_validator("fact"))
    topic: FactTopic = attrs.field(validator=v.instance_of(FactTopic))
    text: str = attrs.field(validator=_text)
    attribution: str | None = attrs.field(default=None, validator=_optional_text)
    attributed_to: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    date: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class RelationsPeriod(_Displayed):
    """A period of the diplomatic status between Cuba and Iran, starting at ``start``, ending at ``end``."""

    id: str = attrs.field(validator=_id_validator("relations"))
    status: RelationsStatus = attrs.field(
        validator=v.in_((RelationsStatus.ACTIVE, RelationsStatus.INTERRUPTED, RelationsStatus.NONE))
    )
    start: PartialDate = attrs.field(validator=v.instance_of(PartialDate))
    end: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)

    @end.validator
    def _check_order(self, attribute: attrs.Attribute[PartialDate | None], value: PartialDate | None) -> None:
        if value is not None and value.latest < self.start.earliest:  # start was validated first
            raise ValueError(f"end: got {value.edtf!r}, which is before start {self.start.edtf!r}")


Record = (
    Source
    | Country
    | Person
    | Organization
    | Place
    | Mission
    | Event
    | Agreement
    | Statement
    | Figure
    | Fact
    | RelationsPeriod
)


def record_date(record: object) -> PartialDate | None:
    """The date by which a record is put in chronological order, if it has one."""
    for name in ("date", "signed", "period", "start"):
        value = getattr(record, name, None)
        if isinstance(value, PartialDate):
            return value
    return None


def chronological_key(
    record: Event | Agreement | Statement | Figure | Fact | RelationsPeriod,
) -> tuple[date, date, str]:
    """Sort key for dated records: earliest, then latest, then id; undated records go last."""
    when = record_date(record)
    if when is None:
        return (date.max, date.max, record.id)
    return (when.earliest, when.latest, record.id)
