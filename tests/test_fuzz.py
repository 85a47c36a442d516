"""Fuzzing the public API and the command line with arbitrary input.

Every public function, given anything (many types, huge, empty and odd Unicode strings, NaN, negative and
far-future years, None, bytes, lists), returns or raises only its documented exceptions; the command line
never raises and never prints a traceback; and afterwards the bundled dataset is exactly what it was.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations import _cli
from strategies import ODD_STRINGS, bounds, junk

# What every function may raise for bad input: TypeError (wrong type), ValueError (malformed value; DatasetError
# is one) and LookupError (KeyError included: unknown id or name).
DOCUMENTED: tuple[type[Exception], ...] = (TypeError, ValueError, LookupError)
# load() may also say the folder is not there; the optional extras' functions that their extra is missing.
DOCUMENTED_FOR: dict[str, tuple[type[Exception], ...]] = {
    "load": (*DOCUMENTED, FileNotFoundError, NotADirectoryError),
    "to_pandas": (*DOCUMENTED, ImportError),
    "to_arrow": (*DOCUMENTED, ImportError),
    "write_site": (*DOCUMENTED, OSError),  # a folder that cannot be written (a name too long, say)
    "plot_timeline": (*DOCUMENTED, ImportError),
}

MODES: st.SearchStrategy[Any] = st.one_of(st.sampled_from(["overlaps", "within"]), junk())
KIND_NAMES: st.SearchStrategy[Any] = st.one_of(st.sampled_from([kind.name for kind in cir.KINDS]), junk())


def every_record_as_json(data: cir.Dataset) -> dict[str, list[dict[str, Any]]]:
    return {kind.name: cir.to_records(kind.name, data) for kind in cir.KINDS}


def bundled_digest() -> str:
    """A digest of every bundled record's JSON, its Python repr and the data version."""
    data = cir.dataset()
    text = json.dumps(
        [every_record_as_json(data), [repr(r) for r in data], data.data_version, len(data)],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@pytest.fixture(autouse=True)
def in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fuzzing runs in a folder of its own: a function given a path may write there (write_site), never elsewhere."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module", autouse=True)
def bundled_dataset_is_unchanged() -> Iterator[None]:
    """Whatever the fuzzing does, the bundled dataset is the same afterwards, and the same as on disk."""
    before = bundled_digest()
    yield
    assert bundled_digest() == before
    fresh = cir.load(Path(cir.__file__).parent / "data")
    assert every_record_as_json(fresh) == every_record_as_json(cir.dataset())


