"""Reading a dataset folder: JSON files -> validated records of every kind, or ``DatasetError``.

Every problem in every file is collected before anything is returned, each with its file and JSON path;
nothing is half-loaded. Reading writes nothing and touches no network. Files are read through ``_files``
(regular files inside the folder, within a size limit); JSON objects may not repeat a key, and the problem
list stops at ``MAX_PROBLEMS``.
"""

from __future__ import annotations

import errno
import functools
import gc
import json
import os
import stat
import typing
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from ._attributes import REFERS_TO, data_attributes
from ._convert import converter, describe_error, detailed_converter
from ._errors import DatasetError
from ._files import check_file, folder_path_text, read_file
from ._models import FORMAT, KINDS, Event, Metadata, Record, Redirect, Source, Statement, Uncited

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

__all__ = [
    "MAX_PROBLEMS",
    "METADATA_FILE",
    "REDIRECTS_FILE",
    "UNCITED_FILE",
    "Contents",
    "bundled_folder",
    "folder_path",
    "read_folder",
]

# Reading stops after this many problems: a broken file of millions of elements would otherwise take minutes
# and build a message of gigabytes. The first problems are the ones to fix.
MAX_PROBLEMS = 1000
METADATA_FILE = "metadata.json"


@attrs.frozen
class Contents:
    """What a dataset folder holds: the records of each kind (by kind name), its metadata, the lines of its
    sources that no record cites (with why) and the ids records had in earlier releases."""

    records: dict[str, list[Record]]
    metadata: Metadata
    uncited: list[Uncited]
    redirects: list[Redirect]


# The files of a dataset folder besides the record files: each with what it holds and whether it must be there.
UNCITED_FILE = "uncited.json"
REDIRECTS_FILE = "redirects.json"


def bundled_folder() -> Traversable:
    """The dataset folder shipped inside the package."""
    from importlib.resources import files

    return files("cuba_iran_relations.data")


def folder_path(path: object) -> Path:
    """The absolute folder named by ``load``'s ``path`` argument, checked to be a folder.

    Absolute, so that what is read later (source texts, by ``verify()``) does not depend on the current folder.
    Raises ``TypeError`` if ``path`` is not a ``str`` or path, ``ValueError`` if it cannot name a folder (empty, a
    NUL character, too long), ``FileNotFoundError``/``NotADirectoryError`` if it is not a folder.
    """
    text = folder_path_text(path)
    from pathlib import Path

    try:
        folder = Path(text).absolute()
        info = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"path: got {text!r}; no such folder") from None
    except OSError as exc:
        # Windows reports a symbolic link loop as its error 1921, which Python maps to EINVAL.
        if exc.errno == errno.ELOOP or getattr(exc, "winerror", None) == 1921:
            raise FileNotFoundError(f"path: got {text!r}; no such folder (symbolic link loop)") from None
        if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL):
            raise ValueError(f"path: got {text!r:.80}; not a usable folder path: {exc.strerror}") from None
        raise
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(f"path: got {text!r}; expected a folder holding the dataset's JSON files")
    return folder


