"""A broken dataset can never load: hundreds of corruptions of the bundled data, each refused precisely.

Each case copies the bundled data folder, corrupts it one way and loads it: ``load`` must raise ``DatasetError``
naming the file and the JSON path of the problem, and nothing else; quotes off their offsets and source texts
that no longer match their hash load, but ``verify()`` must then report them. Each case has a time limit, and the
pathological files are refused in a child process that measures the memory refusing them takes (tracemalloc).
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations import DatasetError

# The size limit a data or source-text file may have, as load()'s docstring and docs/guarantees.md state it.
MAX_FILE_BYTES = 64 * 1024 * 1024
DATA = Path(cir.__file__).parent / "data"
RECORD_FILE_NAMES = [kind.file for kind in cir.KINDS]
TYPES = {kind.file: kind.cls for kind in cir.KINDS}
ORIGINAL: dict[str, Any] = {name: json.loads((DATA / name).read_text(encoding="utf-8")) for name in RECORD_FILE_NAMES}

Corrupt = Callable[[Path], None]


@attrs.frozen
class Case:
    """One corruption: what to do to a copy of the data folder, and where the problem must be reported.

    ``where`` is the start of the expected problem line (``"events.json: $[0].date"``); with ``verify`` set, the
    folder loads and ``verify()`` must report a problem containing ``where``.
    """

    id: str
    corrupt: Corrupt
    where: str
    verify: bool = False


def edit(name: str, change: Callable[[Any], object]) -> Corrupt:
    """Rewrite ``name``'s JSON after ``change(data)`` edits it in place."""

    def corrupt(folder: Path) -> None:
        data = copy.deepcopy(ORIGINAL[name]) if name in ORIGINAL else json.loads((folder / name).read_bytes())
        change(data)
        (folder / name).write_text(json.dumps(data), encoding="utf-8")

    return corrupt


def raw(name: str, change: Callable[[bytes], bytes]) -> Corrupt:
    def corrupt(folder: Path) -> None:
        (folder / name).write_bytes(change((folder / name).read_bytes()))

    return corrupt


def truncate(content: bytes, cut: int) -> bytes:
    return content.rstrip()[:cut]


def drop_key(data: list[Any], key: str) -> None:
    del data[0][key]


def remove(folder: Path, name: str) -> None:
    (folder / name).unlink()


def required_keys(cls: type) -> list[str]:
    return [a.name for a in attrs.fields(cls) if a.init and a.default is attrs.NOTHING]


def wrong_value(value: object) -> object:
    """A JSON value of a type the field cannot take."""
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int):
        return "7"
    if isinstance(value, str):
        return 12345
    if isinstance(value, list):
        return "not an array"
    if isinstance(value, dict):
        return [1]
    return 3.5  # in place of null: no optional field holds a float


def set_at(key: str, value: object) -> Callable[[Any], None]:
    """Set ``key`` of the first record."""

    def change(data: Any) -> None:
        data[0][key] = value

    return change


