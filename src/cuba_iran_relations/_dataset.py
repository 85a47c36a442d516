"""The ``Dataset``: every record of one dataset folder, its indexes, and the queries answered from them."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

import attrs

from ._dates import PartialDate, as_ordinals, as_span
from ._index import RangeIndex
from ._models import (
    Agreement,
    Country,
    Event,
    Fact,
    Figure,
    Mission,
    Organization,
    Person,
    Place,
    Record,
    RelationsPeriod,
    Source,
    Statement,
    chronological_key,
)
from ._results import EMPTY, Results
from ._vocab import EventKind, FactTopic, Field, RelationsStatus, normalize_term, parse_term

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Dataset", "VerifyReport"]

Mode = Literal["overlaps", "within"]
_MODES = ("overlaps", "within")
R = TypeVar("R", Event, Agreement, Statement, Figure, Fact, RelationsPeriod)


@attrs.frozen
class VerifyReport:
    """The outcome of :func:`verify`: ``ok`` when ``problems`` is empty; ``checked`` counts what was checked."""

    ok: bool
    problems: tuple[str, ...]
    checked: int

    def __bool__(self) -> bool:
        return self.ok


def _chronological(records: Iterable[R]) -> tuple[R, ...]:
    return Results(sorted(records, key=chronological_key))


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


I = TypeVar("I", bound=_Identified)


def _by_id(records: Iterable[I]) -> tuple[I, ...]:
    return Results(sorted(records, key=lambda r: r.id))


T = TypeVar("T")


def _checked(records: Iterable[T], cls: type[T], argument: str) -> list[T]:
    """The records given for one kind, each checked to be a ``cls``; ``TypeError`` naming the first that is not."""
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise TypeError(f"{argument}: got {type(records).__name__}; expected an iterable of {cls.__name__} records")
    items = list(records)
    for position, record in enumerate(items):
        if not isinstance(record, cls):
            shown = repr(record) if len(repr(record)) <= 60 else repr(record)[:57] + "..."
            raise TypeError(f"{argument}[{position}]: got {type(record).__name__} {shown}; expected a {cls.__name__}")
    return items


class Dataset:
    """All records of one dataset, indexed for the queries below; immutable once built.

    The bundled dataset is returned by :func:`dataset`; a folder in the same layout is read by :func:`load`.
    Every query result is a tuple: chronological (earliest, then latest, then id) for dated records, by id
    otherwise.
    """

    __slots__ = (
        "_agreements",
        "_by_field",
        "_by_field_member",
        "_by_field_spelling",
        "_countries",
        "_event_index",
        "_events",
        "_events_by_actor",
        "_events_by_kind",
        "_facts",
        "_figures",
        "_frozen",
        "_missions",
        "_names",
        "_organizations",
        "_people",
        "_places",
        "_records",
        "_relations",
        "_sources",
        "_statements",
        "_statements_by_speaker",
        "_surnames",
        "data_version",
    )

    def __init__(
        self,
        *,
        sources: Iterable[Source] = (),
        countries: Iterable[Country] = (),
        organizations: Iterable[Organization] = (),
        places: Iterable[Place] = (),
        missions: Iterable[Mission] = (),
        people: Iterable[Person] = (),
        events: Iterable[Event] = (),
        agreements: Iterable[Agreement] = (),
        statements: Iterable[Statement] = (),
        figures: Iterable[Figure] = (),
        facts: Iterable[Fact] = (),
        relations: Iterable[RelationsPeriod] = (),
        data_version: str | None = None,
    ) -> None:
        if data_version is not None and not isinstance(data_version, str):
            raise TypeError(f"data_version: got {type(data_version).__name__} {data_version!r}; expected a str or None")
        self.data_version = data_version
        self._sources = _by_id(_checked(sources, Source, "sources"))
        self._countries = _by_id(_checked(countries, Country, "countries"))
        self._organizations = _by_id(_checked(organizations, Organization, "organizations"))
        self._places = _by_id(_checked(places, Place, "places"))
        self._missions = _by_id(_checked(missions, Mission, "missions"))
        self._people = _by_id(_checked(people, Person, "people"))
        # Every Event's date is a PartialDate (its validator says so): the sort key is read in C.
        self._events: tuple[Event, ...] = Results(sorted(_checked(events, Event, "events"), key=_event_key))
        self._agreements = _chronological(_checked(agreements, Agreement, "agreements"))
        self._statements = _chronological(_checked(statements, Statement, "statements"))
        self._figures = _chronological(_checked(figures, Figure, "figures"))
        self._facts = _chronological(_checked(facts, Fact, "facts"))
        self._relations = _chronological(_checked(relations, RelationsPeriod, "relations"))
        groups = self._all_groups()
        self._records: dict[str, Record] = dict(zip(map(_id_of, chain(*groups)), chain(*groups), strict=True))
        if len(self._records) != sum(map(len, groups)):  # an id is used twice: name the first repeated one
            seen: set[str] = set()
            for record in chain(*groups):
                if record.id in seen:
                    raise ValueError(f"record id {record.id!r} is used twice; ids must be unique in a dataset")
                seen.add(record.id)
        dates = list(map(_date_of, self._events))
        self._event_index = RangeIndex(
            self._events,
            list(zip(map(_toordinal, map(_earliest, dates)), map(_toordinal, map(_latest, dates)), strict=True)),
        )
        self._events_by_kind = _group_by_member(self._events, _kind_of)
        self._events_by_actor = _group(self._events, _participants_of)
        self._statements_by_speaker = _group(self._statements, lambda s: s.speakers)
        self._by_field = _group(self._agreements, lambda a: a.fields)
        # Field members live as long as the module, so no other object can share one's id.
        self._by_field_member = {id(member): self._by_field.get(member, EMPTY) for member in Field}
        self._by_field_spelling: dict[Field | str, tuple[Agreement, ...]] | None = None  # built on first use
        # Full names and aliases, and surnames, each mapped to everyone having it: two people may share one.
        names: dict[str, set[Person]] = {}
        surnames: dict[str, set[Person]] = {}
        for person in self._people:
            for name in (person.name, *person.aliases):
                names.setdefault(normalize_term(name), set()).add(person)
                surname = name.split()[-1]
                surnames.setdefault(normalize_term(surname), set()).add(person)
        self._names = {key: tuple(sorted(found, key=lambda p: p.id)) for key, found in names.items()}
        self._surnames = {key: tuple(sorted(found, key=lambda p: p.id)) for key, found in surnames.items()}
        self._frozen = True

    def __setattr__(self, name: str, value: object) -> None:
        # The bundled dataset is shared by every caller: once built, nothing may rebind its attributes.
        if getattr(self, "_frozen", False):
            raise AttributeError(f"Dataset is immutable; cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Dataset is immutable; cannot delete {name!r}")

    def _all_groups(self) -> tuple[tuple[Record, ...], ...]:
        return (
            self._sources,
            self._countries,
            self._organizations,
            self._places,
            self._missions,
            self._people,
            self._events,
            self._agreements,
            self._statements,
            self._figures,
            self._facts,
            self._relations,
        )

    def __repr__(self) -> str:
        return f"<Dataset: {len(self._records)} records, {len(self._events)} events, data {self.data_version}>"

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        """Every record, grouped by kind (sources first), each group in its query order."""
        for group in self._all_groups():
            yield from group

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    # --- lookups -------------------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record:
        """The record with id ``record_id`` (``"event:..."``, ``"person:..."``...).

        Raises ``TypeError`` if ``record_id`` is not a ``str``, ``KeyError`` if no record has it.
        """
        if not isinstance(record_id, str):
            raise TypeError(
                f"record_id: got {type(record_id).__name__} {record_id!r}; expected a str such as 'person:fidel-castro'"
            )
        try:
            return self._records[record_id]
        except KeyError:
            raise KeyError(
                f"record_id: got {record_id!r}; no record has this id (ids look like 'event:1975-relations-established')"
            ) from None

    def _resolve_id(self, value: object, argument: str) -> str:
        """The id named by ``value`` (a record or an id) for a filter; it must exist in this dataset."""
        record_id = getattr(value, "id", value) if not isinstance(value, str) else value
        if not isinstance(record_id, str):
            raise TypeError(f"{argument}: got {type(value).__name__} {value!r}; expected a record or its id (a str)")
        if record_id not in self._records:
            raise KeyError(f"{argument}: got {record_id!r}; no record has this id")
        return record_id

    def find_person(self, name: str) -> Person:
        """The person called ``name``: a full name, an alias or an unambiguous surname.

        Matching ignores case, accents, and spaces/hyphens/underscores. Raises ``TypeError`` if ``name`` is not
        a ``str``, ``LookupError`` (naming close matches) when nobody or more than one person matches.
        """
        if not isinstance(name, str):
            raise TypeError(f"name: got {type(name).__name__} {name!r}; expected a str such as 'Fidel Castro'")
        key = normalize_term(name)
        candidates = self._names.get(key) or self._surnames.get(key, ())
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(f"{p.name!r} ({p.id})" for p in candidates)
            raise LookupError(f"name: got {name!r}; it matches more than one person: {names}; give a full name")
        import difflib  # only needed for the error message

        keys = [*self._names, *self._surnames]
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6) if key else []
        suggestions = {(self._names.get(k) or self._surnames[k])[0].name for k in close}
        hint = f"; close matches: {', '.join(repr(s) for s in sorted(suggestions))}" if suggestions else ""
        raise LookupError(f"name: got {name!r}; no person has this name, alias or surname{hint}")

    # --- queries -------------------------------------------------------------------------------------------

    def events_between(self, start: object, end: object, *, mode: Mode = "overlaps") -> tuple[Event, ...]:
        """Events whose date range meets (``mode="overlaps"``) or lies within (``"within"``) ``[start, end]``.

        Both ends are inclusive, and a partial bound covers its whole span: ``events_between("2006", "2006")``
        is all of 2006. ``start`` and ``end`` accept a ``date``, ``datetime``, ``PartialDate``, ``int`` year or
        ``"YYYY"``/``"YYYY-MM"``/``"YYYY-MM-DD"``. Raises ``TypeError`` or ``ValueError`` for bad input, including
        ``start`` after ``end`` and an unknown ``mode``.
        """
        first, _ = as_ordinals(start, "start")
        _, last = as_ordinals(end, "end")
        if first > last:
            raise ValueError(f"start: got {start!r}, which is after end {end!r}; expected start <= end")
        if mode == "overlaps":
            return self._event_index.overlapping(first, last)
        if mode == "within":
            return self._event_index.within(first, last)
        raise _bad_mode(mode)

    def agreements_by_field(self, field: Field | str) -> tuple[Agreement, ...]:
        """Agreements covering ``field`` (a :class:`Field` or its name, value or alias), chronologically.

        Strings match case-insensitively with spaces, hyphens and underscores alike (``"sugar industry"``).
        Raises ``TypeError`` for a non-string, ``ValueError`` for an unknown field.
        """
        # The usual spellings (a Field, its value, name or alias as written) need no normalizing. A Field is
        # looked up by identity: Enum's __hash__ is Python code, and costs as much as the rest of the query.
        found = self._by_field_member.get(id(field))
        if found is None:
            spellings = self._by_field_spelling
            if spellings is None:
                spellings = self._field_spelling_index()
            try:
                found = spellings.get(field)
            except TypeError:  # unhashable: parse_term says what is accepted
                found = None
        if found is not None:
            return found
        return self._by_field.get(parse_term(Field, field, "field"), EMPTY)

    def _field_spelling_index(self) -> dict[Field | str, tuple[Agreement, ...]]:
        """The agreements of each usual spelling of a field, built on the first query by a string.

        Not built with the dataset: its table of spellings takes as long to build as reading the bundled
        data's agreements, and the first query of a process may not need it. Two threads building it at once
        build equal tables, and either may be kept.
        """
        index = {spelling: self._by_field.get(member, EMPTY) for spelling, member in _field_spellings().items()}
        object.__setattr__(self, "_by_field_spelling", index)
        return index

    def events(self, *, kind: EventKind | str | None = None, actor: object = None) -> tuple[Event, ...]:
        """Events, chronologically; ``kind`` keeps one :class:`EventKind`, ``actor`` those it took part in.

        ``actor`` is a record (a person, country or organization) or its id. Raises ``TypeError``/``ValueError``
        for a bad ``kind``, ``TypeError``/``KeyError`` for a bad ``actor``.
        """
        result = self._events
        if kind is not None:
            result = self._events_by_kind.get(parse_term(EventKind, kind, "kind"), EMPTY)
        if actor is not None:
            actor_id = self._resolve_id(actor, "actor")
            by_actor = self._events_by_actor.get(actor_id, EMPTY)
            if kind is None:
                return by_actor
            of_kind = set(result)
            result = Results(e for e in by_actor if e in of_kind)
        return result

    def agreements(self) -> tuple[Agreement, ...]:
        """All agreements, chronologically by signing date."""
        return self._agreements

    def statements(self, *, speaker: object = None) -> tuple[Statement, ...]:
        """Statements, chronologically (undated last); ``speaker`` (a record or id) keeps those it made."""
        if speaker is None:
            return self._statements
        return self._statements_by_speaker.get(self._resolve_id(speaker, "speaker"), EMPTY)

    def figures(self) -> tuple[Figure, ...]:
        """Trade volumes and credit lines, chronologically."""
        return self._figures

    def facts(self, *, topic: FactTopic | str | None = None) -> tuple[Fact, ...]:
        """Facts (characterizations, claims, positions), dated ones first; ``topic`` keeps one :class:`FactTopic`."""
        if topic is None:
            return self._facts
        wanted = parse_term(FactTopic, topic, "topic")
        return Results(f for f in self._facts if f.topic is wanted)

    def people(self) -> tuple[Person, ...]:
        """Everyone the sources name, by id."""
        return self._people

    def missions(self) -> tuple[Mission, ...]:
        """Embassies, by id."""
        return self._missions

    def sources(self) -> tuple[Source, ...]:
        """The source documents, by id."""
        return self._sources

    def countries(self) -> tuple[Country, ...]:
        """Countries, by id."""
        return self._countries

    def organizations(self) -> tuple[Organization, ...]:
        """Organizations, by id."""
        return self._organizations

    def places(self) -> tuple[Place, ...]:
        """Places, by id."""
        return self._places

    def relations_history(self) -> tuple[RelationsPeriod, ...]:
        """Periods of established and interrupted relations, chronologically."""
        return self._relations

    def relations_status(self, on: object) -> RelationsStatus:
        """The state of Cuba-Iran relations on ``on`` (any date a query accepts).

        ``UNCERTAIN`` where ``on`` falls inside the imprecision of a change (relations were established in
        "1975": any day of 1975 is uncertain) or spans a change; ``NONE`` before the first recorded period; after
        the last recorded change, the last status.
        """
        first, last = as_span(on, "on")
        status = RelationsStatus.NONE
        for period in self._relations:
            if _meets(period.start, first, last):
                return RelationsStatus.UNCERTAIN
            if period.start.latest >= first:
                break
            status = period.status
            if period.end is not None:
                if _meets(period.end, first, last):
                    return RelationsStatus.UNCERTAIN
                if period.end.latest < first:
                    # Ended before ``on``: unknown, unless a later period says otherwise.
                    status = RelationsStatus.UNCERTAIN
        return status

    # --- taking the data elsewhere -------------------------------------------------------------------------

    def to_records(self, kind: str) -> list[dict[str, Any]]:
        """Every record of ``kind`` (``"events"``, ``"people"``...) as a JSON-ready dict; see :func:`to_records`."""
        from ._frames import to_records

        return to_records(kind, self)

    def to_pandas(self, kind: str) -> pd.DataFrame:
        """Every record of ``kind`` as a typed pandas DataFrame (extra ``pandas``); see :func:`to_pandas`."""
        from ._frames import to_pandas

        return to_pandas(kind, self)

    def to_gdelt(self) -> list[dict[str, Any]]:
        """Events with a CAMEO code as rows with GDELT column names; see :func:`to_gdelt`."""
        from ._gdelt import to_gdelt

        return to_gdelt(self)

    # --- integrity -----------------------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Check every citation's quote at its offsets in its source text, and every source text's SHA-256."""
        problems: list[str] = []
        checked = 0
        texts: dict[str, str] = {}
        for source in self._sources:
            checked += 1
            try:
                digest = source.computed_sha256()
                texts[source.id] = source.text
            except (OSError, LookupError, UnicodeDecodeError) as exc:
                problems.append(f"{source.id}: cannot read {source.text_file}: {exc}")
                continue
            if digest != source.sha256:
                problems.append(f"{source.id}: {source.text_file} has SHA-256 {digest}, expected {source.sha256}")
        for record in self:
            for position, citation in enumerate(getattr(record, "citations", ())):
                checked += 1
                where = f"{record.id}: citations[{position}]"
                text = texts.get(citation.source_id)
                if text is None:
                    if citation.source_id not in self._records:
                        problems.append(f"{where}: unknown source {citation.source_id!r}")
                    continue
                found = text[citation.start : citation.end]
                if found != citation.quote:
                    problems.append(
                        f"{where}: quote {citation.quote!r} not found at [{citation.start}:{citation.end}] "
                        f"of {citation.source_id} (found {found!r})"
                    )
        return VerifyReport(ok=not problems, problems=tuple(problems), checked=checked)