def read_folder(root: Traversable) -> Contents:
    """Read and validate every file of a dataset folder; raise ``DatasetError`` listing every problem.

    The cyclic garbage collector is paused while reading (and restored as it was): loading 10^5 events
    allocates millions of objects, none in a reference cycle, and the collections they trigger took about a
    quarter of the time. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_folder(root)
    finally:
        if enabled:
            gc.enable()


def _read_folder(root: Traversable) -> Contents:
    problems: list[str] = []
    loaded: dict[str, list[Record]] = {}
    located: dict[str, tuple[str, int]] = {}  # id -> (file, index) of its definition
    named: set[str] = set()  # every id an item gives, valid or not: a reference to a broken record is no new problem
    unread: set[str] = set()  # the kinds whose file could not be read: references to them are no new problem
    metadata = _read_metadata(root, problems)
    for kind in KINDS:
        records = loaded[kind.name] = []
        data = _read_array(root, kind.file, kind.cls, problems)
        if data is None:
            unread.add(kind.prefix)
            continue
        named.update(item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str))
        for index, record in enumerate(_structure_records(data, kind.cls, kind.file, problems)):
            if record is None:
                continue
            first = located.setdefault(record.id, (kind.file, index))
            if first != (kind.file, index):
                problems.append(
                    f"{kind.file}: $[{index}].id: duplicate id {record.id!r}, first used at {first[0]} $[{first[1]}]"
                )
                continue
            if isinstance(record, Source):
                problem = _text_file_problem(root, record.text_file)
                if problem is not None:
                    problems.append(f"{kind.file}: $[{index}].text_file: {record.text_file!r} {problem}")
                records.append(attrs.evolve(record, root=root))
            else:
                records.append(record)
    uncited = _read_optional(root, UNCITED_FILE, Uncited, problems)
    redirects = _read_optional(root, REDIRECTS_FILE, Redirect, problems)
    named |= unread
    for kind in KINDS:
        placed = [(located[record.id][1], record) for record in loaded[kind.name]]
        problems.extend(_unknown_references(kind.file, kind.cls, placed, located, named))
    for file, cls, items in ((UNCITED_FILE, Uncited, uncited), (REDIRECTS_FILE, Redirect, redirects)):
        placed = [(index, item) for index, item in enumerate(items) if item is not None]
        problems.extend(_unknown_references(file, cls, placed, located, named))
    problems.extend(_link_problems(loaded, located))
    problems.extend(_redirect_problems(redirects, located))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"(stopped after {MAX_PROBLEMS} problems; fix these and load again)"]
    if problems or metadata is None:
        raise DatasetError(problems, where=f"dataset {root}")
    return Contents(
        loaded,
        metadata,
        [item for item in uncited if item is not None],
        [item for item in redirects if item is not None],
    )


def _read_array(root: Traversable, file: str, cls: type, problems: list[str]) -> list[Any] | None:
    """The items of a file holding a JSON array, or ``None`` with a problem recorded."""
    data = _read_json(root, file, problems)
    if data is None:
        return None
    if not isinstance(data, list):
        problems.append(f"{file}: $: got {type(data).__name__}; expected an array of {cls.__name__}")
        return None
    return data


def _read_optional(root: Traversable, file: str, cls: type, problems: list[str]) -> list[Any]:
    """The items of an optional file of the layout (``uncited.json``, ``redirects.json``), ``None`` for each
    item with problems; ``[]`` if the folder has no such file."""
    if not _exists(root, file):
        return []
    return _structure_records(_read_array(root, file, cls, problems) or [], cls, file, problems)


def _exists(root: Traversable, file: str) -> bool:
    """Whether the folder has something called ``file``: a link or a FIFO too, which reading then refuses."""
    if isinstance(root, os.PathLike):
        return os.path.lexists(os.path.join(root, file))
    return root.joinpath(file).is_file()


# What 0.1 wrote, and what to change to read it with this version (the 0.1 format had no "format").
_FORMAT_1 = (
    f'this folder is in the 0.1 format (metadata.json has no "format", or "format": 1); to read it, set "format": '
    f'{FORMAT} in metadata.json, and in statements.json replace each "subject" by "event" (the id of the verbal event the '
    'statement voices) or "targets" (an array of the ids of what it is about); event kinds "state_visit" and '
    '"revolution" are gone ("visit" is a visit, a revolution is a fact), and so is the field "justice"'
)


def _read_metadata(root: Traversable, problems: list[str]) -> Metadata | None:
    """``metadata.json``, which says the folder's format; ``None`` with a problem recorded if it is unusable."""
    if not _exists(root, METADATA_FILE):
        problems.append(f'{METADATA_FILE}: $: missing; a dataset folder needs one, at least {{"format": {FORMAT}}}')
        return None
    data = _read_json(root, METADATA_FILE, problems)
    if data is None:
        return None
    if isinstance(data, dict) and data.get("format", 1) == 1:
        problems.append(f"{METADATA_FILE}: $: {_FORMAT_1}")
        return None
    found: Metadata | None = _structure_records([data], Metadata, METADATA_FILE, problems, single=True)[0]
    return found


