"""``cuba-iran-relations export``: CSV, JSON and JSON Lines for every record kind, and a Frictionless Data Package
descriptor for the CSV export, checked by the ``frictionless`` validator."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main
from cuba_iran_relations._load import RECORD_FILES

KINDS = [kind for _, _, kind in RECORD_FILES]


def _export(folder: Path, fmt: str) -> str:
    out = io.StringIO()
    assert main(["export", str(folder), "--format", fmt], out=out) == 0
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_writes_one_file_per_record_kind(tmp_path: Path, fmt: str) -> None:
    _export(tmp_path, fmt)
    for kind in KINDS:
        path = tmp_path / f"{kind}.{fmt}"
        text = path.read_text(encoding="utf-8")
        expected = cir.to_records(kind)
        if fmt == "json":
            assert json.loads(text) == expected
        elif fmt == "jsonl":
            assert [json.loads(line) for line in text.splitlines()] == expected
        else:
            rows = list(csv.DictReader(io.StringIO(text)))
            assert [r["id"] for r in rows] == [r["id"] for r in expected]


def test_csv_export_writes_a_data_package_that_frictionless_validates(tmp_path: Path) -> None:
    printed = _export(tmp_path, "csv")
    descriptor_path = tmp_path / "datapackage.json"
    assert "datapackage.json" in printed
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [f"{kind}.csv" for kind in KINDS]
    report = frictionless.validate(descriptor_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package: Any = frictionless.Package(descriptor_path)  # its resources' read_rows is not in the type hints
    events = package.get_resource("events").read_rows()
    assert [row["id"] for row in events] == [e.id for e in cir.events()]
    figures = {row["id"]: row for row in package.get_resource("figures").read_rows()}
    for figure in cir.figures():
        assert figures[figure.id]["money_amount"] == figure.amount  # read back as an exact number
    statements = package.get_resource("statements").read_rows()
    assert {row["direct"] for row in statements} <= {True, False}


def test_data_package_types_catch_a_corrupted_csv(tmp_path: Path) -> None:
    _export(tmp_path, "csv")
    path = tmp_path / "figures.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["money_amount"] = "five million"
    rows[1]["kind"] = "tribute"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    problems = {(error[1], error[2]) for error in report.flatten(["rowNumber", "fieldName", "type"])}
    assert ("money_amount", "type-error") in problems
    assert ("kind", "constraint-error") in problems


def test_data_package_declares_license_and_data_version(tmp_path: Path) -> None:
    _export(tmp_path, "csv")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == cir.dataset().data_version
    assert descriptor["licenses"][0]["name"] == "CC-BY-SA-4.0"
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"] == ["id"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "gdelt"])
def test_only_the_csv_export_writes_a_descriptor(tmp_path: Path, fmt: str) -> None:
    _export(tmp_path, fmt)
    assert not (tmp_path / "datapackage.json").exists()


def test_a_descriptor_without_a_data_version_has_no_version() -> None:
    from cuba_iran_relations._datapackage import datapackage

    descriptor = datapackage({"events.csv": cir.Event}, None)
    assert "version" not in descriptor
    assert [r["name"] for r in descriptor["resources"]] == ["events"]