def _bad_mode(mode: object) -> Exception:
    """The error for a ``mode`` that is neither "overlaps" nor "within"."""
    if not isinstance(mode, str):
        return TypeError(f"mode: got {type(mode).__name__} {mode!r}; expected 'overlaps' or 'within'")
    return ValueError(f"mode: got {mode!r}; expected 'overlaps' or 'within'")


def _meets(when: PartialDate, first: date, last: date) -> bool:
    return when.earliest <= last and first <= when.latest


K = TypeVar("K")


def _group(records: tuple[R, ...], keys_of: Callable[[R], Iterable[K]]) -> dict[K, tuple[R, ...]]:
    """Map each key to the records having it, keeping the records' order."""
    grouped: dict[K, list[R]] = {}
    for record, keys in zip(records, map(keys_of, records), strict=True):
        for key in keys:
            found = grouped.get(key)
            if found is None:
                grouped[key] = [record]
            else:
                found.append(record)
    return {key: Results(found) for key, found in grouped.items()}


def _group_by_member(records: tuple[R, ...], member_of: Callable[[R], enum.Enum]) -> dict[Any, tuple[R, ...]]:
    """Map each enum member to the records having it, keeping the records' order.

    Grouped by the member's ``id`` first: ``Enum.__hash__`` is Python code, a call per record, and members are
    singletons, so their ids name them.
    """
    grouped: dict[int, list[R]] = {}
    members: dict[int, enum.Enum] = {}
    for record, member in zip(records, map(member_of, records), strict=True):
        found = grouped.get(id(member))
        if found is None:
            grouped[id(member)] = [record]
            members[id(member)] = member
        else:
            found.append(record)
    return {members[key]: Results(found) for key, found in grouped.items()}


# Attribute readers that run in C, for the loops over every event.
_event_key = operator.attrgetter("date.earliest", "date.latest", "id")
_id_of = operator.attrgetter("id")
_date_of = operator.attrgetter("date")
_earliest = operator.attrgetter("earliest")
_latest = operator.attrgetter("latest")
_kind_of = operator.attrgetter("kind")
_participants_of = operator.attrgetter("participants")
_toordinal = date.toordinal


_field_spelling_table: dict[Field | str, Field] | None = None


def _field_spellings() -> dict[Field | str, Field]:
    """Each ``Field`` and the exact strings most often passed for it (value, name, aliases, as written and in
    lower case), mapped by ``parse_term`` itself, so that the lookup agrees with it by construction."""
    global _field_spelling_table
    if _field_spelling_table is None:
        table: dict[Field | str, Field] = {}
        aliases = Field.aliases()
        for member in Field:
            table[member] = member
            for word in (member.value, member.name, *aliases.get(member.value, ())):
                for spelling in (word, word.lower(), word.replace("_", " ")):
                    table[spelling] = parse_term(Field, spelling, "field")
        _field_spelling_table = table
    return _field_spelling_table
