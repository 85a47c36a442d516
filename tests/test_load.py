"""Loading a dataset folder: an exact copy loads equal; each malformed file or record gives ``DatasetError``
whose problems say what is wrong, where; importing the package reads nothing.

The broad sweep (hundreds of generated corruptions, each refused at its file and JSON path) is
``test_corruption.py``; the path argument and the size limits are ``test_limits.py``. Here each problem's
message is checked for what it must say.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import DatasetError

Mutation = Callable[[list[dict[str, Any]]], None]
FILE_NAMES = [kind.file for kind in cir.KINDS]


def edit(folder: Path, name: str, change: Mutation) -> None:
    """Apply ``change`` to the array in ``folder/name`` and write it back."""
    items = json.loads((folder / name).read_text(encoding="utf-8"))
    change(items)
    (folder / name).write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")


def refusal(folder: Path) -> DatasetError:
    """The ``DatasetError`` loading ``folder`` raises; each of its problems is in its message."""
    with pytest.raises(DatasetError) as caught:
        cir.load(folder)
    for problem in caught.value.problems:
        assert problem in str(caught.value)
    return caught.value


def problems_of(folder: Path) -> tuple[str, ...]:
    return refusal(folder).problems


# --- a good folder ----------------------------------------------------------------------------------------------


def test_a_copy_of_the_bundled_folder_loads_an_equal_dataset_reading_its_own_texts(folder: Path) -> None:
    loaded = cir.load(folder)
    bundled = cir.dataset()
    assert tuple(loaded) == tuple(bundled)
    assert loaded.data_version == bundled.data_version == cir.DATA_VERSION
    assert loaded.events_between("2006", "2008") == bundled.events_between("2006", "2008")
    assert loaded.find_person("Jatibzadeh") == bundled.find_person("Jatibzadeh")
    # Its sources read their texts from the copy, not from the package.
    for source in loaded.sources():
        assert source.root == folder
        assert source.text == (folder / source.text_file).read_text(encoding="utf-8")


def test_empty_record_files_load_an_empty_dataset(tmp_path: Path) -> None:
    for name in FILE_NAMES:
        (tmp_path / name).write_text("[]", encoding="utf-8")
    (tmp_path / "metadata.json").write_text('{"format": 2}', encoding="utf-8")
    loaded = cir.load(tmp_path)
    assert len(loaded) == 0
    assert loaded.events() == ()
    assert loaded.events_between(1, 9999) == ()
    assert loaded.data_version is None
    assert loaded.verify().ok


def test_without_a_data_version_in_its_metadata_the_data_version_is_unknown(folder: Path) -> None:
    (folder / "metadata.json").write_text('{"format": 2}', encoding="utf-8")
    assert cir.load(folder).data_version is None


def test_a_folder_without_metadata_is_refused_saying_what_it_needs(folder: Path) -> None:
    (folder / "metadata.json").unlink()
    assert problems_of(folder) == ('metadata.json: $: missing; a dataset folder needs one, at least {"format": 2}',)


def test_a_folder_in_the_0_1_format_is_refused_saying_exactly_what_to_change(folder: Path) -> None:
    # What 0.1 wrote: metadata without a format, statements with "subject", events without roles.
    (folder / "metadata.json").write_text('{"data_version": "2026.11.22"}', encoding="utf-8")
    (problem,) = problems_of(folder)
    assert problem.startswith("metadata.json: $: this folder is in the 0.1 format")
    for instruction in ('set "format": 2 in metadata.json', 'replace each "subject" by "event"', '"targets"'):
        assert instruction in problem


def test_a_folder_of_another_format_is_refused_naming_the_format_read(folder: Path) -> None:
    (folder / "metadata.json").write_text('{"format": 3}', encoding="utf-8")
    assert problems_of(folder) == (
        "metadata.json: $.format: got 3; this version of cuba-iran-relations reads format 2",
    )


def test_verify_reports_a_source_text_removed_after_loading(folder: Path) -> None:
    loaded = cir.load(folder)
    source = loaded.sources()[0]
    (folder / source.text_file).unlink()
    report = loaded.verify()
    assert not report.ok
    expected = f"sources.json: $[?(@.id=={source.id!r})].text_file: cannot read {source.text_file!r}: "
    assert any(p.startswith(expected) for p in report.problems), report.problems


# --- one problem at a time --------------------------------------------------------------------------------------


def set_key(index: int, key: str, value: object) -> Mutation:
    def change(items: list[dict[str, Any]]) -> None:
        items[index][key] = value

    return change


def drop_key(index: int, key: str) -> Mutation:
    def change(items: list[dict[str, Any]]) -> None:
        del items[index][key]

    return change


def duplicate(index: int) -> Mutation:
    def change(items: list[dict[str, Any]]) -> None:
        items.append(dict(items[index]))

    return change


def move_citation_end(items: list[dict[str, Any]]) -> None:
    items[1]["citations"][0]["end"] += 1


@pytest.mark.parametrize(
    ("name", "change", "path", "words"),
    [
        ("events.json", set_key(0, "colour", "red"), "$[0]", ("unknown", "colour")),
        ("events.json", drop_key(1, "summary"), "$[1].summary", ("missing",)),
        ("events.json", set_key(2, "summary", 1), "$[2].summary", ("int", "string")),
        ("events.json", set_key(3, "participants", "country:cu"), "$[3].participants", ("array",)),
        ("events.json", set_key(4, "date", "2006-13"), "$[4].date", ("'2006-13'",)),
        ("events.json", set_key(5, "kind", "party"), "$[5].kind", ("got 'party'", "'meeting'")),
        ("events.json", set_key(6, "location", "place:nowhere"), "$[6].location", ("unknown id", "'place:nowhere'")),
        ("events.json", set_key(7, "location", "person:ebrahim-raisi"), "$[7].location", ("'place:'", "'country:'")),
        (
            "events.json",
            set_key(7, "participants", ["place:havana"]),
            "$[7].participants",
            ("'place:havana'", "'person:' or 'country:' or 'org:'"),
        ),
        ("events.json", set_key(7, "participants", ["country:cu", "country:cu"]), "$[7].participants", ("repeats",)),
        ("events.json", set_key(8, "cameo", 57), "$[8].cameo", ("int",)),
        ("events.json", set_key(0, "stated_count", "3"), "$[0].stated_count", ("str", "integer")),
        ("events.json", set_key(0, "stated_count", True), "$[0].stated_count", ("bool", "integer")),
        ("events.json", set_key(0, "stated_count", 3.0), "$[0].stated_count", ("float", "integer")),
        ("events.json", set_key(0, "stated_count", 0), "$[0].stated_count", ("from 1 to",)),
        ("events.json", set_key(0, "stated_count", 2**63), "$[0].stated_count", ("from 1 to",)),
        ("events.json", set_key(0, "date", {"phrase": "once"}), "$[0].date", ("edtf",)),
        ("events.json", set_key(0, "date", 1975), "$[0].date", ("int",)),
        ("events.json", duplicate(0), f"$[{len(cir.events())}].id", ("duplicate", "events.json $[0]")),
        ("events.json", set_key(8, "id", "event:Bad"), "$[8].id", ("'event:Bad'", "lowercase")),
        ("events.json", set_key(8, "summary", " "), "$[8].summary", ("non-empty",)),
        ("events.json", move_citation_end, "$[1].citations[0].end", ("start + len(quote)",)),
        ("statements.json", set_key(0, "direct", 1), "$[0].direct", ("int",)),
        ("statements.json", set_key(0, "direct", "yes"), "$[0].direct", ("true or false",)),
        ("statements.json", set_key(0, "id", "event:1975-relations-established"), "$[0].id", ("'statement:'",)),
        (
            "statements.json",
            set_key(0, "speakers", ["event:1975-relations-established"]),
            "$[0].speakers",
            ("'event:1975-relations-established'",),
        ),
        ("agreements.json", set_key(0, "fields", ["banking", "astrology"]), "$[0].fields[1]", ("'astrology'",)),
        ("agreements.json", set_key(0, "fields", ["banking", "banking"]), "$[0].fields", ("repeated",)),
        ("agreements.json", set_key(0, "fields", ["Banking"]), "$[0].fields[0]", ("'Banking'", "'banking'")),
        ("agreements.json", set_key(0, "signing_event", "event:none"), "$[0].signing_event", ("unknown id",)),
        ("people.json", set_key(0, "aliases", "Bruno Rodriguez"), "$[0].aliases", ("array",)),
        ("people.json", set_key(0, "died", {"edtf": "2024", "when": "x"}), "$[0].died", ("when",)),
        ("figures.json", set_key(0, "money", {"amount": 5000000, "currency": "USD"}), "$[0].money.amount", ()),
        ("figures.json", set_key(0, "money", {"amount": "٥", "currency": "USD"}), "$[0].money.amount", ("'٥'",)),
        ("figures.json", set_key(0, "money", {"amount": "5", "currency": "usd"}), "$[0].money.currency", ("'usd'",)),
        ("sources.json", set_key(0, "text_file", "texts/missing.txt"), "$[0].text_file", ("not in the folder",)),
        ("countries.json", set_key(0, "citations", []), "$[0].citations", (">= 1",)),
        ("countries.json", set_key(1, "alpha2", "cub"), "$[1].alpha2", ("'cub'",)),
    ],
)
def test_each_malformed_record_gives_a_problem_naming_its_file_json_path_and_what_is_wrong(
    folder: Path, name: str, change: Mutation, path: str, words: tuple[str, ...]
) -> None:
    edit(folder, name, change)
    problems = problems_of(folder)
    matching = [p for p in problems if p.startswith(f"{name}: {path}: ")]
    assert matching, problems
    for word in words:
        assert any(word in p for p in matching), (word, matching)


def test_a_wrong_citation_offset_is_one_problem_at_the_offset(folder: Path) -> None:
    edit(folder, "events.json", move_citation_end)
    (problem,) = problems_of(folder)
    assert problem.startswith("events.json: $[1].citations[0].end: got ")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[{", ("$: invalid JSON", "line 1")),
        (b"{}", ("$: got dict", "array")),
        (b'"events"', ("$: got str", "array")),
        (b"null", ("$: got null", "array")),
        (b"\xff\xfe[]", ("not valid UTF-8",)),
        (b"[1]", ("$[0]: got int", "object")),
        (b'[{"id": "event:a", "id": "event:b"}]', ("$[0]: key 'id' given more than once",)),
    ],
)
def test_a_broken_file_gives_a_problem_naming_it_and_what_is_wrong(
    folder: Path, content: bytes, words: tuple[str, ...]
) -> None:
    (folder / "events.json").write_bytes(content)
    problems = problems_of(folder)
    matching = [p for p in problems if p.startswith("events.json: ")]
    assert matching, problems
    for word in words:
        assert any(word in p for p in matching), (word, matching)


def test_every_problem_in_every_file_is_listed_at_once(folder: Path) -> None:
    edit(folder, "events.json", set_key(0, "colour", "red"))
    edit(folder, "events.json", set_key(4, "date", "2006-13"))
    edit(folder, "agreements.json", set_key(1, "kind", "treaty"))
    edit(folder, "people.json", drop_key(2, "name"))
    (folder / "facts.json").write_bytes(b"[")
    (folder / "missions.json").unlink()
    error = refusal(folder)
    expected = [
        "events.json: $[0]",
        "events.json: $[4].date",
        "agreements.json: $[1].kind",
        "people.json: $[2].name",
        "facts.json: $",
        "missions.json: $",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in error.problems), (start, error.problems)
    assert str(error).startswith(f"dataset {folder}: {len(error.problems)} problems found")


def test_a_bad_record_does_not_also_produce_unknown_id_problems_for_references_to_it(folder: Path) -> None:
    # The 2006 signing event is referred to by the 2006 agreement; breaking the event is one problem, not two.
    edit(folder, "events.json", set_key(4, "colour", "red"))
    problems = problems_of(folder)
    assert len(problems) == 1, problems


def test_an_empty_folder_lists_every_record_file_as_missing(tmp_path: Path) -> None:
    problems = problems_of(tmp_path)
    assert sorted(p.split(":")[0] for p in problems) == sorted([*FILE_NAMES, "metadata.json"])
    assert all(": $: missing" in p for p in problems), problems


# --- importing is cheap -----------------------------------------------------------------------------------------


def test_importing_the_package_loads_neither_attrs_nor_cattrs_and_reads_no_data() -> None:
    script = textwrap.dedent(
        """
        import sys

        opened = []
        sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
        import cuba_iran_relations as cir

        data_files = [p for p in opened if "cuba_iran_relations" in p and p.endswith((".json", ".txt"))]
        heavy = sorted(m for m in ("attrs", "cattrs", "pandas", "matplotlib", "edtf") if m in sys.modules)
        private = sorted(m for m in sys.modules if m.startswith("cuba_iran_relations._") and m != "cuba_iran_relations._version")
        print(repr((data_files, heavy, private, cir.__version__)))
        cir.events()  # the first query does read the data
        print(repr(any(str(p).endswith("events.json") for p in opened)))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    first, second = result.stdout.splitlines()
    assert first == repr(([], [], [], cir.__version__))
    assert second == "True"