def call(name: str, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Call ``function``; a documented exception is fine (and must say something), anything else fails."""
    try:
        return function(*args, **kwargs)
    except DOCUMENTED_FOR.get(name, DOCUMENTED) as exc:
        message = str(exc)
    assert message, f"{name} raised an exception without a message"
    # Python's own words for an unhashable argument to a cache or a dict lookup name no argument.
    assert "unhashable type" not in message, f"{name}: {message}"
    return None


def plot_and_close(events: Any, ax: Any) -> Any:
    """``plot_timeline(events, ax=ax)``, closing the figure it draws so that fuzzing does not pile up open figures."""
    axes = cir.plot_timeline(events, ax=ax)
    import matplotlib.pyplot as plt  # plot_timeline returned, so the plot extra is installed

    plt.close("all")
    return axes


# One caller per public function (and per public Dataset method that no function of its name hands on to), each
# drawing arguments of any type. test_every_public_function_is_fuzzed keeps this list complete.
CALLERS: dict[str, Callable[[st.DataObject], Any]] = {
    "agreements": lambda d: cir.agreements(),
    "agreements_by_field": lambda d: cir.agreements_by_field(d.draw(junk())),
    "cameo_code": lambda d: cir.cameo_code(d.draw(st.one_of(junk(), st.text(alphabet="0123456789", max_size=5)))),
    "coverage_report": lambda d: cir.coverage_report(d.draw(junk())),
    "dataset": lambda d: cir.dataset(),
    "events": lambda d: cir.events(kind=d.draw(junk()), actor=d.draw(junk())),
    "events_between": lambda d: cir.events_between(
        d.draw(st.one_of(junk(), bounds())), d.draw(st.one_of(junk(), bounds())), mode=d.draw(MODES)
    ),
    "facts": lambda d: cir.facts(topic=d.draw(junk())),
    "figures": lambda d: cir.figures(),
    "find_person": lambda d: cir.find_person(d.draw(junk())),
    "get": lambda d: cir.get(d.draw(junk())),
    "json_schema": lambda d: cir.json_schema(d.draw(KIND_NAMES)),
    "load": lambda d: cir.load(d.draw(junk())),
    "missions": lambda d: cir.missions(),
    "people": lambda d: cir.people(),
    "plot_timeline": lambda d: plot_and_close(d.draw(junk()), d.draw(st.one_of(st.none(), junk()))),
    "relations_history": lambda d: cir.relations_history(),
    "relations_status": lambda d: cir.relations_status(d.draw(st.one_of(junk(), bounds()))),
    "sources": lambda d: cir.sources(),
    "statements": lambda d: cir.statements(speaker=d.draw(junk())),
    "to_gdelt": lambda d: cir.to_gdelt(d.draw(junk())),
    "to_arrow": lambda d: cir.to_arrow(d.draw(KIND_NAMES), d.draw(junk())),
    "search": lambda d: cir.search(d.draw(st.one_of(junk(), st.text(max_size=30)))),
    # Never a usable path: a fuzzed string would be a folder written into wherever the tests run.
    "write_site": lambda d: cir.write_site(
        d.draw(junk().filter(lambda v: not isinstance(v, (str, bytes, os.PathLike)))), d.draw(junk())
    ),
    "to_pandas": lambda d: cir.to_pandas(d.draw(KIND_NAMES), d.draw(junk())),
    "to_records": lambda d: cir.to_records(d.draw(KIND_NAMES), d.draw(junk())),
    "verify": lambda d: cir.verify(),
    "Dataset.of_kind": lambda d: cir.dataset().of_kind(d.draw(KIND_NAMES)),
    "Dataset.countries": lambda d: cir.dataset().countries(),
    "Dataset.organizations": lambda d: cir.dataset().organizations(),
    "Dataset.places": lambda d: cir.dataset().places(),
    "Dataset.uncited": lambda d: cir.dataset().uncited(),
    "Dataset.redirects": lambda d: cir.dataset().redirects(),
}


def public_functions() -> set[str]:
    """Every public function, and every public Dataset method that no function of the same name hands on to."""
    functions = {n for n in cir.__all__ if callable(getattr(cir, n)) and not isinstance(getattr(cir, n), type)}
    methods = {
        f"Dataset.{name}"
        for name, value in vars(cir.Dataset).items()
        if not name.startswith("_") and callable(value) and name not in functions
    }
    return functions | methods


def function_named(name: str) -> Callable[..., Any]:
    """The public function, or the bundled dataset's method (``"Dataset.of_kind"``), called ``name``."""
    owner, _, method = name.rpartition(".")
    function: Callable[..., Any] = getattr(cir.dataset() if owner else cir, method)
    return function


@pytest.mark.parametrize("name", sorted(CALLERS))
@given(data=st.data())
def test_public_function_given_anything_returns_or_raises_only_documented_errors(
    name: str, data: st.DataObject
) -> None:
    result = call(name, CALLERS[name], data)
    if result is not None and name not in ("dataset", "load", "plot_timeline", "json_schema", "to_pandas", "to_arrow"):
        # Query results are tuples of records, a record, a status or a report: nothing else comes back.
        assert isinstance(result, (tuple, list, cir.Person, cir.RelationsStatus, cir.VerifyReport, cir.CameoCode)) or (
            type(result).__module__.startswith("cuba_iran_relations")
        ), (name, type(result))


@given(junk(), junk())
def test_partial_date_given_anything_is_built_or_refused_with_type_or_value_error(text: object, phrase: object) -> None:
    when = call("PartialDate", cir.PartialDate, text, phrase=phrase)
    if when is not None:
        assert isinstance(text, str)
        assert when.earliest <= when.latest


# The public attrs classes, each built with a bad value in each field; Dataset, whose attributes are its indexes
# (built by its own __init__ from records), is fuzzed by its own test below.
ATTRS_CLASSES = [getattr(cir, n) for n in cir.__all__ if hasattr(getattr(cir, n), "__attrs_attrs__") and n != "Dataset"]
# The other public classes, each called with anything.
OTHER_CLASSES: list[type[Any]] = [
    cir.AgreementKind,
    cir.EventKind,
    cir.FactTopic,
    cir.Field,
    cir.FigureKind,
    cir.RelationsStatus,
    cir.Precision,
    cir.Results,
    cir.DatasetError,
]
BAD_VALUES: list[object] = [
    None,
    True,
    -1,
    10**100,
    float("nan"),
    b"2006",
    bytearray(b"x"),
    [],
    ["person:fidel-castro"],
    {},
    set(),
    object(),
    *ODD_STRINGS,
]


def an_instance_of(cls: type[Any]) -> Any:
    """A valid instance of an attrs class of the public API, taken from the bundled data where possible."""
    if cls is cir.PartialDate:
        return cir.PartialDate("2006-01")
    if cls is cir.VerifyReport:
        return cir.verify()
    if cls is cir.CameoCode:
        return cir.cameo_code("057")
    if cls is cir.SentenceCoverage:
        return cir.coverage_report()[0]
    if cls is cir.Kind:
        return cir.KINDS[0]
    found: list[Any] = []
    pending: list[Any] = [*cir.dataset(), *cir.coverage_report(), *cir.dataset().uncited(), *cir.dataset().redirects()]
    while pending and not found:
        value = pending.pop()
        if type(value) is cls:
            found.append(value)
        elif hasattr(value, "__attrs_attrs__"):
            pending.extend(getattr(value, a.name) for a in value.__attrs_attrs__)
        elif isinstance(value, tuple):
            pending.extend(value)
    assert found, f"no instance of {cls.__name__} to start from: add one to an_instance_of"
    return found[0]


@pytest.mark.parametrize("cls", ATTRS_CLASSES, ids=lambda t: t.__name__)
def test_public_classes_given_a_bad_value_in_any_field_refuse_it_with_type_or_value_error(cls: type[Any]) -> None:
    valid = an_instance_of(cls)
    fields = [a for a in cls.__attrs_attrs__ if a.init]
    arguments = {a.name: getattr(valid, a.name) for a in fields}
    assert cls(**arguments) == valid  # the base call is valid: each refusal below is the bad value's doing
    for field in fields:
        for bad in BAD_VALUES:
            call(cls.__name__, cls, **{**arguments, field.name: bad})
        call(cls.__name__, cls, **{k: v for k, v in arguments.items() if k != field.name})


@given(st.sampled_from(OTHER_CLASSES), junk())
def test_other_public_classes_given_anything_are_built_or_refused_with_documented_errors(
    cls: type[Any], value: object
) -> None:
    call(cls.__name__, cls, value)


def test_every_public_function_is_fuzzed() -> None:
    # Every public name: the functions (and Dataset methods) by CALLERS, the classes by the tests above; the rest
    # are values: KINDS gives the kind names the callers draw, DateLike the types of date bounds() draws.
    assert set(CALLERS) == public_functions()
    functions = {name for name in public_functions() if not name.startswith("Dataset.")}
    classes = {name for name in cir.__all__ if isinstance(getattr(cir, name), type)}
    assert classes == {cls.__name__ for cls in [*ATTRS_CLASSES, *OTHER_CLASSES, cir.Dataset]}
    assert set(cir.__all__) - functions - classes == {"DATA_VERSION", "DateLike", "KINDS", "Record", "__version__"}


DATASET_KEYWORDS = [kind.name for kind in cir.KINDS] + ["data_version", "bogus"]


@given(st.dictionaries(st.sampled_from(DATASET_KEYWORDS), junk()))
def test_dataset_given_anything_is_built_or_refused_with_type_or_value_error(kwargs: dict[str, Any]) -> None:
    built = call("Dataset", cir.Dataset, **kwargs)
    if built is not None:
        call("events_between", built.events_between, 1, 9999)


@pytest.mark.parametrize(
    "value",
    [*ODD_STRINGS, None, b"2006", -1, 0, 10**100, float("nan"), float("inf"), [], {}, set()],
    ids=lambda v: repr(v)[:20],
)
def test_every_query_refuses_odd_values_with_documented_errors(value: object) -> None:
    for name in sorted(CALLERS):
        function = function_named(name)
        parameters = [
            p for p in inspect.signature(function).parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD
        ]
        for parameter in parameters:
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
                required = {"start": 2006, "end": 2007} if name == "events_between" else {}
                call(name, function, **required, **{parameter.name: value})
            elif name == "events_between":
                call(name, function, value, value)
            else:
                call(name, function, value)


# --- the command line ----------------------------------------------------------------------------------------

WORDS = [
    "timeline",
    "events",
    "agreements",
    "statements",
    "facts",
    "figures",
    "people",
    "missions",
    "sources",
    "search",
    "verify",
    "check",
    "export",
    "site",
    "--data",
    "--speaker",
    "--about",
    "--topic",
    "country:us",
    "person:fidel-castro",
    "nuclear",
    "radio marti",
    "--format",
    "text",
    "json",
    "csv",
    "jsonl",
    "gdelt",
    "parquet",
    "sqlite",
    "--from",
    "--to",
    "--mode",
    "overlaps",
    "within",
    "--field",
    "banking",
    "sugar industry",
    "2006",
    "2006-13",
    "1979",
    "-5",
    "--help",
    "-h",
    "--version",
    "--",
]
ARGUMENTS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD_STRINGS),
    st.just("\udcff\udcfe"),  # arguments that are not UTF-8 (b"\xff\xfe"), as Python gives them to the program
    st.text(max_size=12).filter(lambda s: "\x00" not in s),
    bounds().map(str),
)


