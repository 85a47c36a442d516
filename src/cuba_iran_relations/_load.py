"""Reading a dataset folder: JSON files -> validated records -> an indexed ``Dataset``, or ``DatasetError``.

Every problem in every file is collected before anything is returned, each with its file and JSON path;
nothing is half-loaded. Reading writes nothing and touches no network.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ._convert import describe_error, structure
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

__all__ = ["RECORD_FILES", "load", "load_bundled", "read_folder"]

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


def _read_json(root: Traversable, name: str, problems: list[str]) -> object:
    """The parsed content of ``root/name``, or ``None`` with a problem recorded."""
    try:
        raw = root.joinpath(name).read_bytes()
    except FileNotFoundError:
        problems.append(f"{name}: missing; a dataset folder needs every record file, even as an empty array []")
        return None
    except OSError as exc:
        problems.append(f"{name}: cannot be read: {exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{name}: not valid UTF-8 at byte {exc.start}")
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(f"{name}: $: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
    except RecursionError:
        problems.append(f"{name}: $: JSON nested too deeply to read")
    return None


def read_folder(root: Traversable, data_version: str | None = None) -> Dataset:
    """Read and validate every file of a dataset folder; raise ``DatasetError`` listing every problem."""
    problems: list[str] = []
    loaded: dict[str, list[Any]] = {}
    located: dict[str, tuple[str, int]] = {}  # id -> (file, index) of its first definition
    for name, cls, argument in RECORD_FILES:
        data = _read_json(root, name, problems)
        records: list[Any] = []
        loaded[argument] = records
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{name}: $: got {type(data).__name__}; expected an array of {cls.__name__} records")
            continue
        for index, item in enumerate(data):
            try:
                record = structure(item, cls)
            except Exception as exc:  # noqa: BLE001 - every structuring failure is reported with its path
                problems.extend(f"{name}: {line}" for line in describe_error(exc, f"$[{index}]"))
                continue
            if record.id in located:
                first_file, first_index = located[record.id]
                problems.append(
                    f"{name}: $[{index}].id: duplicate id {record.id!r}, first used at {first_file} $[{first_index}]"
                )
                continue
            located[record.id] = (name, index)
            if isinstance(record, Source):
                record = attrs.evolve(record, root=root)
                if not root.joinpath(*record.text_file.split("/")).is_file():
                    problems.append(f"{name}: $[{index}].text_file: {record.text_file!r} is not in the folder")
            records.append(record)
    for name, _, argument in RECORD_FILES:
        for record in loaded[argument]:
            _, index = located[record.id]
            for path, ref, prefixes in _references(record):
                if ref not in located:
                    problems.append(f"{name}: $[{index}]{path}: unknown id {ref!r}")
                elif prefixes and ref.partition(":")[0] not in prefixes:
                    kinds = ", ".join(f"'{p}:'" for p in prefixes)
                    problems.append(f"{name}: $[{index}]{path}: {ref!r} is not one of {kinds}")
    metadata = _read_metadata(root, problems)
    if problems:
        raise DatasetError(problems, where=f"dataset {root}")
    version = data_version if data_version is not None else metadata.get("data_version")
    return Dataset(data_version=version, **loaded)


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

    Raises ``TypeError`` if ``path`` is not a ``str`` or path, ``FileNotFoundError``/``NotADirectoryError`` if
    it is not a folder, and ``DatasetError`` (a ``ValueError``) listing every problem in its files.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: got {type(path).__name__} {path!r}; expected a str or os.PathLike folder path")
    folder = Path(path)
    if not folder.exists():
        raise FileNotFoundError(f"path: got {str(path)!r}; no such folder")
    if not folder.is_dir():
        raise NotADirectoryError(f"path: got {str(path)!r}; expected a folder holding the dataset's JSON files")
    return read_folder(folder)


def load_bundled() -> Dataset:
    """Read the dataset shipped inside the package."""
    from ._version import DATA_VERSION

    return read_folder(files("cuba_iran_relations.data"), data_version=DATA_VERSION)
