"""The loader's limits and the paths it refuses, and the command line's unusual outputs, exercised in-process.

The corruption suite refuses a data file over the size limit at full size, and measures the memory refusing
pathological files takes; here the limits are made small (or the circumstance simulated) so that each branch is
seen directly. ``python -m`` and a reader closing the pipe are
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

# What some of these tests put in place of a file, and the systems that lack it.
NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs (no os.mkfifo: Windows)")
NEEDS_DEV_ZERO = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="this system has no /dev/zero (Windows)")


def symlink(link: Path, target: Path | str, *, folder: bool = False) -> None:
    """Make ``link`` a symbolic link to ``target`` (a folder, with ``folder``: Windows links to folders and to
    files differently), or skip the test where this process may not (Windows without the privilege or developer
    mode)."""
    try:
        link.symlink_to(target, target_is_directory=folder)
    except OSError as exc:
        pytest.skip(f"cannot create a symbolic link here: {exc}")


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
    symlink(loop, loop)
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


def test_an_encoding_error_in_utf_8_gives_no_advice_to_set_utf_8(tmp_path: Path) -> None:
    # A name the output encoding cannot write although it is UTF-8: a lone surrogate (an undecodable file name).
    try:
        (tmp_path / "probe\udcff").mkdir()
    except OSError as exc:  # macOS allows only valid UTF-8 in a file name
        pytest.skip(f"this file system refuses a file name that is not valid UTF-8: {exc}")
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    assert _cli.main(["export", str(tmp_path / "bad\udcff")], out, err) == 1
    message = err.getvalue()
    assert message.startswith("cuba-iran-relations: error: the output encoding 'utf-8' cannot write ")
    assert "PYTHONIOENCODING" not in message
    assert message.count("\n") == 1


# --- files outside the dataset, and files of the layout --------------------------------------------------------


def test_a_source_text_that_links_out_of_the_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    text = folder / "texts" / "efe-14ymedio-2025-04-01.txt"
    outside.write_bytes(text.read_bytes())
    text.unlink()
    symlink(text, outside)
    position = [s["id"] for s in json.loads((folder / "sources.json").read_text("utf-8"))].index(
        "source:efe-14ymedio-2025-04-01"
    )
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    assert caught.value.problems == (
        (
            f"sources.json: $[{position}].text_file: 'texts/efe-14ymedio-2025-04-01.txt' is a link to a file outside the "
            "dataset folder"
        ),
    )


def test_a_texts_folder_that_links_out_of_the_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    shutil.move(folder / "texts", tmp_path / "texts")
    symlink(folder / "texts", tmp_path / "texts", folder=True)
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    assert len(caught.value.problems) == 2
    assert all(p.endswith("is a link to a file outside the dataset folder") for p in caught.value.problems)


def test_a_data_file_that_links_out_of_the_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    shutil.move(folder / "events.json", tmp_path / "events.json")
    symlink(folder / "events.json", tmp_path / "events.json")
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    assert caught.value.problems == ("events.json: $: is a link to a file outside the dataset folder",)


def test_a_link_inside_the_folder_is_read(folder: Path) -> None:
    shutil.move(folder / "events.json", folder / "texts" / "events-copy.json")
    symlink(folder / "events.json", folder / "texts" / "events-copy.json")
    assert cir.load(folder).events() == cir.events()


@pytest.mark.parametrize("name", ["metadata.json", "uncited.json", "redirects.json"])
@pytest.mark.parametrize("shape", ["folder", pytest.param("fifo", marks=NEEDS_FIFO)])
def test_a_file_of_the_layout_that_is_a_folder_or_a_fifo_is_refused_unread(folder: Path, name: str, shape: str) -> None:
    (folder / name).unlink()
    if shape == "folder":
        (folder / name).mkdir()
    else:
        os.mkfifo(folder / name)  # opening it for reading must not wait for a writer
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    assert caught.value.problems == (f"{name}: $: is not a regular file",)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"source_id": "source:efe-14ymedio-2025-04-01", "text": "x"}, "uncited.json: $[10].reason: required key"),
        ({"source_id": "source:nowhere", "text": "x", "reason": "r"}, "uncited.json: $[10].source_id: unknown id"),
        ({"source_id": "event:x", "text": "x", "reason": "r"}, "uncited.json: $[10].source_id: got 'event:x'"),
        ({"source_id": "source:efe-14ymedio-2025-04-01", "text": ["x"], "reason": "r"}, "uncited.json: $[10].text"),
        ([[[]]], "uncited.json: $[10]: got list"),
    ],
)
def test_a_broken_uncited_file_is_refused_when_loading(folder: Path, entry: Any, expected: str) -> None:
    entries = json.loads((folder / "uncited.json").read_text(encoding="utf-8"))
    assert len(entries) == 10
    (folder / "uncited.json").write_text(json.dumps([*entries, entry]), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value.problems


# --- checks made again later -----------------------------------------------------------------------------------


def test_verify_does_not_depend_on_the_folder_current_when_it_runs(folder: Path, tmp_path: Path) -> None:
    os.chdir(folder.parent)
    loaded = cir.load(folder.name)  # a relative path
    os.chdir(tmp_path.parent)
    assert loaded.verify().ok


@pytest.mark.parametrize(
    "swap",
    [pytest.param("fifo", marks=NEEDS_FIFO), pytest.param("endless-device", marks=NEEDS_DEV_ZERO), "outside-link"],
)
def test_verify_reads_texts_with_the_checks_loading_applies(folder: Path, tmp_path: Path, swap: str) -> None:
    loaded = cir.load(folder)
    text = folder / loaded.sources()[0].text_file
    text.unlink()
    if swap == "fifo":
        os.mkfifo(text)  # reading it would wait for a writer for ever
    elif swap == "endless-device":
        symlink(text, "/dev/zero")  # reading it would never end
    else:
        outside = tmp_path / "outside.txt"
        outside.write_text("x", encoding="utf-8")
        symlink(text, outside)
    report = loaded.verify()
    assert not report.ok
    assert any(".text_file: cannot read" in problem for problem in report.problems), report.problems


# --- cost ------------------------------------------------------------------------------------------------------


def _dataset_of_sentences(count: int, tmp_path: Path) -> cir.Dataset:
    """A dataset whose one source has ``count`` sentences, every one cited by one fact."""
    import hashlib

    sentences = [f"Sentence number {i} says a thing." for i in range(count)]
    text = " ".join(sentences)
    root = tmp_path / f"s{count}"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "t.txt").write_text(text, encoding="utf-8")
    source = cir.Source(
        id="source:s", title="t", publisher="p", kind="k", language="en", license="l", attribution="a",
        text_file="texts/t.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), root=root,
    )  # fmt: skip
    facts = []
    offset = 0
    for i, sentence in enumerate(sentences):
        citation = cir.Citation(source_id="source:s", quote=sentence, start=offset, end=offset + len(sentence))
        facts.append(cir.Fact(id=f"fact:f{i}", topic=cir.FactTopic.TRADE, text="t", citations=(citation,)))
        offset += len(sentence) + 1
    return cir.Dataset(sources=[source], facts=facts)


def test_the_coverage_report_grows_in_proportion_to_the_sentences(tmp_path: Path) -> None:
    # Counted in the sweep's steps rather than timed: the report of 8,000 sentences takes no more than about 8 x
    # the work of 1,000 (a quadratic report would take 64 x).
    import time

    def cost(count: int) -> float:
        data = _dataset_of_sentences(count, tmp_path)
        best = float("inf")
        for _ in range(3):
            # Reports made again until 0.1 s of processor time has passed, then timed each: Windows counts
            # processor time in ticks of 15.6 ms, longer than one report of 1,000 sentences takes.
            calls, start = 0, time.process_time()
            while (elapsed := time.process_time() - start) < 0.1:
                report = data.coverage_report()
                calls += 1
            best = min(best, elapsed / calls)
        assert [line.cited_by for line in report] == [(f"fact:f{i}",) for i in range(count)]
        return best

    assert cost(8000) / cost(1000) < 16


def test_verify_keeps_one_copy_of_a_text_that_several_sources_share(folder: Path) -> None:
    import tracemalloc

    sources = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    big = "x" * 4_000_000
    (folder / "texts" / "big.txt").write_text(big, encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(big.encode()).hexdigest()
    shared = [
        {**sources[0], "id": f"source:shared-{i}", "text_file": "texts/big.txt", "sha256": digest} for i in range(10)
    ]
    (folder / "sources.json").write_text(json.dumps(sources + shared), encoding="utf-8")
    loaded = cir.load(folder)
    tracemalloc.start()
    try:
        assert loaded.verify().ok
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One text of 4 MB read once (its bytes and its str), not once per source (80 MB), and no buffer of the
    # largest file allowed (64 MiB) allocated to read it.
    assert peak < 3 * len(big), peak
