"""Reading a dataset folder: JSON files -> validated records -> an indexed ``Dataset``, or ``DatasetError``.

Every problem in every file is collected before anything is returned, each with its file and JSON path;
nothing is half-loaded. Reading writes nothing and touches no network.

A user's folder is read defensively: only regular files are opened (a FIFO or a device named like a data file
is reported, never read, so loading cannot block or read without end), each file may hold at most
``MAX_FILE_BYTES``, JSON objects may not repeat a key, and the problem list stops at ``MAX_PROBLEMS``.
"""

from __future__ import annotations

import errno
import gc
import json
import operator
import os
import stat
from collections.abc import Iterable, Iterator
from itertools import chain, repeat
from typing import IO, TYPE_CHECKING, Any, cast

from ._dataset import Dataset
from ._errors import DatasetError
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
)
from ._structure import Unsupported, structure_all

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["MAX_FILE_BYTES", "MAX_PROBLEMS", "RECORD_FILES", "load", "load_bundled", "read_folder"]

# The largest data or source-text file a folder may hold: room for a few hundred thousand events (a compact
# event takes about 250 bytes), and small enough that parsing the worst JSON of this size stays within about
# a gigabyte of memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Reading stops after this many problems: a broken file of millions of elements would otherwise take minutes
# and build a message of gigabytes. The first problems are the ones to fix.
MAX_PROBLEMS = 1000

# The files of a dataset folder, in dependency order, each with its record type and Dataset argument.
RECORD_FILES: tuple[tuple[str, type[Any], str], ...] = (
    ("sources.json", Source, "sources"),
    ("countries.json", Country, "countries"),
    ("organizations.json", Organization, "organizations"),
    ("places.json", Place, "places"),
    ("missions.json", Mission, "missions"),
    ("people.json", Person, "people"),
    ("events.json", Event, "events"),
    ("agreements.json", Agreement, "agreements"),
    ("statements.json", Statement, "statements"),
    ("figures.json", Figure, "figures"),
    ("facts.json", Fact, "facts"),
    ("relations.json", RelationsPeriod, "relations"),
)
METADATA_FILE = "metadata.json"

# What each kind of reference may point to, by id prefix.
_ACTORS = ("person", "country", "org")
_WHERE = ("place", "country")
# The Dataset argument (and file) holding the records of each of those kinds of id.
_FILE_OF_KIND = {
    "source": "sources",
    "person": "people",
    "country": "countries",
    "org": "organizations",
    "place": "places",
}


