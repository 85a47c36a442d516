"""Module-level queries over the bundled dataset, which is read once, on first use, behind a lock."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ._dataset import Dataset, Mode, VerifyReport
from ._models import Agreement, Event, Fact, Figure, Mission, Person, Record, RelationsPeriod, Source, Statement
from ._vocab import EventKind, FactTopic, Field, RelationsStatus

if TYPE_CHECKING:
    from ._coverage import SentenceCoverage

__all__ = [
    "agreements",
    "agreements_by_field",
    "coverage_report",
    "dataset",
    "events",
    "events_between",
    "facts",
    "figures",
    "find_person",
    "get",
    "missions",
    "people",
    "relations_history",
    "relations_status",
    "sources",
    "statements",
    "verify",
]

_lock = threading.Lock()
_bundled: Dataset | None = None


def dataset() -> Dataset:
    """The bundled dataset, read on first call and cached; safe to call from many threads at once."""
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                from ._load import load_bundled

                _bundled = load_bundled()
    return _bundled


def events_between(start: object, end: object, *, mode: Mode = "overlaps") -> tuple[Event, ...]:
    """Events dated within ``[start, end]``, both inclusive; see :meth:`Dataset.events_between`."""
    return (_bundled or dataset()).events_between(start, end, mode=mode)


def agreements_by_field(field: Field | str) -> tuple[Agreement, ...]:
    """Agreements covering a field of cooperation; see :meth:`Dataset.agreements_by_field`."""
    return (_bundled or dataset()).agreements_by_field(field)


def events(*, kind: EventKind | str | None = None, actor: object = None) -> tuple[Event, ...]:
    """All events, or those of one ``kind`` or with one ``actor``; see :meth:`Dataset.events`."""
    return dataset().events(kind=kind, actor=actor)


def agreements() -> tuple[Agreement, ...]:
    """All agreements, chronologically."""
    return dataset().agreements()


def statements(*, speaker: object = None) -> tuple[Statement, ...]:
    """All statements, or those a ``speaker`` made; see :meth:`Dataset.statements`."""
    return dataset().statements(speaker=speaker)


def figures() -> tuple[Figure, ...]:
    """Trade volumes and credit lines, chronologically."""
    return dataset().figures()


def facts(*, topic: FactTopic | str | None = None) -> tuple[Fact, ...]:
    """Facts that are not events, agreements, statements or figures; see :meth:`Dataset.facts`."""
    return dataset().facts(topic=topic)


def people() -> tuple[Person, ...]:
    """Everyone the sources name, by id."""
    return dataset().people()


def missions() -> tuple[Mission, ...]:
    """The embassies, by id."""
    return dataset().missions()


def sources() -> tuple[Source, ...]:
    """The source documents, by id."""
    return dataset().sources()


def relations_history() -> tuple[RelationsPeriod, ...]:
    """Periods of established and interrupted relations, chronologically."""
    return dataset().relations_history()


def find_person(name: str) -> Person:
    """The person with this name, alias or unambiguous surname; see :meth:`Dataset.find_person`."""
    return dataset().find_person(name)


def get(record_id: str) -> Record:
    """The record with this id; see :meth:`Dataset.get`."""
    return dataset().get(record_id)


def relations_status(on: object) -> RelationsStatus:
    """The state of Cuba-Iran relations on a date; see :meth:`Dataset.relations_status`."""
    return dataset().relations_status(on)


def verify() -> VerifyReport:
    """Check the bundled dataset's quotes and source hashes; see :meth:`Dataset.verify`."""
    return dataset().verify()


def coverage_report(data: Dataset | None = None) -> tuple[SentenceCoverage, ...]:
    """Every sentence of every source of ``data`` (default: the bundled dataset) with the records citing it,
    or the recorded reason none does (a heading, a "See also" link)."""
    from ._coverage import coverage_report as report

    return report(dataset_argument(data))


def dataset_argument(data: object) -> Dataset:
    """The ``data`` argument of a function taking an optional dataset: a ``Dataset``, or ``None`` for the bundled
    one. Raises ``TypeError`` for anything else."""
    if data is None:
        return dataset()
    if not isinstance(data, Dataset):
        raise TypeError(f"data: got {type(data).__name__} {data!r}; expected a Dataset or None (the bundled one)")
    return data
