"""The record types: immutable, slotted attrs classes holding only tuples, frozensets and scalars.

Every record has a stable, human-readable ``id`` (``kind:slug``) and at least one ``Citation`` whose quote is a
verbatim substring of a shipped source text. Records refer to each other by id.
"""

# Not ``from __future__ import annotations``: evaluated annotations spare cattrs resolving every attribute's
# string annotation on the first query (about 3 ms).
import functools
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
from attrs import validators as v

from ._attributes import REFERS_TO, refers_to
from ._dates import PartialDate
from ._files import MAX_FILE_BYTES, read_file
from ._vocab import AgreementKind, EventKind, FactTopic, Field, FigureKind, RelationsStatus

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
else:
    # At run time nothing reads Source.root's type (it is not data); importing importlib.resources.abc for it
    # would only cost time.
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

# A record id: its kind, a colon and a slug of lowercase letters, digits, hyphens and dots ("event:1975-...").
ID_SLUG = r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?"
_ID_RE = re.compile(r"[a-z]+:" + ID_SLUG)
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_is_id = _ID_RE.fullmatch

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# The validators below are plain functions rather than attrs' composed ones (``and_``, ``optional``,
# ``deep_iterable``, ``instance_of``, ``min_len``): each says in one message what it got and what it accepts.
# Wrong types raise ``TypeError`` and wrong values ``ValueError``, as the attrs validators do.


