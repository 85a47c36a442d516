"""Nothing a user gets back can be changed: every record and every query result, bundled and generated.

The walk (``tests/immutability.py``, shared with ``test_models.py``) fails on any list, dict, set or bytearray
reachable from a value, on any attrs instance that is unhashable or lets an attribute be set, deleted or added.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given

import cuba_iran_relations as cir
from cuba_iran_relations import Dataset, EventKind, FactTopic, Field
from immutability import frozen_problems, mutable_parts
from strategies import datasets


def every_query_result(data: Dataset) -> Iterator[tuple[str, object]]:
    """Every query of ``data`` with every argument that selects something different."""
    yield "all records", tuple(data)
    for name in ("events", "agreements", "statements", "figures", "facts", "people", "missions", "sources"):
        yield name, getattr(data, name)()
    for name in ("countries", "organizations", "places", "relations_history"):
        yield name, getattr(data, name)()
    for field in Field:
        yield f"agreements_by_field({field})", data.agreements_by_field(field)
    ids = [record.id for record in data]
    for kind in EventKind:
        yield f"events(kind={kind})", data.events(kind=kind)
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


def problems_in(results: Iterator[tuple[str, Any]]) -> list[str]:
    found = []
    for name, result in results:
        found += [f"{name}: {problem}" for problem in mutable_parts(result)]
        found += [f"{name}: {problem}" for problem in frozen_problems(result)]
    return found


def test_no_mutable_state_is_reachable_from_any_bundled_record_or_query_result() -> None:
    assert problems_in(every_query_result(cir.dataset())) == []


def test_module_level_queries_return_the_same_immutable_values() -> None:
    results = [
        ("events_between", cir.events_between(1970, 2030)),
        ("agreements_by_field", cir.agreements_by_field("banking")),
        ("coverage_report", cir.coverage_report()),
        ("verify", cir.verify()),
        ("relations_history", cir.relations_history()),
    ]
    assert problems_in(iter(results)) == []


def test_a_loaded_folder_gives_immutable_records_too(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(Path(cir.__file__).parent / "data", folder)
    assert problems_in(every_query_result(cir.load(folder))) == []


@given(datasets())
def test_no_mutable_state_is_reachable_from_query_results_of_generated_datasets(data: Dataset) -> None:
    assert problems_in(every_query_result(data)) == []


def test_the_walk_finds_mutable_and_unfrozen_values() -> None:
    @attrs.define
    class Loose:
        items: list[int]

    assert list(mutable_parts((1, frozenset({2}), "x"))) == []
    assert list(mutable_parts(({"a": 1},))) == ["$[0]: dict"]
    assert list(mutable_parts(Loose([1]))) == ["$.items: list"]
    assert "$.items: could be set or deleted" in list(frozen_problems(Loose([1])))
    assert list(frozen_problems(cir.get("event:2008-iran-credit-line-to-cuba"))) == []