def _references(record: Record) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Each id a record refers to: (JSON path below the record, id, prefixes it may have)."""
    for position, citation in enumerate(getattr(record, "citations", ())):
        yield f".citations[{position}].source_id", citation.source_id, ("source",)
    if isinstance(record, Event):
        for k, ref in enumerate(record.participants):
            yield f".participants[{k}]", ref, _ACTORS
        if record.location is not None:
            yield ".location", record.location, _WHERE
    elif isinstance(record, Agreement):
        for k, ref in enumerate(record.parties):
            yield f".parties[{k}]", ref, _ACTORS
        if record.place is not None:
            yield ".place", record.place, _WHERE
        if record.signing_event is not None:
            yield ".signing_event", record.signing_event, ("event",)
    elif isinstance(record, Statement):
        for k, ref in enumerate(record.speakers):
            yield f".speakers[{k}]", ref, _ACTORS
        if record.reported_by is not None:
            yield ".reported_by", record.reported_by, _ACTORS
        if record.subject is not None:
            yield ".subject", record.subject, ()
    elif isinstance(record, Fact):
        for k, ref in enumerate(record.attributed_to):
            yield f".attributed_to[{k}]", ref, _ACTORS
    elif isinstance(record, Figure):
        for k, ref in enumerate(record.parties):
            yield f".parties[{k}]", ref, _ACTORS
    elif isinstance(record, Person):
        for k, role in enumerate(record.roles):
            if role.country is not None:
                yield f".roles[{k}].country", role.country, ("country",)
            if role.organization is not None:
                yield f".roles[{k}].organization", role.organization, ("org",)
    elif isinstance(record, (Organization, Place)):
        if record.country is not None:
            yield ".country", record.country, ("country",)
        if isinstance(record, Place) and record.within is not None:
            yield ".within", record.within, ("place",)
    elif isinstance(record, Mission):
        yield ".sending_country", record.sending_country, ("country",)
        yield ".host_country", record.host_country, ("country",)
        if record.place is not None:
            yield ".place", record.place, ("place",)


class _EventReferences:
    """Whether every reference of some events resolves to a record of an allowed kind, checked with set lookups.

    A shortcut for the common case only: events for which it says no go through ``_references``, which says
    what is wrong (or that nothing is: a reference to a record that failed to load is not a new problem).
    Loading 10^5 events checks some 3.5 * 10^5 references; ``all_resolve`` checks them a field at a time, in C.
    """

    __slots__ = ("actors", "places", "sources")

    def __init__(self, loaded: dict[str, list[Any]]) -> None:
        # The ids of the records that loaded, of some kinds: a record's id starts with the kind of its file
        # (its id validator says so).
        def ids_of(kinds: tuple[str, ...]) -> frozenset[str]:
            records = chain.from_iterable(loaded[_FILE_OF_KIND[kind]] for kind in kinds)
            return frozenset(map(_record_id, records))

        self.sources = ids_of(("source",))
        self.actors = ids_of(_ACTORS)
        self.places = ids_of(_WHERE) | {None}  # or no location

    def all_resolve(self, events: Iterable[Event]) -> bool:
        return (
            self.sources.issuperset(map(_source_id, chain.from_iterable(map(_citations_of, events))))
            and self.actors.issuperset(chain.from_iterable(map(_participants_of, events)))
            and self.places.issuperset(map(_location_of, events))
        )


_source_id = operator.attrgetter("source_id")
_citations_of = operator.attrgetter("citations")
_participants_of = operator.attrgetter("participants")
_location_of = operator.attrgetter("location")
_record_id = operator.attrgetter("id")


def _read_bytes(root: Traversable, name: str) -> bytes:
    """The bytes of ``root/name``; in a folder on disk only a regular file of at most ``MAX_FILE_BYTES``.

    Raises ``FileNotFoundError`` if it is missing and ``ValueError`` (with the reason) if it is not a regular
    file or is too large.
    """
    if not isinstance(root, os.PathLike):
        return root.joinpath(name).read_bytes()
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
    fd = os.open(os.path.join(root, name), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"is {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES} bytes")
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # the file grew while being read
        raise ValueError(f"is more than the limit of {MAX_FILE_BYTES} bytes")
    return raw


class _RepeatedKeys(dict[str, object]):
    """A JSON object that repeated a key; ``repeated`` names the keys (the last value of each was kept)."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, object]], repeated: list[str]) -> None:
        super().__init__(pairs)
        self.repeated = repeated


def _json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    repeated = sorted({key for key, _ in pairs if key in seen or seen.add(key)})  # type: ignore[func-returns-value]
    return _RepeatedKeys(pairs, repeated)


