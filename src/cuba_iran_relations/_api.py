"""The public functions: queries of the bundled dataset (read once, on first use, behind a lock), ``load`` of a
user's folder, and the exports, each handing the dataset it is given (default: the bundled one) to its module."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ._dataset import Dataset, Mode, VerifyReport
from ._dates import DateLike
from ._load import bundled_folder, folder_path, read_folder
from ._models import Agreement, Event, Fact, Figure, Mission, Person, Record, RelationsPeriod, Source, Statement
from ._results import Results
from ._version import DATA_VERSION
from ._vocab import EventKind, FactTopic, Field, RelationsStatus

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence
    from importlib.resources.abc import Traversable
    from pathlib import Path

    import matplotlib.axes
    import pandas as pd
    import pyarrow as pa

    from ._sentences import SentenceCoverage

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
    "load",
    "missions",
    "people",
    "plot_timeline",
    "relations_history",
    "relations_status",
    "search",
    "sources",
    "statements",
    "to_arrow",
    "to_gdelt",
    "to_pandas",
    "to_records",
    "verify",
    "write_site",
]

_lock = threading.Lock()
_bundled: Dataset | None = None


def _read(root: Traversable, data_version: str | None = None) -> Dataset:
    contents = read_folder(root)
    return Dataset(
        data_version=data_version or contents.metadata.data_version,
        uncited=contents.uncited,
        redirects=contents.redirects,
        **contents.records,
    )


def dataset() -> Dataset:
    """The bundled dataset, read on first call and cached; safe to call from many threads at once."""
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = _read(bundled_folder(), DATA_VERSION)
    return _bundled


def load(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset folder laid out like the package's own data folder.

    Raises ``TypeError`` if ``path`` is not a ``str`` or path, ``ValueError`` if it cannot name a folder (empty,
    a NUL character, too long), ``FileNotFoundError``/``NotADirectoryError`` if it is not a folder, and
    ``DatasetError`` (a ``ValueError``) listing every problem in its files. Each data file may hold at most
    ``MAX_FILE_BYTES`` (64 MiB).
    """
    return _read(folder_path(path))


def _given(data: object) -> Dataset:
    """The ``data`` argument of a function taking an optional dataset: a ``Dataset``, or ``None`` for the bundled
    one. Raises ``TypeError`` for anything else."""
    if data is None:
        return dataset()
    if not isinstance(data, Dataset):
        raise TypeError(f"data: got {type(data).__name__} {data!r:.80}; expected a Dataset or None (the bundled one)")
    return data


def events_between(start: DateLike, end: DateLike, *, mode: Mode = "overlaps") -> Results[Event]:
    """Events dated within ``[start, end]``, both inclusive; see :meth:`Dataset.events_between`."""
    return (_bundled or dataset()).events_between(start, end, mode=mode)


def agreements_by_field(field: Field | str) -> Results[Agreement]:
    """Agreements covering a field of cooperation; see :meth:`Dataset.agreements_by_field`."""
    return (_bundled or dataset()).agreements_by_field(field)


def events(*, kind: EventKind | str | None = None, actor: Record | str | None = None) -> Results[Event]:
    """All events, or those of one ``kind`` or with one ``actor``; see :meth:`Dataset.events`."""
    return dataset().events(kind=kind, actor=actor)


def agreements() -> Results[Agreement]:
    """All agreements, chronologically."""
    return dataset().agreements()


def statements(*, speaker: Record | str | None = None, about: Record | str | None = None) -> Results[Statement]:
    """All statements, or those a ``speaker`` made or those ``about`` something; see :meth:`Dataset.statements`."""
    return dataset().statements(speaker=speaker, about=about)


def figures() -> Results[Figure]:
    """Trade volumes and credit lines, chronologically."""
    return dataset().figures()


def facts(*, topic: FactTopic | str | None = None) -> Results[Fact]:
    """Facts that are not events, agreements, statements or figures; see :meth:`Dataset.facts`."""
    return dataset().facts(topic=topic)


def people() -> Results[Person]:
    """Everyone the sources name, by id."""
    return dataset().people()


def missions() -> Results[Mission]:
    """The embassies, by id."""
    return dataset().missions()


def sources() -> Results[Source]:
    """The source documents, by id."""
    return dataset().sources()


