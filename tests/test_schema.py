"""The shipped JSON Schemas: valid 2020-12 schemas, accepting the bundled data, as strict as the loader, in step
with the models."""

from __future__ import annotations

import copy
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import validators as v
from jsonschema import Draft202012Validator

import cuba_iran_relations as cir

DATA = files("cuba_iran_relations.data")
KINDS = [kind.name for kind in cir.KINDS]
FILE_OF_KIND = {kind.name: kind.file for kind in cir.KINDS}


def schema_file(kind: str) -> str:
    """The shipped schema of a kind's data file: ``data/schemas/events.schema.json``."""
    return f"{kind}.schema.json"


def _shipped(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(DATA.joinpath("schemas", schema_file(kind)).read_text("utf-8"))
    return schema


def _data(kind: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(DATA.joinpath(FILE_OF_KIND[kind]).read_text("utf-8"))
    return data


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_a_valid_2020_12_schema(kind: str) -> None:
    schema = _shipped(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_data_file_validates_against_its_schema(kind: str) -> None:
    errors = list(Draft202012Validator(_shipped(kind)).iter_errors(_data(kind)))
    assert errors == []


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_what_json_schema_generates_from_the_models(kind: str) -> None:
    assert cir.json_schema(kind) == _shipped(kind), (
        f"data/schemas/{schema_file(kind)} is out of date with the models; "
        "regenerate it with: python -m cuba_iran_relations._schema"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_schema_forbids_unknown_keys_and_requires_exactly_the_keys_without_defaults(kind: str) -> None:
    schema = _shipped(kind)
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
    record = schema["$defs"][schema["items"]["$ref"].rpartition("/")[2]]
    # Every key a record of the bundled data lacks is optional; every key each of them has is described.
    items = _data(kind)
    for item in items:
        assert set(record["required"]) <= item.keys() <= record["properties"].keys(), item["id"]
    if kind == "events":
        assert {"id", "date", "kind", "participants", "summary", "citations"} <= set(record["required"])
        assert "cameo" not in record["required"]  # has a default, so the loader does not require it


def _load_folder_with(tmp_path: Path, kind: str, records: list[dict[str, Any]]) -> None:
    folder = tmp_path / "data"
    shutil.copytree(str(DATA), folder)
    (folder / FILE_OF_KIND[kind]).write_text(json.dumps(records), encoding="utf-8")
    cir.load(folder)


MUTATIONS = {
    "unknown key": lambda r: r.update(colour="red"),
    "missing required key": lambda r: r.pop("summary"),
    "wrong type": lambda r: r.update(participants="country:cu"),
    "unknown vocabulary value": lambda r: r.update(kind="picnic"),
    "malformed CAMEO code": lambda r: r.update(cameo="57"),
    "unknown key in a citation": lambda r: r["citations"][0].update(page=3),
    "unknown key in a date object": lambda r: r.update(date={"edtf": "2023", "note": "x"}),
    "number as a string field": lambda r: r.update(summary=3),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_schema_rejects_what_the_loader_rejects(tmp_path: Path, mutation: str) -> None:
    records = _data("events")
    broken = copy.deepcopy(records)
    MUTATIONS[mutation](broken[0])
    assert list(Draft202012Validator(_shipped("events")).iter_errors(broken)), f"schema accepted: {mutation}"
    with pytest.raises(cir.DatasetError):
        _load_folder_with(tmp_path, "events", broken)


@pytest.mark.parametrize("amount", [5000000, "5e6", "٥", "5,000", " 5"])
def test_money_amounts_are_decimal_strings_of_ascii_digits_in_the_schema(amount: object) -> None:
    figures = _data("figures")
    validator = Draft202012Validator(_shipped("figures"))
    assert not list(validator.iter_errors(figures))
    broken = copy.deepcopy(figures)
    broken[0]["money"]["amount"] = amount
    assert list(validator.iter_errors(broken))


def test_json_schema_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind: got 'event'"):
        cir.json_schema("event")


def test_regenerating_the_schemas_writes_exactly_the_shipped_files(tmp_path: Path) -> None:
    # write_schemas is what the maintenance command `python -m cuba_iran_relations._schema DIR` runs (its
    # __main__ block only calls it); called here in-process rather than in a subprocess so coverage sees it.
    from cuba_iran_relations._schema import write_schemas

    write_schemas(tmp_path / "schemas")
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    shipped = sorted(p.name for p in DATA.joinpath("schemas").iterdir() if p.name.endswith(".schema.json"))
    assert written == shipped == sorted(schema_file(kind) for kind in KINDS)
    for name in written:
        assert (tmp_path / "schemas" / name).read_text("utf-8") == DATA.joinpath("schemas", name).read_text("utf-8")


@attrs.frozen
class Leaf:
    """A made-up record part whose validators combine checks."""

    code: str = attrs.field(validator=v.and_(v.instance_of(str), v.matches_re(r"[A-Z]{2}")))
    size: str = attrs.field(validator=v.and_(v.instance_of(str), v.in_(("small", "large"))))
    note: str | None = attrs.field(default=None, validator=v.optional(v.matches_re(r"\w+")))


@attrs.frozen
class Pair:
    """A made-up record referring to the same class twice."""

    left: Leaf
    right: Leaf
    sizes: frozenset[str]


def test_generator_reads_patterns_and_choices_through_combined_validators() -> None:
    # No model combines validators (attrs' and_) or refers to one class twice from one record, so this part of
    # the generator is reached only through made-up classes: json_schema takes only the models' kind names.
    from cuba_iran_relations._schema import _Builder

    builder = _Builder()
    builder.add(Pair)
    leaf = builder.defs["Leaf"]
    assert leaf["properties"]["code"] == {"type": "string", "pattern": "^(?:[A-Z]{2})$"}
    assert leaf["properties"]["size"] == {"type": "string", "enum": ["small", "large"]}
    assert leaf["properties"]["note"] == {"anyOf": [{"type": "string", "pattern": r"^(?:\w+)$"}, {"type": "null"}]}
    assert leaf["required"] == ["code", "size"]
    pair = builder.defs["Pair"]
    assert pair["properties"]["left"] == pair["properties"]["right"] == {"$ref": "#/$defs/Leaf"}
    assert pair["properties"]["sizes"] == {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    validator = Draft202012Validator({"$defs": builder.defs, "$ref": "#/$defs/Leaf"})
    assert validator.is_valid({"code": "CU", "size": "small", "note": None})
    assert not validator.is_valid({"code": "cu", "size": "small"})
    assert not validator.is_valid({"code": "CU", "size": "huge"})
