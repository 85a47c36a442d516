"""The loader's and the command line's limits and unusual paths, exercised in-process.

The corruption suite checks these limits at full size in subprocesses; here they are made small (or the
circumstance simulated) so that each branch is seen directly.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import DatasetError, _cli, _load
from cuba_iran_relations._convert import unstructure

DATA = Path(cir.__file__).parent / "data"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copied = tmp_path / "data"
    shutil.copytree(DATA, copied, ignore=shutil.ignore_patterns("__pycache__", "__init__.py", "reference", "schemas"))
    return copied


def test_a_dataset_in_a_zip_archive_loads_the_same_as_the_folder(folder: Path, tmp_path: Path) -> None:
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for path in sorted(folder.rglob("*")):
            packed.write(path, path.relative_to(folder).as_posix())
    from_zip = _load.read_folder(zipfile.Path(archive))
    from_folder = cir.load(folder)
    assert [unstructure(r) for r in from_zip] == [unstructure(r) for r in from_folder]
    assert from_zip.verify().ok


def test_the_problem_list_stops_at_max_problems_with_a_note(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "MAX_PROBLEMS", 5)
    (folder / "events.json").write_text(json.dumps([{"bogus": i} for i in range(50)]), encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        cir.load(folder)
    problems = raised.value.problems
    assert len(problems) == 6
    assert problems[-1] == "(stopped after 5 problems; fix these and load again)"
    assert all(p.startswith("events.json: $[") for p in problems[:5])


def test_a_data_file_that_grows_while_read_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (folder / "events.json").stat().st_size
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", size - 1)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> Any:  # the size seen before the file grew past the limit
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    with pytest.raises(DatasetError, match=r"events\.json: \$: is more than the limit"):
        cir.load(folder)


def test_a_data_file_over_the_limit_is_refused_unread(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 100)
    with pytest.raises(DatasetError, match=r"sources\.json: \$: is \d+ bytes, more than the limit of 100 bytes"):
        cir.load(folder)


def test_a_source_text_over_the_limit_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    largest_json = max(p.stat().st_size for p in folder.glob("*.json"))
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", largest_json)
    source = json.loads((folder / "sources.json").read_text(encoding="utf-8"))[0]
    (folder / source["text_file"]).write_bytes(b"x" * (largest_json + 1))
    with pytest.raises(DatasetError, match=r"sources\.json: \$\[0\]\.text_file: .* is more than the limit"):
        cir.load(folder)


class BytesPath(os.PathLike[bytes]):
    def __fspath__(self) -> bytes:
        return b"/tmp"


def test_a_path_object_giving_bytes_is_refused_with_type_error() -> None:
    with pytest.raises(TypeError, match="path: got BytesPath"):
        cir.load(BytesPath())  # type: ignore[arg-type]


def test_a_symbolic_link_loop_is_no_such_folder(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(FileNotFoundError, match="symbolic link loop"):
        cir.load(loop)


def test_a_file_path_is_not_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "events.json"
    file.write_text("[]", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="expected a folder"):
        cir.load(file)
    with pytest.raises(FileNotFoundError, match="no such folder"):
        cir.load(file / "below")


# --- the command line ------------------------------------------------------------------------------------------


def test_main_refuses_arguments_that_are_not_strings() -> None:
    with pytest.raises(TypeError, match="argv"):
        _cli.main([1], io.StringIO(), io.StringIO())  # type: ignore[list-item]
    with pytest.raises(TypeError, match="argv"):
        _cli.main("timeline", io.StringIO(), io.StringIO())


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_going_away_ends_the_command_quietly_with_status_1() -> None:
    err = io.StringIO()
    assert _cli.main(["timeline"], ClosedPipe(), err) == 1
    assert err.getvalue() == ""


def test_an_output_that_cannot_encode_the_text_ends_with_one_line_and_status_1() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    err = io.StringIO()
    assert _cli.main(["sources"], out, err) == 1
    assert err.getvalue().startswith("cuba-iran-relations: error: the output encoding 'ascii' cannot write ")
    assert err.getvalue().count("\n") == 1


def test_python_dash_m_runs_the_command_line_and_exits_with_its_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import runpy
    import sys

    monkeypatch.setattr(sys, "argv", ["cuba-iran-relations", "events", "--from", "2007", "--to", "2006"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("cuba_iran_relations", run_name="__main__")
    assert exited.value.code == 2
    assert capsys.readouterr().err.startswith("cuba-iran-relations: error: start:")