def _record_id(instance: Any, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A record's own id: the prefix of its kind (``KINDS``), a colon and a lowercase, hyphenated slug."""
    prefix = prefix_of(type(instance))
    if not isinstance(value, str) or not value.startswith(prefix + ":") or not _is_id(value):
        raise ValueError(
            f"{attribute.name}: got {value!r:.80}; expected '{prefix}:' followed by a lowercase slug "
            f"of letters, digits and hyphens"
        )


def _is_reference(value: object, prefixes: tuple[str, ...]) -> bool:
    """Whether ``value`` is a record id of one of the kinds ``prefixes`` (any kind if there are none)."""
    return (
        isinstance(value, str) and _is_id(value) is not None and (not prefixes or value[: value.index(":")] in prefixes)
    )


def _expected_reference(attribute: "attrs.Attribute[Any]") -> str:
    prefixes = attribute.metadata.get(REFERS_TO, ())
    if not prefixes:
        return "a record id ('kind:slug')"
    return "the id of a record of kind " + " or ".join(f"'{prefix}:'" for prefix in prefixes)


def _required_id(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A reference: the id of a record of one of the kinds its attribute ``refers_to``."""
    if not _is_reference(value, attribute.metadata.get(REFERS_TO, ())):
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected {_expected_reference(attribute)}")


def _optional_id(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        _required_id(instance, attribute, value)


def _ids(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A tuple of distinct references: a repeated id would make queries return its record twice."""
    prefixes = attribute.metadata.get(REFERS_TO, ())
    if not isinstance(value, tuple) or not all(_is_reference(item, prefixes) for item in value):
        raise ValueError(
            f"{attribute.name}: got {value!r:.80}; expected a tuple of ids, each {_expected_reference(attribute)}"
        )
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected ids without repeats")


def _some_ids(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """``_ids``, at least one."""
    _ids(instance, attribute, value)
    if not value:
        raise ValueError(f"{attribute.name}: got (); expected at least one id")


def _text(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected a non-empty string")


def _optional_text(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _strings(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected a tuple of non-empty strings")
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected strings without repeats")


def _instance_of(cls: type, optional: bool = False) -> Validator:
    """``attrs.validators.instance_of(cls)`` (wrapped in ``optional`` if asked) as one plain function."""
    accepted = f"None or a {cls.__name__}" if optional else f"a {cls.__name__}"

    def check(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
        if not isinstance(value, cls) and not (optional and value is None):
            raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r:.80}; expected {accepted}")

    return check


def _matches(pattern: str | re.Pattern[str], *, optional: bool = False) -> Validator:
    """``attrs.validators.matches_re(pattern)`` (in ``optional`` if asked): the JSON Schema reads its pattern."""
    matches = v.matches_re(pattern)
    return v.optional(matches) if optional else matches


_optional_date = _instance_of(PartialDate, optional=True)


def _count(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """None or an int from 1 to ``MAX_COUNT`` (``bool`` is refused: ``true`` is no count)."""
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(
            f"{attribute.name}: got {type(value).__name__} {value!r:.80}; expected None or an int from 1 to {MAX_COUNT}"
        )
    if not 1 <= value <= MAX_COUNT:
        raise ValueError(f"{attribute.name}: got {value!r:.80}; expected None or an int from 1 to {MAX_COUNT}")


# The largest stated count: what every table format (a 64-bit integer column) holds.
MAX_COUNT = 2**63 - 1


class _Record:
    """What every record class shares, holding no state: its display as a table in Jupyter (``_repr_html_``) and
    as aligned text when printed (``__str__``) or shown by IPython (``_repr_pretty_``); ``repr`` is attrs'."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # IPython uses the first of __repr__ and _repr_pretty_ that it meets along the MRO, and attrs gives each
        # record class its own __repr__: the record class itself must hold _repr_pretty_.
        super().__init_subclass__(**kwargs)
        cls._repr_pretty_ = _Record._repr_pretty_  # type: ignore[method-assign]

    def _repr_html_(self) -> str:
        from ._display import record_html

        return record_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self) if cycle else str(self))

    def __str__(self) -> str:
        from ._display import record_text

        return record_text(self)


@attrs.frozen(kw_only=True)
class Citation:
    """Where a record's evidence is: a verbatim ``quote`` at ``[start, end)`` in a source's text.

    Offsets count Unicode code points, as W3C Web Annotation TextPositionSelector does; the quote is its
    TextQuoteSelector ``exact``.
    """

    source_id: str = attrs.field(validator=_required_id, metadata=refers_to("source"))
    quote: str = attrs.field(validator=_text)
    start: int = attrs.field()
    end: int = attrs.field()

    @start.validator
    def _check_start(self, attribute: "attrs.Attribute[int]", value: object) -> None:
        # An offset into a text of at most MAX_FILE_BYTES (a code point takes a byte at least).
        accepted = f"an int from 0 to {MAX_FILE_BYTES}"
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"start: got {type(value).__name__} {value!r:.80}; expected {accepted}")
        if not 0 <= value <= MAX_FILE_BYTES:
            raise ValueError(f"start: got {value!r:.80}; expected {accepted}")

    @end.validator
    def _check_end(self, attribute: "attrs.Attribute[int]", value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"end: got {type(value).__name__} {value!r:.80}; expected an int")
        if value - self.start != len(self.quote):
            raise ValueError(f"end: got {value!r}; expected start + len(quote) = {self.start + len(self.quote)}")

    def __str__(self) -> str:
        return f"“{self.quote}” ({self.source_id} [{self.start}:{self.end}])"


def _citations(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A tuple of at least one ``Citation``."""
    accepted = "a tuple of Citation of length >= 1"
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r:.80}; expected {accepted}")
    for item in value:
        if not isinstance(item, Citation):
            raise TypeError(
                f"{attribute.name}: got {type(item).__name__} {item!r:.80} in the tuple; expected {accepted}"
            )
    if not value:
        raise ValueError(f"{attribute.name}: got (); expected {accepted}")


# An amount fits a decimal128(38, 18) column (Arrow, Parquet, DuckDB): at most 20 digits before the point and 18
# after it. In the data files it is written as this pattern says: a non-negative decimal number, as a string.
AMOUNT_DIGITS = (20, 18)
AMOUNT_PATTERN = r"[0-9]{1,20}(\.[0-9]{1,18})?"


def _amount(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"amount: got {type(value).__name__} {value!r:.80}; expected a Decimal")
    if not value.is_finite() or value.is_signed():  # Decimal("-0") is signed too: it would be written "-0"
        raise ValueError(f"amount: got {value!r:.80}; expected a finite, non-negative Decimal")
    _, digits, exponent = value.as_tuple()
    fraction = max(0, -int(exponent))
    whole, most = len(digits) - fraction, AMOUNT_DIGITS
    if whole > most[0] or fraction > most[1]:
        raise ValueError(
            f"amount: got {value!r:.80}; expected at most {most[0]} digits before the point and {most[1]} after"
        )


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money: a ``Decimal`` amount in an ISO 4217 ``currency`` (``"USD"``, ``"EUR"``)."""

    amount: Decimal = attrs.field(validator=_amount)
    currency: str = attrs.field(validator=_matches(r"[A-Z]{3}"))

    def __str__(self) -> str:
        return f"{self.amount:,} {self.currency}"


# The open licenses a source's ``license`` may name: Creative Commons BY, BY-SA and CC0 (not NC or ND).
_OPEN_LICENSE = re.compile(r"\b(?:CC BY(?:-SA)?|CC0)(?![-\w])")


@attrs.frozen(kw_only=True)
class Source(_Record):
    """A source document shipped with the package, so that every quote can be checked against it.

    ``published`` is the date the document gives itself (a news report's dateline); ``date_line`` the date on a
    line of its own where the document has one (the EFE text's first line, "date 2025-04-02"). ``text`` is read
    on first use and checked by :func:`verify` against ``sha256``. ``root`` is the dataset folder the text is
    read from: not data, so left out of equality, JSON and tables.
    """

    id: str = attrs.field(validator=_record_id)
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=_text)
    language: str = attrs.field(validator=_matches(r"[a-z]{2,3}(-[A-Za-z0-9]+)*"))
    published: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    date_line: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    license: str = attrs.field(validator=_text)
    attribution: str = attrs.field(validator=_text)
    url: str | None = attrs.field(default=None, validator=_matches(r"https://\S+", optional=True))
    text_file: str = attrs.field(validator=_matches(r"texts/[A-Za-z0-9._-]+\.txt"))
    sha256: str = attrs.field(validator=_matches(_SHA256_RE))
    notes: str | None = attrs.field(default=None, validator=_optional_text)
    root: Traversable | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def open_license(self) -> bool:
        """Whether ``license`` names an open license (CC BY, CC BY-SA or CC0), under which the whole text may be
        shared again with its attribution. Any other source (the EFE report, © EFE / 14ymedio) is shipped only
        so that its quotes can be checked: the reader site shows its cited sentences alone, and the data
        package marks its quotations as not under the data's license."""
        return _OPEN_LICENSE.search(self.license) is not None

    @functools.cached_property
    def text(self) -> str:
        """The full text of the source, exactly as shipped (UTF-8)."""
        return self.raw_bytes.decode("utf-8")

    @property
    def raw_bytes(self) -> bytes:
        """The shipped file's bytes, as hashed by ``sha256``, read with the checks loading applies."""
        if self.root is None:
            raise LookupError(f"source {self.id!r} has no dataset folder to read {self.text_file!r} from")
        return read_file(self.root, self.text_file)

    def computed_sha256(self) -> str:
        """The SHA-256 of the shipped file as it is now."""
        import hashlib  # only needed by verify(); importing it at first query would cost about 3 ms

        return hashlib.sha256(self.raw_bytes).hexdigest()


@attrs.frozen(kw_only=True)
class Country(_Record):
    """A country, with its ISO 3166-1 codes."""

    id: str = attrs.field(validator=_record_id)
    name: str = attrs.field(validator=_text)
    alpha2: str = attrs.field(validator=_matches(r"[A-Z]{2}"))
    alpha3: str = attrs.field(validator=_matches(r"[A-Z]{3}"))
    numeric: str = attrs.field(validator=_matches(r"[0-9]{3}"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Role:
    """A position a person held, as the source gives it: title, country, organization and period."""

    title: str = attrs.field(validator=_text)
    country: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("country"))
    organization: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("org"))
    period: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    qualifier: str | None = attrs.field(default=None, validator=_optional_text)

    def __str__(self) -> str:
        title = f"{self.qualifier} {self.title}" if self.qualifier else self.title
        where = ", ".join(str(part) for part in (self.country, self.organization, self.period) if part)
        return f"{title} ({where})" if where else title


def _roles(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(role, Role) for role in value):
        raise TypeError(f"{attribute.name}: got {type(value).__name__} {value!r:.80}; expected a tuple of Role")


@attrs.frozen(kw_only=True)
class Person(_Record):
    """A person named by a source; ``aliases`` holds the sources' spellings and the usual transliteration."""

    id: str = attrs.field(validator=_record_id)
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    roles: tuple[Role, ...] = attrs.field(default=(), validator=_roles)
    born: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    died: PartialDate | None = attrs.field(default=None, validator=_optional_date)

    @died.validator
    def _check_lifetime(self, attribute: "attrs.Attribute[PartialDate | None]", value: PartialDate | None) -> None:
        if value is not None and isinstance(self.born, PartialDate) and value.latest < self.born.earliest:
            raise ValueError(f"died: got {value.edtf!r}, which is before born {self.born.edtf!r}")

    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Organization(_Record):
    """A government body, news organization or other institution named by a source.

    ``country`` is the country it belongs to where the source says so; ``description`` keeps the source's words
    qualifying it ("US-backed").
    """

    id: str = attrs.field(validator=_record_id)
    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    country: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("country"))
    description: str | None = attrs.field(default=None, validator=_optional_text)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Place(_Record):
    """A city, building or region named by a source."""

    id: str = attrs.field(validator=_record_id)
    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=v.in_(("city", "building", "region", "site")))
    country: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("country"))
    within: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("place"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Mission(_Record):
    """A diplomatic mission (an embassy) of one country in another."""

    id: str = attrs.field(validator=_record_id)
    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=v.in_(("embassy",)))
    sending_country: str = attrs.field(validator=_required_id, metadata=refers_to("country"))
    host_country: str = attrs.field(validator=_required_id, metadata=refers_to("country"))
    place: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("place"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


# Who may act, speak, sign or be aimed at, where something may happen, and what a statement may be about, by id
# prefix.
_ACTORS = refers_to("person", "country", "org")
_WHERE = refers_to("place", "country")
_ABOUT = refers_to("person", "country", "org", "place", "event", "agreement")


@attrs.frozen(kw_only=True)
class Event(_Record):
    """Something that happened on a (possibly partial) date: a material act, or a verbal one whose words are a
    :class:`Statement` (``statement``, which points back to the event).

    ``actors`` are who acted, ``targets`` who the act was aimed at, as far as the source says (a passive
    sentence names no actor); ``participants`` everyone involved in any role. ``cameo`` is the CAMEO event code
    (CAMEO 1.1b3 codebook) as a string such as ``"057"``, or ``None`` where no code applies.
    """

    id: str = attrs.field(validator=_record_id)
    date: PartialDate = attrs.field(validator=_instance_of(PartialDate))
    kind: EventKind = attrs.field(validator=_instance_of(EventKind))
    participants: tuple[str, ...] = attrs.field(validator=_ids, metadata=_ACTORS)
    actors: tuple[str, ...] = attrs.field(default=(), validator=_ids, metadata=_ACTORS)
    targets: tuple[str, ...] = attrs.field(default=(), validator=_ids, metadata=_ACTORS)
    location: str | None = attrs.field(default=None, validator=_optional_id, metadata=_WHERE)
    summary: str = attrs.field(validator=_text)
    cameo: str | None = attrs.field(default=None, validator=_matches(r"[0-9]{3,4}", optional=True))
    money: Money | None = attrs.field(default=None, validator=_instance_of(Money, optional=True))
    stated_count: int | None = attrs.field(default=None, validator=_count)
    statement: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("statement"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)

    @targets.validator
    def _check_roles(self, attribute: "attrs.Attribute[tuple[str, ...]]", value: tuple[str, ...]) -> None:
        # actors was validated first: both are tuples of ids.
        outside = [ref for ref in (*self.actors, *value) if ref not in self.participants]
        if outside:
            raise ValueError(f"targets: {outside[0]!r} acts or is aimed at but is not in participants")
        both = set(self.actors) & set(value)
        if both:
            raise ValueError(f"targets: {min(both)!r} is both an actor and a target")

    @statement.validator
    def _check_statement(self, attribute: "attrs.Attribute[str | None]", value: str | None) -> None:
        if self.kind.verbal and value is None:
            raise ValueError(f"statement: got None; a {self.kind.value} event needs the statement holding its words")
        if not self.kind.verbal and value is not None:
            raise ValueError(f"statement: got {value!r}; a {self.kind.value} event is not a verbal act")

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


def _fields_of_cooperation(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(field, Field) for field in value):
        raise TypeError(
            f"{attribute.name}: got {type(value).__name__} {value!r:.80}; expected a frozenset of Field members"
        )


@attrs.frozen(kw_only=True)
class Agreement(_Record):
    """A signed instrument, or a stated number of them (``stated_count``) where the source does not list them.

    ``fields`` are the fields of cooperation the source ties to it, in :class:`Field` terms. ``signed`` is the date
    it was signed or, for a credit line, granted (as the source words it), and ``signing_event`` that event.
    """

    id: str = attrs.field(validator=_record_id)
    kind: AgreementKind = attrs.field(validator=_instance_of(AgreementKind))
    title: str = attrs.field(validator=_text)
    fields: frozenset[Field] = attrs.field(default=frozenset(), validator=_fields_of_cooperation)
    signed: PartialDate = attrs.field(validator=_instance_of(PartialDate))
    parties: tuple[str, ...] = attrs.field(validator=_ids, metadata=_ACTORS)
    place: str | None = attrs.field(default=None, validator=_optional_id, metadata=_WHERE)
    signing_event: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("event"))
    stated_count: int | None = attrs.field(default=None, validator=_count)
    provisions: tuple[str, ...] = attrs.field(default=(), validator=_strings)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Statement(_Record):
    """Something said: ``text`` is the source's words for it, ``direct`` whether they are the speakers' own words
    (a direct quotation) rather than a report of them.

    ``speakers`` are ids of people, organizations or countries; ``targets`` the ids of what it is about;
    ``reported_by`` who the source says reported it, where it says so; ``reported_as`` the source's words around
    a quotation that say more about it ("spoke admiringly of Iran"); ``event`` the verbal event it voices, which
    points back to it.
    """

    id: str = attrs.field(validator=_record_id)
    speakers: tuple[str, ...] = attrs.field(validator=_some_ids, metadata=_ACTORS)
    text: str = attrs.field(validator=_text)
    direct: bool = attrs.field(validator=_instance_of(bool))
    date: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    reported_by: str | None = attrs.field(default=None, validator=_optional_id, metadata=_ACTORS)
    reported_as: str | None = attrs.field(default=None, validator=_optional_text)
    targets: tuple[str, ...] = attrs.field(default=(), validator=_ids, metadata=_ABOUT)
    event: str | None = attrs.field(default=None, validator=_optional_id, metadata=refers_to("event"))
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


@attrs.frozen(kw_only=True)
class Figure(_Record):
    """A money figure: a trade volume or a credit line, for a period."""

    id: str = attrs.field(validator=_record_id)
    kind: FigureKind = attrs.field(validator=_instance_of(FigureKind))
    money: Money = attrs.field(validator=_instance_of(Money))
    period: PartialDate = attrs.field(validator=_instance_of(PartialDate))
    parties: tuple[str, ...] = attrs.field(default=(), validator=_ids, metadata=_ACTORS)
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
class Fact(_Record):
    """A stated fact that is not a dated event, agreement, statement or figure.

    ``attribution`` keeps the source's words for who claims it ("According to the Christian Science Monitor");
    ``attributed_to`` the ids of those claimants that are records.
    """

    id: str = attrs.field(validator=_record_id)
    topic: FactTopic = attrs.field(validator=_instance_of(FactTopic))
    text: str = attrs.field(validator=_text)
    attribution: str | None = attrs.field(default=None, validator=_optional_text)
    attributed_to: tuple[str, ...] = attrs.field(default=(), validator=_ids, metadata=_ACTORS)
    date: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)


_PERIOD_STATUSES = (RelationsStatus.ACTIVE, RelationsStatus.INTERRUPTED, RelationsStatus.NONE)


@attrs.frozen(kw_only=True)
class RelationsPeriod(_Record):
    """A period of the diplomatic status between Cuba and Iran, starting at ``start``, ending at ``end``."""

    id: str = attrs.field(validator=_record_id)
    status: RelationsStatus = attrs.field(validator=v.in_(_PERIOD_STATUSES))
    start: PartialDate = attrs.field(validator=_instance_of(PartialDate))
    end: PartialDate | None = attrs.field(default=None, validator=_optional_date)
    citations: tuple[Citation, ...] = attrs.field(validator=_citations)

    @end.validator
    def _check_order(self, attribute: "attrs.Attribute[PartialDate | None]", value: PartialDate | None) -> None:
        if value is not None and value.latest < self.start.earliest:  # start was validated first
            raise ValueError(f"end: got {value.edtf!r}, which is before start {self.start.edtf!r}")


Record: TypeAlias = (
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
DatedRecord: TypeAlias = Event | Agreement | Statement | Figure | Fact | RelationsPeriod


# --- the other files of a dataset folder ----------------------------------------------------------------------

# The format of dataset folders this version reads and writes: metadata.json's "format". Format 1 was 0.1's
# (which wrote no "format"); "Build and check your own dataset" in the docs says how to move a folder on.
FORMAT = 2


def _format(instance: object, attribute: "attrs.Attribute[int]", value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"format: got {type(value).__name__} {value!r:.80}; expected the int {FORMAT}")
    if value != FORMAT:
        raise ValueError(f"format: got {value!r}; this version of cuba-iran-relations reads format {FORMAT}")


@attrs.frozen(kw_only=True)
class Metadata:
    """A dataset folder's ``metadata.json``: the folder's ``format``, and its data version, title and license."""

    format: int = attrs.field(validator=_format)
    data_version: str | None = attrs.field(default=None, validator=_optional_text)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    license: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Uncited:
    """A sentence or line of a source that no record cites, and why (``uncited.json``): a heading, a link."""

    source_id: str = attrs.field(validator=_required_id, metadata=refers_to("source"))
    text: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Redirect:
    """The id a record had up to a release (``old_id``) and its id since (``new_id``): ``get(old_id)`` returns
    the record (``redirects.json``)."""

    old_id: str = attrs.field(validator=_required_id)
    new_id: str = attrs.field(validator=_required_id, metadata=refers_to())
    since: str = attrs.field(validator=_matches(r"[0-9]+\.[0-9]+\.[0-9]+"))


@attrs.frozen
class Kind:
    """One kind of record: its ``name`` (``"events"``), the ``prefix`` of its ids (``event``) and its class."""

    name: str
    prefix: str
    cls: type

    @property
    def file(self) -> str:
        """The data file holding records of this kind: ``events.json``."""
        return f"{self.name}.json"

    @property
    def dated(self) -> bool:
        """Whether its records are put in chronological order (by the date ``record_date`` finds)."""
        return any(name in attrs.fields_dict(self.cls) for name in DATE_ATTRIBUTES)


# The one table of record kinds, in dependency order (what a kind refers to comes before it): the loader,
# Dataset, exports, schemas, the command line and the docs derive their lists from it.
KINDS: tuple[Kind, ...] = (
    Kind("sources", "source", Source),
    Kind("countries", "country", Country),
    Kind("organizations", "org", Organization),
    Kind("places", "place", Place),
    Kind("missions", "mission", Mission),
    Kind("people", "person", Person),
    Kind("events", "event", Event),
    Kind("agreements", "agreement", Agreement),
    Kind("statements", "statement", Statement),
    Kind("figures", "figure", Figure),
    Kind("facts", "fact", Fact),
    Kind("relations", "relations", RelationsPeriod),
)
KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
_KIND_BY_NAME = {kind.name: kind for kind in KINDS}
_KIND_BY_CLASS = {kind.cls: kind for kind in KINDS}


def kind_of(cls: type) -> Kind:
    """The kind of a record class (or of the record class it derives from)."""
    for base in cls.__mro__:
        kind = _KIND_BY_CLASS.get(base)
        if kind is not None:
            return kind
    raise TypeError(f"{cls.__name__} is not a record class")


def prefix_of(cls: type) -> str:
    """The id prefix of a record class (or of the record class it derives from)."""
    return kind_of(cls).prefix


def json_path_of(record: Record) -> str:
    """Where a record is in a dataset folder, as ``file: $[?(@.id=='...')]`` (a JSONPath filter on its id), for
    problems found after loading, when its position in the file is not known."""
    return f"{kind_of(type(record)).file}: $[?(@.id=={record.id!r})]"


def kind_named(name: object) -> Kind:
    """The kind called ``name`` (``"events"``); ``TypeError`` for a non-string, ``ValueError`` for an unknown one."""
    if not isinstance(name, str):
        raise TypeError(f"kind: got {type(name).__name__} {name!r:.80}; expected a str, one of {', '.join(KIND_NAMES)}")
    kind = _KIND_BY_NAME.get(name)
    if kind is None:
        raise ValueError(f"kind: got {name!r:.80}; expected one of {', '.join(KIND_NAMES)}")
    return kind


# The attributes that date a record, the first it has: ``record_date``.
DATE_ATTRIBUTES = ("date", "signed", "period", "start")


def record_date(record: object) -> PartialDate | None:
    """The date by which a record is put in chronological order, if it has one."""
    for name in DATE_ATTRIBUTES:
        value = getattr(record, name, None)
        if isinstance(value, PartialDate):
            return value
    return None


def free_text(attribute: "attrs.Attribute[Any]") -> bool:
    """Whether an attribute holds free text (words a person wrote, not ids or codes): search reads these."""
    return attribute.validator in (_text, _optional_text, _strings)


def chronological_key(record: Record) -> tuple[bool, date, date, str]:
    """Sort key for dated records: earliest, then latest, then id; undated records go last."""
    when = record_date(record)
    if when is None:
        return (True, date.max, date.max, record.id)
    return (False, when.earliest, when.latest, record.id)
