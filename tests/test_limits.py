"""The loader's limits and the paths it refuses, and the command line's unusual outputs, exercised in-process.

The corruption suite checks the size limits at full size in subprocesses; here they are made small (or the
circumstance simulated) so that each branch is seen directly. ``python -m`` and a reader closing the pipe are
``test_cli.py``'s.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import DatasetError, _cli

# The limits are private constants: monkeypatched small here, as a 64 MiB file per test would be slow (the
# documented full-size limit is test_corruption.py's). MAX_PROBLEMS is _load's, MAX_FILE_BYTES _files'.
from cuba_iran_relations import _files as files_module
from cuba_iran_relations import _load as load_module

DATA = Path(cir.__file__).parent / "data"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copied = tmp_path / "data"
    shutil.copytree(DATA, copied, ignore=shutil.ignore_patterns("__pycache__", "__init__.py", "reference", "schemas"))
    return copied


# --- limits ----------------------------------------------------------------------------------------------------


def test_the_problem_list_stops_at_max_problems_with_a_note(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "MAX_PROBLEMS", 5)
    (folder / "events.json").write_text(json.dumps([{"bogus": i} for i in range(50)]), encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        cir.load(folder)
    problems = raised.value.problems
    assert len(problems) == 6
    assert problems[-1] == "(stopped after 5 problems; fix these and load again)"
    assert all(p.startswith("events.json: $[") for p in problems[:5])


def test_a_data_file_that_grows_while_read_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = (folder / "events.json").stat().st_size
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", size - 1)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> Any:  # the size seen before the file grew past the limit
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    with pytest.raises(DatasetError, match=r"events\.json: \$: is more than the limit"):
        cir.load(folder)


def test_a_data_file_over_the_limit_is_refused_unread(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 100)
    with pytest.raises(DatasetError, match=r"sources\.json: \$: is \d+ bytes, more than the limit of 100 bytes"):
        cir.load(folder)


def test_a_source_text_over_the_limit_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    largest_json = max(p.stat().st_size for p in folder.glob("*.json"))
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", largest_json)
    source = json.loads((folder / "sources.json").read_text(encoding="utf-8"))[0]
    (folder / source["text_file"]).write_bytes(b"x" * (largest_json + 1))
    with pytest.raises(DatasetError, match=r"sources\.json: \$\[0\]\.text_file: .* is \d+ bytes, more than the limit"):
        cir.load(folder)


# --- the path argument ------------------------------------------------------------------------------------------


class BytesPath(os.PathLike[bytes]):
    def __fspath__(self) -> bytes:
        return b"/tmp"


@pytest.mark.parametrize("path", [None, 5, b"/tmp", ["/tmp"], BytesPath()], ids=repr)
def test_a_path_of_the_wrong_type_is_refused_with_type_error(path: object) -> None:
    with pytest.raises(TypeError, match=f"path: got {type(path).__name__}"):
        cir.load(path)  # type: ignore[arg-type]


def test_a_missing_folder_or_a_symbolic_link_loop_is_no_such_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        cir.load(tmp_path / "nowhere")
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
# _cli.main(argv, out, err) is the console script's entry point: the command line's public face.


def test_main_refuses_arguments_that_are_not_strings() -> None:
    with pytest.raises(TypeError, match="argv"):
        _cli.main([1], io.StringIO(), io.StringIO())  # type: ignore[list-item]
    with pytest.raises(TypeError, match="argv"):
        _cli.main("timeline", io.StringIO(), io.StringIO())


def test_an_output_that_cannot_encode_the_text_ends_with_one_line_and_status_1() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    err = io.StringIO()
    assert _cli.main(["sources"], out, err) == 1
    assert err.getvalue().startswith("cuba-iran-relations: error: the output encoding 'ascii' cannot write ")
    assert err.getvalue().count("\n") == 1