def _repeated_key_paths(data: object) -> Iterator[str]:
    """``$path: ...`` for each object in ``data`` that repeated a key (iteratively: JSON may be deep)."""
    stack: list[tuple[str, object]] = [("$", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value, _RepeatedKeys):
                keys = ", ".join(repr(k) for k in value.repeated)
                yield f"{path}: key {keys} given more than once in one object"
            stack.extend((f"{path}.{key}", item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def _read_json(root: Traversable, name: str, problems: list[str]) -> object:
    """The parsed content of ``root/name``, or ``None`` with a problem recorded."""
    try:
        raw = _read_bytes(root, name)
    except FileNotFoundError:
        problems.append(f"{name}: $: missing; a dataset folder needs every record file, even as an empty array []")
        return None
    except OSError as exc:
        problems.append(f"{name}: $: cannot be read: {exc.strerror or exc}")
        return None
    except ValueError as exc:
        problems.append(f"{name}: $: {exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{name}: $: not valid UTF-8 at byte {exc.start}")
        return None
    repeated = False

    def object_hook(pairs: list[tuple[str, object]]) -> dict[str, object]:
        # Called for every JSON object (10^5 events make 2 * 10^5): the common case is one dict() and one len().
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        nonlocal repeated
        repeated = True
        return _json_object(pairs)

    try:
        data = json.loads(text, object_pairs_hook=object_hook)
    except json.JSONDecodeError as exc:
        problems.append(f"{name}: $: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return None
    except RecursionError:
        problems.append(f"{name}: $: JSON nested too deeply to read")
        return None
    except ValueError as exc:  # such as an integer of more digits than Python converts
        problems.append(f"{name}: $: invalid JSON: {exc}")
        return None
    if repeated:
        problems.extend(f"{name}: {line}" for line in _repeated_key_paths(data))
        return None
    if data is None:  # a file holding just `null` must not pass for one that was reported and skipped
        expected = "an object" if name == METADATA_FILE else "an array of records"
        problems.append(f"{name}: $: got null; expected {expected}")
    return data


def read_folder(root: Traversable, data_version: str | None = None) -> Dataset:
    """Read and validate every file of a dataset folder; raise ``DatasetError`` listing every problem.

    The cyclic garbage collector is paused while reading (and restored as it was): loading 10^5 events
    allocates millions of objects, none in a reference cycle, and the collections they trigger took about a
    quarter of the time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_folder(root, data_version)
    finally:
        if enabled:
            gc.enable()


def _read_folder(root: Traversable, data_version: str | None) -> Dataset:
    problems: list[str] = []
    loaded: dict[str, list[Any]] = {}
    located: dict[str, tuple[str, int]] = {}  # id -> (file, index) of its first definition
    named: set[str] = set()  # every id an item gives, valid or not: a reference to a broken record is no new problem
    for name, cls, argument in RECORD_FILES:
        data = _read_json(root, name, problems)
        records: list[Any] = []
        loaded[argument] = records
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{name}: $: got {type(data).__name__}; expected an array of {cls.__name__} records")
            continue
        built = _structure_records(data, cls, name, problems, root)
        if cls is not Source and len(problems) < MAX_PROBLEMS and _locate_all(built, name, located):
            records.extend(built)  # ``named`` needs none of their ids: all are located
            continue
        named.update(item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str))
        for index, record in enumerate(built):
            if len(problems) >= MAX_PROBLEMS:
                break
            if record is None:
                continue
            if record.id in located:
                first_file, first_index = located[record.id]
                problems.append(
                    f"{name}: $[{index}].id: duplicate id {record.id!r}, first used at {first_file} $[{first_index}]"
                )
                continue
            located[record.id] = (name, index)
            if isinstance(record, Source):
                text_problem = _text_file_problem(root, record.text_file)
                if text_problem is not None:
                    problems.append(f"{name}: $[{index}].text_file: {record.text_file!r} {text_problem}")
            records.append(record)
    resolves = _EventReferences(loaded)
    for name, cls, argument in RECORD_FILES:
        if cls is Event and resolves.all_resolve(loaded[argument]):
            continue  # every reference is known and of its kind: _references would find no problem
        for record in loaded[argument]:
            if cls is Event and resolves.all_resolve((record,)):
                continue
            _, index = located[record.id]
            for path, ref, prefixes in _references(record):
                if ref not in located:
                    if ref not in named:
                        problems.append(f"{name}: $[{index}]{path}: unknown id {ref!r}")
                elif prefixes and ref.partition(":")[0] not in prefixes:
                    kinds = ", ".join(f"'{p}:'" for p in prefixes)
                    problems.append(f"{name}: $[{index}]{path}: {ref!r} is not one of {kinds}")
    metadata = _read_metadata(root, problems)
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"(stopped after {MAX_PROBLEMS} problems; fix these and load again)"]
    if problems:
        raise DatasetError(problems, where=f"dataset {root}")
    version = data_version if data_version is not None else metadata.get("data_version")
    return Dataset(data_version=version, **loaded)


def _locate_all(built: list[Any | None], name: str, located: dict[str, tuple[str, int]]) -> bool:
    """Locate every record of a file at once, in C, if each item became a record with an id not used before.

    Then ``read_folder``'s loop over the records would locate each one and report nothing; otherwise (``False``)
    nothing is changed and that loop runs.
    """
    if any(map(operator.is_, built, repeat(None))):
        return False
    ids = list(map(_record_id, built))
    if len(set(ids)) != len(ids) or not located.keys().isdisjoint(ids):
        return False
    located.update(zip(ids, zip(repeat(name), range(len(ids)), strict=False), strict=True))
    return True


def _structure_records(
    data: list[Any], cls: type[Any], name: str, problems: list[str], root: Traversable
) -> list[Any | None]:
    """One record per item of a file's array, ``None`` where an item has problems (recorded in ``problems``).

    The fast path of ``_structure`` builds valid data without importing cattrs; anything it does not accept is
    structured by the converter, which finds and describes every problem with its JSON path.
    """
    extra = {"root": root} if cls is Source else {}
    try:
        return structure_all(data, cls, **extra)
    except Unsupported:
        pass
    import attrs

    from ._convert import describe_error, structure

    records: list[Any | None] = []
    for index, item in enumerate(data):
        if len(problems) >= MAX_PROBLEMS:
            break
        if not isinstance(item, dict):
            problems.append(f"{name}: $[{index}]: got {type(item).__name__}; expected an object ({cls.__name__})")
            records.append(None)
            continue
        try:
            record = structure(item, cls)
        except Exception as exc:  # noqa: BLE001 - every structuring failure is reported with its path
            problems.extend(f"{name}: {line}" for line in describe_error(exc, f"$[{index}]"))
            records.append(None)
            continue
        records.append(attrs.evolve(record, **extra) if extra else record)
    return records


def _text_file_problem(root: Traversable, text_file: str) -> str | None:
    """Why a source's text file cannot be used, or ``None`` if it is a regular file within the size limit."""
    where = root.joinpath(*text_file.split("/"))
    if not where.is_file():
        return "is not in the folder"
    if isinstance(where, os.PathLike) and os.stat(where).st_size > MAX_FILE_BYTES:
        return f"is more than the limit of {MAX_FILE_BYTES} bytes"
    return None


def _read_metadata(root: Traversable, problems: list[str]) -> dict[str, str]:
    """The optional ``metadata.json``: an object of strings, such as ``data_version``."""
    if not root.joinpath(METADATA_FILE).is_file():
        return {}
    data = _read_json(root, METADATA_FILE, problems)
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        problems.append(f"{METADATA_FILE}: $: expected an object whose values are strings")
        return {}
    return data


def load(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset folder laid out like the package's own data folder.

    Raises ``TypeError`` if ``path`` is not a ``str`` or path, ``ValueError`` if it cannot name a folder (empty,
    a NUL character, too long), ``FileNotFoundError``/``NotADirectoryError`` if it is not a folder, and
    ``DatasetError`` (a ``ValueError``) listing every problem in its files. Each data file may hold at most
    ``MAX_FILE_BYTES`` (64 MiB).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: got {type(path).__name__} {path!r}; expected a str or os.PathLike folder path")
    text: object = os.fspath(path)
    if not isinstance(text, str):  # an os.PathLike may give bytes
        raise TypeError(f"path: got {type(path).__name__} {path!r}; expected a str or os.PathLike folder path")
    if not text or "\0" in text:
        # Path("") would silently mean the current folder; a NUL byte cannot be in any file name.
        raise ValueError(f"path: got {text!r}; expected a non-empty folder path without NUL characters")
    from pathlib import Path

    folder = Path(text)
    try:
        info = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"path: got {text!r}; no such folder") from None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL):
            raise ValueError(f"path: got {text!r}; not a usable folder path: {exc.strerror}") from None
        if exc.errno == errno.ELOOP:
            raise FileNotFoundError(f"path: got {text!r}; no such folder (symbolic link loop)") from None
        raise
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(f"path: got {text!r}; expected a folder holding the dataset's JSON files")
    return read_folder(folder)


def load_bundled() -> Dataset:
    """Read the dataset shipped inside the package."""
    from ._version import DATA_VERSION

    # The data folder beside this module, where importlib.resources.files() finds it for a package on disk;
    # importlib.resources itself (about 6 ms of imports) is needed only when the package is not (a zip file).
    here = os.path.join(os.path.dirname(__file__), "data")
    if os.path.isdir(here):
        return read_folder(cast("Traversable", _Folder(here)), data_version=DATA_VERSION)
    from importlib.resources import files

    return read_folder(files("cuba_iran_relations.data"), data_version=DATA_VERSION)


class _Folder(os.PathLike[str]):
    """A folder or file on disk, with the methods of ``importlib.resources.abc.Traversable`` the package uses.

    The bundled dataset's sources keep it as their ``root``. ``pathlib.Path`` would do, but importing pathlib
    adds about 4 ms (a tenth) to the first query, and these few methods need only ``os`` and ``open``.
    """

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        self._path = path

    def __fspath__(self) -> str:
        return self._path

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"

    def __str__(self) -> str:
        return self._path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Folder) and other._path == self._path

    def __hash__(self) -> int:
        return hash(self._path)

    @property
    def name(self) -> str:
        return os.path.basename(self._path)

    def joinpath(self, *descendants: str) -> _Folder:
        return _Folder(os.path.join(self._path, *descendants))

    __truediv__ = joinpath

    def is_dir(self) -> bool:
        return os.path.isdir(self._path)

    def is_file(self) -> bool:
        return os.path.isfile(self._path)

    def iterdir(self) -> Iterator[_Folder]:
        return (self.joinpath(name) for name in sorted(os.listdir(self._path)))

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> IO[Any]:
        return open(self._path, mode, *args, **kwargs)

    def read_bytes(self) -> bytes:
        with open(self._path, "rb") as file:
            return file.read()

    def read_text(self, encoding: str | None = None) -> str:
        with open(self._path, encoding=encoding) as file:
            return file.read()
