"""The ``Dataset``: every record of one dataset, its indexes, and the queries answered from them."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from ._dates import DateLike, PartialDate, as_ordinals, as_span
from ._index import RangeIndex
from ._models import (
    KIND_NAMES,
    KINDS,
    Agreement,
    Country,
    DatedRecord,
    Event,
    Fact,
    Figure,
    Mission,
    Organization,
    Person,
    Place,
    Record,
    Redirect,
    RelationsPeriod,
    Source,
    Statement,
    Uncited,
    chronological_key,
    json_path_of,
    kind_named,
)
from ._results import Results, results_type
from ._search import SearchIndex, words
from ._vocab import EventKind, FactTopic, Field, RelationsStatus, normalize_term, parse_term, spelled_as_written

if TYPE_CHECKING:
    import matplotlib.axes
    import pandas as pd
    import pyarrow as pa

    from ._sentences import SentenceCoverage

__all__ = ["Dataset", "Mode", "VerifyReport"]

Mode = Literal["overlaps", "within"]
R = TypeVar("R", bound=DatedRecord)
K = TypeVar("K")


@attrs.frozen
class VerifyReport:
    """The outcome of :func:`verify`: ``problems`` found (none: ``ok``) and how many things were ``checked``."""

    problems: tuple[str, ...]
    checked: int

    @property
    def ok(self) -> bool:
        """Whether nothing was found wrong."""
        return not self.problems

    def __bool__(self) -> bool:
        return self.ok


def _checked(records: object, cls: type, argument: str) -> list[Any]:
    """The records given for one kind, each checked to be a ``cls``; ``TypeError`` naming the first that is not."""
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise TypeError(f"{argument}: got {type(records).__name__}; expected an iterable of {cls.__name__} records")
    items = list(records)
    for position, record in enumerate(items):
        if not isinstance(record, cls):
            raise TypeError(
                f"{argument}[{position}]: got {type(record).__name__} {record!r:.60}; expected a {cls.__name__}"
            )
    return items


@attrs.frozen(init=False, eq=False, repr=False)
class Dataset:
    """All records of one dataset, indexed for the queries below; immutable.

    The bundled dataset is returned by :func:`dataset`; a folder in the same layout is read by :func:`load`.
    ``Dataset(events=[...], people=[...], ...)`` builds one from records, one keyword per record kind. Every
    query result is a tuple: chronological (earliest, then latest, then id) for dated records, by id otherwise.
    """

    data_version: str | None
    _results: type[Results[Any]]  # this dataset's own Results: each result knows it came from here
    _empty: Results[Any]  # this dataset's empty result, built once: the default of every lookup in a query
    _of_kind: dict[str, Results[Any]]
    _records: dict[str, Record]
    _event_index: RangeIndex[Event]
    _events_by_kind: dict[EventKind, Results[Event]]
    _events_by_actor: dict[str, Results[Event]]
    _statements_by_speaker: dict[str, Results[Statement]]
    _by_field: dict[Field, Results[Agreement]]
    _statements_by_target: dict[str, Results[Statement]]
    _uncited: tuple[Uncited, ...]
    _redirects: dict[str, Redirect]  # by old id
    _names: dict[str, tuple[Person, ...]]
    _surnames: dict[str, tuple[Person, ...]]
    _spelled_names: dict[str, tuple[Person, ...]]  # the names' usual spellings, answered without folding

    def __init__(
        self,
        *,
        data_version: str | None = None,
        uncited: Iterable[Uncited] = (),
        redirects: Iterable[Redirect] = (),
        **records: Iterable[Record],
    ) -> None:
        if data_version is not None and not isinstance(data_version, str):
            raise TypeError(f"data_version: got {type(data_version).__name__} {data_version!r}; expected a str or None")
        unknown = records.keys() - set(KIND_NAMES)
        if unknown:
            raise TypeError(
                f"Dataset: got the keyword argument {min(unknown)!r}; expected data_version, uncited, redirects or "
                f"a record kind, one of {', '.join(KIND_NAMES)}"
            )
        results = results_type(self)
        of_kind: dict[str, Results[Any]] = {}
        for kind in KINDS:
            given = _checked(records.get(kind.name, ()), kind.cls, kind.name)
            if kind.cls is Event:
                # Every Event's date is a PartialDate (its validator says so): the sort key is read in C.
                of_kind[kind.name] = results(sorted(given, key=_event_key))
            else:
                of_kind[kind.name] = results(sorted(given, key=chronological_key if kind.dated else _id_of))
        every = list(chain.from_iterable(of_kind.values()))
        by_id: dict[str, Record] = dict(zip(map(_id_of, every), every, strict=True))
        if len(by_id) != len(every):  # an id is used twice: name the first repeated one
            seen: set[str] = set()
            for record in every:
                if record.id in seen:
                    raise ValueError(f"record id {record.id!r} is used twice; ids must be unique in a dataset")
                seen.add(record.id)
        events: Results[Event] = of_kind["events"]
        dates = list(map(_date_of, events))
        # Full names and aliases, and surnames, each mapped to everyone having it: two people may share one.
        names: dict[str, set[Person]] = {}
        surnames: dict[str, set[Person]] = {}
        written: list[str] = []
        for person in of_kind["people"]:
            for name in (person.name, *person.aliases):
                surname = name.split()[-1]
                names.setdefault(normalize_term(name), set()).add(person)
                surnames.setdefault(normalize_term(surname), set()).add(person)
                written += (name, surname)
        by_name = {key: tuple(sorted(found, key=_id_of)) for key, found in names.items()}
        by_surname = {key: tuple(sorted(found, key=_id_of)) for key, found in surnames.items()}

        def named(key: str) -> tuple[Person, ...]:
            return by_name.get(key) or by_surname.get(key, ())

        self.__attrs_init__(
            data_version=data_version,
            results=results,
            empty=results(),
            of_kind=of_kind,
            records=by_id,
            event_index=RangeIndex(
                events,
                list(zip(map(_toordinal, map(_earliest, dates)), map(_toordinal, map(_latest, dates)), strict=True)),
                results,
            ),
            events_by_kind=_group(events, lambda e: (e.kind,), results),
            events_by_actor=_group(events, _participants_of, results),
            statements_by_speaker=_group(of_kind["statements"], lambda s: s.speakers, results),
            statements_by_target=_group(of_kind["statements"], lambda s: s.targets, results),
            uncited=tuple(_checked(uncited, Uncited, "uncited")),
            redirects={r.old_id: r for r in _checked(redirects, Redirect, "redirects")},
            by_field=_group(of_kind["agreements"], lambda a: a.fields, results),
            names=by_name,
            surnames=by_surname,
            spelled_names=spelled_as_written(written, named),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) as the arguments that build it: its Results class, made for it alone, has no name
        # to be pickled by, and the indexes are cheaper to rebuild than to store.
        return (_rebuilt, (self.data_version, self._uncited, self.redirects(), self._of_kind))

    def __repr__(self) -> str:
        events = len(self._of_kind["events"])
        return f"<Dataset: {len(self._records)} records, {events} events, data {self.data_version}>"

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        """Every record, grouped by kind (sources first), each group in its query order."""
        for group in self._of_kind.values():
            yield from group

    def __contains__(self, record_id: object) -> bool:
        """Whether a record has the id ``record_id`` (a str; anything else is in no dataset)."""
        return isinstance(record_id, str) and record_id in self._records

    # --- lookups -------------------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record:
        """The record with id ``record_id`` (``"event:..."``, ``"person:..."``...).

        An id a record had in an earlier release (see :meth:`redirects`) gives the record under its new id. Raises
        ``TypeError`` if ``record_id`` is not a ``str``, ``KeyError`` if no record has it.
        """
        if not isinstance(record_id, str):
            raise TypeError(
                f"record_id: got {type(record_id).__name__} {record_id!r:.80}; "
                "expected a str such as 'person:fidel-castro'"
            )
        try:
            return self._records[self._current_id(record_id)]
        except KeyError:
            raise KeyError(
                f"record_id: got {record_id!r:.80}; no record has this id "
                "(ids look like 'event:1975-relations-established')"
            ) from None

    def of_kind(self, kind: str) -> Results[Record]:
        """Every record of ``kind`` (``"events"``, ``"people"``... ``"relations"``), in its query order.

        Raises ``TypeError`` for a non-string and ``ValueError`` for an unknown kind.
        """
        return self._of_kind[kind_named(kind).name]

    def _resolve_id(self, value: object, argument: str) -> str:
        """The id named by ``value`` (a record or an id) for a filter; it must exist in this dataset."""
        record_id: object = getattr(value, "id", None) if isinstance(value, _RECORD_CLASSES) else value
        if not isinstance(record_id, str):
            raise TypeError(
                f"{argument}: got {type(value).__name__} {value!r:.80}; expected a record or its id (a str)"
            )
        record_id = self._current_id(record_id)
        if record_id not in self._records:
            raise KeyError(f"{argument}: got {record_id!r:.80}; no record has this id")
        return record_id

    def find_person(self, name: str) -> Person:
        """The person called ``name``: a full name, an alias or an unambiguous surname.

        Matching ignores case, accents, and spaces/hyphens/underscores. Raises ``TypeError`` if ``name`` is not
        a ``str``, ``LookupError`` (naming close matches) when nobody or more than one person matches.
        """
        if not isinstance(name, str):
            raise TypeError(f"name: got {type(name).__name__} {name!r:.80}; expected a str such as 'Fidel Castro'")
        candidates = self._spelled_names.get(name)
        if candidates is None:
            key = normalize_term(name)
            candidates = self._names.get(key) or self._surnames.get(key, ())
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(f"{p.name!r} ({p.id})" for p in candidates)
            raise LookupError(f"name: got {name!r}; it matches more than one person: {names}; give a full name")
        import difflib  # only needed for the error message

        key = normalize_term(name)
        keys = [*self._names, *self._surnames]
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6) if key else []
        suggestions = {(self._names.get(k) or self._surnames[k])[0].name for k in close}
        hint = f"; close matches: {', '.join(repr(s) for s in sorted(suggestions))}" if suggestions else ""
        raise LookupError(f"name: got {name!r:.80}; no person has this name, alias or surname{hint}")

    # --- queries -------------------------------------------------------------------------------------------

    def events_between(self, start: DateLike, end: DateLike, *, mode: Mode = "overlaps") -> Results[Event]:
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

    def agreements_by_field(self, field: Field | str) -> Results[Agreement]:
        """Agreements covering ``field`` (a :class:`Field` or its name, value or alias), chronologically.

        Strings match case-insensitively with spaces, hyphens and underscores alike (``"sugar industry"``).
        Raises ``TypeError`` for a non-string, ``ValueError`` for an unknown field.
        """
        found: Results[Agreement] = self._by_field.get(parse_term(Field, field, "field"), self._empty)
        return found

    def events(self, *, kind: EventKind | str | None = None, actor: Record | str | None = None) -> Results[Event]:
        """Events, chronologically; ``kind`` keeps one :class:`EventKind`, ``actor`` those it took part in.

        ``actor`` is a record (a person, country or organization) or its id. Raises ``TypeError``/``ValueError``
        for a bad ``kind``, ``TypeError``/``KeyError`` for a bad ``actor``.
        """
        result: Results[Event] = self._of_kind["events"]
        if kind is not None:
            result = self._events_by_kind.get(parse_term(EventKind, kind, "kind"), self._empty)
        if actor is not None:
            by_actor = self._events_by_actor.get(self._resolve_id(actor, "actor"), self._empty)
            if kind is None:
                return by_actor
            of_kind = set(result)
            result = self._results(e for e in by_actor if e in of_kind)
        return result

    def agreements(self) -> Results[Agreement]:
        """All agreements, chronologically by signing date."""
        return self._of_kind["agreements"]

    def statements(
        self, *, speaker: Record | str | None = None, about: Record | str | None = None
    ) -> Results[Statement]:
        """Statements, chronologically (undated last); ``speaker`` keeps those it made (one of their speakers),
        ``about`` those about it (one of their targets).

        Each is a record or its id. Raises ``TypeError`` for anything else and ``KeyError`` for an unknown id.
        """
        found: Results[Statement] = self._of_kind["statements"]
        if speaker is not None:
            found = self._statements_by_speaker.get(self._resolve_id(speaker, "speaker"), self._empty)
        if about is not None:
            about_it = self._statements_by_target.get(self._resolve_id(about, "about"), self._empty)
            found = about_it if speaker is None else self._results(s for s in found if s in set(about_it))
        return found

    def figures(self) -> Results[Figure]:
        """Trade volumes and credit lines, chronologically."""
        return self._of_kind["figures"]

    def facts(self, *, topic: FactTopic | str | None = None) -> Results[Fact]:
        """Facts (characterizations, claims, positions), dated ones first; ``topic`` keeps one :class:`FactTopic`."""
        facts: Results[Fact] = self._of_kind["facts"]
        if topic is None:
            return facts
        wanted = parse_term(FactTopic, topic, "topic")
        return self._results(f for f in facts if f.topic is wanted)

    def people(self) -> Results[Person]:
        """Everyone the sources name, by id."""
        return self._of_kind["people"]

    def missions(self) -> Results[Mission]:
        """Embassies, by id."""
        return self._of_kind["missions"]

    def sources(self) -> Results[Source]:
        """The source documents, by id."""
        return self._of_kind["sources"]

    def countries(self) -> Results[Country]:
        """Countries, by id."""
        return self._of_kind["countries"]

    def organizations(self) -> Results[Organization]:
        """Organizations, by id."""
        return self._of_kind["organizations"]

    def places(self) -> Results[Place]:
        """Places, by id."""
        return self._of_kind["places"]

    def uncited(self) -> tuple[Uncited, ...]:
        """The lines of the sources that no record cites, each with why (a heading, a link): ``uncited.json``."""
        return self._uncited

    def redirects(self) -> tuple[Redirect, ...]:
        """The ids records had in earlier releases, each with the record's id now; :meth:`get` follows them."""
        return tuple(self._redirects.values())

    def _current_id(self, record_id: str) -> str:
        """``record_id``, or the id now of the record that had it in an earlier release."""
        redirect = self._redirects.get(record_id)
        return record_id if redirect is None else redirect.new_id

    def relations_history(self) -> Results[RelationsPeriod]:
        """Periods of established and interrupted relations, chronologically."""
        return self._of_kind["relations"]

    def search(self, text: str) -> Results[Record]:
        """Every record whose words hold all the words of ``text``: those of its own text (summaries, statements,
        titles, names, aliases...) or of its citations' quotes, case- and accent-insensitive ("diaz canel" finds
        Díaz-Canel). Records holding every word in their own text come first, then those found through a quote;
        each group chronologically (undated last), then by id.

        Raises ``TypeError`` if ``text`` is not a ``str`` and ``ValueError`` if it has no word.
        """
        if not isinstance(text, str):
            raise TypeError(f"text: got {type(text).__name__} {text!r:.80}; expected a str of words to search for")
        if not words(text):
            raise ValueError(f"text: got {text!r:.80}; expected at least one word (letters or digits) to search for")
        return self._results(self._search_index.search(text))

    @functools.cached_property
    def _search_index(self) -> SearchIndex:
        """The words of every record, indexed on the first search (not every dataset is searched)."""
        return SearchIndex(self)

    def relations_status(self, on: DateLike) -> RelationsStatus:
        """The state of Cuba-Iran relations on ``on`` (any date a query accepts).

        ``UNCERTAIN`` where ``on`` falls inside the imprecision of a change (relations were established in
        "1975": any day of 1975 is uncertain) or spans a change; ``NONE`` before the first recorded period; after
        the last recorded change, the last status.
        """
        first, last = as_span(on, "on")
        status = RelationsStatus.NONE
        for period in self.relations_history():
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

    # --- taking the data elsewhere: each hands the dataset to its export module -----------------------------

    def to_records(self, kind: str) -> list[dict[str, Any]]:
        """Every record of ``kind`` as a JSON-ready dict in the data files' schema; see :func:`to_records`."""
        from ._convert import unstructure

        return [unstructure(record) for record in self.of_kind(kind)]

    def to_pandas(self, kind: str) -> pd.DataFrame:
        """Every record of ``kind`` as a typed pandas DataFrame (extra ``pandas``); see :func:`to_pandas`."""
        from ._pandas import to_pandas

        return to_pandas(self, kind)

    def to_arrow(self, kind: str) -> pa.Table:
        """Every record of ``kind`` as a typed ``pyarrow.Table`` (extra ``arrow``); see :func:`to_arrow`."""
        from ._arrow import to_arrow

        return to_arrow(self, kind)

    def to_gdelt(self) -> list[dict[str, Any]]:
        """Events with a CAMEO code as rows with GDELT column names; see :func:`to_gdelt`."""
        from ._gdelt import to_gdelt

        return to_gdelt(self)

    def coverage_report(self) -> tuple[SentenceCoverage, ...]:
        """Every sentence of every source with the records citing it; see :func:`coverage_report`."""
        from ._sentences import coverage_report

        return coverage_report(self)

    def plot_timeline(self, *, ax: matplotlib.axes.Axes | None = None) -> matplotlib.axes.Axes:
        """Draw every event on a time axis (extra ``plot``); see :func:`plot_timeline`."""
        from ._plot import plot_timeline

        return plot_timeline(self.events(), ax=ax)

    # --- integrity -----------------------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Check every source text's SHA-256, and every citation's quote at its offsets in its source's text.

        Each problem reads ``file: $.json.path: message``, its path a JSONPath filter on the record's id
        (``events.json: $[?(@.id=='event:...')].citations[0]: ...``). A text is read once, however many sources
        share its file, with the checks loading applies.
        """
        problems: list[str] = []
        checked = 0
        # (folder, text file) -> its text and SHA-256, or why it cannot be read
        read: dict[tuple[str, str], tuple[str, str] | Exception] = {}
        texts: dict[str, str] = {}  # source id -> its text
        for source in self.sources():
            checked += 1
            where = json_path_of(source)
            key = (str(source.root), source.text_file)
            if key not in read:
                read[key] = _read_text(source)
            found = read[key]
            if isinstance(found, Exception):
                problems.append(f"{where}.text_file: cannot read {source.text_file!r}: {found}")
                continue
            text, digest = found
            if digest != source.sha256:
                problems.append(f"{where}.sha256: {source.text_file!r} has SHA-256 {digest}, expected {source.sha256}")
            texts[source.id] = text
        for record in self:
            for position, citation in enumerate(getattr(record, "citations", ())):
                checked += 1
                where = f"{json_path_of(record)}.citations[{position}]"
                cited = texts.get(citation.source_id)
                if cited is None:
                    if citation.source_id not in self._records:
                        problems.append(f"{where}.source_id: unknown source {citation.source_id!r}")
                    continue
                at = cited[citation.start : citation.end]
                if at != citation.quote:
                    problems.append(
                        f"{where}.quote: {citation.quote!r} not found at [{citation.start}:{citation.end}] "
                        f"of {citation.source_id} (found {at!r})"
                    )
        return VerifyReport(problems=tuple(problems), checked=checked)


def _read_text(source: Source) -> tuple[str, str] | Exception:
    """The text of a source's file and the SHA-256 of its bytes, or the error that says why it cannot be read."""
    import hashlib  # only needed by verify(); importing it at first query would cost about 3 ms

    try:
        raw = source.raw_bytes
        return raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()
    except (OSError, LookupError, UnicodeDecodeError, ValueError) as exc:
        return exc


