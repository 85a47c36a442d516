"""The loader's fast path (``_structure``) builds exactly what the cattrs converter builds, and nothing it rejects."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations
from cuba_iran_relations._convert import structure
from cuba_iran_relations._load import RECORD_FILES
from cuba_iran_relations._structure import Unsupported, structure_all

DATA = Path(cuba_iran_relations.__file__).parent / "data"


def _records(name: str) -> list[Any]:
    data: list[Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(("name", "cls"), [(name, cls) for name, cls, _ in RECORD_FILES])
def test_fast_path_builds_the_same_records_as_the_converter(name: str, cls: type) -> None:
    data = _records(name)
    fast = structure_all(data, cls)
    assert fast == [structure(item, cls) for item in data]
    assert [repr(r) for r in fast] == [repr(structure(item, cls)) for item in data]


def _event() -> dict[str, Any]:
    events = _records("events.json")
    return copy.deepcopy(next(e for e in events if e.get("money")))


MUTATIONS = {
    "unknown key": lambda e: e.update(colour="red"),
    "missing required key": lambda e: e.pop("summary"),
    "int for a string": lambda e: e.update(summary=5),
    "bool for an int": lambda e: e.update(stated_count=True),
    "string for an array": lambda e: e.update(participants="country:cu"),
    "unknown enum value": lambda e: e.update(kind="picnic"),
    "number for a decimal": lambda e: e["money"].update(amount=5),
    "malformed decimal": lambda e: e["money"].update(amount="5."),
    "malformed date": lambda e: e.update(date="2006-13"),
    "date object with an unknown key": lambda e: e.update(date={"edtf": "2006", "when": "then"}),
    "validator failure": lambda e: e.update(id="event:Not A Slug"),
    "citation offsets that disagree": lambda e: e["citations"][0].update(end=e["citations"][0]["end"] + 1),
    "not an object": lambda e: e.clear(),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_fast_path_refuses_what_the_converter_rejects(mutation: str) -> None:
    from cuba_iran_relations._models import Event

    event = _event()
    MUTATIONS[mutation](event)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the converter's own error, whatever it is
        structure(event, Event)
    with pytest.raises(Unsupported):
        structure_all([event], Event)


def test_fast_path_refuses_repeated_fields_in_a_frozenset() -> None:
    from cuba_iran_relations._models import Agreement

    agreement = copy.deepcopy(next(a for a in _records("agreements.json") if a.get("fields")))
    agreement["fields"] = [*agreement["fields"], agreement["fields"][0]]
    with pytest.raises(Unsupported):
        structure_all([agreement], Agreement)
