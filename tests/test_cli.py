"""The command line: each listing in each format agrees with the API; verify; exit codes 0, 1 and 2; ``python -m``
and the console script; a reader that goes away.

This file is the one home of "``python -m cuba_iran_relations`` runs the command line" and of "a closed pipe
ends the command quietly". What ``export`` writes is tested in ``test_export_datapackage.py`` (and the GDELT
export in ``test_cameo_gdelt.py``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face

PROG = "cuba-iran-relations"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def utf8_environment() -> dict[str, str]:
    """The environment of a child whose output is read as UTF-8: on Windows, Python otherwise writes to a pipe in
    the ANSI code page (cp1252)."""
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m cuba_iran_relations ARGV`` in a subprocess."""
    return run_program(sys.executable, "-m", "cuba_iran_relations", *argv)


def run_program(*command: str) -> subprocess.CompletedProcess[str]:
    """``command`` in a subprocess, its output read as UTF-8 text."""
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=utf8_environment(),
        timeout=60,
        check=False,
    )


def assert_one_line_error(err: str) -> None:
    assert err.startswith(f"{PROG}: error: "), err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err


# What each listing command shows: the API call it must agree with, and the kind of record it lists.
LISTINGS: dict[str, tuple[list[str], Any, str]] = {
    "timeline": (["timeline"], cir.events, "events"),
    "events": (["events", "--from", "2006", "--to", "2008"], lambda: cir.events_between("2006", "2008"), "events"),
    "events within": (
        ["events", "--from", "2005-12-31", "--to", "2008-06", "--mode", "within"],
        lambda: cir.events_between("2005-12-31", "2008-06", mode="within"),
        "events",
    ),
    "agreements": (["agreements"], cir.agreements, "agreements"),
    "agreements field": (
        ["agreements", "--field", "sugar industry"],
        lambda: cir.agreements_by_field("sugar industry"),
        "agreements",
    ),
    "people": (["people"], cir.people, "people"),
    "sources": (["sources"], cir.sources, "sources"),
}


# --- listings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_json_output_is_the_apis_records_in_the_data_files_schema(name: str) -> None:
    argv, query, kind = LISTINGS[name]
    status, out, err = run(*argv, "--format", "json")
    assert (status, err) == (0, "")
    expected = query()
    assert expected
    by_id = {item["id"]: item for item in cir.to_records(kind)}
    assert json.loads(out) == [by_id[record.id] for record in expected]