def _bad_mode(mode: object) -> Exception:
    """The error for a ``mode`` that is neither "overlaps" nor "within"."""
    if not isinstance(mode, str):
        return TypeError(f"mode: got {type(mode).__name__} {mode!r:.80}; expected 'overlaps' or 'within'")
    return ValueError(f"mode: got {mode!r:.80}; expected 'overlaps' or 'within'")


def _meets(when: PartialDate, first: date, last: date) -> bool:
    return when.earliest <= last and first <= when.latest


def _rebuilt(
    data_version: str | None,
    uncited: tuple[Uncited, ...],
    redirects: tuple[Redirect, ...],
    of_kind: dict[str, tuple[Record, ...]],
) -> Dataset:
    """A pickled dataset, built again (see ``Dataset.__reduce__``)."""
    return Dataset(data_version=data_version, uncited=uncited, redirects=redirects, **of_kind)


def _group(
    records: tuple[R, ...], keys_of: Callable[[R], Iterable[K]], results: type[Results[Any]]
) -> dict[K, Results[R]]:
    """Map each key to the records having it, keeping the records' order."""
    grouped: dict[K, list[R]] = {}
    for record, keys in zip(records, map(keys_of, records), strict=True):
        for key in keys:
            found = grouped.get(key)
            if found is None:
                grouped[key] = [record]
            else:
                found.append(record)
    return {key: results(found) for key, found in grouped.items()}


_RECORD_CLASSES = tuple(kind.cls for kind in KINDS)

# Attribute readers that run in C, for the loops over every event.
_event_key = operator.attrgetter("date.earliest", "date.latest", "id")
_id_of = operator.attrgetter("id")
_date_of = operator.attrgetter("date")
_earliest = operator.attrgetter("earliest")
_latest = operator.attrgetter("latest")
_participants_of = operator.attrgetter("participants")
_toordinal = date.toordinal