def cases() -> list[Case]:
    found: list[Case] = []
    add = found.append
    for position, name in enumerate(RECORD_FILE_NAMES):
        text = (DATA / name).read_bytes()
        body = text.rstrip()
        records = ORIGINAL[name]
        last = len(records) - 1
        # Truncated JSON, at three places.
        for cut in (1, len(body) // 3, len(body) - 1):
            add(Case(f"{name}-truncated-at-{cut}", raw(name, functools.partial(truncate, cut=cut)), f"{name}: $"))
        # Invalid UTF-8: a stray byte, and a multi-byte sequence cut short.
        add(Case(f"{name}-stray-0xff", raw(name, lambda b: b[:2] + b"\xff" + b[2:]), f"{name}: $"))
        add(Case(f"{name}-cut-utf8", raw(name, lambda b: b[:-3] + b"\xc3" + b[-3:]), f"{name}: $"))
        # Unknown keys, first and last record, and inside a citation.
        add(Case(f"{name}-unknown-key-first", edit(name, lambda d: d[0].update(bogus=1)), f"{name}: $[0]"))
        add(Case(f"{name}-unknown-key-last", edit(name, lambda d: d[-1].update(x=None)), f"{name}: $[{last}]"))
        if "citations" in records[0]:
            add(
                Case(
                    f"{name}-unknown-key-in-citation",
                    edit(name, lambda d: d[0]["citations"][0].update(page=3)),
                    f"{name}: $[0].citations[0]",
                )
            )
        # Missing keys: each required one in turn.
        for key in required_keys(TYPES[name]):
            add(Case(f"{name}-missing-{key}", edit(name, functools.partial(drop_key, key=key)), f"{name}: $[0].{key}"))
        # Wrong types: every key of the first record in turn.
        for key, value in records[0].items():
            add(
                Case(
                    f"{name}-wrong-type-{key}",
                    edit(name, set_at(key, wrong_value(value))),
                    f"{name}: $[0].{key}",
                )
            )
        # Duplicate ids: the first record again at the end; an id of another kind (the next one in KINDS).
        add(Case(f"{name}-duplicate-id", edit(name, lambda d: d.append(d[0])), f"{name}: $[{last + 1}].id"))
        other = cir.KINDS[(position + 1) % len(cir.KINDS)].prefix
        add(Case(f"{name}-id-of-kind-{other}", edit(name, set_at("id", f"{other}:someone")), f"{name}: $[0].id"))
        # Not an array of objects.
        add(Case(f"{name}-top-level-object", raw(name, lambda b: b'{"records": []}'), f"{name}: $"))
        add(Case(f"{name}-top-level-null", raw(name, lambda b: b"null"), f"{name}: $"))
        add(Case(f"{name}-element-array", edit(name, lambda d: d.append([])), f"{name}: $[{last + 1}]"))
        add(Case(f"{name}-element-string", edit(name, lambda d: d.insert(0, "x")), f"{name}: $[0]"))
        add(Case(f"{name}-empty-file", raw(name, lambda b: b""), f"{name}: $"))
        add(Case(f"{name}-missing-file", functools.partial(remove, name=name), f"{name}: $"))
        add(
            Case(
                f"{name}-repeated-key",
                raw(name, lambda b: b.replace(b'"id":', b'"id": "x:y", "id":', 1)),
                f"{name}: $[0]",
            )
        )
    add_dates(add)
    add_references(add)
    add_quotes_and_hashes(add)
    add_odd_files(add)
    return found


DATE_FIELDS = {
    "events.json": "date",
    "agreements.json": "signed",
    "figures.json": "period",
    "relations.json": "start",
}
IMPOSSIBLE_DATES = [
    "2006-02-30",
    "2006-13",
    "2006-00",
    "0000",
    "20061",
    "2006-1-1",
    "1979/1975",
    "2006-03/2006-02",
    "../..",
    "2006-XX-15",
    "２００６",
    "",
    "2006 ",
    "2025-04-31",
    "1900-02-29",
]


def add_dates(add: Callable[[Case], None]) -> None:
    for name, key in DATE_FIELDS.items():
        for bad in IMPOSSIBLE_DATES:
            add(Case(f"{name}-{key}-{bad!r}", edit(name, set_at(key, bad)), f"{name}: $[0].{key}"))
        add(
            Case(
                f"{name}-{key}-phrase-object-without-edtf",
                edit(name, set_at(key, {"phrase": "two years ago"})),
                f"{name}: $[0].{key}",
            )
        )
    # Inverted intervals between two fields: a relations period ending before it starts.
    add(
        Case(
            "relations.json-end-before-start",
            edit("relations.json", lambda d: d[0].update(start="1979", end="1975")),
            "relations.json: $[0].end",
        )
    )


def json_strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, string) for every string in a JSON value, with paths such as ``.roles[0].country``."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_strings(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from json_strings(item, f"{path}.{key}")


def accepted_prefixes(cls: type, path: str) -> tuple[str, ...] | None:
    """The id prefixes the reference attribute at ``path`` of a ``cls`` record accepts (empty: any kind), or
    ``None`` if that attribute is not declared a reference.

    Which kinds a reference accepts is recorded only in its attribute's attrs metadata, under the key that the
    private ``_attributes`` module names: there is no public way to read it.
    """
    from cuba_iran_relations._attributes import REFERS_TO

    names = re.findall(r"\.(\w+)", path)
    for name in names[:-1]:  # down through the nested records (roles, citations) to the attribute
        hint = typing.get_type_hints(cls)[name]
        cls = next(a for a in (*typing.get_args(hint), hint) if isinstance(a, type) and attrs.has(a))
    prefixes: tuple[str, ...] | None = attrs.fields_dict(cls)[names[-1]].metadata.get(REFERS_TO)
    return prefixes


