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
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from ._attributes import REFERS_TO, data_attributes
from ._convert import converter, describe_error, detailed_converter
from ._errors import DatasetError
from ._files import check_file, read_file
from ._models import KINDS, Kind, Record, Source

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

__all__ = ["MAX_PROBLEMS", "METADATA_FILE", "Contents", "bundled_folder", "folder_path", "read_folder"]

# Reading stops after this many problems: a broken file of millions of elements would otherwise take minutes
# and build a message of gigabytes. The first problems are the ones to fix.
MAX_PROBLEMS = 1000
METADATA_FILE = "metadata.json"

# What a folder holds: the records of each kind (by kind name), and its metadata.
Contents = tuple[dict[str, list[Record]], dict[str, str]]


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
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: got {type(path).__name__} {path!r:.80}; expected a str or os.PathLike folder path")
    text: object = os.fspath(path)
    if not isinstance(text, str):  # an os.PathLike may give bytes
        raise TypeError(f"path: got {type(path).__name__} {path!r:.80}; expected a str or os.PathLike folder path")
    if not text or "\0" in text:
        # Path("") would silently mean the current folder; a NUL byte cannot be in any file name.
        raise ValueError(f"path: got {text!r:.80}; expected a non-empty folder path without NUL characters")
    from pathlib import Path

    try:
        folder = Path(text).absolute()
        info = folder.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"path: got {text!r}; no such folder") from None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL):
            raise ValueError(f"path: got {text!r:.80}; not a usable folder path: {exc.strerror}") from None
        if exc.errno == errno.ELOOP:
            raise FileNotFoundError(f"path: got {text!r}; no such folder (symbolic link loop)") from None
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
    for kind in KINDS:
        records = loaded[kind.name] = []
        data = _read_json(root, kind.file, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{kind.file}: $: got {type(data).__name__}; expected an array of {kind.cls.__name__}")
            continue
        named.update(item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str))
        for index, record in enumerate(_structure_records(data, kind, problems)):
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
    for kind in KINDS:
        problems.extend(_unknown_references(kind, loaded[kind.name], located, named))
    metadata = _read_metadata(root, problems)
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"(stopped after {MAX_PROBLEMS} problems; fix these and load again)"]
    if problems:
        raise DatasetError(problems, where=f"dataset {root}")
    return loaded, metadata


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


def _structure_records(data: list[Any], kind: Kind, problems: list[str]) -> list[Any]:
    """One record per item of a file's array, ``None`` where an item has problems (recorded in ``problems``).

    Valid data is built by the converter without cattrs' detailed validation; if anything fails, every item is
    structured again by the detailed converter, which finds and describes every problem with its JSON path.
    """
    cls = kind.cls
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
        if not isinstance(item, dict):
            problems.append(f"{kind.file}: $[{index}]: got {type(item).__name__}; expected an object ({cls.__name__})")
            records.append(None)
            continue
        try:
            records.append(structure(item, cls))
        except Exception as exc:  # noqa: BLE001 - every structuring failure is reported with its path
            problems.extend(f"{kind.file}: {line}" for line in describe_error(exc, f"$[{index}]"))
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
    kind: Kind, records: list[Record], located: dict[str, tuple[str, int]], named: set[str]
) -> Iterator[str]:
    """A problem for each reference of ``records`` to an id no item of the folder gives.

    Every reference is of a kind its attribute accepts (its validator says so). References are checked an
    attribute at a time, with set operations; records are walked one by one only where one is unknown.
    """
    for steps in _reference_steps(kind.cls):
        if located.keys() >= set(_values(records, steps)):
            continue
        for record in records:
            for path, ref in _located(record, steps, f"$[{located[record.id][1]}]"):
                if ref not in located and ref not in named:
                    yield f"{kind.file}: {path}: unknown id {ref!r}"


# --- JSON ----------------------------------------------------------------------------------------------------


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
