"""Nothing a user gets back can be changed: every record, every query result and the Dataset itself, bundled,
loaded and generated.

The walk below fails on any list, dict, set or bytearray reachable from a value (``mutable_parts``), and on any
attrs instance that is unhashable or lets an attribute be set, deleted or added (``frozen_problems``).
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations import Dataset, EventKind, FactTopic, Field
from strategies import RECORD_STRATEGIES, datasets

# --- the walk ------------------------------------------------------------------------------------------------

# Values that hold no mutable state: where the walk stops.
LEAVES = (str, int, float, bool, Decimal, date, enum.Enum, type(None))


def mutable_parts(value: object, path: str = "$") -> Iterator[str]:
    """The path of every list, dict, set, bytearray or unknown object reachable from ``value``."""
    if isinstance(value, (list, dict, set, bytearray)):
        yield f"{path}: {type(value).__name__}"
    elif isinstance(value, LEAVES):
        return
    elif isinstance(value, (tuple, frozenset)):
        if hasattr(value, "__dict__"):
            yield f"{path}: {type(value).__name__} has a __dict__"
        for position, item in enumerate(value):
            yield from mutable_parts(item, f"{path}[{position}]")
    elif attrs.has(type(value)):
        if hasattr(value, "__dict__"):
            yield f"{path}: {type(value).__name__} is not slotted"
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            item = getattr(value, field.name)
            if field.name == "root":  # a Source's dataset folder: where its text is read from, not data
                if not (item is None or isinstance(item, Traversable)):
                    yield f"{path}.root: unexpected {type(item).__name__}"
                continue
            yield from mutable_parts(item, f"{path}.{field.name}")
    else:
        yield f"{path}: unexpected {type(value).__name__}"


def frozen_problems(value: object, path: str = "$") -> Iterator[str]:
    """Every attrs instance reachable from ``value`` that is unhashable or lets an attribute be set or deleted."""
    if isinstance(value, (tuple, frozenset)):
        for position, item in enumerate(value):
            yield from frozen_problems(item, f"{path}[{position}]")
        return
    if not attrs.has(type(value)):
        return
    try:
        hash(value)
    except TypeError as exc:
        yield f"{path}: unhashable: {exc}"
    for field in attrs.fields(type(value)):  # type: ignore[arg-type]
        current = getattr(value, field.name)
        if _can_change(value, field.name, current):
            yield f"{path}.{field.name}: could be set or deleted"
        if field.name != "root":
            yield from frozen_problems(current, f"{path}.{field.name}")
    if _can_change(value, "not_a_field", 1):
        yield f"{path}: a new attribute could be added"


def _can_change(value: object, name: str, new: object) -> bool:
    """Whether setting or deleting attribute ``name`` of ``value`` succeeds (it must raise AttributeError)."""
    try:
        setattr(value, name, new)
    except AttributeError:  # attrs.exceptions.FrozenInstanceError is one
        pass
    else:
        return True
    try:
        delattr(value, name)
    except AttributeError:
        return False
    return True


def problems_in(results: Iterator[tuple[str, Any]]) -> list[str]:
    found = []
    for name, result in results:
        found += [f"{name}: {problem}" for problem in mutable_parts(result)]
        found += [f"{name}: {problem}" for problem in frozen_problems(result)]
    return found


def test_the_walk_finds_mutable_and_unfrozen_values() -> None:
    @attrs.define
    class Loose:
        items: list[int]

    assert list(mutable_parts((1, frozenset({2}), "x"))) == []
    assert list(mutable_parts(({"a": 1},))) == ["$[0]: dict"]
    assert list(mutable_parts(Loose([1]))) == ["$.items: list"]
    assert "$.items: could be set or deleted" in list(frozen_problems(Loose([1])))
    assert list(frozen_problems(cir.get("event:2008-iran-credit-line-to-cuba"))) == []


# --- what the queries return ---------------------------------------------------------------------------------


def every_query_result(data: Dataset) -> Iterator[tuple[str, object]]:
    """Every query of ``data`` with every argument that selects something different."""
    yield "all records", tuple(data)
    for kind in cir.KINDS:
        yield f"of_kind({kind.name})", data.of_kind(kind.name)
    for name in ("events", "agreements", "statements", "figures", "facts", "people", "missions", "sources"):
        yield name, getattr(data, name)()
    for name in ("countries", "organizations", "places", "relations_history"):
        yield name, getattr(data, name)()
    for field in Field:
        yield f"agreements_by_field({field})", data.agreements_by_field(field)
    ids = [record.id for record in data]
    for event_kind in EventKind:
        yield f"events(kind={event_kind})", data.events(kind=event_kind)
    for record_id in ids:
        yield f"events(actor={record_id})", data.events(actor=record_id)
        yield f"statements(speaker={record_id})", data.statements(speaker=record_id)
        yield f"get({record_id})", data.get(record_id)
    for topic in FactTopic:
        yield f"facts(topic={topic})", data.facts(topic=topic)
    for year in range(1960, 2031, 3):
        yield f"relations_status({year})", data.relations_status(year)
        for mode in ("overlaps", "within"):
            yield f"events_between({year}, {year + 5}, {mode})", data.events_between(year, year + 5, mode=mode)
    for person in data.people():
        yield f"find_person({person.name})", data.find_person(person.name)
    yield "verify", data.verify()


def test_no_mutable_state_is_reachable_from_any_bundled_record_or_query_result() -> None:
    assert problems_in(every_query_result(cir.dataset())) == []


def test_module_level_queries_return_the_same_immutable_values() -> None:
    results = [
        ("events_between", cir.events_between(1970, 2030)),
        ("agreements_by_field", cir.agreements_by_field("banking")),
        ("coverage_report", cir.coverage_report()),
        ("verify", cir.verify()),
        ("relations_history", cir.relations_history()),
        ("cameo_code", cir.cameo_code("057")),
    ]
    assert problems_in(iter(results)) == []
    # The table of record kinds is public too: its entries cannot be changed (each names a class, not data).
    assert isinstance(cir.KINDS, tuple)
    assert list(frozen_problems(cir.KINDS)) == []


def test_a_loaded_folder_gives_immutable_records_too(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(Path(cir.__file__).parent / "data", folder)
    assert problems_in(every_query_result(cir.load(folder))) == []


@given(datasets())
def test_no_mutable_state_is_reachable_from_query_results_of_generated_datasets(data: Dataset) -> None:
    assert problems_in(every_query_result(data)) == []


@pytest.mark.parametrize("kind", cir.KINDS, ids=[kind.name for kind in cir.KINDS])
@given(data=st.data())
def test_generated_records_of_every_kind_are_immutable_and_hash_like_their_equal_copies(
    kind: cir.Kind, data: st.DataObject
) -> None:
    record = data.draw(RECORD_STRATEGIES[kind.cls])
    assert problems_in(iter([(kind.name, record)])) == []
    copy = attrs.evolve(record)
    assert copy == record
    assert hash(copy) == hash(record)


# --- the Dataset -------------------------------------------------------------------------------------------------


def test_a_dataset_cannot_be_changed_once_built() -> None:
    data = cir.dataset()
    before = (data.data_version, tuple(data), data.events_between(1, 9999))
    assert list(frozen_problems(data)) == []
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        data.data_version = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del data.data_version
    with pytest.raises(AttributeError):
        data.extra = 1  # type: ignore[attr-defined]
    assert (data.data_version, tuple(data), data.events_between(1, 9999)) == before
