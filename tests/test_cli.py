"""The command line: each listing in each format agrees with the API; exit codes 0, 1 and 2; export files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import _api
from cuba_iran_relations._cli import main
from cuba_iran_relations._convert import structure
from cuba_iran_relations._load import RECORD_FILES

PROG = "cuba-iran-relations"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def assert_one_line_error(err: str) -> None:
    assert err.startswith(f"{PROG}: error: "), err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err


# What each listing command shows, and the API call it must agree with.
LISTINGS: dict[str, tuple[list[str], Any, type]] = {
    "timeline": (["timeline"], cir.events, cir.Event),
    "events": (
        ["events", "--from", "2006", "--to", "2008"],
        lambda: cir.events_between("2006", "2008"),
        cir.Event,
    ),
    "events within": (
        ["events", "--from", "2005-12-31", "--to", "2008-06", "--mode", "within"],
        lambda: cir.events_between("2005-12-31", "2008-06", mode="within"),
        cir.Event,
    ),
    "agreements": (["agreements"], cir.agreements, cir.Agreement),
    "agreements field": (
        ["agreements", "--field", "sugar industry"],
        lambda: cir.agreements_by_field("sugar industry"),
        cir.Agreement,
    ),
    "people": (["people"], cir.people, cir.Person),
    "sources": (["sources"], cir.sources, cir.Source),
}


# --- listings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_json_output_loads_back_into_the_apis_records(name: str) -> None:
    argv, query, record_type = LISTINGS[name]
    status, out, err = run(*argv, "--format", "json")
    assert (status, err) == (0, "")
    expected = query()
    assert expected
    assert [structure(item, record_type) for item in json.loads(out)] == list(expected)


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_csv_output_has_one_row_per_record_in_the_apis_order(name: str) -> None:
    argv, query, _ = LISTINGS[name]
    status, out, err = run(*argv, "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = query()
    assert [row["id"] for row in rows] == [record.id for record in expected]
    for row, record in zip(rows, expected, strict=True):
        if isinstance(record, cir.Event):
            assert (row["date"], row["kind"], row["summary"]) == (record.date.edtf, record.kind.value, record.summary)
            assert row["participants"].split("|") == list(record.participants)
            assert row["cameo"] == (record.cameo or "")
        elif isinstance(record, cir.Agreement):
            assert row["signed"] == record.signed.edtf
            assert row["signed_phrase"] == (record.signed.phrase or "")
            assert set(filter(None, row["fields"].split("|"))) == {f.value for f in record.fields}
            assert row["stated_count"] == ("" if record.stated_count is None else str(record.stated_count))
        elif isinstance(record, cir.Person):
            assert row["name"] == record.name
            assert list(filter(None, row["aliases"].split("|"))) == list(record.aliases)
        else:
            assert row["title"] == record.title
            assert row["sha256"] == record.sha256


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_text_output_is_one_line_per_record_naming_its_id(name: str) -> None:
    argv, query, _ = LISTINGS[name]
    status, out, err = run(*argv)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    expected = query()
    assert len(lines) == len(expected)
    for line, record in zip(lines, expected, strict=True):
        assert record.id in line


def test_people_text_names_each_roles_country_rather_than_its_id() -> None:
    code, out, _ = run("people")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    for person in cir.people():
        for role in person.roles:
            if role.country is not None:
                country = cir.get(role.country)
                assert isinstance(country, cir.Country)
                assert f"{role.title} of {country.name}" in lines[person.id]
                assert role.country not in lines[person.id]


def test_text_is_the_default_format() -> None:
    assert run("timeline") == run("timeline", "--format", "text")


def test_an_empty_result_is_an_empty_listing_not_an_error() -> None:
    status, out, err = run("events", "--from", "1800", "--to", "1801", "--format", "json")
    assert (status, json.loads(out), err) == (0, [], "")


# --- verify -------------------------------------------------------------------------------------------------------


def test_verify_exits_0_and_reports_the_number_of_checks() -> None:
    status, out, err = run("verify")
    assert (status, err) == (0, "")
    assert f"{cir.verify().checked} checks" in out
    assert "0 problems" in out


@pytest.fixture
def tampered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The bundled dataset replaced by a copy whose first event's quote was moved one character on."""
    folder = tmp_path / "data"
    with as_file(files("cuba_iran_relations.data")) as bundled:
        shutil.copytree(bundled, folder, ignore=shutil.ignore_patterns("__pycache__"))
    events = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    citation = events[0]["citations"][0]
    citation["start"] += 1
    citation["end"] += 1
    (folder / "events.json").write_text(json.dumps(events), encoding="utf-8")
    monkeypatch.setattr(_api, "_bundled", cir.load(folder))
    return str(events[0]["id"])


