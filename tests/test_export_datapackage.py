"""``cuba-iran-relations export``: CSV, JSON and JSON Lines for every record kind, and a Frictionless Data Package
descriptor for the CSV export, checked by the ``frictionless`` validator.

This file is the home of what ``export`` writes; its exit statuses are in ``test_cli.py``, the GDELT export in
``test_cameo_gdelt.py``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import frictionless
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face


def _export(folder: Path, *options: str) -> str:
    out = io.StringIO()
    assert main(["export", str(folder), *options], out=out) == 0
    return out.getvalue()


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def csv_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One CSV export for the tests that only read it."""
    folder = tmp_path_factory.mktemp("csv-export")
    _export(folder, "--format", "csv")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_writes_one_file_per_record_kind_with_every_record(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / "nested"  # missing folders are created
    printed = _export(target, "--format", fmt)
    for kind in cir.KINDS:
        path = target / f"{kind.name}.{fmt}"
        text = path.read_text(encoding="utf-8")
        expected = cir.to_records(kind.name)
        assert f"wrote {path} ({len(expected)} records)\n" in printed
        if fmt == "json":
            assert json.loads(text) == expected
        elif fmt == "jsonl":
            assert [json.loads(line) for line in text.splitlines()] == expected
        else:
            assert [row["id"] for row in _csv_rows(path)] == [record["id"] for record in expected]
    written = {path.name for path in target.iterdir()}
    # CSV comes with its Data Package descriptor; JSON with the rest of a dataset folder's layout.
    extra = {"csv": {"datapackage.json"}, "json": {"metadata.json", "uncited.json", "redirects.json"}}
    assert written == {f"{kind.name}.{fmt}" for kind in cir.KINDS} | extra.get(fmt, set())


def test_export_defaults_to_csv(tmp_path: Path, csv_export: Path) -> None:
    _export(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(path.name for path in csv_export.iterdir())
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (csv_export / path.name).read_bytes(), path.name


def test_exported_json_files_load_back_as_the_same_dataset(tmp_path: Path) -> None:
    # An export in JSON is a dataset folder once the source texts are beside it.
    _export(tmp_path, "--format", "json")
    with as_file(files("cuba_iran_relations.data")) as bundled:
        shutil.copytree(Path(bundled) / "texts", tmp_path / "texts")
    loaded = cir.load(tmp_path)
    assert tuple(loaded) == tuple(cir.dataset())
    assert loaded.verify().ok


def test_csv_columns_are_those_of_to_pandas_and_of_the_descriptor(csv_export: Path) -> None:
    descriptor = json.loads((csv_export / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}
    for kind in cir.KINDS:
        with (csv_export / f"{kind.name}.csv").open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == list(cir.to_pandas(kind.name).columns) == fields[kind.name], kind.name


def test_csv_export_writes_a_data_package_that_frictionless_validates_and_reads_back(csv_export: Path) -> None:
    descriptor_path = csv_export / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [f"{kind.name}.csv" for kind in cir.KINDS]
    report = frictionless.validate(descriptor_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package: Any = frictionless.Package(descriptor_path)  # its resources' read_rows is not in the type hints
    events = package.get_resource("events").read_rows()
    assert [row["id"] for row in events] == [e.id for e in cir.events()]
    for row, event in zip(events, cir.events(), strict=True):
        # Read back as dates by frictionless: the strict bounds, an open end empty.
        assert row["date_earliest"] == (None if event.date.open_start else event.date.earliest)
        assert row["date_latest"] == (None if event.date.open_end else event.date.latest)
        assert row["date_edtf"] == event.date.edtf
        assert row["quad_class"] == event.quad_class
    figures = {row["id"]: row for row in package.get_resource("figures").read_rows()}
    for figure in cir.figures():
        assert figures[figure.id]["money_amount"] == figure.amount  # read back as an exact number
        assert figures[figure.id]["money_currency"] == figure.currency
    statements = {row["id"]: row for row in package.get_resource("statements").read_rows()}
    assert {statement.id: statement.direct for statement in cir.statements()} == {
        key: row["direct"] for key, row in statements.items()
    }


def test_data_package_types_catch_a_corrupted_csv(tmp_path: Path, csv_export: Path) -> None:
    shutil.copytree(csv_export, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "figures.csv"
    rows = _csv_rows(path)
    rows[0]["money_amount"] = "five million"
    rows[1]["kind"] = "tribute"
    rows[1]["period_earliest"] = "2008-02-30"
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
    assert ("period_earliest", "type-error") in problems


def test_data_package_declares_license_and_data_version(csv_export: Path) -> None:
    descriptor = json.loads((csv_export / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == cir.dataset().data_version == cir.DATA_VERSION
    assert descriptor["licenses"][0]["name"] == "CC-BY-SA-4.0"
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"] == ["id"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "gdelt"])
def test_only_the_csv_export_writes_a_descriptor(tmp_path: Path, fmt: str) -> None:
    _export(tmp_path, "--format", fmt)
    assert not (tmp_path / "datapackage.json").exists()


def test_a_descriptor_without_a_data_version_has_no_version() -> None:
    from cuba_iran_relations._datapackage import datapackage

    data = cir.dataset()
    records: dict[str, Any] = {kind.name: data.of_kind(kind.name) for kind in cir.KINDS}
    unversioned = cir.Dataset(**records)
    assert "version" not in datapackage(unversioned)
    assert datapackage(data)["version"] == cir.DATA_VERSION


def test_each_file_states_its_licenses_and_the_terms_of_the_quotes_it_holds(csv_export: Path) -> None:
    descriptor = json.loads((csv_export / "datapackage.json").read_text(encoding="utf-8"))
    sources = {source.id: source for source in cir.sources()}
    assert [s["title"] for s in descriptor["sources"]] == [
        f"{s.title} ({s.license}; {s.attribution})" for s in sources.values()
    ]
    quoting_efe = set()
    for resource in descriptor["resources"]:
        licenses = resource["licenses"]
        assert licenses[0]["name"] == "CC-BY-SA-4.0"
        with (csv_export / resource["path"]).open(encoding="utf-8", newline="") as file:
            cited = {s for row in csv.DictReader(file) for s in json.loads(row.get("citation_sources") or "[]")}
        closed = sorted(s for s in cited if not sources[s].open_license)
        assert [entry["name"] for entry in licenses[1:]] == [f"LicenseRef-{s.partition(':')[2]}" for s in closed]
        for entry, source_id in zip(licenses[1:], closed, strict=True):
            assert sources[source_id].license in entry["title"]
            assert "not under CC-BY-SA-4.0" in entry["title"]
        if closed:
            quoting_efe.add(resource["name"])
    assert {"events", "statements", "people"} <= quoting_efe
    assert "sources" not in quoting_efe