def add_references(add: Callable[[Case], None]) -> None:
    """Every reference the data makes, pointed at an id that does not exist and at a record of the wrong kind,
    and every list of references repeating one.

    References are found in the data itself, as the strings that are the id of another record, so a reference
    attribute the loader did not check would show here as a dangling reference that loads.
    """
    data = cir.dataset()
    ids = {record.id for record in data}
    for name in RECORD_FILE_NAMES:
        seen: set[str] = set()
        for index, item in enumerate(ORIGINAL[name]):
            for path, ref in json_strings(item):
                if path == ".id" or ref not in ids:
                    continue
                shape = path.split("[")[0] if path.startswith(".citations") else path
                if shape in seen:
                    continue
                seen.add(shape)
                attribute = re.sub(r"\[\d+\]$", "", path)  # a list of ids is checked as a whole
                prefix = ref.partition(":")[0]
                # The id is replaced wherever the record names it (an event's actor is also a participant).
                same = [p for p, value in json_strings(item) if value == ref]
                add(
                    Case(
                        f"{name}-dangling{path}",
                        edit(
                            name,
                            functools.partial(set_paths, index=index, paths=same, value=f"{prefix}:no-such-record"),
                        ),
                        f"{name}: $[{index}]{path}: unknown id",
                    )
                )
                if attribute != path and attribute not in seen:
                    seen.add(attribute)
                    repeated = [*item[attribute[1:]], ref] if "." not in attribute[1:] else None
                    if repeated is not None:
                        add(
                            Case(
                                f"{name}-repeated-id{attribute}",
                                edit(name, functools.partial(set_path, index=index, path=attribute, value=repeated)),
                                f"{name}: $[{index}]{attribute}: ",
                            )
                        )
                prefixes = accepted_prefixes(TYPES[name], path)
                wrong = next(
                    (p for p in ("event", "source", "place", "person") if prefixes and p not in prefixes), None
                )
                if wrong is not None:
                    other = next(r.id for r in data if r.id.startswith(wrong + ":"))
                    add(
                        Case(
                            f"{name}-wrong-kind{path}",
                            edit(name, functools.partial(set_path, index=index, path=path, value=other)),
                            f"{name}: $[{index}]{attribute}: ",
                        )
                    )


def set_paths(data: list[Any], index: int, paths: list[str], value: object) -> None:
    """``set_path`` at each of ``paths``."""
    for path in paths:
        set_path(data, index, path, value)