def _link_problems(loaded: dict[str, list[Record]], located: dict[str, tuple[str, int]]) -> Iterator[str]:
    """A problem for each verbal event and statement that do not point to each other."""
    events = {event.id: event for event in loaded["events"] if isinstance(event, Event)}
    statements = {statement.id: statement for statement in loaded["statements"] if isinstance(statement, Statement)}
    for event in events.values():
        said = statements.get(event.statement or "")
        if said is not None and said.event != event.id:
            where = f"events.json: $[{located[event.id][1]}].statement"
            yield f"{where}: {said.id!r} does not point back to this event (its event is {said.event!r})"
    for statement in statements.values():
        voiced = events.get(statement.event or "")
        if voiced is not None and voiced.statement != statement.id:
            where = f"statements.json: $[{located[statement.id][1]}].event"
            yield f"{where}: {voiced.id!r} does not point back to this statement (its statement is {voiced.statement!r})"


def _redirect_problems(redirects: list[Redirect | None], located: dict[str, tuple[str, int]]) -> Iterator[str]:
    """A problem for each redirect from an id a record has now, and for each id redirected twice."""
    seen: set[str] = set()
    for index, redirect in enumerate(redirects):
        if redirect is None:
            continue
        if redirect.old_id in located:
            yield f"{REDIRECTS_FILE}: $[{index}].old_id: {redirect.old_id!r} is the id of a record, not a former id"
        if redirect.old_id in seen:
            yield f"{REDIRECTS_FILE}: $[{index}].old_id: {redirect.old_id!r} is redirected more than once"
        seen.add(redirect.old_id)


def _text_file_problem(root: Traversable, text_file: str) -> str | None:
    """Why a source's text file cannot be read, or ``None``: it is checked, not read."""
    try:
        check_file(root, text_file)
    except FileNotFoundError:
        return "is not in the folder"
    except (OSError, ValueError) as exc:
        return _reason(exc)
    return None


def _reason(exc: OSError | ValueError) -> str:
    return f"cannot be read: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)


def _structure_records(
    data: list[Any], cls: type, file: str, problems: list[str], *, single: bool = False
) -> list[Any]:
    """One record per item of a file's array, ``None`` where an item has problems (recorded in ``problems``);
    ``single``: ``data`` is the file's one object, whose paths start at ``$``.

    Valid data is built by the converter without cattrs' detailed validation; if anything fails, every item is
    structured again by the detailed converter, which finds and describes every problem with its JSON path.
    """
    hook = converter.get_structure_hook(cls)
    try:
        return [hook(item, cls) for item in data]
    except Exception:  # noqa: BLE001, S110 - described below, item by item, with paths
        pass
    structure = detailed_converter().get_structure_hook(cls)
    records: list[Any] = []
    for index, item in enumerate(data):
        if len(problems) >= MAX_PROBLEMS:
            break
        path = "$" if single else f"$[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{file}: {path}: got {type(item).__name__}; expected an object ({cls.__name__})")
            records.append(None)
            continue
        try:
            records.append(structure(item, cls))
        except Exception as exc:  # noqa: BLE001 - every structuring failure is reported with its path
            problems.extend(f"{file}: {line}" for line in describe_error(exc, path))
            records.append(None)
    return records


# --- references ------------------------------------------------------------------------------------------------

# A reference's place in a record: the attribute names from the record down to the id, each with whether it
# holds a tuple (``citations``, then ``source_id``), and the id prefixes the reference may have.
Steps = tuple[tuple[str, bool], ...]


@functools.cache
def _reference_steps(cls: type) -> tuple[Steps, ...]:
    """Where the references of a record class are, found from its attributes' ``refers_to`` metadata."""
    found: list[Steps] = []
    attrs.resolve_types(cls)  # done once per class, and already by cattrs for the classes it structures
    for attribute in data_attributes(cls):
        hint = attribute.type
        many = typing.get_origin(hint) is tuple
        inner = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis] or [hint]
        step = ((attribute.name, many),)
        if REFERS_TO in attribute.metadata:
            found.append(step)
        elif len(inner) == 1 and attrs.has(inner[0]):
            found.extend(step + below for below in _reference_steps(inner[0]))
    return tuple(found)


