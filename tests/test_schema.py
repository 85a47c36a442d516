"""The shipped JSON Schemas: valid 2020-12 schemas, accepting the bundled data, as strict as the loader, in step
with the models."""

from __future__ import annotations

import copy
import functools
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import validators as v
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import cuba_iran_relations as cir
from cuba_iran_relations._convert import structure  # the loader's own converter, to compare the schema with
from strategies import ODD_STRINGS, RECORD_STRATEGIES

ODD_VALUES = [*ODD_STRINGS, "2006-13", "event:x\n", "", " ", 0, -1, 2**63, [], {}]

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
    assert written == shipped == sorted(schema_file(name) for name in [*KINDS, "metadata", "uncited", "redirects"])
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
    # Anchored at the very end: with "$", Python's re (which jsonschema uses) would accept "CU\n".
    assert leaf["properties"]["code"] == {"type": "string", "pattern": r"^(?:[A-Z]{2})(?![\s\S])"}
    assert leaf["properties"]["size"] == {"type": "string", "enum": ["small", "large"]}
    assert leaf["properties"]["note"] == {
        "anyOf": [{"type": "string", "pattern": r"^(?:\w+)(?![\s\S])"}, {"type": "null"}]
    }
    assert leaf["required"] == ["code", "size"]
    pair = builder.defs["Pair"]
    assert pair["properties"]["left"] == pair["properties"]["right"] == {"$ref": "#/$defs/Leaf"}
    assert pair["properties"]["sizes"] == {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    validator = Draft202012Validator({"$defs": builder.defs, "$ref": "#/$defs/Leaf"})
    assert validator.is_valid({"code": "CU", "size": "small", "note": None})
    assert not validator.is_valid({"code": "cu", "size": "small"})
    assert not validator.is_valid({"code": "CU\n", "size": "small"})
    assert not validator.is_valid({"code": "CU", "size": "huge"})


# What the loader refuses that a schema of one file cannot say (data-model page, "What check adds"), told by the
# models' messages: a value that breaks only one of these is refused by the loader and may pass the schema.
BEYOND_A_SCHEMA = (
    "expected start + len(quote)",
    "has no day",
    "interval's start is after its end",
    "which is before born",
    "which is before start",
    "is not in participants",
    "is both an actor and a target",
    "needs the statement holding its words",
    "is not a verbal act",
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=12) | st.sampled_from(ODD_VALUES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@given(data=st.data())
@settings(max_examples=300)
def test_a_schema_accepts_a_record_exactly_when_the_loader_does_but_for_what_only_check_can_say(
    data: st.DataObject,
) -> None:
    kind = data.draw(st.sampled_from(cir.KINDS))
    generated: dict[str, Any] = {kind.name: [data.draw(RECORD_STRATEGIES[kind.cls])]}
    record = cir.to_records(kind.name, cir.Dataset(**generated))[0]
    key = data.draw(st.sampled_from(sorted(record)))
    changed = copy.deepcopy(record)
    changed[key] = data.draw(st.one_of(json_values, st.sampled_from(_same_kind_values(kind.name, key))))
    _assert_the_schema_and_the_loader_agree(kind, key, changed)


@pytest.mark.parametrize("kind", cir.KINDS, ids=KINDS)
def test_every_edge_value_in_every_field_is_judged_alike_by_the_schema_and_the_loader(kind: cir.Kind) -> None:
    records = cir.to_records(kind.name)
    assert records, f"the bundled data has no {kind.name} to change"
    record = records[0]
    for key in sorted(record):
        for value in [*ODD_VALUES, None, True, 1.5, ["x", "x"], [""], [" "], ["country:cu"], {"edtf": "2006"}]:
            _assert_the_schema_and_the_loader_agree(kind, key, {**record, key: value})
        if isinstance(record[key], list) and record[key]:  # an element of a list, changed the same ways
            for value in ODD_VALUES:
                _assert_the_schema_and_the_loader_agree(kind, key, {**record, key: [value, *record[key][1:]]})


def _assert_the_schema_and_the_loader_agree(kind: cir.Kind, key: str, changed: dict[str, Any]) -> None:
    schema_says = _validator(kind.name).is_valid([changed])
    try:
        structure(changed, kind.cls)
    except Exception as exc:  # noqa: BLE001 - every refusal is compared with the schema's
        refusal = " ".join(str(e) for e in _leaves(exc))
        if not any(reason in refusal for reason in BEYOND_A_SCHEMA):
            assert not schema_says, f"the schema accepts what the loader refuses: {key}={changed[key]!r}: {refusal}"
    else:
        assert schema_says, f"the schema refuses what the loader accepts: {key}={changed[key]!r}"


@functools.cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(cir.json_schema(kind))


def _same_kind_values(kind: str, key: str) -> list[Any]:
    """The values the bundled data holds for ``key`` in any kind's records: plausible, so often valid."""
    values = [item[key] for item in cir.to_records(kind) if key in item]
    return values or [None]


def _leaves(exc: BaseException) -> list[BaseException]:
    """The exceptions a cattrs error group holds, and itself."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for inner in exc.exceptions for leaf in _leaves(inner)]
    return [exc]


@pytest.mark.parametrize("name", ["metadata", "uncited", "redirects"])
def test_the_other_files_of_the_layout_have_schemas_accepting_the_bundled_files(name: str) -> None:
    schema = cir.json_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema == json.loads(DATA.joinpath("schemas", f"{name}.schema.json").read_text("utf-8"))
    assert Draft202012Validator(schema).is_valid(json.loads(DATA.joinpath(f"{name}.json").read_text("utf-8")))
    assert not Draft202012Validator(schema).is_valid({"format": 1} if name == "metadata" else [{"x": 1}])