def relations_history() -> Results[RelationsPeriod]:
    """Periods of established and interrupted relations, chronologically."""
    return dataset().relations_history()


def search(text: str) -> Results[Record]:
    """Every bundled record whose words hold all the words of ``text``; see :meth:`Dataset.search`."""
    return dataset().search(text)


def find_person(name: str) -> Person:
    """The person with this name, alias or unambiguous surname; see :meth:`Dataset.find_person`."""
    return (_bundled or dataset()).find_person(name)


def get(record_id: str) -> Record:
    """The record with this id; see :meth:`Dataset.get`."""
    return dataset().get(record_id)


def relations_status(on: DateLike) -> RelationsStatus:
    """The state of Cuba-Iran relations on a date; see :meth:`Dataset.relations_status`."""
    return dataset().relations_status(on)


def verify() -> VerifyReport:
    """Check the bundled dataset's quotes and source hashes; see :meth:`Dataset.verify`."""
    return dataset().verify()


def coverage_report(data: Dataset | None = None) -> tuple[SentenceCoverage, ...]:
    """Every sentence of every source of ``data`` (default: the bundled dataset) with the records citing it,
    or the recorded reason none does (a heading, a "See also" link)."""
    return _given(data).coverage_report()


def to_records(kind: str, data: Dataset | None = None) -> list[dict[str, Any]]:
    """Every record of ``kind`` as a JSON-ready dict in the data files' own schema (see ``json_schema``).

    ``kind`` is one of ``"events"``, ``"agreements"``, ``"statements"``, ``"figures"``, ``"facts"``,
    ``"people"``, ``"organizations"``, ``"places"``, ``"countries"``, ``"missions"``, ``"sources"``,
    ``"relations"``. Raises ``TypeError`` for a non-string and ``ValueError`` for an unknown kind.
    """
    return _given(data).to_records(kind)


def to_pandas(kind: str, data: Dataset | None = None) -> pd.DataFrame:
    """Every record of ``kind`` as a pandas DataFrame, one row per record, with typed columns.

    Raises ``ImportError`` naming the ``pandas`` extra when pandas is not installed, ``TypeError``/``ValueError``
    for a bad ``kind`` (as :func:`to_records`).
    """
    return _given(data).to_pandas(kind)


def to_arrow(kind: str, data: Dataset | None = None) -> pa.Table:
    """Every record of ``kind`` as a ``pyarrow.Table`` with the columns of :func:`to_pandas`, typed for every
    reader: a date's bounds ``date32`` (an open end null), amounts ``decimal128(38, 18)``, id lists
    ``list<string>``, vocabularies dictionary-encoded strings, CAMEO codes strings.

    Raises ``ImportError`` naming the ``arrow`` extra when pyarrow is not installed, ``TypeError``/``ValueError``
    for a bad ``kind`` (as :func:`to_records`).
    """
    return _given(data).to_arrow(kind)


def to_gdelt(data: Dataset | None = None) -> list[dict[str, Any]]:
    """Every event with a CAMEO code as a dict keyed by GDELT event-table column names, chronologically."""
    return _given(data).to_gdelt()


def plot_timeline(
    events: Sequence[Event] | None = None, *, ax: matplotlib.axes.Axes | None = None
) -> matplotlib.axes.Axes:
    """Draw ``events`` (default: every bundled event) on a time axis and return the matplotlib ``Axes``.

    Imprecise dates are drawn as spans from their earliest to their latest day, exact days as dots; an open end
    (``1979/..``) is drawn up to the latest date shown. Colours stand for event kinds (see the legend). Pass
    ``ax`` to draw into an existing ``Axes``. Raises ``ImportError`` naming the ``plot`` extra without
    matplotlib, ``TypeError`` if ``events`` holds something other than events.
    """
    from ._plot import plot_timeline as plot

    return plot(dataset().events() if events is None else events, ax=ax)


def write_site(path: str | os.PathLike[str], data: Dataset | None = None) -> tuple[Path, ...]:
    """Write the static reader site of ``data`` (default: the bundled dataset) into the folder ``path``: pages
    that open from ``file://`` with no server and no network; ``index.html`` is the timeline. Returns the files
    written. Raises ``TypeError`` for a ``path`` that is not a path, ``ValueError`` for one that cannot name a
    folder, ``OSError`` for a folder that cannot be written.
    """
    from ._site import write_site as write

    return write(_given(data), path)
