"""The docs and the README stay true to the library: examples run, tables and versions match the data.

The files are read from the project folder beside ``tests/``; ``.ci/run`` copies them there when it tests the
built wheel outside the source tree.
"""

from __future__ import annotations

import ast
import doctest
import enum
import re
from pathlib import Path

import pytest

import cuba_iran_relations as cir

PROJECT = Path(__file__).resolve().parents[1]
DOCS = PROJECT / "docs"
README = PROJECT / "README.md"


def doc_pages() -> list[Path]:
    """The source pages, not what a local docs build left in ``docs/_build``."""
    return sorted(page for page in DOCS.rglob("*.md") if "_build" not in page.relative_to(DOCS).parts)


def doctest_blocks(page: Path) -> str:
    """The ``{doctest}`` blocks of a MyST page, as one doctest text."""
    text = page.read_text(encoding="utf-8")
    return "\n".join(re.findall(r"^```\{doctest\}\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE))


def markdown_table(text: str, header_start: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header row starts with ``header_start``, as cell lists."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


@pytest.mark.parametrize("page", [p for p in doc_pages() if "{doctest}" in p.read_text(encoding="utf-8")], ids=str)
def test_doc_page_examples_run_as_shown(page: Path) -> None:
    # The same blocks sphinx-build -b doctest runs, with the same setup and flags, so they also run here
    # against the installed (or built) package.
    test = doctest.DocTestParser().get_doctest(doctest_blocks(page), {"cir": cir}, page.name, str(page), 0)
    assert test.examples
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL)
    assert runner.run(test).failed == 0


def test_docs_have_doctests_on_every_guide() -> None:
    guides = sorted((DOCS / "guides").glob("*.md"))
    assert guides
    assert [g.name for g in guides if "{doctest}" not in g.read_text(encoding="utf-8")] == []


def test_api_reference_documents_every_public_name() -> None:
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    names = re.findall(r"^\.\. (?:autofunction|autoclass|autoexception|data):: ([\w.]+)$", api, flags=re.MULTILINE)
    # A dotted name is a class documented under its private module because the public API returns it.
    documented = {name for name in names if "." not in name}
    assert set(cir.__all__) - documented == set()
    assert documented - set(cir.__all__) == set()


def test_data_model_has_a_generated_table_for_every_vocabulary() -> None:
    # A vocabulary is a public enum of words (Precision, an enum of ints, orders dates and is not one).
    public = [getattr(cir, name) for name in cir.__all__]
    vocabularies = {
        value.__name__
        for value in public
        if isinstance(value, type) and issubclass(value, enum.Enum) and all(isinstance(m.value, str) for m in value)
    }
    assert vocabularies
    page = (DOCS / "data-model.md").read_text(encoding="utf-8")
    tables = set(re.findall(r"^```\{cir-table\} vocabulary (\w+)$", page, flags=re.MULTILINE))
    assert tables == vocabularies


def test_readme_sources_table_lists_every_source_with_its_license() -> None:
    rows = markdown_table(README.read_text(encoding="utf-8"), "| source |")
    by_id = {source.id: source for source in cir.sources()}
    assert sorted(row[0].strip("`") for row in rows) == sorted(by_id)
    for source_id, _, license_text in rows:
        source = by_id[source_id.strip("`")]
        # The README shortens the license; its first clause must be the record's.
        assert re.split(r"[;,]", license_text)[0] == re.split(r"[;,]", source.license)[0]


def test_dates_page_edtf_table_matches_partial_date() -> None:
    rows = markdown_table((DOCS / "dates.md").read_text(encoding="utf-8"), "| EDTF |")
    assert len(rows) >= 7
    for edtf, _, precision in rows:
        when = cir.PartialDate(edtf.strip("`"))
        assert str(when.precision) == precision
        assert when.is_interval == ("/" in edtf)
        assert when.approximate == ("~" in edtf)
        assert when.uncertain == ("?" in edtf)


def test_citation_file_version_is_the_package_version() -> None:
    citation = (PROJECT / "CITATION.cff").read_text(encoding="utf-8")
    versions = re.findall(r'^version: "?([^"\n]+)"?$', citation, flags=re.MULTILINE)
    assert versions == [cir.__version__]


def test_data_version_is_a_calendar_version_and_the_bundled_data_carries_it() -> None:
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", cir.DATA_VERSION)
    assert cir.dataset().data_version == cir.DATA_VERSION


def test_changelog_follows_keep_a_changelog() -> None:
    changelog = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(.+?)\](.*)$", changelog, flags=re.MULTILINE)
    assert releases[0] == ("Unreleased", "")
    for version, date in releases[1:]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", version)
        assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", date)
    sections = set(re.findall(r"^### (\w+)$", changelog, flags=re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    # The docs page includes the changelog rather than copying it.
    assert "{include} ../CHANGELOG.md" in (DOCS / "changelog.md").read_text(encoding="utf-8")


def test_methodology_renders_coverage_from_the_library() -> None:
    # The coverage tables are computed by the docs build from coverage_report(); the page must use them rather
    # than a hand-written copy, and the report must account for every line.
    page = (DOCS / "methodology.md").read_text(encoding="utf-8")
    assert "```{cir-table} coverage" in page
    assert "```{cir-table} uncited" in page
    report = cir.coverage_report()
    assert [line.text for line in report if not line.covered] == []


def test_every_test_the_guarantees_page_names_exists() -> None:
    # Every `file.py::test_name` (and every `file.py` named alone) on the page is a file under tests/ defining that
    # test at its top level: a parametrized test is an ordinary function there.
    page = (DOCS / "guarantees.md").read_text(encoding="utf-8")
    named = re.findall(r"`([\w.]+\.py)(?:::(\w+))?`", page)
    assert named, "docs/guarantees.md names no test"
    tests = PROJECT / "tests"
    missing = []
    for file, test in named:
        path = tests / file
        if not path.is_file():
            missing.append(f"{file}: no such file under tests/")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        if test and (not test.startswith("test_") or test not in defined):
            missing.append(f"{file}::{test}: no such test")
    assert missing == []