def _values(records: Iterable[object], steps: Steps) -> Iterator[Any]:
    """Every value at ``steps`` below ``records`` (``None`` left out), with the loops in C."""
    values: Iterable[Any] = records
    for name, many in steps:
        values = filter(None, map(attrgetter(name), values))
        if many:
            values = chain.from_iterable(values)
    return iter(values)


def _located(value: object, steps: Steps, path: str) -> Iterator[tuple[str, str]]:
    """(JSON path, id) of each reference at ``steps`` below one record."""
    if not steps:
        yield path, typing.cast("str", value)
        return
    (name, many), rest = steps[0], steps[1:]
    item = getattr(value, name)
    if item is None:
        return
    if many:
        for position, element in enumerate(item):
            yield from _located(element, rest, f"{path}.{name}[{position}]")
    else:
        yield from _located(item, rest, f"{path}.{name}")


def _unknown_references(
    file: str, cls: type, placed: list[tuple[int, Any]], located: dict[str, tuple[str, int]], named: set[str]
) -> Iterator[str]:
    """A problem for each reference of the records ``placed`` (each with its index in ``file``) to an id no item
    of the folder gives. ``named`` holds the ids items give that did not load, and the kinds whose file could not
    be read: references to those are no new problem.

    Every reference is of a kind its attribute accepts (its validator says so). References are checked an
    attribute at a time, with set operations; records are walked one by one only where one is unknown.
    """
    records = [record for _, record in placed]
    for steps in _reference_steps(cls):
        if located.keys() >= set(_values(records, steps)):
            continue
        for position, record in placed:
            for path, ref in _located(record, steps, f"$[{position}]"):
                if ref not in located and ref not in named and ref.partition(":")[0] not in named:
                    yield f"{file}: {path}: unknown id {ref!r}"


# --- JSON ----------------------------------------------------------------------------------------------------


class _Repeated:
    """What stands, in parsed JSON, for an object that repeated a key: the keys it repeated. The object itself is
    dropped at once (it cannot load), so a file of millions of them holds no more memory than one of numbers."""

    __slots__ = ("keys",)

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        seen: set[str] = set()
        self.keys = sorted({key for key, _ in pairs if key in seen or seen.add(key)})  # type: ignore[func-returns-value]


def _repeated_key_paths(data: object) -> Iterator[str]:
    """``$path: ...`` for each object in ``data`` that repeated a key, lazily: each path is made when reached
    (a depth-first walk holding one iterator per level), so the caller may stop after as many as it wants."""
    levels: list[Iterator[tuple[str, object]]] = [iter((("$", data),))]
    while levels:
        step = next(levels[-1], None)
        if step is None:
            levels.pop()
            continue
        path, value = step
        if isinstance(value, _Repeated):
            yield f"{path}: key {', '.join(repr(k) for k in value.keys)} given more than once in one object"
        elif isinstance(value, dict):
            levels.append((f"{path}.{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            levels.append((f"{path}[{index}]", item) for index, item in enumerate(value))


def _read_json(root: Traversable, name: str, problems: list[str]) -> object:
    """The parsed content of ``root/name``, or ``None`` with a problem recorded."""
    try:
        raw = read_file(root, name)
    except FileNotFoundError:
        problems.append(f"{name}: $: missing; a dataset folder needs every record file, even as an empty array []")
        return None
    except (OSError, ValueError) as exc:
        problems.append(f"{name}: $: {_reason(exc)}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{name}: $: not valid UTF-8 at byte {exc.start}")
        return None
    repeated = False

    def object_hook(pairs: list[tuple[str, object]]) -> dict[str, object] | _Repeated:
        # Called for every JSON object (10^5 events make 2 * 10^5): the common case is one dict() and one len().
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        nonlocal repeated
        repeated = True
        return _Repeated(pairs)

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
        problems.extend(f"{name}: {line}" for line in islice(_repeated_key_paths(data), MAX_PROBLEMS))
        return None
    if data is None:  # a file holding just `null` must not pass for one that was reported and skipped
        expected = "an object" if name == METADATA_FILE else "an array of records"
        problems.append(f"{name}: $: got null; expected {expected}")
    return data