def test_verify_exits_1_and_prints_each_problem_when_a_quote_moved(tampered: str) -> None:
    status, out, err = run("verify")
    assert (status, err) == (1, "")
    problems = [line for line in out.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 1
    assert tampered in problems[0]
    assert "FAILED" in out
    assert "1 problems" in out


def test_the_tampered_dataset_is_gone_after_the_test() -> None:
    assert cir.verify().ok
    assert run("verify")[0] == 0


# --- export -------------------------------------------------------------------------------------------------------


def read_export(path: Path, fmt: str) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        items = json.loads(text)
        assert isinstance(items, list)
        return items
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_export_writes_one_file_per_record_kind_with_every_record(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / "nested"
    status, out, err = run("export", str(target), "--format", fmt)
    assert (status, err) == (0, "")
    everything = list(cir.dataset())
    for _, cls, argument in RECORD_FILES:
        path = target / f"{argument}.{fmt}"
        expected = [record for record in everything if isinstance(record, cls)]
        items = read_export(path, fmt)
        assert len(items) == len(expected), path.name
        assert [item["id"] for item in items] == [record.id for record in expected]
        assert f"{path} ({len(expected)} records)" in out
        if fmt != "csv":
            assert [structure(item, cls) for item in items] == expected


def test_export_defaults_to_csv(tmp_path: Path) -> None:
    assert run("export", str(tmp_path))[0] == 0
    assert (tmp_path / "events.csv").is_file()


def test_exported_json_files_load_back_as_a_dataset(tmp_path: Path) -> None:
    # An export in JSON is a dataset folder once the source texts are beside it.
    assert run("export", str(tmp_path), "--format", "json")[0] == 0
    assert {f"{argument}.json" for _, _, argument in RECORD_FILES} == {name for name, _, _ in RECORD_FILES}
    with as_file(files("cuba_iran_relations.data")) as bundled:
        shutil.copytree(Path(bundled) / "texts", tmp_path / "texts")
    loaded = cir.load(tmp_path)
    assert tuple(loaded) == tuple(cir.dataset())
    assert loaded.verify().ok


def test_an_unwritable_export_folder_exits_1_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, out, err = run("export", str(blocker / "inside"), "--format", "json")
    assert status == 1
    assert out == ""
    assert_one_line_error(err)
    assert "a-file" in err


# --- usage errors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], ()),
        (["frobnicate"], ("frobnicate",)),
        (["events", "--to", "2008"], ("--from",)),
        (["events", "--from", "2006"], ("--to",)),
        (["events", "--from", "2006-13", "--to", "2008"], ("start", "'2006-13'")),
        (["events", "--from", "2006", "--to", "2006-02-30"], ("end", "'2006-02-30'")),
        (["events", "--from", "2008", "--to", "2006"], ("start",)),
        (["events", "--from", "2006", "--to", "2008", "--mode", "inside"], ("inside",)),
        (["agreements", "--field", "astrology"], ("field", "'astrology'")),
        (["timeline", "--format", "xml"], ("xml",)),
        (["export", "somewhere", "--format", "text"], ("text",)),
        (["people", "--unknown-option"], ("--unknown-option",)),
        (["export"], ("DIR",)),
    ],
)
def test_a_usage_error_exits_2_with_one_line_and_no_traceback(argv: list[str], words: tuple[str, ...]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert_one_line_error(err)
    for word in words:
        assert word in err


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["events", "--help"], ["export", "-h"]])
def test_help_is_written_to_out_and_exits_0(argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: {PROG}")


def test_version_is_written_to_out_and_exits_0() -> None:
    assert run("--version") == (0, f"{PROG} {cir.__version__} (data {cir.DATA_VERSION})\n", "")


# --- as a program -------------------------------------------------------------------------------------------------


def test_python_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cuba_iran_relations", "timeline", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert [item["id"] for item in json.loads(result.stdout)] == [event.id for event in cir.events()]


def test_python_m_usage_error_exits_2_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cuba_iran_relations", "events", "--from", "2006-13", "--to", "2008"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_line_error(result.stderr)


def test_a_reader_that_stops_early_ends_the_program_quietly() -> None:
    # As in `cuba-iran-relations timeline | head -1`: standard output is closed before anything is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "cuba_iran_relations", "timeline"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err == b""


def test_version_names_the_package_and_data_versions() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cuba_iran_relations", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert cir.__version__ in result.stdout
    assert cir.DATA_VERSION in result.stdout


def test_the_console_script_runs_when_installed() -> None:
    script = Path(sys.executable).parent / ("cuba-iran-relations.exe" if os.name == "nt" else PROG)
    if not script.exists():
        pytest.skip("the console script is not installed beside this interpreter")
    result = subprocess.run(
        [str(script), "sources", "--format", "csv"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == [s.id for s in cir.sources()]