@pytest.fixture(scope="module")
def scratch_cwd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Run the command line from an empty folder, so that nothing it might write lands in the project."""
    folder = tmp_path_factory.mktemp("cwd")
    previous = Path.cwd()
    os.chdir(folder)
    yield folder
    os.chdir(previous)


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = _cli.main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


@given(st.lists(ARGUMENTS, max_size=6).filter(lambda argv: "export" not in argv))
def test_command_line_given_any_arguments_exits_0_1_or_2_without_a_traceback(
    scratch_cwd: Path, argv: list[str]
) -> None:
    status, _, err = run_main(argv)
    assert status in (0, 1, 2)
    assert "Traceback" not in err
    if status == 2:
        assert err.startswith("cuba-iran-relations: error: ")
        assert err.count("\n") == 1, err
    assert list(scratch_cwd.iterdir()) == []


@pytest.mark.parametrize(
    ("folder", "statuses"),
    [
        ("", (2,)),
        ("x\x00y", (2,)),
        ("a-file", (1,)),
        ("a-file/below", (1,)),
        ("n" * 5000, (1, 2)),
        ("ǅ🇨🇺 \u202efolder", (0,)),
        ("deep/er/still", (0,)),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "gdelt"])
def test_export_to_any_folder_name_exits_0_1_or_2_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, statuses: tuple[int, ...], fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    status, _, err = run_main(["export", folder, "--format", fmt])
    assert status in statuses, err
    assert "Traceback" not in err
    if status == 0:
        assert err == ""
        assert any((tmp_path / folder).iterdir())