def _cell(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def assert_date_columns(row: dict[str, str], name: str, when: cir.PartialDate | None) -> None:
    """A date's five CSV columns: EDTF, strict bounds (empty for an open end), precision and phrase."""
    if when is None:
        assert [row[f"{name}_{part}"] for part in ("edtf", "earliest", "latest", "precision", "phrase")] == [""] * 5
        return
    assert row[f"{name}_edtf"] == when.edtf
    assert row[f"{name}_earliest"] == _cell(None if when.open_start else when.earliest)
    assert row[f"{name}_latest"] == _cell(None if when.open_end else when.latest)
    assert row[f"{name}_precision"] == str(when.precision)
    assert row[f"{name}_phrase"] == (when.phrase or "")


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_csv_output_has_one_row_per_record_in_the_apis_order(name: str) -> None:
    argv, query, _ = LISTINGS[name]
    status, out, err = run(*argv, "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = query()
    assert [row["id"] for row in rows] == [record.id for record in expected]
    for row, record in zip(rows, expected, strict=True):
        if not isinstance(record, cir.Source):
            # A multi-valued cell is a JSON array: no value is lost, whatever characters it holds.
            assert json.loads(row["citation_sources"]) == [c.source_id for c in record.citations]
            assert json.loads(row["citation_quotes"]) == [c.quote for c in record.citations]
        if isinstance(record, cir.Event):
            assert_date_columns(row, "date", record.date)
            assert (row["kind"], row["summary"]) == (record.kind.value, record.summary)
            assert json.loads(row["participants"]) == list(record.participants)
            assert row["cameo"] == (record.cameo or "")
        elif isinstance(record, cir.Agreement):
            assert_date_columns(row, "signed", record.signed)
            assert json.loads(row["fields"]) == sorted(f.value for f in record.fields)
            assert row["stated_count"] == ("" if record.stated_count is None else str(record.stated_count))
        elif isinstance(record, cir.Person):
            assert row["name"] == record.name
            assert json.loads(row["aliases"]) == list(record.aliases)
            assert_date_columns(row, "born", record.born)
        else:
            assert_date_columns(row, "published", record.published)
            assert row["title"] == record.title
            assert row["sha256"] == record.sha256
            assert "root" not in row  # the folder a source is read from is not data


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
    assert out == f"ok: {cir.verify().checked} checks, 0 problems\n"


@pytest.fixture
def tampered(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The bundled dataset replaced by a copy whose first event's quote was moved one character on."""
    events = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    citation = events[0]["citations"][0]
    citation["start"] += 1
    citation["end"] += 1
    (folder / "events.json").write_text(json.dumps(events), encoding="utf-8")
    # The command line only reads the bundled dataset: no public way points it at another folder, so the cache
    # the queries answer from is replaced for this test.
    from cuba_iran_relations import _api

    monkeypatch.setattr(_api, "_bundled", cir.load(folder))
    return str(events[0]["id"])


def test_verify_exits_1_and_prints_each_problem_when_a_quote_moved(tampered: str) -> None:
    status, out, err = run("verify")
    assert (status, err) == (1, "")
    problems = [line for line in out.splitlines() if line.startswith("problem: ")]
    assert len(problems) == 1
    assert tampered in problems[0]
    assert out.splitlines()[-1].startswith("FAILED: ")
    assert out.splitlines()[-1].endswith(" checks, 1 problems")


# --- exit status 1 and 2 ------------------------------------------------------------------------------------------


def test_an_unwritable_export_folder_exits_1_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, out, err = run("export", str(blocker / "inside"), "--format", "json")
    assert status == 1
    assert out == ""
    assert_one_line_error(err)
    assert "a-file" in err


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
        (["export", ""], ("folder", "''")),
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


def test_version_names_the_package_and_data_versions() -> None:
    assert run("--version") == (0, f"{PROG} {cir.__version__} (data {cir.DATA_VERSION})\n", "")


# --- as a program -------------------------------------------------------------------------------------------------


def test_python_m_runs_the_command_line_and_exits_with_its_status() -> None:
    listed = run_module("timeline", "--format", "json")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert [item["id"] for item in json.loads(listed.stdout)] == [event.id for event in cir.events()]
    refused = run_module("events", "--from", "2008", "--to", "2006")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert_one_line_error(refused.stderr)
    assert refused.stderr.startswith(f"{PROG}: error: start: ")


class ClosedPipe(io.StringIO):
    """An output whose reader went away: every write is a broken pipe."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_ends_the_command_quietly_with_status_1() -> None:
    # Through main(), as the console script calls it ...
    err = io.StringIO()
    assert main(["timeline"], ClosedPipe(), err) == 1
    assert err.getvalue() == ""
    # ... and as a program whose standard output is a pipe closed before anything is written
    # (`cuba-iran-relations timeline | head -0`): no message at exit either, where Python would report the
    # output it could not flush.
    process = subprocess.Popen(
        [sys.executable, "-m", "cuba_iran_relations", "timeline"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, b"")


def test_the_console_script_runs_when_installed() -> None:
    # Where pip puts this interpreter's scripts (on Windows Scripts\cuba-iran-relations.exe, which outside a virtual
    # environment is not beside python.exe), or beside the interpreter.
    folders = os.pathsep.join(dict.fromkeys([sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]))
    script = shutil.which(PROG, path=folders)
    if script is None:
        pytest.skip("the console script is not installed with this interpreter")
    result = run_program(script, "sources", "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == [s.id for s in cir.sources()]


# --- unusual outputs -------------------------------------------------------------------------------------------


def test_a_closed_standard_output_ends_with_one_line_and_status_1() -> None:
    # `cuba-iran-relations timeline >&-`: Python starts with no sys.stdout at all.
    process = subprocess.run(
        [sys.executable, "-c", ("import sys, os; os.close(1); from cuba_iran_relations._cli import main; "
         "sys.exit(main(['timeline']))")],
        capture_output=False, stderr=subprocess.PIPE, timeout=60, check=False,
    )  # fmt: skip
    assert process.returncode == 1
    assert process.stderr.decode().count("\n") == 1
    assert b"Traceback" not in process.stderr


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["timeline"]])
def test_output_to_a_full_device_fails_with_one_line_and_status_1(argv: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    with open("/dev/full", "w", encoding="utf-8") as full:
        process = subprocess.run(
            [sys.executable, "-m", "cuba_iran_relations", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert process.returncode == 1
    assert process.stderr.decode() == "cuba-iran-relations: error: No space left on device\n"


def test_an_error_naming_a_path_with_a_line_break_is_one_line(tmp_path: Path) -> None:
    try:
        (tmp_path / "a\nfile").write_text("x", encoding="utf-8")  # a file where a folder is wanted
    except OSError as exc:  # Windows allows no control character in a file name
        pytest.skip(f"this file system allows no line break in a file name: {exc}")
    err = io.StringIO()
    assert main(["export", str(tmp_path / "a\nfile" / "below")], io.StringIO(), err) == 1
    assert err.getvalue().count("\n") == 1
    assert "a\\nfile" in err.getvalue()


# --- a user's own dataset --------------------------------------------------------------------------------------


@pytest.fixture
def own_folder(folder: Path) -> Path:
    """A copy of the bundled data folder, with one event fewer (so that its answers differ from the bundled ones)."""
    events = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    kept = [e for e in events if e["id"] != "event:2025-06-us-strikes-on-iranian-nuclear-sites"]
    statements = json.loads((folder / "statements.json").read_text(encoding="utf-8"))
    for statement in statements:
        statement["targets"] = [t for t in statement["targets"] if not t.startswith("event:2025-06-us-strikes")]
    (folder / "events.json").write_text(json.dumps(kept), encoding="utf-8")
    (folder / "statements.json").write_text(json.dumps(statements), encoding="utf-8")
    return folder


def test_every_command_that_reads_data_reads_the_data_folder_given(own_folder: Path, tmp_path: Path) -> None:
    own = cir.load(own_folder)
    commands: list[list[str]] = [
        ["timeline"],
        ["events", "--from", "2025", "--to", "2025"],
        ["agreements"],
        ["statements"],
        ["facts"],
        ["figures"],
        ["people"],
        ["missions"],
        ["sources"],
    ]
    for argv in commands:
        status, out, err = run(*argv, "--format", "json", "--data", str(own_folder))
        assert (status, err) == (0, ""), argv
        ids = [record["id"] for record in json.loads(out)]
        assert ids == [r["id"] for r in _same_query(own, argv)], argv
    assert run("verify", "--data", str(own_folder))[0] == 0
    status, _printed, _ = run("export", str(tmp_path / "out"), "--format", "json", "--data", str(own_folder))
    assert status == 0
    exported = json.loads((tmp_path / "out" / "events.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in exported] == [e.id for e in own.events()] != [e.id for e in cir.events()]


def _same_query(data: cir.Dataset, argv: list[str]) -> list[dict[str, Any]]:
    """What the listing command ``argv`` lists, asked of ``data`` through the API."""
    command = argv[0]
    kind = {"timeline": "events", "events": "events"}.get(command, command)
    if command == "events":
        return [data.to_records("events")[data.events().index(e)] for e in data.events_between("2025", "2025")]
    return data.to_records(kind)


def test_a_data_folder_that_is_broken_ends_with_each_problem_on_a_line_and_status_1(own_folder: Path) -> None:
    (own_folder / "places.json").write_text("[{}]", encoding="utf-8")
    status, out, err = run("timeline", "--data", str(own_folder))
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines
    assert all(line.startswith("cuba-iran-relations: error: places.json: $[0]") for line in lines[:3]), lines


def test_a_data_folder_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = run("timeline", "--data", str(tmp_path / "nowhere"))
    assert status == 2
    # The path as Python writes it ({!r}): on Windows with its backslashes doubled.
    assert err == f"cuba-iran-relations: error: --data: path: got {str(tmp_path / 'nowhere')!r}; no such folder\n"


def test_check_says_ok_and_exits_0_for_a_clean_folder(own_folder: Path) -> None:
    assert run("check", str(own_folder)) == (0, f"{own_folder}: ok\n", "")


def test_check_prints_every_problem_as_file_path_message_and_exits_1(own_folder: Path) -> None:
    # A problem of each stage: loading (a record), verifying (a quote), and sentence coverage (an uncited line).
    events = json.loads((own_folder / "events.json").read_text(encoding="utf-8"))
    events[0]["citations"][0]["quote"] = "X" + events[0]["citations"][0]["quote"][1:]
    (own_folder / "events.json").write_text(json.dumps(events), encoding="utf-8")
    uncited = json.loads((own_folder / "uncited.json").read_text(encoding="utf-8"))
    (own_folder / "uncited.json").write_text(json.dumps(uncited[1:]), encoding="utf-8")
    status, out, err = run("check", str(own_folder))
    assert (status, err) == (1, "")
    lines = out.splitlines()
    assert lines[-1] == f"{own_folder}: 2 problems"
    assert lines[0].startswith(f"events.json: $[?(@.id=={events[0]['id']!r})].citations[0].quote: ")
    assert lines[1].startswith("uncited.json: $: source:wikipedia-cuba-iran-relations [")
    assert all(re.match(r"[a-z]+\.json: \$", line) for line in lines[:-1])
    (own_folder / "places.json").write_text("[{}]", encoding="utf-8")  # now it does not even load
    status, out, _ = run("check", str(own_folder))
    assert status == 1
    assert out.splitlines()[0].startswith("places.json: $[0]")


@pytest.mark.parametrize("argv", [["check"], ["check", ""], ["check", "a\0b"]])
def test_check_without_a_usable_folder_is_a_usage_error(argv: list[str], tmp_path: Path) -> None:
    status, _, err = run(*argv)
    assert status == 2
    assert err.startswith("cuba-iran-relations: error: ")
    status, _, err = run("check", str(tmp_path / "nowhere"))
    assert status == 2
    assert "no such folder" in err


def test_site_writes_the_reader_and_says_where_to_open_it(tmp_path: Path) -> None:
    code, out, err = run("site", str(tmp_path / "reader"))
    assert (code, err) == (0, "")
    written = sorted(p for p in (tmp_path / "reader").rglob("*") if p.is_file())
    assert out == f"wrote {len(written)} files; open {tmp_path / 'reader' / 'index.html'}\n"
    assert (tmp_path / "reader" / "event" / "2008-iran-credit-line-to-cuba.html").is_file()
    # A page per record, a listing per kind but events (whose listing is the timeline), the timeline, two assets.
    assert len(written) == len(cir.dataset()) + (len(cir.KINDS) - 1) + 3


def test_statements_as_text_name_their_speakers_and_quote_their_own_words() -> None:
    code, out, _ = run("statements", "--speaker", "person:fidel-castro")
    (statement,) = cir.statements(speaker="person:fidel-castro")
    assert code == 0
    assert statement.direct
    assert statement.date is None
    assert out.splitlines() == [f"{'':<12} {'':<22} Fidel Castro: “{statement.text}”  [{statement.id}]"]