def set_path(data: list[Any], index: int, path: str, value: object) -> None:
    """Set record ``index`` at a path such as ``.roles[0].country`` or ``.participants[1]``."""
    target: Any = data[index]
    steps = path.replace("[", ".[").strip(".").split(".")
    for step in steps[:-1]:
        target = target[int(step[1:-1])] if step.startswith("[") else target[step]
    last = steps[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value


def add_quotes_and_hashes(add: Callable[[Case], None]) -> None:
    for name in RECORD_FILE_NAMES:
        if name == "sources.json":
            continue
        for index, record in enumerate(ORIGINAL[name][:3]):
            if not record.get("citations"):
                continue

            def shift(d: Any, i: int = index) -> None:
                citation = d[i]["citations"][0]
                citation["start"] += 1
                citation["end"] += 1

            def reword(d: Any, i: int = index) -> None:
                citation = d[i]["citations"][0]
                citation["quote"] = "X" + citation["quote"][1:]

            # verify() names a record by a JSONPath filter on its id: it does not know where the file had it.
            where = f"{name}: $[?(@.id=={record['id']!r})].citations[0].quote: "
            add(Case(f"{name}-{index}-quote-moved", edit(name, shift), where, verify=True))
            add(Case(f"{name}-{index}-quote-reworded", edit(name, reword), where, verify=True))
    for index, source in enumerate(ORIGINAL["sources.json"]):
        text_file = source["text_file"]
        add(
            Case(
                f"source-{index}-text-changed",
                raw(text_file, lambda b: b + b" "),
                f"sources.json: $[?(@.id=={source['id']!r})].sha256: {text_file!r} has SHA-256",
                verify=True,
            )
        )
        add(
            Case(
                f"source-{index}-hash-changed",
                edit("sources.json", functools.partial(set_path, index=index, path=".sha256", value="0" * 64)),
                f"sources.json: $[?(@.id=={source['id']!r})].sha256: {text_file!r} has SHA-256",
                verify=True,
            )
        )
        add(
            Case(
                f"source-{index}-text-not-utf8",
                raw(text_file, lambda b: b"\xff" + b),
                f"sources.json: $[?(@.id=={source['id']!r})].text_file: cannot read",
                verify=True,
            )
        )
        add(
            Case(
                f"source-{index}-text-missing",
                functools.partial(remove, name=text_file),
                f"sources.json: $[{index}].text_file",
            )
        )


def replace_file(name: str, make: Callable[[Path], object]) -> Corrupt:
    """Replace the file ``name`` by what ``make`` creates at its path (a folder, a FIFO, a link)."""

    def corrupt(folder: Path) -> None:
        (folder / name).unlink()
        make(folder / name)

    return corrupt


def can_link() -> bool:
    """Whether this process may create symbolic links: Windows allows it only with a privilege or in developer mode."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            os.symlink("nowhere", os.path.join(scratch, "link"))
        except OSError:
            return False
    return True


def nested(depth: int, leaf: str = "0") -> str:
    return "[" * depth + leaf + "]" * depth


def add_odd_files(add: Callable[[Case], None]) -> None:
    events = "events.json"
    add(Case("nesting-100000", raw(events, lambda b: nested(100_000).encode()), f"{events}: $"))
    add(
        Case(
            "nesting-900-in-field", edit(events, set_at("summary", json.loads(nested(900)))), f"{events}: $[0].summary"
        )
    )
    add(
        Case(
            "nesting-deep-objects",
            raw(events, lambda b: ('{"a":' * 50_000 + "0" + "}" * 50_000).encode()),
            f"{events}: $",
        )
    )
    add(
        Case(
            "nesting-900-in-unknown-key",
            edit(events, lambda d: d[0].update(deep=json.loads(nested(900)))),
            f"{events}: $[0]",
        )
    )
    add(
        Case(
            "nesting-900-in-citations",
            edit(events, set_at("citations", json.loads(nested(900)))),
            f"{events}: $[0].citations",
        )
    )
    add(Case("huge-integer", raw(events, lambda b: b"[" + b"9" * 5000 + b"]"), f"{events}: $"))
    add(Case("nan", edit(events, set_at("stated_count", float("nan"))), f"{events}: $[0].stated_count"))
    add(Case("byte-order-mark", raw(events, lambda b: b"\xef\xbb\xbf" + b), f"{events}: $"))
    add(Case("file-is-a-folder", replace_file(events, Path.mkdir), f"{events}: $"))
    # A FIFO, /dev/zero and a symbolic link, on the systems that have them (Linux and macOS; not Windows, which has
    # no FIFO and no /dev/zero, and may not let the tests create links).
    if hasattr(os, "mkfifo"):
        add(Case("file-is-a-fifo", replace_file(events, os.mkfifo), f"{events}: $"))
    if can_link():
        if os.path.exists("/dev/zero"):
            add(Case("file-is-dev-zero", replace_file(events, lambda p: p.symlink_to("/dev/zero")), f"{events}: $"))
        add(Case("file-is-a-dangling-link", replace_file(events, lambda p: p.symlink_to("nowhere")), f"{events}: $"))
    add(Case("oversized-file", lambda f: os.truncate(f / events, MAX_FILE_BYTES + 1), f"{events}: $"))
    add(Case("metadata-not-an-object", raw("metadata.json", lambda b: b"[]"), "metadata.json: $"))
    add(
        Case(
            "metadata-value-not-a-string", edit("metadata.json", lambda d: d.update(data_version=3)), "metadata.json: $"
        )
    )
    add(Case("metadata-truncated", raw("metadata.json", lambda b: b[:5]), "metadata.json: $"))
    add(
        Case(
            "money-as-number",
            edit("figures.json", lambda d: d[0]["money"].update(amount=5)),
            "figures.json: $[0].money.amount",
        )
    )
    add(
        Case(
            "money-exponent",
            edit("figures.json", lambda d: d[0]["money"].update(amount="1E9")),
            "figures.json: $[0].money.amount",
        )
    )
    add(
        Case(
            "money-negative",
            edit("figures.json", lambda d: d[0]["money"].update(amount="-5")),
            "figures.json: $[0].money",
        )
    )
    add(
        Case(
            "citation-offsets-disagree",
            edit(events, lambda d: d[0]["citations"][0].update(end=0)),
            f"{events}: $[0].citations[0]",
        )
    )
    add(Case("no-citations", edit(events, set_at("citations", [])), f"{events}: $[0].citations"))
    add(Case("bad-id-shape", edit(events, set_at("id", "Event: Not A Slug")), f"{events}: $[0].id"))
    add(Case("unknown-event-kind", edit(events, set_at("kind", "invasion")), f"{events}: $[0].kind"))
    add(
        Case(
            "repeated-field",
            edit("agreements.json", lambda d: d[0].update(fields=["banking", "banking"])),
            "agreements.json: $[0].fields",
        )
    )
    add(
        Case(
            "text-file-escapes-folder",
            edit("sources.json", lambda d: d[0].update(text_file="../x.txt")),
            "sources.json: $[0].text_file",
        )
    )


CASES = cases()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corrupted")


def copy_data(into: Path) -> Path:
    """A copy of what ``load`` reads from the bundled data folder: the JSON files and the source texts."""
    copied = into / "data"
    copied.mkdir()
    for path in DATA.glob("*.json"):
        shutil.copyfile(path, copied / path.name)
    shutil.copytree(DATA / "texts", copied / "texts")
    return copied


@pytest.fixture
def folder(scratch: Path) -> Iterator[Path]:
    copied = copy_data(scratch)
    yield copied
    shutil.rmtree(copied)


def test_the_uncorrupted_copy_loads_and_verifies(folder: Path) -> None:
    assert cir.load(folder).verify().ok


def check(case: Case, folder: Path) -> str | None:
    """Why ``case`` is not refused as it must be, or ``None`` when it is."""
    case.corrupt(folder)
    if case.verify:
        report = cir.load(folder).verify()
        if report.ok or not any(case.where in problem for problem in report.problems):
            return f"verify() does not report {case.where!r}: {report.problems}"
        return None
    try:
        cir.load(folder)
    except DatasetError as exc:
        if not any(problem.startswith(case.where) for problem in exc.problems):
            return f"no problem starts with {case.where!r}: {exc.problems}"
        if str(folder) not in str(exc):
            return f"the message does not name the folder: {exc}"
        return None
    return "loaded without error"


# Cases run in batches: one pytest test per case would spend more time in pytest than in loading.
BATCH = 60


@pytest.mark.timeout(120)
@pytest.mark.parametrize("first", range(0, len(CASES), BATCH), ids=lambda first: f"cases-{first}")
def test_corrupted_data_is_refused_with_the_file_and_json_path(scratch: Path, first: int) -> None:
    failures = []
    for case in CASES[first : first + BATCH]:
        folder = copy_data(scratch)
        # Anything but DatasetError escapes here and fails the test, naming the case in the traceback.
        why = check(case, folder)
        if why is not None:
            failures.append(f"{case.id}: {why}")
        shutil.rmtree(folder)
    assert failures == []


# Refusing a file allocates memory in proportion to its size, at most MEMORY_PER_BYTE times it (measured with
# tracemalloc: Python's own allocations, whatever the machine). The worst shapes are millions of tiny JSON
# containers, which json.loads builds before anything can refuse them; an object repeating a key is dropped as
# soon as it is parsed. docs/guarantees.md states the bound and what it means at MAX_FILE_BYTES.
MEMORY_PER_BYTE = 32
SMALL, LARGE = 1 << 18, 1 << 20

MEMORY_SCRIPT = textwrap.dedent(
    """
    import json, sys, tracemalloc
    import cuba_iran_relations as cir
    results = {}
    for shape in sys.argv[2:]:
        try:  # every module and converter hook the loader needs, before measuring
            cir.load(f"{sys.argv[1]}/{shape}/small")
        except cir.DatasetError:
            pass
        results[shape] = []
        for size in ("small", "large"):
            tracemalloc.start()
            try:
                cir.load(f"{sys.argv[1]}/{shape}/{size}")
                problems = []
            except cir.DatasetError as exc:
                problems = list(exc.problems)
            results[shape].append([tracemalloc.get_traced_memory()[1], len(problems), problems[:1]])
            tracemalloc.stop()
    print(json.dumps(results))
    """
)


def _huge_array(element: bytes, size: int) -> bytes:
    count = (size - 2) // (len(element) + 1)
    return b"[" + b",".join([element] * count) + b"]"


def _bad_participants(size: int) -> bytes:
    events = copy.deepcopy(ORIGINAL["events.json"])
    events[0]["participants"] = [0] * (size // 2)
    return json.dumps(events, separators=(",", ":")).encode()


SHAPES: dict[str, tuple[Callable[[int], bytes], str]] = {
    "numbers": (lambda size: _huge_array(b"0", size), "events.json: $[0]"),
    "empty-objects": (lambda size: _huge_array(b"{}", size), "events.json: $[0]"),
    "arrays-of-objects": (lambda size: _huge_array(b"[{},{},{}]", size), "events.json: $[0]"),
    "strings": (lambda size: _huge_array(b'"x"', size), "events.json: $[0]"),
    "one-huge-string": (lambda size: b'["' + b"x" * size + b'"]', "events.json: $[0]"),
    "objects-repeating-a-key": (lambda size: _huge_array(b'{"a":0,"a":0}', size), "events.json: $[0]: key 'a'"),
    "nested-objects-repeating-a-key": (
        lambda size: _huge_array(b'{"b":{"a":0,"a":0}}', size),
        "events.json: $[0].b: key 'a'",
    ),
    "one-object-repeating-a-key-a-million-times": (
        lambda size: b"[{" + b",".join([b'"a":0'] * (size // 6)) + b"}]",
        "events.json: $[0]: key 'a'",
    ),
    "one-object-of-a-million-keys": (
        lambda size: b"[{" + b",".join(b'"k%d":0' % i for i in range(size // 12)) + b"}]",
        "events.json: $[0]",
    ),
    "a-record-with-millions-of-bad-array-elements": (_bad_participants, "events.json: $[0].participants[0]"),
}


@pytest.fixture(scope="module")
def refusals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each shape's (peak traced memory, problem count, first problem) at SMALL and LARGE, from one child process."""
    root = tmp_path_factory.mktemp("shapes")
    for shape, (content, _) in SHAPES.items():
        for name, size in (("small", SMALL), ("large", LARGE)):
            folder = root / shape / name
            shutil.copytree(
                DATA, folder, ignore=shutil.ignore_patterns("__pycache__", "__init__.py", "reference", "schemas")
            )
            (folder / "events.json").write_bytes(content(size))
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(root), *SHAPES],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, Any] = json.loads(done.stdout)
    return found


@pytest.mark.timeout(300)
@pytest.mark.parametrize("shape", list(SHAPES))
def test_refusing_a_pathological_file_takes_memory_in_proportion_to_its_size(
    refusals: dict[str, Any], shape: str
) -> None:
    (small_peak, _, _), (large_peak, count, first) = refusals[shape]
    assert first, "the file loaded"
    assert first[0].startswith(SHAPES[shape][1]), first
    assert 1 <= count <= 1001  # at most MAX_PROBLEMS and the note that the list stops there
    assert large_peak < MEMORY_PER_BYTE * LARGE, f"{large_peak / LARGE:.1f} bytes per byte of the file"
    # Growth in proportion: four times the file, at most about four times the memory (not sixteen).
    assert large_peak / small_peak < 5, (small_peak, large_peak)


def test_a_file_over_the_limit_is_refused_before_it_is_read(folder: Path) -> None:
    (folder / "events.json").write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(cir.DatasetError) as caught:
        cir.load(folder)
    assert caught.value.problems == (
        f"events.json: $: is {MAX_FILE_BYTES + 1} bytes, more than the limit of {MAX_FILE_BYTES} bytes",
    )
